"""Show text from the group or its workspace exactly as typed.

Textual and Rich read square brackets in a plain ``str`` as markup: a member named
``[/]Broken [bold`` would crash a widget, and ``[red]x[/red]`` would restyle it. Every value
that can come from a person (work names, motion wording, notes, organization and partner
names, review comments) or from a workspace file reaches a widget through this module.
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape as _rich_escape
from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable


def plain(value: object) -> Content:
    """Return ``value`` (any object; ``None`` becomes ``""``) as a Textual ``Content`` shown literally.

    Content is never parsed as markup, so brackets show as brackets. Pass it to ``Static``,
    ``Label``, ``Option``, ``Selection``, ``RadioButton``, ``Button``, ``notify`` and the like.
    """
    if isinstance(value, Content):
        return value
    if isinstance(value, Text):
        return Content.from_rich_text(value)
    return Content("" if value is None else str(value))


def escape(value: object) -> str:
    """Return ``str(value)`` with markup brackets escaped, for interpolation into a markup string.

    Use it where a translated fixed string keeps its own styling (``"[b]{name}[/b]"``) and a
    user value is placed inside it.
    """
    return _rich_escape("" if value is None else str(value))


def plain_cell(value: Any) -> Any:
    """Return a ``DataTable`` cell that shows ``value`` literally: a ``str`` becomes a rich ``Text``.

    Other values (``Text``, ``Content``, numbers, dates) are returned unchanged; the table
    formats them without markup parsing.
    """
    return Text(value, end="") if isinstance(value, str) else value


class PlainDataTable(DataTable):
    """A ``DataTable`` whose ``str`` cells, labels and column titles are shown literally.

    Textual's default cell formatter parses ``str`` cells as markup; this table turns them into
    ``Text`` first, so a name such as ``[/]Broken [bold`` neither crashes nor restyles the table.
    """

    def add_column(self, label: Any, *args: Any, **kwargs: Any):  # type: ignore[override]
        return super().add_column(plain_cell(label), *args, **kwargs)

    def add_row(self, *cells: Any, **kwargs: Any):  # type: ignore[override]
        label = kwargs.get("label")
        if label is not None:
            kwargs["label"] = plain_cell(label)
        return super().add_row(*(plain_cell(c) for c in cells), **kwargs)

    def update_cell(self, row_key: Any, column_key: Any, value: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().update_cell(row_key, column_key, plain_cell(value), **kwargs)

    def update_cell_at(self, coordinate: Any, value: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().update_cell_at(coordinate, plain_cell(value), **kwargs)
