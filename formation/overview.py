"""The consultant's overview of several groups, without a single member's name.

A consultant who supports several groups opens each group's workspace with that group's own
passphrase (keys are never shared between workspaces) and sees, per group: its stage of
formation, the power audit's verdict, the next registration step, deadlines due soon or overdue,
and handover items overdue.

Two steps keep member data out:

1. ``read_snapshot(ws, ...)`` reads one open workspace into a ``GroupSnapshot``: counts, dates,
   statuses and titles, never a ``Member``, never a work or legal name, never a note. The few
   strings a group typed itself (its name, who holds a role today) are checked against every
   member's work and legal name and a match is replaced by ``[name withheld]``.
2. ``group_overview`` / ``consultant_overview`` are pure functions of snapshots and the as-of
   date; ``overview_json`` and ``overview_text`` print them.

The workspace stays open only while its snapshot is read; the CLI closes each before unlocking
the next.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from formation.deadlines import Deadline, OrganizationFacts, days_after
from formation.errors import FormationError
from formation.models.capacity import HandoverItem
from formation.models.legal import LegalContext, LegalForm, RegistrationProgress

Stage = Literal["gathering", "drafting_bylaws", "founded", "registering", "registered", "unregistered_collective"]
"""The stage of formation: gathering (no bylaws yet); drafting bylaws; founded (bylaws adopted
or founding meeting held, registration not started); registering (a registration step started);
registered (incorporated, or every step done); unregistered collective (founded under a legal
form that has no registration, such as an unregistered association)."""

STAGE_TITLES: dict[str, str] = {
    "gathering": "Gathering",
    "drafting_bylaws": "Drafting bylaws",
    "founded": "Founded",
    "registering": "Registering",
    "registered": "Registered",
    "unregistered_collective": "Unregistered collective",
}

WITHHELD = "[name withheld]"
NOT_AUDITABLE = "could not be audited (open the workspace to see why)"
DEFAULT_SOON_DAYS = 60


@dataclass(frozen=True, slots=True)
class HandoverLine:
    """A handover item as the overview shows it: the role, who holds it today (as a role), the due
    date and the status. No successor, no note."""

    role: str
    held_by: str
    due: _dt.date
    status: str


@dataclass(frozen=True, slots=True)
class GroupSnapshot:
    """What the overview needs from one workspace. Holds no member names.

    Attributes:
        label: the workspace file's name (``"tumaini.fmws"``; a member's name in it withheld).
        organization: the group's name (member names in it withheld), or None.
        legal_context_id, legal_form_id: or None.
        founding_date, incorporation_date: ISO dates, or None.
        voting_members, community_members: counts of current members.
        bylaws_status: ``"none"``, ``"draft"``, ``"under_review"`` or ``"adopted"`` (the latest
            version's status, ``"adopted"`` if any version is adopted).
        bylaws_version: the number of the version in force (or latest draft), or None.
        audit_verdict: the power audit's verdict (``"community-led"``, ``"community-based"``),
            ``NOT_AUDITABLE`` when the bylaws cannot be audited as they stand, or None when there
            is nothing to audit yet.
        audit_findings: how many findings the audit made (0 when not audited).
        context, form: the legal context and form, or None when not chosen or not found.
        progress: the registration tracker's record, or None.
        facts: the dated facts deadlines are computed from.
        handover: the handover plan's lines.
        action_items_due: due dates of open action items (not their text, which may name people).
    """

    label: str
    organization: str | None
    legal_context_id: str | None = None
    legal_form_id: str | None = None
    founding_date: _dt.date | None = None
    incorporation_date: _dt.date | None = None
    voting_members: int = 0
    community_members: int = 0
    bylaws_status: str = "none"
    bylaws_version: int | None = None
    audit_verdict: str | None = None
    audit_findings: int = 0
    context: LegalContext | None = None
    form: LegalForm | None = None
    progress: RegistrationProgress | None = None
    facts: OrganizationFacts = field(default_factory=OrganizationFacts)
    handover: tuple[HandoverLine, ...] = ()
    action_items_due: tuple[_dt.date, ...] = ()


@dataclass(frozen=True, slots=True)
class DueLine:
    """A dated item on the overview: ``title``, ``due`` (ISO date), ``kind`` (``"deadline"``,
    ``"handover"`` or ``"action_items"``) and ``overdue``."""

    title: str
    due: _dt.date
    kind: str
    overdue: bool


@dataclass(frozen=True, slots=True)
class GroupOverview:
    """One group's line on the consultant overview.

    Attributes:
        label, organization: as in the snapshot.
        stage: the ``Stage``; stage_title: in words.
        audit_verdict: or None (``"not audited yet"`` in the text).
        audit_findings: the number of findings.
        next_step: the title of the next registration step that can be done now, or None.
        due: deadlines, handover dates and action items due from ``as_of`` to ``as_of +
            soon_days``, plus those overdue, soonest first.
        handover_overdue: handover items past their date.
        missing_facts: facts deadlines still need (``"the incorporation date"``).
    """

    label: str
    organization: str | None
    stage: str
    stage_title: str
    audit_verdict: str | None
    audit_findings: int
    next_step: str | None
    due: tuple[DueLine, ...]
    handover_overdue: tuple[HandoverLine, ...]
    missing_facts: tuple[str, ...]


# ----------------------------------------------------------------------------- redaction
def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def withhold_names(text: str, names: Iterable[str]) -> str:
    """``text`` with every whole-word occurrence of any of ``names`` (case-insensitive, NFC)
    replaced by ``[name withheld]``."""
    out = unicodedata.normalize("NFC", text)
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        pattern = re.compile(r"(?<!\w)" + re.escape(unicodedata.normalize("NFC", name)) + r"(?!\w)", re.IGNORECASE)
        out = pattern.sub(WITHHELD, out)
    return out


# ----------------------------------------------------------------------------- reading
def read_snapshot(
    ws,  # noqa: ANN001 - an open formation.store.Workspace
    *,
    label: str | None = None,
    load_context: Callable[[str], LegalContext] | None = None,
    audit: Callable[[Any], tuple[str, int] | None] | None = None,
) -> GroupSnapshot:
    """Read one open workspace into a ``GroupSnapshot`` (no member names leave this function).

    Args:
        ws: the open workspace.
        label: the label shown (default: the workspace file's name).
        load_context: loads a legal context by id (default ``formation.contexts.load_context``).
        audit: returns ``(verdict, number of findings)`` for an open workspace, or None when
            there is nothing to audit (default ``workspace_verdict``).

    Returns:
        The snapshot.

    Raises:
        WorkspaceError / ValidationFailed: a record cannot be read.
    """
    from formation.deadlines import facts_from_organization
    from formation.decisions import meeting_events
    from formation.models import ActionItem, Decision, Meeting, Member, RegistrationProgress as Progress
    from formation.models.bylaws import BylawsDraft

    members = ws.all(Member)
    names = [m.work_name for m in members] + [m.legal_name for m in members if m.legal_name]
    org = ws.organization
    current = [m for m in members if m.is_current]
    drafts = ws.all(BylawsDraft)
    bylaws_status, bylaws_version = "none", None
    if drafts:
        draft = drafts[0]
        in_force = draft.adopted
        chosen = in_force or draft.latest
        bylaws_status, bylaws_version = chosen.status, chosen.number

    context = form = None
    if org is not None and org.legal_context_id:
        loader = load_context
        if loader is None:
            from formation.contexts import load_context as loader
        try:
            context = loader(org.legal_context_id)
        except FormationError:  # a context file missing or invalid here shows as "not chosen"
            context = None
        if context is not None and org.legal_form_id:
            form = context.form(org.legal_form_id)
    progress = next((p for p in ws.all(Progress) if form is not None and p.legal_form_id == form.id), None)
    if progress is not None:  # keep statuses and dates; drop notes and evidence (free text)
        progress = progress.model_copy(update={
            "steps": [s.model_copy(update={"notes": None, "evidence": []}) for s in progress.steps],
            "events": [e.model_copy(update={"note": None}) for e in progress.events],
            "obligations_met": [o.model_copy(update={"evidence": []}) for o in progress.obligations_met],
        })
    facts = OrganizationFacts()
    if org is not None:
        events: dict[str, list[_dt.date]] = {}
        for event, day in meeting_events(ws.all(Meeting), ws.all(Decision)):
            events.setdefault(event, []).append(day)
        facts = facts_from_organization(org, events=events)
    handover = tuple(
        HandoverLine(role=withhold_names(i.role_title, names), held_by=withhold_names(i.held_by_label, names),
                     due=i.due, status=i.status)
        for i in sorted(ws.all(HandoverItem), key=lambda i: i.due)
    )
    try:
        verdict = (audit or workspace_verdict)(ws)
    except FormationError:  # the bylaws cannot be audited as they stand: say so, show the rest
        verdict = (NOT_AUDITABLE, 0)
    return GroupSnapshot(
        label=withhold_names(label or ws.path.name, names),
        organization=withhold_names(org.name, names) if org is not None else None,
        legal_context_id=org.legal_context_id if org else None,
        legal_form_id=org.legal_form_id if org else None,
        founding_date=org.founding_date if org else None,
        incorporation_date=org.incorporation_date if org else None,
        voting_members=sum(1 for m in current if m.is_voting),
        community_members=sum(1 for m in current if m.is_community),
        bylaws_status=bylaws_status,
        bylaws_version=bylaws_version,
        audit_verdict=verdict[0] if verdict else None,
        audit_findings=verdict[1] if verdict else 0,
        context=context,
        form=form,
        progress=progress,
        facts=facts,
        handover=handover,
        action_items_due=tuple(sorted(i.due for i in ws.all(ActionItem) if i.status == "open" and i.due)),
    )


def workspace_verdict(ws) -> tuple[str, int] | None:  # noqa: ANN001 - an open Workspace
    """The power audit of an open workspace's bylaws (the version in force, else the newest),
    with its partnership agreements and the organization's recorded staff counts read as well
    (``formation.partners.audit_with_agreements``).

    Returns:
        ``(verdict label, number of findings that are not "info")``, or None when the workspace
        has no bylaws yet.
    """
    from formation.models import GoverningBody, Member, Partner, PartnershipAgreement
    from formation.models.bylaws import BylawsDraft
    from formation.partners import audit_with_agreements

    drafts = ws.all(BylawsDraft)
    if not drafts:
        return None
    bodies = ws.all(GoverningBody)
    org = ws.organization
    result = audit_with_agreements(
        drafts[0], members=ws.all(Member), partners=ws.all(Partner), agreements=ws.all(PartnershipAgreement),
        governing_body=bodies[0] if bodies else None, staff=org.staff if org is not None else None,
    )
    return result.verdict.label, sum(1 for f in result.findings if f.severity != "info")


# ----------------------------------------------------------------------------- the overview
def stage_of(snapshot: GroupSnapshot) -> str:
    """The group's stage of formation (``Stage``), from its snapshot (pure)."""
    founded = snapshot.bylaws_status == "adopted" or snapshot.founding_date is not None
    if snapshot.incorporation_date is not None:
        return "registered"
    if not founded:
        return "drafting_bylaws" if snapshot.bylaws_status != "none" else "gathering"
    form, progress = snapshot.form, snapshot.progress
    if form is not None and (form.kind == "unregistered_association" or not form.steps):
        return "unregistered_collective"
    if form is None or progress is None:
        return "founded"
    recorded = {s.step_id: s.status for s in progress.steps}
    statuses = [recorded.get(s.id, "not_started") for s in form.steps]
    if all(s in ("done", "not_applicable") for s in statuses):
        return "registered"
    # Adopting the constitution is part of founding; registering starts with the next step.
    started = [s for step, s in zip(form.steps, statuses) if s in ("in_progress", "submitted", "done")
               and step.depends_on]
    return "registering" if started else "founded"


def group_overview(snapshot: GroupSnapshot, *, as_of: _dt.date, soon_days: int = DEFAULT_SOON_DAYS) -> GroupOverview:
    """One group's overview line as of a date (pure).

    Args:
        snapshot: the group's snapshot.
        as_of: the ISO date the overview is for.
        soon_days: how many days ahead "due soon" looks (0..3660).

    Returns:
        The ``GroupOverview``: stage, audit verdict, next registration step, what is due soon or
        overdue (registration deadlines, handover dates, action items as a count), handover items
        overdue.

    Raises:
        InputError: ``soon_days`` out of range.
    """
    from formation.errors import InputError
    from formation.registration import tracker_status

    if not 0 <= soon_days <= 3660:
        raise InputError("must be between 0 and 3660 days", field="soon_days")
    soon_end = days_after(as_of, soon_days)
    due: list[DueLine] = []
    next_step = None
    missing: tuple[str, ...] = ()
    if snapshot.context is not None and snapshot.form is not None:
        progress = snapshot.progress or RegistrationProgress(
            legal_context_id=snapshot.context.id, legal_form_id=snapshot.form.id
        )
        status = tracker_status(snapshot.context, snapshot.form, progress, snapshot.facts, as_of=as_of,
                                due_soon_days=soon_days)
        next_step = status.can_do_now[0].step.title if status.can_do_now else None
        due += [_deadline_line(d, as_of) for d in (*status.overdue, *status.due_soon)]
        missing = tuple(sorted({m.needs for m in status.missing}))
    open_items = [h for h in snapshot.handover if h.status in ("planned", "in_progress")]
    due += [DueLine(f"Handover: {h.role}", h.due, "handover", h.due < as_of) for h in open_items if h.due <= soon_end]
    late_actions = [d for d in snapshot.action_items_due if d < as_of]
    soon_actions = [d for d in snapshot.action_items_due if as_of <= d <= soon_end]
    for dates, late in ((late_actions, True), (soon_actions, False)):
        if dates:
            plural = "s" if len(dates) != 1 else ""
            due.append(DueLine(f"{len(dates)} open action item{plural}", min(dates), "action_items", late))
    due.sort(key=lambda d: (d.due, d.title))
    stage = stage_of(snapshot)
    return GroupOverview(
        label=snapshot.label,
        organization=snapshot.organization,
        stage=stage,
        stage_title=STAGE_TITLES[stage],
        audit_verdict=snapshot.audit_verdict,
        audit_findings=snapshot.audit_findings,
        next_step=next_step,
        due=tuple(due),
        handover_overdue=tuple(h for h in open_items if h.due < as_of),
        missing_facts=missing,
    )


def _deadline_line(deadline: Deadline, as_of: _dt.date) -> DueLine:
    kind = "handover" if deadline.obligation_id.startswith("handover_") else "deadline"
    return DueLine(deadline.title, deadline.due, kind, deadline.due < as_of)


def consultant_overview(
    snapshots: Sequence[GroupSnapshot], *, as_of: _dt.date, soon_days: int = DEFAULT_SOON_DAYS
) -> list[GroupOverview]:
    """The overview of several groups, in the order given (pure)."""
    return [group_overview(s, as_of=as_of, soon_days=soon_days) for s in snapshots]


# The printed forms (text and JSON) are in formation.overview_output; re-exported here.
from formation.overview_output import overview_json, overview_text  # noqa: E402, F401
