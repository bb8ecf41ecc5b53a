"""Review notes, proposals accepted or rejected, and the review history (issue 7, item 1)."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from formation import bylaws, review
from formation.cli import main
from formation.errors import InputError, ValidationFailed
from formation.models import ReviewNote
from formation.models.review import Resolution
from formation.versions import compare_contexts
from review_helpers import PASSPHRASE, STARTED, make_workspace

NEW_QUORUM = [
    "A general meeting is quorate when at least one third of the voting members are present.",
    "Community members must be more than half of the voting members present.",
]
ROLE = "partner-NGO lawyer"


@pytest.fixture
def ws(tmp_path: Path):
    workspace = make_workspace(tmp_path)
    yield workspace
    workspace.close()


def _note(ws, **changes):  # noqa: ANN001, ANN003, ANN202
    values = dict(clause_id="quorum", status="needs_change", comment="One third is the statutory minimum.",
                  reviewer_role=ROLE, on=_dt.date(2025, 3, 10), proposed_text=NEW_QUORUM)
    values.update(changes)
    return review.add_note(ws, **values)


# ------------------------------------------------------------------------------ notes


def test_note_records_clause_number_version_and_role_without_a_name(ws) -> None:
    note = _note(ws)
    stored = ws.get(ReviewNote, note.id)
    assert (stored.clause_id, stored.clause_number, stored.version) == ("quorum", "3.2", 1)
    assert stored.reviewer_role == ROLE and stored.reviewer_name is None
    assert stored.proposed_text == NEW_QUORUM
    assert stored.is_open and stored.has_proposal and stored.origin == "entered"


def test_note_on_a_clause_the_version_lacks_is_refused_and_nothing_is_stored(ws) -> None:
    with pytest.raises(InputError) as caught:
        _note(ws, clause_id="no_such_clause")
    assert caught.value.field == "clause"
    assert ws.all(ReviewNote) == []


def test_note_with_an_unknown_status_names_the_status_field(ws) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _note(ws, status="maybe")
    assert [field for field, _ in caught.value.problems] == ["status"]
    assert ws.all(ReviewNote) == []


def test_fine_note_is_never_open() -> None:
    note = ReviewNote(draft_id="00000000-0000-4000-8000-000000000000", version=1, clause_id="name",
                      status="fine", comment="", reviewer_role=ROLE, created_on="2025-03-10")
    assert not note.is_open


def test_rejected_resolution_cannot_name_a_new_version() -> None:
    with pytest.raises(ValidationError):
        Resolution(decision="rejected", decided_on="2025-03-12", decided_by="general meeting", new_version=2)


def test_note_outside_any_clause_cannot_propose_clause_text() -> None:
    with pytest.raises(ValidationError):
        ReviewNote(draft_id="00000000-0000-4000-8000-000000000000", version=1, clause_id=None,
                   status="needs_change", comment="x", proposed_text=["y"], reviewer_role=ROLE,
                   created_on="2025-03-10")


# ------------------------------------------------------------------------------ decisions


def test_accepting_a_proposal_makes_a_new_version_with_only_that_clause_replaced(ws) -> None:
    note = _note(ws)
    done = review.accept(ws, note.short_id, on=_dt.date(2025, 3, 12), decided_by="general meeting")
    draft = review.load_draft(ws)
    assert done.new_version == 2 and len(draft.versions) == 2
    assert draft.versions[1].based_on == 1
    assert draft.versions[1].clauses["quorum"].custom_paragraphs == NEW_QUORUM
    assert draft.versions[1].clauses["quorum"].options == draft.versions[0].clauses["quorum"].options
    assert review.clause_paragraphs(ws, draft, 2, "quorum") == NEW_QUORUM
    diff = compare_contexts(review.version_context(ws, draft, 1), review.version_context(ws, draft, 2))
    assert (diff.changed, diff.added, diff.removed) == (["quorum"], [], [])
    stored = ws.get(ReviewNote, note.id)
    assert stored.resolution.decision == "accepted"
    assert stored.resolution.new_version == 2
    assert stored.resolution.decided_on == _dt.date(2025, 3, 12)
    assert not stored.is_open
    assert "review note" in draft.versions[1].note and "[quorum]" in draft.versions[1].note


def test_accepting_a_note_without_proposed_text_leaves_the_bylaws_as_they_were(ws) -> None:
    note = _note(ws, proposed_text=())
    done = review.accept(ws, note.short_id, on=_dt.date(2025, 3, 12), decided_by="governing body")
    assert done.new_version is None
    assert len(review.load_draft(ws).versions) == 1
    assert ws.get(ReviewNote, note.id).resolution.decision == "accepted"


def test_rejecting_a_proposal_records_the_decision_and_changes_no_version(ws) -> None:
    note = _note(ws)
    review.reject(ws, str(note.id), on=_dt.date(2025, 3, 12), decided_by="general meeting",
                  reason="We keep a majority quorum.")
    stored = ws.get(ReviewNote, note.id)
    assert stored.resolution.decision == "rejected" and stored.resolution.reason == "We keep a majority quorum."
    assert len(review.load_draft(ws).versions) == 1


def test_a_decided_note_cannot_be_decided_again(ws) -> None:
    note = _note(ws)
    review.reject(ws, note.short_id, on=_dt.date(2025, 3, 12), decided_by="general meeting")
    with pytest.raises(InputError) as caught:
        review.accept(ws, note.short_id, on=_dt.date(2025, 3, 13), decided_by="general meeting")
    assert "already rejected on 2025-03-12" in str(caught.value)
    assert len(review.load_draft(ws).versions) == 1


def test_a_decision_dated_before_the_note_is_refused(ws) -> None:
    note = _note(ws)
    with pytest.raises(InputError) as caught:
        review.accept(ws, note.short_id, on=_dt.date(2025, 3, 9), decided_by="general meeting")
    assert caught.value.field == "on"
    assert ws.get(ReviewNote, note.id).resolution is None


def test_accepting_two_proposals_builds_on_the_newest_version(ws) -> None:
    first = _note(ws)
    second = _note(ws, clause_id="general_meetings", comment="Give 21 days.",
                   proposed_text=["Every member is given at least 21 days notice of a general meeting."])
    review.accept(ws, first.short_id, on=_dt.date(2025, 3, 12), decided_by="general meeting")
    done = review.accept(ws, second.short_id, on=_dt.date(2025, 3, 12), decided_by="general meeting")
    draft = review.load_draft(ws)
    assert done.new_version == 3 and draft.versions[2].based_on == 2
    assert review.clause_paragraphs(ws, draft, 3, "quorum") == NEW_QUORUM
    diff = compare_contexts(review.version_context(ws, draft, 1), review.version_context(ws, draft, 3))
    assert diff.changed == ["general_meetings", "quorum"]


def test_a_short_note_reference_is_refused(ws) -> None:
    _note(ws)
    with pytest.raises(InputError) as caught:
        review.accept(ws, "abc", on=_dt.date(2025, 3, 12), decided_by="general meeting")
    assert caught.value.field == "note"


# ------------------------------------------------------------------------------ history


def test_history_lists_versions_notes_and_decisions_in_date_order(ws) -> None:
    draft = review.load_draft(ws)
    ws.put(bylaws.submit_for_review(draft, on=_dt.date(2025, 3, 5), organization=ws.organization))
    note = _note(ws)
    review.accept(ws, note.short_id, on=_dt.date(2025, 3, 12), decided_by="general meeting")
    events = review.review_history(review.load_draft(ws), review.notes_of(ws, review.load_draft(ws)))
    assert [(e.on.isoformat(), e.what) for e in events] == [
        (STARTED.isoformat(), "version"),
        ("2025-03-05", "version"),
        ("2025-03-10", "note"),
        ("2025-03-12", "version"),
        ("2025-03-12", "decision"),
    ]
    assert events[1].text == "v1 sent for review"
    assert events[2].text == "partner-NGO lawyer on v1, 3.2 [quorum]: needs change, with proposed wording"
    assert events[4].text == f"general meeting accepted note {note.short_id}: v2 started with the proposed wording"


# ------------------------------------------------------------------------------ command line


def _run(args: list[str], capsys) -> tuple[int, str]:  # noqa: ANN001
    code = main(args)
    return code, capsys.readouterr().out


def test_cli_add_list_accept_and_history(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    make_workspace(tmp_path).close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASSPHRASE)
    base = ["--workspace", str(tmp_path / "harbour.fws")]
    code, out = _run(["review", "add", *base, "--clause", "quorum", "--status", "needs_change",
                      "--comment", "Lower it.", "--propose", NEW_QUORUM[0], "--propose", NEW_QUORUM[1],
                      "--role", ROLE, "--on", "2025-03-10", "--json"], capsys)
    assert code == 0
    added = json.loads(out)
    assert (added["clause"], added["clause_number"], added["proposed_text"]) == ("quorum", "3.2", NEW_QUORUM)

    code, out = _run(["review", "list", *base, "--open"], capsys)
    assert code == 0 and added["id"][:8] in out and "3.2 [quorum]" in out

    code, out = _run(["review", "accept", *base, added["id"][:8], "--on", "2025-03-12", "--json"], capsys)
    assert code == 0 and json.loads(out)["new_version"] == 2

    code, out = _run(["review", "list", *base, "--open", "--json"], capsys)
    assert json.loads(out) == []

    code, out = _run(["versions", "diff", *base, "1", "v2", "--json"], capsys)
    assert code == 0
    diff = json.loads(out)
    assert (diff["changed"], diff["added"], diff["removed"]) == (["quorum"], [], [])

    code, out = _run(["review", "history", *base], capsys)
    assert "general meeting accepted note" in out


def test_cli_accepting_an_unknown_note_exits_3_and_says_which_field(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    make_workspace(tmp_path).close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASSPHRASE)
    code = main(["review", "accept", "--workspace", str(tmp_path / "harbour.fws"), "deadbeef"])
    assert code == 3
    assert "note:" in capsys.readouterr().err
