"""The result of comparing two bylaws versions: clauses, paragraphs and word segments.

``formation.versions.compare_contexts`` builds a ``VersionDiff``; the wizard's diff view, the
command line (``formation versions diff``, text and JSON) and the redline document read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SegmentOp = Literal["equal", "insert", "delete"]
ClauseChangeKind = Literal["added", "removed", "changed", "unchanged"]
ParagraphOp = Literal["equal", "insert", "delete", "changed"]


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


__all__ = ["ClauseChange", "ClauseChangeKind", "ParagraphDiff", "ParagraphOp", "Segment", "SegmentOp", "VersionDiff"]
