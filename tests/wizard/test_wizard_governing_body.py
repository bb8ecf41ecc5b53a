"""The governing body and its officers, edited from the Members step; the audit badge follows."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, Select, Static

from formation.models import GoverningBody, Member
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp


def _badge(app: FormationApp) -> str:
    return str(app.screen.query_one("#audit-badge", Static).render())


async def _open_governing_body(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await wait_for(pilot, lambda: app.session is not None, "the sample opened")
    await go_to(pilot, "members")
    await pilot.press("g")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "GoverningBodyScreen", "the governing body")
    await pilot.pause()


async def _dialog(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == name, name)
    await pilot.pause()


async def test_partner_appointed_seat_makes_the_audit_community_based_until_removed(tmp_path: Path) -> None:
    path = sample_path(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_governing_body(pilot)
        seats = app.screen.query_one("#seats", DataTable)
        assert seats.row_count == 5
        assert "community-led" in _badge(app)

        # a sixth, voting seat appointed by the partner NGO, held by its staff member
        await pilot.press("a")
        await _dialog(pilot, "SeatDialog")
        app.screen.query_one("#holder", Select).value = "external"
        app.screen.query_one("#source", Select).value = "partner_appointed"
        await pilot.pause()
        app.screen.query_one("#external-holder", Input).focus()
        await pilot.press(*"Partner appointee")
        app.screen.query_one("#since", Input).value = "2026-10-01"
        await pilot.press("ctrl+s")
        await _dialog(pilot, "GoverningBodyScreen")
        await wait_for(pilot, lambda: "community-based" in _badge(app), "the badge after the partner's seat")
        assert seats.row_count == 6
        stored = app.session.first(GoverningBody).seats[5]
        assert (stored.external_holder, stored.source, stored.votes) == ("Partner appointee", "partner_appointed", True)
        assert stored.since == _dt.date(2026, 10, 1)

        # the same seat made advisory is still a partner's appointee; removing it restores the verdict
        seats.focus()
        seats.move_cursor(row=5)
        await pilot.press("e")
        await _dialog(pilot, "SeatDialog")
        assert app.screen.query_one("#external-holder", Input).value == "Partner appointee"
        app.screen.query_one("#votes", Checkbox).value = False
        await pilot.press("ctrl+s")
        await _dialog(pilot, "GoverningBodyScreen")
        await wait_for(pilot, lambda: not app.session.first(GoverningBody).seats[5].votes, "the seat made advisory")
        await pilot.press("x")
        await _dialog(pilot, "ConfirmDialog")
        await pilot.press("y")
        await wait_for(pilot, lambda: len(app.session.first(GoverningBody).seats) == 5, "the seat removed")
        await wait_for(pilot, lambda: "community-led" in _badge(app), "the badge after removing it")

        # a voting seat held by a supporter (Dr Ana) and Wren's seat left vacant: community members
        # then hold 4 of 5 filled seats, and the audit notes the vacancy
        seats.move_cursor(row=4)
        await pilot.press("e")
        await _dialog(pilot, "SeatDialog")
        app.screen.query_one("#holder", Select).value = "vacant"
        await pilot.press("ctrl+s")
        await _dialog(pilot, "GoverningBodyScreen")
        await wait_for(pilot, lambda: app.session.first(GoverningBody).seats[4].is_vacant, "Wren's seat vacant")
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (body,) = ws.all(GoverningBody)
        assert len(body.seats) == 5 and body.seats[4].is_vacant
        assert all(s.source == "general_meeting" for s in body.seats)


async def test_officers_and_the_bodys_name_are_stored(tmp_path: Path) -> None:
    path = sample_path(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_governing_body(pilot)
        by_name = {m.work_name: m.id for m in app.session.all(Member)}

        # the name: what the group calls its governing body
        name = app.screen.query_one("#body-name", Input)
        name.focus()
        await pilot.pause()
        await pilot.press("end", "ctrl+u", *"steering group", "enter")
        await wait_for(pilot, lambda: app.session.first(GoverningBody).name == "steering group", "the name kept")

        await pilot.press("2")
        officers = app.screen.query_one("#officers", DataTable)
        assert officers.row_count == 5

        # a role of the group's own needs its title
        await pilot.press("a")
        await _dialog(pilot, "OfficerDialog")
        app.screen.query_one("#role", Select).value = "other"
        app.screen.query_one("#officer-holder", Select).value = f"member:{by_name['Tui']}"
        await pilot.pause()
        await pilot.press("ctrl+s")
        title_error = app.screen.query_one("#title-error", Static)
        await wait_for(pilot, lambda: "title" in str(title_error.render()), "the missing title")
        app.screen.query_one("#title", Input).value = "Outreach coordinator"
        app.screen.query_one("#officer-since", Input).value = "2026-31-12"
        await pilot.press("ctrl+s")
        since_error = app.screen.query_one("#officer-since-error", Static)
        await wait_for(pilot, lambda: str(since_error.render()) != "", "the bad date refused")
        assert type(app.screen).__name__ == "OfficerDialog"
        app.screen.query_one("#officer-since", Input).value = "2026-12-01"
        await pilot.press("ctrl+s")
        await _dialog(pilot, "GoverningBodyScreen")
        await wait_for(pilot, lambda: officers.row_count == 6, "the new officer listed")
        assert str(officers.get_row_at(5)[0]) == "Outreach coordinator"

        # the treasurer's role held by the partner's finance officer for now: the audit says so
        officers.focus()
        treasurer = next(i for i in range(officers.row_count) if str(officers.get_row_at(i)[0]) == "Treasurer")
        officers.move_cursor(row=treasurer)
        await pilot.press("e")
        await _dialog(pilot, "OfficerDialog")
        app.screen.query_one("#officer-holder", Select).value = "external"
        await pilot.pause()
        await pilot.press("ctrl+s")
        external_error = app.screen.query_one("#officer-external-error", Static)
        await wait_for(pilot, lambda: "role" in str(external_error.render()), "the missing label")
        app.screen.query_one("#officer-external", Input).value = "Partner finance officer"
        await pilot.press("ctrl+s")
        await _dialog(pilot, "GoverningBodyScreen")
        await wait_for(pilot, lambda: "Partner finance officer" in str(officers.get_row_at(treasurer)[1]),
                       "the treasurer changed")
        await go_to(pilot, "audit")
        findings = [f.reason for f in app.screen.result.findings]
        assert any("The treasurer is held by someone outside the membership" in r for r in findings)
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (body,) = ws.all(GoverningBody)
        assert body.name == "steering group"
        own = body.officers[5]
        assert (own.role, own.title, own.member_id, own.since) == ("other", "Outreach coordinator", by_name["Tui"],
                                                                    _dt.date(2026, 12, 1))
        treasurer_record = next(o for o in body.officers if o.role == "treasurer")
        assert (treasurer_record.member_id, treasurer_record.external_holder) == (None, "Partner finance officer")
