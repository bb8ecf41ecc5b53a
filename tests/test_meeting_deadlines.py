"""Meetings feed the deadlines: ``registration status|next|deadlines`` and ``calendar`` date the
legal form's obligations from the AGMs held and the officers elected in the meetings and decisions
register, and show the handover plan's dates (bundled samples: Harbour Lights and Tumaini)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from formation import capacity, meetings
from formation.cli import main
from formation.models import Decision, HandoverItem, Meeting, Member, Partner
from formation.registration import facts_from_records
from formation.sample import build_sample_workspace
from formation.sample_partner import BANK_SIGNATORY_DUE, BOOKKEEPING_DUE, build_partner_sample_workspace
from formation.store import Workspace

D = dt.date
INCORPORATED = D(2026, 12, 15)
AGM_HELD = D(2027, 8, 20)


def run_json(capsys, *argv: str):  # noqa: ANN001
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def _open(path: Path) -> Workspace:
    return Workspace.open(path, None, allow_plaintext=True)


def _hold(ws: Workspace, kind: str, day: dt.date, present: list[str], *, elect: bool = False) -> Meeting:
    """A closed, quorate meeting of ``kind`` with ``present`` in person (an election when ``elect``)."""
    people = {m.work_name: m.id for m in ws.all(Member)}
    meeting = meetings.new_meeting(ws, meeting_kind=kind, date=day, chair_id=people[present[0]])
    meetings.attend(ws, meeting.id, [people[n] for n in present], "in_person")
    if elect:
        motion = meetings.add_motion(ws, meeting.id, "That the board elected at the founding meeting continues.",
                                     mover_id=people[present[1]], seconder_id=people[present[2]],
                                     decision_kind="elect_governing_body")
        meetings.record_vote(ws, meeting.id, motion.id, in_favour=len(present), against=0)
    return meetings.close_meeting(ws, meeting.id, end_time="20:00")


@pytest.fixture
def harbour(tmp_path) -> Path:
    return build_sample_workspace(tmp_path / "harbour.fws")


@pytest.fixture
def tumaini(tmp_path) -> Path:
    return build_partner_sample_workspace(tmp_path / "tumaini.fws")


HARBOUR_PRESENT = ["Kestrel", "Moana", "Juniper", "Saffron", "Tui", "Rook", "Indigo", "Opal"]


# ------------------------------------------------------------------------------ the facts


def test_the_sample_committee_election_and_general_meeting_become_dated_facts(harbour):
    with _open(harbour) as ws:
        facts = facts_from_records(ws.organization, ws.all(Meeting), ws.all(Decision))
    assert facts.dates("officer_change") == (D(2026, 3, 14),)  # the committee elected at the founding meeting
    assert facts.dates("general_meeting") == (D(2026, 9, 12),)
    assert facts.dates("agm") == ()
    assert facts.founding_date == D(2026, 3, 14) and facts.balance_date == (3, 31)


def test_an_inquorate_or_open_agm_is_not_an_agm_held(harbour):
    with _open(harbour) as ws:
        people = {m.work_name: m.id for m in ws.all(Member)}
        thin = meetings.new_meeting(ws, meeting_kind="agm", date=D(2027, 6, 1))
        meetings.attend(ws, thin.id, [people["Kestrel"], people["Moana"]], "in_person")
        meetings.close_meeting(ws, thin.id)  # 2 of 12 voting members: no quorum
        meetings.new_meeting(ws, meeting_kind="agm", date=D(2027, 6, 2))  # still open
        facts = facts_from_records(ws.organization, ws.all(Meeting), ws.all(Decision))
    assert facts.dates("agm") == ()


# ------------------------------------------------------------------------------ registration


def _incorporated_with_an_agm(path: Path, *, agm: bool) -> None:
    with _open(path) as ws:
        ws.put(ws.organization.model_copy(update={"incorporation_date": INCORPORATED}))
        if agm:
            _hold(ws, "agm", AGM_HELD, HARBOUR_PRESENT)


def test_registration_counts_the_next_agm_from_the_agm_the_meetings_record_holds(harbour, capsys):
    """Incorporated Societies Act 2022 s.84: the first AGM within 18 months of incorporation
    (15 December 2026 -> 15 June 2028); after an AGM, the next is due 6 months after the balance
    date (31 March 2028 -> 30 September 2028) or 15 months after the last one (20 August 2027 ->
    20 November 2028), whichever is sooner."""
    _incorporated_with_an_agm(harbour, agm=False)
    w = ["-w", str(harbour), "--allow-plaintext", "--as-of", "2027-09-01"]
    before = run_json(capsys, "registration", "deadlines", *w)
    assert [d for d in before["upcoming"] if d["obligation"] == "agm"][0] == {
        "obligation": "agm", "title": "Annual general meeting", "due": "2028-06-15",
        "basis": "18 months after incorporation 2026-12-15", "reference": "Incorporated Societies Act 2022 s.84",
        "projected": False, "occurrence": 1,
    }

    with _open(harbour) as ws:
        _hold(ws, "agm", AGM_HELD, HARBOUR_PRESENT)  # recorded only as a meeting, not by hand
    after = run_json(capsys, "registration", "deadlines", *w)
    agm = [d for d in after["overdue"] + after["due_soon"] + after["upcoming"] if d["obligation"] == "agm"]
    assert agm[0] == {
        "obligation": "agm", "title": "Annual general meeting", "due": "2028-09-30",
        "basis": "6 months after the balance date 2028-03-31", "reference": "Incorporated Societies Act 2022 s.84",
        "projected": False, "occurrence": 2,
    }
    assert "2028-06-15" not in [d["due"] for d in agm]  # the first AGM was held on 20 August 2027


def test_an_agm_recorded_by_hand_and_in_the_meetings_counts_once(harbour, capsys):
    _incorporated_with_an_agm(harbour, agm=True)
    w = ["-w", str(harbour), "--allow-plaintext"]
    assert main(["registration", "event", *w, "agm", AGM_HELD.isoformat()]) == 0
    capsys.readouterr()
    shown = run_json(capsys, "registration", "deadlines", *w, "--as-of", "2027-09-01")
    agm = [d for d in shown["upcoming"] if d["obligation"] == "agm"]
    assert [(d["due"], d["occurrence"]) for d in agm][:1] == [("2028-09-30", 2)]


def test_an_election_at_a_meeting_starts_the_notice_of_a_change_of_officers(tumaini, capsys):
    """Kenya, Societies Act (Cap. 108) s.17: notice of a change of officers within 14 days."""
    with _open(tumaini) as ws:
        ws.put(ws.organization.model_copy(update={"legal_form_id": "society"}))
        _hold(ws, "general", D(2026, 8, 1), ["Amani", "Baraka", "Neema", "Zawadi", "Imani", "Furaha", "Subira",
                                               "Nuru", "Upendo", "Rehema", "Pendo"], elect=True)
    status = run_json(capsys, "registration", "status", "-w", str(tumaini), "--allow-plaintext",
                      "--as-of", "2026-08-05", "--within", "30")
    notices = [(d["obligation"], d["due"]) for d in status["due_soon"]]
    assert ("notify_change_of_officers", "2026-08-15") in notices
    assert ("apply_within_28_days", "2026-06-13") in [(d["obligation"], d["due"]) for d in status["overdue"]]


# ------------------------------------------------------------------------------ the handover plan


def test_registration_status_joins_the_handover_plan_to_overdue_and_due_soon(tumaini, capsys):
    w = ["-w", str(tumaini), "--allow-plaintext", "--as-of", "2026-10-10"]
    status = run_json(capsys, "registration", "status", *w)
    assert [(d["obligation"], d["due"]) for d in status["overdue"]] == [
        ("handover_bank_signatory", BANK_SIGNATORY_DUE.isoformat())]
    assert status["due_soon"] == []
    status = run_json(capsys, "registration", "status", *w, "--within", "300")  # to 2027-08-06
    assert [(d["obligation"], d["due"]) for d in status["due_soon"]] == [
        ("handover_bookkeeping", BOOKKEEPING_DUE.isoformat())]
    code = main(["registration", "status", *w])
    text = capsys.readouterr().out
    assert code == 0 and "Overdue:\n  2026-09-30  Handover: Bank signatory:" in text


def test_a_handover_done_leaves_the_overdue_list(tumaini, capsys):
    with _open(tumaini) as ws:
        bank = next(i for i in ws.all(HandoverItem) if i.role == "bank_signatory")
        ws.put(capacity.complete_handover_item(bank, taken_over_by=bank.successor_id, on=D(2026, 9, 28),
                                               members=ws.all(Member)))
    status = run_json(capsys, "registration", "status", "-w", str(tumaini), "--allow-plaintext",
                      "--as-of", "2026-10-10")
    assert status["overdue"] == []


# ------------------------------------------------------------------------------ the calendar


def _calendar(path: Path, out: Path, as_of: str) -> list:
    assert main(["calendar", "-w", str(path), "--allow-plaintext", "--out", str(out), "--as-of", as_of]) == 0
    return icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")


def test_the_calendar_holds_the_handover_dates_by_role_only(tumaini, tmp_path, capsys):
    with _open(tumaini) as ws:
        people = [m.work_name for m in ws.all(Member)]
        partner = ws.all(HandoverItem)[0].partner_id
        ws.put(capacity.plan_handover_item(role="other", title="Neema's reporting calendar",
                                           held_by_label="Grace at the partner", due=D(2026, 12, 1),
                                           partner=ws.get(Partner, partner)))
    events = _calendar(tumaini, tmp_path / "tumaini.ics", "2026-07-01")
    capsys.readouterr()
    assert sorted((str(e["summary"]), e.decoded("dtstart")) for e in events) == [
        ("Due: Handover: Bank signatory", BANK_SIGNATORY_DUE),
        ("Due: Handover: Bookkeeping", BOOKKEEPING_DUE),
        ("Due: Handover: [name withheld]'s reporting calendar", D(2026, 12, 1)),
    ]
    text = (tmp_path / "tumaini.ics").read_text(encoding="utf-8")
    assert "finance officer" not in text and "Grace" not in text  # who holds a role today stays out
    for name in people:
        assert name not in text
    assert len({str(e["uid"]) for e in events}) == 3


def test_the_calendar_dates_the_next_agm_from_the_agm_held(harbour, tmp_path, capsys):
    _incorporated_with_an_agm(harbour, agm=False)
    first = _calendar(harbour, tmp_path / "before.ics", "2027-09-01")
    with _open(harbour) as ws:
        _hold(ws, "agm", AGM_HELD, HARBOUR_PRESENT)
    events = _calendar(harbour, tmp_path / "after.ics", "2027-09-01")
    capsys.readouterr()

    def agms(found: list) -> list[dt.date]:
        return sorted(e.decoded("dtstart") for e in found if str(e["summary"]) == "Due: Annual general meeting")

    assert agms(first)[0] == D(2028, 6, 15)
    assert agms(events)[0] == D(2028, 9, 30) and D(2028, 6, 15) not in agms(events)
