"""The bylaws editor: the clauses the legal form requires, optional clauses left out and put back,
the group's own wording, and a version sent for review."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TextArea

from formation.models import Member, Organization
from formation.models.bylaws import BylawsDraft
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp

HEAD_OFFICE = "The head office of the association is in Chiang Mai."


def _thai_association(tmp_path: Path) -> Path:
    """A plaintext workspace: a group forming an association in Thailand, no bylaws yet."""
    path = tmp_path / "thai-workspace"
    with Workspace.create(path, None, plaintext=True) as ws:
        ws.put(Organization(name="Empower Lanna", objects=["Peer support for sex workers"],
                            legal_context_id="th", legal_form_id="association"))
        for name in ("Nok", "Dao", "Fah"):
            ws.put(Member(work_name=name, community_member="yes", membership_class="voting"))
    return path


async def _message(pilot) -> str:  # type: ignore[no-untyped-def]
    await pilot.pause()
    return str(pilot.app.screen.query_one("#clause-message", Static).render())


async def test_new_draft_for_a_thai_association_includes_the_head_office_clause(tmp_path: Path) -> None:
    path = _thai_association(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the workspace opened")
        await go_to(pilot, "bylaws")
        await pilot.press("s")
        await wait_for(pilot, lambda: app.session.first(BylawsDraft) is not None, "the bylaws started")

        # the head office clause (left out of a new draft by default) is in: the form requires it
        app.screen.go_to_clause("registered_office")
        assert "Optional: press o to leave it out." in await _message(pilot)

        # the group's own wording for it
        await pilot.press("t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ClauseTextDialog", "the wording editor")
        editor = app.screen.query_one("#clause-text", TextArea)
        assert editor.text.strip(), "the editor starts from the library's text"
        editor.text = HEAD_OFFICE + "\n\nIt may move by a resolution of the general meeting."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "BylawsScreen", "the wording kept")
        assert "your own wording" in await _message(pilot)

        # an empty wording is refused beside the editor
        await pilot.press("t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ClauseTextDialog", "the wording editor again")
        app.screen.query_one("#clause-text", TextArea).text = "   \n\n  "
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#clause-text-error", Static)
        await wait_for(pilot, lambda: "at least one paragraph" in str(error.render()), "the refusal")
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "BylawsScreen", "back at the clause")
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (draft,) = ws.all(BylawsDraft)
        office = draft.latest.clauses["registered_office"]
        assert office.custom_paragraphs == [HEAD_OFFICE, "It may move by a resolution of the general meeting."]
        for required in ("name", "objects", "admission_and_leaving", "governing_body", "finances"):
            assert required in draft.latest.clauses


async def test_optional_clause_left_out_and_put_back_then_the_version_sent_for_review(tmp_path: Path) -> None:
    path = sample_path(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        await go_to(pilot, "bylaws")
        await pilot.press("ctrl+n")  # v1 is adopted: a new version to change
        await wait_for(pilot, lambda: app.session.first(BylawsDraft).latest.number == 2, "version 2")

        app.screen.go_to_clause("disputes_and_complaints")
        await pilot.press("o")
        await wait_for(pilot, lambda: "disputes_and_complaints" not in app.session.first(BylawsDraft).latest.clauses,
                       "the clause left out")
        assert "Press o to put it back" in await _message(pilot)
        assert not app.screen.query_one("#clause-parts").display

        # a required clause cannot be left out: formation says so, nothing changes
        app.screen.go_to_clause("objects")
        await pilot.press("o")
        assert "may not be left out" in await _message(pilot)
        assert "objects" in app.session.first(BylawsDraft).latest.clauses

        # put the first one back, then leave out the confidentiality clause for good
        app.screen.go_to_clause("disputes_and_complaints")
        await pilot.press("o")
        await wait_for(pilot, lambda: "disputes_and_complaints" in app.session.first(BylawsDraft).latest.clauses,
                       "the clause put back")
        app.screen.go_to_clause("confidentiality_and_safety")
        await pilot.press("o")
        await wait_for(pilot, lambda: "confidentiality_and_safety" not in app.session.first(BylawsDraft).latest.clauses,
                       "the confidentiality clause left out")

        # send version 2 for review (asks first); afterwards o, t and r are no longer offered
        await pilot.press("r")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog", "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.session.first(BylawsDraft).latest.status == "under_review", "under review")
        assert "sent for review" in await _message(pilot)
        shown = {b.binding.action for b in app.screen.active_bindings.values()}
        assert not {"leave_out_or_include", "own_wording", "send_for_review"} & shown
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (draft,) = ws.all(BylawsDraft)
        v2 = draft.latest
        assert (v2.number, v2.status) == (2, "under_review")
        assert "disputes_and_complaints" in v2.clauses and "confidentiality_and_safety" not in v2.clauses
        assert v2.frozen_text is not None
        assert draft.versions[0].status == "adopted" and "confidentiality_and_safety" in draft.versions[0].clauses
