"""Render contexts for the minutes documents: plain dicts, lists and strings only.

``minutes_context``, ``attendance_context``, ``decisions_context`` and ``actions_context`` turn
the records into what the layouts in ``templates/minutes/`` show (pure functions: the caller
reads the workspace). With ``share_safe=True`` no member's name reaches the context: each person
becomes a role (``"Chair"``, ``"Treasurer"``) or a letter (``"Member A"``), names inside free
text (motion wording, notes, place) are replaced the same way, lists of names become counts, and
community status and consensus reasons are left out (research/security.md section 4: redact in
the data, before rendering).

What the minutes hold follows RONR (12th ed.) section 48: the kind of meeting, date, place,
chair and secretary; whether the previous minutes were approved; each main motion's final
wording, its mover, the counts of a counted vote (names only for a roll call), and the outcome;
the adjournment.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from formation.document_names import Names, long_date, meeting_roles, names_for
from formation.models import AliasMap, GoverningBody, Member
from formation.models.decisions import ActionItem, Decision, MinutesCorrection
from formation.models.meetings import MEETING_KIND_TITLES, Meeting, Motion, VoteRecord

PRESENCE_LABELS = {
    "in_person": "in person",
    "remote_phone": "by phone",
    "remote_online": "online",
    "apologies": "apologies",
    "absent": "absent",
    "proxy": "by proxy",
}
VOTE_LABELS = {"in_favour": "in favour", "against": "against", "abstain": "abstained"}
RESULT_LABELS = {
    "carried": "Carried",
    "lost": "Lost",
    "withdrawn": "Withdrawn",
    "pending": "Pending",
    "fallback_vote_needed": "No consensus; a fallback vote is needed",
}
MOTION_TYPE_LABELS = {
    "main": "Motion",
    "adjourn": "Motion to adjourn",
    "recess": "Motion to recess",
    "fix_time_to_adjourn": "Motion to fix the time to which to adjourn",
    "obtain_quorum": "Motion to take steps to obtain a quorum",
}
KIND_LABELS = {
    "ordinary": "ordinary business",
    "amend_bylaws": "amending the bylaws",
    "amend_entrenched": "amending an entrenched clause",
    "elect_governing_body": "electing the governing body",
    "remove_officer": "removing an officer",
    "admit_member": "admitting a member",
    "expel_member": "expelling a member",
    "dissolution": "dissolution",
}
def _counts_text(vote: VoteRecord) -> str:
    text = f"{vote.in_favour} in favour, {vote.against} against, {vote.abstentions} abstaining"
    if vote.blank:
        text += f", {vote.blank} blank"
    if vote.casting_vote:
        text += f"; the chair's casting vote {VOTE_LABELS[vote.casting_vote]}"
    return text


_METHOD_LABELS = {"counts": "show of hands (counted)", "roll_call": "roll call", "secret_ballot": "secret ballot"}


def _motion_context(motion: Motion, names: Names, decisions: Mapping[UUID, Decision]) -> dict[str, Any]:
    vote = motion.vote
    consensus = motion.consensus
    decision = decisions.get(motion.decision_id) if motion.decision_id else None
    roll_call = [] if names.share_safe or vote is None else [
        {"name": names.of(v.member_id) + (f" (proxy for {names.of(v.proxy_for)})" if v.proxy_for else ""),
         "vote": VOTE_LABELS[v.vote]}
        for v in vote.roll_call
    ]
    stand_asides = [] if consensus is None or names.share_safe else [
        {"name": names.of(s.member_id), "reason": s.reason} for s in consensus.stand_asides]
    blocks = [] if consensus is None or names.share_safe else [
        {"name": names.of(b.member_id), "reason": b.reason or ""} for b in consensus.blocks]
    return {
        "number": motion.number,
        "heading": f"{MOTION_TYPE_LABELS[motion.motion_type]} {motion.number}",
        "text": names.text(motion.text),
        "amended": motion.original_text is not None,
        "original_text": names.text(motion.original_text),
        "mover": names.of(motion.mover_id) if motion.mover_id else "the chair",
        "kind": KIND_LABELS[motion.decision_kind] if motion.motion_type == "main" else "procedure",
        "rule": motion.rule or "",
        "has_vote": vote is not None,
        "method": _METHOD_LABELS[vote.method] if vote else "",
        "counts": _counts_text(vote) if vote else "",
        "in_favour": vote.in_favour if vote else 0,
        "against": vote.against if vote else 0,
        "abstentions": vote.abstentions if vote else 0,
        "has_roll_call": bool(roll_call),
        "roll_call": roll_call,
        "has_consensus": consensus is not None,
        "consensus": (f"{consensus.agree} agreed, {len(consensus.stand_asides)} stood aside, "
                      f"{len(consensus.blocks)} blocked") if consensus else "",
        "stand_asides": stand_asides,
        "blocks": blocks,
        "amendments": [
            {"text": names.text(a.text), "mover": names.of(a.mover_id),
             "result": RESULT_LABELS[a.result], "counts": _counts_text(a.vote) if a.vote else ""}
            for a in motion.amendments
        ],
        "result": RESULT_LABELS[motion.result],
        "carried": motion.result == "carried",
        "explanation": names.text(motion.outcome) if not names.share_safe else counts_outcome(motion),
        "decision": f"Decision {decision.number}" if decision else "",
        "ratification": " ".join(filter(None, [
            "Taken without a quorum: it must be ratified by a later meeting with a quorum."
            if motion.needs_ratification else "",
            f"Ratifies decision {decisions[motion.ratifies].number}, taken without a quorum."
            if motion.ratifies in decisions else "",
        ])),
    }


def counts_outcome(motion: Motion, *, with_rule: bool = True) -> str:
    """The outcome with counts only (consensus reasons and names left out)."""
    parts = []
    if motion.consensus is not None:
        c = motion.consensus
        parts.append(f"Consensus test: {c.agree} agreed, {len(c.stand_asides)} stood aside, {len(c.blocks)} blocked.")
    if motion.vote is not None:
        parts.append(f"Vote: {_counts_text(motion.vote)}.")
    if motion.rule and with_rule:
        parts.append(f"Needed {motion.rule}.")
    parts.append(RESULT_LABELS[motion.result] + ".")
    return " ".join(parts)


def quorum_context(meeting: Meeting, share_safe: bool) -> dict[str, Any]:
    """The quorum part of a context: the check in words as the meeting closed (no community
    counts when share-safe, only whether the condition was met)."""
    q = meeting.quorum
    if q is None:
        text = "No quorum applies (a gathering or training takes no decisions)." if meeting.meeting_kind == "gathering" else "The quorum is checked when the meeting closes."
        return {"known": False, "quorate": False, "text": text, "rule": ""}
    text = q.explanation
    if share_safe:
        text = f"{q.counted} of {q.voting_members} voting members present; quorum is {q.required}."
        if q.community_required is not None:
            met = q.community_counted >= q.community_required
            text += " The bylaws' condition that community members be a majority of those present was " + ("met." if met else "not met.")
        text += " Quorate." if q.quorate else " Not quorate."
    return {"known": True, "quorate": q.quorate, "text": text, "rule": q.rule}


def minutes_context(
    meeting: Meeting,
    *,
    organization_name: str,
    members: Iterable[Member],
    governing_body: GoverningBody | None,
    decisions: Iterable[Decision],
    actions: Iterable[ActionItem],
    approved_here: Iterable[Meeting],
    corrections: Iterable[MinutesCorrection],
    electorate: frozenset[UUID],
    share_safe: bool = False,
    alias_map: AliasMap | None = None,
) -> dict[str, Any]:
    """The render context of a meeting's minutes (pure).

    Args:
        meeting: the meeting.
        organization_name: the organization's name.
        members: every member record.
        governing_body: the governing body, or None (for officer roles).
        decisions: the decisions register (those of this meeting are shown by number).
        actions: action items from this meeting.
        approved_here: earlier meetings whose minutes this meeting approved.
        corrections: corrections recorded after these minutes were locked.
        electorate: ids of the members entitled to vote at this meeting.
        share_safe: replace names by roles and aliases; counts only.
        alias_map: the workspace's alias map (required when share-safe).

    Returns:
        A dict of plain data for ``minutes/minutes.docx`` (or ``minutes/minutes-share-safe.docx``).
    """
    members = list(members)
    by_id = {m.id: m for m in members}
    names = names_for(members, share_safe=share_safe, roles=meeting_roles(meeting, governing_body), alias_map=alias_map)
    chair = names.of(meeting.chair_id)
    minute_taker = names.of(meeting.minute_taker_id)
    attendance = attendance_rows(meeting, by_id, electorate, names)
    decision_map = {d.id: d for d in decisions}
    motions = [_motion_context(m, names, decision_map) for m in meeting.motions]
    q = meeting.quorum
    if meeting.status != "closed":
        closing = "The meeting has not closed yet."
    elif q is not None and not q.quorate:
        closing = "There was no quorum, so the meeting could only adjourn" + (f"; it adjourned at {meeting.end_time}." if meeting.end_time else ".")
    else:
        closing = f"The meeting closed at {meeting.end_time}." if meeting.end_time else "The meeting closed."
    minutes = meeting.minutes
    approval = "These minutes are a draft until a later meeting approves them."
    if minutes.status == "approved":
        approval = f"{'Approved as corrected' if minutes.as_corrected else 'Approved'} on {long_date(minutes.approved_on)}."
        if minutes.as_corrected and minutes.corrections:
            approval += f" Corrections: {names.text(minutes.corrections)}"
    if minutes.locked:
        approval += f" Locked on {long_date(minutes.locked_on)}; content fingerprint (SHA-256) {minutes.content_hash}."
    return {
        "organization": {"name": organization_name},
        "share_safe": share_safe,
        "meeting": {
            "heading": names.text(meeting.heading),
            "kind": MEETING_KIND_TITLES[meeting.meeting_kind],
            "date": long_date(meeting.date),
            "subtitle": (f"{MEETING_KIND_TITLES[meeting.meeting_kind]}, " if meeting.title else "") + long_date(meeting.date),
            "iso_date": meeting.date.isoformat(),
            "time": (meeting.start_time or "") + (f"\u2013{meeting.end_time}" if meeting.end_time and meeting.start_time else ""),
            "place": names.text(meeting.place) or "not recorded",
            "chair": chair or "not recorded",
            "minute_taker": minute_taker or "not recorded",
            "notes": names.text(meeting.notes),
            "closing": closing,
            "status": minutes.label,
            "approval": approval,
        },
        "quorum": quorum_context(meeting, share_safe),
        "attendance": attendance,
        "previous_minutes": [
            {"text": f"The minutes of the {MEETING_KIND_TITLES[m.meeting_kind].lower()} of {long_date(m.date)} were "
                     f"{'approved as corrected' if m.minutes.as_corrected else 'approved'}."}
            for m in approved_here
        ],
        "agenda": [{"number": i + 1, "title": names.text(a.title), "notes": names.text(a.notes)}
                   for i, a in enumerate(meeting.agenda)],
        "motions": motions,
        "actions": [action_row(a, names) for a in actions],
        "corrections": [{"date": long_date(c.made_on), "text": names.text(c.text)} for c in corrections],
    }


def attendance_rows(meeting: Meeting, by_id: Mapping[UUID, Member], electorate: frozenset[UUID], names: Names,
                    *, with_register: bool = False) -> dict[str, Any]:
    """The attendance part of a context.

    Returns:
        ``present``, ``remote``, ``proxies``, ``apologies``, ``absent``, ``without_vote``: each
        the names of that group joined into one line (``"Kestrel, Moana"``; ``""`` when empty,
        and always ``""`` when share-safe); ``register``: one row per attendance line (name,
        membership, attendance) when ``with_register`` and not share-safe, else ``[]``;
        ``counts`` and a ``summary`` sentence (counts only).
    """
    groups: dict[str, list[str]] = {k: [] for k in ("present", "remote", "proxies", "apologies", "absent", "without_vote")}
    register: list[dict[str, str]] = []
    counts = {"in_person": 0, "remote": 0, "proxies": 0, "apologies": 0, "absent": 0,
              "supporters": 0, "observers": 0, "voting_present": 0}
    guest_number = 0
    for entry in meeting.attendance:
        if entry.member_id is None:
            guest_number += 1
            label = f"Observer {guest_number}" if names.share_safe else names.text(entry.guest)
            role = "observer, not a member, no vote"
            if entry.is_present:
                counts["observers"] += 1
                groups["without_vote"].append(f"{label} ({role})")
            if with_register:
                register.append({"name": label, "role": role, "presence": PRESENCE_LABELS[entry.presence]})
            continue
        label = names.of(entry.member_id)
        votes = entry.member_id in electorate
        if votes:
            role = "voting member"
        elif (member := by_id.get(entry.member_id)) is not None and member.membership_class == "supporting":
            role = "supporter, no vote"
        else:
            role = "observer, no vote at this meeting"
        presence = PRESENCE_LABELS[entry.presence]
        if entry.presence == "proxy":
            presence += f" (held by {names.of(entry.proxy_holder_id)})"
        if with_register:
            register.append({"name": label, "role": role, "presence": presence})
        if not votes:
            if entry.is_present:
                counts["supporters" if role.startswith("supporter") else "observers"] += 1
                groups["without_vote"].append(f"{label} ({role})")
            continue
        if entry.presence == "in_person":
            counts["in_person"] += 1
            groups["present"].append(label)
        elif entry.presence in ("remote_phone", "remote_online"):
            counts["remote"] += 1
            groups["remote"].append(f"{label} ({presence})")
        elif entry.presence == "proxy":
            counts["proxies"] += 1
            groups["proxies"].append(f"{label} (proxy held by {names.of(entry.proxy_holder_id)})")
        elif entry.presence == "apologies":
            counts["apologies"] += 1
            groups["apologies"].append(label)
        else:
            counts["absent"] += 1
            groups["absent"].append(label)
    counts["voting_present"] = counts["in_person"] + counts["remote"]
    summary = (f"Voting members: {counts['voting_present']} present ({counts['in_person']} in person, "
               f"{counts['remote']} by phone or online), {counts['proxies']} represented by proxy, "
               f"apologies from {counts['apologies']}, {counts['absent']} absent. Without a vote: "
               f"{counts['supporters']} supporters and {counts['observers']} observers present.")
    lines = {key: ("" if names.share_safe else ", ".join(values)) for key, values in groups.items()}
    return {**lines, "register": [] if names.share_safe else register, "counts": counts, "summary": summary}


def action_row(item: ActionItem, names: Names, today: _dt.date | None = None) -> dict[str, Any]:
    """One action item as plain data (``today`` marks it overdue when given)."""
    return {
        "what": names.text(item.what),
        "owner": names.of(item.owner_id),
        "due": long_date(item.due) or "no date",
        "status": {"open": "open", "done": "done", "dropped": "dropped"}[item.status]
                  + (" (overdue)" if today is not None and item.is_overdue(today) else ""),
        "completed": long_date(item.completed_on),
    }
