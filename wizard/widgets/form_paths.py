"""Show formation's refusals beside the field at fault when the field is nested
(``exit_plan.handover_ends_on``, ``support.1.description``)."""

from __future__ import annotations

from textual.widget import Widget

from formation.errors import InputError, ValidationFailed
from wizard.forms import show_problems


def show_nested_problems(container: Widget, error: InputError, fields: dict[str, str]) -> None:
    """Write each problem under the widget of the longest dotted prefix of its field.

    Args:
        container: the dialog holding the fields.
        error: formation's ``InputError`` or ``ValidationFailed``.
        fields: dotted field path or prefix (``"exit_plan.handover_ends_on"``, ``"support.1"``,
            ``"purpose"``) -> widget id (errors go to ``#<id>-error``). A problem whose field
            matches no prefix is shown in ``#form-error``.
    """
    problems = error.problems if isinstance(error, ValidationFailed) else [(error.field or "", error.detail)]
    mapped: list[tuple[str, str]] = []
    for field, message in problems:
        best = ""
        for prefix in fields:
            if (field == prefix or field.startswith(prefix + ".")) and len(prefix) > len(best):
                best = prefix
        mapped.append((fields[best], message) if best else (field, message))
    show_problems(container, ValidationFailed(mapped, source=getattr(error, "source", None)),
                  {widget_id: widget_id for widget_id in fields.values()})
