"""A roll-call vote: each voter present (and each proxy held) called by name and their vote marked,
with formation's verdict shown live."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from wizard.widgets.plain import PlainDataTable, plain

from formation import procedure
from formation.errors import FormationError
from formation.models.meetings import RollCallEntry
from formation.models.rules import MajorityRule
from wizard import bindings
from wizard.i18n import N_, _

VOTE_LABELS = {"in_favour": N_("in favour"), "against": N_("against"), "abstain": N_("abstains")}


@dataclass(frozen=True)
class Voter:
    """One vote that may be cast: the voter, and the absent member whose proxy it is (or None).

    Attributes:
        label: as called ("Kestrel", "Kestrel for Fern").
        member_id: who votes.
        proxy_for: the principal of a proxy vote, or None.
    """

    label: str
    member_id: UUID
    proxy_for: UUID | None = None


class RollCallTable(PlainDataTable):
    """The voters, called in order. Keys: y in favour, n against, a abstains, c clears."""

    BINDINGS = bindings.ROLL_CALL_TABLE

    class Marked(Message):
        """The vote of the voter at ``row`` is now ``vote`` (None: cleared)."""

        def __init__(self, row: int, vote: str | None) -> None:
            super().__init__()
            self.row = row
            self.vote = vote

    def action_mark(self, vote: str) -> None:
        """Mark the highlighted voter's vote and move to the next."""
        if self.row_count:
            self.post_message(self.Marked(self.cursor_row, vote or None))


class RollCallDialog(ModalScreen[list[RollCallEntry] | None]):
    """The roll call. The caller records it with formation and shows any refusal here.

    Args:
        motion_text: what is voted on.
        rule: the majority rule it needs.
        voters: every vote that may be cast (``formation.roll.voters_present``), in call order.
        members_present, voting_members: for rules counted on those present or on all members.
        presence: community members among the voting members present (for entrenched clauses).
        community: how community members voted in a roll call (from the register), or None when
            the rule does not ask (``formation.roll.community_votes_of``).
    """

    DEFAULT_CSS = """
    RollCallDialog { align: center middle; }
    RollCallDialog > Vertical {
        width: 72; height: 22; border: thick $primary; background: $surface; padding: 0 1;
    }
    RollCallDialog RollCallTable { height: 1fr; }
    RollCallDialog #roll-call-tally { text-style: bold; height: auto; }
    """
    BINDINGS = bindings.ROLL_CALL_DIALOG
    HELP_TOPIC = "meeting"

    def __init__(self, motion_text: str, rule: MajorityRule, voters: list[Voter], members_present: int,
                 voting_members: int, presence: procedure.CommunityPresence | None,
                 community: Callable[[list[RollCallEntry]], procedure.CommunityVotes | None]) -> None:
        super().__init__()
        self.motion_text = motion_text
        self.rule = rule
        self.voters = voters
        self.votes: list[str | None] = [None] * len(voters)
        self.members_present = members_present
        self.voting_members = voting_members
        self.presence = presence
        self.community = community
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(_("Roll call on: {motion}").format(motion=self.motion_text)), classes="title")
            yield Static(plain(_("Rule: {rule}. Keys: y in favour, n against, a abstains, c clears.").format(
                rule=procedure.describe_rule(self.rule))), classes="hint")
            yield RollCallTable(id="roll-call", cursor_type="row", zebra_stripes=True)
            yield Static("", id="roll-call-tally")
            yield Static("", id="form-error", classes="field-error")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#roll-call", RollCallTable)
        table.add_columns(_("Voter"), _("Vote"))
        for index, voter in enumerate(self.voters):
            table.add_row(voter.label, "—", key=str(index))
        table.focus()
        self._tally()

    def entries(self) -> list[RollCallEntry]:
        """The votes marked so far, as formation records them."""
        return [RollCallEntry(member_id=voter.member_id, vote=vote, proxy_for=voter.proxy_for)  # type: ignore[arg-type]
                for voter, vote in zip(self.voters, self.votes) if vote is not None]

    @on(RollCallTable.Marked)
    def _marked(self, event: RollCallTable.Marked) -> None:
        table = self.query_one("#roll-call", RollCallTable)
        self.votes[event.row] = event.vote
        table.update_cell_at((event.row, 1), _(VOTE_LABELS[event.vote]) if event.vote else "—")
        if event.vote is not None:
            table.move_cursor(row=min(event.row + 1, table.row_count - 1))
        self._tally()

    def _tally(self) -> None:
        tally = self.query_one("#roll-call-tally", Static)
        entries = self.entries()
        counts = {"in_favour": 0, "against": 0, "abstain": 0}
        for entry in entries:
            counts[entry.vote] += 1
        marked = _("{n} of {total} called").format(n=len(entries), total=len(self.voters))
        if not entries:
            tally.update(plain(marked))
            return
        try:
            outcome = procedure.decide_community_vote(
                self.rule, procedure.Votes(counts["in_favour"], counts["against"], counts["abstain"]),
                community=self.community(entries), presence=self.presence,
                members_present=self.members_present, voting_members=self.voting_members,
            )
        except FormationError as problem:
            tally.update(plain(f"{marked}. {getattr(problem, 'detail', str(problem))}"))
            return
        verdict = _("would be CARRIED") if outcome.carried else _("would be LOST")
        tally.update(plain(f"{marked}. {verdict}: {outcome.explanation}"))

    def action_cancel(self) -> None:
        """Close without recording."""
        self.dismiss(None)

    def action_record(self) -> None:
        """Hand the roll call to the caller (which records it with formation)."""
        entries = self.entries()
        if not entries:
            self.query_one("#form-error", Static).update(_("Mark at least one vote (y, n or a)."))
            return
        if self.on_submit is not None:
            self.on_submit(entries)
        else:
            self.dismiss(entries)
