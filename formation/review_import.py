"""Turning a reviewed Word copy's comments into review notes (``formation review import``).

``formation.word_reading.read_review_copy`` reads the file (archive limits first) and finds each
comment's clause; ``import_comments`` stores the notes, all in one save, skipping formation's own
notes coming back and comments imported before.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from formation.errors import InputError
from formation.models.review import ReviewNote
from formation.review import clause_numbers, load_draft, notes_of, validated_note, version_context

if TYPE_CHECKING:
    from formation.word_reading import ReviewReading

@dataclass
class ImportReport:
    """What importing a reviewed copy did.

    Attributes:
        version: the version the copy was of.
        added: the notes made from the reviewer's comments (saved).
        placed_outside: of those, the notes from comments in no clause (``clause_id`` None),
            each with where it sat; reported so the group can deal with them.
        already_known: comments that were formation's own notes, or imported before.
        empty: comments with no text at all (not even a status word), skipped.
        tracked_changes: edits the reviewer made in the text itself (not read; see
            ``ReviewReading.tracked_changes``).
    """

    version: int
    added: list[ReviewNote] = field(default_factory=list)
    placed_outside: list[tuple[ReviewNote, str]] = field(default_factory=list)
    already_known: int = 0
    empty: int = 0
    tracked_changes: int = 0


def import_comments(
    ws,  # noqa: ANN001
    reading: ReviewReading,
    *,
    version: int,
    reviewer_role: str,
    on: _dt.date,
    keep_reviewer_names: bool = False,
    draft_id: UUID | str | None = None,
) -> ImportReport:
    """Turn the comments of a reviewed copy into review notes, all in one save.

    Each comment becomes a note on the clause it is anchored in (a comment in no clause becomes a
    note with no clause and is listed in ``placed_outside``), with the status and proposed text
    its wording gives (``comment_wording.parse_comment``; no status word means "needs change"). A
    proposal replaces the paragraphs the comment covers, the rest of the clause kept
    (``WordComment.proposed_clause``); a comment on the clause heading proposes the whole clause. The
    given role, and the comment's date (or ``on`` when it has none or a later one). formation's
    own notes coming back, and comments imported before (same clause and text), are skipped. A
    reply to a note is a new note on the same clause.

    Args:
        ws: the open workspace.
        reading: ``word_exchange.read_review_copy`` of the file.
        version: the version the copy was made of.
        reviewer_role: the role to record (``"partner-NGO lawyer"``).
        on: today's ISO date.
        keep_reviewer_names: keep each comment's author as the reviewer's name (off by default).
        draft_id: the draft (default: the workspace's only one).

    Returns:
        The ``ImportReport``.

    Raises:
        InputError: no such draft or version; the file is not a review copy of that version (none
            of its headings is one of the version's clauses: the wrong file, or a letter), naming
            the file; ``ValidationFailed`` if a comment cannot be stored (e.g. longer than 20,000
            characters), naming its number. Nothing is saved then.
    """
    if not reading.clauses_found:
        raise InputError(f"is not a review copy of v{version} of these bylaws: none of its headings is a clause of "
                         "that version (the wrong file, or another document); nothing was stored",
                         source=reading.source or None)
    draft = load_draft(ws, draft_id)
    context = version_context(ws, draft, version)
    numbers = clause_numbers(context)
    reviewed = {c["id"]: list(c["paragraphs"]) for a in context["articles"] for c in a["clauses"]}
    existing = notes_of(ws, draft)
    known_refs = {n.short_id for n in existing}
    seen = {(n.version, n.clause_id, n.comment, tuple(n.proposed_text)) for n in existing if n.origin == "word_import"}
    report = ImportReport(version=version, tracked_changes=reading.tracked_changes)
    for position, comment in enumerate(reading.comments, 1):
        content = comment.content
        if content.note_ref is not None and content.note_ref in known_refs:
            report.already_known += 1
            continue
        if not content.comment and not content.proposed_text and content.status is None:
            report.empty += 1
            continue
        proposal = comment.proposed_clause(reviewed[comment.clause_id]) if comment.clause_id is not None else []
        text = content.comment
        if content.proposed_text and comment.clause_id is None:
            text = "\n".join([text, "Proposed text:", *content.proposed_text]).strip()
        key = (version, comment.clause_id, text, tuple(proposal))
        if key in seen:
            report.already_known += 1
            continue
        seen.add(key)
        created = min(comment.date, on) if comment.date else on
        note = validated_note(
            {
                "kind": "review_note",
                "draft_id": draft.id,
                "version": version,
                "clause_id": comment.clause_id,
                "clause_number": numbers.get(comment.clause_id) if comment.clause_id else None,
                "status": content.status or "needs_change",
                "comment": text,
                "proposed_text": proposal,
                "reviewer_role": reviewer_role,
                "reviewer_name": (comment.author.strip() or None) if keep_reviewer_names else None,
                "created_on": created,
                "origin": "word_import",
            },
            f"comment {position} of the reviewed copy",
        )
        report.added.append(note)
        if note.clause_id is None:
            report.placed_outside.append((note, comment.where))
    if report.added:
        ws.put_many(report.added)
    return report


__all__ = ["ImportReport", "import_comments"]
