"""The review and versions screen: a reviewer's note accepted into a new version, two versions
compared clause by clause, the redline, and the exchange with Word."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static, TextArea

from formation import review
from formation.models.bylaws import BylawsDraft
from formation.models.review import ReviewNote
from formation.store import Workspace
from partner_helpers import TODAY, shown, tumaini_app  # type: ignore[import-not-found]
from wizard_helpers import go_to, wait_for  # type: ignore[import-not-found]

PROPOSAL = "General meetings are called with at least 21 days' written notice to every member."


@pytest.fixture
def documents_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A documents folder of the test's own (the default is the person's Documents folder)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder))
    return folder


async def _opened(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: pilot.app.session is not None, "the sample opened")
    await go_to(pilot, "review")


def _first_clause_with_text(path: Path) -> tuple[str, str]:
    """A clause of the sample's v2 that v1 and v2 word alike: ``(id, number)``."""
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        draft = review.load_draft(ws)
        context = review.version_context(ws, draft, 2)
    clause = next(c for a in context["articles"] for c in a["clauses"] if c["id"] == "general_meetings")
    return clause["id"], str(clause["number"])


async def test_review_note_added_and_accepted_starts_a_new_version_with_the_proposed_wording(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    path = app.workspace_path
    clause_id, number = _first_clause_with_text(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewNoteDialog", "the note form")
        dialog = app.screen
        dialog.query_one("#note-clause", Select).value = clause_id
        dialog.query_one("#note-comment", TextArea).focus()
        await pilot.press(*"Give members three weeks to arrange safe travel.")
        dialog.query_one("#note-proposal", TextArea).focus()
        await pilot.press(*PROPOSAL)
        dialog.query_one("#reviewer-role", Input).focus()
        await pilot.press(*"partner-NGO lawyer", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", "the note kept")
        table = app.screen.query_one("#notes-table", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == ["v2", f"{number} {clause_id}", "Needs change", "open"]
        assert PROPOSAL in shown(app.screen.query_one("#note-details"))

        await pilot.press("y")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DecideNoteDialog", "the decision form")
        await pilot.press("enter")  # decided by the general meeting
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", "accepted")
        assert "bylaws v3 was started with the proposed wording" in shown(app.screen.query_one("#review-result"))
        assert [str(c) for c in table.get_row_at(0)][3] == "accepted"
        # the comparison now shows v2 against v3: exactly the clause the note was on
        summary = shown(app.screen.query_one("#diff-summary"))
        assert f"Changed (1): {number} " in summary and f"[{clause_id}]" in summary
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "saved")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (draft,) = ws.all(BylawsDraft)
        (note,) = ws.all(ReviewNote)
        assert [v.number for v in draft.versions] == [1, 2, 3]
        assert draft.latest.based_on == 2 and draft.latest.status == "draft"
        assert review.clause_paragraphs(ws, draft, 3, clause_id) == [PROPOSAL]
    assert (note.resolution.decision, note.resolution.new_version, note.resolution.decided_on) == ("accepted", 3, TODAY)
    assert note.resolution.decided_by == "general meeting" and note.reviewer_role == "partner-NGO lawyer"


async def test_note_form_refuses_an_empty_reviewer_role_beside_the_field(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewNoteDialog", "the note form")
        app.screen.query_one("#note-comment", TextArea).text = "Unclear."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewNoteDialog"
        assert shown(app.screen.query_one("#reviewer-role-error", Static))
        assert not app.session.all(ReviewNote)


async def test_diff_of_two_versions_lists_exactly_the_clauses_that_changed(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot)
        await pilot.press("2")
        expected = review.diff_versions(app.session, review.load_draft(app.session), 1, 2)
        assert expected.changed == ["governing_body", "partners_and_advisors"] and not expected.added
        summary = shown(app.screen.query_one("#diff-summary"))
        assert summary.splitlines()[0] == (
            "Changed (2): 4.1 The governing body [governing_body]; 5.1 Partners and advisors [partners_and_advisors]")
        body = shown(app.screen.query_one("#diff-body"))
        headings = [line for line in body.splitlines() if line.startswith(("Changed:", "Added:", "Removed:"))]
        assert headings == ["Changed: 4.1 The governing body [governing_body]",
                            "Changed: 5.1 Partners and advisors [partners_and_advisors]"]
        assert "The board has [-7-]{+5+} seats. At least [-4-]{+5+} seats are reserved" in body
        assert "  - [-A partner named in a written partnership agreement appoints 3 members" in body
        assert "  + {+A partner or advisor has no vote, no veto" in body
        # the same version twice: nothing changed
        app.screen.query_one("#after", Select).value = "1"
        await pilot.pause()
        assert shown(app.screen.query_one("#diff-summary")).startswith("v1 and v1 have the same clauses and text.")


async def test_redline_is_saved_as_a_docx_with_tracked_changes(tmp_path: Path, documents_folder: Path) -> None:
    app = tumaini_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot)
        await pilot.press("2", "w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SaveToFolderDialog", "the folder question")
        await pilot.press("enter")
        result = app.screen.query_one("#review-result", Static)
        await wait_for(pilot, lambda: "Saved:" in shown(result), "the redline saved", tries=1500)
        written = documents_folder / "redline-v1-v2.docx"
        assert str(written) in shown(result)
    with zipfile.ZipFile(written) as docx:
        body = docx.read("word/document.xml").decode()
    assert "<w:ins " in body and "<w:del " in body and "[governing_body]" in body


def _comment_on(data: bytes, paragraph_start: str, text: str) -> bytes:
    """Add a Word comment with python-docx, as a lawyer would in Word: select a paragraph, comment."""
    from docx import Document

    document = Document(io.BytesIO(data))
    paragraph = next(p for p in document.paragraphs if p.text.startswith(paragraph_start))
    document.add_comment(paragraph.runs, text=text, author="A. Lawyer", initials="AL")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


async def test_review_copy_goes_out_and_the_lawyers_comments_come_back_on_their_clauses(
        tmp_path: Path, documents_folder: Path) -> None:
    app = tumaini_app(tmp_path)
    path = app.workspace_path
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot)
        await pilot.press("x")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ExportCopyDialog", "the export form")
        await pilot.press("enter")
        result = app.screen.query_one("#review-result", Static)
        await wait_for(pilot, lambda: "Saved the review copy of v2" in shown(result), "the copy written", tries=1500)
        copy = documents_folder / "review-copy-v2.docx"
        assert str(copy) in shown(result)

        data = _comment_on(copy.read_bytes(), "The board has 5 seats", "Needs change: say how seats are filled.")
        data = _comment_on(data, "A partner or advisor has no vote", "Fine: this is what the host agreed.")
        reviewed = documents_folder / "reviewed.docx"
        reviewed.write_bytes(data)

        await pilot.press("i")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ImportCopyDialog", "the import form")
        app.screen.query_one("#copy-file", Input).value = str(reviewed)
        app.screen.query_one("#copy-role", Input).value = "partner-NGO lawyer"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", "the copy read", tries=1500)
        assert "Read 2 new comments from the review of v2." in shown(result)
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "saved")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        notes = {n.clause_id: n for n in ws.all(ReviewNote)}
    assert set(notes) == {"governing_body", "partners_and_advisors"}
    assert notes["governing_body"].status == "needs_change"
    assert notes["partners_and_advisors"].status == "fine"
    assert all(n.reviewer_role == "partner-NGO lawyer" and n.reviewer_name is None for n in notes.values())


# ---------------------------------------------------------------------------- snapshots (80x24)
def _at(*keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _opened(pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.2)

    return run_before


class TestSnapshots:
    """Reviewed baselines in ``__snapshots__/test_review_screen/``."""

    @pytest.fixture(autouse=True)
    def _no_animation(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")

    def test_two_versions_compared(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(tumaini_app(tmp_path), terminal_size=(80, 24), run_before=_at("2"))

    def test_note_form(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(tumaini_app(tmp_path), terminal_size=(80, 24), run_before=_at("a"))


async def test_rejecting_a_note_records_the_decision_and_changes_no_bylaws(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    path = app.workspace_path
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot)
        review.add_note(app.session, clause_id="governing_body", status="needs_change", comment="Keep 7 seats.",
                        reviewer_role="partner-NGO lawyer", on=TODAY, proposed_text=["The board has 7 seats."])
        app.changed()
        app.screen.reload()
        await pilot.press("r")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DecideNoteDialog", "the decision form")
        app.screen.query_one("#decided-by", Input).value = "governing body"
        app.screen.query_one("#reason", Input).value = "all seats stay with community members"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", "rejected")
        assert [str(c) for c in app.screen.query_one("#notes-table", DataTable).get_row_at(0)][3] == "rejected"
        history = app.screen.query_one("#history-table", DataTable)
        assert any("governing body rejected note" in str(history.get_row_at(i)[2]) for i in range(history.row_count))
        await pilot.press("y")  # a decided note is not decided again
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "saved")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (draft,) = ws.all(BylawsDraft)
        (note,) = ws.all(ReviewNote)
    assert [v.number for v in draft.versions] == [1, 2]
    assert (note.resolution.decision, note.resolution.decided_by, note.resolution.new_version) == (
        "rejected", "governing body", None)
