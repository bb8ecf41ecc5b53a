"""Move an amendment to the pending motion: the amendment as moved, the motion's wording if it is
carried, the mover and the seconder."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from wizard import bindings
from wizard.i18n import _
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect

FIELDS = {"text": "amendment-text", "resulting_text": "resulting-text", "mover_id": "amendment-mover",
          "seconder_id": "amendment-seconder", "amendment": "form", "amendments": "form", "motion_id": "form",
          "rules": "form", "quorum": "form"}


@dataclass(frozen=True)
class AmendmentRequest:
    """The amendment as typed (checked by ``formation.meetings.add_amendment``)."""

    text: str
    resulting_text: str
    mover_id: UUID | None
    seconder_id: UUID | None


class AmendmentDialog(ModalScreen[AmendmentRequest | None]):
    """The amendment form. The caller moves it with formation and, if it refuses, shows the reason
    here (``wizard.forms.show_problems`` with ``FIELDS``).

    Args:
        motion_text: the pending motion's wording (the starting point of the new wording).
        voters: ``(work name, member id)`` of the members who may move or second.
    """

    DEFAULT_CSS = """
    AmendmentDialog { align: center middle; }
    AmendmentDialog > VerticalScroll {
        width: 74; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    AmendmentDialog Select, AmendmentDialog Input { width: 100%; }
    """
    BINDINGS = bindings.AMENDMENT_DIALOG
    HELP_TOPIC = "meeting"

    def __init__(self, motion_text: str, voters: list[tuple[str, UUID]]) -> None:
        super().__init__()
        self.motion_text = motion_text
        self.voters = voters
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Amend the motion"), classes="title")
            yield Label(_("The amendment as moved (e.g. insert 'and online' after 'in person')"))
            yield FormationInput("", id="amendment-text")
            yield FieldError(id="amendment-text-error")
            yield Label(_("The motion's whole wording if the amendment is carried"))
            yield FormationInput(self.motion_text, id="resulting-text")
            yield FieldError(id="resulting-text-error")
            yield Label(_("Moved by"))
            yield FormationSelect(self.voters, id="amendment-mover", prompt=_("choose the mover"))
            yield FieldError(id="amendment-mover-error")
            yield Label(_("Seconded by"))
            yield FormationSelect(self.voters, id="amendment-seconder", prompt=_("no seconder"))
            yield FieldError(id="amendment-seconder-error")
            yield Static(_("The amendment is voted on first, by a majority of the votes cast; then the motion, "
                           "as amended or not."), classes="hint")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Move"), id="move", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#amendment-text", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without moving anything."""
        self.dismiss(None)

    @on(Button.Pressed, "#move")
    def action_move(self) -> None:
        """Hand the amendment to the caller (which checks it with formation)."""
        def chosen(widget_id: str) -> UUID | None:
            value = self.query_one(f"#{widget_id}", Select).value
            return value if isinstance(value, UUID) else None

        request = AmendmentRequest(self.query_one("#amendment-text", Input).value,
                                   self.query_one("#resulting-text", Input).value,
                                   chosen("amendment-mover"), chosen("amendment-seconder"))
        if request.mover_id is None:
            self.query_one("#amendment-mover-error", Static).update(_("Moved by: choose the mover."))
            return
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
