"""The decisions register, action items, and corrections to locked minutes.

A carried main motion becomes a numbered ``Decision`` linked to its meeting and motion, to the
bylaws clause it relies on or amends, and to the obligations it starts (``Trigger``). An
``ActionItem`` says who does what by when. A ``MinutesCorrection`` corrects minutes that are
already locked without changing them (RONR section 35).
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal
from uuid import UUID

from pydantic import Field

from formation.models.base import FormationModel, ISODate, PositiveCount, Record, Text, register
from formation.models.due_rules import EventName
from formation.models.motions import BylawsRef, ClauseId, ContentHash, ObligationId, Wording
from formation.models.rules import DecisionKind


class Trigger(FormationModel):
    """An obligation a decision starts, with the date that starts it.

    Serialised as ``{"obligation": "change_of_officers", "event": "officer_change",
    "date": "2025-03-01"}``.

    Attributes:
        obligation: what the decision starts, e.g. ``"change_of_officers"`` (the notice to the
            registrar after officers change).
        event: the dated event the legal contexts' due rules count from
            (``formation.models.due_rules.EventName``: ``"officer_change"``,
            ``"special_resolution"``, ...), or None when no due rule counts from it.
        date: the ISO date it starts from (the meeting's date).
    """

    obligation: ObligationId
    event: EventName | None = None
    date: ISODate


@register
class Decision(Record):
    """An entry in the decisions register: a carried motion.

    Attributes:
        number: its number in the register (1, 2, ...).
        meeting_id, motion_id: where it was decided.
        decided_on: ISO date of the meeting.
        text: the motion's final wording.
        decision_kind: which majority applied.
        rule: the rule applied, in words.
        outcome: the counts and result in words.
        clause_id, clause_relation: the bylaws clause it relies on or amends, or None.
        triggers: the obligations it starts (e.g. a change of officers starts the registrar
            notice obligation).
        adopts_bylaws: the bylaws version it adopted, or None.
        needs_ratification: taken at an inquorate meeting; not final until ratified.
        ratified_by: the decision that ratified it, or None.
    """

    kind: Literal["decision"] = "decision"
    number: PositiveCount
    meeting_id: UUID
    motion_id: UUID
    decided_on: ISODate
    text: Wording
    decision_kind: DecisionKind = "ordinary"
    rule: Text
    outcome: Text
    clause_id: ClauseId | None = None
    clause_relation: Literal["relies_on", "amends"] | None = None
    triggers: list[Trigger] = Field(default_factory=list, max_length=20)
    adopts_bylaws: BylawsRef | None = None
    needs_ratification: bool = Field(default=False, strict=True)
    ratified_by: UUID | None = None


@register
class ActionItem(Record):
    """Something a member agreed to do.

    Attributes:
        what: the task.
        owner_id: the member who does it.
        due: ISO due date, or None.
        status: ``"open"``, ``"done"`` or ``"dropped"``.
        meeting_id: the meeting it came from, or None.
        decision_id: the decision it carries out, or None.
        completed_on: ISO date it was done or dropped, or None.
    """

    kind: Literal["action_item"] = "action_item"
    what: Wording
    owner_id: UUID
    due: ISODate | None = None
    status: Literal["open", "done", "dropped"] = "open"
    meeting_id: UUID | None = None
    decision_id: UUID | None = None
    completed_on: ISODate | None = None

    def is_overdue(self, today: _dt.date) -> bool:
        """True if still open and its due date is before ``today`` (an ISO date)."""
        return self.status == "open" and self.due is not None and self.due < today


@register
class MinutesCorrection(Record):
    """A correction to minutes that are already locked: a new record linked to them, so the
    locked minutes and their hash never change (RONR section 35, amending something previously
    adopted).

    Attributes:
        meeting_id: the meeting whose minutes it corrects.
        corrects_hash: the content hash of those locked minutes.
        made_on: ISO date the correction was agreed.
        at_meeting_id: the meeting that agreed it, or None.
        text: the correction in words.
    """

    kind: Literal["minutes_correction"] = "minutes_correction"
    meeting_id: UUID
    corrects_hash: ContentHash
    made_on: ISODate
    at_meeting_id: UUID | None = None
    text: Wording
