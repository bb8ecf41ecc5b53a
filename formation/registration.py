"""The registration tracker: where an organization stands in forming its legal form, and what is due.

Pure functions over a legal form (``formation.contexts``), the organization's
``RegistrationProgress`` record and its dated facts (``formation.deadlines.OrganizationFacts``).
Nothing here reads the clock: the as-of date is a parameter. Functions that change the progress
return a new record; the caller stores it (``Workspace.put``).

- ``step_states``: every step with its status and the steps it still waits for.
- ``can_do_now``: steps whose dependencies are done (or not applicable) and that are not finished.
- ``tracker_status``: the whole picture as of a date, including overdue and due-soon deadlines and,
  for a missed statutory deadline, the recovery path the context file gives (e.g. a New Zealand
  society that missed the 5 April 2026 re-registration deadline is shown the steps to incorporate
  again under the Incorporated Societies Act 2022).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from formation.deadlines import Deadline, MissingFact, OrganizationFacts, days_after, default_until, deadlines_for
from formation.errors import InputError
from formation.models.legal import (
    LegalContext,
    LegalForm,
    ObligationMet,
    RecordedEvent,
    RegistrationProgress,
    RegistrationStep,
    StepProgress,
    StepStatus,
)

FINISHED: frozenset[str] = frozenset({"done", "not_applicable"})
"""Statuses that satisfy a dependency."""

DEFAULT_DUE_SOON_DAYS = 60


@dataclass(frozen=True, slots=True)
class StepState:
    """A step with its tracker state.

    Attributes:
        step: the step from the legal form.
        progress: its recorded state (status, dates, notes, evidence).
        waiting_for: ids of the steps it depends on that are not yet done or not applicable.
    """

    step: RegistrationStep
    progress: StepProgress
    waiting_for: tuple[str, ...]

    @property
    def status(self) -> StepStatus:
        """The step's status."""
        return self.progress.status

    @property
    def can_do_now(self) -> bool:
        """True if every dependency is finished and the step itself is not finished or submitted."""
        return not self.waiting_for and self.status in ("not_started", "in_progress", "blocked")


@dataclass(frozen=True, slots=True)
class RecoveryPath:
    """What to do after a missed statutory deadline.

    Attributes:
        obligation_id, title: the obligation whose deadline was missed.
        missed_due: the deadline (ISO date).
        summary, consequence: plain-language text from the context file.
        restart_form_id: the legal form whose steps lead out, or None.
        steps: the recovery's own steps followed by the restart form's steps.
        sources: source ids (in the context's ``[sources]``) the path rests on.
    """

    obligation_id: str
    title: str
    missed_due: _dt.date
    summary: str
    consequence: str
    restart_form_id: str | None
    steps: tuple[RegistrationStep, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TrackerStatus:
    """The tracker's picture of one organization as of a date.

    Attributes:
        context_id, form_id: the legal context and form.
        as_of: the date the picture is for.
        steps: every step's state, in the form's order.
        can_do_now: steps that can be done now.
        blocked: steps that wait for others, each with what it waits for.
        overdue: deadlines before ``as_of`` not recorded as met.
        due_soon: deadlines from ``as_of`` to ``as_of + due_soon_days`` not recorded as met.
        upcoming: all later deadlines up to the horizon.
        missing: obligations that cannot be dated yet and the fact each needs.
        recovery: recovery paths for overdue deadlines whose obligation has one.
    """

    context_id: str
    form_id: str
    as_of: _dt.date
    steps: tuple[StepState, ...]
    can_do_now: tuple[StepState, ...]
    blocked: tuple[StepState, ...]
    overdue: tuple[Deadline, ...]
    due_soon: tuple[Deadline, ...]
    upcoming: tuple[Deadline, ...]
    missing: tuple[MissingFact, ...]
    recovery: tuple[RecoveryPath, ...]


# ----------------------------------------------------------------------------- steps
def new_progress(context: LegalContext, form: LegalForm) -> RegistrationProgress:
    """An empty progress record for a legal form (every step not started)."""
    return RegistrationProgress(legal_context_id=context.id, legal_form_id=form.id)


def step_states(form: LegalForm, progress: RegistrationProgress) -> list[StepState]:
    """Every step of ``form`` with its status and unfinished dependencies, in the form's order."""
    recorded = {s.step_id: s for s in progress.steps}
    status = {s.id: recorded[s.id].status if s.id in recorded else "not_started" for s in form.steps}
    out = []
    for step in form.steps:
        waiting = tuple(d for d in step.depends_on if status.get(d) not in FINISHED)
        out.append(StepState(step, recorded.get(step.id) or StepProgress(step_id=step.id), waiting))
    return out


def can_do_now(form: LegalForm, progress: RegistrationProgress) -> list[StepState]:
    """Steps that can be done now: every dependency done or not applicable, the step not yet
    submitted, done or not applicable (a step marked blocked is listed: its dependencies are met
    and the block is for the group to lift)."""
    return [s for s in step_states(form, progress) if s.can_do_now]


def root_blockers(form: LegalForm, progress: RegistrationProgress, step_id: str) -> tuple[str, ...]:
    """The unfinished steps that must be done first for ``step_id``, traced back to those that can
    be started (or are blocked) now; empty when nothing blocks it.

    Raises:
        InputError: the form has no such step.
    """
    states = {s.step.id: s for s in step_states(form, progress)}
    if step_id not in states:
        raise InputError(f"the legal form '{form.id}' has no step '{step_id}'", field="step")
    roots: list[str] = []
    seen: set[str] = set()
    todo = list(states[step_id].waiting_for)
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        waiting = states[current].waiting_for
        if waiting:
            todo.extend(waiting)
        elif current not in roots:
            roots.append(current)
    return tuple(roots)


def set_step_status(
    progress: RegistrationProgress,
    form: LegalForm,
    step_id: str,
    status: StepStatus,
    *,
    on: _dt.date | None = None,
    note: str | None = None,
    evidence: Iterable[str] = (),
) -> RegistrationProgress:
    """Record a step's new status.

    Args:
        progress: the current record (not changed).
        form: the legal form the record belongs to.
        step_id: the step's id.
        status: the new status.
        on: the ISO date of the change: sets ``started_on`` (in progress), ``submitted_on``
            (submitted) or ``done_on`` (done); None leaves dates as they are.
        note: text to store as the step's notes (None keeps the old notes).
        evidence: references to add (e.g. "certificate in the minute book").

    Returns:
        A new ``RegistrationProgress``.

    Raises:
        InputError: the step is not in the form, or the record belongs to another form.
        ValidationFailed-like ``ValueError`` from the model when dates are out of order.
    """
    _same_form(progress, form)
    if form.step(step_id) is None:
        known = ", ".join(s.id for s in form.steps)
        raise InputError(f"the legal form '{form.id}' has no step '{step_id}' "
                         + (f"(known: {known})" if known else "(this form lists no registration steps)"), field="step")
    current = progress.step_progress(step_id)
    data = current.model_dump()
    data["status"] = status
    if on is not None:
        key = {"in_progress": "started_on", "submitted": "submitted_on", "done": "done_on"}.get(status)
        if key:
            data[key] = on
    if note is not None:
        data["notes"] = note
    data["evidence"] = [*current.evidence, *evidence]
    updated = StepProgress.model_validate(data)
    steps = [s for s in progress.steps if s.step_id != step_id] + [updated]
    order = {s.id: i for i, s in enumerate(form.steps)}
    steps.sort(key=lambda s: order.get(s.step_id, len(order)))
    return progress.model_copy(update={"steps": steps})


# ----------------------------------------------------------------------------- obligations
def record_obligation_met(
    progress: RegistrationProgress,
    form: LegalForm,
    obligation_id: str,
    *,
    due_on: _dt.date,
    done_on: _dt.date,
    evidence: Iterable[str] = (),
) -> RegistrationProgress:
    """Record that the deadline ``due_on`` of an obligation was met on ``done_on``.

    Raises:
        InputError: the obligation is not in the form, or the record belongs to another form.
    """
    _same_form(progress, form)
    if form.obligation(obligation_id) is None:
        known = ", ".join(o.id for o in form.obligations)
        if not known:
            raise InputError(f"the legal form '{form.id}' has no recurring obligations, so there is no deadline "
                             "to record as met", field="obligation")
        raise InputError(f"the legal form '{form.id}' has no obligation '{obligation_id}' (known: {known})", field="obligation")
    met = ObligationMet(obligation_id=obligation_id, due_on=due_on, done_on=done_on, evidence=list(evidence))
    kept = [m for m in progress.obligations_met if not (m.obligation_id == obligation_id and m.due_on == due_on)]
    return progress.model_copy(update={"obligations_met": [*kept, met]})


def record_event(progress: RegistrationProgress, event: str, on: _dt.date, note: str | None = None) -> RegistrationProgress:
    """Record a dated event (an AGM held, a change of officers, a host agreement's end date).

    Raises:
        pydantic.ValidationError: unknown event name (see ``EventName``).
    """
    entry = RecordedEvent(event=event, on=on, note=note)
    return progress.model_copy(update={"events": [*progress.events, entry]})


def with_recorded_events(facts: OrganizationFacts, progress: RegistrationProgress) -> OrganizationFacts:
    """``facts`` plus the events recorded in the tracker (merged, sorted, without duplicates)."""
    merged: dict[str, set[_dt.date]] = {k: set(v) for k, v in facts.events.items()}
    for entry in progress.events:
        merged.setdefault(entry.event, set()).add(entry.on)
    return OrganizationFacts(
        incorporation_date=facts.incorporation_date,
        founding_date=facts.founding_date,
        balance_date=facts.balance_date,
        events=MappingProxyType({k: tuple(sorted(v)) for k, v in merged.items()}),
    )


def facts_from_records(organization, meetings: Iterable, decisions: Iterable) -> OrganizationFacts:  # noqa: ANN001
    """The organization's dated facts, with the events its meetings and decisions register hold.

    Args:
        organization: the ``Organization`` record (incorporation and founding dates, balance date).
        meetings: every ``Meeting`` record (closed, quorate AGMs count as ``"agm"``, other closed
            general meetings as ``"general_meeting"``: ``formation.decisions.meeting_events``).
        decisions: the decisions register (each decision's triggers: electing or removing officers
            is an ``"officer_change"``, amending the bylaws a ``"special_resolution"``).

    Returns:
        ``formation.deadlines.facts_from_organization(organization, events=...)``; events recorded
        by hand in the tracker are merged later (``with_recorded_events``), without duplicates.
    """
    from formation.decisions import meeting_events
    from formation.deadlines import facts_from_organization

    events: dict[str, list[_dt.date]] = {}
    for event, day in meeting_events(meetings, decisions):
        events.setdefault(event, []).append(day)
    return facts_from_organization(organization, events=events)


def is_met(deadline: Deadline, progress: RegistrationProgress) -> bool:
    """True if the deadline is recorded as met, or is a meeting that was held."""
    if deadline.fulfilled_on is not None:
        return True
    return any(m.obligation_id == deadline.obligation_id and m.due_on == deadline.due for m in progress.obligations_met)


def tracker_status(
    context: LegalContext,
    form: LegalForm,
    progress: RegistrationProgress,
    facts: OrganizationFacts,
    *,
    as_of: _dt.date,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
    horizon_years: int = 2,
) -> TrackerStatus:
    """The tracker's whole picture as of a date.

    Args:
        context: the legal context (for recovery forms).
        form: the organization's legal form.
        progress: its ``RegistrationProgress`` (events recorded there are merged into ``facts``).
        facts: the organization's dated facts.
        as_of: the ISO date the picture is for.
        due_soon_days: how far ahead "due soon" looks (0..3660 days).
        horizon_years: how far ahead deadlines are listed (1..50 years).

    Returns:
        A ``TrackerStatus``.

    Raises:
        InputError: ``due_soon_days`` or ``horizon_years`` out of range, or the progress record
            belongs to another form.
    """
    _same_form(progress, form)
    if not 0 <= due_soon_days <= 3660:
        raise InputError("must be between 0 and 3660 days", field="due_soon_days")
    if not 1 <= horizon_years <= 50:
        raise InputError("must be between 1 and 50 years", field="horizon_years")
    states = step_states(form, progress)
    merged = with_recorded_events(facts, progress)
    schedule = deadlines_for(
        form, merged, until=default_until(as_of, horizon_years), skip=progress.obligations_not_applicable
    )
    soon_end = days_after(as_of, due_soon_days)
    open_deadlines = [d for d in schedule.deadlines if not is_met(d, progress)]
    overdue = tuple(d for d in open_deadlines if d.due < as_of)
    due_soon = tuple(d for d in open_deadlines if as_of <= d.due <= soon_end)
    upcoming = tuple(d for d in open_deadlines if d.due > soon_end)
    return TrackerStatus(
        context_id=context.id,
        form_id=form.id,
        as_of=as_of,
        steps=tuple(states),
        can_do_now=tuple(s for s in states if s.can_do_now),
        blocked=tuple(s for s in states if s.waiting_for and s.status not in FINISHED),
        overdue=overdue,
        due_soon=due_soon,
        upcoming=upcoming,
        missing=schedule.missing,
        recovery=tuple(recovery_paths(context, form, overdue)),
    )


def recovery_paths(context: LegalContext, form: LegalForm, overdue: Iterable[Deadline]) -> list[RecoveryPath]:
    """The recovery path of each missed deadline whose obligation has one (once per obligation,
    for its earliest missed deadline)."""
    out: list[RecoveryPath] = []
    seen: set[str] = set()
    for deadline in sorted(overdue, key=lambda d: d.due):
        obligation = form.obligation(deadline.obligation_id)
        if obligation is None or obligation.if_missed is None or obligation.id in seen:
            continue
        seen.add(obligation.id)
        rec = obligation.if_missed
        restart = context.form(rec.restart_form) if rec.restart_form else None
        steps = tuple(rec.steps) + (tuple(restart.steps) if restart else ())
        out.append(
            RecoveryPath(
                obligation_id=obligation.id,
                title=obligation.title,
                missed_due=deadline.due,
                summary=rec.summary,
                consequence=rec.consequence,
                restart_form_id=restart.id if restart else None,
                steps=steps,
                sources=tuple(rec.sources),
            )
        )
    return out


def _same_form(progress: RegistrationProgress, form: LegalForm) -> None:
    if progress.legal_form_id != form.id:
        raise InputError(
            f"this progress record is for the legal form '{progress.legal_form_id}', not '{form.id}'",
            field="legal_form_id",
        )
