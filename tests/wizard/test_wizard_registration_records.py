"""The registration plan: deadlines fed from the meetings and the handover plan, deadlines met and
dated events recorded, the incorporation date typed about the group."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static

from formation import capacity, meetings
from formation.models import Member
from formation.models.registration_progress import RegistrationProgress
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp

AS_OF = _dt.date(2027, 10, 1)
INCORPORATED = _dt.date(2026, 5, 4)


def _sample(tmp_path: Path, *, incorporated: bool = True, agm_held: bool = False) -> Path:
    """The sample, incorporated on 4 May 2026, with a handover plan: the bookkeeping, held by a
    volunteer accountant, passes to a member by 15 January 2027."""
    path = sample_path(tmp_path)
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        if incorporated:
            ws.put(ws.organization.model_copy(update={"incorporation_date": INCORPORATED}))
        ws.put(capacity.plan_handover_item(role="bookkeeping", held_by="consultant",
                                           held_by_label="a volunteer accountant", due=_dt.date(2027, 1, 15)))
        if agm_held:
            agm = meetings.new_meeting(ws, meeting_kind="agm", date=_dt.date(2027, 9, 20))
            meetings.attend(ws, agm.id, [m.id for m in ws.all(Member)], "in_person")
            meetings.close_meeting(ws, agm.id)
    return path


def _app(path: Path) -> FormationApp:
    app = FormationApp(path, demo=True)
    app.clock = lambda: AS_OF
    return app


def _rows(app: FormationApp, table_id: str) -> list[tuple[str, ...]]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def _deadlines(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: pilot.app.session is not None, "the sample opened")
    await go_to(pilot, "registration")
    await pilot.press("2")
    await pilot.pause()


async def test_deadlines_count_from_the_agm_held_and_list_the_handover_plan(tmp_path: Path) -> None:
    app = _app(_sample(tmp_path, agm_held=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await _deadlines(pilot)
        rows = _rows(app, "reg-deadlines")
        # the bookkeeping handover was due on 15 January: overdue
        assert ("2027-01-15", "Handover: Bookkeeping", "OVERDUE") in rows
        # the AGM held on 20 September 2027 (closed, quorate) meets the first AGM deadline
        # (18 months after incorporation: 2027-11-04); the next is 6 months after the balance date
        assert not any(r[0] == "2027-11-04" for r in rows)
        assert ("2028-09-30", "Annual general meeting", "later") in rows
        assert ("2027-09-30", "Annual return and financial statements", "OVERDUE") in rows

        # a handover is not "met" here: it is done in the handover plan
        table = app.screen.query_one("#reg-deadlines", DataTable)
        table.move_cursor(row=rows.index(("2027-01-15", "Handover: Bookkeeping", "OVERDUE")))
        await pilot.press("m")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegistrationScreen"


async def test_deadline_met_and_event_recorded_are_stored(tmp_path: Path) -> None:
    path = _sample(tmp_path)
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _deadlines(pilot)
        rows = _rows(app, "reg-deadlines")
        annual_return = ("2027-09-30", "Annual return and financial statements", "OVERDUE")
        assert annual_return in rows and ("2027-11-04", "Annual general meeting", "soon") in rows

        # the annual return was filed on 28 September: m, the date, a reference to the proof
        table = app.screen.query_one("#reg-deadlines", DataTable)
        table.move_cursor(row=rows.index(annual_return))
        await pilot.press("m")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ObligationMetDialog", "the form")
        app.screen.query_one("#done-on", Input).value = "2027-02-30"
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#done-on-error", Static)
        await wait_for(pilot, lambda: str(error.render()) != "", "the impossible date refused")
        app.screen.query_one("#done-on", Input).value = "2027-09-28"
        app.screen.query_one("#evidence", Input).value = "filing receipt in the minute book"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "RegistrationScreen", "back at the plan")
        await wait_for(pilot, lambda: annual_return not in _rows(app, "reg-deadlines"), "the deadline met")

        # an AGM held on 20 September, recorded by hand: the first AGM deadline is met by it
        await pilot.press("e")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "EventDialog", "the event form")
        assert app.screen.query_one("#event", Select).value == "agm"
        app.screen.query_one("#event-on", Input).value = "2027-09-20"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "RegistrationScreen", "back at the plan")
        await wait_for(pilot, lambda: not any(r[0] == "2027-11-04" for r in _rows(app, "reg-deadlines")),
                       "the AGM deadline met by the event")

        await pilot.press("3")
        await pilot.pause()
        recorded = _rows(app, "reg-recorded")
        assert recorded[0] == ("2027-09-28", "Annual return and financial statements (due 2027-09-30)", "deadline met")
        assert recorded[1] == ("2027-09-20", "Annual general meeting held", "event")
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (progress,) = ws.all(RegistrationProgress)
        (met,) = progress.obligations_met
        assert (met.obligation_id, met.due_on, met.done_on) == ("annual_return_and_financial_statements",
                                                                _dt.date(2027, 9, 30), _dt.date(2027, 9, 28))
        assert met.evidence == ["filing receipt in the minute book"]
        (event,) = progress.events
        assert (event.event, event.on) == ("agm", _dt.date(2027, 9, 20))
        assert [s.status for s in progress.steps if s.step_id == "apply_to_registrar"] == ["submitted"]


async def test_incorporation_date_typed_about_the_group_dates_the_deadlines(tmp_path: Path) -> None:
    path = _sample(tmp_path, incorporated=False)
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _deadlines(pilot)
        hint = str(app.screen.query_one("#deadlines-hint", Static).render())
        assert "cannot be dated without the incorporation date" in hint
        assert not any(r[0] == "2027-11-04" for r in _rows(app, "reg-deadlines"))

        await go_to(pilot, "about")
        app.screen.query_one("#incorporated-on", Input).focus()
        await pilot.pause()
        await pilot.press(*INCORPORATED.isoformat(), "tab")
        await wait_for(pilot, lambda: app.session.organization.incorporation_date == INCORPORATED, "the date kept")

        await _deadlines(pilot)
        assert ("2027-11-04", "Annual general meeting", "soon") in _rows(app, "reg-deadlines")
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        assert ws.organization.incorporation_date == INCORPORATED
