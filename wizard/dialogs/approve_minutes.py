"""Approve the previous meeting's minutes, as they stand or as corrected."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from wizard import bindings
from wizard.i18n import _
from wizard.widgets.fields import FieldError, FormationInput
from wizard.widgets.plain import plain

FIELDS = {"corrections": "corrections", "at_meeting_id": "form", "status": "form", "minutes": "form"}


class ApproveMinutesDialog(ModalScreen[str | None]):
    """Asks for corrections (empty: approved as they stand); the caller approves with formation.

    Args:
        heading: which minutes (``"General meeting 2026-04-11"``).
        summary: a few lines of what they record (attendance, motions and results).
    """

    DEFAULT_CSS = """
    ApproveMinutesDialog { align: center middle; }
    ApproveMinutesDialog > VerticalScroll {
        width: 72; height: auto; max-height: 20; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.APPROVE_MINUTES_DIALOG
    HELP_TOPIC = "meeting"

    def __init__(self, heading: str, summary: str) -> None:
        super().__init__()
        self.heading = heading
        self.summary = summary
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(plain(_("Approve the minutes of {meeting}").format(meeting=self.heading)), classes="title")
            yield Static(plain(self.summary), classes="hint")
            yield Label(_("Corrections agreed by the meeting (leave empty if none)"))
            yield FormationInput("", id="corrections")
            yield FieldError(id="corrections-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Approve"), id="approve", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#corrections", FormationInput).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without approving."""
        self.dismiss(None)

    @on(FormationInput.Submitted)
    @on(Button.Pressed, "#approve")
    def action_approve(self) -> None:
        """Hand the corrections to the caller."""
        text = self.query_one("#corrections", FormationInput).value
        if self.on_submit is not None:
            self.on_submit(text)
        else:
            self.dismiss(text)
