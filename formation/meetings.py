"""Meetings as a careful secretary keeps them: attendance, motions, votes, decisions.

Operations over an open ``formation.store.Workspace``. Each one loads the meeting, checks the
change against the members, the meeting and the group's own rules (``GovernanceRules`` from the
adopted bylaws, see ``rules_for``), and saves everything it changes in one atomic save: a
refused change leaves the workspace as it was. Errors name the field at fault and never repeat
a member's name.

The procedure itself (quorum, majorities, outcomes) is in ``formation.procedure``; the minutes
lifecycle and documents in ``formation.minutes``; votes, decisions and closing a meeting in
``formation.voting``; the decisions register and action items in ``formation.decisions``.
This module re-exports the voting operations, so callers need only ``formation.meetings``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from uuid import UUID

from pydantic import ValidationError

from formation import bylaws_link, procedure
from formation.errors import from_validation_error
from formation.models import Member
from formation.models.decisions import Decision
from formation.models.meetings import Amendment, AttendanceEntry, BylawsRef, Meeting, Motion, PresenceKind
from formation.models.rules import GovernanceRules
from formation.procedure import MotionType, QuorumCheck
from formation.roll import (
    SOURCE,
    Roll,
    check_voter,
    electorate_of,
    error,
    find_motion,
    load_meeting,
    load_roll,
    presence_of,
    quorum_of,
    require_editable,
    require_member,
    rules_for,
    save_meeting,
    voters_present,
)
from formation.voting import close_meeting, decide, record_consensus, record_vote

# ------------------------------------------------------------------------ meetings


def new_meeting(
    ws,  # noqa: ANN001
    *,
    meeting_kind: str,
    date: _dt.date | str,
    start_time: str | None = None,
    place: str | None = None,
    title: str | None = None,
    chair_id: UUID | None = None,
    minute_taker_id: UUID | None = None,
    agenda: Iterable[str] = (),
    notes: str | None = None,
    committee_member_ids: Iterable[UUID] = (),
) -> Meeting:
    """Create a meeting (open, minutes in draft) and save it.

    Args:
        ws: the open workspace.
        meeting_kind: ``founding``, ``general``, ``agm``, ``special_general``,
            ``governing_body``, ``committee`` or ``gathering``.
        date: ISO date; start_time ``HH:MM`` or None; place free text (may be vague).
        title: an optional title; chair_id, minute_taker_id: members, or None.
        agenda: agenda item titles.
        notes: free notes.
        committee_member_ids: for a committee meeting, its voting members.

    Returns:
        The saved ``Meeting``.

    Raises:
        InputError / ValidationFailed: an invalid field (named), no members in the workspace
        (field ``members``), a chair, minute-taker or committee member who is not a member.
    """
    members = {m.id: m for m in ws.all(Member)}
    if not members:
        raise error("the workspace has no members yet: add members before recording a meeting", "members")
    for field, value in (("chair_id", chair_id), ("minute_taker_id", minute_taker_id)):
        if value is not None and value not in members:
            raise error("is not a member of the organization", field)
    committee = list(committee_member_ids)
    for i, member_id in enumerate(committee):
        if member_id not in members:
            raise error("is not a member of the organization", f"committee_member_ids.{i}")
    if meeting_kind == "committee" and not committee:
        raise error("a committee meeting needs its members (who vote there)", "committee_member_ids")
    try:
        meeting = Meeting(
            meeting_kind=meeting_kind, date=date, start_time=start_time, place=place, title=title,
            chair_id=chair_id, minute_taker_id=minute_taker_id, notes=notes,
            agenda=[{"title": t} for t in agenda], committee_member_ids=committee,  # validated inside the meeting: errors name agenda.N.title
        )
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE) from None
    ws.put(meeting)
    return meeting


def attend(
    ws,  # noqa: ANN001
    meeting_id: UUID | str,
    member_ids: Iterable[UUID],
    presence: PresenceKind,
    *,
    proxy_holder_id: UUID | None = None,
    rules: GovernanceRules | None = None,
) -> Meeting:
    """Record how members attended (replacing an earlier line for the same member).

    Args:
        ws: the open workspace.
        meeting_id: the meeting.
        member_ids: the members.
        presence: ``in_person``, ``remote_phone``, ``remote_online``, ``apologies``, ``absent``
            or ``proxy``.
        proxy_holder_id: for ``proxy``, the member holding the proxies (recorded as present).
        rules: the governance rules, when not taken from the adopted bylaws (only needed for
            proxies).

    Raises:
        InputError: a member id that is not a member (``member_ids.N``); proxies the bylaws do
        not allow or a holder who is not present (``presence`` / ``proxy_holder_id``); the
        meeting is closed or its minutes approved.
    """
    meeting = load_meeting(ws, meeting_id)
    require_editable(meeting)
    roll = load_roll(ws, meeting)
    ids = list(member_ids)
    for i, member_id in enumerate(ids):
        require_member(roll, member_id, f"member_ids.{i}")
    if presence == "proxy":
        if not rules_for(ws, meeting, rules).proxies_allowed:
            raise error("the bylaws do not allow proxies", "presence")
        holder = meeting.attendance_of(proxy_holder_id) if proxy_holder_id else None
        if holder is None or not holder.is_present:
            raise error("the proxy holder must be a member recorded as present first", "proxy_holder_id")
    by_member = {a.member_id: a for a in meeting.attendance if a.member_id is not None}
    try:
        for member_id in ids:
            by_member[member_id] = AttendanceEntry(member_id=member_id, presence=presence,
                                                   proxy_holder_id=proxy_holder_id if presence == "proxy" else None)
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE, prefix="attendance") from None
    guests = [a for a in meeting.attendance if a.member_id is None]
    meeting.attendance = list(by_member.values()) + guests
    return save_meeting(ws, meeting)


def add_guest(ws, meeting_id: UUID | str, label: str, presence: PresenceKind = "in_person") -> Meeting:  # noqa: ANN001
    """Record a non-member observer by a label (``"Partner NGO staff"``), never a legal name.

    Raises:
        ValidationFailed: the label or presence is invalid (fields ``guest`` / ``presence``,
            the names of this function's arguments as the command line gives them).
    """
    meeting = load_meeting(ws, meeting_id)
    require_editable(meeting)
    try:
        meeting.attendance = [*meeting.attendance, AttendanceEntry(guest=label, presence=presence)]
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE) from None
    return save_meeting(ws, meeting)


def meeting_quorum(ws, meeting_id: UUID | str, *, rules: GovernanceRules | None = None) -> QuorumCheck:  # noqa: ANN001
    """The quorum of a meeting as its attendance stands now (the snapshot once closed)."""
    meeting = load_meeting(ws, meeting_id)
    gov = rules_for(ws, meeting, rules)
    return quorum_of(meeting, load_roll(ws, meeting, gov), gov)


# ------------------------------------------------------------------------ motions


def add_motion(
    ws,  # noqa: ANN001
    meeting_id: UUID | str,
    text: str,
    *,
    mover_id: UUID | None,
    seconder_id: UUID | None = None,
    decision_kind: str = "ordinary",
    motion_type: MotionType = "main",
    clause_id: str | None = None,
    clause_relation: str | None = None,
    adopts_bylaws: BylawsRef | None = None,
    ratifies: UUID | None = None,
    triggers: Iterable[str] = (),
    rules: GovernanceRules | None = None,
) -> Motion:
    """Move a motion at an open meeting.

    Args:
        ws: the open workspace; meeting_id: the meeting.
        text: the wording as moved.
        mover_id: the mover, a voting member present (None only for a procedural motion the
            chair puts, such as adjourning an inquorate meeting).
        seconder_id: the seconder (required where the bylaws require one).
        decision_kind: ``ordinary``, ``amend_bylaws``, ``amend_entrenched``,
            ``elect_governing_body``, ``remove_officer``, ``admit_member``, ``expel_member`` or
            ``dissolution``.
        motion_type: ``main`` or a procedural motion.
        clause_id, clause_relation: the bylaws clause it relies on or amends.
        adopts_bylaws: the bylaws version it adopts (a founding meeting's main motion).
        ratifies: a decision taken without a quorum that this motion ratifies (RONR 40:7).
        triggers: extra obligation ids it starts when carried.
        rules: the governance rules, when not taken from the adopted bylaws.

    Returns:
        The saved ``Motion`` (pending).

    Raises:
        InputError: a mover or seconder who may not vote here (``mover_id``/``seconder_id``);
        no seconder where required; business an inquorate meeting may not take (``quorum``);
        a decision to ratify that does not need it, or an inquorate meeting ratifying (``ratifies``);
        a gathering (``meeting_kind``); another motion pending; an invalid field.
    """
    meeting = load_meeting(ws, meeting_id)
    require_editable(meeting)
    if meeting.meeting_kind == "gathering":
        raise error("a gathering or training takes no decisions; record a general or governing body "
                     "meeting for motions", "meeting_kind")
    if any(m.result in ("pending", "fallback_vote_needed") for m in meeting.motions):
        raise error("another motion is still pending: decide or withdraw it first", "motions")
    if adopts_bylaws is not None:
        bylaws_link.check_adoptable(ws, adopts_bylaws)
    gov = rules_for(ws, meeting, rules, adopting=adopts_bylaws)
    roll = load_roll(ws, meeting, gov)
    if mover_id is None and motion_type == "main":
        raise error("a main motion needs a mover", "mover_id")
    if mover_id is not None:
        check_voter(meeting, roll, gov, mover_id, "mover_id")
    if seconder_id is not None:
        check_voter(meeting, roll, gov, seconder_id, "seconder_id")
    elif gov.seconder_required and motion_type == "main":
        raise error("the bylaws require a seconder for every motion", "seconder_id")
    quorate = quorum_of(meeting, roll, gov).quorate
    permission = procedure.business_allowed(gov, quorate, motion_type)
    if not permission.allowed:
        raise error(permission.reason, "quorum")
    if ratifies is not None:
        _check_ratifiable(ws, ratifies, quorate)
    try:
        motion = Motion(
            number=len(meeting.motions) + 1, text=text, mover_id=mover_id, seconder_id=seconder_id,
            decision_kind=decision_kind, motion_type=motion_type, clause_id=clause_id,
            clause_relation=clause_relation, adopts_bylaws=adopts_bylaws, ratifies=ratifies, triggers=list(triggers),
            needs_ratification=permission.needs_ratification,
        )
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE, prefix="motion") from None
    meeting.motions = [*meeting.motions, motion]
    save_meeting(ws, meeting)
    return motion


def _check_ratifiable(ws, decision_id: UUID, quorate: bool) -> None:  # noqa: ANN001
    """Only a quorate meeting may ratify, and only a decision taken without a quorum (RONR 40:7)."""
    decision = next((d for d in ws.all(Decision) if d.id == decision_id), None)
    if decision is None:
        raise error("no decision with that id in the register", "ratifies")
    if not decision.needs_ratification or decision.ratified_by is not None:
        raise error("that decision does not need ratification", "ratifies")
    if not quorate:
        raise error("only a meeting with a quorum can ratify a decision", "ratifies")


def add_amendment(
    ws,  # noqa: ANN001
    meeting_id: UUID | str,
    motion_id: UUID | str,
    text: str,
    resulting_text: str,
    *,
    mover_id: UUID,
    seconder_id: UUID | None = None,
    rules: GovernanceRules | None = None,
) -> Amendment:
    """Move an amendment to the pending motion (RONR section 12).

    Args:
        text: the amendment as moved; resulting_text: the motion's wording if it is carried.
        mover_id, seconder_id: voting members present (a seconder where the bylaws need one).

    Raises:
        InputError: the motion is not pending or already has a pending amendment
        (``amendments``), a mover or seconder who may not vote (named field).
    """
    meeting = load_meeting(ws, meeting_id)
    require_editable(meeting)
    motion = find_motion(meeting, motion_id)
    if motion.result != "pending" or motion.vote is not None or motion.consensus is not None:
        raise error("only a pending motion not yet put to the vote can be amended", "motion_id")
    if motion.pending_amendment is not None:
        raise error("an amendment is already pending on this motion: decide it first", "amendments")
    gov = rules_for(ws, meeting, rules)
    roll = load_roll(ws, meeting, gov)
    check_voter(meeting, roll, gov, mover_id, "mover_id")
    if seconder_id is not None:
        check_voter(meeting, roll, gov, seconder_id, "seconder_id")
    elif gov.seconder_required:
        raise error("the bylaws require a seconder for every motion, amendments included", "seconder_id")
    try:
        amendment = Amendment(text=text, resulting_text=resulting_text, mover_id=mover_id, seconder_id=seconder_id)
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE, prefix="amendment") from None
    motion.amendments = [*motion.amendments, amendment]
    save_meeting(ws, meeting)
    return amendment


def withdraw_motion(ws, meeting_id: UUID | str, motion_id: UUID | str) -> Meeting:  # noqa: ANN001
    """Record that the mover withdrew a pending motion (RONR 33)."""
    meeting = load_meeting(ws, meeting_id)
    require_editable(meeting)
    motion = find_motion(meeting, motion_id)
    if motion.result not in ("pending", "fallback_vote_needed"):
        raise error("only a pending motion can be withdrawn", "motion_id")
    motion.result = "withdrawn"
    motion.outcome = "Withdrawn by the mover."
    return save_meeting(ws, meeting)


__all__ = [
    "Roll", "add_amendment", "add_guest", "add_motion", "attend", "check_voter", "close_meeting",
    "decide", "electorate_of", "load_roll", "meeting_quorum", "new_meeting", "presence_of",
    "quorum_of", "record_consensus", "record_vote", "rules_for", "voters_present", "withdraw_motion",
]
