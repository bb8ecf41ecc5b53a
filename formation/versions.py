"""Compare two bylaws versions clause by clause.

The comparison works on two bylaws render contexts (``formation.bylaws.render_context``, shape
``formation.documents.bylaws.BYLAWS_SHAPE``): the clause text exactly as the document prints it,
parameters filled in. Clauses are matched by their stable id, not by number, so a clause that
only moved (renumbered because another was added before it) is not reported as changed.

Within a changed clause, paragraphs are aligned with ``difflib.SequenceMatcher`` (Python's
standard library) and each pair of replaced paragraphs is compared word by word, so a reader sees
"14 days" become "21 days" rather than a whole paragraph swapped. The result feeds the wizard's
diff view, ``formation versions diff`` (text and JSON) and the redline (``formation.redline``:
as text with ``diff_text``, as a .docx with ``redline_docx``). The result types are in
``formation.version_diff`` and re-exported here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from formation.version_diff import ClauseChange, ClauseChangeKind, ParagraphDiff, Segment, VersionDiff

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


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
        One ``ParagraphDiff`` per paragraph of either version, in reading order. Within a block
        of replaced paragraphs, a new paragraph is paired with the next old one that is at least
        ``PAIR_SIMILARITY`` alike (and then compared word by word); the others are inserted or
        deleted whole, so a rewritten paragraph is not shown as a patchwork of another one.
    """
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    out: list[ParagraphDiff] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(ParagraphDiff("equal", (Segment("equal", p),)) for p in before[i1:i2])
            continue
        old, new = before[i1:i2], after[j1:j2]
        next_old = 0
        for paragraph in new:
            match = next(
                (k for k in range(next_old, len(old)) if _similarity(old[k], paragraph) >= PAIR_SIMILARITY), None
            )
            if match is None:
                out.append(ParagraphDiff("insert", (Segment("insert", paragraph),)))
                continue
            out.extend(ParagraphDiff("delete", (Segment("delete", p),)) for p in old[next_old:match])
            out.append(ParagraphDiff("changed", word_diff(old[match], paragraph)))
            next_old = match + 1
        out.extend(ParagraphDiff("delete", (Segment("delete", p),)) for p in old[next_old:])
    return tuple(out)


PAIR_SIMILARITY = 0.5
"""How alike (``difflib`` ratio of their words, 0..1) an old and a new paragraph must be to be
shown as one edited paragraph rather than one deleted and one inserted."""


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, tokens(a), tokens(b), autojunk=False).ratio()


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


__all__ = [
    "ClauseChange",
    "ParagraphDiff",
    "Segment",
    "VersionDiff",
    "compare_contexts",
    "compare_versions",
    "paragraph_diff",
    "tokens",
    "word_diff",
]
