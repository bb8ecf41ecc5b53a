"""The capacity record and the handover plan: skills, trainings, practice, roles passing to members."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from formation.capacity import (
    capacity_record,
    complete_handover_item,
    complete_practice,
    drop_handover_item,
    handover_deadlines,
    new_skill,
    overdue_handover_items,
    plan_handover_item,
    record_practice,
    record_training,
    skill_catalogue,
    start_handover_item,
    with_handover_deadlines,
)
from formation.errors import InputError, ValidationFailed
from formation.models import HandoverItem, Meeting
from tests.partner_support import by_name, members, partner, run_cli, write_workspace


def _bank_signatory(people, p, **kw):
    fields = dict(role="bank_signatory", held_by_label="the partner's finance officer", due="2026-09-30",
                  partner=p, successor_id=by_name(people)["Neema"].id, members=people)
    fields.update(kw)
    return plan_handover_item(**fields)


# ----------------------------------------------------------------------------- skills
def test_the_core_skills_are_the_five_a_new_organization_needs():
    assert [s.key for s in skill_catalogue()] == [
        "project_management", "financial_management", "monitoring_and_reporting", "communication", "fundraising"]


def test_a_skill_the_group_adds_gets_a_key_from_its_title_and_follows_the_core_list():
    skill = new_skill("Digital security")
    assert skill.key == "digital_security"
    assert [s.key for s in skill_catalogue([skill])][-1] == "digital_security"
    assert skill_catalogue([skill])[-1].core is False


def test_a_skill_cannot_take_a_core_key_or_one_already_added():
    with pytest.raises(InputError) as caught:
        new_skill("Fundraising")
    assert caught.value.field == "key"
    added = new_skill("Digital security")
    with pytest.raises(InputError):
        new_skill("Digital  Security", existing=[added])


# ----------------------------------------------------------------------------- trainings and practice
def test_a_training_with_a_participant_who_is_not_a_current_member_names_the_field():
    people = members()
    with pytest.raises(InputError) as caught:
        record_training(held_on="2026-06-20", topic="Bookkeeping basics", skills=["financial_management"],
                        participant_ids=[by_name(people)["Baraka"].id, by_name(people)["Old Timer"].id], members=people)
    assert caught.value.field == "participant_ids.1"


def test_a_training_with_an_unknown_skill_names_the_field():
    with pytest.raises(InputError) as caught:
        record_training(held_on="2026-06-20", topic="Basics", skills=["financial_management", "juggling"])
    assert caught.value.field == "skills.1"


def test_a_training_links_only_to_a_training_or_gathering_meeting_on_its_own_date():
    gathering = Meeting(meeting_kind="gathering", date="2026-06-20")
    training = record_training(held_on="2026-06-20", topic="Basics", skills=["financial_management"], meeting=gathering)
    assert training.meeting_id == gathering.id
    with pytest.raises(InputError) as caught:
        record_training(held_on="2026-06-20", topic="Basics", skills=["financial_management"],
                        meeting=Meeting(meeting_kind="founding", date="2026-06-20"))
    assert caught.value.field == "meeting_id"
    with pytest.raises(InputError):
        record_training(held_on="2026-06-21", topic="Basics", skills=["financial_management"], meeting=gathering)


def test_practice_with_a_done_date_is_done_and_planned_practice_can_be_completed():
    people = members()
    baraka = by_name(people)["Baraka"].id
    done = record_practice(what="Prepared the quarterly financial report with the partner's finance officer",
                           skills=["financial_management"], member_ids=[baraka], members=people, done_on="2026-07-10")
    assert (done.status, done.done_on) == ("done", _dt.date(2026, 7, 10))
    planned = record_practice(what="Reconcile the bank statement", skills=["financial_management"],
                              member_ids=[baraka], members=people, planned_for="2026-08-05")
    assert complete_practice(planned, on="2026-08-06").status == "done"
    with pytest.raises(InputError):
        complete_practice(done, on="2026-08-06")


def test_the_capacity_record_counts_trainings_participants_practice_and_roles_per_skill():
    people = members()
    named = by_name(people)
    p = partner()
    trainings = [
        record_training(held_on="2026-06-20", topic="Bookkeeping basics", skills=["financial_management"],
                        participant_ids=[named["Baraka"].id, named["Neema"].id], members=people),
        record_training(held_on="2026-07-18", topic="Quarterly report", skills=["financial_management",
                        "monitoring_and_reporting"], participant_ids=[named["Neema"].id], members=people),
    ]
    practice = [record_practice(what="Quarterly financial report", skills=["financial_management"],
                                member_ids=[named["Baraka"].id], members=people, done_on="2026-07-10")]
    items = [_bank_signatory(people, p)]
    rows = {r.skill.key: r for r in capacity_record(trainings=trainings, practice=practice, handover_items=items)}
    money = rows["financial_management"]
    assert (money.trainings, money.last_trained, money.practice_done) == (2, _dt.date(2026, 7, 18), 1)
    assert money.trained_member_ids == {named["Baraka"].id, named["Neema"].id}
    assert money.practised_member_ids == {named["Baraka"].id}
    assert money.open_handover_roles == ("Bank signatory",)
    assert rows["fundraising"].trainings == 0


# ----------------------------------------------------------------------------- the handover plan
def test_a_role_gets_the_core_skills_it_needs_by_default():
    people = members()
    item = _bank_signatory(people, partner())
    assert (item.skills, item.status, item.role_title) == (["financial_management"], "planned", "Bank signatory")


def test_a_supporter_cannot_be_the_member_who_takes_a_role_over():
    people = members()
    with pytest.raises(InputError) as caught:
        _bank_signatory(people, partner(), successor_id=by_name(people)["Kamau"].id)
    assert caught.value.field == "successor_id"
    assert "Kamau" not in str(caught.value)


def test_a_member_with_undisclosed_status_may_take_a_role_over():
    people = members()
    assert _bank_signatory(people, partner(), successor_id=by_name(people)["Siri"].id).successor_id is not None


def test_a_role_held_by_partner_staff_names_the_partner():
    with pytest.raises(ValidationFailed) as caught:
        plan_handover_item(role="bookkeeping", held_by_label="the partner's bookkeeper", due="2027-05-31")
    assert "partner_id is required" in str(caught.value)
    consultant = plan_handover_item(role="report_writing", held_by="consultant",
                                    held_by_label="the consultant", due="2027-01-31")
    assert consultant.partner_id is None


def test_a_handover_item_past_its_date_is_in_the_overdue_list():
    item = _bank_signatory(members(), partner())
    assert overdue_handover_items([item], _dt.date(2026, 9, 30)) == []
    assert overdue_handover_items([item], _dt.date(2026, 10, 1)) == [item]


def test_completing_a_role_records_who_took_it_over_and_when_and_ends_the_overdue_entry():
    people = members()
    named = by_name(people)
    item = _bank_signatory(people, partner())
    done = complete_handover_item(item, taken_over_by=named["Neema"].id, on="2026-10-03", members=people,
                                  note="added to the bank mandate")
    assert done.status == "done"
    assert (done.completion.taken_over_by, done.completion.completed_on) == (named["Neema"].id, _dt.date(2026, 10, 3))
    assert overdue_handover_items([done], _dt.date(2026, 10, 5)) == []
    with pytest.raises(InputError) as caught:
        complete_handover_item(done, taken_over_by=named["Neema"].id, on="2026-10-04", members=people)
    assert caught.value.field == "status"


def test_completion_keeps_who_actually_took_over_when_the_plan_changed():
    people = members()
    named = by_name(people)
    done = complete_handover_item(_bank_signatory(people, partner()), taken_over_by=named["Baraka"].id,
                                  on="2026-09-01", members=people)
    assert done.successor_id == named["Neema"].id
    assert done.completion.taken_over_by == named["Baraka"].id


def test_completion_by_a_supporter_or_a_former_member_is_refused():
    people = members()
    named = by_name(people)
    item = _bank_signatory(people, partner())
    for who in ("Kamau", "Old Timer"):
        with pytest.raises(InputError) as caught:
            complete_handover_item(item, taken_over_by=named[who].id, on="2026-09-01", members=people)
        assert caught.value.field == "taken_over_by"


def test_completion_before_the_handover_started_is_refused():
    people = members()
    started = start_handover_item(_bank_signatory(people, partner()), on="2026-06-01", members=people)
    assert started.status == "in_progress"
    with pytest.raises(InputError) as caught:
        complete_handover_item(started, taken_over_by=by_name(people)["Neema"].id, on="2026-05-01", members=people)
    assert caught.value.field == "on"


def test_starting_a_role_needs_a_successor():
    people = members()
    item = plan_handover_item(role="report_writing", held_by="consultant", held_by_label="the consultant",
                              due="2027-01-31")
    with pytest.raises(InputError) as caught:
        start_handover_item(item, on="2026-06-01", members=people)
    assert caught.value.field == "successor_id"


def test_a_dropped_role_leaves_the_deadlines():
    people = members()
    dropped = drop_handover_item(_bank_signatory(people, partner()), reason="the collective keeps its account with the host")
    assert dropped.status == "dropped"
    assert handover_deadlines([dropped]) == []


def test_handover_dates_join_the_registration_trackers_overdue_list():
    from formation.contexts import find_form
    from formation.deadlines import OrganizationFacts
    from formation.registration import new_progress, tracker_status

    people = members()
    p = partner()
    bank = _bank_signatory(people, p)
    books = plan_handover_item(role="bookkeeping", held_by_label="the partner's bookkeeper", due="2027-05-31",
                               partner=p, members=people)
    context, form = find_form("ke", "public_benefit_organization")
    status = tracker_status(context, form, new_progress(context, form), OrganizationFacts(), as_of=_dt.date(2026, 10, 5))
    joined = with_handover_deadlines(status, [bank, books])
    assert [(d.obligation_id, d.due) for d in joined.overdue] == [("handover_bank_signatory", _dt.date(2026, 9, 30))]
    assert joined.overdue[0].title == "Handover: Bank signatory"
    assert [d.obligation_id for d in joined.upcoming] == ["handover_bookkeeping"]
    assert joined.due_soon == ()


# ----------------------------------------------------------------------------- the command line
@pytest.fixture
def workspace(tmp_path: Path):
    people = members()
    p = partner()
    path = write_workspace(tmp_path / "group.fmws", "pw-group", [*people, p])
    return path, people, p


def test_cli_handover_plan_add_list_overdue_and_complete(workspace, capsys, monkeypatch):
    path, people, _ = workspace
    monkeypatch.setenv("FORMATION_PASSPHRASE", "pw-group")
    ws = ["--workspace", str(path)]
    code, out, _ = run_cli(["handover", "plan", "add", *ws, "--role", "bank_signatory", "--held-by",
                            "the partner's finance officer", "--successor", "Neema", "--due", "2026-09-30",
                            "--partner", "Mwanga Health Trust", "--json"], capsys)
    assert code == 0
    item_id = __import__("json").loads(out)["id"]
    code, out, _ = run_cli(["handover", "plan", "list", *ws, "--overdue", "--as-of", "2026-10-05"], capsys)
    assert code == 0 and "OVERDUE Bank signatory" in out
    code, out, _ = run_cli(["handover", "plan", "complete", *ws, item_id[:8], "--by", "Neema", "--on", "2026-10-06"],
                           capsys)
    assert code == 0 and "taken over on 2026-10-06" in out
    code, out, _ = run_cli(["handover", "plan", "list", *ws, "--overdue", "--as-of", "2026-10-07"], capsys)
    assert out.strip() == "Nothing overdue in the handover plan."
    from formation.store import Workspace

    with Workspace.open(path, "pw-group") as opened:
        [stored] = opened.all(HandoverItem)
    assert stored.completion.taken_over_by == by_name(people)["Neema"].id


def test_cli_capacity_training_practice_and_skills(workspace, capsys, monkeypatch):
    path, _, _ = workspace
    monkeypatch.setenv("FORMATION_PASSPHRASE", "pw-group")
    ws = ["--workspace", str(path)]
    assert run_cli(["capacity", "training", *ws, "--date", "2026-06-20", "--topic", "Bookkeeping basics",
                    "--skill", "financial_management", "--participant", "Baraka", "--participant", "Neema"], capsys)[0] == 0
    assert run_cli(["capacity", "practice", *ws, "--what", "Quarterly report with the finance officer",
                    "--skill", "financial_management", "--member", "Baraka", "--done-on", "2026-07-10"], capsys)[0] == 0
    code, out, _ = run_cli(["capacity", "skills", *ws, "--json"], capsys)
    rows = {r["key"]: r for r in __import__("json").loads(out)}
    assert rows["financial_management"]["trained"] == ["Baraka", "Neema"]
    assert rows["financial_management"]["practice_done"] == 1


def test_cli_refuses_an_unknown_skill_and_writes_nothing(workspace, capsys, monkeypatch):
    path, _, _ = workspace
    monkeypatch.setenv("FORMATION_PASSPHRASE", "pw-group")
    before = path.read_bytes()
    code, _, err = run_cli(["capacity", "training", "--workspace", str(path), "--date", "2026-06-20",
                            "--topic", "x", "--skill", "juggling"], capsys)
    assert code == 3 and "skills.0" in err
    assert path.read_bytes() == before
