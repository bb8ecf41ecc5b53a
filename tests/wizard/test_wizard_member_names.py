"""The member form keeps the register's work-name rule through formation.membership: one current
member per work name (compared as formation compares them), a member's own name kept on edit, a
former member's name free again."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from formation.models import Member
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp


async def _form(pilot, key: str = "a") -> None:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "MemberDialog", "the member form")
    await pilot.pause()


async def test_work_name_differing_only_in_case_and_spaces_is_refused(tmp_path: Path) -> None:
    path = sample_path(tmp_path)
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        rook = next(m for m in ws.all(Member) if m.work_name == "Rook")
        ws.put(rook.model_copy(update={"left_on": _dt.date(2026, 8, 1)}))
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        await go_to(pilot, "members")
        await _form(pilot)
        app.screen.query_one("#work-name", Input).value = "  kestrel "
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#work-name-error", Static)
        await wait_for(pilot, lambda: "already uses this work name" in str(error.render()), "the refusal")
        assert "kestrel" not in str(error.render()).lower()  # the message does not repeat the name

        # Rook left in August: a new member may take the name
        app.screen.query_one("#work-name", Input).value = "Rook"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MembersScreen", "the new Rook kept")

        # editing Kestrel and keeping the name is fine
        table = app.screen.query_one("#members-table", DataTable)
        table.focus()
        table.move_cursor(row=next(i for i in range(table.row_count) if str(table.get_row_at(i)[0]) == "Kestrel"))
        await _form(pilot, "e")
        app.screen.query_one("#joined-on", Input).value = "2026-03-01"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MembersScreen", "Kestrel kept")
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        names = [m.work_name.strip().casefold() for m in ws.all(Member)]
        assert names.count("kestrel") == 1 and names.count("rook") == 2
        kestrel = next(m for m in ws.all(Member) if m.work_name == "Kestrel")
        assert kestrel.joined_on == _dt.date(2026, 3, 1)
