"""Documents say where they went; a later meeting approves the previous minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from formation.models.meetings import Meeting
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp


@pytest.fixture
def documents_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A documents folder of the test's own (the default is the person's Documents folder)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder))
    return folder


async def test_rendered_bylaws_are_saved_and_the_screen_says_where(tmp_path: Path, documents_folder: Path) -> None:
    app = FormationApp(sample_path(tmp_path), demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        await go_to(pilot, "documents")
        assert app.screen.query_one("#folder").value == str(documents_folder)
        options = app.screen.query_one("#documents", OptionList)
        options.focus()
        options.highlighted = 0  # the bylaws
        await pilot.press("enter")
        result = app.screen.query_one("#documents-result", Static)
        await wait_for(pilot, lambda: "Saved:" in str(result.render()), "the document saved", tries=1500)
        written = documents_folder / "bylaws.docx"
        assert str(written) in str(result.render())
        assert written.stat().st_size > 5000 and written.stat().st_mode & 0o777 == 0o600
        before = written.read_bytes()

        # rendering again asks before replacing the file; "keep it" leaves it untouched
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog", "the question")
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DocumentsScreen", "back")
        assert written.read_bytes() == before


async def test_later_meeting_approves_the_previous_minutes(tmp_path: Path) -> None:
    path = sample_path(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        previous = next(m for m in app.session.all(Meeting) if m.meeting_kind == "general")
        assert previous.minutes.status == "draft"
        await go_to(pilot, "meetings")
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "NewMeetingDialog", "the new meeting form")
        await pilot.press("end", "ctrl+u", *"2026-10-10", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingScreen", "the meeting")
        table = app.screen.query_one("#attendance")
        table.focus()
        await pilot.press("ctrl+a")  # everyone present
        await wait_for(pilot, lambda: "● QUORATE" in str(app.screen.query_one("#quorum").render()), "a quorum")
        await pilot.press("r")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ApproveMinutesDialog", "the approval form")
        await pilot.press(*"Item 2: the event is on 17 December", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingScreen", "approved")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        approved = ws.get(Meeting, previous.id)
        assert approved.minutes.status == "approved" and approved.minutes.as_corrected
        assert approved.minutes.corrections == "Item 2: the event is on 17 December"
