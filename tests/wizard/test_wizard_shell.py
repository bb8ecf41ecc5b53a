"""The wizard shell: open or create a workspace, unlock it, list members, lock, crash safely."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from formation.crypto import KdfParams
from formation.models import Member, Organization
from formation.store import Workspace
from wizard.app import FormationApp
from wizard.screens.create import CreateScreen
from wizard.screens.members import MembersScreen
from wizard.screens.unlock import UnlockScreen

FAST_KDF = KdfParams(8192, 1, 1)


def _workspace_with_members(path: Path) -> None:
    org = Organization(name="Harbour Lights Collective", objects=["Peer support"], legal_context_id="nz")
    ws = Workspace.create(path, "correct horse", kdf=FAST_KDF, organization=org)
    ws.put_many([Member(work_name="Kestrel", community_member="yes"), Member(work_name="Wren")])
    ws.close()


async def _wait_for(pilot, predicate, tries: int = 100) -> None:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        await pilot.pause(0.05)
        if predicate():
            return
    raise AssertionError("the app did not reach the expected state")


async def _open_members(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await _wait_for(pilot, lambda: app.session is not None)
    app.go_to("members")
    await _wait_for(pilot, lambda: isinstance(app.screen, MembersScreen))


async def test_unlock_lists_members_by_work_name(tmp_path: Path) -> None:
    path = tmp_path / "workspace"
    _workspace_with_members(path)
    app = FormationApp(path)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, UnlockScreen)
        assert "Harbour" not in app.title
        await pilot.click("#passphrase")
        await pilot.press(*"correct horse", "enter")
        await _open_members(pilot, app)
        table = app.screen.query_one("#members-table", DataTable)
        names = sorted(str(table.get_row_at(i)[0]) for i in range(table.row_count))
        assert names == ["Kestrel", "Wren"]
        assert app.title == "formation"


async def test_wrong_passphrase_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "workspace"
    _workspace_with_members(path)
    app = FormationApp(path)
    async with app.run_test() as pilot:
        await pilot.click("#passphrase")
        await pilot.press(*"wrong words", "enter")
        message = app.screen.query_one("#passphrase-error", Static)
        await _wait_for(pilot, lambda: "does not open" in str(message.render()))
        assert isinstance(app.screen, UnlockScreen)
        assert app.session is None


async def test_create_then_add_member_is_saved_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "new-workspace"
    app = FormationApp(path, kdf=FAST_KDF)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, CreateScreen)
        await pilot.click("#passphrase")
        await pilot.press(*"long enough words", "tab")
        await pilot.press(*"long enough words", "enter")
        await _open_members(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Moana", "enter")
        await _open_members(pilot, app)
        await _wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved)
        await pilot.press("ctrl+q")
    assert b"Moana" not in path.read_bytes()
    with Workspace.open(path, "long enough words") as ws:
        assert [m.work_name for m in ws.all(Member)] == ["Moana"]


async def test_plaintext_sample_shows_not_encrypted_banner(tmp_path: Path) -> None:
    path = tmp_path / "sample"
    ws = Workspace.create(path, None, plaintext=True, organization=Organization(name="Harbour Lights Collective"))
    ws.close()
    app = FormationApp(path, demo=True)
    async with app.run_test() as pilot:
        await _open_members(pilot, app)
        banner = app.screen.query_one("#plaintext-banner", Static)
        assert "NOT ENCRYPTED" in str(banner.render())
        assert app.screen.get_widget_at(2, 0)[0] is banner  # on top, not hidden under another bar


async def test_lock_drops_the_session_and_asks_again(tmp_path: Path) -> None:
    path = tmp_path / "workspace"
    _workspace_with_members(path)
    app = FormationApp(path)
    async with app.run_test() as pilot:
        await pilot.click("#passphrase")
        await pilot.press(*"correct horse", "enter")
        await _open_members(pilot, app)
        session = app.session
        await pilot.press("ctrl+l")
        await _wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen) and not session.is_open)
        assert app.session is None
        assert not app.screen.query(DataTable)


async def test_inactivity_locks_the_workspace(tmp_path: Path) -> None:
    path = tmp_path / "workspace"
    _workspace_with_members(path)
    app = FormationApp(path, lock_after=0.0)
    async with app.run_test() as pilot:
        await pilot.click("#passphrase")
        await pilot.press(*"correct horse", "enter")
        await _wait_for(pilot, lambda: app.session is not None)
        app._check_idle()
        await _wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen))
        assert app.session is None


async def test_crash_report_shows_no_member_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "workspace"
    _workspace_with_members(path)
    app = FormationApp(path)
    with pytest.raises(RuntimeError):
        async with app.run_test() as pilot:
            await pilot.click("#passphrase")
            await pilot.press(*"correct horse", "enter")
            await _open_members(pilot, app)
            secret_name = "Kestrel"

            def explode() -> None:
                local_member = secret_name  # noqa: F841 - a local a default traceback would print
                raise RuntimeError(f"boom {secret_name}")

            app.call_later(explode)
            await pilot.pause(0.2)
    report = capsys.readouterr().err
    assert "RuntimeError" in report
    assert "values hidden" in report
    assert "Kestrel" not in report
    assert "boom" not in report
    assert app.return_code == 1
    assert app.session is None
