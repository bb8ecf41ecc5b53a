"""``formation review ...``: lawyer review of the bylaws.

- ``review export --out FILE.docx [--age]``: the review copy for a lawyer, each open note a Word
  comment; the version sent goes "under review" (its text is frozen) unless ``--keep-draft``.
- ``review import FILE.docx``: the reviewer's Word comments become notes on their clauses.
- ``review list|add|accept|reject|history``: the notes and the group's decisions.

``formation versions diff`` is in ``formation.cli.versions``.

Only the standard library and ``formation.cli.common`` / ``formation.errors`` are imported here;
everything else inside the commands, so ``formation --help`` stays quick.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
from pathlib import Path
from typing import Any

from formation.cli.common import (
    EXIT_CODES_HELP,
    Formatter,
    add_json_argument,
    add_workspace_argument,
    emit,
    iso_date,
    open_workspace,
)
from formation.errors import InputError

AGE_PASSPHRASE_ENV = "FORMATION_AGE_PASSPHRASE"
STATUSES = ("fine", "needs_change", "not_allowed_in_context")


def parse_version(value: str) -> int:
    """Read a version argument (``2`` or ``v2``) as a number (argparse type)."""
    text = value.strip().lower().lstrip("v")
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError("must be a version number such as 2 or v2")
    return int(text)


def review_parser(sub: Any, name: str, help_text: str, description: str | None = None) -> argparse.ArgumentParser:
    """A subcommand parser with the workspace options and ``--draft``."""
    p = sub.add_parser(name, help=help_text, description=description or help_text,
                       epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_workspace_argument(p)
    p.add_argument("--draft", help="the bylaws draft's id (only when the workspace holds several)")
    return p


def _on(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--on", type=iso_date, default=None, help=f"the date {what} (YYYY-MM-DD; default today)")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``formation review ...``."""
    review = sub.add_parser(
        "review",
        help="lawyer review of the bylaws: notes, Word copies, decisions",
        description=(
            "A reviewer (for example a partner-NGO lawyer) comments on clauses: fine, needs change, or not "
            "allowed in this legal context, possibly with new wording. The group accepts or rejects each "
            "proposal; accepting starts a new bylaws version with that clause's text replaced."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    rsub = review.add_subparsers(dest="review_command", metavar="ACTION", required=True)

    p = review_parser(rsub, "export", "write a review copy (.docx) for a reviewer, open notes as Word comments",
                "Write a review copy of a bylaws version: each clause shows its reference ([quorum]) and "
                "each open note is a Word comment on its clause. The copy holds no member names (checked "
                "before writing). The version sent goes 'under review' (its text is frozen) unless "
                "--keep-draft. With --age the file is encrypted for the standard 'age' tool; the "
                f"passphrase is made up and printed (or read from ${AGE_PASSPHRASE_ENV}); give it to the "
                "reviewer another way than the file.")
    p.add_argument("--out", type=Path, required=True, help="the file to write (its name becomes a safe slug)")
    p.add_argument("--version", type=parse_version, default=None, help="the version to send (default: the newest)")
    p.add_argument("--keep-draft", action="store_true", help="do not mark the version 'under review'")
    p.add_argument("--age", action="store_true", help="encrypt the copy with age (passphrase mode): FILE.docx.age")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file of that name")
    _on(p, "of sending")
    add_json_argument(p)
    p.set_defaults(func=cmd_export)

    p = review_parser(rsub, "import", "read a reviewed copy's Word comments back onto their clauses",
                "Read the comments of a reviewed copy (a .docx, or an .age file the reviewer encrypted "
                f"with the same passphrase: ${AGE_PASSPHRASE_ENV} or a prompt). Each comment becomes a "
                "note on the clause it is anchored in; a comment outside every clause is kept as a note "
                "on the whole document and reported. The file is checked for size and shape first; on "
                "any problem nothing changes.")
    p.add_argument("file", type=Path, help="the reviewed .docx (or .age)")
    p.add_argument("--version", type=parse_version, default=None,
                   help="the version the copy was made of (default: read from the copy's cover)")
    p.add_argument("--role", default="reviewer", help="the reviewer's role, e.g. 'partner-NGO lawyer' (default: reviewer)")
    p.add_argument("--keep-reviewer-names", action="store_true",
                   help="keep the comment authors' names (by default only the role is kept)")
    _on(p, "of the import")
    add_json_argument(p)
    p.set_defaults(func=cmd_import)

    p = review_parser(rsub, "list", "list the review notes")
    p.add_argument("--open", action="store_true", help="only the notes not yet decided")
    add_json_argument(p)
    p.set_defaults(func=cmd_list)

    p = review_parser(rsub, "history", "the draft's history: versions, notes and decisions, by date")
    add_json_argument(p)
    p.set_defaults(func=cmd_history)

    p = review_parser(rsub, "add", "record a reviewer's note on a clause")
    p.add_argument("--clause", default=None, help="the clause id, e.g. quorum (omit for the document as a whole)")
    p.add_argument("--status", choices=STATUSES, required=True,
                   help="fine, needs_change, or not_allowed_in_context (not allowed in this legal context)")
    p.add_argument("--comment", required=True, help="the comment")
    p.add_argument("--propose", action="append", default=[], metavar="PARAGRAPH",
                   help="proposed wording for the whole clause; repeat for each paragraph")
    p.add_argument("--role", required=True, help="the reviewer's role, e.g. 'partner-NGO lawyer'")
    p.add_argument("--name", default=None, help="the reviewer's name (only if the group wants it kept)")
    p.add_argument("--version", type=parse_version, default=None, help="the version reviewed (default: the newest)")
    _on(p, "of the note")
    add_json_argument(p)
    p.set_defaults(func=cmd_add)

    for action, text in (("accept", "accept a note's proposal (a new version with the proposed wording)"),
                         ("reject", "reject a note's proposal")):
        p = review_parser(rsub, action, text)
        p.add_argument("note", help="the note's id (at least its first 8 characters)")
        p.add_argument("--by", default="general meeting", help="who decided, as a role (default: general meeting)")
        p.add_argument("--reason", default=None, help="why")
        _on(p, "of the decision")
        add_json_argument(p)
        p.set_defaults(func=cmd_accept if action == "accept" else cmd_reject)


# ------------------------------------------------------------------------------ helpers


def _today(args: argparse.Namespace) -> _dt.date:
    return getattr(args, "on", None) or _dt.date.today()


def note_summary(note: Any) -> dict[str, Any]:
    """A review note as JSON for the command line."""
    resolution = note.resolution
    return {
        "id": str(note.id),
        "version": note.version,
        "clause": note.clause_id,
        "clause_number": note.clause_number,
        "status": note.status,
        "comment": note.comment,
        "proposed_text": list(note.proposed_text),
        "reviewer_role": note.reviewer_role,
        "reviewer_name": note.reviewer_name,
        "created_on": note.created_on.isoformat(),
        "origin": note.origin,
        "open": note.is_open,
        "resolution": None if resolution is None else {
            "decision": resolution.decision,
            "decided_on": resolution.decided_on.isoformat(),
            "decided_by": resolution.decided_by,
            "reason": resolution.reason,
            "new_version": resolution.new_version,
        },
    }


def _note_line(note: Any) -> str:
    from formation.models.review import STATUS_LABELS

    where = f"{note.clause_number} [{note.clause_id}]" if note.clause_id else "(whole document)"
    state = "open" if note.is_open else (note.resolution.decision if note.resolution else "noted")
    proposal = " +wording" if note.has_proposal else ""
    first = note.comment.splitlines()[0] if note.comment else ""
    if len(first) > 60:
        first = first[:57] + "..."
    return f"{note.short_id}  v{note.version}  {where:28} {STATUS_LABELS[note.status]:12.12} {state:8}{proposal}  {first}"


def _age_passphrase(*, confirm: bool) -> tuple[str, bool]:
    """The age passphrase from the environment, or (export) a new one, or (import) a prompt."""
    value = os.environ.get(AGE_PASSPHRASE_ENV)
    if value:
        return value, False
    if confirm:
        from formation.word_exchange import new_reviewer_passphrase

        return new_reviewer_passphrase(), True
    if not sys.stdin.isatty():
        raise InputError(f"the file is age-encrypted: set {AGE_PASSPHRASE_ENV} or run in a terminal", field="passphrase")
    import getpass

    value = getpass.getpass("Passphrase of the encrypted copy: ")
    if not value:
        raise InputError("the passphrase must not be empty", field="passphrase")
    return value, False


# ------------------------------------------------------------------------------ commands


def cmd_export(args: argparse.Namespace) -> int:
    """Write the review copy."""
    from formation import bylaws, review
    from formation.safe_export import export_checked
    from formation.word_exchange import encrypt_for_reviewer, review_copy_docx

    on = _today(args)
    with open_workspace(args) as ws:
        draft = review.load_draft(ws, args.draft)
        target = bylaws.version_of(draft, args.version)
        submit = target.status == "draft" and not args.keep_draft
        if submit:
            draft = bylaws.submit_for_review(draft, on=on, organization=review.organization_of(ws), version=target.number)
        context = review.version_context(ws, draft, target.number)
        numbers = review.clause_numbers(context)
        notes = [n for n in review.notes_of(ws, draft, open_only=True) if n.clause_id is None or n.clause_id in numbers]
        data = review_copy_docx(context, notes)
        passphrase, generated = (None, False)
        encrypted = None
        if args.age:
            passphrase, generated = _age_passphrase(confirm=True)
            encrypted = encrypt_for_reviewer(data, passphrase)
        path = export_checked(ws, data, args.out, what="review copy", overwrite=args.overwrite,
                              suffix=".docx.age" if args.age else ".docx", encrypted=encrypted)
        if submit:
            ws.put(draft)
    result = {
        "path": str(path),
        "version": target.number,
        "marked_under_review": submit,
        "comments": len(notes),
        "encrypted": bool(args.age),
        "passphrase": passphrase if generated else None,
    }

    def text() -> str:
        lines = [f"Wrote the review copy of v{target.number} to {path} ({len(notes)} open note(s) as comments)."]
        if submit:
            lines.append(f"v{target.number} is now under review; its text will not change.")
        if args.age:
            lines.append("It is encrypted with age; the reviewer opens it with: age -d -o copy.docx " + path.name)
            if generated:
                lines.append(f"Passphrase (give it to the reviewer another way, not with the file): {passphrase}")
        return "\n".join(lines)

    emit(args, result, text)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Read a reviewed copy's comments into notes."""
    from formation import bylaws, review
    from formation.documents import read_docx_file
    from formation.review_import import import_comments
    from formation.word_exchange import AGE_MAGIC, copy_version, decrypt_from_reviewer, read_review_copy

    on = _today(args)
    source = str(args.file)
    data = read_docx_file(args.file)
    if data.startswith(AGE_MAGIC):
        passphrase, _ = _age_passphrase(confirm=False)
        data = decrypt_from_reviewer(data, passphrase, source=source)
    with open_workspace(args) as ws:
        draft = review.load_draft(ws, args.draft)
        version = args.version
        if version is None:
            version = copy_version(data, source=source)
            if version is None:
                raise InputError("the copy's cover does not say its version; give --version N", field="--version")
        bylaws.version_of(draft, version)
        context = review.version_context(ws, draft, version)
        reading = read_review_copy(data, context, source=source)
        report = import_comments(ws, reading, version=version, reviewer_role=args.role, on=on,
                                        keep_reviewer_names=args.keep_reviewer_names, draft_id=args.draft)
    result = {
        "version": version,
        "added": [note_summary(n) for n in report.added],
        "outside_clauses": [{"id": str(n.id), "where": where} for n, where in report.placed_outside],
        "already_known": report.already_known,
        "empty": report.empty,
        "tracked_changes": report.tracked_changes,
    }

    def text() -> str:
        lines = [f"Read {len(report.added)} new comment(s) from the review of v{version}."]
        lines.extend("  " + _note_line(n) for n in report.added)
        for note, where in report.placed_outside:
            lines.append(f"Note {note.short_id} was on {where}, not on a clause: it is kept as a note on the whole document.")
        if report.already_known:
            lines.append(f"{report.already_known} comment(s) were already known (formation's own notes or imported before).")
        if report.empty:
            lines.append(f"{report.empty} empty comment(s) skipped.")
        if report.tracked_changes:
            lines.append(
                f"The copy also holds {report.tracked_changes} tracked change(s) in the text; formation reads comments "
                "only: ask the reviewer to put proposed wording in a comment ('Proposed text: ...')."
            )
        return "\n".join(lines)

    emit(args, result, text)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List the notes."""
    from formation import review

    with open_workspace(args) as ws:
        draft = review.load_draft(ws, args.draft)
        notes = review.notes_of(ws, draft, open_only=args.open)
    emit(args, [note_summary(n) for n in notes],
         lambda: "\n".join(_note_line(n) for n in notes) if notes else "No review notes.")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """Print the review history."""
    from formation import review

    with open_workspace(args) as ws:
        draft = review.load_draft(ws, args.draft)
        events = review.review_history(draft, review.notes_of(ws, draft))
    data = [{"on": e.on.isoformat(), "what": e.what, "version": e.version, "text": e.text,
             "note": str(e.note_id) if e.note_id else None} for e in events]
    emit(args, data, lambda: "\n".join(f"{e.on.isoformat()}  {e.text}" for e in events))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """Add a note."""
    from formation import review

    with open_workspace(args) as ws:
        note = review.add_note(ws, clause_id=args.clause, status=args.status, comment=args.comment,
                               reviewer_role=args.role, reviewer_name=args.name, on=_today(args),
                               proposed_text=args.propose, version=args.version, draft_id=args.draft)
    emit(args, note_summary(note), f"Added note {note.short_id}:\n  {_note_line(note)}")
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    """Accept a proposal."""
    from formation import review

    with open_workspace(args) as ws:
        done = review.accept(ws, args.note, on=_today(args), decided_by=args.by, reason=args.reason, draft_id=args.draft)
    note = done.note

    def text() -> str:
        if done.new_version is None:
            return f"Accepted note {note.short_id}. It proposed no wording, so the bylaws did not change."
        lines = [
            f"Accepted note {note.short_id}: v{done.new_version} started with the proposed wording for "
            f"{note.clause_number} [{note.clause_id}].",
            "The clause's choices did not change: if the new wording changes what the clause decides, set the "
            "matching choice too ('formation bylaws set').",
        ]
        if done.clause_changed_since_review:
            lines.append("The clause had changed since the reviewed version; the proposal replaced the newer text.")
        return "\n".join(lines)

    emit(args, {**note_summary(note), "new_version": done.new_version,
                "clause_changed_since_review": done.clause_changed_since_review}, text)
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    """Reject a proposal."""
    from formation import review

    with open_workspace(args) as ws:
        note = review.reject(ws, args.note, on=_today(args), decided_by=args.by, reason=args.reason, draft_id=args.draft)
    emit(args, note_summary(note), f"Rejected note {note.short_id}; the bylaws did not change.")
    return 0
