"""Meetings, motions and votes, the decisions register, action items and minutes corrections.

A ``Meeting`` holds what its minutes record: kind, date and place, chair and minute-taker,
attendance, agenda, and its motions with their amendments and votes (a motion belongs to one
meeting, so it lives inside it). Carried motions become ``Decision`` records (the decisions
register); follow-ups are ``ActionItem`` records; a correction to minutes that are already
locked is a ``MinutesCorrection`` linked to them.

What the minutes contain follows Robert's Rules of Order Newly Revised, 12th ed. (RONR),
section 48: actions, not debate; each main motion's final wording, its mover, and the counts
of counted votes (names only for a roll call); a secret ballot keeps counts only (RONR 45:18).
The rules that decide votes are in ``formation.procedure``; the operations in
``formation.meetings``.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Literal
from uuid import UUID, uuid4

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from formation.models.due_rules import EventName
from formation.models.base import Count, FormationModel, ISODate, Name, PositiveCount, Record, Text, register
from formation.models.rules import DecisionKind

MeetingKind = Literal["founding", "general", "agm", "special_general", "governing_body", "committee", "gathering"]
"""Founding meeting, general meeting, annual general meeting, special general meeting, governing
body meeting, committee meeting, or a gathering or training (which takes no decisions)."""

MEETING_KINDS: tuple[str, ...] = MeetingKind.__args__  # type: ignore[attr-defined]

MEETING_KIND_TITLES: dict[str, str] = {
    "founding": "Founding meeting",
    "general": "General meeting",
    "agm": "Annual general meeting",
    "special_general": "Special general meeting",
    "governing_body": "Governing body meeting",
    "committee": "Committee meeting",
    "gathering": "Gathering or training",
}

GENERAL_MEETING_KINDS = frozenset({"founding", "general", "agm", "special_general"})
"""Meetings of the whole membership: their voters are the register's current voting members."""

PresenceKind = Literal["in_person", "remote_phone", "remote_online", "apologies", "absent", "proxy"]
"""How someone attended: in person; remotely by phone or online; sent apologies; absent; or
represented by a proxy holder (only where the bylaws allow proxies)."""

PRESENT = frozenset({"in_person", "remote_phone", "remote_online"})
REMOTE = frozenset({"remote_phone", "remote_online"})

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


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text_empty", "must not be empty")
    return value


def _pattern(regex: re.Pattern[str], what: str):  # noqa: ANN202 - a validator factory
    def check(value: str) -> str:
        if not regex.match(value):
            raise PydanticCustomError("id_format", what)
        return value

    return check


ClockTime = Annotated[str, AfterValidator(_clock)]
"""A time of day, ``HH:MM`` on the 24-hour clock."""

Wording = Annotated[Text, AfterValidator(_not_blank)]
"""Free text that must not be empty (a motion's wording, a reason)."""

ClauseId = Annotated[str, AfterValidator(_pattern(_CLAUSE_ID, "must be a clause id (letters, digits, _ . -)"))]
ObligationId = Annotated[str, AfterValidator(_pattern(_OBLIGATION_ID, "must be an obligation id (a-z, 0-9, _)"))]
ContentHash = Annotated[str, AfterValidator(_pattern(_SHA256, "must be a SHA-256 hex digest"))]


class AttendanceEntry(FormationModel):
    """One line of the attendance register.

    Attributes:
        member_id: the member's UUID, or None for a guest who is not a member.
        guest: for a non-member observer, a label such as ``"Partner NGO staff"`` (not a legal
            name); None for members.
        presence: in person, remote by phone or online, apologies, absent, or proxy.
        proxy_holder_id: for ``"proxy"``, the member who holds the proxy (present at the
            meeting); None otherwise.

    Whether the person votes is not stored here: it follows from the member's class and the
    meeting (a supporter never votes; at a governing body meeting only its voting seats do).
    """

    member_id: UUID | None = None
    guest: Name | None = None
    presence: PresenceKind = "in_person"
    proxy_holder_id: UUID | None = None

    @model_validator(mode="after")
    def _who(self) -> "AttendanceEntry":
        if (self.member_id is None) == (self.guest is None):
            raise ValueError("an attendance line names either a member (member_id) or a guest, not both or neither")
        if self.presence == "proxy":
            if self.member_id is None:
                raise ValueError("only a member can be represented by a proxy")
            if self.proxy_holder_id is None:
                raise ValueError("proxy_holder_id is required when presence is proxy")
            if self.proxy_holder_id == self.member_id:
                raise ValueError("a member cannot hold their own proxy")
        elif self.proxy_holder_id is not None:
            raise ValueError("proxy_holder_id is only for presence 'proxy'")
        return self

    @property
    def is_present(self) -> bool:
        """True for in person, phone or online."""
        return self.presence in PRESENT


class AgendaItem(FormationModel):
    """An agenda item: a title and optional notes."""

    title: Name
    notes: Text | None = None


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
    """

    method: Literal["counts", "roll_call", "secret_ballot"] = "counts"
    in_favour: Count = 0
    against: Count = 0
    abstentions: Count = 0
    blank: Count = 0
    roll_call: list[RollCallEntry] = Field(default_factory=list, max_length=100_000)
    casting_vote: Literal["in_favour", "against"] | None = None

    @model_validator(mode="after")
    def _counts_match(self) -> "VoteRecord":
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


class QuorumRecord(FormationModel):
    """The quorum as it stood when the meeting closed (kept so the minutes never change).

    Attributes:
        quorate: whether the meeting had a quorum.
        required: voting members the quorum needed.
        counted: voting members counted toward it.
        voting_members: voting members entitled to vote.
        community_counted: community members among ``counted``.
        community_required: community members needed, or None when the bylaws ask for none.
        explanation: the check in words.
        rule: the quorum rule in words.
    """

    quorate: bool = Field(strict=True)
    required: Count
    counted: Count
    voting_members: Count
    community_counted: Count = 0
    community_required: Count | None = None
    explanation: Text
    rule: Text


class MinutesState(FormationModel):
    """Where a meeting's minutes are in their life: draft, approved, locked.

    Attributes:
        status: ``"draft"`` or ``"approved"``.
        as_corrected: True if approved "as corrected" (RONR 48: corrections go into the text).
        corrections: what was corrected at approval, in words, or None.
        approved_at_meeting_id: the later meeting that approved them.
        approved_on: ISO date of that approval.
        locked_on: ISO date they were locked, or None; locked minutes never change.
        content_hash: SHA-256 (hex) of the locked content, or None before locking.
    """

    status: Literal["draft", "approved"] = "draft"
    as_corrected: bool = Field(default=False, strict=True)
    corrections: Text | None = None
    approved_at_meeting_id: UUID | None = None
    approved_on: ISODate | None = None
    locked_on: ISODate | None = None
    content_hash: ContentHash | None = None

    @property
    def locked(self) -> bool:
        """True once the content hash is set."""
        return self.content_hash is not None

    @property
    def label(self) -> str:
        """``"Draft"``, ``"Approved"``, ``"Approved as corrected"``, with ``", locked"`` added."""
        text = "Draft" if self.status == "draft" else ("Approved as corrected" if self.as_corrected else "Approved")
        return text + (", locked" if self.locked else "")


@register
class Meeting(Record):
    """A meeting and the record its minutes are made from.

    Attributes:
        meeting_kind: founding, general, AGM, special general, governing body, committee,
            gathering or training.
        title: an optional title (``"First AGM"``); the kind is used when None.
        date: ISO date.
        start_time, end_time: ``HH:MM``, or None; ``end_time`` is the adjournment time.
        place: free text, may be vague on purpose (``"the usual place"``).
        chair_id, minute_taker_id: members, or None until known.
        attendance: the attendance register.
        agenda: agenda items.
        notes: free notes.
        committee_member_ids: for a committee meeting, its voting members.
        status: ``"open"`` until closed.
        quorum: the quorum at closing, or None while open.
        motions: the motions, in order.
        minutes: the minutes' lifecycle state.
    """

    kind: Literal["meeting"] = "meeting"
    meeting_kind: MeetingKind
    title: Name | None = None
    date: ISODate
    start_time: ClockTime | None = None
    end_time: ClockTime | None = None
    place: Text | None = Field(default=None, max_length=500)
    chair_id: UUID | None = None
    minute_taker_id: UUID | None = None
    attendance: list[AttendanceEntry] = Field(default_factory=list, max_length=100_000)
    agenda: list[AgendaItem] = Field(default_factory=list, max_length=200)
    notes: Text | None = None
    committee_member_ids: list[UUID] = Field(default_factory=list, max_length=1000)
    status: Literal["open", "closed"] = "open"
    quorum: QuorumRecord | None = None
    motions: list[Motion] = Field(default_factory=list, max_length=500)
    minutes: MinutesState = Field(default_factory=MinutesState)

    @model_validator(mode="after")
    def _consistent(self) -> "Meeting":
        seen: set[UUID] = set()
        for entry in self.attendance:
            if entry.member_id is not None:
                if entry.member_id in seen:
                    raise ValueError("a member appears twice in the attendance register")
                seen.add(entry.member_id)
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise ValueError("end_time is before start_time")
        return self

    @property
    def heading(self) -> str:
        """The title, or the kind's name (``"Annual general meeting"``)."""
        return self.title or MEETING_KIND_TITLES[self.meeting_kind]

    def attendance_of(self, member_id: UUID) -> AttendanceEntry | None:
        """The attendance line of a member, or None."""
        return next((a for a in self.attendance if a.member_id == member_id), None)

    def motion(self, motion_id: UUID) -> Motion | None:
        """The motion with this id, or None."""
        return next((m for m in self.motions if m.id == motion_id), None)


class Trigger(FormationModel):
    """An obligation a decision starts, with the date that starts it.

    Serialised as ``{"obligation": "change_of_officers", "event": "officer_change",
    "date": "2025-03-01"}``.

    Attributes:
        obligation: what the decision starts, e.g. ``"change_of_officers"`` (the notice to the
            registrar after officers change).
        event: the dated event the legal contexts' due rules count from
            (``formation.models.due_rules.EventName``: ``"officer_change"``,
            ``"special_resolution"``, ...), or None when no due rule counts from it.
        date: the ISO date it starts from (the meeting's date).
    """

    obligation: ObligationId
    event: EventName | None = None
    date: ISODate


@register
class Decision(Record):
    """An entry in the decisions register: a carried motion.

    Attributes:
        number: its number in the register (1, 2, ...).
        meeting_id, motion_id: where it was decided.
        decided_on: ISO date of the meeting.
        text: the motion's final wording.
        decision_kind: which majority applied.
        rule: the rule applied, in words.
        outcome: the counts and result in words.
        clause_id, clause_relation: the bylaws clause it relies on or amends, or None.
        triggers: the obligations it starts (e.g. a change of officers starts the registrar
            notice obligation).
        adopts_bylaws: the bylaws version it adopted, or None.
        needs_ratification: taken at an inquorate meeting; not final until ratified.
        ratified_by: the decision that ratified it, or None.
    """

    kind: Literal["decision"] = "decision"
    number: PositiveCount
    meeting_id: UUID
    motion_id: UUID
    decided_on: ISODate
    text: Wording
    decision_kind: DecisionKind = "ordinary"
    rule: Text
    outcome: Text
    clause_id: ClauseId | None = None
    clause_relation: Literal["relies_on", "amends"] | None = None
    triggers: list[Trigger] = Field(default_factory=list, max_length=20)
    adopts_bylaws: BylawsRef | None = None
    needs_ratification: bool = Field(default=False, strict=True)
    ratified_by: UUID | None = None


@register
class ActionItem(Record):
    """Something a member agreed to do.

    Attributes:
        what: the task.
        owner_id: the member who does it.
        due: ISO due date, or None.
        status: ``"open"``, ``"done"`` or ``"dropped"``.
        meeting_id: the meeting it came from, or None.
        decision_id: the decision it carries out, or None.
        completed_on: ISO date it was done or dropped, or None.
    """

    kind: Literal["action_item"] = "action_item"
    what: Wording
    owner_id: UUID
    due: ISODate | None = None
    status: Literal["open", "done", "dropped"] = "open"
    meeting_id: UUID | None = None
    decision_id: UUID | None = None
    completed_on: ISODate | None = None

    def is_overdue(self, today: _dt.date) -> bool:
        """True if still open and its due date is before ``today`` (an ISO date)."""
        return self.status == "open" and self.due is not None and self.due < today


@register
class MinutesCorrection(Record):
    """A correction to minutes that are already locked: a new record linked to them, so the
    locked minutes and their hash never change (RONR section 35, amending something previously
    adopted).

    Attributes:
        meeting_id: the meeting whose minutes it corrects.
        corrects_hash: the content hash of those locked minutes.
        made_on: ISO date the correction was agreed.
        at_meeting_id: the meeting that agreed it, or None.
        text: the correction in words.
    """

    kind: Literal["minutes_correction"] = "minutes_correction"
    meeting_id: UUID
    corrects_hash: ContentHash
    made_on: ISODate
    at_meeting_id: UUID | None = None
    text: Wording
