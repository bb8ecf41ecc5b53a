"""Motions, amendments and votes: the business a meeting decides.

A ``Motion`` belongs to one ``Meeting`` and lives inside it. It records the wording as moved and
as finally adopted (after amendments), the mover and seconder, the kind of decision (which sets
the majority it needs under the bylaws), and how it was decided: counted votes, a roll call, a
secret ballot that keeps counts only (RONR 45:18), or a consensus test (agree, stand aside with
a reason, block). Also the field types the meeting records share.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from uuid import UUID, uuid4

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from formation.models.base import Count, FormationModel, PositiveCount, Text, Wording
from formation.models.rules import DecisionKind

VoteChoice = Literal["in_favour", "against", "abstain"]
MotionResult = Literal["pending", "carried", "lost", "withdrawn", "fallback_vote_needed"]

_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_OBLIGATION_ID = re.compile(r"^[a-z0-9_]{1,64}$")
_CLAUSE_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,100}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _clock(value: str) -> str:
    if not _CLOCK.match(value):
        raise PydanticCustomError("time_format", "must be a time written HH:MM (24-hour clock)")
    return value



def _pattern(regex: re.Pattern[str], what: str):  # noqa: ANN202 - a validator factory
    def check(value: str) -> str:
        if not regex.match(value):
            raise PydanticCustomError("id_format", what)
        return value

    return check


ClockTime = Annotated[str, AfterValidator(_clock)]
"""A time of day, ``HH:MM`` on the 24-hour clock."""


ClauseId = Annotated[str, AfterValidator(_pattern(_CLAUSE_ID, "must be a clause id (letters, digits, _ . -)"))]
ObligationId = Annotated[str, AfterValidator(_pattern(_OBLIGATION_ID, "must be an obligation id (a-z, 0-9, _)"))]
ContentHash = Annotated[str, AfterValidator(_pattern(_SHA256, "must be a SHA-256 hex digest"))]


class RollCallEntry(FormationModel):
    """One member's recorded vote in a roll call.

    Attributes:
        member_id: who voted (the proxy holder when ``proxy_for`` is set).
        vote: ``"in_favour"``, ``"against"`` or ``"abstain"``.
        proxy_for: the absent member whose proxy this vote is, or None.
    """

    member_id: UUID
    vote: VoteChoice
    proxy_for: UUID | None = None


class VoteRecord(FormationModel):
    """The votes on a motion or an amendment.

    Attributes:
        method: ``"counts"`` (show of hands, counted), ``"roll_call"`` (each voter named), or
            ``"secret_ballot"`` (counts only, never names: RONR 45:18).
        in_favour, against, abstentions, blank: the counts (for a roll call they equal the
            roll call's tally).
        roll_call: the named votes of a roll call; empty otherwise.
        casting_vote: the chair's casting vote on a tie where the bylaws give one, or None.
        community_in_favour, community_against: for a counted vote or a ballot on a decision
            whose rule needs a majority of the community members voting (an entrenched clause),
            how many of the votes in favour and against were community members' votes; both or
            neither; None otherwise (a roll call shows it by itself). Sensitive: never printed
            in a shareable or aggregate document.
    """

    method: Literal["counts", "roll_call", "secret_ballot"] = "counts"
    in_favour: Count = 0
    against: Count = 0
    abstentions: Count = 0
    blank: Count = 0
    roll_call: list[RollCallEntry] = Field(default_factory=list, max_length=100_000)
    casting_vote: Literal["in_favour", "against"] | None = None
    community_in_favour: Count | None = None
    community_against: Count | None = None

    @model_validator(mode="after")
    def _counts_match(self) -> "VoteRecord":
        if (self.community_in_favour is None) != (self.community_against is None):
            raise ValueError("community_in_favour and community_against are given together")
        if self.community_in_favour is not None:
            if self.method == "roll_call":
                raise ValueError("a roll call shows how community members voted; give no separate community counts")
            if self.community_in_favour > self.in_favour:
                raise ValueError("community_in_favour is more than the votes in favour")
            if self.community_against > self.against:  # type: ignore[operator]
                raise ValueError("community_against is more than the votes against")
        if self.method != "roll_call":
            if self.roll_call:
                raise ValueError("names of voters are kept only for a roll call (a secret ballot keeps counts only)")
            return self
        tally = {"in_favour": 0, "against": 0, "abstain": 0}
        for entry in self.roll_call:
            tally[entry.vote] += 1
        if (tally["in_favour"], tally["against"], tally["abstain"]) != (self.in_favour, self.against, self.abstentions):
            raise ValueError("the counts do not match the roll call")
        if self.blank:
            raise ValueError("a roll call has no blank ballots")
        return self


class StandAside(FormationModel):
    """A member who stands aside from a consensus, with their reason (minuted by custom)."""

    member_id: UUID
    reason: Wording


class Block(FormationModel):
    """A member who blocks a consensus, with their reason where given."""

    member_id: UUID
    reason: Text | None = None


class ConsensusRecord(FormationModel):
    """The responses when a proposal was tested for consensus.

    Attributes:
        agree: how many agreed (a count; agreeing members are not named).
        stand_asides: who stood aside, each with a reason.
        blocks: who blocked.
    """

    agree: Count = 0
    stand_asides: list[StandAside] = Field(default_factory=list, max_length=100_000)
    blocks: list[Block] = Field(default_factory=list, max_length=100_000)


class BylawsRef(FormationModel):
    """Which bylaws version a motion adopts.

    Attributes:
        draft_id: the UUID of the bylaws draft record.
        version: the version number adopted (>= 1), or None for the draft's current version.
    """

    draft_id: UUID
    version: PositiveCount | None = None


class Amendment(FormationModel):
    """An amendment to a pending motion (RONR section 12).

    Attributes:
        id: its UUID.
        text: the amendment as moved (``"insert 'and online' after 'in person'"``).
        resulting_text: the motion's whole wording if the amendment is carried.
        mover_id, seconder_id: who moved and seconded it.
        vote: its votes, or None until voted.
        result: pending, carried, lost or withdrawn.
        outcome: the outcome in words, once decided.
    """

    id: UUID = Field(default_factory=uuid4)
    text: Wording
    resulting_text: Wording
    mover_id: UUID
    seconder_id: UUID | None = None
    vote: VoteRecord | None = None
    result: Literal["pending", "carried", "lost", "withdrawn"] = "pending"
    outcome: Text | None = None

    @model_validator(mode="after")
    def _different_seconder(self) -> "Amendment":
        if self.mover_id == self.seconder_id:
            raise ValueError("the mover cannot also second the amendment")
        return self


class Motion(FormationModel):
    """A motion put to a meeting.

    Attributes:
        id: its UUID.
        number: its place in the meeting (1, 2, ...).
        motion_type: ``"main"`` or a procedural motion (adjourn, recess, fix the time to which to
            adjourn, obtain a quorum).
        text: the wording: the final wording once amendments are carried.
        original_text: the wording as first moved, when an amendment changed it; else None.
        mover_id: the mover (None only for a procedural step the chair declared).
        seconder_id: the seconder, or None.
        decision_kind: which majority applies (``"ordinary"``, ``"amend_bylaws"``, ...).
        clause_id: the bylaws clause the motion relies on or amends, or None.
        clause_relation: ``"relies_on"`` or ``"amends"`` (required with ``clause_id``).
        adopts_bylaws: the bylaws version this motion adopts, or None.
        ratifies: the decision (taken without a quorum) this motion ratifies, or None.
        triggers: obligation ids (from the legal context) this motion starts when carried, on
            top of those its decision kind starts (e.g. ``"change_of_officers"``).
        amendments: amendments moved to it, in order.
        consensus: the consensus test, where the bylaws decide by consensus.
        vote: the counted vote (including a fallback vote after a failed consensus).
        result: pending, carried, lost, withdrawn, or fallback_vote_needed.
        rule: the rule applied, in words, once decided.
        outcome: the outcome in words, once decided.
        needs_ratification: decided at an inquorate meeting under bylaws that allow it; a later
            quorate meeting must ratify it.
        decision_id: the decisions-register entry once carried.
    """

    id: UUID = Field(default_factory=uuid4)
    number: PositiveCount
    motion_type: Literal["main", "adjourn", "recess", "fix_time_to_adjourn", "obtain_quorum"] = "main"
    text: Wording
    original_text: Text | None = None
    mover_id: UUID | None = None
    seconder_id: UUID | None = None
    decision_kind: DecisionKind = "ordinary"
    clause_id: ClauseId | None = None
    clause_relation: Literal["relies_on", "amends"] | None = None
    adopts_bylaws: BylawsRef | None = None
    ratifies: UUID | None = None
    triggers: list[ObligationId] = Field(default_factory=list, max_length=20)
    amendments: list[Amendment] = Field(default_factory=list, max_length=200)
    consensus: ConsensusRecord | None = None
    vote: VoteRecord | None = None
    result: MotionResult = "pending"
    rule: Text | None = None
    outcome: Text | None = None
    needs_ratification: bool = Field(default=False, strict=True)
    decision_id: UUID | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Motion":
        if (self.clause_id is None) != (self.clause_relation is None):
            raise ValueError("clause_id and clause_relation go together")
        if self.mover_id is not None and self.mover_id == self.seconder_id:
            raise ValueError("the mover cannot also second the motion")
        return self

    @property
    def pending_amendment(self) -> Amendment | None:
        """The amendment now pending, or None."""
        return next((a for a in self.amendments if a.result == "pending"), None)
