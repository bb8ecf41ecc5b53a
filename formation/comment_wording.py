"""How a review comment is worded, the same both ways (into a Word copy and back out of it).

An optional status first (``Fine:``, ``Needs change:``, ``Not allowed:`` / ``Not allowed in this
legal context:``), then the comment, then optionally a line ``Proposed text:`` (or ``Proposed
wording:``, ``Replace with:``) followed by the proposed wording, one paragraph per line.
In a reviewed copy it replaces the paragraphs the comment is anchored on (the whole clause when
anchored on its heading: ``formation.word_reading.WordComment.proposed_clause``); in a note it is
the whole clause. A comment formation wrote itself ends with ``[formation note 1a2b3c4d]`` (the
note's short id) so it is recognized when the copy comes back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from formation.models.review import ReviewNote

_STATUS_PREFIX = re.compile(
    r"^\s*(?P<status>fine|ok|needs?\s+(?:a\s+)?change|not\s+allowed(?:\s+in\s+(?:this|the)\s+(?:legal\s+)?context)?)"
    r"\s*[:.\u2013\u2014-]\s*",
    re.IGNORECASE,
)
_PROPOSAL = re.compile(r"^\s*(?:proposed\s+(?:text|wording)|replace\s+with)\s*:\s*", re.IGNORECASE)
_MARKER = re.compile(r"\[formation note ([0-9a-f]{8})\]")

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


__all__ = ["CommentContent", "format_note_comment", "parse_comment"]
