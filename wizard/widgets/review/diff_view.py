"""Two bylaws versions compared clause by clause, as the review screen shows them.

The comparison is ``formation.versions`` (``formation.review.diff_versions``); this module lays it
out: a summary naming exactly the clauses that changed, then each one with its deletions struck
through in red and marked ``[-…-]`` and its insertions underlined in green and marked ``{+…+}``
(the marks keep the difference readable without colour, as in ``formation versions diff``).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from formation.version_diff import ClauseChange, Segment, VersionDiff
from wizard.i18n import N_, _, ngettext

DELETED = "strike red"
INSERTED = "underline green"
CHANGE_LABELS = {"changed": N_("Changed"), "added": N_("Added"), "removed": N_("Removed")}


def marked(segments: Iterable[Segment]) -> Text:
    """Segments as one styled line: ``[-deleted-]`` and ``{+inserted+}``."""
    text = Text()
    for seg in segments:
        if seg.op == "equal":
            text.append(seg.text)
        elif seg.op == "delete":
            text.append("[-" + seg.text + "-]", style=DELETED)
        else:
            text.append("{+" + seg.text + "+}", style=INSERTED)
    return text


def clause_label(clause: ClauseChange) -> str:
    """``"3.1 Governing body [governing_body]"`` (the later number and title)."""
    return clause.heading


def diff_summary(diff: VersionDiff) -> str:
    """One line per kind of change naming every clause concerned, or that nothing changed."""
    if diff.identical:
        return _("{a} and {b} have the same clauses and text.").format(a=diff.before_label, b=diff.after_label)
    lines = []
    for kind in ("changed", "added", "removed"):
        clauses = [c for c in diff.clauses if c.change == kind]
        if clauses:
            lines.append(_("{kind} ({n}): {clauses}").format(kind=_(CHANGE_LABELS[kind]), n=len(clauses),
                                                             clauses="; ".join(clause_label(c) for c in clauses)))
    moved = [c for c in diff.clauses if c.change == "unchanged" and c.renumbered]
    if moved:
        lines.append(ngettext("Renumbered only: {n} clause", "Renumbered only: {n} clauses", len(moved)).format(
            n=len(moved)))
    return "\n".join(lines)


def diff_body(diff: VersionDiff) -> Text:
    """Each added, removed or changed clause with its paragraphs marked."""
    text = Text()
    for clause in diff.touched:
        heading = f"{_(CHANGE_LABELS[clause.change])}: {clause_label(clause)}"
        if clause.renumbered:
            heading += " " + _("(was {number})").format(number=clause.number_before)
        text.append(heading + "\n", style="bold")
        if clause.change == "changed" and clause.title_before != clause.title_after:
            text.append("  " + _("title: "))
            text.append_text(marked(clause.title))
            text.append("\n")
        for paragraph in clause.paragraphs:
            if paragraph.op == "equal":
                continue
            if paragraph.op == "insert":
                text.append("  + ")
                text.append("{+" + (paragraph.after or "") + "+}", style=INSERTED)
            elif paragraph.op == "delete":
                text.append("  - ")
                text.append("[-" + (paragraph.before or "") + "-]", style=DELETED)
            else:
                text.append("  ~ ")
                text.append_text(marked(paragraph.segments))
            text.append("\n")
        text.append("\n")
    return text
