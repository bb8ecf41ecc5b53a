"""Reading a reviewed copy back: every Word comment, and the clause it is anchored in.

The file is first checked against the archive limits (``archive.read_parts``: size, part count,
compression ratio, part names), then the document is walked in reading order. A clause's region
runs from its heading (found by its Word bookmark, else by its visible ``[id]`` reference, else by
its number in a heading paragraph) to the next clause or article heading; the cover, the contents
and an article heading belong to no clause. A comment belongs to the clause whose region holds the
start of its range (or its reference mark); a comment in no clause is kept in
``ReviewReading.unplaced`` (reported, never dropped); a reply belongs where the comment it
answers is (``commentsExtended``, ``w15:paraIdParent``).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from formation.comment_wording import CommentContent, parse_comment
from formation.documents.archive import read_parts
from formation.documents.bookmarks import clause_bookmark_name
from formation.documents.package import content_types, main_document, parse_xml, w
from formation.errors import DocumentError

CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_COMMENTS_EXTENDED = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"

_REFERENCE = re.compile(r"\[([a-z][a-z0-9_]{0,63})\]\s*$")
_CLAUSE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,3})\b")
_ARTICLE = re.compile(r"^\s*article\s+\d+\s*[.:]", re.IGNORECASE)


def _clause_index(context: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {clause["id"]: clause for article in context.get("articles", []) for clause in article.get("clauses", [])}


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
        paragraphs: ``(first, last)``: the 0-based indexes, in the reviewed version's clause, of
            the paragraphs the comment's range covers; None when it covers the clause heading (the
            whole clause) or a paragraph that is not in the reviewed text (one the reviewer added).
    """

    comment_id: str
    author: str
    date: _dt.date | None
    text: str
    clause_id: str | None
    where: str
    reply_to: str | None
    content: CommentContent
    paragraphs: tuple[int, int] | None = None

    def proposed_clause(self, reviewed: list[str]) -> list[str]:
        """The whole clause as the comment proposes it.

        Args:
            reviewed: the clause's paragraphs in the reviewed version.

        Returns:
            The proposed paragraphs in place of the ones the comment covers (``paragraphs``), the
            rest unchanged; the proposal alone when the comment covers the whole clause; ``[]``
            when the comment proposes nothing.
        """
        proposal = list(self.content.proposed_text)
        if not proposal or self.paragraphs is None:
            return proposal
        first, last = self.paragraphs
        return reviewed[:first] + proposal + reviewed[last + 1:]


@dataclass
class ReviewReading:
    """What a reviewed copy holds.

    Attributes:
        comments: every comment, in the order of their places in the document (a reply after the
            comment it answers; comments anchored nowhere last).
        tracked_changes: how many insertions and deletions someone other than formation made in
            the text (formation reads comments only; edits in the text are reported so the group
            can ask for them as comments).
        clauses_found: the clause ids whose headings were found (empty: the file is not a copy
            of that version of the bylaws).
        source: the file name it was read from, for messages.
    """

    comments: list[WordComment] = field(default_factory=list)
    tracked_changes: int = 0
    clauses_found: list[str] = field(default_factory=list)
    source: str = ""

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

    reading = ReviewReading(source=source)
    region_of: dict[Any, tuple[str | None, str]] = {}
    paragraph_of: dict[Any, int | None] = {}
    current: tuple[str | None, str] = (None, "the cover page")
    for p in body.iter(w("p")):
        clause_id = _heading_clause(p, by_bookmark, by_number, clauses)
        if clause_id is not None:
            current = (clause_id, f"clause {clauses[clause_id]['number']} [{clause_id}]")
            if clause_id not in reading.clauses_found:
                reading.clauses_found.append(clause_id)
            paragraph_of[p] = None
        elif _ARTICLE.match(_paragraph_text(p)):
            number = _paragraph_text(p).split()[1].rstrip(".")
            current = (None, f"the heading of article {number}")
        elif current[0] is not None:
            paragraph_of[p] = _match_paragraph(_paragraph_text(p), clauses[current[0]]["paragraphs"])
        region_of[p] = current

    def paragraph_at(mark: Any) -> Any:
        paragraph = next(mark.iterancestors(w("p")), None)
        return paragraph if paragraph is not None else next(mark.itersiblings(w("p")), None)

    anchors: dict[str, tuple[str | None, str]] = {}
    starts: dict[str, Any] = {}
    for mark in body.iter(w("commentRangeStart"), w("commentReference")):
        comment_id = mark.get(w("id"))
        if comment_id is None or comment_id in anchors:
            continue
        starts[comment_id] = paragraph_at(mark)
        anchors[comment_id] = region_of.get(starts[comment_id], (None, "an unknown place in the document"))
    ends = {mark.get(w("id")): paragraph_at(mark) for mark in body.iter(w("commentRangeEnd"))}
    spans: dict[str, tuple[int, int] | None] = {}
    for comment_id, start in starts.items():
        end = ends.get(comment_id, start)
        first, last = paragraph_of.get(start), paragraph_of.get(end)
        same_clause = region_of.get(start, (None,))[0] == region_of.get(end, (None,))[0]
        spans[comment_id] = (first, last) if first is not None and last is not None and same_clause and first <= last else None
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
                paragraphs=spans.get(comment_id),
            )
        )
    reading.comments.sort(key=lambda c: position.get(c.comment_id, position.get(c.reply_to or "", len(position))))
    return reading


def _match_paragraph(text: str, paragraphs: list[str]) -> int | None:
    """The index of the reviewed paragraph a paragraph of the returned copy is (exact, or at least
    80 % alike by ``difflib``: the reviewer may have touched it), or None (a new paragraph)."""
    import difflib

    text = " ".join(text.split())
    for index, paragraph in enumerate(paragraphs):
        if " ".join(paragraph.split()) == text:
            return index
    best, best_ratio = None, 0.8
    for index, paragraph in enumerate(paragraphs):
        ratio = difflib.SequenceMatcher(None, paragraph, text, autojunk=False).ratio()
        if ratio >= best_ratio:
            best, best_ratio = index, ratio
    return best


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


def is_article_heading(p: Any) -> bool:
    """True for a paragraph reading ``"Article 3. ..."`` (an article heading of the bylaws)."""
    return bool(_ARTICLE.match(_paragraph_text(p)))


__all__ = ["ReviewReading", "WordComment", "copy_version", "is_article_heading", "read_review_copy"]
