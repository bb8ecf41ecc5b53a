"""Obligations turned into dated deadlines, from the organization's own facts.

Pure functions: no I/O and no clock. The organization's facts come in as plain dates
(``OrganizationFacts``): incorporation and founding dates, the balance date, and lists of dated
events (AGMs held, changes of officers, special resolutions, a host agreement's end...). Other
parts of formation (meetings, the decisions register) can supply those lists as they are.

Date arithmetic is ``dateutil.relativedelta`` from the event that triggers a deadline, never
chained from the previous deadline, so that 29 February and month ends do not drift:
29 Feb 2024 + 1 year = 28 Feb 2025, + 4 years = 29 Feb 2028. Where a law is silent, "N months
after the 30th" keeps the day number and moves back to the month's last day where the month is
shorter (the earlier reading); a rule can instead ask for the month end (Companies Act 2006 s.443,
``month_end = "last_day"``). Every rule is bounded: no rule produces more than its
``max_occurrences`` and none runs past ``until``.

The rules themselves (which anchor, which offset) are data: ``legal_contexts/*.toml``, each with
its statute and source.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from dateutil.relativedelta import relativedelta

from formation.models.due_rules import DueRule, Limit
from formation.models.legal import LegalForm, Obligation
from formation.models.organization import Organization

DEFAULT_HORIZON_YEARS = 2

SCHEDULE_END = _dt.date(2299, 12, 31)
"""No schedule runs past this date. Every anchor is a stored date (at most 2199-12-31, the last
date a date field accepts) and every offset is bounded (``Limit``: at most 10 years plus 120 months
plus 3660 days plus 260 business days; a yearly rule's interval at most 120 months), so every real
deadline falls well before it, while the date arithmetic stays inside the calendar's year 9999."""


@dataclass(frozen=True, slots=True)
class OrganizationFacts:
    """The dated facts deadlines are computed from.

    Attributes:
        incorporation_date: ISO date of incorporation or registration, or None.
        founding_date: ISO date of the founding meeting, or None.
        balance_date: the financial year end as ``(month, day)``, or None.
        events: event name -> sorted tuple of dates (``"agm"``, ``"officer_change"``, ...; see
            ``formation.models.due_rules.EventName``).
    """

    incorporation_date: _dt.date | None = None
    founding_date: _dt.date | None = None
    balance_date: tuple[int, int] | None = None
    events: Mapping[str, tuple[_dt.date, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def dates(self, event: str) -> tuple[_dt.date, ...]:
        """The sorted dates of one event kind (empty when none are known)."""
        return self.events.get(event, ())


def facts_from_organization(
    organization: Organization,
    *,
    agm_dates: Iterable[_dt.date] = (),
    officer_change_dates: Iterable[_dt.date] = (),
    events: Mapping[str, Iterable[_dt.date]] | None = None,
) -> OrganizationFacts:
    """Build ``OrganizationFacts`` from the ``Organization`` record plus dated events.

    Args:
        organization: the organization (incorporation and founding dates, financial year end).
        agm_dates: dates of AGMs held (from the meetings records or entered by hand).
        officer_change_dates: dates of elections or changes of officers (from the decisions
            register or entered by hand).
        events: other events by name (e.g. ``{"special_resolution": [...]}``); merged with the two
            lists above.

    Returns:
        The facts, with each event's dates sorted and without duplicates.
    """
    merged: dict[str, set[_dt.date]] = {}
    for name, dates in (events or {}).items():
        merged.setdefault(name, set()).update(dates)
    merged.setdefault("agm", set()).update(agm_dates)
    merged.setdefault("officer_change", set()).update(officer_change_dates)
    fye = organization.financial_year_end
    return OrganizationFacts(
        incorporation_date=organization.incorporation_date,
        founding_date=organization.founding_date,
        balance_date=(fye.month, fye.day) if fye else None,
        events=MappingProxyType({k: tuple(sorted(v)) for k, v in merged.items() if v}),
    )


@dataclass(frozen=True, slots=True)
class Deadline:
    """One dated deadline of an obligation.

    Attributes:
        obligation_id: the obligation's id in its legal form.
        title: the obligation's title.
        due: the last day (ISO date) to do it.
        anchor: the date it is counted from (the balance date, the AGM, the anniversary...).
        basis: a plain explanation (``"6 months after the balance date 2025-03-31"``).
        occurrence: 1 for the first deadline of this obligation, 2 for the next...
        projected: True when it depends on a meeting not yet held (assumed on its last day).
        fulfilled_on: for meetings, the date the meeting fulfilling it was held, else None.
        reference: the statute or agreement.
    """

    obligation_id: str
    title: str
    due: _dt.date
    anchor: _dt.date
    basis: str
    occurrence: int
    projected: bool = False
    fulfilled_on: _dt.date | None = None
    reference: str = ""


@dataclass(frozen=True, slots=True)
class MissingFact:
    """An obligation whose deadlines cannot be dated yet, and the fact that is missing."""

    obligation_id: str
    title: str
    needs: str


@dataclass(frozen=True, slots=True)
class Schedule:
    """``deadlines_for``'s result: deadlines sorted by due date, and what could not be dated."""

    deadlines: tuple[Deadline, ...]
    missing: tuple[MissingFact, ...]


_NEEDS = {
    "incorporation": "the incorporation date",
    "founding": "the founding date",
    "anniversary": "the incorporation date",
    "financial_year_end": "the financial year end (balance date)",
}


def add_offset(anchor: _dt.date, limit: Limit) -> _dt.date:
    """``anchor`` plus the limit's offset (relativedelta), with its month-end rule.

    Args:
        anchor: the date counted from.
        limit: the limit (years, months, days; ``from_end_of_month``; ``month_end``).

    Returns:
        The date. ``month_end = "last_day"``: if ``anchor`` is its month's last day, the result of
        the month arithmetic is moved to the last day of its month (Companies Act 2006 s.443,
        https://www.legislation.gov.uk/ukpga/2006/46/section/443).
    """
    start = _month_last_day(anchor) if limit.from_end_of_month else anchor
    months = limit.years * 12 + limit.months
    result = start + relativedelta(months=months) if months else start
    if limit.month_end == "last_day" and months and start.day == _days_in(start):
        result = _month_last_day(result)
    if limit.day_of_month is not None:
        result = result.replace(day=min(limit.day_of_month, _days_in(result)))
    if limit.days:
        result = result + _dt.timedelta(days=limit.days)
    remaining = limit.business_days
    while remaining:
        result += _dt.timedelta(days=1)
        if result.weekday() < 5:
            remaining -= 1
    return result


def _days_in(day: _dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _month_last_day(day: _dt.date) -> _dt.date:
    return day.replace(day=_days_in(day))


def _describe(limit: Limit, anchor_label: str, anchor: _dt.date) -> str:
    parts = []
    months = limit.years * 12 + limit.months
    if months:
        parts.append(f"{abs(months)} month{'s' if abs(months) != 1 else ''}")
    if limit.days:
        parts.append(f"{abs(limit.days)} day{'s' if abs(limit.days) != 1 else ''}")
    if limit.business_days:
        parts.append(f"{limit.business_days} business day{'s' if limit.business_days != 1 else ''}")
    span = " and ".join(parts) or "0 days"
    direction = "before" if months < 0 or (not months and limit.days < 0) else "after"
    where = f"the end of the month of {anchor_label}" if limit.from_end_of_month else anchor_label
    if limit.day_of_month is not None:
        return f"day {limit.day_of_month} of the month {span} {direction} {where} {anchor.isoformat()}"
    return f"{span} {direction} {where} {anchor.isoformat()}"


_LABELS = {
    "incorporation": "incorporation",
    "founding": "founding",
    "anniversary": "the anniversary",
    "financial_year_end": "the balance date",
    "previous": "the previous meeting",
    "event": "the event",
    "agm_after": "the AGM",
    "date": "",
}


def _combine(rule: DueRule, candidates: list[tuple[_dt.date, _dt.date, str]]) -> tuple[_dt.date, _dt.date, str]:
    pick = min if rule.combine == "earliest" else max
    return pick(candidates, key=lambda c: c[0])


def _first_balance_after(balance: tuple[int, int], after: _dt.date) -> _dt.date:
    month, day = balance
    candidate = _dt.date(after.year, month, day)
    return candidate if candidate > after else _dt.date(after.year + 1, month, day)


def _fixed(limit: Limit, facts: OrganizationFacts) -> tuple[_dt.date, str] | str:
    """Anchor of a limit counted from incorporation, founding or a date; or the missing fact."""
    if limit.after == "date":
        assert limit.date is not None
        return limit.date, ""
    anchor = facts.incorporation_date if limit.after == "incorporation" else facts.founding_date
    if anchor is None:
        return _NEEDS[limit.after]
    return anchor, _LABELS[limit.after]


def _evaluate(limits: Sequence[Limit], rule: DueRule, anchor_for) -> tuple[_dt.date, _dt.date, str] | str | None:
    candidates = []
    missing = None
    for limit in limits:
        found = anchor_for(limit)
        if found is None:
            continue
        if isinstance(found, str):
            missing = found
            continue
        anchor, label = found
        due = add_offset(anchor, limit)
        basis = _describe(limit, label, anchor) if label else f"the fixed date {anchor.isoformat()}"
        candidates.append((due, anchor, basis))
    if not candidates:
        return missing
    if missing is not None and rule.combine == "latest":
        return missing
    return _combine(rule, candidates)


def deadlines_for_obligation(
    obligation: Obligation,
    facts: OrganizationFacts,
    *,
    until: _dt.date,
    since: _dt.date | None = None,
) -> tuple[list[Deadline], MissingFact | None]:
    """The deadlines of one obligation up to ``until``.

    Args:
        obligation: the obligation (its ``due`` rule, validated on load).
        facts: the organization's dated facts.
        until: the last date of interest (ISO); deadlines after it are not produced.
        since: deadlines due before this date are dropped (None keeps all from the start).

    Returns:
        ``(deadlines, missing)``: the deadlines in order, and a ``MissingFact`` if a fact the rule
        needs is not known (then the list may be empty).
    """
    rule = obligation.due
    out: list[Deadline] = []
    missing: str | None = None
    ref = obligation.reference
    until = min(until, SCHEDULE_END)

    def emit(k: int, found, projected: bool = False, fulfilled: _dt.date | None = None) -> None:
        due, anchor, basis = found
        if since is None or due >= since:
            out.append(Deadline(obligation.id, obligation.title, due, anchor, basis, k, projected, fulfilled, ref))

    if rule.repeat == "once":
        found = _evaluate(rule.limits, rule, lambda lim: _fixed(lim, facts))
        if isinstance(found, tuple):
            if found[0] <= until:
                emit(1, found)
        else:
            missing = found
    elif rule.repeat == "each_event":
        assert rule.event is not None
        for k, day in enumerate(facts.dates(rule.event)[: rule.max_occurrences], start=1):
            found = _evaluate(rule.limits, rule, lambda lim, d=day: (d, rule.event.replace("_", " ")))
            if isinstance(found, tuple) and found[0] <= until:
                emit(k, found)
    elif rule.repeat == "yearly":
        missing = _yearly(obligation, facts, until, emit)
    else:
        missing = _cycle(obligation, facts, until, emit)
    gap = MissingFact(obligation.id, obligation.title, missing) if missing else None
    return out, gap


def _yearly(obligation: Obligation, facts: OrganizationFacts, until: _dt.date, emit) -> str | None:
    """Occurrence k counts from the k-th balance date (the first after incorporation, or the first
    on or after the first anniversary with ``first_balance = "after_first_anniversary"``) and from
    the k-th anniversary of incorporation; ``agm_after`` is the first AGM held after that anchor."""
    rule = obligation.due
    uses_fy = any(lim.after == "financial_year_end" for lim in rule.limits)
    base = facts.incorporation_date
    if base is None:
        return _NEEDS["incorporation"]
    first_fy: _dt.date | None = None
    if uses_fy:
        if facts.balance_date is None:
            return _NEEDS["financial_year_end"]
        after = base if rule.first_balance == "next" else base + relativedelta(years=1) - _dt.timedelta(days=1)
        first_fy = _first_balance_after(facts.balance_date, after)
    agms = facts.dates("agm")
    for k in range(1, rule.max_occurrences + 1):
        if k == 1 and rule.first is not None:
            found = _evaluate(rule.first, rule, lambda lim: _fixed(lim, facts))
            if not isinstance(found, tuple):
                return found
            if found[0] <= until:
                emit(k, found)
            continue
        fy = first_fy + relativedelta(months=rule.every_months * (k - 1)) if first_fy else None
        anniversary = base + relativedelta(months=rule.every_months * k)
        if (fy or anniversary) > until:
            return None

        def anchor_for(lim: Limit, fy=fy, anniversary=anniversary):
            if lim.after == "financial_year_end":
                return fy, _LABELS["financial_year_end"]
            if lim.after == "anniversary":
                return anniversary, _LABELS["anniversary"]
            held = next((d for d in agms if d > (fy or anniversary)), None)
            return (held, _LABELS["agm_after"]) if held else None

        found = _evaluate(rule.limits, rule, anchor_for)
        if isinstance(found, tuple) and found[0] <= until:
            emit(k, found)
    return None


def _cycle(obligation: Obligation, facts: OrganizationFacts, until: _dt.date, emit) -> str | None:
    rule = obligation.due
    assert rule.event is not None
    held = list(facts.dates(rule.event))
    base = facts.incorporation_date or facts.founding_date
    needs_fy = any(lim.after == "financial_year_end" for lim in rule.limits)
    if needs_fy and facts.balance_date is None:
        return _NEEDS["financial_year_end"]
    previous: _dt.date | None = None
    projected = False
    for k in range(1, rule.max_occurrences + 1):
        if previous is None and base is None:
            return _NEEDS["incorporation"]
        limits = rule.first if (k == 1 and rule.first is not None) else rule.limits

        def anchor_for(lim: Limit, previous=previous):
            if lim.after in ("incorporation", "founding", "date"):
                return _fixed(lim, facts)
            if lim.after == "previous":
                return (previous, _LABELS["previous"]) if previous else None
            return _first_balance_after(facts.balance_date, previous or base), _LABELS["financial_year_end"]

        found = _evaluate(limits, rule, anchor_for)
        if isinstance(found, str):
            return found
        if found is None:
            return _NEEDS["incorporation"]
        due = found[0]
        after = previous or _dt.date.min
        meeting = next((d for d in held if d > after), None)
        if meeting is None and due > until:
            return None
        emit(k, found, projected, meeting)
        if meeting is not None:
            previous = meeting
        else:
            projected = True
            previous = due
        if previous > until:
            return None
    return None


def deadlines_for(
    form: LegalForm,
    facts: OrganizationFacts,
    *,
    until: _dt.date,
    since: _dt.date | None = None,
    skip: Iterable[str] = (),
) -> Schedule:
    """Every deadline of a legal form's obligations between ``since`` and ``until``.

    Args:
        form: the legal form (from ``formation.contexts``).
        facts: the organization's dated facts.
        until: the last date of interest (e.g. the as-of date plus two years).
        since: drop deadlines due before this date (None keeps all).
        skip: ids of obligations that do not apply (marked not applicable in the tracker).

    Returns:
        A ``Schedule``: deadlines sorted by due date then obligation id, and the obligations
        that cannot be dated yet with the fact each needs.

    The rules' sources are in the context file (``reference`` and ``sources`` of each obligation).
    """
    skipped = set(skip)
    deadlines: list[Deadline] = []
    missing: list[MissingFact] = []
    for obligation in form.obligations:
        if obligation.id in skipped:
            continue
        found, gap = deadlines_for_obligation(obligation, facts, until=until, since=since)
        deadlines.extend(found)
        if gap is not None:
            missing.append(gap)
    deadlines.sort(key=lambda d: (d.due, d.obligation_id, d.occurrence))
    return Schedule(tuple(deadlines), tuple(missing))


def default_until(as_of: _dt.date, years: int = DEFAULT_HORIZON_YEARS) -> _dt.date:
    """``as_of`` plus ``years`` years (the default horizon of a schedule), at most
    ``SCHEDULE_END`` (2299-12-31), so a far as-of date never runs the arithmetic past year 9999."""
    try:
        return min(as_of + relativedelta(years=years), SCHEDULE_END)
    except (OverflowError, ValueError):  # past year 9999 (or before year 1)
        return SCHEDULE_END if years >= 0 else as_of


def days_after(day: _dt.date, days: int) -> _dt.date:
    """``day`` plus ``days`` days (negative: before), clamped to the calendar's first and last
    dates (``date.min``, ``date.max``) instead of raising ``OverflowError``; for windows such as
    "due soon": the 60 days after the as-of date."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max if days > 0 else _dt.date.min
