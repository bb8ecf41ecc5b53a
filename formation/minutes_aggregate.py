"""Aggregate render contexts of the minutes documents: counts and outcomes, nothing about anyone.

The ``aggregate`` export profile (issue 7 item 4; ``formation.documents.profiles``) is for
statistics: a funder's report, a network's survey. Its contexts hold counts only:

- the minutes: the kind and date of the meeting, attendance counts, the quorum as counts, each
  motion's kind of decision, rule, vote counts and result, and tallies (motions carried and lost,
  action items agreed);
- the attendance register: attendance counts and the quorum;
- the decisions register: each decision's number, date, kind, rule, counts and status;
- the action list: how many items are open, overdue, done and dropped.

No name, no alias ("Member A"), no role tied to a person (chair, mover, owner) and no free text
from the workspace (motion wording, place, notes, agenda titles, corrections) enters these
contexts: redaction happens in the data, before rendering (research/security.md section 4). The
declared shapes (``formation.minutes_shapes.AGGREGATE_SHAPES``) have no key that could hold them,
so a layout cannot ask for one. Community status is not shared, not even as a count, as in the
shareable profile. Pure functions: the caller reads the workspace.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from formation.document_names import Names, long_date
from formation.minutes_context import (
    _METHOD_LABELS,
    KIND_LABELS,
    MOTION_TYPE_LABELS,
    RESULT_LABELS,
    _counts_text,
    attendance_rows,
    counts_outcome,
    quorum_context,
)
from formation.models import Member
from formation.models.decisions import ActionItem, Decision, MinutesCorrection
from formation.models.meetings import MEETING_KIND_TITLES, Meeting, Motion
from formation.registers_context import _links_text

PROFILE = "aggregate"


def _attendance_counts(meeting: Meeting, members: Iterable[Member], electorate: frozenset[UUID]) -> dict[str, Any]:
    """``{"counts": {...}, "summary": "..."}``: the attendance counts (no labels are built)."""
    counts_only = Names(share_safe=True, labels={})
    rows = attendance_rows(meeting, {m.id: m for m in members}, electorate, counts_only)
    return {"counts": rows["counts"], "summary": rows["summary"]}


def _motion(motion: Motion, decisions: Mapping[UUID, Decision]) -> dict[str, Any]:
    vote, consensus = motion.vote, motion.consensus
    decision = decisions.get(motion.decision_id) if motion.decision_id else None
    return {
        "number": motion.number,
        "heading": f"{MOTION_TYPE_LABELS[motion.motion_type]} {motion.number}",
        "kind": KIND_LABELS[motion.decision_kind] if motion.motion_type == "main" else "procedure",
        "rule": motion.rule or "",
        "has_vote": vote is not None,
        "method": _METHOD_LABELS[vote.method] if vote else "",
        "counts": _counts_text(vote) if vote else "",
        "in_favour": vote.in_favour if vote else 0,
        "against": vote.against if vote else 0,
        "abstentions": vote.abstentions if vote else 0,
        "has_consensus": consensus is not None,
        "consensus": (f"{consensus.agree} agreed, {len(consensus.stand_asides)} stood aside, "
                      f"{len(consensus.blocks)} blocked") if consensus else "",
        "amendments": [{"number": i + 1, "result": RESULT_LABELS[a.result],
                        "counts": _counts_text(a.vote) if a.vote else ""}
                       for i, a in enumerate(motion.amendments)],
        "result": RESULT_LABELS[motion.result],
        "carried": motion.result == "carried",
        "explanation": counts_outcome(motion),
        "decision": f"Decision {decision.number}" if decision else "",
        "ratification": " ".join(filter(None, [
            "Taken without a quorum: it must be ratified by a later meeting with a quorum."
            if motion.needs_ratification else "",
            f"Ratifies decision {decisions[motion.ratifies].number}, taken without a quorum."
            if motion.ratifies in decisions else "",
        ])),
    }


def aggregate_minutes_context(
    meeting: Meeting,
    *,
    organization_name: str,
    members: Iterable[Member],
    decisions: Iterable[Decision],
    actions: Iterable[ActionItem],
    approved_here: Iterable[Meeting],
    corrections: Iterable[MinutesCorrection],
    electorate: frozenset[UUID],
) -> dict[str, Any]:
    """The aggregate render context of a meeting's minutes (pure).

    Args:
        meeting: the meeting.
        organization_name: the organization's name.
        members: every member record (for the attendance counts only).
        decisions: the decisions register (decisions of this meeting are shown by number).
        actions: action items agreed at this meeting (counted, never listed).
        approved_here: earlier meetings whose minutes this meeting approved.
        corrections: corrections recorded after these minutes were locked (counted only).
        electorate: ids of the members entitled to vote at this meeting.

    Returns:
        Plain data of the shape ``AGGREGATE_SHAPES["minutes"]`` for ``minutes/minutes-aggregate.docx``.
    """
    decision_map = {d.id: d for d in decisions}
    q = meeting.quorum
    if meeting.status != "closed":
        closing = "The meeting has not closed yet."
    elif q is not None and not q.quorate:
        closing = "There was no quorum, so the meeting could only adjourn" + (
            f"; it adjourned at {meeting.end_time}." if meeting.end_time else ".")
    else:
        closing = f"The meeting closed at {meeting.end_time}." if meeting.end_time else "The meeting closed."
    state = meeting.minutes
    approval = "These minutes are a draft until a later meeting approves them."
    if state.status == "approved":
        approval = f"{'Approved as corrected' if state.as_corrected else 'Approved'} on {long_date(state.approved_on)}."
    if state.locked:
        approval += f" Locked on {long_date(state.locked_on)}; content fingerprint (SHA-256) {state.content_hash}."
    motions = [_motion(m, decision_map) for m in meeting.motions]
    return {
        "organization": {"name": organization_name},
        "profile": PROFILE,
        "meeting": {
            "kind": MEETING_KIND_TITLES[meeting.meeting_kind],
            "date": long_date(meeting.date),
            "iso_date": meeting.date.isoformat(),
            "status": state.label,
            "closing": closing,
            "approval": approval,
        },
        "quorum": quorum_context(meeting, True),
        "attendance": _attendance_counts(meeting, members, electorate),
        "previous_minutes": [
            {"text": f"The minutes of the {MEETING_KIND_TITLES[m.meeting_kind].lower()} of {long_date(m.date)} were "
                     f"{'approved as corrected' if m.minutes.as_corrected else 'approved'}."}
            for m in approved_here
        ],
        "motions": motions,
        "tallies": {
            "agenda_items": len(meeting.agenda),
            "motions": len(motions),
            "carried": sum(1 for m in meeting.motions if m.result == "carried"),
            "lost": sum(1 for m in meeting.motions if m.result == "lost"),
            "withdrawn": sum(1 for m in meeting.motions if m.result == "withdrawn"),
            "amendments": sum(len(m.amendments) for m in meeting.motions),
            "actions": sum(1 for a in actions if a.meeting_id == meeting.id),
            "corrections": sum(1 for c in corrections if c.meeting_id == meeting.id),
        },
    }


def aggregate_attendance_context(
    meeting: Meeting,
    *,
    organization_name: str,
    members: Iterable[Member],
    electorate: frozenset[UUID],
) -> dict[str, Any]:
    """The aggregate render context of a meeting's attendance register (pure): the counts of
    voting members present in person, remotely, by proxy, with apologies and absent, of supporters
    and observers, and the quorum as counts. Shape ``AGGREGATE_SHAPES["attendance"]``."""
    return {
        "organization": {"name": organization_name},
        "profile": PROFILE,
        "meeting": {"kind": MEETING_KIND_TITLES[meeting.meeting_kind], "date": long_date(meeting.date)},
        "quorum": quorum_context(meeting, True),
        "attendance": _attendance_counts(meeting, members, electorate),
    }


def _status(decision: Decision) -> str:
    if decision.needs_ratification and decision.ratified_by is None:
        return "awaiting ratification"
    return "ratified" if decision.ratified_by else "in force"


def aggregate_decisions_context(
    decisions: Iterable[Decision],
    *,
    organization_name: str,
    meetings: Mapping[UUID, Meeting],
) -> dict[str, Any]:
    """The aggregate render context of the decisions register (pure).

    Args:
        decisions: the decisions, in register order.
        organization_name: the organization's name.
        meetings: meetings by id (for each decision's meeting kind and vote counts).

    Returns:
        Shape ``AGGREGATE_SHAPES["decisions"]``: per decision its number, date, kind of meeting,
        kind of decision, rule, counts (``"Vote: 9 in favour, 0 against, 1 abstaining. Carried."``),
        what it links to (clause ids, obligations started, bylaws version) and status; never its
        wording. ``tallies`` counts the decisions in force, awaiting ratification and ratified.
    """
    rows = []
    for d in decisions:
        meeting = meetings.get(d.meeting_id)
        motion = meeting.motion(d.motion_id) if meeting else None
        status = _status(d)
        rows.append({
            "number": d.number,
            "date": long_date(d.decided_on),
            "meeting": MEETING_KIND_TITLES[meeting.meeting_kind] if meeting else "",
            "kind": KIND_LABELS[d.decision_kind],
            "rule": d.rule,
            "outcome": counts_outcome(motion, with_rule=False) if motion else "Carried.",
            "links": f"{_links_text(d)} Status: {status}.".strip(),
            "status": status,
        })
    statuses = [r["status"] for r in rows]
    return {
        "organization": {"name": organization_name},
        "profile": PROFILE,
        "decisions": rows,
        "count": len(rows),
        "tallies": {"in_force": statuses.count("in force"),
                    "awaiting_ratification": statuses.count("awaiting ratification"),
                    "ratified": statuses.count("ratified")},
    }


def aggregate_actions_context(items: Iterable[ActionItem], *, organization_name: str, today: _dt.date) -> dict[str, Any]:
    """The aggregate render context of the action list (pure): how many items there are, and how
    many are open, overdue against ``today`` (an ISO date), done and dropped.
    Shape ``AGGREGATE_SHAPES["actions"]``."""
    items = list(items)
    return {
        "organization": {"name": organization_name},
        "profile": PROFILE,
        "today": long_date(today),
        "total": len(items),
        "open": sum(1 for i in items if i.status == "open"),
        "overdue": sum(1 for i in items if i.is_overdue(today)),
        "done": sum(1 for i in items if i.status == "done"),
        "dropped": sum(1 for i in items if i.status == "dropped"),
    }
