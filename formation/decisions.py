"""The decisions register, the obligations decisions start, and action items.

Every carried main motion becomes a numbered ``Decision`` linked to its meeting and motion, to
the bylaws clause it relies on or amends, and to the obligations it starts: electing or removing
officers starts the notice of a change of officers that most registrars require; amending the
bylaws starts the filing of the amendment. The obligation's deadline itself comes from the legal
context's due rules (``formation.models.due_rules``), which count from the event named in each
``Trigger``. ``ActionItem`` records say who does what by when.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from uuid import UUID

from pydantic import ValidationError

from formation.errors import InputError, from_validation_error
from formation.models import Member
from formation.models.decisions import ActionItem, Decision, Trigger
from formation.models.meetings import GENERAL_MEETING_KINDS, Meeting, Motion

SOURCE = "decisions"

OBLIGATION_EVENTS: dict[str, str | None] = {
    "change_of_officers": "officer_change",
    "amendment_of_bylaws": "special_resolution",
    "change_of_name": "special_resolution",
    "change_of_objects": "special_resolution",
    "dissolution": "special_resolution",
}
"""Obligation ids a decision can start, and the due-rule event each one is dated from
(``formation.models.due_rules.EventName``). Ids not listed start no dated event."""

OBLIGATION_LABELS: dict[str, str] = {
    "change_of_officers": "notice of a change of officers",
    "amendment_of_bylaws": "filing of the amended bylaws",
    "change_of_name": "notice of a change of name",
    "change_of_objects": "notice of a change of objects",
    "dissolution": "notice of dissolution",
}
"""How each obligation reads in documents."""

DECISION_TRIGGERS: dict[str, tuple[str, ...]] = {
    "elect_governing_body": ("change_of_officers",),
    "remove_officer": ("change_of_officers",),
    "amend_bylaws": ("amendment_of_bylaws",),
    "amend_entrenched": ("amendment_of_bylaws",),
    "dissolution": ("dissolution",),
}
"""The obligations each kind of decision starts by itself."""


def triggers_for(motion: Motion, meeting: Meeting) -> list[Trigger]:
    """The obligations a carried motion starts (pure).

    Args:
        motion: the carried motion (its decision kind and extra ``triggers``).
        meeting: its meeting (the date, and whether it is the founding meeting).

    Returns:
        One ``Trigger`` per obligation, dated the meeting's date, without repeats. Adopting the
        first bylaws at the founding meeting is not an amendment, so it starts no amendment
        filing.
    """
    ids = list(DECISION_TRIGGERS.get(motion.decision_kind, ()))
    if motion.adopts_bylaws is not None and meeting.meeting_kind == "founding":
        ids = [i for i in ids if i != "amendment_of_bylaws"]
    ids += [i for i in motion.triggers if i not in ids]
    return [Trigger(obligation=i, event=OBLIGATION_EVENTS.get(i), date=meeting.date) for i in ids]  # type: ignore[arg-type]


def register_decision(ws, meeting: Meeting, motion: Motion) -> Decision:  # noqa: ANN001
    """Enter a carried motion in the decisions register (saved; numbered after the last one).

    Returns:
        The new ``Decision``.
    """
    number = max((d.number for d in ws.all(Decision)), default=0) + 1
    decision = Decision(
        number=number, meeting_id=meeting.id, motion_id=motion.id, decided_on=meeting.date,
        text=motion.text, decision_kind=motion.decision_kind, rule=motion.rule or "",
        outcome=motion.outcome or "", clause_id=motion.clause_id, clause_relation=motion.clause_relation,
        triggers=triggers_for(motion, meeting), adopts_bylaws=motion.adopts_bylaws,
        needs_ratification=motion.needs_ratification,
    )
    ws.put(decision)
    return decision


def decisions_register(ws) -> list[Decision]:  # noqa: ANN001
    """Every decision, in register order."""
    return sorted(ws.all(Decision), key=lambda d: d.number)


def meeting_events(meetings: Iterable[Meeting], decisions: Iterable[Decision]) -> list[tuple[str, _dt.date]]:
    """Dated events the legal contexts' due rules count from, taken from the meetings record (pure).

    Returns:
        ``(event, date)`` pairs sorted by date: ``"agm"`` for each closed AGM,
        ``"general_meeting"`` for each other closed general or special meeting, and the event of
        each decision's triggers (``"officer_change"``, ``"special_resolution"``).
    """
    events: set[tuple[str, _dt.date]] = set()
    for meeting in meetings:
        if meeting.status != "closed" or (meeting.quorum is not None and not meeting.quorum.quorate):
            continue
        if meeting.meeting_kind == "agm":
            events.add(("agm", meeting.date))
        elif meeting.meeting_kind in GENERAL_MEETING_KINDS - {"founding"}:
            events.add(("general_meeting", meeting.date))
    for decision in decisions:
        for trigger in decision.triggers:
            if trigger.event is not None:
                events.add((trigger.event, trigger.date))
    return sorted(events, key=lambda e: (e[1], e[0]))


# ---------------------------------------------------------------------------- action items


def add_action_item(
    ws,  # noqa: ANN001
    what: str,
    owner_id: UUID,
    *,
    due: _dt.date | str | None = None,
    meeting_id: UUID | None = None,
    decision_id: UUID | None = None,
) -> ActionItem:
    """Record an action item and save it.

    Args:
        what: the task; owner_id: the member who does it (a current member).
        due: ISO due date, or None.
        meeting_id, decision_id: where it came from, or None.

    Raises:
        InputError: the owner is not a current member (``owner_id``), an unknown meeting or
        decision, or a due date before the meeting (``due``); ValidationFailed for bad fields.
    """
    owner = next((m for m in ws.all(Member) if m.id == owner_id), None)
    if owner is None or not owner.is_current:
        raise InputError("is not a current member of the organization", source=SOURCE, field="owner_id")
    meeting = ws.get(Meeting, meeting_id) if meeting_id is not None else None
    if decision_id is not None:
        ws.get(Decision, decision_id)
    try:
        item = ActionItem(what=what, owner_id=owner_id, due=due, meeting_id=meeting_id, decision_id=decision_id)
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE) from None
    if meeting is not None and item.due is not None and item.due < meeting.date:
        raise InputError("is before the meeting the action item comes from", source=SOURCE, field="due")
    if meeting is not None and meeting.minutes.locked:
        raise InputError("the minutes of that meeting are locked; add the action item at a later meeting",
                         source=SOURCE, field="meeting_id")
    ws.put(item)
    return item


def complete_action_item(ws, item_id: UUID | str, *, on: _dt.date | str, status: str = "done") -> ActionItem:  # noqa: ANN001
    """Mark an action item done (or dropped) on an ISO date, and save it.

    Raises:
        InputError: it is not open (``status``), or the date is invalid (``completed_on``).
    """
    item = ws.get(ActionItem, item_id)
    if item.status != "open":
        raise InputError("this action item is already closed", source=SOURCE, field="status")
    if status not in ("done", "dropped"):
        raise InputError("must be 'done' or 'dropped'", source=SOURCE, field="status")
    try:
        updated = ActionItem.model_validate({**item.model_dump(), "status": status, "completed_on": on})
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE) from None
    ws.put(updated)
    return updated


def overdue(items: Iterable[ActionItem], today: _dt.date) -> list[ActionItem]:
    """The open action items whose due date is before ``today`` (an ISO date), soonest first (pure)."""
    late = [i for i in items if i.is_overdue(today)]
    return sorted(late, key=lambda i: (i.due or today, i.what))
