"""Move a motion: its wording, mover and seconder, and what kind of decision it is."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from formation.models.meetings import BylawsRef
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard import bindings
from wizard.i18n import N_, _

DECISION_LABELS = {
    "ordinary": N_("Ordinary decision"),
    "amend_bylaws": N_("Change the bylaws"),
    "amend_entrenched": N_("Change an entrenched (protected) clause"),
    "elect_governing_body": N_("Elect the governing body"),
    "remove_officer": N_("Remove an officer"),
    "admit_member": N_("Admit a member"),
    "expel_member": N_("Expel a member"),
    "dissolution": N_("Dissolve the organization"),
}

FIELDS = {
    "text": "motion-text",
    "mover_id": "mover",
    "seconder_id": "seconder",
    "decision_kind": "decision-kind",
    "quorum": "form",
    "motions": "form",
    "rules": "form",
    "meeting_kind": "form",
}


@dataclass(frozen=True)
class MotionRequest:
    """What the person asked to move (checked by ``formation.meetings.add_motion``)."""

    text: str
    mover_id: UUID | None
    seconder_id: UUID | None
    decision_kind: str
    adopts_bylaws: BylawsRef | None


class MotionDialog(ModalScreen[MotionRequest | None]):
    """The motion form. The caller runs ``formation.meetings.add_motion`` and, if it refuses,
    calls ``show_error`` so the reason appears beside the field.

    Args:
        voters: ``(work name, member id)`` of the members who may move or second.
        adopt: the bylaws version a motion here may adopt, or None.
        text: wording to start with.
        adopting: start with "adopts the bylaws" ticked.
        decision_kind: the kind of decision to start with.
    """

    DEFAULT_CSS = """
    MotionDialog { align: center middle; }
    MotionDialog > VerticalScroll {
        width: 74; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    MotionDialog Select, MotionDialog Input { width: 100%; }
    """
    BINDINGS = bindings.MOTION_DIALOG
    HELP_TOPIC = "meeting"

    def __init__(self, voters: list[tuple[str, UUID]], adopt: BylawsRef | None = None, text: str = "",
                 *, adopting: bool = False, decision_kind: str = "ordinary") -> None:
        super().__init__()
        self.voters = voters
        self.adopt = adopt
        self.initial_text = text
        self.adopting = adopting
        self.decision_kind = decision_kind if decision_kind in DECISION_LABELS else "ordinary"
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Move a motion"), classes="title")
            yield Label(_("The motion (\"That ...\")"))
            yield FormationInput(self.initial_text, id="motion-text")
            yield FieldError(id="motion-text-error")
            yield Label(_("Moved by"))
            yield FormationSelect(self.voters, id="mover", prompt=_("choose the mover"))
            yield FieldError(id="mover-error")
            yield Label(_("Seconded by"))
            yield FormationSelect(self.voters, id="seconder", prompt=_("no seconder"))
            yield FieldError(id="seconder-error")
            yield Label(_("What kind of decision?"))
            yield FormationSelect([(_(label), kind) for kind, label in DECISION_LABELS.items()],
                         value=self.decision_kind, allow_blank=False, id="decision-kind")
            yield FieldError(id="decision-kind-error")
            if self.adopt is not None:
                yield Checkbox(_("This motion adopts the bylaws (version {n})").format(n=self.adopt.version or 1),
                               self.adopting, id="adopts", compact=True)
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Move"), id="move", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#motion-text", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without moving anything."""
        self.dismiss(None)

    @on(Button.Pressed, "#move")
    @on(Input.Submitted, "#motion-text")
    def action_move(self) -> None:
        """Hand the motion to the caller (which checks it with formation)."""
        def chosen(widget_id: str) -> UUID | None:
            value = self.query_one(f"#{widget_id}", Select).value
            return value if isinstance(value, UUID) else None

        adopts = None
        if self.adopt is not None and self.query_one("#adopts", Checkbox).value:
            adopts = self.adopt
        kind = self.query_one("#decision-kind", Select).value
        request = MotionRequest(
            text=self.query_one("#motion-text", Input).value,
            mover_id=chosen("mover"),
            seconder_id=chosen("seconder"),
            decision_kind=kind if isinstance(kind, str) else "ordinary",
            adopts_bylaws=adopts,
        )
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
