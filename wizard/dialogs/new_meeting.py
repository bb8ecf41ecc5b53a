"""Record a new meeting: what kind, when, where."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard import bindings
from wizard.i18n import N_, _

KIND_LABELS = {
    "general": N_("General meeting"),
    "agm": N_("Annual general meeting (AGM)"),
    "special_general": N_("Special general meeting"),
    "governing_body": N_("Governing body meeting"),
    "founding": N_("Founding meeting"),
    "gathering": N_("Gathering or training (no decisions)"),
}
FIELDS = {"meeting_kind": "meeting-kind", "date": "meeting-date", "place": "meeting-place", "members": "form",
          "committee_member_ids": "form"}


@dataclass(frozen=True)
class NewMeetingRequest:
    """The new meeting as typed (checked by ``formation.meetings.new_meeting``)."""

    meeting_kind: str
    date: str
    place: str | None


class NewMeetingDialog(ModalScreen[NewMeetingRequest | None]):
    """The new-meeting form; the caller creates it with formation and shows any refusal here."""

    DEFAULT_CSS = """
    NewMeetingDialog { align: center middle; }
    NewMeetingDialog > VerticalScroll {
        width: 64; height: auto; max-height: 20; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.NEW_MEETING_DIALOG
    HELP_TOPIC = "meetings"

    def __init__(self) -> None:
        super().__init__()
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Record a meeting"), classes="title")
            yield Label(_("Kind of meeting"))
            yield FormationSelect([(_(label), kind) for kind, label in KIND_LABELS.items()], value="general",
                         allow_blank=False, id="meeting-kind")
            yield FieldError(id="meeting-kind-error")
            yield Label(_("Date (YYYY-MM-DD)"))
            yield FormationInput(self.app.today().isoformat(), id="meeting-date")
            yield FieldError(id="meeting-date-error")
            yield Label(_("Place (optional)"))
            yield FormationInput("", id="meeting-place")
            yield FieldError(id="meeting-place-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Start"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#meeting-date", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without recording."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the meeting to the caller."""
        kind = self.query_one("#meeting-kind", Select).value
        request = NewMeetingRequest(kind if isinstance(kind, str) else "general",
                                    self.query_one("#meeting-date", Input).value.strip(),
                                    self.query_one("#meeting-place", Input).value.strip() or None)
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
