"""Record a consensus test on the pending motion: how many agree, who stands aside (with a reason)
and who blocks, with formation's verdict shown live."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label, Select, Static

from wizard.widgets.plain import PlainDataTable, plain

from formation import procedure
from formation.errors import FormationError
from formation.models.rules import MajorityRule
from wizard import bindings
from wizard.dialogs.vote import parse_count
from wizard.i18n import N_, _
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect

RESPONSE_LABELS = {"stand_aside": N_("stands aside"), "block": N_("blocks")}


@dataclass(frozen=True)
class ConsensusRequest:
    """The responses recorded (checked by ``formation.meetings.record_consensus``).

    Attributes:
        agree: how many agreed (agreeing members are not named).
        stand_asides: ``(member id, reason)`` for each member standing aside.
        blocks: ``(member id, reason or None)`` for each member blocking.
    """

    agree: int
    stand_asides: list[tuple[UUID, str]] = field(default_factory=list)
    blocks: list[tuple[UUID, str | None]] = field(default_factory=list)


class ResponsesTable(PlainDataTable):
    """The members who stood aside or blocked; x or Delete takes the highlighted one off."""

    BINDINGS = bindings.CONSENSUS_RESPONSES_TABLE

    class Removed(Message):
        """The response at ``index`` was taken off."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_remove(self) -> None:
        """Take the highlighted response off."""
        if self.row_count:
            self.post_message(self.Removed(self.cursor_row))


class ConsensusDialog(ModalScreen[ConsensusRequest | None]):
    """The consensus form. The caller records it with formation and shows any refusal here.

    Args:
        motion_text: the motion's wording.
        rule: the bylaws' consensus rule (its limit on stand-asides, its fallback vote).
        voters: ``(work name, member id)`` of the voting members present.
    """

    DEFAULT_CSS = """
    ConsensusDialog { align: center middle; }
    ConsensusDialog > Vertical {
        width: 76; height: 22; border: thick $primary; background: $surface; padding: 0 1;
    }
    ConsensusDialog Horizontal.response { height: auto; }
    ConsensusDialog Horizontal.response Vertical { width: 1fr; height: auto; }
    ConsensusDialog ResponsesTable { height: 1fr; min-height: 3; }
    ConsensusDialog #consensus-tally { text-style: bold; height: auto; }
    """
    BINDINGS = bindings.CONSENSUS_DIALOG
    HELP_TOPIC = "meeting"

    def __init__(self, motion_text: str, rule: MajorityRule, voters: list[tuple[str, UUID]]) -> None:
        super().__init__()
        self.motion_text = motion_text
        self.rule = rule
        self.voters = voters
        self.names = {member_id: name for name, member_id in voters}
        self.responses: list[tuple[str, UUID, str | None]] = []
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(_("Consensus on: {motion}").format(motion=self.motion_text)), classes="title")
            yield Static(plain(_("Rule: {rule}").format(rule=procedure.describe_rule(self.rule))), classes="hint")
            yield Label(_("How many agree? (agreeing members are not named)"))
            yield FormationInput("", id="agree", placeholder="0", type="integer", max_length=7)
            yield FieldError(id="agree-error")
            with Horizontal(classes="response"):
                with Vertical():
                    yield Label(_("Member"))
                    yield FormationSelect(self.voters, id="responder", prompt=_("choose"))
                with Vertical():
                    yield Label(_("Response"))
                    yield FormationSelect([(_(label), kind) for kind, label in RESPONSE_LABELS.items()],
                                          value="stand_aside", allow_blank=False, id="response")
            yield Label(_("Their reason (needed to stand aside), then ctrl+n to add"))
            yield FormationInput("", id="reason")
            yield FieldError(id="reason-error")
            yield ResponsesTable(id="responses", cursor_type="row", zebra_stripes=True)
            yield Static("", id="consensus-tally")
            yield FieldError(id="form-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#responses", ResponsesTable).add_columns(_("Member"), _("Response"), _("Reason"))
        self.query_one("#agree", Input).focus()
        self._tally()

    def request(self) -> ConsensusRequest | None:
        """The responses as typed, or None while the agree count is not a whole number."""
        agree = parse_count(self.query_one("#agree", Input).value)
        if agree is None:
            return None
        return ConsensusRequest(
            agree,
            [(member_id, reason or "") for kind, member_id, reason in self.responses if kind == "stand_aside"],
            [(member_id, reason) for kind, member_id, reason in self.responses if kind == "block"],
        )

    @on(Input.Changed, "#agree")
    def _tally(self) -> None:
        tally = self.query_one("#consensus-tally", Static)
        request = self.request()
        error = self.query_one("#agree-error", FieldError)
        if request is None:
            error.update(_("Agree: type a whole number (0 or more)."))
            tally.update("")
            return
        error.update("")
        try:
            outcome = procedure.decide_consensus(
                self.rule, procedure.Consensus(request.agree, len(request.stand_asides), len(request.blocks)))
        except FormationError as problem:
            tally.update(plain(getattr(problem, "detail", str(problem))))
            return
        verdict = {"carried": _("CARRIED"), "lost": _("LOST"),
                   "fallback_vote_needed": _("NO CONSENSUS: a fallback vote follows")}.get(outcome.result, outcome.result)
        tally.update(plain(f"{verdict}: {outcome.explanation}"))

    def _redraw(self) -> None:
        table = self.query_one("#responses", ResponsesTable)
        table.clear()
        for kind, member_id, reason in self.responses:
            table.add_row(self.names.get(member_id, "—"), _(RESPONSE_LABELS[kind]), reason or "")
        self._tally()

    def action_add_response(self) -> None:
        """Add the member chosen, with their response and reason, to the list."""
        member = self.query_one("#responder", Select).value
        kind = self.query_one("#response", Select).value
        reason = self.query_one("#reason", Input).value.strip() or None
        error = self.query_one("#reason-error", FieldError)
        if not isinstance(member, UUID):
            error.update(_("Member: choose who stands aside or blocks."))
            return
        if kind == "stand_aside" and reason is None:
            error.update(_("A member who stands aside gives their reason: type it first."))
            return
        if any(existing == member for _kind, existing, _reason in self.responses):
            error.update(_("This member has already responded."))
            return
        error.update("")
        self.responses.append((str(kind), member, reason))
        self.query_one("#reason", Input).value = ""
        self.query_one("#responder", Select).clear()
        self._redraw()

    @on(ResponsesTable.Removed)
    def _removed(self, event: ResponsesTable.Removed) -> None:
        if 0 <= event.index < len(self.responses):
            del self.responses[event.index]
            self._redraw()

    def action_cancel(self) -> None:
        """Close without recording."""
        self.dismiss(None)

    def action_record(self) -> None:
        """Hand the responses to the caller (which records them with formation)."""
        request = self.request()
        if request is None:
            self.query_one("#agree-error", FieldError).update(_("Agree: type a whole number (0 or more)."))
            return
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
