"""Documents say where they went; a later meeting approves the previous minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from formation.models import Member
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


async def test_entrenched_amendment_vote_asks_how_community_members_voted(tmp_path: Path) -> None:
    path = sample_path(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        await go_to(pilot, "meetings")
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "NewMeetingDialog", "the new meeting form")
        await pilot.press("end", "ctrl+u", *"2026-10-10", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingScreen", "the meeting")
        meeting_id = app.screen.meeting_id
        app.screen.query_one("#attendance").focus()
        await pilot.press("ctrl+a")
        await pilot.press("m")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MotionDialog", "the motion form")
        await pilot.press(*"That clause 3.1 be amended as circulated")
        by_name = {m.work_name: m.id for m in app.session.all(Member)}
        app.screen.query_one("#mover").value = by_name["Kestrel"]
        app.screen.query_one("#seconder").value = by_name["Moana"]
        app.screen.query_one("#decision-kind").value = "amend_entrenched"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingScreen", "the motion moved")
        await pilot.press("v")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "VoteDialog", "the vote form")
        assert app.screen.query("#community-in-favour"), "the form asks how community members voted"
        # 8 for, 4 against (community members 7-4): 67%, short of three-quarters
        await pilot.press("8", "tab", "4", "tab", "0", "tab", "7", "tab", "4")
        tally = app.screen.query_one("#tally", Static)
        await wait_for(pilot, lambda: "LOST" in str(tally.render()), "the live tally")
        # counts that cannot be (12 votes, only 1 of the voters present is not a community member,
        # yet 2 of the votes are not community votes) are refused beside the counts
        for widget_id, value in (("in-favour", "10"), ("against", "2"), ("community-in-favour", "9"),
                                 ("community-against", "1")):
            app.screen.query_one(f"#{widget_id}").value = value
        await pilot.press("enter")
        error = app.screen.query_one("#votes-error", Static)
        await wait_for(pilot, lambda: "not recorded as community members" in str(error.render()), "the refusal")
        assert type(app.screen).__name__ == "VoteDialog"
        for widget_id, value in (("in-favour", "11"), ("against", "1"), ("community-in-favour", "10"),
                                 ("community-against", "1")):
            app.screen.query_one(f"#{widget_id}").value = value
        await wait_for(pilot, lambda: "CARRIED" in str(tally.render()), "the live tally after correcting")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingScreen", "the vote recorded")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (motion,) = ws.get(Meeting, meeting_id).motions
        assert motion.result == "carried"
        assert (motion.vote.in_favour, motion.vote.against) == (11, 1)
        assert (motion.vote.community_in_favour, motion.vote.community_against) == (10, 1)


async def test_member_form_refuses_a_second_current_member_with_the_same_work_name(tmp_path: Path) -> None:
    path = sample_path(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        await go_to(pilot, "members")
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MemberDialog", "the member form")
        await pilot.press(*"Kestrel", "enter")
        error = app.screen.query_one("#work-name-error", Static)
        await wait_for(pilot, lambda: "already uses this work name" in str(error.render()), "the field's error")
        assert type(app.screen).__name__ == "MemberDialog"
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        assert [m.work_name for m in ws.all(Member)].count("Kestrel") == 1
