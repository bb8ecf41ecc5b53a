"""The documents screen: a default folder made when missing (0700, and said so), a folder of the
person's choosing, the three export profiles, and PDF where LibreOffice is installed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, Static

from formation.documents.pdf import find_soffice
from formation.models import Member
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp

SAMPLE_NAMES = ("Kestrel", "Moana", "Juniper", "Saffron", "Wren", "Tui", "Rook")


def docx_text(path: Path) -> str:
    """Every word of a .docx (all its XML parts, tags removed)."""
    with zipfile.ZipFile(path) as archive:
        xml = " ".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml)


async def _documents(pilot) -> OptionList:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: pilot.app.session is not None, "the sample opened")
    await go_to(pilot, "documents")
    return pilot.app.screen.query_one("#documents", OptionList)


def _index(options: OptionList, label: str) -> int:
    return next(i for i in range(options.option_count) if str(options.get_option_at_index(i).prompt) == label)


async def _render(pilot, options: OptionList, label: str, *, tries: int = 1500) -> str:  # type: ignore[no-untyped-def]
    result = pilot.app.screen.query_one("#documents-result", Static)
    before = str(result.render())
    options.focus()
    options.highlighted = _index(options, label)
    await pilot.press("enter")
    await wait_for(pilot, lambda: str(result.render()) not in (before, "Rendering…")
                   and "Rendering" not in str(result.render()), f"{label} rendered", tries=tries)
    return str(result.render())


async def test_missing_default_folder_is_made_private_and_named(tmp_path: Path, monkeypatch) -> None:
    documents = tmp_path / "home" / "Documents"
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    app = FormationApp(sample_path(tmp_path), demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await _documents(pilot)
        assert app.screen.query_one("#folder", Input).value == str(documents)
        assert "does not exist yet" in str(app.screen.query_one("#folder-hint", Static).render())
        shown = await _render(pilot, options, "Bylaws (newest version)")
        assert f"Made the folder {documents} (only you can open it)." in shown
        assert f"Saved: {documents / 'bylaws.docx'}" in shown
    assert documents.stat().st_mode & 0o777 == 0o700
    assert (documents / "bylaws.docx").stat().st_mode & 0o777 == 0o600


async def test_a_folder_typed_that_does_not_exist_is_made_only_when_confirmed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path))
    chosen = tmp_path / "for the registrar"
    app = FormationApp(sample_path(tmp_path), demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await _documents(pilot)
        app.screen.query_one("#folder", Input).value = str(chosen)
        await pilot.pause()
        assert "you are asked before it is made" in str(app.screen.query_one("#folder-hint", Static).render())
        options.focus()
        options.highlighted = _index(options, "Bylaws (newest version)")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog", "the question")
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DocumentsScreen", "back")
        assert not chosen.exists()
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog", "the question again")
        await pilot.press("y")
        result = app.screen.query_one("#documents-result", Static)
        await wait_for(pilot, lambda: "Saved:" in str(result.render()), "saved", tries=1500)
    assert chosen.stat().st_mode & 0o777 == 0o700 and (chosen / "bylaws.docx").is_file()


async def test_each_export_profile_of_the_minutes_and_registers(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path))
    app = FormationApp(sample_path(tmp_path), demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await _documents(pilot)
        founding = "Minutes: Founding meeting 2026-03-14"
        assert "Saved:" in await _render(pilot, options, founding)
        assert app.screen.query_one("#profile", Select).value == "internal"
        await pilot.press("s")  # the next profile: shareable
        assert app.screen.query_one("#profile", Select).value == "shareable"
        assert "roles and aliases" in str(app.screen.query_one("#profile-hint", Static).render())
        assert "Saved:" in await _render(pilot, options, founding)
        assert "Saved:" in await _render(pilot, options, "Decisions register")
        await pilot.press("s")
        assert app.screen.query_one("#profile", Select).value == "aggregate"
        assert "Saved:" in await _render(pilot, options, founding)
        assert "Saved:" in await _render(pilot, options, "Action items")
        members = [m.work_name for m in app.session.all(Member)]
        await pilot.press("ctrl+q")
    internal = docx_text(tmp_path / "minutes-2026-03-14.docx")
    assert "Kestrel" in internal and "Moana" in internal  # the chair and the minute-taker, by work name
    for name in ("minutes-2026-03-14-shareable.docx", "decisions-register-shareable.docx",
                 "minutes-2026-03-14-aggregate.docx", "action-items-aggregate.docx"):
        text = docx_text(tmp_path / name)
        assert not [n for n in members if n in text], name
    assert "9" in docx_text(tmp_path / "minutes-2026-03-14-aggregate.docx")  # the vote, as counts


async def test_pdf_is_offered_only_with_libreoffice(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path))
    monkeypatch.setattr("wizard.screens.documents.find_soffice", lambda: None)
    app = FormationApp(sample_path(tmp_path), demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _documents(pilot)
        formats = [value for _label, value in app.screen.query_one("#format", Select)._options]
        assert formats == [".docx"]
        assert any("PDF needs LibreOffice" in str(s.render()) for s in app.screen.query(Static))


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
async def test_bylaws_as_pdf_through_libreoffice(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path))
    app = FormationApp(sample_path(tmp_path), demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await _documents(pilot)
        app.screen.query_one("#format", Select).value = ".pdf"
        app.screen.query_one("#profile", Select).value = "shareable"
        await pilot.pause()
        shown = await _render(pilot, options, "Bylaws (newest version)", tries=6000)
        assert f"Saved: {tmp_path / 'bylaws-shareable.pdf'}" in shown
    written = tmp_path / "bylaws-shareable.pdf"
    assert written.read_bytes()[:5] == b"%PDF-" and written.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".formation")] == []  # no staging left
