"""The structure chooser: every legal form ranked, explained, and honest about what does not fit."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from formation.contexts import load_context
from formation.structures import QUESTIONS, StructureAnswers, suggest_structures


def _suggest(context_id: str, *, anywhere: bool = True, **answers):
    also = [load_context("anywhere")] if anywhere else []
    return suggest_structures(load_context(context_id), StructureAnswers(**answers), also=also)


def _option(result, form_id):
    return next(o for o in result.options if o.form_id == form_id)


def test_harbour_lights_answers_rank_the_nz_incorporated_society_first():
    result = _suggest("nz", founders=14, register_openly="yes", bank_account=True, public_names="yes")
    first = result.options[0]
    assert (first.form_id, first.fits, first.rank) == ("incorporated_society", True, 1)
    assert first.minimum_members.startswith("10")
    assert first.cost == ["Application to incorporate: 88.89 NZD (as of 2026-11-30)"]
    assert first.time == "unknown"
    assert any("names of its officers" in item and "visible to: anyone" in item for item in first.public)
    assert "general meeting" in first.power
    old = _option(result, "incorporated_society_1908")
    assert not old.fits and "can no longer be formed" in old.does_not_fit[0]


def test_too_few_founders_does_not_fit_and_says_how_many_are_needed():
    option = _option(_suggest("nz", founders=7, register_openly="yes"), "incorporated_society")
    assert not option.fits
    assert option.does_not_fit == ["It needs at least 10 founding members; you have 7."]


def test_a_group_that_cannot_register_openly_is_offered_the_unregistered_forms_first():
    result = _suggest("ke", founders=22, register_openly="no", bank_account=True, foreign_funds=True, public_names="no")
    fitting = [o for o in result.options if o.fits]
    assert fitting and all(o.context_id == "anywhere" for o in fitting)
    assert fitting[0].form_id == "fiscally_hosted_collective"
    for option in result.options:
        if option.context_id == "ke":
            assert not option.fits
            assert any("cannot register openly" in reason for reason in option.does_not_fit)


def test_without_the_anywhere_context_nothing_is_hidden_and_nothing_fits_a_group_that_cannot_register():
    result = _suggest("ke", anywhere=False, founders=22, register_openly="no")
    assert len(result.options) == len(load_context("ke").forms)
    assert not any(o.fits for o in result.options)


def test_organizing_as_workers_puts_the_indian_trade_union_first_and_otherwise_it_does_not_fit():
    union = _suggest("in", founders=60, register_openly="yes", organize_as_workers=True)
    assert union.options[0].form_id == "trade_union"
    assert any(r.startswith("+4: You want to organize as workers") for r in union.options[0].reasons_for)
    plain = _option(_suggest("in", founders=60, register_openly="yes"), "trade_union")
    assert not plain.fits and "organizing as workers" in plain.does_not_fit[0]


def test_mitras_answers_rank_the_cooperative_first():
    result = _suggest("in", founders=60, register_openly="yes", member_business=True, bank_account=True)
    assert result.options[0].form_id == "cooperative_wb"
    assert "registrar or the government nominate" in result.options[0].power


def test_members_refusing_public_names_count_against_forms_that_publish_names():
    yes = _option(_suggest("nz", founders=14, register_openly="yes", public_names="yes"), "incorporated_society")
    no = _option(_suggest("nz", founders=14, register_openly="yes", public_names="no"), "incorporated_society")
    assert no.score == yes.score - 3
    assert any(r.startswith("-3: People's names go on a public register") for r in no.reasons_against)


def test_criminalisation_counts_against_registering_openly_with_its_reason():
    option = _option(_suggest("ke", founders=22, register_openly="yes"), "society")
    assert any("criminalised in Kenya" in r for r in option.reasons_against)


def test_the_chooser_is_deterministic_and_every_option_is_explained():
    answers = dict(founders=12, register_openly="unsure", bank_account=True, employ_staff=True)
    first = _suggest("uk_ew", **answers)
    assert _suggest("uk_ew", **answers) == first
    assert [o.rank for o in first.options] == list(range(1, len(first.options) + 1))
    for option in first.options:
        assert option.power and option.minimum_members and option.cost and option.time
        assert option.reasons_for or option.reasons_against or option.does_not_fit
    assert first.disclaimer.startswith("Legal information, not legal advice")
    assert [o.fits for o in first.options] == sorted((o.fits for o in first.options), reverse=True)


def test_answers_are_validated():
    with pytest.raises(ValidationError):
        StructureAnswers(founders=0)
    with pytest.raises(ValidationError):
        StructureAnswers(founders=3, register_openly="maybe")
    with pytest.raises(ValidationError):
        StructureAnswers(founders=3, bank_account="yes")
    assert set(QUESTIONS) == set(StructureAnswers.model_fields)
