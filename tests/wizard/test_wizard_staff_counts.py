"""Paid staff counts: kept from the about-the-group screen and read by the power audit."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from formation.models import StaffCount
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp


def _staff_row(app: FormationApp) -> str:
    table = app.screen.query_one("#criteria", DataTable)
    rows = [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
    return next(row for row in rows if "staff are sex workers" in row)


async def test_staff_counts_typed_about_the_group_are_stored_and_audited(tmp_path: Path) -> None:
    path = sample_path(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        # the sample records no staff: RUF's staff criterion is unknown
        await go_to(pilot, "audit")
        assert "staff not recorded" in _staff_row(app)

        await go_to(pilot, "about")
        app.screen.query_one("#staff-total", Input).focus()
        await pilot.press(*"4", "tab", "0", "tab")
        await wait_for(pilot, lambda: app.session.organization.staff == StaffCount(total=4, community=0),
                       "the staff counts kept")

        # more community staff than staff: the error shows and the last valid counts stay
        app.screen.query_one("#staff-community", Input).focus()
        await pilot.pause()
        await pilot.press("end", "ctrl+u", "5", "tab")
        error = app.screen.query_one("#staff-community-error", Static)
        await wait_for(pilot, lambda: "cannot be more than the total" in str(error.render()), "the field's error")
        assert app.session.organization.staff == StaffCount(total=4, community=0)
        app.screen.query_one("#staff-community", Input).focus()
        await pilot.pause()
        await pilot.press("end", "ctrl+u", "x")
        await wait_for(pilot, lambda: "whole number" in str(app.screen.query_one("#staff-community-error").render()),
                       "the whole-number error")
        await pilot.press("end", "ctrl+u", "0", "tab")

        # the audit reads the stored counts: 0 of 4 staff are community members, below RUF's 33%
        await go_to(pilot, "audit")
        row = _staff_row(app)
        assert "0 of 4 staff are community members" in row and "FAIL" in row
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        assert ws.organization.staff == StaffCount(total=4, community=0)


async def test_emptying_both_staff_fields_records_staff_as_not_recorded(tmp_path: Path) -> None:
    path = sample_path(tmp_path)
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        ws.put(ws.organization.model_copy(update={"staff": StaffCount(total=2, community=2)}))
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        await go_to(pilot, "about")
        assert app.screen.query_one("#staff-total", Input).value == "2"
        for widget_id in ("staff-total", "staff-community"):
            app.screen.query_one(f"#{widget_id}", Input).focus()
            await pilot.pause()
            await pilot.press("end", "ctrl+u")
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.session.organization.staff is None, "staff no longer recorded")
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        assert ws.organization.staff is None
