"""The clause library: what it holds, its typed parameters, and how a broken library is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formation.clause_text import check_value, fill, format_value, parse_value
from formation.clauses import load_library, load_library_from
from formation.errors import InputError, ValidationFailed
from formation.models.rules import GovernanceRules

LIBRARY = Path(__file__).resolve().parents[1] / "templates" / "bylaws"

REQUIRED_CLAUSES = [
    "name", "objects", "community_member_definition", "membership_classes", "admission_and_leaving",
    "register_of_members", "general_meetings", "quorum", "voting", "governing_body",
    "officers_and_spokespeople", "removal_of_officers", "partners_and_advisors", "conflicts_of_interest",
    "finances", "bank_signatories", "confidentiality_and_safety", "disputes_and_complaints", "amendments",
    "dissolution",
]


def test_library_holds_every_clause_the_issue_lists_in_document_order():
    library = load_library()
    ids = list(library.clauses)
    for clause_id in REQUIRED_CLAUSES:
        assert clause_id in ids
    assert ids.index("name") < ids.index("quorum") < ids.index("governing_body") < ids.index("dissolution")
    assert [a.id for a in library.articles][0] == "name_and_objects"


def test_every_option_says_what_it_means_for_power_and_each_choice_has_one_default():
    for spec in load_library().clauses.values():
        assert spec.explanation
        for part in spec.choices:
            assert sum(o.default for o in part.options) == 1
            for option in part.options:
                assert len(option.power) > 20, (spec.id, option.id)


def test_partner_clause_offers_vote_veto_appointed_seats_and_finances_offers_budget_approval():
    library = load_library()
    partner = library.clause("partners_and_advisors").choice("partner_role")
    powers = {o.id: [g.power for g in o.effects.grants] for o in partner.options}
    assert powers["advisory_only"] == []
    assert powers["partner_voting_seat"] == ["vote"]
    assert powers["partner_appoints_seats"] == ["appoint_seats"]
    assert powers["partner_veto"] == ["veto"]
    budget = library.clause("finances").choice("budget").option("partner_approves_budget")
    assert [g.power for g in budget.effects.grants] == ["approve_budget"]


def test_voting_offers_roberts_rules_majorities_and_consensus_with_fallback():
    options = {o.id: o for o in load_library().clause("voting").choice("ordinary").options}
    assert options["majority_of_votes_cast"].rules["majorities.ordinary"] == {"kind": "majority", "basis": "votes_cast"}
    assert options["majority_of_members_present"].rules["majorities.ordinary"]["basis"] == "members_present"
    assert options["majority_of_all_members"].rules["majorities.ordinary"]["basis"] == "all_members"
    assert options["two_thirds_of_votes_cast"].rules["majorities.ordinary"]["kind"] == "two_thirds"
    consensus = options["consensus_with_fallback"].rules["majorities.ordinary"]
    assert consensus["kind"] == "consensus" and consensus["fallback"]["kind"] == "two_thirds"


def test_share_parameters_accept_fractions_and_percentages_within_zero_and_one():
    assert parse_value("share", "60%") == pytest.approx(0.6)
    assert parse_value("share", "0.25") == pytest.approx(0.25)
    for bad in ("1.5", "-0.1", "150%", "lots", "nan"):
        with pytest.raises(ValueError, match="between 0 and 1"):
            parse_value("share", bad)
    with pytest.raises(ValueError):
        check_value("share", True)


def test_counts_must_be_at_least_one_and_days_whole_numbers():
    with pytest.raises(ValueError, match="from 1"):
        check_value("positive_count", 0)
    assert check_value("positive_count", 3) == 3
    with pytest.raises(ValueError):
        parse_value("days", "14.5")
    with pytest.raises(ValueError):
        parse_value("days", "-3")
    assert parse_value("days", "21") == 21
    with pytest.raises(ValueError, match="from 0 to 3660"):
        check_value("days", 5000)


def test_text_parameters_refuse_braces_and_control_characters_without_echoing_them():
    with pytest.raises(ValueError) as err:
        check_value("text", "the {secret} place")
    assert "secret" not in str(err.value)
    with pytest.raises(ValueError):
        check_value("text", "bad\u202eorder")
    assert check_value("text", "  Pīwakawaka  ") == "Pīwakawaka"


def test_placeholders_fill_with_values_and_noun_forms():
    types = {"seats": "positive_count", "share": "share"}
    assert fill("{seats:seat}; {share}", {"seats": 1, "share": 0.6}, types) == "1 seat; 60%"
    assert fill("{seats:seat}", {"seats": 3}, types) == "3 seats"
    assert fill("{seats:person/people}", {"seats": 2}, types) == "2 people"
    assert format_value("share", 0.125) == "12.5%"


def test_every_option_of_every_clause_makes_valid_governance_rules_with_its_defaults():
    from formation.clauses import apply_rules

    for spec in load_library().clauses.values():
        values = spec.default_parameters()
        for part in spec.choices:
            for option in part.options:
                data = GovernanceRules().model_dump()
                apply_rules(data, {**spec.rules, **option.rules}, values)
                GovernanceRules.model_validate(data)


# ----------------------------------------------------------------------------- broken libraries
@pytest.fixture
def library_copy(tmp_path: Path) -> Path:
    target = tmp_path / "bylaws"
    shutil.copytree(LIBRARY, target, ignore=shutil.ignore_patterns("__pycache__", "*.py", "layout*", "build_layout*"))
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_placeholder_naming_no_parameter_is_refused_naming_file_and_field(library_copy):
    _edit(library_copy / "clauses" / "quorum.toml", "{quorum_share}", "{quorum_shares}")
    with pytest.raises(ValidationFailed) as err:
        load_library_from(library_copy)
    assert err.value.source == "clauses/quorum.toml"
    assert any("quorum_shares" in msg and field.startswith("body.") for field, msg in err.value.problems)


def test_invalid_toml_is_refused_with_its_line(library_copy):
    (library_copy / "clauses" / "name.toml").write_text('id = "name"\ntitle = \n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_library_from(library_copy)
    assert err.value.source == "clauses/name.toml" and err.value.line == 2


def test_two_default_options_in_one_choice_are_refused(library_copy):
    _edit(library_copy / "clauses" / "voting.toml", 'id = "no_proxies"\nlabel = "No proxies"\ndefault = true',
          'id = "no_proxies"\nlabel = "No proxies"\ndefault = true')
    _edit(library_copy / "clauses" / "voting.toml", 'id = "proxies_allowed"\nlabel = "Proxies allowed"',
          'id = "proxies_allowed"\nlabel = "Proxies allowed"\ndefault = true')
    with pytest.raises(ValidationFailed) as err:
        load_library_from(library_copy)
    assert err.value.source == "clauses/voting.toml"
    assert "exactly one option" in str(err.value)


def test_a_rule_path_that_does_not_exist_is_refused(library_copy):
    _edit(library_copy / "clauses" / "quorum.toml", '"general_meeting_quorum.number"', '"general_meeting_quorum.numbr"')
    with pytest.raises(ValidationFailed, match="not a governance rule path"):
        load_library_from(library_copy)


def test_defaults_that_break_a_constraint_are_refused(library_copy):
    _edit(library_copy / "clauses" / "governing_body.toml", "[parameters.community_seats]\ntype = \"count\"\ndefault = 4",
          "[parameters.community_seats]\ntype = \"count\"\ndefault = 9")
    with pytest.raises(ValidationFailed) as err:
        load_library_from(library_copy)
    assert ("parameters.community_seats.default" in [f for f, _ in err.value.problems])


def test_an_unknown_field_and_a_missing_article_are_refused(library_copy):
    _edit(library_copy / "clauses" / "dissolution.toml", 'article = "dissolution"', 'article = "winding"')
    with pytest.raises(ValidationFailed, match="names no article"):
        load_library_from(library_copy)
    _edit(library_copy / "clauses" / "dissolution.toml", 'article = "winding"', 'article = "dissolution"\ncolour = "red"')
    with pytest.raises(ValidationFailed) as err:
        load_library_from(library_copy)
    assert err.value.problems[0][0] == "colour"


def test_a_clause_file_named_differently_from_its_id_is_refused(library_copy):
    (library_copy / "clauses" / "name.toml").rename(library_copy / "clauses" / "title.toml")
    with pytest.raises(ValidationFailed, match="file name"):
        load_library_from(library_copy)
