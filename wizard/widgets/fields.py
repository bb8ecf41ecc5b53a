"""Form fields in the wizard's style: one line high (compact), so a form fits in 80x24."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select, Static
from wizard.widgets.plain import plain


class FormationInput(Input):
    """A one-line ``Input`` (Textual's compact style)."""

    DEFAULT_CSS = """
    FormationInput { background: $boost; margin: 0 0 0 0; }
    FormationInput:focus { background: $primary 25%; }
    FormationInput.-invalid { background: $error 25%; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(*args, **kwargs)


class FormationSelect(Select):  # type: ignore[type-arg]
    """A one-line ``Select`` (Textual's compact style)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(*args, **kwargs)


class FieldError(Static):
    """The error line under a field: hidden while empty, so forms stay compact.

    Args:
        id: ``<field widget id>-error`` (``wizard.forms.show_problems`` writes there).
    """

    DEFAULT_CSS = """
    FieldError { color: $error; height: auto; }
    """

    def __init__(self, id: str) -> None:  # noqa: A002 - Textual's name for it
        super().__init__("", id=id, classes="field-error")
        self.display = False

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        """Show ``content`` (an empty string hides the line)."""
        super().update(plain(content), layout=layout)
        self.display = bool(content)
