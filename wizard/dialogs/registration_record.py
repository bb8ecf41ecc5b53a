"""Two small forms of the registration plan: a deadline met (when, and a reference to the
evidence), and a dated event (an AGM held, a change of officers, a host agreement's end)."""

from __future__ import annotations

import datetime as _dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from formation.errors import InputError
from formation.models.registration_progress import ObligationMet, RecordedEvent
from wizard import bindings
from wizard.forms import build, clear_problems, optional, show_problems
from wizard.i18n import N_, _
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard.widgets.plain import plain

EVENT_LABELS = {
    "agm": N_("Annual general meeting held"),
    "general_meeting": N_("General meeting held"),
    "officer_change": N_("Officers elected or changed"),
    "special_resolution": N_("Special resolution (name, objects or constitution changed)"),
    "committee_departure": N_("Someone left the governing body"),
    "membership_below_minimum": N_("Membership fell below the legal minimum"),
    "host_agreement_signed": N_("Host (fiscal sponsor) agreement signed"),
    "host_agreement_end": N_("Host agreement ends"),
    "funder_report_due": N_("Report to a funder due"),
    "grant_period_end": N_("Grant period ends"),
}
"""The dated events deadlines count from (``formation.models.due_rules.EventName``)."""

MET_FIELDS = {"done_on": "done-on", "evidence": "evidence", "due_on": "form", "obligation_id": "form"}
EVENT_FIELDS = {"event": "event", "on": "event-on", "note": "event-note"}


class ObligationMetDialog(ModalScreen[ObligationMet | None]):
    """When a deadline was met; dismisses with the validated ``ObligationMet`` or None.

    Args:
        obligation_id: the obligation's id in the legal form.
        title: the obligation's title; due: the deadline it met.
        today: the date offered (today).
    """

    DEFAULT_CSS = """
    ObligationMetDialog { align: center middle; }
    ObligationMetDialog > VerticalScroll {
        width: 70; height: auto; max-height: 20; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.OBLIGATION_MET_DIALOG
    HELP_TOPIC = "registration"

    def __init__(self, obligation_id: str, title: str, due: _dt.date, today: _dt.date) -> None:
        super().__init__()
        self.obligation_id = obligation_id
        self.obligation_title = title
        self.due = due
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(plain(_("Done: {what}, due {due}").format(what=self.obligation_title, due=self.due.isoformat())),
                         classes="title")
            yield Label(_("Done on (YYYY-MM-DD)"))
            yield FormationInput(self.today.isoformat(), id="done-on", placeholder="YYYY-MM-DD")
            yield FieldError(id="done-on-error")
            yield Label(_("Where the proof is (optional, e.g. 'receipt in the minute book')"))
            yield FormationInput("", id="evidence")
            yield FieldError(id="evidence-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#done-on", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without recording."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Validate; show each field's error, or return the record."""
        evidence = optional(self.query_one("#evidence", Input).value)
        values = {"obligation_id": self.obligation_id, "due_on": self.due.isoformat(),
                  "done_on": optional(self.query_one("#done-on", Input).value),
                  "evidence": [evidence] if evidence else []}
        clear_problems(self, MET_FIELDS)
        try:
            met = build(ObligationMet, values, source=_("deadline met"))
        except InputError as error:
            show_problems(self, error, MET_FIELDS)
            return
        self.dismiss(met)


class EventDialog(ModalScreen[RecordedEvent | None]):
    """A dated event; dismisses with the validated ``RecordedEvent`` or None.

    Args:
        today: the date offered (today).
    """

    DEFAULT_CSS = """
    EventDialog { align: center middle; }
    EventDialog > VerticalScroll {
        width: 70; height: auto; max-height: 20; border: thick $primary; background: $surface; padding: 0 1;
    }
    EventDialog Select { width: 100%; }
    """
    BINDINGS = bindings.EVENT_DIALOG
    HELP_TOPIC = "registration"

    def __init__(self, today: _dt.date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Record a dated event"), classes="title")
            yield Static(_("Deadlines count from these dates. Meetings recorded here count already."), classes="hint")
            yield Label(_("What happened (or will happen)"))
            yield FormationSelect([(_(label), event) for event, label in EVENT_LABELS.items()], value="agm",
                                  allow_blank=False, id="event")
            yield FieldError(id="event-error")
            yield Label(_("On (YYYY-MM-DD)"))
            yield FormationInput(self.today.isoformat(), id="event-on", placeholder="YYYY-MM-DD")
            yield FieldError(id="event-on-error")
            yield Label(_("Note (optional; no names needed)"))
            yield FormationInput("", id="event-note")
            yield FieldError(id="event-note-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#event", Select).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without recording."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Validate; show each field's error, or return the event."""
        values = {"event": self.query_one("#event", Select).value,
                  "on": optional(self.query_one("#event-on", Input).value),
                  "note": optional(self.query_one("#event-note", Input).value)}
        clear_problems(self, EVENT_FIELDS)
        try:
            event = build(RecordedEvent, values, source=_("event"))
        except InputError as error:
            show_problems(self, error, EVENT_FIELDS)
            return
        self.dismiss(event)
