"""An officer: the role (chair or convenor, secretary, treasurer, spokesperson, contact person, or
the group's own title), who holds it, and since when."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from formation.errors import InputError
from formation.models import Member, Officer
from wizard import bindings
from wizard.dialogs.seat import EXTERNAL, VACANT, holder_fields, holder_options, holder_value
from wizard.forms import build, clear_problems, optional, show_problems
from wizard.i18n import N_, _
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect

ROLE_LABELS = {
    "chair": N_("Chair"),
    "convenor": N_("Convenor"),
    "secretary": N_("Secretary"),
    "treasurer": N_("Treasurer"),
    "spokesperson": N_("Spokesperson"),
    "contact_person": N_("Contact person"),
    "other": N_("Another role (give its title)"),
}
"""Officer roles (``formation.models.governing_body.OfficerRole``)."""

FIELDS = {"role": "role", "title": "title", "member_id": "officer-holder", "external_holder": "officer-external",
          "since": "officer-since"}


def role_label(officer: Officer) -> str:
    """An officer's role as shown: the group's own title for "other" roles."""
    if officer.role == "other" and officer.title:
        return officer.title
    return _(ROLE_LABELS[officer.role])


class OfficerDialog(ModalScreen[Officer | None]):
    """The officer form; dismisses with the validated ``Officer`` or None (cancelled).

    Args:
        members: the member register.
        officer: the officer to edit, or None for a new one.
    """

    DEFAULT_CSS = """
    OfficerDialog { align: center middle; }
    OfficerDialog > VerticalScroll {
        width: 72; height: auto; max-height: 22; border: thick $primary; background: $surface; padding: 0 1;
    }
    OfficerDialog Input, OfficerDialog Select { width: 100%; }
    """
    BINDINGS = bindings.OFFICER_DIALOG
    HELP_TOPIC = "governing_body"

    def __init__(self, members: list[Member], officer: Officer | None = None) -> None:
        super().__init__()
        self.members = members
        self.officer = officer

    def compose(self) -> ComposeResult:
        o = self.officer
        with VerticalScroll():
            yield Static(_("Edit the officer") if o else _("Add an officer"), classes="title")
            yield Label(_("Role"))
            yield FormationSelect([(_(label), role) for role, label in ROLE_LABELS.items()],
                                  value=o.role if o else "chair", allow_blank=False, id="role")
            yield FieldError(id="role-error")
            yield Label(_("Title of the role (e.g. Coordinator)"), classes="other-role")
            yield FormationInput(o.title or "" if o else "", id="title", classes="other-role")
            yield FieldError(id="title-error")
            yield Label(_("Who holds it?"))
            yield FormationSelect(holder_options(self.members, o.member_id if o else None),
                                  value=holder_value(o.member_id, o.external_holder) if o else VACANT,
                                  allow_blank=False, id="officer-holder")
            yield FieldError(id="officer-holder-error")
            yield Label(_("Their role, never a legal name (e.g. Partner finance officer)"), classes="external")
            yield FormationInput(o.external_holder or "" if o else "", id="officer-external", classes="external")
            yield FieldError(id="officer-external-error")
            yield Label(_("Held since (YYYY-MM-DD, optional)"))
            yield FormationInput(o.since.isoformat() if o and o.since else "", id="officer-since",
                                 placeholder="YYYY-MM-DD")
            yield FieldError(id="officer-since-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self._show_fields()
        self.query_one("#role", Select).focus()

    @on(Select.Changed)
    def _show_fields(self) -> None:
        other = self.query_one("#role", Select).value == "other"
        for widget in self.query(".other-role"):
            widget.display = other
        external = self.query_one("#officer-holder", Select).value == EXTERNAL
        for widget in self.query(".external"):
            widget.display = external

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Validate; show each field's error, or return the officer."""
        role = self.query_one("#role", Select).value
        values: dict[str, Any] = {
            "role": role,
            "title": optional(self.query_one("#title", Input).value) if role == "other" else None,
            **holder_fields(self.query_one("#officer-holder", Select).value,
                            self.query_one("#officer-external", Input).value),
            "since": optional(self.query_one("#officer-since", Input).value),
        }
        clear_problems(self, FIELDS)
        if role == "other" and values["title"] is None:
            self.query_one("#title-error", Static).update(_("Give the role's title (for example Coordinator)."))
            self.query_one("#title").focus()
            return
        if values["external_holder"] == "":
            self.query_one("#officer-external-error", Static).update(
                _("Say who holds it by their role (for example Partner finance officer)."))
            self.query_one("#officer-external").focus()
            return
        try:
            officer = build(Officer, values, source=_("officer"))
        except InputError as error:
            show_problems(self, error, FIELDS)
            return
        self.dismiss(officer)
