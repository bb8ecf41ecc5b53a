"""The consultant overview: several workspaces, each opened with its own passphrase, and not one
member name on the screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from formation.models import Member, Organization
from formation.store import Workspace
from partner_helpers import TODAY, names_in, screen_text, shown, tumaini_app, tumaini_path  # type: ignore[import-not-found]
from wizard_helpers import FAST_KDF, go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp

PASSPHRASES = ("tumaini has its own words", "harbour lights keeps another", "a third group's secret")
NEW_GROUP = ("Asha", "Bina", "Chandni", "Durga", "Esha")


def _three_workspaces(tmp_path: Path) -> list[Path]:
    """Tumaini (founded, partner-supported), Harbour Lights (registering) and a new group
    (gathering), each encrypted with its own passphrase."""
    tumaini = tumaini_path(tmp_path, passphrase=PASSPHRASES[0])
    plain = sample_path(tmp_path)
    harbour = tmp_path / "harbour"
    with Workspace.open(plain, None, allow_plaintext=True) as source, \
            Workspace.create(harbour, PASSPHRASES[1], kdf=FAST_KDF) as target:
        target.put_many([r for records in source.records().values() for r in records])
    plain.unlink()
    new = tmp_path / "new-group"
    with Workspace.create(new, PASSPHRASES[2], kdf=FAST_KDF,
                          organization=Organization(name="Mitra Savings Cooperative", legal_context_id="in")) as ws:
        ws.put_many([Member(work_name=n, community_member="yes") for n in NEW_GROUP])
    return [tumaini, harbour, new]


def _work_names(paths: list[Path]) -> list[str]:
    names: list[str] = []
    for path, passphrase in zip(paths, PASSPHRASES):
        with Workspace.open(path, passphrase) as ws:
            names += [m.work_name for m in ws.all(Member)]
    return names


async def _add(pilot, path: Path, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("a")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "OpenWorkspaceDialog", "the workspace form")
    app.screen.query_one("#overview-path", Input).value = str(path)
    app.screen.query_one("#overview-passphrase", Input).focus()
    await pilot.press(*passphrase, "enter")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "the workspace read")


async def test_overview_of_three_workspaces_shows_their_stages_and_no_member_name(tmp_path: Path) -> None:
    paths = _three_workspaces(tmp_path)
    names = _work_names(paths)
    assert len(names) == 22 + 14 + 5
    app = FormationApp(None)
    app.clock = lambda: TODAY
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen).__name__ == "StartScreen"
        await pilot.press("ctrl+o")  # before any workspace is opened
        await wait_for(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "the overview")
        for path, passphrase in zip(paths, PASSPHRASES):
            await _add(pilot, path, passphrase)
        table = app.screen.query_one("#overview-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[:2] for r in rows] == [["Tumaini Peer Network", "Founded"],
                                         ["Harbour Lights Collective", "Registering"],
                                         ["Mitra Savings Cooperative", "Gathering"]]
        assert [r[2] for r in rows] == ["community-led", "community-led", "not audited yet"]
        assert rows[0][3:] == ["0 +2 late", "1 late"]  # an action item and the bank signatory handover overdue
        assert rows[1][3:] == ["1", "—"]
        seen = []
        for row in range(3):
            table.move_cursor(row=row)
            await pilot.pause()
            seen.append(screen_text(app) + "\n" + shown(app.screen.query_one("#overview-details")))
        assert "Power audit: community-led, 0 findings" in seen[0]
        assert "Next registration step: Apply to the PBO Regulatory Authority" in seen[0]
        assert "OVERDUE Handover: Bank signatory" in seen[0]
        assert "2026-09-30  Bank signatory (held today by the partner's finance officer)" in seen[0]
        assert "Dates still needed: the incorporation date" in seen[1]
        assert names_in("\n".join(seen), names) == []
        assert app.session is None
    # every workspace was closed again once read: each opens now (no lock left behind)
    for path, passphrase in zip(paths, PASSPHRASES):
        Workspace.open(path, passphrase).close()


async def test_a_workspace_does_not_open_with_another_ones_passphrase(tmp_path: Path) -> None:
    paths = _three_workspaces(tmp_path)
    app = FormationApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "the overview")
        await _add(pilot, paths[0], PASSPHRASES[0])
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "OpenWorkspaceDialog", "the workspace form")
        app.screen.query_one("#overview-path", Input).value = str(paths[1])
        app.screen.query_one("#overview-passphrase", Input).focus()
        await pilot.press(*PASSPHRASES[0], "enter")  # the first workspace's passphrase
        error = app.screen.query_one("#overview-passphrase-error", Static)
        await wait_for(pilot, lambda: "does not open" in shown(error), "the refusal")
        assert app.screen.query_one("#overview-passphrase", Input).value == ""
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "back")
        assert app.screen.query_one("#overview-table", DataTable).row_count == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StartScreen", "the first screen again")


async def test_overview_from_the_palette_includes_the_open_workspace_without_member_names(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        await go_to(pilot, "partners")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommandPalette", "the command palette")
        await pilot.press(*"Consultant overview")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "the overview")
        table = app.screen.query_one("#overview-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the open workspace read")
        assert str(table.get_row_at(0)[0]) == "Tumaini Peer Network"
        names = [m.work_name for m in app.session.all(Member)]
        assert names_in(screen_text(app) + shown(app.screen.query_one("#overview-details")), names) == []
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PartnersScreen", "back to the step")
        assert app.session is not None and app.session.is_open


def test_snapshot_overview_of_three_groups(snap_compare, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Reviewed baseline in ``__snapshots__/test_overview_screen/``."""
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    paths = _three_workspaces(tmp_path)
    app = FormationApp(None)
    app.clock = lambda: TODAY

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "the overview")
        for path, passphrase in zip(paths, PASSPHRASES):
            await _add(pilot, path, passphrase)
        await pilot.press("up", "up")
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
