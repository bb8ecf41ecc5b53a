"""The registration tracker: steps and dependencies, overdue lists, the path after a missed deadline."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from formation.cli import main
from formation.contexts import find_form
from formation.crypto import KdfParams
from formation.deadlines import OrganizationFacts
from formation.errors import InputError
from formation.models import FinancialYearEnd, Organization
from formation.models.legal import RegistrationProgress
from formation.registration import (
    can_do_now,
    new_progress,
    record_event,
    record_obligation_met,
    root_blockers,
    set_step_status,
    step_states,
    tracker_status,
)
from formation.store import Workspace

D = dt.date
FAST = KdfParams(8192, 1, 1)


@pytest.fixture
def nz():
    return find_form("nz", "incorporated_society")


def test_first_steps_can_be_done_now_and_the_rest_wait(nz):
    context, form = nz
    progress = new_progress(context, form)
    assert [s.step.id for s in can_do_now(form, progress)] == ["draft_constitution", "gather_member_consents"]
    states = {s.step.id: s for s in step_states(form, progress)}
    assert states["founding_meeting"].waiting_for == ("draft_constitution", "gather_member_consents")
    assert root_blockers(form, progress, "apply_to_registrar") == ("draft_constitution", "gather_member_consents")


def test_finishing_dependencies_opens_the_next_step(nz):
    context, form = nz
    progress = new_progress(context, form)
    progress = set_step_status(progress, form, "draft_constitution", "done", on=D(2025, 2, 1))
    progress = set_step_status(progress, form, "gather_member_consents", "not_applicable")
    assert [s.step.id for s in can_do_now(form, progress)] == ["founding_meeting"]
    assert root_blockers(form, progress, "apply_to_registrar") == ("founding_meeting",)
    assert progress.step_progress("draft_constitution").done_on == D(2025, 2, 1)


def test_submitted_step_is_not_offered_again(nz):
    context, form = nz
    progress = set_step_status(new_progress(context, form), form, "draft_constitution", "submitted", on=D(2025, 1, 5))
    assert "draft_constitution" not in [s.step.id for s in can_do_now(form, progress)]


def test_set_status_refuses_an_unknown_step(nz):
    context, form = nz
    with pytest.raises(InputError, match="no step 'found_meeting'"):
        set_step_status(new_progress(context, form), form, "found_meeting", "done")


def test_dates_out_of_order_are_refused(nz):
    context, form = nz
    progress = set_step_status(new_progress(context, form), form, "draft_constitution", "in_progress", on=D(2025, 3, 1))
    with pytest.raises(ValueError, match="in order"):
        set_step_status(progress, form, "draft_constitution", "done", on=D(2025, 2, 1))


def test_progress_of_another_form_is_refused(nz):
    context, form = nz
    _, other = find_form("nz", "incorporated_society_1908")
    with pytest.raises(InputError, match="is for the legal form"):
        set_step_status(new_progress(context, other), form, "draft_constitution", "done")


def test_overdue_and_due_soon_as_of_a_date(nz):
    context, form = nz
    facts = OrganizationFacts(incorporation_date=D(2024, 2, 29), balance_date=(3, 31))
    status = tracker_status(context, form, new_progress(context, form), facts, as_of=D(2025, 8, 1), due_soon_days=30)
    assert [(d.obligation_id, d.due) for d in status.overdue] == [("annual_return_and_financial_statements", D(2024, 9, 30))]
    assert [(d.obligation_id, d.due) for d in status.due_soon] == [("agm", D(2025, 8, 29))]
    assert status.recovery == ()


def test_recording_a_deadline_met_takes_it_off_the_overdue_list(nz):
    context, form = nz
    facts = OrganizationFacts(incorporation_date=D(2024, 2, 29), balance_date=(3, 31))
    progress = record_obligation_met(new_progress(context, form), form, "annual_return_and_financial_statements",
                                     due_on=D(2024, 9, 30), done_on=D(2024, 9, 1))
    status = tracker_status(context, form, progress, facts, as_of=D(2025, 8, 1))
    assert status.overdue == ()


def test_agm_recorded_in_the_tracker_fulfils_the_meeting(nz):
    context, form = nz
    facts = OrganizationFacts(incorporation_date=D(2024, 2, 29), balance_date=(3, 31))
    progress = record_event(new_progress(context, form), "agm", D(2025, 8, 20))
    status = tracker_status(context, form, progress, facts, as_of=D(2025, 9, 1))
    assert "agm" not in [d.obligation_id for d in status.overdue]
    assert [(d.obligation_id, d.due) for d in status.due_soon] == [("annual_return_and_financial_statements", D(2025, 9, 30))]


def test_missed_nz_reregistration_deadline_leads_to_incorporating_again():
    context, legacy = find_form("nz", "incorporated_society_1908")
    status = tracker_status(context, legacy, new_progress(context, legacy), OrganizationFacts(), as_of=D(2026, 5, 1))
    assert [(d.obligation_id, d.due) for d in status.overdue] == [("reregister", D(2026, 4, 5))]
    (path,) = status.recovery
    assert path.missed_due == D(2026, 4, 5)
    assert path.restart_form_id == "incorporated_society"
    assert "6 April 2026" in path.summary
    assert [s.id for s in path.steps] == [
        "ask_about_restoration", "draft_constitution", "gather_member_consents", "founding_meeting",
        "officer_consents", "contact_persons", "apply_to_registrar"]


def test_reregistration_met_in_time_shows_no_recovery_path():
    context, legacy = find_form("nz", "incorporated_society_1908")
    progress = record_obligation_met(new_progress(context, legacy), legacy, "reregister", due_on=D(2026, 4, 5), done_on=D(2026, 2, 1))
    status = tracker_status(context, legacy, progress, OrganizationFacts(), as_of=D(2026, 5, 1))
    assert status.overdue == () and status.recovery == ()


def test_before_the_deadline_reregistration_is_due_soon_not_missed():
    context, legacy = find_form("nz", "incorporated_society_1908")
    status = tracker_status(context, legacy, new_progress(context, legacy), OrganizationFacts(), as_of=D(2026, 3, 1))
    assert [d.due for d in status.due_soon] == [D(2026, 4, 5)] and status.recovery == ()


def test_not_applicable_obligations_are_skipped():
    context, form = find_form("ca", "federal_nfp")
    progress = new_progress(context, form).model_copy(update={"obligations_not_applicable": ["soliciting_financial_statements"]})
    progress = record_event(progress, "agm", D(2026, 6, 10))
    status = tracker_status(context, form, progress, OrganizationFacts(incorporation_date=D(2025, 1, 1), balance_date=(12, 31)),
                            as_of=D(2026, 5, 1))
    ids = {d.obligation_id for d in (*status.overdue, *status.due_soon, *status.upcoming)}
    assert "soliciting_financial_statements" not in ids and "annual_return" in ids


def test_tracker_refuses_out_of_range_windows(nz):
    context, form = nz
    with pytest.raises(InputError, match="due_soon_days"):
        tracker_status(context, form, new_progress(context, form), OrganizationFacts(), as_of=D(2025, 1, 1), due_soon_days=-1)


# ----------------------------------------------------------------------------- workspace and CLI
@pytest.fixture
def workspace(tmp_path, monkeypatch):
    path = tmp_path / "ws.formation"
    org = Organization(name="Harbour Lights Collective", legal_context_id="nz", legal_form_id="incorporated_society",
                       incorporation_date="2024-02-29", financial_year_end=FinancialYearEnd(month=3, day=31))
    ws = Workspace.create(path, "correct horse", kdf=FAST, organization=org)
    ws.close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", "correct horse")
    return path


def test_cli_set_then_status_json(workspace, capsys):
    assert main(["registration", "set", "draft_constitution", "--status", "done", "--date", "2024-01-10", "-w", str(workspace)]) == 0
    assert main(["registration", "status", "--as-of", "2025-08-01", "--json", "-w", str(workspace)]) == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.index("{"):])
    assert data["can_do_now"] == ["gather_member_consents"]
    assert data["due_soon"][0]["due"] == "2025-08-29"
    with Workspace.open(workspace, "correct horse") as ws:
        (progress,) = ws.all(RegistrationProgress)
    assert progress.step_progress("draft_constitution").status == "done"


def test_cli_event_and_met_are_saved(workspace, capsys):
    assert main(["registration", "event", "agm", "2025-08-20", "-w", str(workspace)]) == 0
    assert main(["registration", "met", "annual_return_and_financial_statements", "--due", "2024-09-30",
                 "--date", "2024-09-15", "-w", str(workspace)]) == 0
    assert main(["registration", "deadlines", "--as-of", "2025-09-01", "--json", "-w", str(workspace)]) == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.index('{\n  "as_of"'):])
    assert data["overdue"] == []
    assert [d["due"] for d in data["due_soon"]] == ["2025-09-30"]


def test_cli_refuses_unknown_event_and_bad_dates(workspace, capsys):
    assert main(["registration", "event", "party", "2025-08-20", "-w", str(workspace)]) == 3
    assert "not a known event" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["registration", "status", "--as-of", "31/12/2025", "-w", str(workspace)])


def test_cli_next_lists_startable_steps(workspace, capsys):
    assert main(["registration", "next", "-w", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "[draft_constitution]" in out and "[founding_meeting]" not in out


def test_tracker_on_a_far_as_of_date_clamps_its_windows_instead_of_passing_year_9999(nz):
    context, form = nz
    facts = OrganizationFacts(incorporation_date=D(2199, 6, 30), balance_date=(3, 31), events={"agm": (D(2199, 12, 31),)})
    status = tracker_status(context, form, new_progress(context, form), facts, as_of=D(9999, 12, 1), due_soon_days=3660)
    assert status.due_soon == ()
    assert status.overdue and all(d.due < D(2300, 1, 1) for d in status.overdue)


def test_cli_dates_on_the_last_day_a_date_field_accepts_do_not_crash(tmp_path, monkeypatch, capsys):
    path = tmp_path / "late.formation"
    org = Organization(name="Harbour Lights Collective", legal_context_id="nz", legal_form_id="incorporated_society",
                       incorporation_date="2199-06-30", financial_year_end=FinancialYearEnd(month=3, day=31))
    Workspace.create(path, "correct horse", kdf=FAST, organization=org).close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", "correct horse")
    assert main(["registration", "event", "agm", "2199-12-31", "-w", str(path)]) == 0
    assert main(["registration", "deadlines", "--as-of", "2199-12-31", "--within", "3660", "--json", "-w", str(path)]) == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.index('{\n  "as_of"'):])
    assert data["as_of"] == "2199-12-31"
    assert [d["due"] for d in data["due_soon"]][:1] == ["2200-09-30"]
    assert main(["calendar", "--as-of", "2199-12-31", "--years", "20", "--out", str(tmp_path / "late.ics"), "-w", str(path)]) == 0
    assert (tmp_path / "late.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("argv", [
    ["registration", "met", "annual_return_and_financial_statements", "--due", "2025-02-29", "--date", "2025-03-01"],
    ["registration", "set", "draft_constitution", "--status", "done", "--date", "2025-02-29"],
    ["registration", "deadlines", "--as-of", "2025-02-29"],
])
def test_cli_registration_date_arguments_say_an_impossible_date_is_not_a_real_date(workspace, capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main([*argv, "-w", str(workspace)])
    assert exc.value.code == 2
    assert "is not a real calendar date (check the day and month)" in capsys.readouterr().err


def test_recording_a_deadline_met_on_a_form_without_obligations_says_so():
    context, form = find_form("uk_ew", "unincorporated_association")
    with pytest.raises(InputError) as caught:
        record_obligation_met(new_progress(context, form), form, "annual_return", due_on=D(2026, 1, 1), done_on=D(2026, 1, 1))
    assert caught.value.field == "obligation"
    assert "has no recurring obligations" in str(caught.value) and "(known: )" not in str(caught.value)


def test_setting_a_step_on_a_form_without_steps_says_so():
    context, form = find_form("nz", "incorporated_society_1908")
    with pytest.raises(InputError) as caught:
        set_step_status(new_progress(context, form), form, "draft_constitution", "done", on=D(2026, 1, 1))
    assert "(this form lists no registration steps)" in str(caught.value) and "(known: )" not in str(caught.value)
