"""Properties of deadline arithmetic (formation.deadlines) across month ends and leap years.

Dates are ``dateutil.relativedelta`` arithmetic from the event that triggers a deadline, never
chained; where a law is silent a month offset keeps the day number and moves back to the month's
last day (the earlier reading); ``month_end = "last_day"`` follows the Companies Act 2006 s.443
(https://www.legislation.gov.uk/ukpga/2006/46/section/443): a period counted from a month's last
day ends on the last day of the target month. tests/test_deadlines.py has exact statutory cases
and the anniversary property; these cover every anchor date and offset.
"""

from __future__ import annotations

import calendar
import datetime as dt

from dateutil.relativedelta import relativedelta
from hypothesis import assume, given
from hypothesis import strategies as st

from formation.deadlines import OrganizationFacts, add_offset, deadlines_for_obligation
from formation.models.due_rules import Limit
from formation.models.legal import Obligation

anchors = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2150, 12, 31))
month_offsets = st.integers(min_value=1, max_value=120)


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


@given(anchor=anchors, months=month_offsets)
def test_a_month_offset_moves_exactly_that_many_months_and_clips_the_day(anchor, months):
    due = add_offset(anchor, Limit(after="financial_year_end", months=months))
    assert _month_index(due) - _month_index(anchor) == months
    assert due.day == min(anchor.day, _days_in(due.year, due.month))


@given(anchor=anchors, months=month_offsets)
def test_from_a_month_end_last_day_rule_ends_on_the_target_month_end(anchor, months):
    month_end = anchor.replace(day=_days_in(anchor.year, anchor.month))
    due = add_offset(month_end, Limit(after="financial_year_end", months=months, month_end="last_day"))
    assert _month_index(due) - _month_index(month_end) == months
    assert due.day == _days_in(due.year, due.month)


@given(anchor=anchors, months=month_offsets)
def test_last_day_rule_changes_nothing_for_an_anchor_inside_its_month(anchor, months):
    assume(anchor.day < _days_in(anchor.year, anchor.month))
    clip = add_offset(anchor, Limit(after="financial_year_end", months=months))
    last = add_offset(anchor, Limit(after="financial_year_end", months=months, month_end="last_day"))
    assert clip == last


@given(leap_year=st.integers(min_value=1904, max_value=2140).filter(calendar.isleap), years=st.integers(1, 10))
def test_29_february_plus_whole_years_is_29_february_in_leap_years_else_28(leap_year, years):
    due = add_offset(dt.date(leap_year, 2, 29), Limit(after="anniversary", years=years))
    target = leap_year + years
    assert due == dt.date(target, 2, 29 if calendar.isleap(target) else 28)


@given(first=anchors, second=anchors, months=st.integers(min_value=-120, max_value=120),
       days=st.integers(min_value=-3660, max_value=3660))
def test_a_later_anchor_never_gives_an_earlier_deadline(first, second, months, days):
    early, late = sorted((first, second))
    limit = Limit(after="financial_year_end", months=months, days=days)
    assert add_offset(early, limit) <= add_offset(late, limit)


@given(anchor=anchors, days=st.integers(min_value=-3660, max_value=3660))
def test_a_day_offset_is_exactly_that_many_days(anchor, days):
    assert add_offset(anchor, Limit(after="event", days=days)) == anchor + dt.timedelta(days=days)


@given(anchor=anchors, business_days=st.integers(min_value=1, max_value=260))
def test_business_days_land_on_a_weekday_after_exactly_that_many_weekdays(anchor, business_days):
    due = add_offset(anchor, Limit(after="event", business_days=business_days))
    assert due.weekday() < 5
    between = [anchor + dt.timedelta(days=n) for n in range(1, (due - anchor).days + 1)]
    assert sum(d.weekday() < 5 for d in between) == business_days


@given(anchor=anchors, months=st.integers(min_value=0, max_value=120), day_of_month=st.integers(min_value=1, max_value=31))
def test_day_of_month_counted_from_the_end_of_the_month_is_clipped_to_the_target_month(anchor, months, day_of_month):
    due = add_offset(anchor, Limit(after="date", date=dt.date(2000, 1, 1), from_end_of_month=True, months=months,
                                   day_of_month=day_of_month))
    assert _month_index(due) - _month_index(anchor) == months
    assert due.day == min(day_of_month, _days_in(due.year, due.month))


def _obligation(due: dict) -> Obligation:
    return Obligation(id="duty", title="Duty", description="A duty.", kind="filing", reference="Test Act s.1",
                      sources=["src"], due=due)


@given(incorporated=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
       balance=st.sampled_from([(3, 31), (6, 30), (12, 31), (2, 28), (9, 30), (1, 31)]),
       every=st.sampled_from([1, 3, 6, 12, 24]), months=st.integers(min_value=0, max_value=18))
def test_yearly_deadlines_count_each_balance_date_from_the_first_without_drifting(incorporated, balance, every, months):
    rule = {"repeat": "yearly", "every_months": every, "limits": [{"after": "financial_year_end", "months": months}]}
    facts = OrganizationFacts(incorporation_date=incorporated, balance_date=balance)
    until = incorporated + relativedelta(years=6)
    found, missing = deadlines_for_obligation(_obligation(rule), facts, until=until)
    assert missing is None and found
    first = found[0].anchor
    assert first > incorporated and (first.month, first.day) == balance
    for k, deadline in enumerate(found):
        assert deadline.occurrence == k + 1
        assert deadline.anchor == first + relativedelta(months=every * k)
        assert deadline.due == deadline.anchor + relativedelta(months=months)
        assert deadline.due <= until


@given(incorporated=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
       gaps=st.lists(st.integers(min_value=1, max_value=800), max_size=6),
       months=st.integers(min_value=1, max_value=24))
def test_a_meeting_cycle_moves_forward_from_each_meeting_held(incorporated, gaps, months):
    """An AGM within N months after the previous one (the first within 18 months of incorporation,
    as the Incorporated Societies Act 2022 s.84 has it): every deadline is later than its anchor,
    the deadlines never go backwards, and each one counts from the AGM actually held before it."""
    held, day = [], incorporated
    for gap in gaps:
        day = day + dt.timedelta(days=gap)
        held.append(day)
    rule = {"repeat": "cycle", "event": "agm", "first": [{"after": "incorporation", "months": 18}],
            "limits": [{"after": "previous", "months": months}]}
    facts = OrganizationFacts(incorporation_date=incorporated, events={"agm": tuple(held)})
    until = incorporated + relativedelta(years=8)
    found, missing = deadlines_for_obligation(_obligation(rule), facts, until=until)
    assert missing is None and found
    assert (found[0].anchor, found[0].due) == (incorporated, incorporated + relativedelta(months=18))
    assert [d.occurrence for d in found] == list(range(1, len(found) + 1))
    for before, after in zip(found, found[1:]):
        assert after.due > after.anchor
        expected_anchor = before.fulfilled_on if before.fulfilled_on is not None else before.due
        assert after.anchor == expected_anchor
        assert after.due == expected_anchor + relativedelta(months=months)
        assert after.projected is (any(d.fulfilled_on is None for d in found[: found.index(after)]))
