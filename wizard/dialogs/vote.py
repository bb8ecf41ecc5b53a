"""Record the vote on the pending motion (or its pending amendment): counts by a show of hands or
a secret ballot (counts only), with a live tally of what the counts would decide."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.widgets.plain import plain
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Static

from formation import procedure
from formation.errors import FormationError
from formation.models.rules import MajorityRule
from wizard.widgets.fields import FieldError, FormationInput
from wizard import bindings
from wizard.i18n import _


@dataclass(frozen=True)
class VoteCounts:
    """The counts typed: in favour, against, abstentions (whole numbers >= 0), and, where the
    rule asks for a majority of community members too, how the community members voted;
    ``secret_ballot`` when the votes were cast by secret ballot (counts only, no names kept)."""

    in_favour: int
    against: int
    abstentions: int
    community_in_favour: int | None = None
    community_against: int | None = None
    secret_ballot: bool = False


def parse_count(text: str) -> int | None:
    """A count typed in a field: a whole number 0..1,000,000, or None if it is not one."""
    text = text.strip()
    if not text:
        return 0
    if not text.isdigit() or len(text) > 7:
        return None
    value = int(text)
    return value if value <= 1_000_000 else None


class VoteDialog(ModalScreen[VoteCounts | None]):
    """Counts for, against and abstaining, with formation's verdict shown live as they are typed.

    Args:
        motion_text: the motion's wording.
        rule: the majority rule the bylaws set for it (``procedure.rule_for_motion``).
        members_present: voting members present (for rules counted on those present).
        voting_members: voting members on the register (for rules counted on all members).
        presence: community members among the voting members present, for rules with community
            conditions (an entrenched clause), or None.
    """

    DEFAULT_CSS = """
    VoteDialog { align: center middle; }
    VoteDialog > Vertical {
        width: 74; height: auto; max-height: 22; border: thick $primary; background: $surface; padding: 0 1;
    }
    VoteDialog Horizontal.counts { height: auto; }
    VoteDialog Horizontal.counts Vertical { width: 1fr; height: auto; }
    VoteDialog #tally { margin: 1 0 0 0; text-style: bold; }
    """
    BINDINGS = bindings.VOTE_DIALOG
    HELP_TOPIC = "meeting"

    def __init__(self, motion_text: str, rule: MajorityRule, members_present: int, voting_members: int,
                 presence: procedure.CommunityPresence | None = None) -> None:
        super().__init__()
        self.presence = presence
        self.community_counts = bool(getattr(rule, "community_majority_of_votes_cast", False))
        self.motion_text = motion_text
        self.rule = rule
        self.members_present = members_present
        self.voting_members = voting_members
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(_("Vote on: {motion}").format(motion=self.motion_text)), classes="title")
            yield Static(plain(_("Rule: {rule}").format(rule=procedure.describe_rule(self.rule))), classes="hint")
            with Horizontal(classes="counts"):
                for widget_id, label in (("in-favour", _("In favour")), ("against", _("Against")),
                                         ("abstentions", _("Abstaining"))):
                    with Vertical():
                        yield Label(plain(label))
                        yield FormationInput("", id=widget_id, placeholder="0", type="integer", max_length=7)
            if self.community_counts:
                yield Static(_("This decision also needs a majority of the community members who vote. "
                               "Of the votes above, how many were community members?"), classes="hint")
                with Horizontal(classes="counts"):
                    for widget_id, label in (("community-in-favour", _("Community in favour")),
                                             ("community-against", _("Community against"))):
                        with Vertical():
                            yield Label(plain(label))
                            yield FormationInput("", id=widget_id, placeholder="0", type="integer", max_length=7)
            yield Checkbox(_("Secret ballot: only the counts are kept, never who voted how"), False,
                           id="secret-ballot", compact=True)
            yield FieldError(id="votes-error")
            yield Static("", id="tally")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Record the vote"), id="record", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#in-favour", Input).focus()
        self._tally()

    def counts(self) -> VoteCounts | None:
        """The typed counts, or None when one is not a whole number."""
        ids = ["in-favour", "against", "abstentions"]
        if self.community_counts:
            ids += ["community-in-favour", "community-against"]
        values = [parse_count(self.query_one(f"#{i}", Input).value) for i in ids]
        if any(v is None for v in values):
            return None
        if not self.community_counts:
            values += [None, None]
        return VoteCounts(*values, secret_ballot=self.query_one("#secret-ballot", Checkbox).value)  # type: ignore[arg-type]

    @on(Input.Changed)
    def _tally(self) -> None:
        tally = self.query_one("#tally", Static)
        counts = self.counts()
        error = self.query_one("#votes-error", Static)
        if counts is None:
            error.update(_("Votes: type whole numbers (0 or more)."))
            tally.update("")
            return
        error.update("")
        try:
            community = None
            if self.community_counts:
                community = procedure.CommunityVotes(counts.community_in_favour or 0, counts.community_against or 0)
            outcome = procedure.decide_community_vote(
                self.rule, procedure.Votes(counts.in_favour, counts.against, counts.abstentions),
                community=community, presence=self.presence,
                members_present=self.members_present, voting_members=self.voting_members,
            )
        except FormationError as problem:
            tally.update(plain(getattr(problem, "detail", str(problem))))
            return
        verdict = _("would be CARRIED") if outcome.carried else _("would be LOST")
        tally.update(plain(f"{verdict}: {outcome.explanation}"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without recording."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#record")
    def action_record(self) -> None:
        """Hand the counts to the caller (which records them with formation)."""
        counts = self.counts()
        if counts is None:
            self.query_one("#votes-error", Static).update(_("Votes: type whole numbers (0 or more)."))
            return
        if self.on_submit is not None:
            self.on_submit(counts)
        else:
            self.dismiss(counts)
