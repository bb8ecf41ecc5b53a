"""Exchange with Word: a review copy of the bylaws goes out, the reviewer's comments come back.

**The review copy** is the bylaws document (``render_bylaws_docx``) with three additions:

- a note at the top telling the reviewer how to comment (``REVIEW_GUIDANCE``);
- each clause heading shows its stable id after the title (``"4.2  Quorum [quorum]"``) next to
  the Word bookmark the layout already puts on it (``clause_bookmark_name``). Word and
  LibreOffice keep a bookmark while its text is edited or restyled; the visible reference also
  survives retyping, copying into another file, or an editor that drops bookmarks;
- each open review note is a Word comment anchored from the clause's heading to the end of its
  last paragraph, authored by the reviewer's role (a name only if the group recorded one).

It is scrubbed like every export, except that its comments are kept (``keep_comments=True``).

**Reading a copy back** (``read_review_copy``, in ``formation.word_reading``) checks the file
against the archive limits first, then finds the clause each comment is anchored in; a comment in
no clause is reported, never dropped. **Comment wording** (``formation.comment_wording``) is the
same both ways: ``Needs change: ...``, then ``Proposed text:`` and the new wording. Both are
re-exported here.

**age encryption** (optional): ``encrypt_for_reviewer`` seals the .docx with pyrage in age's
passphrase mode (scrypt; https://age-encryption.org/v1), so the reviewer opens it with the
standard ``age -d`` tool and a passphrase given to them another way.
"""

from __future__ import annotations

import datetime as _dt
import io
import secrets
from typing import TYPE_CHECKING, Any

from formation.comment_wording import CommentContent, format_note_comment, parse_comment
from formation.documents.bookmarks import clause_bookmark_name
from formation.errors import DocumentError, InputError
from formation.word_reading import ReviewReading, WordComment, copy_version, is_article_heading, read_review_copy

if TYPE_CHECKING:
    from formation.models.review import ReviewNote

REVIEW_GUIDANCE = (
    "Review copy. Please comment with Word comments (Review, New Comment) on the text you mean; "
    "keep the clause references in square brackets such as [quorum]. Start a comment with "
    "\u201cFine:\u201d, \u201cNeeds change:\u201d or \u201cNot allowed:\u201d (not allowed in "
    "this legal context). To propose new wording, select the paragraphs to replace (or the clause "
    "heading, for the whole clause), comment, and write a line \u201cProposed text:\u201d followed "
    "by the new wording, one paragraph per line. Comments already in this copy are the open notes "
    "from earlier reviews; you can reply to them."
)
"""The note at the top of every review copy."""

AGE_MAGIC = b"age-encryption.org/v1\n"
"""The first line of every binary age file."""

_PASSPHRASE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


# ------------------------------------------------------------------------------ writing


def _clause_index(context: dict[str, Any]) -> dict[str, dict[str, Any]]:
    index = {}
    for article in context.get("articles", []):
        for clause in article.get("clauses", []):
            index[clause["id"]] = clause
    return index


def review_copy_docx(context: dict[str, Any], notes: list[ReviewNote]) -> bytes:
    """Build the review copy of one bylaws version.

    Args:
        context: the version's bylaws render context (``BYLAWS_SHAPE``).
        notes: the notes to show as Word comments (callers pass the open notes of the draft);
            a note on a clause this version lacks, or on no clause, is anchored at the top note.

    Returns:
        The .docx bytes: scrubbed of metadata, comments kept (see the module docstring).

    Raises:
        DocumentError: the context does not fit the bylaws layout, or rendering failed.
    """
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from formation.documents.bylaws import render_bylaws_docx
    from formation.documents.scrub import scrub_metadata

    rendered = render_bylaws_docx(context)
    document = Document(io.BytesIO(rendered))
    paragraphs = {p._p: p for p in document.paragraphs}
    clauses = _clause_index(context)
    by_bookmark = {clause_bookmark_name(cid): cid for cid in clauses}

    first = document.paragraphs[0]
    guidance = first.insert_paragraph_before(REVIEW_GUIDANCE)
    guidance.runs[0].italic = True

    spans: dict[str, tuple[Any, Any]] = {}
    for start in document.element.body.iter(qn("w:bookmarkStart")):
        clause_id = by_bookmark.get(start.get(qn("w:name"), ""))
        heading_p = start.getparent()
        if clause_id is None or heading_p not in paragraphs:
            continue
        heading = paragraphs[heading_p]
        reference = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = f" [{clause_id}]"
        reference.append(text)
        end = heading_p.find(qn("w:bookmarkEnd"))
        if end is not None:
            end.addprevious(reference)
        else:
            heading_p.append(reference)
        last = heading
        sibling = heading_p.getnext()
        for _ in clauses[clause_id]["paragraphs"]:
            if sibling is None or sibling not in paragraphs or _starts_region(sibling, by_bookmark):
                break
            if paragraphs[sibling].runs:
                last = paragraphs[sibling]
            sibling = sibling.getnext()
        spans[clause_id] = (heading, last)

    for note in notes:
        heading, last = spans.get(note.clause_id or "", (guidance, guidance))
        runs = [heading.runs[0], last.runs[-1]]
        comment = document.add_comment(
            runs,
            text=format_note_comment(note),
            author=note.reviewer_name or note.reviewer_role,
            initials=None,
        )
        comment._comment_elm.date = _dt.datetime.combine(note.created_on, _dt.time(), tzinfo=_dt.timezone.utc)

    buffer = io.BytesIO()
    document.save(buffer)
    return scrub_metadata(buffer.getvalue(), keep_comments=True, source="review copy")


def _starts_region(p: Any, by_bookmark: dict[str, str]) -> bool:
    from docx.oxml.ns import qn

    for start in p.iter(qn("w:bookmarkStart")):
        if start.get(qn("w:name"), "") in by_bookmark:
            return True
    return is_article_heading(p)


# ------------------------------------------------------------------------------ age


def new_reviewer_passphrase() -> str:
    """A random passphrase to give the reviewer another way (by phone, in person).

    Returns:
        Five groups of four characters from 31 letters and digits that cannot be confused when
        read aloud (no ``0/o``, ``1/l/i``), joined by ``-``: about 99 bits.
    """
    groups = ["".join(secrets.choice(_PASSPHRASE_ALPHABET) for _ in range(4)) for _ in range(5)]
    return "-".join(groups)


def encrypt_for_reviewer(data: bytes, passphrase: str) -> bytes:
    """Encrypt a file with age in passphrase mode (pyrage), for the standard ``age -d`` tool.

    Args:
        data: the file's bytes (the review copy).
        passphrase: the passphrase (at least 12 characters).

    Returns:
        The binary age file (starts with ``AGE_MAGIC``).

    Raises:
        InputError: the passphrase is shorter than 12 characters.
    """
    import pyrage

    if len(passphrase) < 12:
        raise InputError("the passphrase for the reviewer must have at least 12 characters", field="passphrase")
    return pyrage.passphrase.encrypt(data, passphrase)


def decrypt_from_reviewer(data: bytes, passphrase: str, *, source: str) -> bytes:
    """Decrypt an age file made in passphrase mode (a copy the reviewer sent back encrypted).

    Raises:
        DocumentError: not an age file, or the passphrase is wrong or the file damaged.
    """
    import pyrage

    if not data.startswith(AGE_MAGIC):
        raise DocumentError(f"{source}: is not an age-encrypted file")
    try:
        return pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError:
        raise DocumentError(f"{source}: wrong passphrase, or the file is damaged") from None


__all__ = [
    "AGE_MAGIC",
    "REVIEW_GUIDANCE",
    "CommentContent",
    "ReviewReading",
    "WordComment",
    "decrypt_from_reviewer",
    "encrypt_for_reviewer",
    "format_note_comment",
    "copy_version",
    "new_reviewer_passphrase",
    "parse_comment",
    "read_review_copy",
    "review_copy_docx",
]
