"""The consultant overview printed: as JSON-ready data and as plain text (no member names).

Both take ``formation.overview.GroupOverview`` lines, which hold no member names (see
``formation.overview``); ``formation.overview`` re-exports them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from formation.overview import GroupOverview

__all__ = ["overview_json", "overview_text"]


def overview_json(overviews: Sequence[GroupOverview], *, as_of: _dt.date) -> dict[str, Any]:
    """The overview as JSON-ready data: ``{"as_of", "groups": [{"workspace", "organization",
    "stage", "stage_title", "audit": {"verdict", "findings"}, "next_registration_step",
    "due": [{"title", "due", "kind", "overdue"}], "handover_overdue": [{"role", "held_by",
    "due"}], "missing_facts"}]}`` (dates as ISO strings)."""
    return {
        "as_of": as_of.isoformat(),
        "groups": [
            {
                "workspace": o.label,
                "organization": o.organization,
                "stage": o.stage,
                "stage_title": o.stage_title,
                "audit": {"verdict": o.audit_verdict, "findings": o.audit_findings},
                "next_registration_step": o.next_step,
                "due": [{"title": d.title, "due": d.due.isoformat(), "kind": d.kind, "overdue": d.overdue}
                        for d in o.due],
                "handover_overdue": [{"role": h.role, "held_by": h.held_by, "due": h.due.isoformat()}
                                     for h in o.handover_overdue],
                "missing_facts": list(o.missing_facts),
            }
            for o in overviews
        ],
    }


def overview_text(overviews: Sequence[GroupOverview], *, as_of: _dt.date) -> str:
    """The overview as plain text for the terminal, one block per group."""
    lines = [f"Overview as of {as_of.isoformat()} ({len(overviews)} group{'s' if len(overviews) != 1 else ''})", ""]
    for o in overviews:
        lines.append(f"{o.organization or '(no organization recorded)'}  [{o.label}]")
        lines.append(f"  Stage:          {o.stage_title}")
        verdict = o.audit_verdict or "not audited yet"
        findings = f" ({o.audit_findings} finding{'s' if o.audit_findings != 1 else ''})" if o.audit_verdict else ""
        lines.append(f"  Power audit:    {verdict}{findings}")
        lines.append(f"  Next step:      {o.next_step or 'none that can be done now'}")
        if o.due:
            lines.append("  Due:")
            for d in o.due:
                flag = "OVERDUE " if d.overdue else ""
                lines.append(f"    {d.due.isoformat()}  {flag}{d.title}")
        else:
            lines.append("  Due:            nothing in the coming days")
        if o.handover_overdue:
            lines.append("  Handover overdue:")
            lines += [f"    {h.due.isoformat()}  {h.role} (held by {h.held_by})" for h in o.handover_overdue]
        if o.missing_facts:
            lines.append(f"  Needs:          {'; '.join(o.missing_facts)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n")
