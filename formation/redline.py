"""The redline: two bylaws versions compared, as text for the terminal and as a .docx.

``diff_text`` prints the changed clauses with ``[-deleted-]{+inserted+}`` marks. ``redline_docx``
builds one .docx with every change as a Word tracked change.

Insertions are ``w:ins`` and deletions ``w:del`` (ECMA-376 Part 1, 17.13.5 "Revisions"), so Word
and LibreOffice show them underlined and struck through, list them in their review pane, and let
a reader accept or reject each one. Whole inserted or deleted paragraphs carry the revision on
their paragraph mark too, so accepting every change gives exactly the later version's text and
rejecting every change gives the earlier one. Every revision's author is the neutral
``formation`` and carries no date (nothing about who prepared it or when).

The document is built in code with python-docx (no layout: it holds only clause text, numbers
and titles), then scrubbed of metadata like every other export (``scrub_metadata``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from formation.documents.scrub import NEUTRAL_AUTHOR, scrub_metadata
from formation.version_diff import ClauseChange, Segment, VersionDiff

DISCLAIMER = (
    "This comparison is legal information prepared with formation, not legal advice. "
    "Check the adopted text with a lawyer who knows your legal context."
)

LEGEND = (
    "Every change is a tracked change: inserted text is underlined, deleted text is struck "
    "through. In Word (Review, Track Changes) or LibreOffice (Edit, Track Changes, Manage) you "
    "can step through, accept or reject each change. Clause references such as [quorum] stay the "
    "same from one version to the next."
)


class _Revisions:
    """Hands out revision ids (unique within the document) and builds tracked-change XML."""

    def __init__(self) -> None:
        self.next_id = 1

    def _mark(self, tag: str) -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), NEUTRAL_AUTHOR)
        self.next_id += 1
        return element

    def run(self, text: str, *, deleted: bool = False, bold: bool = False) -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = OxmlElement("w:r")
        if bold:
            props = OxmlElement("w:rPr")
            props.append(OxmlElement("w:b"))
            run.append(props)
        text_element = OxmlElement("w:delText" if deleted else "w:t")
        text_element.set(qn("xml:space"), "preserve")
        text_element.text = text
        run.append(text_element)
        return run

    def segments(self, paragraph: Any, segments: Iterable[Segment], *, bold: bool = False) -> None:
        """Append segments to a python-docx paragraph: equal as runs, the rest as revisions."""
        for segment in segments:
            if not segment.text:
                continue
            if segment.op == "equal":
                paragraph._p.append(self.run(segment.text, bold=bold))
                continue
            deleted = segment.op == "delete"
            wrapper = self._mark("w:del" if deleted else "w:ins")
            wrapper.append(self.run(segment.text, deleted=deleted, bold=bold))
            paragraph._p.append(wrapper)

    def mark_paragraph(self, paragraph: Any, op: str) -> None:
        """Mark a whole paragraph's mark as inserted (``"insert"``) or deleted (``"delete"``)."""
        from docx.oxml import OxmlElement

        props = paragraph._p.get_or_add_pPr()
        run_props = props.find(_qn("w:rPr"))
        if run_props is None:
            run_props = OxmlElement("w:rPr")
            props.append(run_props)
        run_props.append(self._mark("w:ins" if op == "insert" else "w:del"))


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _number_segments(clause: ClauseChange) -> tuple[Segment, ...]:
    if clause.change == "added":
        return (Segment("insert", f"{clause.number_after} "),)
    if clause.change == "removed":
        return (Segment("delete", f"{clause.number_before} "),)
    if clause.renumbered:
        return (Segment("delete", f"{clause.number_before}"), Segment("insert", f"{clause.number_after}"), Segment("equal", " "))
    return (Segment("equal", f"{clause.number_after} "),)


def _reference_segment(clause: ClauseChange) -> Segment:
    op = {"added": "insert", "removed": "delete"}.get(clause.change, "equal")
    return Segment(op, f" [{clause.clause_id}]")  # type: ignore[arg-type]


def _summary(diff: VersionDiff) -> list[str]:
    lines = []
    for kind, label in (("changed", "Changed"), ("added", "Added"), ("removed", "Removed")):
        clauses = [c for c in diff.clauses if c.change == kind]
        if clauses:
            lines.append(f"{label}: " + "; ".join(f"{c.number} {c.title_after or c.title_before} [{c.clause_id}]" for c in clauses) + ".")
    moved = [c for c in diff.clauses if c.change == "unchanged" and c.renumbered]
    if moved:
        lines.append(
            "Renumbered only (text unchanged): "
            + "; ".join(f"{c.number_before} is now {c.number_after} [{c.clause_id}]" for c in moved)
            + "."
        )
    if not lines:
        lines.append("No clause was added, removed or changed.")
    return lines


def redline_docx(diff: VersionDiff, *, full: bool = True) -> bytes:
    """Build the redline .docx of a comparison.

    Args:
        diff: the comparison (``formation.versions.compare_contexts``).
        full: include the unchanged clauses as plain text (a reader sees each change in its
            place); False shows only the clauses that were added, removed or changed.

    Returns:
        The .docx bytes, metadata scrubbed: a title, a summary naming each added, removed,
        changed and renumbered clause, a legend and the disclaimer, then the clauses under
        their article headings, with every change as a tracked change (author ``formation``).

    Raises:
        DocumentError: only if the scrub refuses the built document (it should never happen).
    """
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    marks = _Revisions()
    title = diff.organization or "Bylaws"
    document.add_heading(f"{title}: bylaws, changes from {diff.before_label} to {diff.after_label}", level=0)
    for line in _summary(diff):
        document.add_paragraph(line)
    document.add_paragraph(LEGEND)
    document.add_paragraph(DISCLAIMER).runs[0].italic = True

    article: str | None = None
    for clause in diff.clauses:
        if not full and clause.change == "unchanged":
            continue
        clause_article = clause.article_after or clause.article_before
        if clause_article != article:
            article = clause_article
            heading = document.add_heading(level=1)
            if clause.change == "removed" and clause.article_before not in {c.article_after for c in diff.clauses}:
                marks.segments(heading, [Segment("delete", article or "")])
                marks.mark_paragraph(heading, "delete")
            else:
                heading.add_run(article or "")
        heading = document.add_heading(level=2)
        marks.segments(heading, _number_segments(clause))
        marks.segments(heading, clause.title)
        marks.segments(heading, [_reference_segment(clause)])
        if clause.change in ("added", "removed"):
            marks.mark_paragraph(heading, "insert" if clause.change == "added" else "delete")
        for paragraph_diff in clause.paragraphs:
            paragraph = document.add_paragraph()
            marks.segments(paragraph, paragraph_diff.segments)
            if paragraph_diff.op in ("insert", "delete"):
                marks.mark_paragraph(paragraph, paragraph_diff.op)
    buffer = io.BytesIO()
    document.save(buffer)
    return scrub_metadata(buffer.getvalue(), source="redline")


# ------------------------------------------------------------------------------ as text


def inline_text(segments: Iterable[Segment]) -> str:
    """Segments as one line with ``[-deleted-]`` and ``{+inserted+}`` marks (as ``git diff --word-diff``)."""
    out = []
    for seg in segments:
        if seg.op == "equal":
            out.append(seg.text)
        elif seg.op == "delete":
            out.append(f"[-{seg.text}-]")
        else:
            out.append(f"{{+{seg.text}+}}")
    return "".join(out)


def diff_text(diff: VersionDiff, *, context_paragraphs: bool = False) -> str:
    """The comparison as plain text for the terminal.

    Args:
        diff: the comparison.
        context_paragraphs: also print the unchanged paragraphs of a changed clause.

    Returns:
        A summary line, then each added, removed or changed clause with its heading
        (``"Changed: 3.2 Quorum [quorum]"``) and its paragraphs: ``+`` for an inserted one,
        ``-`` for a deleted one, ``~`` for an edited one shown with ``[-...-]{+...+}`` marks.
    """
    touched = diff.touched
    if not touched:
        return f"{diff.before_label} and {diff.after_label} have the same clauses and text."
    counts = [
        f"{len(ids)} {label}" for ids, label in ((diff.changed, "changed"), (diff.added, "added"), (diff.removed, "removed")) if ids
    ]
    lines = [f"{diff.before_label} -> {diff.after_label}: " + ", ".join(counts) + " clause(s)."]
    for clause in touched:
        lines.append("")
        heading = f"{clause.change.capitalize()}: {clause.heading}"
        if clause.renumbered:
            heading += f" (was {clause.number_before})"
        lines.append(heading)
        if clause.change == "changed" and clause.title_before != clause.title_after:
            lines.append(f"  title: {inline_text(clause.title)}")
        for paragraph in clause.paragraphs:
            if paragraph.op == "equal":
                if context_paragraphs:
                    lines.append(f"    {paragraph.after}")
            elif paragraph.op == "insert":
                lines.append(f"  + {paragraph.after}")
            elif paragraph.op == "delete":
                lines.append(f"  - {paragraph.before}")
            else:
                lines.append(f"  ~ {inline_text(paragraph.segments)}")
    return "\n".join(lines)


__all__ = ["DISCLAIMER", "LEGEND", "diff_text", "inline_text", "redline_docx"]
