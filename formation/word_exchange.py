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

**Reading a copy back** (``read_review_copy``) first checks the file against the archive limits
(``archive.read_parts``: size, part count, ratio, names), then walks the document in reading
order. A clause's region runs from its heading (found by its bookmark, else by its visible
``[id]`` reference, else by its number in a heading) to the next clause or article heading;
text before the first clause (the cover, the contents) and between an article heading and its
first clause belongs to no clause. A comment belongs to the clause whose region holds the start
of its range (or its reference mark, for a comment on a single point). A comment in no clause is
returned in ``unplaced``: reported, never dropped. A reply to a comment belongs to the clause of
the comment it replies to.

**Comment text** follows a small convention, the same both ways (``format_note_comment`` /
``parse_comment``): an optional status first (``Fine:``, ``Needs change:``, ``Not allowed:``),
the comment, then optionally a line ``Proposed text:`` followed by the proposed wording of the
whole clause, one paragraph per line. A comment formation wrote ends with
``[formation note 1a2b3c4d]`` so it is recognized when the copy comes back.

**age encryption** (optional): ``encrypt_for_reviewer`` seals the .docx with pyrage in age's
passphrase mode (scrypt; https://age-encryption.org/v1), so the reviewer opens it with the
standard ``age -d`` tool and a passphrase given to them another way.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from formation.documents.archive import read_parts
from formation.documents.bookmarks import clause_bookmark_name
from formation.documents.package import content_types, main_document, parse_xml, w
from formation.errors import DocumentError, InputError

if TYPE_CHECKING:
    from formation.models.review import ReviewNote

REVIEW_GUIDANCE = (
    "Review copy. Please comment with Word comments (Review, New Comment), selecting the clause "
    "you mean; keep the clause references in square brackets such as [quorum]. Start a comment "
    "with \u201cFine:\u201d, \u201cNeeds change:\u201d or \u201cNot allowed:\u201d (not allowed in "
    "this legal context). To propose new wording for a whole clause, write a line "
    "\u201cProposed text:\u201d and then the wording, one paragraph per line. Comments already in "
    "this copy are the open notes from earlier reviews; you can reply to them."
)
"""The note at the top of every review copy."""

CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_COMMENTS_EXTENDED = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"

AGE_MAGIC = b"age-encryption.org/v1\n"
"""The first line of every binary age file."""

_STATUS_PREFIX = re.compile(
    r"^\s*(?P<status>fine|ok|needs?\s+(?:a\s+)?change|not\s+allowed(?:\s+in\s+(?:this|the)\s+(?:legal\s+)?context)?)"
    r"\s*[:.\u2013\u2014-]\s*",
    re.IGNORECASE,
)
_PROPOSAL = re.compile(r"^\s*(?:proposed\s+(?:text|wording)|replace\s+with)\s*:\s*", re.IGNORECASE)
_MARKER = re.compile(r"\[formation note ([0-9a-f]{8})\]")
_REFERENCE = re.compile(r"\[([a-z][a-z0-9_]{0,63})\]\s*$")
_CLAUSE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,3})\b")
_ARTICLE = re.compile(r"^\s*article\s+\d+\s*[.:]", re.IGNORECASE)
_PASSPHRASE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


# ------------------------------------------------------------------------------ comment text


@dataclass(frozen=True)
class CommentContent:
    """What a comment says, read by the convention in the module docstring.

    Attributes:
        status: ``"fine"``, ``"needs_change"`` or ``"not_allowed_in_context"``; None when the
            comment does not start with one.
        comment: the comment without the status word, the proposal and the marker.
        proposed_text: the proposed wording, one paragraph per item (empty: none).
        note_ref: the 8-hex-digit short id from a ``[formation note ...]`` marker, or None.
    """

    status: str | None
    comment: str
    proposed_text: tuple[str, ...]
    note_ref: str | None


def _status_of(word: str) -> str:
    word = " ".join(word.lower().split())
    if word in ("fine", "ok"):
        return "fine"
    if word.startswith("not allowed"):
        return "not_allowed_in_context"
    return "needs_change"


def parse_comment(text: str) -> CommentContent:
    """Read a comment's text by the review-copy convention.

    Args:
        text: the comment's paragraphs joined with ``"\\n"``.

    Returns:
        The ``CommentContent``.
    """
    marker = _MARKER.search(text)
    note_ref = marker.group(1) if marker else None
    text = _MARKER.sub("", text)
    lines = text.split("\n")
    comment_lines: list[str] = []
    proposal: list[str] | None = None
    for line in lines:
        if proposal is None:
            found = _PROPOSAL.match(line)
            if found:
                proposal = []
                rest = line[found.end():].strip()
                if rest:
                    proposal.append(rest)
                continue
            comment_lines.append(line)
        elif line.strip():
            proposal.append(line.strip())
    comment = "\n".join(comment_lines).strip()
    status = None
    found = _STATUS_PREFIX.match(comment)
    if found:
        status = _status_of(found.group("status"))
        comment = comment[found.end():].strip()
    return CommentContent(status, comment, tuple(proposal or ()), note_ref)


def format_note_comment(note: ReviewNote) -> str:
    """A review note as Word comment text (``parse_comment`` reads it back).

    Returns:
        ``"<Status>: <comment>"``, then ``"Proposed text:"`` and the proposed paragraphs if
        any, then ``"[formation note <short id>]"``, each on its own line.
    """
    from formation.models.review import STATUS_LABELS

    lines = [f"{STATUS_LABELS[note.status]}: {note.comment}".rstrip()]
    if note.proposed_text:
        lines.append("Proposed text:")
        lines.extend(note.proposed_text)
    lines.append(f"[formation note {note.short_id}]")
    return "\n".join(lines)


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
    return bool(_ARTICLE.match(_paragraph_text(p)))


# ------------------------------------------------------------------------------ reading


@dataclass(frozen=True)
class WordComment:
    """One comment read from a reviewed copy.

    Attributes:
        comment_id: the comment's id in this file (Word renumbers them on every save).
        author: the comment's author as Word recorded it (may be a person's name: it is kept
            only if the group chooses to).
        date: the ISO date of the comment, or None when absent or unreadable.
        text: the comment's paragraphs joined with ``"\\n"``.
        clause_id: the clause it is anchored in, or None (see ``ReviewReading.unplaced``).
        where: for people: ``"clause 4.2 [quorum]"``, or where an unplaced comment sits
            (``"the cover page"``, ``"the heading of article 3"``, ``"a header or footer"``).
        reply_to: the ``comment_id`` of the comment this one replies to, or None.
        content: the text read by the convention (``parse_comment``).
    """

    comment_id: str
    author: str
    date: _dt.date | None
    text: str
    clause_id: str | None
    where: str
    reply_to: str | None
    content: CommentContent


@dataclass
class ReviewReading:
    """What a reviewed copy holds.

    Attributes:
        comments: every comment, in the order of their places in the document (a reply after the
            comment it answers; comments anchored nowhere last).
        tracked_changes: how many insertions and deletions someone other than formation made in
            the text (formation reads comments only; edits in the text are reported so the group
            can ask for them as comments).
        clauses_found: the clause ids whose headings were found.
    """

    comments: list[WordComment] = field(default_factory=list)
    tracked_changes: int = 0
    clauses_found: list[str] = field(default_factory=list)

    @property
    def placed(self) -> list[WordComment]:
        """Comments anchored in a clause."""
        return [c for c in self.comments if c.clause_id is not None]

    @property
    def unplaced(self) -> list[WordComment]:
        """Comments anchored in no clause (reported, never dropped)."""
        return [c for c in self.comments if c.clause_id is None]


def _paragraph_text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _comment_parts(parts: dict[str, bytes]) -> tuple[str | None, str | None]:
    types = content_types(parts)
    comments = next((n for n, t in types.items() if t == CT_COMMENTS), None)
    extended = next((n for n, t in types.items() if t == CT_COMMENTS_EXTENDED), None)
    return comments, extended


def _read_date(value: str | None) -> _dt.date | None:
    if not value or len(value) < 10:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_review_copy(data: bytes, context: dict[str, Any], *, source: str) -> ReviewReading:
    """Read the comments of a reviewed copy and find the clause each is anchored in.

    Args:
        data: the .docx bytes as they came back (checked against the archive limits first).
        context: the render context of the version that was sent for review (its clause ids
            and numbers are what the headings are matched against).
        source: the file name, for messages.

    Returns:
        The ``ReviewReading``.

    Raises:
        DocumentError: the file breaks the archive limits, is not a .docx, or a part that must be
            read is not well-formed XML. Nothing is changed anywhere.
    """
    from lxml import etree

    parts = read_parts(data, source=source)
    clauses = _clause_index(context)
    by_bookmark = {clause_bookmark_name(cid): cid for cid in clauses}
    by_number = {str(c["number"]): cid for cid, c in clauses.items()}
    try:
        body_name = main_document(parts)
    except KeyError:
        raise DocumentError(f"{source}: is not a Word document (it has no main document part)") from None
    comments_name, extended_name = _comment_parts(parts)
    try:
        body = parse_xml(parts[body_name])
        comment_root = parse_xml(parts[comments_name]) if comments_name else None
        extended_root = parse_xml(parts[extended_name]) if extended_name else None
    except etree.XMLSyntaxError:
        raise DocumentError(f"{source}: holds a part that is not well-formed XML; open and save it again") from None

    reading = ReviewReading()
    region_of: dict[Any, tuple[str | None, str]] = {}
    current: tuple[str | None, str] = (None, "the cover page")
    for p in body.iter(w("p")):
        clause_id = _heading_clause(p, by_bookmark, by_number, clauses)
        if clause_id is not None:
            current = (clause_id, f"clause {clauses[clause_id]['number']} [{clause_id}]")
            if clause_id not in reading.clauses_found:
                reading.clauses_found.append(clause_id)
        elif _ARTICLE.match(_paragraph_text(p)):
            number = _paragraph_text(p).split()[1].rstrip(".")
            current = (None, f"the heading of article {number}")
        region_of[p] = current

    anchors: dict[str, tuple[str | None, str]] = {}
    for mark in body.iter(w("commentRangeStart"), w("commentReference")):
        comment_id = mark.get(w("id"))
        if comment_id is None or comment_id in anchors:
            continue
        paragraph = next(mark.iterancestors(w("p")), None)
        if paragraph is None:
            paragraph = next(mark.itersiblings(w("p")), None)
        anchors[comment_id] = region_of.get(paragraph, (None, "an unknown place in the document"))
    position = {comment_id: index for index, comment_id in enumerate(anchors)}

    reading.tracked_changes = sum(
        1 for element in body.iter(w("ins"), w("del")) if element.get(w("author")) != "formation"
    )

    if comment_root is None:
        return reading
    parents = _reply_parents(comment_root, extended_root)
    for element in comment_root.iter(w("comment")):
        comment_id = element.get(w("id"), "")
        text = "\n".join(_paragraph_text(p) for p in element.iter(w("p"))).strip()
        reply_to = parents.get(comment_id)
        clause_id, where = anchors.get(comment_id, (None, "a header, footer or note outside the text"))
        if comment_id not in anchors and reply_to in anchors:
            clause_id, where = anchors[reply_to]
        reading.comments.append(
            WordComment(
                comment_id=comment_id,
                author=element.get(w("author"), ""),
                date=_read_date(element.get(w("date"))),
                text=text,
                clause_id=clause_id,
                where=where,
                reply_to=reply_to,
                content=parse_comment(text),
            )
        )
    reading.comments.sort(key=lambda c: position.get(c.comment_id, position.get(c.reply_to or "", len(position))))
    return reading


_COVER_VERSION = re.compile(r"^\s*version:\s*v?(\d{1,4})\s*$", re.IGNORECASE)


def copy_version(data: bytes, *, source: str) -> int | None:
    """The bylaws version a review copy says on its cover (``"Version: v2"``).

    Args:
        data: the .docx bytes (checked against the archive limits first).
        source: the file name, for messages.

    Returns:
        The version number, or None when no cover line says it.

    Raises:
        DocumentError: the file breaks the archive limits or is not a Word document.
    """
    from lxml import etree

    parts = read_parts(data, source=source)
    try:
        body = parse_xml(parts[main_document(parts)])
    except (KeyError, etree.XMLSyntaxError):
        raise DocumentError(f"{source}: is not a readable Word document") from None
    for p in body.iter(w("p")):
        found = _COVER_VERSION.match(_paragraph_text(p))
        if found:
            return int(found.group(1))
    return None


def _heading_clause(
    p: Any, by_bookmark: dict[str, str], by_number: dict[str, str], clauses: dict[str, dict[str, Any]]
) -> str | None:
    for start in p.iter(w("bookmarkStart")):
        clause_id = by_bookmark.get(start.get(w("name"), ""))
        if clause_id is not None:
            return clause_id
    text = _paragraph_text(p)
    reference = _REFERENCE.search(text)
    if reference and reference.group(1) in clauses:
        return reference.group(1)
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    if style is not None and style.get(w("val"), "").lower().startswith("heading"):
        number = _CLAUSE_NUMBER.match(text)
        if number and number.group(1) in by_number:
            return by_number[number.group(1)]
    return None


def _reply_parents(comment_root: Any, extended_root: Any) -> dict[str, str]:
    """Map a reply's comment id to its parent's, from ``commentsExtended`` (w15:paraIdParent)."""
    if extended_root is None:
        return {}
    by_para: dict[str, str] = {}
    for element in comment_root.iter(w("comment")):
        paragraphs = list(element.iter(w("p")))
        if paragraphs:
            para_id = paragraphs[-1].get(f"{{{W14_NS}}}paraId")
            if para_id:
                by_para[para_id] = element.get(w("id"), "")
    out = {}
    for entry in extended_root.iter(f"{{{W15_NS}}}commentEx"):
        child = by_para.get(entry.get(f"{{{W15_NS}}}paraId", ""))
        parent = by_para.get(entry.get(f"{{{W15_NS}}}paraIdParent", ""))
        if child and parent:
            out[child] = parent
    return out


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
