"""Compare two bylaws versions clause by clause.

The comparison works on two bylaws render contexts (``formation.bylaws.render_context``, shape
``formation.documents.bylaws.BYLAWS_SHAPE``): the clause text exactly as the document prints it,
parameters filled in. Clauses are matched by their stable id, not by number, so a clause that
only moved (renumbered because another was added before it) is not reported as changed.

Within a changed clause, paragraphs are aligned with ``difflib.SequenceMatcher`` (Python's
standard library) and each pair of replaced paragraphs is compared word by word, so a reader sees
"14 days" become "21 days" rather than a whole paragraph swapped. The result feeds the wizard's
diff view, ``formation versions diff`` (text and JSON) and the redline document
(``formation.redline``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

SegmentOp = Literal["equal", "insert", "delete"]
ClauseChangeKind = Literal["added", "removed", "changed", "unchanged"]
ParagraphOp = Literal["equal", "insert", "delete", "changed"]

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    """A run of text that both versions share, or that one of them adds or deletes.

    Attributes:
        op: ``"equal"``, ``"insert"`` (only in the later version) or ``"delete"`` (only in the
            earlier one).
        text: the text.
    """

    op: SegmentOp
    text: str


@dataclass(frozen=True)
class ParagraphDiff:
    """One paragraph of a clause, compared.

    Attributes:
        op: ``"equal"``, ``"insert"`` (a new paragraph), ``"delete"`` (a paragraph taken out) or
            ``"changed"`` (a paragraph edited: see ``segments``).
        segments: the paragraph as segments; joined, the ``equal`` and ``delete`` ones give the
            earlier text and the ``equal`` and ``insert`` ones the later text.
    """

    op: ParagraphOp
    segments: tuple[Segment, ...]

    @property
    def before(self) -> str | None:
        """The paragraph in the earlier version, or None for an inserted paragraph."""
        if self.op == "insert":
            return None
        return "".join(s.text for s in self.segments if s.op != "insert")

    @property
    def after(self) -> str | None:
        """The paragraph in the later version, or None for a deleted paragraph."""
        if self.op == "delete":
            return None
        return "".join(s.text for s in self.segments if s.op != "delete")


@dataclass(frozen=True)
class ClauseChange:
    """One clause across the two versions.

    Attributes:
        clause_id: the clause's stable id.
        change: ``"added"``, ``"removed"``, ``"changed"`` (title or text differ) or
            ``"unchanged"`` (a new number alone is not a change).
        number_before, number_after: the clause number (``"4.2"``) in each version, None where
            the clause is absent.
        title_before, title_after: the clause title in each version, None where absent.
        article_before, article_after: ``"4. General meetings"`` in each version, None where absent.
        title: the title as segments (word by word when it changed).
        paragraphs: the clause text, paragraph by paragraph.
    """

    clause_id: str
    change: ClauseChangeKind
    number_before: str | None
    number_after: str | None
    title_before: str | None
    title_after: str | None
    article_before: str | None
    article_after: str | None
    title: tuple[Segment, ...]
    paragraphs: tuple[ParagraphDiff, ...]

    @property
    def number(self) -> str:
        """The number a reader looks for: the later one, or the earlier one for a removed clause."""
        return self.number_after or self.number_before or ""

    @property
    def heading(self) -> str:
        """``"4.2 Quorum [quorum]"``: the number, the title and the id, in the later version."""
        title = self.title_after if self.title_after is not None else self.title_before
        return f"{self.number} {title} [{self.clause_id}]"

    @property
    def renumbered(self) -> bool:
        """True when the clause is in both versions under different numbers."""
        return (
            self.number_before is not None
            and self.number_after is not None
            and self.number_before != self.number_after
        )

    def to_json(self) -> dict[str, Any]:
        """The change as plain JSON data (see ``VersionDiff.to_json``)."""
        return {
            "id": self.clause_id,
            "change": self.change,
            "number_before": self.number_before,
            "number_after": self.number_after,
            "title_before": self.title_before,
            "title_after": self.title_after,
            "paragraphs": [
                {"op": p.op, "segments": [{"op": s.op, "text": s.text} for s in p.segments]}
                for p in self.paragraphs
                if self.change != "unchanged"
            ],
        }


@dataclass(frozen=True)
class VersionDiff:
    """Two bylaws versions compared clause by clause.

    Attributes:
        before_label, after_label: how the versions are named (``"1"``, ``"2"``).
        organization: the organization's name (from the later version).
        clauses: every clause of either version, in the later version's order, each removed
            clause placed after the clause it followed in the earlier version.
    """

    before_label: str
    after_label: str
    organization: str
    clauses: tuple[ClauseChange, ...] = field(default_factory=tuple)

    def ids(self, change: ClauseChangeKind) -> list[str]:
        """The ids of the clauses with that kind of change, in document order."""
        return [c.clause_id for c in self.clauses if c.change == change]

    @property
    def added(self) -> list[str]:
        """Ids of clauses only in the later version."""
        return self.ids("added")

    @property
    def removed(self) -> list[str]:
        """Ids of clauses only in the earlier version."""
        return self.ids("removed")

    @property
    def changed(self) -> list[str]:
        """Ids of clauses in both versions whose title or text differs."""
        return self.ids("changed")

    @property
    def touched(self) -> list[ClauseChange]:
        """The clauses that were added, removed or changed, in document order."""
        return [c for c in self.clauses if c.change != "unchanged"]

    @property
    def identical(self) -> bool:
        """True when no clause was added, removed or changed."""
        return not self.touched

    def to_json(self) -> dict[str, Any]:
        """The comparison as JSON data.

        Returns:
            ``{"before": str, "after": str, "added": [id], "removed": [id], "changed": [id],
            "renumbered": [id], "clauses": [{"id", "change", "number_before", "number_after",
            "title_before", "title_after", "paragraphs": [{"op", "segments": [{"op", "text"}]}]}]}``
            where ``clauses`` lists the added, removed and changed clauses only.
        """
        return {
            "before": self.before_label,
            "after": self.after_label,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "renumbered": [c.clause_id for c in self.clauses if c.renumbered],
            "clauses": [c.to_json() for c in self.touched],
        }


# ------------------------------------------------------------------------------ comparing


def tokens(text: str) -> list[str]:
    """Split text into words, runs of white space and single punctuation marks (any script)."""
    return _TOKEN.findall(text)


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """Compare two texts word by word.

    Args:
        before: the earlier text.
        after: the later text.

    Returns:
        Segments in reading order; where both versions differ, the deleted text comes before the
        inserted text. Joining the ``equal`` and ``delete`` segments gives ``before``; the
        ``equal`` and ``insert`` segments give ``after``. A lone space or punctuation mark that
        both share between two changes is folded into them, so a reader sees whole phrases.
    """
    a, b = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            raw.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Segment("insert", "".join(b[j1:j2])))
    return _merge(_fold_small_equals(raw))


def _fold_small_equals(segments: list[Segment]) -> list[Segment]:
    """Fold an equal run of only spaces/punctuation lying between two changes into both sides."""
    out: list[Segment] = []
    for index, seg in enumerate(segments):
        between_changes = 0 < index < len(segments) - 1 and all(
            s.op != "equal" for s in (segments[index - 1], segments[index + 1])
        )
        if seg.op == "equal" and between_changes and not any(ch.isalnum() for ch in seg.text):
            out.append(Segment("delete", seg.text))
            out.append(Segment("insert", seg.text))
        else:
            out.append(seg)
    return out


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    """Join neighbouring segments of the same kind; put each change's deletions before insertions."""
    out: list[Segment] = []
    pending_delete: list[str] = []
    pending_insert: list[str] = []

    def flush() -> None:
        if pending_delete:
            out.append(Segment("delete", "".join(pending_delete)))
        if pending_insert:
            out.append(Segment("insert", "".join(pending_insert)))
        pending_delete.clear()
        pending_insert.clear()

    for seg in segments:
        if not seg.text:
            continue
        if seg.op == "delete":
            pending_delete.append(seg.text)
        elif seg.op == "insert":
            pending_insert.append(seg.text)
        else:
            flush()
            if out and out[-1].op == "equal":
                out[-1] = Segment("equal", out[-1].text + seg.text)
            else:
                out.append(seg)
    flush()
    return tuple(out)


def paragraph_diff(before: list[str], after: list[str]) -> tuple[ParagraphDiff, ...]:
    """Compare a clause's paragraphs.

    Args:
        before: the paragraphs in the earlier version.
        after: the paragraphs in the later version.

    Returns:
        One ``ParagraphDiff`` per paragraph of either version, in reading order. Paragraphs that
        replace others are paired in order and compared word by word; what is left over of a
        replaced block is inserted or deleted whole.
    """
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    out: list[ParagraphDiff] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(ParagraphDiff("equal", (Segment("equal", p),)) for p in before[i1:i2])
            continue
        old, new = before[i1:i2], after[j1:j2]
        for k in range(max(len(old), len(new))):
            if k < len(old) and k < len(new):
                out.append(ParagraphDiff("changed", word_diff(old[k], new[k])))
            elif k < len(old):
                out.append(ParagraphDiff("delete", (Segment("delete", old[k]),)))
            else:
                out.append(ParagraphDiff("insert", (Segment("insert", new[k]),)))
    return tuple(out)


@dataclass(frozen=True)
class _Clause:
    clause_id: str
    number: str
    title: str
    article: str
    paragraphs: list[str]


def _clauses(context: dict[str, Any]) -> list[_Clause]:
    out = []
    for article in context.get("articles", []):
        label = f"{article['number']}. {article['title']}"
        for clause in article.get("clauses", []):
            out.append(
                _Clause(str(clause["id"]), str(clause["number"]), str(clause["title"]), label, list(clause["paragraphs"]))
            )
    return out


def _order(before: list[_Clause], after: list[_Clause]) -> list[tuple[_Clause | None, _Clause | None]]:
    """Pair clauses by id, in the later order, each removed clause after its earlier predecessor."""
    old = {c.clause_id: c for c in before}
    new_ids = {c.clause_id for c in after}
    follows: dict[str | None, list[_Clause]] = {}
    anchor: str | None = None
    for clause in before:
        if clause.clause_id in new_ids:
            anchor = clause.clause_id
        else:
            follows.setdefault(anchor, []).append(clause)
    pairs: list[tuple[_Clause | None, _Clause | None]] = [(c, None) for c in follows.get(None, [])]
    for clause in after:
        pairs.append((old.get(clause.clause_id), clause))
        pairs.extend((c, None) for c in follows.get(clause.clause_id, []))
    return pairs


def compare_contexts(
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    before_label: str | None = None,
    after_label: str | None = None,
) -> VersionDiff:
    """Compare two bylaws render contexts clause by clause.

    Args:
        before: the earlier version's context (``BYLAWS_SHAPE``: ``organization.name``,
            ``document.version``, ``articles[].clauses[]`` with ``id``, ``number``, ``title``,
            ``paragraphs``).
        after: the later version's context.
        before_label, after_label: names for the versions; default: each ``document.version``.

    Returns:
        The ``VersionDiff``: every clause of either version with its kind of change.

    Raises:
        KeyError: a context lacks ``articles`` entries' ``number``/``title`` or a clause's
            ``id``/``number``/``title``/``paragraphs`` (contexts come from
            ``formation.bylaws.render_context``, which always provides them).
    """
    pairs = _order(_clauses(before), _clauses(after))
    changes = []
    for old, new in pairs:
        if old is None and new is not None:
            kind: ClauseChangeKind = "added"
            title = (Segment("insert", new.title),)
            paragraphs = tuple(ParagraphDiff("insert", (Segment("insert", p),)) for p in new.paragraphs)
        elif new is None and old is not None:
            kind = "removed"
            title = (Segment("delete", old.title),)
            paragraphs = tuple(ParagraphDiff("delete", (Segment("delete", p),)) for p in old.paragraphs)
        else:
            assert old is not None and new is not None
            same = old.title == new.title and old.paragraphs == new.paragraphs
            kind = "unchanged" if same else "changed"
            title = (Segment("equal", new.title),) if old.title == new.title else word_diff(old.title, new.title)
            paragraphs = paragraph_diff(old.paragraphs, new.paragraphs)
        changes.append(
            ClauseChange(
                clause_id=(new or old).clause_id,  # type: ignore[union-attr]
                change=kind,
                number_before=old.number if old else None,
                number_after=new.number if new else None,
                title_before=old.title if old else None,
                title_after=new.title if new else None,
                article_before=old.article if old else None,
                article_after=new.article if new else None,
                title=title,
                paragraphs=paragraphs,
            )
        )
    return VersionDiff(
        before_label=before_label or str(before.get("document", {}).get("version", "earlier")),
        after_label=after_label or str(after.get("document", {}).get("version", "later")),
        organization=str(after.get("organization", {}).get("name", "")),
        clauses=tuple(changes),
    )


def compare_versions(
    draft: Any,
    before: int,
    after: int,
    *,
    organization: Any,
    checked_on: str = "unknown",
) -> VersionDiff:
    """Compare two versions of a bylaws draft clause by clause.

    Args:
        draft: the ``BylawsDraft``.
        before, after: the version numbers (any two; usually the earlier first).
        organization: the ``Organization`` (its name and objects fill the clause text).
        checked_on: the ISO date the legal information was checked, or ``"unknown"``.

    Returns:
        The ``VersionDiff``, labelled ``"v1"`` and ``"v2"``.

    Raises:
        InputError: no such version; ``ValidationFailed``: a version's choices are invalid.
    """
    from formation.bylaws import render_context

    old = render_context(draft, before, organization=organization, checked_on=checked_on)
    new = render_context(draft, after, organization=organization, checked_on=checked_on)
    return compare_contexts(old, new)


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


__all__ = [
    "ClauseChange",
    "ParagraphDiff",
    "Segment",
    "VersionDiff",
    "compare_contexts",
    "compare_versions",
    "diff_text",
    "inline_text",
    "paragraph_diff",
    "tokens",
    "word_diff",
]
