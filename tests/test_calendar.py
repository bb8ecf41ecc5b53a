"""The .ics export: parses back with icalendar, holds deadlines and community dates, no member names."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from formation.calendar import COMMUNITY_DATES, calendar_ics
from formation.cli import main
from formation.crypto import KdfParams
from formation.deadlines import Deadline
from formation.models import FinancialYearEnd, Member, Organization
from formation.store import Workspace

D = dt.date
WORK_NAMES = ["Kestrel", "Moana", "Juniper", "Saffron", "Wren", "Dr Ana"]


def _deadline(due=D(2025, 8, 29)):
    return Deadline("agm", "Annual general meeting", due, D(2024, 2, 29), "18 months after incorporation 2024-02-29", 1,
                    reference="Incorporated Societies Act 2022 s.84")


def _events(data: bytes):
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def test_ics_parses_back_with_one_all_day_event_per_deadline():
    events = _events(calendar_ics([_deadline(), _deadline(D(2026, 9, 30))], generated_on=D(2025, 1, 1)))
    assert [e.decoded("dtstart") for e in events] == [D(2025, 8, 29), D(2026, 9, 30)]
    assert [e.decoded("dtend") for e in events] == [D(2025, 8, 30), D(2026, 10, 1)]
    assert str(events[0]["summary"]) == "Due: Annual general meeting"
    assert "Incorporated Societies Act 2022 s.84" in str(events[0]["description"])
    assert str(events[0]["uid"]) == "agm-2025-08-29@formation.invalid"


def test_reminder_alarm_before_each_deadline():
    (event,) = _events(calendar_ics([_deadline()], generated_on=D(2025, 1, 1), reminder_days=7))
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(days=-7)


def test_community_dates_for_each_year():
    events = _events(calendar_ics([], generated_on=D(2026, 1, 1), community_years=[2026]))
    dates = {str(e["summary"]): e.decoded("dtstart") for e in events}
    assert dates == {
        "International Day to End Violence against Sex Workers": D(2026, 12, 17),
        "International Sex Worker Rights Day": D(2026, 3, 3),
        "International Sex Workers' Day": D(2026, 6, 2),
    }
    assert len(COMMUNITY_DATES) == 3


def test_reminder_days_out_of_range_is_refused():
    with pytest.raises(ValueError):
        calendar_ics([], generated_on=D(2026, 1, 1), reminder_days=400)


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    path = tmp_path / "ws.formation"
    org = Organization(name="Harbour Lights Collective", legal_context_id="nz", legal_form_id="incorporated_society",
                       incorporation_date="2024-02-29", financial_year_end=FinancialYearEnd(month=3, day=31))
    ws = Workspace.create(path, "correct horse", kdf=KdfParams(8192, 1, 1), organization=org)
    ws.put_many([Member(work_name=name) for name in WORK_NAMES])
    ws.close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", "correct horse")
    return path


def test_cli_calendar_holds_deadlines_and_no_member_or_organization_names(workspace, tmp_path):
    out = tmp_path / "deadlines.ics"
    assert main(["calendar", "--out", str(out), "--as-of", "2025-01-01", "--community-dates", "-w", str(workspace)]) == 0
    data = out.read_bytes()
    events = _events(data)
    summaries = [str(e["summary"]) for e in events]
    assert "Due: Annual general meeting" in summaries
    assert "International Sex Worker Rights Day" in summaries
    text = data.decode("utf-8")
    for name in [*WORK_NAMES, "Harbour Lights"]:
        assert name not in text
    assert out.stat().st_mode & 0o777 == 0o600


def test_cli_calendar_refuses_to_overwrite_and_needs_ics(workspace, tmp_path, capsys):
    existing = tmp_path / "old.ics"
    existing.write_bytes(b"keep")
    assert main(["calendar", "--out", str(existing), "-w", str(workspace)]) == 6
    assert "already exists" in capsys.readouterr().err
    assert existing.read_bytes() == b"keep"
    assert main(["calendar", "--out", str(tmp_path / "x.txt"), "-w", str(workspace)]) == 3
    assert "--out" in capsys.readouterr().err
