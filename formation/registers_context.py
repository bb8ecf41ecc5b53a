"""Render contexts for the registers: attendance register, decisions register, action list.

Plain dicts, lists and strings only (pure functions: the caller reads the workspace). Naming and
share-safe redaction work as for the minutes (``formation.document_names``): with
``share_safe=True`` people are named by role or stable alias, lists of names become counts.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from formation.models import AliasMap, GoverningBody, Member
from formation.models.decisions import ActionItem, Decision
from formation.models.meetings import MEETING_KIND_TITLES, Meeting
from formation.document_names import long_date, meeting_roles, names_for
from formation.minutes_context import KIND_LABELS, action_row, attendance_rows, counts_outcome, quorum_context


def attendance_context(
    meeting: Meeting,
    *,
    organization_name: str,
    members: Iterable[Member],
    governing_body: GoverningBody | None,
    electorate: frozenset[UUID],
    share_safe: bool = False,
    alias_map: AliasMap | None = None,
) -> dict[str, Any]:
    """The render context of a meeting's attendance register (pure; counts only when share-safe)."""
    members = list(members)
    names = names_for(members, share_safe=share_safe, roles=meeting_roles(meeting, governing_body), alias_map=alias_map)
    return {
        "organization": {"name": organization_name},
        "share_safe": share_safe,
        "meeting": {"heading": names.text(meeting.heading), "kind": MEETING_KIND_TITLES[meeting.meeting_kind],
                    "date": long_date(meeting.date)},
        "quorum": quorum_context(meeting, share_safe),
        "attendance": attendance_rows(meeting, {m.id: m for m in members}, electorate, names, with_register=True),
    }


def _links_text(decision: Decision) -> str:
    from formation.decisions import OBLIGATION_LABELS

    parts = []
    if decision.clause_id:
        parts.append(f"{'Amends' if decision.clause_relation == 'amends' else 'Relies on'} clause {decision.clause_id}.")
    for t in decision.triggers:
        parts.append(f"Starts the {OBLIGATION_LABELS.get(t.obligation, t.obligation.replace('_', ' '))} "
                     f"from {long_date(t.date)}.")
    if decision.adopts_bylaws is not None:
        parts.append("Adopts the bylaws" + (f" (version {decision.adopts_bylaws.version})." if decision.adopts_bylaws.version else "."))
    return " ".join(parts)


def decisions_context(
    decisions: Iterable[Decision],
    *,
    organization_name: str,
    meetings: Mapping[UUID, Meeting],
    members: Iterable[Member],
    governing_body: GoverningBody | None,
    share_safe: bool = False,
    alias_map: AliasMap | None = None,
) -> dict[str, Any]:
    """The render context of the decisions register (pure).

    Args:
        decisions: the decisions, in register order.
        organization_name: the organization's name.
        meetings: meetings by id (for each decision's meeting).
        members: every member record (names inside decision texts are replaced when share-safe).
        governing_body: for officer roles.
        share_safe: replace names by roles and aliases.
        alias_map: the workspace's alias map (required when share-safe).
    """
    names = names_for(members, share_safe=share_safe, roles=meeting_roles(None, governing_body), alias_map=alias_map)
    rows = []
    for d in decisions:
        meeting = meetings.get(d.meeting_id)
        rows.append({
            "number": d.number,
            "date": long_date(d.decided_on),
            "meeting": MEETING_KIND_TITLES[meeting.meeting_kind] if meeting else "",
            "text": names.text(d.text),
            "kind": KIND_LABELS[d.decision_kind],
            "rule": d.rule,
            "outcome": _decision_counts(meeting, d),
            "links": _links_text(d),
            "status": ("awaiting ratification" if d.needs_ratification and d.ratified_by is None
                       else "ratified" if d.ratified_by else "in force"),
        })
        rows[-1]["links"] = f"{rows[-1]['links']} Status: {rows[-1]['status']}.".strip()
    return {"organization": {"name": organization_name}, "share_safe": share_safe, "decisions": rows,
            "count": len(rows)}


def _decision_counts(meeting: Meeting | None, decision: Decision) -> str:
    motion = meeting.motion(decision.motion_id) if meeting else None
    return counts_outcome(motion, with_rule=False) if motion else "Carried."


def actions_context(
    items: Iterable[ActionItem],
    *,
    organization_name: str,
    members: Iterable[Member],
    governing_body: GoverningBody | None,
    today: _dt.date,
    share_safe: bool = False,
    alias_map: AliasMap | None = None,
) -> dict[str, Any]:
    """The render context of the action list (pure): open items first, by due date; overdue
    items are marked against ``today`` (an ISO date)."""
    names = names_for(members, share_safe=share_safe, roles=meeting_roles(None, governing_body), alias_map=alias_map)
    ordered = sorted(items, key=lambda i: (i.status != "open", i.due or _dt.date.max, i.what))
    rows = [action_row(i, names, today) for i in ordered]
    return {
        "organization": {"name": organization_name},
        "share_safe": share_safe,
        "today": long_date(today),
        "actions": rows,
        "open": sum(1 for i in ordered if i.status == "open"),
        "overdue": sum(1 for i in ordered if i.is_overdue(today)),
    }
