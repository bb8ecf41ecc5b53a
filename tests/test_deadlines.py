"""Deadlines dated from real statutes: month ends, 29 February, anchors, bounds."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from formation.contexts import find_form
from formation.deadlines import (
    SCHEDULE_END,
    OrganizationFacts,
    add_offset,
    days_after,
    default_until,
    deadlines_for,
    deadlines_for_obligation,
    facts_from_organization,
)
from formation.models import FinancialYearEnd, Organization
from formation.models.due_rules import DueRule, Limit

D = dt.date


def _form(context_id, form_id):
    return find_form(context_id, form_id)[1]


def _due(context_id, form_id, obligation_id, facts, until=D(2035, 12, 31)):
    obligation = _form(context_id, form_id).obligation(obligation_id)
    found, missing = deadlines_for_obligation(obligation, facts, until=until)
    assert missing is None
    return [d.due for d in found]


# ----------------------------------------------------------------------------- New Zealand, s.84
def test_nz_society_incorporated_29_feb_2024_first_agm_within_18_months_s84_2():
    facts = OrganizationFacts(incorporation_date=D(2024, 2, 29), balance_date=(3, 31))
    first = _due("nz", "incorporated_society", "agm", facts)[0]
    assert first == D(2025, 8, 29)


def test_nz_agm_within_6_months_of_balance_date_after_first_agm_s84_1_a():
    facts = OrganizationFacts(incorporation_date=D(2024, 2, 29), balance_date=(3, 31), events={"agm": (D(2025, 8, 20),)})
    dues = _due("nz", "incorporated_society", "agm", facts, until=D(2026, 12, 31))
    assert dues[:2] == [D(2025, 8, 29), D(2026, 9, 30)]


def test_nz_agm_no_later_than_15_months_after_previous_agm_s84_1_b():
    facts = OrganizationFacts(incorporation_date=D(2024, 2, 29), balance_date=(3, 31), events={"agm": (D(2025, 4, 15),)})
    dues = _due("nz", "incorporated_society", "agm", facts, until=D(2026, 12, 31))
    assert dues[1] == D(2026, 7, 15)


def test_nz_held_agm_fulfils_its_deadline_and_later_ones_are_projected():
    facts = OrganizationFacts(incorporation_date=D(2024, 2, 29), balance_date=(3, 31), events={"agm": (D(2025, 8, 20),)})
    obligation = _form("nz", "incorporated_society").obligation("agm")
    found, _ = deadlines_for_obligation(obligation, facts, until=D(2028, 12, 31))
    assert found[0].fulfilled_on == D(2025, 8, 20)
    assert [d.projected for d in found] == [False, False, True, True]
    assert [d.due for d in found] == [D(2025, 8, 29), D(2026, 9, 30), D(2027, 9, 30), D(2028, 9, 30)]


def test_nz_annual_return_6_months_after_balance_date():
    facts = OrganizationFacts(incorporation_date=D(2024, 5, 1), balance_date=(3, 31))
    assert _due("nz", "incorporated_society", "annual_return_and_financial_statements", facts, until=D(2026, 12, 31)) == [
        D(2025, 9, 30), D(2026, 9, 30)]


def test_nz_reregistration_deadline_is_5_april_2026():
    assert _due("nz", "incorporated_society_1908", "reregister", OrganizationFacts()) == [D(2026, 4, 5)]


# ----------------------------------------------------------------------------- India, SRA s.4
def test_india_society_annual_list_due_14_days_after_agm_sra_s4():
    facts = OrganizationFacts(events={"agm": (D(2025, 9, 20), D(2026, 9, 25))})
    assert _due("in", "society_sra", "annual_list_of_governing_body", facts) == [D(2025, 10, 4), D(2026, 10, 9)]


# ----------------------------------------------------------------------------- Canada, CNCA
def test_canada_annual_return_within_60_days_after_anniversary_none_in_first_year():
    facts = OrganizationFacts(incorporation_date=D(2023, 6, 15))
    assert _due("ca", "federal_nfp", "annual_return", facts, until=D(2025, 12, 31)) == [D(2024, 8, 14), D(2025, 8, 14)]


def test_canada_anniversary_of_29_february_is_28_february_then_29_again():
    facts = OrganizationFacts(incorporation_date=D(2024, 2, 29))
    obligation = _form("ca", "federal_nfp").obligation("annual_return")
    found, _ = deadlines_for_obligation(obligation, facts, until=D(2028, 12, 31))
    assert [d.anchor for d in found] == [D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)]
    assert found[0].due == D(2025, 4, 29)


def test_canada_director_change_within_15_days():
    facts = OrganizationFacts(events={"officer_change": (D(2025, 12, 20),)})
    assert _due("ca", "federal_nfp", "director_change", facts) == [D(2026, 1, 4)]


def test_canada_soliciting_statements_21_days_before_the_meeting():
    facts = OrganizationFacts(events={"agm": (D(2026, 6, 10),)})
    assert _due("ca", "federal_nfp", "soliciting_financial_statements", facts) == [D(2026, 5, 20)]


# ----------------------------------------------------------------------------- South Africa, NPO Act
def test_south_african_npo_reports_due_9_months_after_year_end_s18_1_a():
    facts = OrganizationFacts(incorporation_date=D(2024, 5, 10), balance_date=(3, 31))
    assert _due("za", "voluntary_association_npo", "reports_to_directorate", facts, until=D(2026, 12, 31)) == [
        D(2025, 12, 31), D(2026, 12, 31)]


def test_south_african_npo_year_end_28_february_plus_9_months_is_28_november():
    facts = OrganizationFacts(incorporation_date=D(2024, 5, 10), balance_date=(2, 28))
    assert _due("za", "voluntary_association_npo", "reports_to_directorate", facts, until=D(2025, 12, 31)) == [D(2025, 11, 28)]


def test_south_african_office_bearers_within_1_month_of_election_s18_1_b():
    facts = OrganizationFacts(events={"officer_change": (D(2025, 1, 31),)})
    assert _due("za", "voluntary_association_npo", "office_bearer_details", facts) == [D(2025, 2, 28)]


def test_south_african_npc_annual_return_30_business_days_after_anniversary():
    facts = OrganizationFacts(incorporation_date=D(2024, 3, 1))
    assert _due("za", "non_profit_company", "annual_return", facts, until=D(2025, 12, 31)) == [D(2025, 4, 11)]


# ----------------------------------------------------------------------------- NSW, UK, US, Kenya
def test_nsw_annual_summary_earlier_of_agm_plus_1_month_and_year_end_plus_7_months_s49():
    with_agm = OrganizationFacts(incorporation_date=D(2024, 1, 10), balance_date=(6, 30), events={"agm": (D(2025, 10, 15),)})
    without = OrganizationFacts(incorporation_date=D(2024, 1, 10), balance_date=(6, 30))
    assert _due("au_nsw", "incorporated_association", "annual_summary", with_agm, until=D(2026, 1, 31)) == [D(2025, 1, 30), D(2025, 11, 15)]
    assert _due("au_nsw", "incorporated_association", "annual_summary", without, until=D(2026, 1, 31)) == [D(2025, 1, 30), D(2026, 1, 30)]


def test_uk_company_accounts_run_to_the_month_end_s443_and_first_within_21_months():
    facts = OrganizationFacts(incorporation_date=D(2025, 6, 10), balance_date=(6, 30))
    assert _due("uk_ew", "cic", "accounts_and_cic34", facts, until=D(2028, 12, 31)) == [D(2027, 3, 10), D(2028, 3, 31)]


def test_uk_confirmation_statement_14_days_after_review_period():
    facts = OrganizationFacts(incorporation_date=D(2025, 1, 15))
    assert _due("uk_ew", "company_limited_by_guarantee", "confirmation_statement", facts, until=D(2026, 12, 31)) == [D(2026, 1, 28)]


def test_us_form_1023_within_27_months_from_end_of_month_of_formation():
    facts = OrganizationFacts(incorporation_date=D(2024, 1, 10))
    assert _due("us", "nonprofit_corporation_501c3", "form_1023_within_27_months", facts) == [D(2026, 4, 30)]


def test_us_form_990_on_15th_day_of_5th_month():
    calendar_year = OrganizationFacts(incorporation_date=D(2024, 3, 1), balance_date=(12, 31))
    june = OrganizationFacts(incorporation_date=D(2024, 3, 1), balance_date=(6, 30))
    assert _due("us", "nonprofit_corporation_501c3", "form_990", calendar_year, until=D(2025, 12, 31)) == [D(2025, 5, 15)]
    assert _due("us", "nonprofit_corporation_501c3", "form_990", june, until=D(2025, 12, 31)) == [D(2024, 11, 15), D(2025, 11, 15)]


def test_kenya_society_applies_within_28_days_of_forming_s9():
    assert _due("ke", "society", "apply_within_28_days", OrganizationFacts(founding_date=D(2025, 3, 10))) == [D(2025, 4, 7)]


def test_anywhere_host_agreement_end_is_its_own_date():
    facts = OrganizationFacts(events={"host_agreement_end": (D(2027, 6, 30),)})
    assert _due("anywhere", "fiscally_hosted_collective", "host_agreement_end", facts) == [D(2027, 6, 30)]


# ----------------------------------------------------------------------------- arithmetic and bounds
def test_month_end_clip_is_the_earlier_reading_and_last_day_follows_s443():
    assert add_offset(D(2025, 6, 30), Limit(after="financial_year_end", months=6)) == D(2025, 12, 30)
    assert add_offset(D(2025, 6, 30), Limit(after="financial_year_end", months=6, month_end="last_day")) == D(2025, 12, 31)
    assert add_offset(D(2025, 6, 5), Limit(after="financial_year_end", months=6, month_end="last_day")) == D(2025, 12, 5)
    assert add_offset(D(2024, 8, 31), Limit(after="financial_year_end", months=6)) == D(2025, 2, 28)


def test_interval_zero_is_refused():
    with pytest.raises(ValidationError, match="every_months"):
        DueRule(repeat="yearly", every_months=0, limits=[Limit(after="anniversary", days=1)])


def test_cycle_that_would_not_move_forward_is_refused():
    with pytest.raises(ValidationError, match="interval of 0"):
        DueRule(repeat="cycle", event="agm", limits=[Limit(after="previous", months=0)])
    with pytest.raises(ValidationError, match="interval of 0"):
        DueRule(repeat="cycle", event="agm", limits=[Limit(after="previous", months=1, days=-40)])


def test_rule_anchor_must_fit_its_repeat():
    with pytest.raises(ValidationError, match="cannot count from 'previous'"):
        DueRule(repeat="yearly", limits=[Limit(after="previous", months=1)])


def test_max_occurrences_bounds_a_rule():
    rule = DueRule(repeat="yearly", max_occurrences=3, limits=[Limit(after="anniversary", days=1)])
    obligation = _form("ca", "federal_nfp").obligation("annual_return").model_copy(update={"due": rule})
    found, _ = deadlines_for_obligation(obligation, OrganizationFacts(incorporation_date=D(2000, 1, 1)), until=D(2199, 1, 1))
    assert len(found) == 3


def test_missing_facts_are_reported_not_guessed():
    schedule = deadlines_for(_form("nz", "incorporated_society"), OrganizationFacts(), until=D(2030, 1, 1))
    assert schedule.deadlines == ()
    assert {(m.obligation_id, m.needs) for m in schedule.missing} == {
        ("agm", "the financial year end (balance date)"),
        ("annual_return_and_financial_statements", "the incorporation date"),
    }


def test_facts_from_organization_takes_dates_and_events():
    org = Organization(name="Harbour Lights Collective", incorporation_date="2024-02-29", founding_date="2024-01-20",
                       financial_year_end=FinancialYearEnd(month=3, day=31))
    facts = facts_from_organization(org, agm_dates=[D(2025, 8, 1), D(2025, 8, 1)], officer_change_dates=[D(2025, 8, 1)],
                                    events={"special_resolution": [D(2025, 9, 1)]})
    assert facts.incorporation_date == D(2024, 2, 29) and facts.balance_date == (3, 31)
    assert facts.dates("agm") == (D(2025, 8, 1),)
    assert facts.dates("special_resolution") == (D(2025, 9, 1),)


def test_schedule_is_sorted_and_since_drops_earlier_deadlines():
    facts = OrganizationFacts(incorporation_date=D(2024, 2, 29), balance_date=(3, 31))
    schedule = deadlines_for(_form("nz", "incorporated_society"), facts, until=D(2027, 12, 31), since=D(2025, 9, 1))
    dues = [d.due for d in schedule.deadlines]
    assert dues == sorted(dues) and dues[0] == D(2025, 9, 30)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)))
def test_anniversaries_never_drift_from_the_original_day(incorporated):
    facts = OrganizationFacts(incorporation_date=incorporated)
    obligation = _form("ca", "federal_nfp").obligation("annual_return")
    found, _ = deadlines_for_obligation(obligation, facts, until=incorporated.replace(year=incorporated.year + 8, day=1))
    for k, d in enumerate(found, start=1):
        assert d.anchor == incorporated + relativedelta(years=k)
        assert (d.due - d.anchor).days == 60


# ----------------------------------------------------------------------------- the calendar's end
def test_default_until_adds_years_and_stops_at_the_schedule_end():
    assert default_until(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert default_until(D(2199, 12, 31), 50) == D(2249, 12, 31)
    assert default_until(D(2290, 1, 1), 20) == SCHEDULE_END == D(2299, 12, 31)
    assert default_until(D(9999, 1, 1), 20) == SCHEDULE_END


def test_days_after_clamps_at_the_calendars_ends_instead_of_overflowing():
    assert days_after(D(2199, 12, 31), 3660) == D(2210, 1, 8)
    assert days_after(dt.date.max - dt.timedelta(days=5), 60) == dt.date.max
    assert days_after(dt.date.min + dt.timedelta(days=5), -60) == dt.date.min


def test_schedule_until_past_year_9999_is_cut_at_the_schedule_end():
    facts = OrganizationFacts(incorporation_date=D(2199, 12, 31), balance_date=(12, 31))
    obligation = _form("nz", "incorporated_society").obligation("agm")
    found, missing = deadlines_for_obligation(obligation, facts, until=dt.date.max)
    assert missing is None
    assert found and found[-1].due <= SCHEDULE_END
