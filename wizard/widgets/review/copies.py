"""The review screen's file work, run in thread workers: the review copy, a reviewed copy read
back, the redline. Each calls formation as ``formation review export|import`` and ``formation
versions diff --out`` do, and returns what the screen reports.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formation.models.bylaws import BylawsDraft
from wizard.dialogs.review_copy import ExportRequest, ImportRequest
from wizard.i18n import _, ngettext


@dataclass(frozen=True)
class ExportResult:
    """What a file export did.

    Attributes:
        path: the file written.
        what: ``"review copy"`` or ``"redline"``.
        version: the version sent (review copy), or None.
        comments: how many open notes went into it as Word comments.
        draft: the draft with the version now under review, to store, or None.
        passphrase: the made-up age passphrase to give the reviewer another way, or None.
    """

    path: Path
    what: str
    version: int | None = None
    comments: int = 0
    draft: BylawsDraft | None = None
    passphrase: str | None = None


def review_copy_path(request: ExportRequest) -> Path:
    """The file the review copy of ``request`` is written to (for the replace question)."""
    from formation.documents.export import safe_slug

    suffix = ".docx.age" if request.encrypt else ".docx"
    return request.folder / f"{safe_slug(f'review-copy-v{request.version}')}{suffix}"


def write_review_copy(session: Any, request: ExportRequest, *, on: _dt.date, overwrite: bool) -> ExportResult:
    """Write the review copy (``formation.word_exchange.review_copy_docx`` through
    ``formation.safe_export.export_checked``); the draft is not stored here (the caller does).

    Raises:
        InputError / DocumentError: as formation (no such version; a member's name in the copy;
            the file exists; the disk refused).
    """
    from formation import bylaws, review
    from formation.safe_export import export_checked
    from formation.word_exchange import encrypt_for_reviewer, new_reviewer_passphrase, review_copy_docx

    draft = review.load_draft(session)
    target = bylaws.version_of(draft, request.version)
    submitted = None
    if request.mark_under_review and target.status == "draft":
        submitted = bylaws.submit_for_review(draft, on=on, organization=review.organization_of(session),
                                             version=target.number)
        draft = submitted
    context = review.version_context(session, draft, target.number)
    numbers = review.clause_numbers(context)
    notes = [n for n in review.notes_of(session, draft, open_only=True) if n.clause_id is None or n.clause_id in numbers]
    data = review_copy_docx(context, notes)
    passphrase = encrypted = None
    if request.encrypt:
        passphrase = new_reviewer_passphrase()
        encrypted = encrypt_for_reviewer(data, passphrase)
    out = review_copy_path(request)
    path = export_checked(session, data, out, what="review copy", overwrite=overwrite,
                          suffix=".docx.age" if request.encrypt else ".docx", encrypted=encrypted)
    return ExportResult(path, "review copy", target.number, len(notes), submitted, passphrase)


def write_redline(session: Any, diff: Any, target: Path, *, overwrite: bool) -> ExportResult:
    """Write the redline .docx of a comparison (``formation.redline.redline_docx``).

    Raises:
        DocumentError: as ``formation.safe_export.export_checked``.
    """
    from formation.redline import redline_docx
    from formation.safe_export import export_checked

    data = redline_docx(diff)
    return ExportResult(export_checked(session, data, target, what="redline", overwrite=overwrite), "redline")


def read_reviewed_copy(session: Any, request: ImportRequest, *, on: _dt.date) -> Any:
    """Read a reviewed copy's Word comments into notes, all in one change of the session.

    Returns:
        ``formation.review_import.ImportReport``.

    Raises:
        InputError / DocumentError: the file is too big or not a .docx, the passphrase is missing
            or wrong, the copy does not say its version, no such version; nothing changes then.
    """
    from formation import bylaws, review
    from formation.documents import read_docx_file
    from formation.errors import InputError
    from formation.review_import import import_comments
    from formation.word_exchange import AGE_MAGIC, copy_version, decrypt_from_reviewer, read_review_copy

    source = request.file.name
    data = read_docx_file(request.file)
    if data.startswith(AGE_MAGIC):
        if not request.passphrase:
            raise InputError(_("the file is encrypted with age: type its passphrase"), field="passphrase")
        data = decrypt_from_reviewer(data, request.passphrase, source=source)
    draft = review.load_draft(session)
    version = copy_version(data, source=source)
    if version is None:
        raise InputError(_("the copy's cover does not say which version it is; was it written by formation?"),
                         field="version")
    bylaws.version_of(draft, version)
    context = review.version_context(session, draft, version)
    reading = read_review_copy(data, context, source=source)
    return import_comments(session, reading, version=version, reviewer_role=request.reviewer_role or "reviewer",
                           on=on, keep_reviewer_names=request.keep_names)


def export_message(result: ExportResult) -> str:
    """Where the file went, and what to do next."""
    if result.what == "redline":
        return _("Saved: {path}").format(path=str(result.path))
    message = _("Saved the review copy of v{n}: {path} ({comments}).").format(
        n=result.version, path=str(result.path),
        comments=ngettext("{n} open note as a comment", "{n} open notes as comments", result.comments).format(
            n=result.comments))
    if result.draft is not None:
        message += " " + _("v{n} is now under review; its text will not change.").format(n=result.version)
    if result.passphrase:
        message += " " + _("Passphrase for the reviewer (give it another way, not with the file): {p}").format(
            p=result.passphrase)
    return message


def import_message(report: Any) -> str:
    """What reading a reviewed copy did."""
    parts = [ngettext("Read {n} new comment from the review of v{v}.", "Read {n} new comments from the review of v{v}.",
                      len(report.added)).format(n=len(report.added), v=report.version)]
    if report.placed_outside:
        parts.append(ngettext("{n} was not on a clause; it is kept as a note on the whole document.",
                              "{n} were not on a clause; they are kept as notes on the whole document.",
                              len(report.placed_outside)).format(n=len(report.placed_outside)))
    if report.already_known:
        parts.append(ngettext("{n} was already known.", "{n} were already known.", report.already_known).format(
            n=report.already_known))
    if report.tracked_changes:
        parts.append(_("The copy also has tracked changes in the text, which are not read: ask the reviewer to "
                       "put proposed wording in a comment."))
    return " ".join(parts)
