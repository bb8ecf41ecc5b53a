"""Helpers for forms: build a record from typed values and show each field's error beside it."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Static

from formation.errors import InputError, ValidationFailed, from_validation_error
from wizard.i18n import _
from wizard.widgets.plain import plain

M = TypeVar("M", bound=BaseModel)


def build(model: type[M], values: dict[str, Any], *, source: str) -> M:
    """Validate ``values`` into ``model``.

    Args:
        model: a formation pydantic model class.
        values: field name -> typed value (empty strings already turned into None where optional).
        source: the form's name for messages.

    Returns:
        The model instance.

    Raises:
        ValidationFailed: with ``(field, message)`` problems; messages never quote the input.
    """
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise from_validation_error(exc, source=source) from None


def show_problems(container: Widget, error: InputError, fields: dict[str, str], *, focus: bool = True) -> None:
    """Write each problem under its field (``#<id>-error`` Static) and focus the first one.

    Args:
        container: the screen or dialog holding the fields.
        error: an ``InputError`` (one field) or ``ValidationFailed`` (several).
        fields: model field name -> widget id of the input.
        focus: move the focus to the first field with a problem (False for forms checked while
            typing, where the person must stay free to go and fix another field).
    """
    clear_problems(container, fields)
    problems = error.problems if isinstance(error, ValidationFailed) else [(error.field or "", error.detail)]
    first_widget: Widget | None = None
    general: list[str] = []
    for field, message in problems:
        top = field.split(".")[0] if field else ""
        widget_id = fields.get(top)
        if widget_id is None:
            general.append(f"{field}: {message}" if field else message)
            continue
        try:
            container.query_one(f"#{widget_id}-error", Static).update(plain(_(message)))
            if first_widget is None:
                first_widget = container.query_one(f"#{widget_id}")
        except NoMatches:
            general.append(message)
    if general:
        try:
            container.query_one("#form-error", Static).update(plain("\n".join(general)))
        except NoMatches:
            container.notify("\n".join(general), severity="error", markup=False)
    if first_widget is not None and focus:
        first_widget.focus()


def clear_problems(container: Widget, fields: dict[str, str]) -> None:
    """Empty every field's error line."""
    for widget_id in list(fields.values()) + ["form"]:
        for found in container.query(f"#{widget_id}-error"):
            if isinstance(found, Static):
                found.update("")


def optional(text: str) -> str | None:
    """A typed value with surrounding spaces removed, or None if nothing was typed."""
    stripped = text.strip()
    return stripped or None
