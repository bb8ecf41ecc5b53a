"""A bylaws draft's review history: versions, review notes and the group's decisions, by date."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from formation.models.bylaws import BylawsDraft
from formation.models.review import ReviewNote


@dataclass(frozen=True)
class HistoryEvent:
    """One event in a draft's review history.

    Attributes:
        on: the ISO date.
        what: ``"version"`` (a version entered a status), ``"note"`` (a note was made) or
            ``"decision"`` (a proposal was accepted or rejected).
        version: the version concerned.
        text: a plain-language line (``"v2 sent for review"``, ``"partner-NGO lawyer: 3.2
            [quorum] needs change"``, ``"general meeting accepted note 1a2b3c4d: v3 started"``).
        note_id: the note's id for note and decision events, else None.
    """

    on: _dt.date
    what: str
    version: int
    text: str
    note_id: UUID | None = None


_VERSION_EVENTS = {"draft": "started", "under_review": "sent for review", "adopted": "adopted"}


def review_history(draft: BylawsDraft, notes: Iterable[ReviewNote]) -> list[HistoryEvent]:
    """The draft's history: versions, notes and decisions, oldest first.

    Args:
        draft: the bylaws draft.
        notes: its review notes (``notes_of``).

    Returns:
        ``HistoryEvent`` items sorted by date; on one date, version events come before notes and
        notes before decisions.
    """
    from formation.models.review import STATUS_LABELS

    events: list[tuple[tuple[Any, ...], HistoryEvent]] = []
    for version in draft.versions:
        for step in version.history:
            text = f"v{version.number} {_VERSION_EVENTS[step.status]}"
            if step.status == "draft" and version.based_on:
                text += f" from v{version.based_on}"
            if step.status == "draft" and version.note:
                text += f": {version.note}"
            events.append(((step.on, 0, version.number), HistoryEvent(step.on, "version", version.number, text)))
    for note in notes:
        where = f"{note.clause_number} [{note.clause_id}]" if note.clause_id else "the document as a whole"
        who = note.reviewer_role + (f" ({note.reviewer_name})" if note.reviewer_name else "")
        text = f"{who} on v{note.version}, {where}: {STATUS_LABELS[note.status].lower()}"
        if note.has_proposal:
            text += ", with proposed wording"
        events.append(((note.created_on, 1, note.version), HistoryEvent(note.created_on, "note", note.version, text, note.id)))
        if note.resolution is not None:
            r = note.resolution
            text = f"{r.decided_by} {r.decision} note {note.short_id}"
            if r.new_version:
                text += f": v{r.new_version} started with the proposed wording"
            events.append(((r.decided_on, 2, note.version), HistoryEvent(r.decided_on, "decision", note.version, text, note.id)))
    return [event for _, event in sorted(events, key=lambda pair: pair[0])]


__all__ = ["HistoryEvent", "review_history"]
