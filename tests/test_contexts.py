"""Legal contexts: every shipped file passes its checks; malformed files are refused whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from formation.cli import main
from formation.contexts import (
    check_all,
    cross_check,
    find_cycle,
    find_form,
    list_contexts,
    load_all,
    load_context,
    locate_line,
    parse_context,
)
from formation.errors import InputError, ValidationFailed
from formation.models.legal import Fact, LegalContext

FIXTURES = Path(__file__).parent / "data" / "contexts"
SHIPPED = ["anywhere", "au_nsw", "ca", "in", "ke", "nz", "th", "uk_ew", "us", "za"]

NZ_S26_IDS = [
    "s26_1_a_name",
    "s26_1_b_purposes",
    "s26_1_c_joining_with_consent",
    "s26_1_d_ceasing_membership",
    "s26_1_e_register_of_members",
    "s26_1_f_i_committee_size",
    "s26_1_f_ii_officer_election",
    "s26_1_f_iii_officer_terms",
    "s26_1_f_iv_committee_powers",
    "s26_1_f_v_officer_removal",
    "s26_1_f_vi_chair_casting_vote",
    "s26_1_f_vii_committee_quorum_procedure",
    "s26_1_g_contact_persons",
    "s26_1_h_finances",
    "s26_1_i_amendment",
    "s26_1_j_disputes_complaints",
    "s26_1_k_i_agm_intervals",
    "s26_1_k_ii_general_meeting_information",
    "s26_1_k_iii_minutes",
    "s26_1_k_iv_calling_general_meetings",
    "s26_1_k_v",
    "s26_general_meeting_quorum_procedure",
    "s26_surplus_assets",
]


def _facts(obj, path=""):
    if isinstance(obj, Fact):
        yield path, obj
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _facts(item, f"{path}.{i}")
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _facts(getattr(obj, name), f"{path}.{name}")


# ----------------------------------------------------------------------------- shipped contexts
def test_every_shipped_context_passes_check():
    results = check_all()
    assert [r.file for r in results] == [f"legal_contexts/{cid}.toml" for cid in SHIPPED]
    assert [str(r.error) for r in results if not r.ok] == []


@pytest.mark.parametrize("context_id", SHIPPED)
def test_every_fact_has_a_dated_source_or_is_unknown(context_id):
    context = load_context(context_id)
    checked = 0
    for path, fact in _facts(context):
        if fact.is_unknown and not fact.sources:
            continue
        assert fact.sources, f"{context_id}{path} has no source"
        for sid in fact.sources:
            source = context.sources[sid]
            assert source.url.startswith(("http://", "https://"))
            assert source.checked_on.year >= 2026
        checked += 1
    assert checked >= 10


def test_shipped_contexts_cover_the_issue_forms():
    forms = {c.id: {f.id for f in c.forms} for c in load_all()}
    assert forms["nz"] >= {"incorporated_society", "incorporated_society_1908"}
    assert forms["au_nsw"] == {"incorporated_association"}
    assert forms["in"] == {"society_sra", "trade_union", "cooperative_wb"}
    assert forms["ke"] >= {"public_benefit_organization", "society"}
    assert forms["za"] == {"voluntary_association_npo", "non_profit_company"}
    assert forms["th"] == {"association"}
    assert forms["uk_ew"] == {"unincorporated_association", "cio", "cic", "company_limited_by_guarantee"}
    assert forms["us"] == {"nonprofit_corporation_501c3", "fiscally_sponsored_project"}
    assert forms["ca"] == {"federal_nfp"}
    assert forms["anywhere"] == {"unregistered_collective", "fiscally_hosted_collective"}


def test_every_context_names_sex_worker_led_networks_and_sex_work_treatment():
    for context in load_all():
        assert context.networks, context.id
        assert context.sex_work.registering_openly
    treatments = {c.id: c.sex_work.treatment for c in load_all()}
    assert treatments["nz"] == "decriminalised"
    assert treatments["au_nsw"] == "decriminalised"
    assert treatments["ca"] == "partly_criminalised"
    assert treatments["za"] == "criminalised"
    assert treatments["anywhere"] == "unknown"


def test_nz_s26_required_contents_have_stable_ids():
    _, form = find_form("nz", "incorporated_society")
    assert [r.id for r in form.required_contents] == NZ_S26_IDS
    by_id = {r.id: r for r in form.required_contents}
    assert by_id["s26_1_j_disputes_complaints"].reference == "Incorporated Societies Act 2022 s.26(1)(j)"
    assert by_id["s26_1_a_name"].confirmed is True
    assert by_id["s26_1_k_v"].confirmed is False


def test_nz_society_needs_ten_members_and_shows_its_fee():
    _, form = find_form("nz", "incorporated_society")
    assert form.min_members.count == 10
    fee = form.fees[0]
    assert (str(fee.amount), fee.currency) == ("88.89", "NZD")


def test_unknown_context_lists_the_known_ids():
    with pytest.raises(InputError) as err:
        load_context("atlantis")
    assert "nz" in str(err.value) and "atlantis" in str(err.value)


def test_unknown_form_is_refused_by_name():
    with pytest.raises(InputError, match="no legal form 'trust'"):
        find_form("nz", "trust")


def test_list_contexts_is_sorted_and_summarised():
    summaries = list_contexts()
    assert [s.id for s in summaries] == SHIPPED
    nz = next(s for s in summaries if s.id == "nz")
    assert nz.country == "NZ" and ("incorporated_society", "Incorporated society (Incorporated Societies Act 2022)") in nz.forms


# ----------------------------------------------------------------------------- malformed files
@pytest.mark.parametrize(
    ("name", "field", "line", "words"),
    [
        ("wrong_type", "forms.0.min_members.count", 22, "whole number"),
        ("missing_source", "forms.0.steps.1", 31, "needs 'sources'"),
        ("unknown_source", "forms.0.steps.0.sources.0", 29, "'nowhere'"),
        ("dependency_cycle", "forms.0.steps.0.depends_on", 29, "first -> second -> first"),
        ("unknown_step", "forms.0.steps.1.depends_on.0", 35, "'frist'"),
        ("interval_zero", "forms.0.obligations.0.due.every_months", 48, "greater than or equal to 1"),
        ("cycle_interval_zero", "forms.0.obligations.0.due", 46, "interval of 0"),
        ("wrong_id", "id", 3, "another_id"),
    ],
)
def test_malformed_context_names_file_field_and_line(name, field, line, words):
    with pytest.raises(ValidationFailed) as err:
        load_context(name, directory=FIXTURES)
    message = str(err.value)
    assert message.startswith(str(FIXTURES / f"{name}.toml"))
    assert f"{field} (line {line})" in message
    assert words in message


def test_toml_syntax_error_names_the_line():
    with pytest.raises(ValidationFailed, match=r"bad_toml.toml: line 4: is not valid TOML"):
        load_context("bad_toml", directory=FIXTURES)


def test_check_all_reports_each_file_and_passes_only_the_good_one():
    results = {Path(r.file).stem: r for r in check_all(directory=FIXTURES)}
    assert [k for k, r in results.items() if r.ok] == ["good"]
    assert len(results) == 10


def test_one_malformed_file_stops_list_contexts_whole():
    with pytest.raises(ValidationFailed):
        list_contexts(directory=FIXTURES)


def test_good_file_loads_beside_malformed_ones():
    context = load_context("good", directory=FIXTURES)
    assert context.form("society").step("second").depends_on == ["first"]


def test_interval_zero_is_refused_by_the_schema_itself():
    text = (FIXTURES / "interval_zero.toml").read_text()
    with pytest.raises(ValidationFailed, match="every_months"):
        parse_context(text, source="x.toml")


def test_find_cycle_reports_the_loop_and_none_for_a_dag():
    assert find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": ["b"], "b": [], "c": ["a", "b"]}) is None


def test_cross_check_finds_a_restart_form_that_does_not_exist():
    context = load_context("nz").model_copy(deep=True)
    context.forms[1].obligations[0].if_missed.restart_form = "no_such_form"
    problems = cross_check(context)
    assert problems == [("forms.1.obligations.0.if_missed.restart_form", "names legal form 'no_such_form', which this context does not have")]


def test_locate_line_follows_arrays_of_tables():
    text = "[[forms]]\nid = 'a'\n[[forms.steps]]\nid = 'x'\n[[forms]]\nid = 'b'\n[[forms.steps]]\nid = 'y'\ndepends_on = ['q']\n"
    assert locate_line(text, "forms.1.steps.0.depends_on.0") == 9
    assert locate_line(text, "forms.0.steps.0") == 3
    assert locate_line(text, "nothing.here") is None


def test_context_model_refuses_unknown_fields():
    data = {"id": "x", "name": "X", "jurisdiction": {"country": "ZZ"}, "languages": ["en"], "reviewed_on": "2026-01-01",
            "sex_work": {"treatment": "unknown", "summary": "s", "registering_openly": "r"},
            "forms": [{"id": "f", "name": "F", "kind": "society", "summary": "s", "sources": ["s"], "colour": "red"}],
            "sources": {"s": {"url": "https://e.org", "checked_on": "2026-01-01"}}}
    with pytest.raises(Exception, match="colour"):
        LegalContext.model_validate(data)


# ----------------------------------------------------------------------------- command line
def test_cli_contexts_check_passes_for_shipped_files(capsys):
    assert main(["contexts", "check"]) == 0
    assert "10 of 10 context files passed" in capsys.readouterr().out


def test_cli_contexts_check_fails_with_exit_3_naming_files(capsys):
    assert main(["contexts", "check", "--dir", str(FIXTURES)]) == 3
    out = capsys.readouterr().out
    assert "dependency_cycle.toml" in out and "1 of 10 context files passed" in out


def test_cli_contexts_list_json(capsys):
    assert main(["contexts", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data] == SHIPPED


def test_cli_contexts_show_form_includes_sources_and_not_advice(capsys):
    assert main(["contexts", "show", "nz", "--form", "incorporated_society"]) == 0
    out = capsys.readouterr().out
    assert "[s26_1_j_disputes_complaints]" in out
    assert "legislation.govt.nz" in out and "checked 2026-11-30" in out
    assert "not legal advice" in out
