"""Meetings: kind, date and place, chair and minute-taker, attendance, agenda, and the minutes' state.

A ``Meeting`` holds what its minutes record: its motions with their amendments and votes live
inside it (``formation.models.motions``); carried motions become ``Decision`` records and
follow-ups ``ActionItem`` records (``formation.models.decisions``).

What the minutes contain follows Robert's Rules of Order Newly Revised, 12th ed. (RONR),
section 48: actions, not debate; each main motion's final wording, its mover, and the counts
of counted votes (names only for a roll call). The rules that decide votes are in
``formation.procedure``; the operations in ``formation.meetings``.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import Field, model_validator

from formation.models.base import Count, FormationModel, ISODate, Name, Record, Text, register
from formation.models.motions import (
    Amendment,
    Block,
    BylawsRef,
    ClauseId,
    ClockTime,
    ConsensusRecord,
    ContentHash,
    Motion,
    MotionResult,
    ObligationId,
    RollCallEntry,
    StandAside,
    VoteChoice,
    VoteRecord,
    Wording,
)

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


__all__ = [
    "GENERAL_MEETING_KINDS", "MEETING_KINDS", "MEETING_KIND_TITLES", "PRESENT", "REMOTE", "AgendaItem",
    "Amendment", "AttendanceEntry", "Block", "BylawsRef", "ClauseId", "ClockTime", "ConsensusRecord",
    "ContentHash", "Meeting", "MeetingKind", "MinutesState", "Motion", "MotionResult", "ObligationId",
    "PresenceKind", "QuorumRecord", "RollCallEntry", "StandAside", "VoteChoice", "VoteRecord", "Wording",
]
