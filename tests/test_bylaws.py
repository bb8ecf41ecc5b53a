"""Bylaws drafts: versions, choices, adoption, governance rules, render context and Markdown."""

from __future__ import annotations

import datetime as dt

import pytest

from bylaws_support import DRAFTED, draft_with, org
from formation import bylaws
from formation.errors import InputError, ValidationFailed
from formation.models.bylaws import BylawsDraft
from formation.store import Workspace


def test_a_new_draft_is_version_1_in_draft_with_every_clause_and_its_defaults():
    d = bylaws.new_draft(on=DRAFTED)
    v = d.latest
    assert (v.number, v.status, v.status_date()) == (1, "draft", DRAFTED)
    assert "disputes_and_complaints" in v.clauses and "quorum" in v.clauses
    assert v.clauses["quorum"].options["kind"] == "majority_of_voting_members"
    assert v.clauses["governing_body"].parameters["seats"] == 5


def test_default_rules_are_the_harbour_lights_rules():
    rules = bylaws.governance_rules(bylaws.new_draft(on=DRAFTED))
    assert rules.general_meeting_quorum.kind == "majority_of_voting_members"
    assert rules.general_meeting_quorum.community_majority_present is True
    assert (rules.majorities["ordinary"].kind, rules.majorities["ordinary"].basis) == ("majority", "votes_cast")
    assert rules.majorities["amend_bylaws"].kind == "two_thirds"
    assert rules.majorities["amend_entrenched"].kind == "three_quarters"
    assert rules.majorities["remove_officer"].kind == "two_thirds"
    assert rules.notice_days_amendment == 21 and rules.notice_days_general_meeting == 14
    assert rules.special_meeting_request_share == pytest.approx(0.1)
    assert rules.governing_body_quorum.community_majority_present is True
    assert rules.chair_casting_vote is False and rules.proxies_allowed is False


def test_a_share_quorum_set_as_a_percentage_reaches_the_governance_rules():
    d = draft_with({"quorum.kind": "share_of_voting_members", "quorum.quorum_share": "30%", "quorum.quorum_minimum": "4"})
    quorum = bylaws.governance_rules(d).general_meeting_quorum
    assert (quorum.kind, quorum.share, quorum.minimum) == ("share_of_voting_members", pytest.approx(0.3), 4)


def test_consensus_with_fallback_gives_a_consensus_rule_with_a_two_thirds_fallback():
    d = draft_with({"voting.ordinary": "consensus_with_fallback", "voting.max_stand_asides": "3"})
    ordinary = bylaws.governance_rules(d).majorities["ordinary"]
    assert ordinary.kind == "consensus" and ordinary.max_stand_asides == 3
    assert (ordinary.fallback.kind, ordinary.fallback.basis) == ("two_thirds", "votes_cast")


def test_without_entrenchment_the_community_led_clauses_amend_like_any_other():
    d = draft_with({"amendments.decided_by": "general_meeting_three_quarters", "amendments.entrenchment": "not_entrenched"})
    rules = bylaws.governance_rules(d)
    assert rules.majorities["amend_bylaws"].kind == "three_quarters"
    assert rules.majorities["amend_entrenched"] == rules.majorities["amend_bylaws"]


def test_a_share_above_one_is_refused_naming_the_parameter_and_the_draft_is_unchanged():
    d = bylaws.new_draft(on=DRAFTED)
    before = d.model_dump()
    with pytest.raises(InputError) as err:
        bylaws.set_value(d, "quorum.quorum_share", "1.5")
    assert err.value.field == "quorum.quorum_share" and "between" in str(err.value)
    assert d.model_dump() == before


def test_more_community_seats_than_seats_is_refused_naming_the_constraint():
    d = draft_with({"governing_body.seats": "5"})
    with pytest.raises(ValidationFailed) as err:
        bylaws.set_value(d, "governing_body.community_seats", "6")
    assert err.value.problems == [("governing_body.community_seats",
                                   "the seats reserved for community members cannot be more than the number of seats")]


def test_zero_seats_and_unknown_names_are_refused():
    d = bylaws.new_draft(on=DRAFTED)
    with pytest.raises(InputError, match="from 1"):
        bylaws.set_value(d, "governing_body.seats", "0")
    with pytest.raises(InputError, match="neither a choice nor a parameter"):
        bylaws.set_value(d, "quorum.colour", "red")
    with pytest.raises(InputError, match="not an option here"):
        bylaws.set_value(d, "quorum.kind", "everyone")
    with pytest.raises(InputError, match="not a clause"):
        bylaws.set_value(d, "bananas.kind", "x")
    with pytest.raises(InputError, match="CLAUSE.CHOICE"):
        bylaws.set_value(d, "quorum", "x")


def test_only_optional_clauses_can_be_left_out():
    d = bylaws.new_draft(on=DRAFTED)
    d = bylaws.leave_out(d, "disputes_and_complaints")
    assert "disputes_and_complaints" not in d.latest.clauses
    with pytest.raises(InputError, match="may not be left out"):
        bylaws.leave_out(d, "quorum")
    d = bylaws.include(d, "disputes_and_complaints")
    assert list(d.latest.clauses).index("disputes_and_complaints") < list(d.latest.clauses).index("amendments")


def test_adopting_freezes_the_text_and_the_version_can_no_longer_change():
    organization = org()
    d = bylaws.submit_for_review(bylaws.new_draft(on=DRAFTED), on=dt.date(2026, 2, 10), organization=organization)
    d = bylaws.adopt(d, on=dt.date(2026, 3, 14), organization=organization)
    v = d.latest
    assert v.status == "adopted" and [h.status for h in v.history] == ["draft", "under_review", "adopted"]
    assert d.adopted.number == 1 and v.status_date("under_review") == dt.date(2026, 2, 10)
    with pytest.raises(InputError, match="can no longer change"):
        bylaws.set_value(d, "quorum.kind", "fixed_number")
    renamed = organization.model_copy(update={"name": "Another Name"})
    context = bylaws.render_context(d, organization=renamed, checked_on="2026-11-30")
    assert "Rose & Thorn <Co-op>" in context["articles"][0]["clauses"][0]["paragraphs"][0]


def test_a_status_date_before_the_last_one_is_refused():
    d = bylaws.new_draft(on=DRAFTED)
    with pytest.raises(InputError) as err:
        bylaws.adopt(d, on=DRAFTED - dt.timedelta(days=1), organization=org())
    assert err.value.field == "on"


def test_a_new_version_starts_from_the_old_choices_and_rules_follow_the_version_in_force():
    organization = org()
    d = draft_with({"quorum.kind": "fixed_number", "quorum.quorum_number": "6"})
    d = bylaws.adopt(d, on=dt.date(2026, 3, 1), organization=organization)
    d = bylaws.new_version(d, on=dt.date(2026, 4, 1), note="lower quorum")
    assert (d.latest.number, d.latest.based_on, d.latest.status) == (2, 1, "draft")
    assert d.latest.clauses["quorum"].parameters["quorum_number"] == 6
    d = bylaws.set_value(d, "quorum.quorum_number", "4")
    assert bylaws.governance_rules(d).general_meeting_quorum.number == 6
    assert bylaws.governance_rules(d, 2).general_meeting_quorum.number == 4
    with pytest.raises(InputError, match="no such version"):
        bylaws.governance_rules(d, 3)


def test_before_any_adoption_the_rules_are_the_newest_drafts():
    d = draft_with({"quorum.kind": "fixed_number", "quorum.quorum_number": "8"})
    assert bylaws.governance_rules(d).general_meeting_quorum.number == 8


def test_render_context_is_plain_data_numbered_with_parameters_filled():
    d = draft_with({"general_meetings.notice_days": "21", "governing_body.body_name": "collective council"})
    context = bylaws.render_context(d, organization=org(), checked_on="2026-11-30")
    assert set(context) == {"organization", "document", "articles"}
    assert context["document"] == {
        "title": "Constitution", "version": "v1", "status": "draft", "status_date": "2026-02-01",
        "checked_on": "2026-11-30", "disclaimer": bylaws.DISCLAIMER.format(checked_on="2026-11-30"),
    }

    def plain(value):
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return type(value) in (str, int)

    assert plain(context)
    articles = {a["title"]: a for a in context["articles"]}
    governing = articles["Governing body and officers"]
    assert governing["number"] == 4 and governing["clauses"][1]["number"] == "4.2"
    text = " ".join(p for a in context["articles"] for c in a["clauses"] for p in c["paragraphs"])
    assert "at least 21 days notice" in text and "The collective council has 5 seats" in text
    assert "{" not in text and "}" not in text
    assert context["articles"][0]["clauses"][1]["paragraphs"][1] == "(a) To uphold the rights of sex workers."


def test_render_context_refuses_a_checked_on_that_is_not_a_date():
    with pytest.raises(InputError) as err:
        bylaws.render_context(bylaws.new_draft(on=DRAFTED), organization=org(), checked_on="last week")
    assert err.value.field == "checked_on"
    assert bylaws.render_context(bylaws.new_draft(on=DRAFTED), organization=org(),
                                 checked_on="unknown")["document"]["checked_on"] == "unknown"


def test_markdown_keeps_special_characters_as_written():
    context = bylaws.render_context(bylaws.new_draft(on=DRAFTED), organization=org(), checked_on="2026-11-30")
    md = bylaws.bylaws_markdown(context)
    assert md.startswith("# Constitution: Rose & Thorn \\<Co-op\\>\n")
    assert "## Article 1. Name and objects" in md and "### 1.1 Name" in md
    assert "not legal advice" in md


def test_custom_text_replaces_the_library_text_until_cleared():
    d = bylaws.set_custom_text(bylaws.new_draft(on=DRAFTED), "name", ["The name is  decided by the members."])
    context = bylaws.render_context(d, organization=org(), checked_on="unknown")
    assert context["articles"][0]["clauses"][0]["paragraphs"] == ["The name is decided by the members."]
    d = bylaws.set_custom_text(d, "name", None)
    assert d.latest.clauses["name"].custom_paragraphs is None


def test_choices_overview_names_the_chosen_option_and_its_power_consequence():
    rows = bylaws.choices_overview(draft_with({"finances.budget": "partner_approves_budget"}).latest,
                                   __import__("formation.clauses", fromlist=["load_library"]).load_library())
    finances = next(r for r in rows if r["id"] == "finances")
    budget = next(c for c in finances["choices"] if c["choice"] == "budget")
    assert budget["option"] == "partner_approves_budget" and "veto" in budget["power"]


def test_a_draft_round_trips_through_the_encrypted_workspace(tmp_path, fast_kdf):
    d = draft_with({"quorum.kind": "share_of_voting_members", "quorum.quorum_share": "0.4"})
    d = bylaws.adopt(d, on=dt.date(2026, 3, 14), organization=org())
    with Workspace.create(tmp_path / "ws", "pw", kdf=fast_kdf) as ws:
        ws.put(d)
    with Workspace.open(tmp_path / "ws", "pw") as ws:
        (stored,) = ws.all(BylawsDraft)
    assert stored == d
    assert bylaws.governance_rules(stored).general_meeting_quorum.share == pytest.approx(0.4)


def test_a_stored_version_naming_an_unknown_option_is_reported_naming_the_clause():
    d = bylaws.new_draft(on=DRAFTED)
    data = d.model_dump(mode="json")
    data["versions"][0]["clauses"]["quorum"]["options"]["kind"] = "everyone"
    broken = BylawsDraft.model_validate(data)
    with pytest.raises(ValidationFailed) as err:
        bylaws.governance_rules(broken)
    assert err.value.source == "bylaws v1" and err.value.problems[0][0] == "quorum.kind"


def test_the_text_names_the_document_by_its_title():
    constitution = bylaws.render_context(bylaws.new_draft(on=DRAFTED), organization=org(), checked_on="unknown")
    rules = bylaws.render_context(bylaws.new_draft(on=DRAFTED, title="Rules"), organization=org(), checked_on="unknown")

    def text(context):
        return " ".join(p for a in context["articles"] for c in a["clauses"] for p in c["paragraphs"])

    assert "(in this constitution, \"the organization\")" in text(constitution)
    assert "This constitution may be amended only by a resolution" in text(constitution)
    assert "These rules may be amended only by a resolution" in text(rules)
    assert "these bylaws" not in text(constitution).lower()


def test_the_office_clause_starts_left_out_unless_a_legal_form_requires_it():
    from formation.contexts import load_context

    assert "registered_office" not in bylaws.new_draft(on=DRAFTED).latest.clauses
    needed = bylaws.clauses_for_form(load_context("th"), "association")
    assert "registered_office" in needed and "name" in needed
    d = bylaws.new_draft(on=DRAFTED, include=needed)
    assert "registered_office" in d.latest.clauses
