"""The power audit: findings, the criteria matrix, the verdict and completeness, with exact values."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bylaws_support import (
    DRAFTED,
    body,
    community,
    draft_with,
    harbour_lights,
    mitra,
    supporters,
    tumaini,
)
from formation import bylaws
from formation.audit import audit
from formation.contexts import load_context
from formation.criteria_sets import find_criteria_set, load_criteria_sets, load_criteria_sets_from
from formation.errors import InputError, ValidationFailed
from formation.models import Member
from formation.power import StaffCount

NO_STAFF = StaffCount(total=0, community=0)
CRITERIA_DIR = Path(__file__).resolve().parents[1] / "formation" / "criteria"


def _run(draft, members, gb, **kw):
    return audit(draft, members=members, governing_body=gb, staff=kw.pop("staff", NO_STAFF), **kw)


def _criterion(result, set_id, criterion_id):
    return next(c for c in result.criteria_set(set_id).criteria if c.id == criterion_id)


# ----------------------------------------------------------------------------- must show
def test_seven_seats_with_four_community_members_pass_caswlr_and_scarlet_and_fail_ruf():
    members = community(10) + supporters(3)
    d = draft_with({"governing_body.seats": "7", "governing_body.community_seats": "4",
                    "membership_classes.supporters_on_body": "supporters_on_open_seats"})
    result = _run(d, members, body(members[:4], members[10:13]))
    ruf = _criterion(result, "red_umbrella_fund", "decision_making_body")
    assert (ruf.status, ruf.measured) == ("fail", "4 of 7 voting seats held by community members (57.1%)")
    assert ruf.threshold == "at least 60%"
    assert result.criteria_set("red_umbrella_fund").verdict == "fail"
    assert result.criteria_set("caswlr").verdict == "pass"
    assert _criterion(result, "caswlr", "decision_makers").status == "pass"
    assert result.criteria_set("scarlet_alliance").verdict == "pass"
    assert result.verdict.community_led is True


def test_three_of_five_community_members_pass_all_three():
    members = community(6) + supporters(2)
    d = draft_with({"governing_body.community_seats": "3",
                    "membership_classes.supporters_on_body": "supporters_on_open_seats"})
    result = _run(d, members, body(members[:3], members[6:8]))
    for set_id in ("red_umbrella_fund", "caswlr", "scarlet_alliance"):
        assert result.criteria_set(set_id).verdict == "pass", set_id
    assert _criterion(result, "red_umbrella_fund", "decision_making_body").measured.endswith("(60%)")


def test_a_partner_veto_over_the_budget_makes_it_community_based_under_every_criteria_set():
    members = community(9)
    d = draft_with({"finances.budget": "partner_approves_budget"})
    result = _run(d, members, body(members[:5]))
    assert result.verdict.community_led is False and result.verdict.label == "community-based"
    (finding,) = result.by_code("partner_approve_budget")
    assert (finding.severity, finding.clause_id, finding.reference) == ("critical", "finances", "clause 6.1 (Finances)")
    assert "veto" in finding.reason
    for row in result.criteria:
        assert row.verdict == "fail" and row.blocked_by == ["partner_approve_budget"], row.id
    assert any("clause 6.1 (Finances)" in reason for reason in result.verdict.reasons)


def test_a_partner_veto_clause_names_the_partners_clause():
    members = community(9)
    d = draft_with({"partners_and_advisors.partner_role": "partner_veto",
                    "partners_and_advisors.veto_matters": "the annual budget"})
    result = _run(d, members, body(members[:5]))
    (finding,) = result.by_code("partner_veto")
    assert finding.clause_id == "partners_and_advisors" and "the annual budget" in finding.reason
    assert "Advise only" in finding.fix
    assert {row.verdict for row in result.criteria} == {"fail"}


def test_supporters_voting_on_amendments_is_a_finding():
    members = community(9) + supporters(2)
    result = _run(draft_with({"amendments.voters": "all_members"}), members, body(members[:5]))
    (finding,) = result.by_code("supporters_vote_on_amendments")
    assert (finding.severity, finding.clause_id) == ("critical", "amendments")
    assert result.verdict.label == "community-based"


def test_nz_incorporated_society_without_a_disputes_clause_is_incomplete_citing_s26():
    d = bylaws.new_draft(on=DRAFTED, leave_out=["disputes_and_complaints"])
    members = community(12)
    result = _run(d, members, body(members[:5]), context=load_context("nz"), form_id="incorporated_society")
    done = result.completeness
    assert done.complete is False
    assert [i.id for i in done.items if i.status == "missing"] == ["s26_1_j_disputes_complaints"]
    assert done.missing[0].startswith("Incorporated Societies Act 2022 s.26(1)(j): ")
    assert result.by_code("no_disputes_clause")[0].severity == "warning"


# ----------------------------------------------------------------------------- scenarios
def test_harbour_lights_is_community_led_at_four_of_five_and_wren_is_never_counted():
    organization, members, committee, d = harbour_lights()
    result = _run(d, members, committee, context=load_context("nz"), form_id="incorporated_society")
    assert result.verdict.label == "community-led"
    assert result.verdict.reasons[0] == "Community members hold 4 of 5 seats on the committee (80%)."
    ruf = _criterion(result, "red_umbrella_fund", "decision_making_body")
    assert (ruf.status, ruf.measured) == ("pass", "4 of 5 voting seats held by community members (80%)")
    for set_id in ("red_umbrella_fund", "caswlr", "scarlet_alliance"):
        assert result.criteria_set(set_id).verdict == "pass", set_id
    assert _criterion(result, "caswlr", "organization").measured == "11 of 14 members are community members (78.6%)"
    assert result.completeness.complete is True
    assert [i.id for i in result.completeness.items if i.status != "covered"] == ["s26_1_k_v"]
    (undisclosed,) = result.by_code("undisclosed_not_counted")
    assert "1 member(s)" in undisclosed.reason and "1 of them on the committee" in undisclosed.reason
    assert not [f for f in result.findings if f.severity == "critical"]


def test_an_undisclosed_member_alone_on_a_seat_counts_as_not_community():
    wren = Member(work_name="Wren", community_member="undisclosed")
    result = _run(bylaws.new_draft(on=DRAFTED), [wren], body([wren]))
    assert result.measures["governing_body"]["note"] == "0 of 1 voting seats held by community members (0%)"
    assert result.verdict.label == "community-based"


def test_tumaini_v1_is_community_based_with_budget_approval_and_appointed_seats_findings():
    members, d, v1_board, _ = tumaini()
    result = _run(d, members, v1_board, version=1)
    assert result.verdict.label == "community-based"
    codes = {f.code: f.clause_id for f in result.findings if f.severity == "critical"}
    assert codes == {"partner_appoint_seats": "partners_and_advisors", "partner_approve_budget": "finances"}
    assert _criterion(result, "red_umbrella_fund", "decision_making_body").measured.startswith("4 of 7")
    assert _criterion(result, "red_umbrella_fund", "decision_making_body").status == "fail"
    assert _criterion(result, "caswlr", "decision_makers").status == "pass"
    assert _criterion(result, "caswlr", "organization").status == "pass"
    assert result.criteria_set("caswlr").verdict == "fail"
    assert "appoints 3 seats on the board" in result.by_code("partner_appoint_seats")[0].reason


def test_tumaini_v2_is_community_led():
    members, d, _, v2_board = tumaini()
    result = _run(d, members, v2_board, version=2)
    assert result.version == 2 and result.verdict.label == "community-led"
    assert result.criteria_set("red_umbrella_fund").verdict == "pass"
    assert "No partner or outsider has a vote, a veto or the power to appoint." in result.verdict.reasons


def test_mitra_is_community_led_with_a_warning_about_the_registrar_seat():
    members, d, committee = mitra()
    result = _run(d, members, committee)
    assert result.verdict.label == "community-led"
    (external,) = result.by_code("external_appointment")
    assert (external.severity, external.clause_id) == ("warning", "governing_body")
    assert "1 of 9 seats on the managing committee is nominated by the registrar" in external.reason
    assert result.measures["governing_body"]["share"] == "88.9%"
    assert result.measures["governing_body"]["community"] == 8
    for row in result.criteria:
        for criterion in row.criteria:
            if criterion.dimension == "decision-making body":
                assert criterion.status == "pass", row.id


# ----------------------------------------------------------------------------- other rules
def test_amendment_by_the_governing_body_alone_is_critical():
    members = community(7)
    result = _run(draft_with({"amendments.decided_by": "governing_body_amends"}), members, body(members[:5]))
    assert result.by_code("amendments_by_governing_body")[0].severity == "critical"
    assert result.verdict.label == "community-based"


def test_no_entrenchment_is_a_warning_that_leaves_the_verdict_community_led():
    members = community(7)
    result = _run(draft_with({"amendments.entrenchment": "not_entrenched"}), members, body(members[:5]))
    assert result.by_code("no_entrenchment")[0].severity == "warning"
    assert result.verdict.label == "community-led" and result.verdict.watch


def test_supporters_voting_with_a_quorum_reachable_without_community_members_is_critical():
    members = community(5) + [Member(work_name=f"V{i}", community_member="no") for i in range(6)]
    d = draft_with({"membership_classes.voting": "all_members_vote",
                    "quorum.community_majority": "community_majority_not_required"})
    result = _run(d, members, body(members[:5]))
    codes = {f.code for f in result.findings if f.severity == "critical"}
    assert {"supporters_vote", "quorum_without_community", "voting_members_not_community_majority"} <= codes


def test_partner_appointed_seats_the_bylaws_do_not_provide_for_are_critical():
    members = community(9)
    result = _run(bylaws.new_draft(on=DRAFTED), members, body(members[:4], partner_seats=1))
    (finding,) = result.by_code("partner_seats_without_bylaws")
    assert finding.where == "governing_body" and finding.severity == "critical"


def test_powers_from_a_partnership_agreement_are_findings_naming_its_clause():
    class Grant:
        holder, power, over, seats = "fiscal_host", "hire_fire", "the coordinator", None
        reference = "Partnership agreement v1 with Example Trust, clause 4.1"

    members = community(9)
    result = _run(bylaws.new_draft(on=DRAFTED), members, body(members[:5]), extra_grants=[Grant()])
    (finding,) = result.by_code("fiscal_host_hire_fire")
    assert finding.where == "agreement" and finding.clause_id is None
    assert finding.reference == Grant.reference and Grant.reference in finding.reason
    assert result.verdict.label == "community-based"


def test_staff_is_unknown_when_not_recorded_not_applicable_with_none_and_counted_when_given():
    members = community(9)
    gb = body(members[:5])
    d = bylaws.new_draft(on=DRAFTED)
    unknown = audit(d, members=members, governing_body=gb)
    assert _criterion(unknown, "red_umbrella_fund", "staff").status == "unknown"
    assert unknown.criteria_set("red_umbrella_fund").verdict == "incomplete"
    assert _criterion(_run(d, members, gb), "red_umbrella_fund", "staff").status == "not_applicable"
    one_in_three = _run(d, members, gb, staff=StaffCount(total=3, community=1))
    assert _criterion(one_in_three, "red_umbrella_fund", "staff").status == "pass"
    assert _criterion(one_in_three, "scarlet_alliance", "staff").status == "fail"
    with pytest.raises(ValueError):
        StaffCount(total=2, community=3)


def test_before_a_governing_body_is_elected_the_bylaws_reserved_seats_are_measured():
    result = _run(bylaws.new_draft(on=DRAFTED), community(10), None)
    gb = result.measures["governing_body"]
    assert (gb["basis"], gb["share"]) == ("bylaws_minimum", "80%")
    assert _criterion(result, "red_umbrella_fund", "spokespeople").measured.endswith("at least 60%")
    assert result.verdict.reasons[0] == "The bylaws reserve 80% of the seats on the committee for community members."


def test_nswp_publishes_no_threshold_so_a_clean_draft_is_not_checkable_by_numbers():
    members = community(9)
    row = _run(bylaws.new_draft(on=DRAFTED), members, body(members[:5])).criteria_set("nswp_full_member")
    assert row.verdict == "not_checkable" and row.criteria == [] and row.not_checked


def test_percentages_never_round_a_failing_share_up_onto_a_whole_threshold():
    from fractions import Fraction

    from formation.power import percent

    assert [percent(Fraction(n, d)) for n, d in [(4, 7), (8, 9), (2, 3), (4, 5), (1, 3)]] == [
        "57.1%", "88.9%", "66.7%", "80%", "33.3%"]
    assert percent(Fraction(5996, 10000)) == "59.9%"


def test_the_audit_is_pure_and_leaves_its_inputs_unchanged():
    members, d, v1_board, _ = tumaini()
    before = (d.model_dump(), v1_board.model_dump())
    first = _run(d, members, v1_board, version=1)
    assert _run(d, members, v1_board, version=1) == first
    assert (d.model_dump(), v1_board.model_dump()) == before


def test_criteria_can_be_chosen_and_an_unknown_set_is_refused():
    members = community(9)
    result = _run(bylaws.new_draft(on=DRAFTED), members, body(members[:5]), criteria=["caswlr"])
    assert [r.id for r in result.criteria] == ["caswlr"]
    with pytest.raises(InputError, match="not a criteria set"):
        _run(bylaws.new_draft(on=DRAFTED), members, body(members[:5]), criteria=["nope"])
    assert find_criteria_set("RUF").id == "red_umbrella_fund"


# ----------------------------------------------------------------------------- criteria data
def test_every_criteria_set_is_named_versioned_sourced_and_dated():
    sets = load_criteria_sets()
    assert list(sets) == ["red_umbrella_fund", "caswlr", "scarlet_alliance", "nswp_full_member", "unaids_community_led"]
    for cset in sets.values():
        assert cset.name and cset.version and cset.source_url.startswith("http") and cset.checked_on
    assert sets["unaids_community_led"].verification == "unverified"
    ruf = {c.id: (c.comparison, c.threshold) for c in sets["red_umbrella_fund"].criteria}
    assert ruf == {"decision_making_body": ("at_least", 0.6), "spokespeople": ("at_least", 0.6), "staff": ("at_least", 0.33)}


def test_a_malformed_criteria_file_is_refused_naming_file_and_field(tmp_path):
    shutil.copytree(CRITERIA_DIR, tmp_path / "criteria", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = tmp_path / "criteria" / "caswlr.toml"
    path.write_text(path.read_text().replace("threshold = 0.51", "threshold = 51"), encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        load_criteria_sets_from(tmp_path / "criteria")
    assert err.value.source == "criteria/caswlr.toml"
    assert err.value.problems[0][0] == "criteria.0.threshold"


def test_a_thai_association_draft_with_the_clauses_its_form_requires_is_complete_against_ccc_s79():
    context = load_context("th")
    d = bylaws.new_draft(on=DRAFTED, include=bylaws.clauses_for_form(context, "association"))
    done = _run(d, community(12), None, context=context, form_id="association").completeness
    assert done.complete is True and {i.reference for i in done.items} == {"Civil and Commercial Code s.79"}
    without = _run(bylaws.new_draft(on=DRAFTED), community(12), None, context=context, form_id="association")
    assert [i.id for i in without.completeness.items if i.status == "missing"] == ["ccc_s79_offices"]


def test_a_governing_body_half_of_community_members_is_critical_and_its_reason_reads_plainly():
    members = community(2) + supporters(2)
    result = _run(bylaws.new_draft(on=DRAFTED), members, body(members))
    [finding] = result.by_code("governing_body_not_community_majority")
    assert finding.severity == "critical"
    assert finding.reason.startswith("Community members hold 2 of the 4 voting seats on the ")
    assert "(50%): power on the " in finding.reason
    assert "held by community members" not in finding.reason
