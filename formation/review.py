"""Lawyer review of a bylaws draft: notes on clauses, proposals accepted or rejected, history.

A reviewer (a partner-NGO lawyer, a network's adviser) says of a clause of one bylaws version
that it is fine, needs a change, or is not allowed in the group's legal context, with a comment
and possibly the wording they propose (``add_note``, or ``import_comments`` from a reviewed Word
copy, ``formation.review_import``). The group decides on each proposal: ``accept`` starts a new bylaws version from the newest
one with that clause's text replaced by the proposal (``formation.bylaws.set_custom_text``);
``reject`` records the decision. Nothing is ever deleted: the notes, their decisions and the
draft's versions together are the review history (``review_history``, from
``formation.review_history``). Shareable exports go through ``formation.safe_export``.

Operations take an open ``formation.store.Workspace`` and save everything they change in one
atomic save; a refused change leaves the workspace as it was. Dates are parameters (no clock).
Errors name the field at fault and never repeat comment text.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from pydantic import ValidationError

from formation.errors import InputError, from_validation_error
from formation.models.bylaws import BylawsDraft
from formation.models.review import Resolution, ReviewNote

if TYPE_CHECKING:
    from formation.models.organization import Organization

SOURCE = "review"


# ------------------------------------------------------------------------------ lookups


def load_draft(ws, draft_id: UUID | str | None = None) -> BylawsDraft:  # noqa: ANN001
    """The workspace's bylaws draft.

    Args:
        ws: the open workspace.
        draft_id: the draft's id (or its first 8 characters); None when the workspace holds one.

    Raises:
        InputError: there is no draft yet, several and no id given, or none with that id.
    """
    drafts = ws.all(BylawsDraft)
    if draft_id is not None:
        ref = str(draft_id).strip()
        matches = [d for d in drafts if str(d.id) == ref or (len(ref) >= 8 and str(d.id).startswith(ref))]
        if len(matches) != 1:
            raise InputError("no bylaws draft has this id (or several start with it)", field="draft")
        return matches[0]
    if not drafts:
        raise InputError("there is no bylaws draft yet; start one with 'formation bylaws new'", field="draft")
    if len(drafts) > 1:
        raise InputError("the workspace holds several bylaws drafts; say which with --draft ID", field="draft")
    return drafts[0]


def organization_of(ws) -> Organization:  # noqa: ANN001
    """The workspace's organization record.

    Raises:
        InputError: the workspace has none yet.
    """
    organization = ws.organization
    if organization is None:
        raise InputError("the workspace has no organization yet; set it up first", field="organization")
    return organization


def legal_checked_on(organization: Organization) -> str:
    """The date the organization's legal information was last checked, for the document cover.

    Returns:
        The oldest ``checked_on`` among the sources of the organization's legal context (so the
        whole context is at least that fresh), as an ISO date; ``"unknown"`` when no context is
        chosen or it cannot be loaded.
    """
    if not organization.legal_context_id:
        return "unknown"
    try:
        from formation.contexts import load_context

        context = load_context(organization.legal_context_id)
    except Exception:  # noqa: BLE001 - the cover then honestly says "unknown"
        return "unknown"
    dates = [source.checked_on for source in context.sources.values()]
    return min(dates).isoformat() if dates else "unknown"


def version_context(ws, draft: BylawsDraft, version: int | None = None) -> dict[str, Any]:  # noqa: ANN001
    """The render context of one version (``formation.bylaws.render_context``) for this workspace."""
    from formation.bylaws import render_context

    organization = organization_of(ws)
    return render_context(draft, version, organization=organization, checked_on=legal_checked_on(organization))


def diff_versions(ws, draft: BylawsDraft, before: int, after: int) -> Any:  # noqa: ANN001
    """Compare two versions of the workspace's draft clause by clause.

    Returns:
        A ``formation.version_diff.VersionDiff`` (``.changed``, ``.added``, ``.removed``,
        ``.clauses``; ``formation.redline.diff_text`` / ``redline_docx`` render it).

    Raises:
        InputError: no such version.
    """
    from formation.versions import compare_contexts

    return compare_contexts(version_context(ws, draft, before), version_context(ws, draft, after))


def clause_numbers(context: dict[str, Any]) -> dict[str, str]:
    """``{clause id: number}`` of a render context (``{"quorum": "3.2"}``)."""
    return {c["id"]: str(c["number"]) for a in context["articles"] for c in a["clauses"]}


def notes_of(ws, draft: BylawsDraft, *, open_only: bool = False) -> list[ReviewNote]:  # noqa: ANN001
    """The draft's review notes, oldest first (by date, then version, then clause number).

    Args:
        ws: the open workspace.
        draft: the bylaws draft.
        open_only: only the notes the group has not decided on (``ReviewNote.is_open``).
    """
    notes = [n for n in ws.all(ReviewNote) if n.draft_id == draft.id and (n.is_open or not open_only)]
    return sorted(notes, key=lambda n: (n.created_on, n.version, _number_key(n.clause_number)))


def _number_key(number: str | None) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".")) if number else (0,)


def find_note(notes: Iterable[ReviewNote], ref: str) -> ReviewNote:
    """The note whose id is ``ref`` or starts with it (at least 8 characters).

    Raises:
        InputError: no note, or several, match.
    """
    ref = ref.strip().lower()
    if len(ref) < 8:
        raise InputError("give at least the first 8 characters of the note's id", field="note")
    matches = [n for n in notes if str(n.id).startswith(ref)]
    if not matches:
        raise InputError("no review note of this draft has this id ('formation review list' shows them)", field="note")
    if len(matches) > 1:
        raise InputError("several notes start with this id; give more characters", field="note")
    return matches[0]


# ------------------------------------------------------------------------------ notes


def validated_note(data: dict[str, Any], source: str) -> ReviewNote:
    """Validate a review note's fields (``ValidationFailed`` naming each field, never a value)."""
    try:
        return ReviewNote.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc, source=source) from None


def add_note(
    ws,  # noqa: ANN001
    *,
    clause_id: str | None,
    status: str,
    comment: str,
    reviewer_role: str,
    on: _dt.date,
    proposed_text: Sequence[str] = (),
    reviewer_name: str | None = None,
    version: int | None = None,
    draft_id: UUID | str | None = None,
) -> ReviewNote:
    """Record a reviewer's note on a clause of a bylaws version.

    Args:
        ws: the open workspace.
        clause_id: the clause's id (``"quorum"``); it must be in the version. None for a remark
            on the document as a whole.
        status: ``"fine"``, ``"needs_change"`` or ``"not_allowed_in_context"``.
        comment: the comment.
        reviewer_role: the reviewer's role (``"partner-NGO lawyer"``).
        on: the ISO date of the note.
        proposed_text: the proposed wording of the whole clause, one paragraph each (optional).
        reviewer_name: the reviewer's name, only if the group wants it kept.
        version: the version reviewed (default: the newest).
        draft_id: the draft (default: the workspace's only one).

    Returns:
        The stored ``ReviewNote``.

    Raises:
        InputError: no such draft, version or clause in that version (field ``clause``);
            ``ValidationFailed`` for a bad status, empty role, or text with control characters.
    """
    draft = load_draft(ws, draft_id)
    context = version_context(ws, draft, version)
    number = _require_clause(context, clause_id)
    note = validated_note(
        {
            "kind": "review_note",
            "draft_id": draft.id,
            "version": int(context["document"]["version"].lstrip("v")),
            "clause_id": clause_id,
            "clause_number": number,
            "status": status,
            "comment": comment,
            "proposed_text": [" ".join(p.split()) for p in proposed_text if p.strip()],
            "reviewer_role": reviewer_role,
            "reviewer_name": reviewer_name,
            "created_on": on,
        },
        SOURCE,
    )
    ws.put(note)
    return note


def _require_clause(context: dict[str, Any], clause_id: str | None) -> str | None:
    if clause_id is None:
        return None
    numbers = clause_numbers(context)
    if clause_id not in numbers:
        raise InputError(
            f"is not a clause of bylaws {context['document']['version']} ('formation bylaws show' lists them)",
            field="clause",
        )
    return numbers[clause_id]


@dataclass(frozen=True)
class Acceptance:
    """What accepting a proposal did.

    Attributes:
        note: the note, with its resolution.
        draft: the bylaws draft, with the new version when one was made.
        new_version: the number of the new version, or None (the note proposed no text).
        clause_changed_since_review: True when the clause's text in the version the new one was
            started from differs from the text the reviewer read (the proposal replaces it anyway;
            the group should check).
    """

    note: ReviewNote
    draft: BylawsDraft
    new_version: int | None
    clause_changed_since_review: bool = False


def _resolution(note: ReviewNote, decision: str, on: _dt.date, decided_by: str, reason: str | None,
                new_version: int | None) -> ReviewNote:
    if note.resolution is not None:
        raise InputError(
            f"this note was already {note.resolution.decision} on {note.resolution.decided_on.isoformat()}",
            field="note",
        )
    data = note.model_dump(mode="python")
    data["resolution"] = {
        "decision": decision,
        "decided_on": on,
        "decided_by": decided_by,
        "reason": reason,
        "new_version": new_version,
    }
    return validated_note(data, SOURCE)


def accept(
    ws,  # noqa: ANN001
    note_ref: str,
    *,
    on: _dt.date,
    decided_by: str,
    reason: str | None = None,
    draft_id: UUID | str | None = None,
) -> Acceptance:
    """Accept a note's proposal.

    When the note proposes text, a new bylaws version is started from the newest version and
    the clause's text in it is replaced by the proposal (``formation.bylaws.new_version`` and
    ``set_custom_text``); the clause's choices stay as they were, so if the new wording changes
    what the clause decides (the quorum, a notice period) the group changes the matching choice
    too. A note without proposed text is marked accepted and the bylaws do not change.

    Args:
        ws: the open workspace.
        note_ref: the note's id or its first 8+ characters.
        on: the ISO date of the decision.
        decided_by: who decided, as a role (``"general meeting"``, ``"governing body"``).
        reason: why (optional).
        draft_id: the draft (default: the workspace's only one).

    Returns:
        The ``Acceptance``; the note and the draft are saved together in one save.

    Raises:
        InputError: no such note; it was already decided; its clause is not in the newest
            version (include it first); ``on`` is before the note.
    """
    from formation import bylaws

    draft = load_draft(ws, draft_id)
    note = find_note(notes_of(ws, draft), note_ref)
    _check_date(note, on)
    if not note.has_proposal:
        decided = _resolution(note, "accepted", on, decided_by, reason, None)
        ws.put(decided)
        return Acceptance(decided, draft, None)
    latest = draft.latest
    if note.clause_id not in latest.clauses:
        raise InputError(
            f"clause {note.clause_id!r} is left out of v{latest.number}; include it again before accepting",
            field="note",
        )
    reviewed = clause_paragraphs(ws, draft, note.version, note.clause_id)
    current = clause_paragraphs(ws, draft, latest.number, note.clause_id)
    description = (
        f"Accepted the {note.reviewer_role}'s wording for clause {note.clause_number or ''} "
        f"[{note.clause_id}] (review note {note.short_id})."
    )
    updated = bylaws.new_version(draft, on=on, from_version=latest.number, note=description)
    number = updated.latest.number
    updated = bylaws.set_custom_text(updated, note.clause_id, list(note.proposed_text), version=number)
    decided = _resolution(note, "accepted", on, decided_by, reason, number)
    ws.put_many([updated, decided])
    return Acceptance(decided, updated, number, clause_changed_since_review=reviewed != current)


def reject(
    ws,  # noqa: ANN001
    note_ref: str,
    *,
    on: _dt.date,
    decided_by: str,
    reason: str | None = None,
    draft_id: UUID | str | None = None,
) -> ReviewNote:
    """Reject a note's proposal (or the note itself): the decision is recorded, nothing else changes.

    Raises:
        InputError: no such note; it was already decided; ``on`` is before the note.
    """
    draft = load_draft(ws, draft_id)
    note = find_note(notes_of(ws, draft), note_ref)
    _check_date(note, on)
    decided = _resolution(note, "rejected", on, decided_by, reason, None)
    ws.put(decided)
    return decided


def _check_date(note: ReviewNote, on: _dt.date) -> None:
    if on < note.created_on:
        raise InputError(f"is before the note's date ({note.created_on.isoformat()})", field="on")


def clause_paragraphs(ws, draft: BylawsDraft, version: int, clause_id: str) -> list[str] | None:  # noqa: ANN001
    """The paragraphs of one clause in one version, or None when the version lacks it."""
    context = version_context(ws, draft, version)
    for article in context["articles"]:
        for clause in article["clauses"]:
            if clause["id"] == clause_id:
                return list(clause["paragraphs"])
    return None


from formation.review_history import HistoryEvent, review_history  # noqa: E402 (re-exported)

__all__ = [
    "Acceptance",
    "HistoryEvent",
    "Resolution",
    "accept",
    "add_note",
    "clause_numbers",
    "clause_paragraphs",
    "diff_versions",
    "find_note",
    "legal_checked_on",
    "load_draft",
    "notes_of",
    "organization_of",
    "reject",
    "review_history",
    "validated_note",
    "version_context",
]
