"""The handover plan's forms: plan a role that passes to a member, and record who took it over."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from formation.models import Member
from formation.models.capacity import HandoverItem
from formation.models.partners import Partner
from wizard import bindings
from wizard.forms import optional
from wizard.i18n import _
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard.widgets.partners.labels import HANDOVER_ROLES, HELD_BY

PLAN_FIELDS = {
    "role": "role",
    "title": "role-title",
    "held_by": "held-by",
    "held_by_label": "held-by-label",
    "partner_id": "handover-partner",
    "successor_id": "successor",
    "due": "due",
    "starts_on": "starts-on",
    "skills": "form",
    "notes": "handover-notes",
}
"""``plan_handover_item`` field -> widget id."""

TAKEN_OVER_FIELDS = {"taken_over_by": "taken-by", "on": "taken-on", "completion": "taken-on", "status": "form",
                     "note": "taken-note"}
"""``complete_handover_item`` field -> widget id."""


def select_value(widget: Select) -> str | None:  # type: ignore[type-arg]
    """The chosen value of a select whose values are strings, or None when nothing is chosen."""
    value = widget.value
    return value if isinstance(value, str) else None


def member_options(members: list[Member]) -> list[tuple[Text, str]]:
    """The current members as select options (work name, id), by work name (shown as typed, never as markup)."""
    return [(Text(m.work_name), str(m.id)) for m in sorted(members, key=lambda m: m.work_name.casefold())
            if m.is_current]


@dataclass(frozen=True)
class HandoverRequest:
    """A role for the handover plan as typed (``formation.capacity.plan_handover_item`` checks it).

    Attributes:
        role, title, held_by, held_by_label, due, starts_on, notes: as typed (None when empty).
        partner_id: the partner whose staff hold it, or None.
        successor_id: the member who takes it over, or None for now.
    """

    role: str
    title: str | None
    held_by: str
    held_by_label: str
    partner_id: str | None
    successor_id: str | None
    due: str
    starts_on: str | None
    notes: str | None


class HandoverDialog(ModalScreen[HandoverRequest | None]):
    """Plan one role: who holds it today (as a role), the member who takes it over, by when.

    Args:
        members: the register (current members are offered).
        partners: the partners (current ones are offered).
    """

    DEFAULT_CSS = """
    HandoverDialog { align: center middle; }
    HandoverDialog > VerticalScroll {
        width: 72; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.HANDOVER_DIALOG
    HELP_TOPIC = "capacity"

    def __init__(self, members: list[Member], partners: list[Partner]) -> None:
        super().__init__()
        self.members = members
        self.partners = [p for p in partners if p.is_current]
        self.on_submit: Callable[[HandoverRequest], None] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Plan a role's handover"), classes="title")
            yield Label(_("The role"))
            yield FormationSelect([(_(t), k) for k, t in HANDOVER_ROLES.items()], value="bookkeeping",
                                  allow_blank=False, id="role")
            yield FieldError(id="role-error")
            yield Label(_("Name of the role"), classes="other-role")
            yield FormationInput("", id="role-title", classes="other-role")
            yield FieldError(id="role-title-error")
            yield Label(_("Held today by"))
            yield FormationSelect([(_(t), k) for k, t in HELD_BY.items()], value="partner_staff", allow_blank=False,
                                  id="held-by")
            yield FieldError(id="held-by-error")
            yield Label(_("Who holds it today, as a role (not a person's name)"))
            yield FormationInput("", id="held-by-label", placeholder=_("for example: the partner's bookkeeper"))
            yield FieldError(id="held-by-label-error")
            yield Label(_("Whose staff"), classes="partner-staff")
            yield FormationSelect([(Text(p.name), str(p.id)) for p in self.partners], prompt=_("choose the partner"),
                                  value=str(self.partners[0].id) if len(self.partners) == 1 else Select.NULL,
                                  id="handover-partner", classes="partner-staff")
            yield FieldError(id="handover-partner-error")
            yield Label(_("The member who takes it over"))
            yield FormationSelect(member_options(self.members), prompt=_("not chosen yet"), id="successor")
            yield FieldError(id="successor-error")
            yield Label(_("Held by the member by (YYYY-MM-DD)"))
            yield FormationInput("", id="due", placeholder="YYYY-MM-DD")
            yield FieldError(id="due-error")
            yield Label(_("Handover starts on (YYYY-MM-DD, optional)"))
            yield FormationInput("", id="starts-on", placeholder="YYYY-MM-DD")
            yield FieldError(id="starts-on-error")
            yield Label(_("Notes (optional)"))
            yield FormationInput("", id="handover-notes")
            yield FieldError(id="handover-notes-error")
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
        staff = self.query_one("#held-by", Select).value == "partner_staff"
        for widget in self.query(".partner-staff"):
            widget.display = staff

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without planning anything."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the role as typed to the caller (which checks it with formation)."""
        role = select_value(self.query_one("#role", Select)) or "bookkeeping"
        held_by = select_value(self.query_one("#held-by", Select)) or "partner_staff"
        request = HandoverRequest(
            role=role,
            title=optional(self.query_one("#role-title", Input).value) if role == "other" else None,
            held_by=held_by,
            held_by_label=self.query_one("#held-by-label", Input).value.strip(),
            partner_id=select_value(self.query_one("#handover-partner", Select)) if held_by == "partner_staff" else None,
            successor_id=select_value(self.query_one("#successor", Select)),
            due=self.query_one("#due", Input).value.strip(),
            starts_on=optional(self.query_one("#starts-on", Input).value),
            notes=optional(self.query_one("#handover-notes", Input).value),
        )
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)


@dataclass(frozen=True)
class TakenOverRequest:
    """Who took a role over, when, and a note (as typed)."""

    member_id: str | None
    on: str
    note: str | None


class TakenOverDialog(ModalScreen[TakenOverRequest | None]):
    """Record that a member took a role over (``formation.capacity.complete_handover_item`` checks it).

    Args:
        item: the handover item.
        members: the register.
        today: the default date, ISO.
    """

    DEFAULT_CSS = """
    TakenOverDialog { align: center middle; }
    TakenOverDialog > VerticalScroll {
        width: 64; max-height: 20; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.TAKEN_OVER_DIALOG
    HELP_TOPIC = "capacity"

    def __init__(self, item: HandoverItem, members: list[Member], today: str) -> None:
        super().__init__()
        self.item = item
        self.members = members
        self.today = today
        self.on_submit: Callable[[TakenOverRequest], None] | None = None

    def compose(self) -> ComposeResult:
        options = member_options(self.members)
        planned = str(self.item.successor_id) if self.item.successor_id else None
        with VerticalScroll():
            yield Static(_("{role}: who took it over?").format(role=self.item.role_title), classes="title", markup=False)
            yield Static(_("Held until now by {holder}.").format(holder=self.item.held_by_label), classes="hint",
                         markup=False)
            yield Label(_("The member who now holds the role"))
            yield FormationSelect(options, prompt=_("choose the member"),
                                  value=planned if planned in {v for _l, v in options} else Select.NULL, id="taken-by")
            yield FieldError(id="taken-by-error")
            yield Label(_("Took it over on (YYYY-MM-DD)"))
            yield FormationInput(self.today, id="taken-on")
            yield FieldError(id="taken-on-error")
            yield Label(_("Note (optional, e.g. added to the bank mandate)"))
            yield FormationInput("", id="taken-note")
            yield FieldError(id="taken-note-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#taken-by", Select).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without recording anything."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the answer to the caller (which records it with formation)."""
        request = TakenOverRequest(select_value(self.query_one("#taken-by", Select)),
                                   self.query_one("#taken-on", Input).value.strip(),
                                   optional(self.query_one("#taken-note", Input).value))
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
