"""The handover plan: roles a partner's staff or a consultant hold today, passing to members.

Pure functions over models (no I/O, no clock): they validate and return ``HandoverItem`` records;
the caller stores them with ``Workspace.put``. ``formation.capacity`` re-exports every public name
here, so callers may use either module.

- ``plan_handover_item``: a role, who holds it today (as a role), the member who takes it over,
  by when; ``start_handover_item``; ``complete_handover_item`` records who took the role over and
  when; ``drop_handover_item``.
- ``overdue_handover_items``: open items past their date; ``handover_deadlines`` /
  ``with_handover_deadlines``: the plan's dates as ``formation.deadlines.Deadline`` entries that
  join the registration tracker's deadlines and its overdue list.

The member who takes a role over must be a current member and not a supporter (community status
``"no"``): the point of the plan is that the collective's own members hold its roles (SWIT 2013,
section 6.5, p. 185 and Box 1.2, p. 31: sex workers in management and governance, with mentoring
to get there: http://www.who.int/hiv/pub/sti/sex_worker_implementation/en/). A member whose
status is ``"undisclosed"`` may take a role over: the group need not disclose anyone's status.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from formation.capacity_checks import SOURCE, known_skills, successor_member, validated
from formation.deadlines import Deadline, days_after
from formation.errors import InputError
from formation.models.capacity import HANDOVER_ROLE_SKILLS, HandoverItem, Skill
from formation.models.members import Member
from formation.models.partners import Partner

HANDOVER_OBLIGATION_PREFIX = "handover_"
"""Deadlines made from handover items have ids ``handover_<role>`` (e.g. ``handover_bookkeeping``)."""

__all__ = [
    "HANDOVER_OBLIGATION_PREFIX",
    "complete_handover_item",
    "drop_handover_item",
    "handover_deadline",
    "handover_deadlines",
    "overdue_handover_items",
    "plan_handover_item",
    "start_handover_item",
    "with_handover_deadlines",
]

def plan_handover_item(
    *,
    role: str,
    held_by_label: str,
    due: _dt.date | str,
    members: Iterable[Member] = (),
    held_by: str = "partner_staff",
    partner: Partner | None = None,
    successor_id: UUID | str | None = None,
    title: str | None = None,
    starts_on: _dt.date | str | None = None,
    skills: Sequence[str] | None = None,
    added_skills: Iterable[Skill] = (),
    notes: str | None = None,
) -> HandoverItem:
    """A role in the handover plan.

    Args:
        role: ``"bookkeeping"``, ``"bank_signatory"``, ``"report_writing"``, ``"spokesperson"``,
            ``"coordination"`` or ``"other"`` (then ``title`` is required).
        held_by_label: who holds it today, as a role (``"the partner's part-time bookkeeper"``).
        due: ISO date by which a member holds it.
        members: the register (to check the successor).
        held_by: ``"partner_staff"`` (then ``partner`` is required) or ``"consultant"``.
        partner: the partner whose staff hold it.
        successor_id: the member who takes it over (current, not a supporter), or None for now.
        title: the role's name for ``"other"``.
        starts_on: ISO date the handover of the role starts, or None.
        skills: skills it needs (default: the core skills for the role, ``HANDOVER_ROLE_SKILLS``).
        added_skills: the group's own skills (to check keys).
        notes: free text.

    Returns:
        The validated ``HandoverItem`` with status ``"planned"`` (not stored).

    Raises:
        InputError: the successor is not a current member or is a supporter (``successor_id``);
            an unknown skill (``skills.N``).
        ValidationFailed: a field is invalid (``partner_id`` when partner staff hold the role and
            no partner is given, ``title`` for ``"other"``...).
    """
    if successor_id is not None:
        successor_member(successor_id, list(members), "successor_id")
    keys = list(HANDOVER_ROLE_SKILLS.get(role, ())) if skills is None else known_skills(skills, added_skills)
    return validated(
        HandoverItem,
        {
            "kind": "handover_item",
            "role": role,
            "title": title,
            "held_by": held_by,
            "held_by_label": held_by_label,
            "partner_id": str(partner.id) if partner is not None else None,
            "successor_id": str(successor_id) if successor_id is not None else None,
            "due": due,
            "starts_on": starts_on,
            "skills": keys,
            "notes": notes,
        },
    )


def start_handover_item(item: HandoverItem, *, on: _dt.date | str, successor_id: UUID | str | None = None,
                        members: Iterable[Member] = ()) -> HandoverItem:
    """Mark a planned role as in progress from an ISO date (optionally choosing the successor now).

    Raises:
        InputError: the item is not planned (``status``); the successor is not a current member of
            the community (``successor_id``); no successor is chosen (``successor_id``).
        ValidationFailed: the date is invalid or after the due date.
    """
    if item.status != "planned":
        raise InputError("only a planned role can be started", source=SOURCE, field="status")
    chosen = successor_id if successor_id is not None else item.successor_id
    if chosen is None:
        raise InputError("choose the member who takes the role over first", source=SOURCE, field="successor_id")
    successor_member(chosen, list(members), "successor_id")
    return validated(
        HandoverItem,
        item.model_dump(mode="json") | {"status": "in_progress", "starts_on": on, "successor_id": str(chosen)},
    )


def complete_handover_item(
    item: HandoverItem,
    *,
    taken_over_by: UUID | str,
    on: _dt.date | str,
    members: Iterable[Member],
    note: str | None = None,
) -> HandoverItem:
    """Record that a member took a role over: status ``"done"``, with who and when.

    Args:
        item: an open (planned or in progress) handover item.
        taken_over_by: the member who now holds the role (current, not a supporter); may differ
            from the planned successor (the plan changes; the record keeps who actually did).
        on: the ISO date they took it over (not before ``starts_on``).
        members: the register.
        note: free text, or None.

    Returns:
        The updated ``HandoverItem`` (not stored), ``completion`` set.

    Raises:
        InputError: the item is not open (``status``); the member is not a current member of the
            community (``taken_over_by``); the date is before the handover started (``on``).
        ValidationFailed: the date is invalid.
    """
    if not item.is_open:
        raise InputError("this role's handover is already done or dropped", source=SOURCE, field="status")
    successor_member(taken_over_by, list(members), "taken_over_by")
    updated = validated(
        HandoverItem,
        item.model_dump(mode="json")
        | {"status": "done", "completion": {"taken_over_by": str(taken_over_by), "completed_on": on, "note": note}},
    )
    assert updated.completion is not None
    if item.starts_on and updated.completion.completed_on < item.starts_on:
        raise InputError("is before the handover of this role started", source=SOURCE, field="on")
    return updated


def drop_handover_item(item: HandoverItem, *, reason: str | None = None) -> HandoverItem:
    """Take an open role out of the plan (e.g. the collective no longer needs it).

    Raises:
        InputError: the item is not open (``status``).
    """
    if not item.is_open:
        raise InputError("this role's handover is already done or dropped", source=SOURCE, field="status")
    notes = "\n".join(x for x in (item.notes, reason) if x) or None
    return validated(HandoverItem, item.model_dump(mode="json") | {"status": "dropped", "notes": notes})


def overdue_handover_items(items: Iterable[HandoverItem], as_of: _dt.date) -> list[HandoverItem]:
    """The open handover items due before ``as_of`` (an ISO date), most overdue first."""
    return sorted((i for i in items if i.is_overdue(as_of)), key=lambda i: (i.due, i.role))


def handover_deadline(item: HandoverItem) -> Deadline:
    """One handover item as a ``formation.deadlines.Deadline`` (id ``handover_<role>``).

    The deadline's ``reference`` is ``"handover plan"``; ``basis`` says who holds the role today.
    """
    return Deadline(
        obligation_id=f"{HANDOVER_OBLIGATION_PREFIX}{item.role}",
        title=f"Handover: {item.role_title}",
        due=item.due,
        anchor=item.starts_on or item.due,
        basis=f"handover plan: held today by {item.held_by_label}",
        occurrence=1,
        reference="handover plan",
    )


def handover_deadlines(items: Iterable[HandoverItem]) -> list[Deadline]:
    """The open handover items as deadlines, by due date (done and dropped ones are left out)."""
    return sorted((handover_deadline(i) for i in items if i.is_open), key=lambda d: (d.due, d.obligation_id))


def with_handover_deadlines(status: Any, items: Iterable[HandoverItem], *, due_soon_days: int = 60) -> Any:
    """Join the handover plan's dates to a registration tracker's picture.

    Args:
        status: a ``formation.registration.TrackerStatus``.
        items: the handover items.
        due_soon_days: the tracker's "due soon" window in days (the same as it was made with).

    Returns:
        A copy of ``status`` with each open item's deadline added to ``overdue`` (due before
        ``status.as_of``), ``due_soon`` (up to ``due_soon_days`` later) or ``upcoming``, each list
        kept sorted by due date.
    """
    soon_end = days_after(status.as_of, due_soon_days)
    overdue, soon, later = list(status.overdue), list(status.due_soon), list(status.upcoming)
    for deadline in handover_deadlines(items):
        if deadline.due < status.as_of:
            overdue.append(deadline)
        elif deadline.due <= soon_end:
            soon.append(deadline)
        else:
            later.append(deadline)

    def order(ds: list[Deadline]) -> tuple[Deadline, ...]:
        return tuple(sorted(ds, key=lambda d: (d.due, d.obligation_id, d.occurrence)))

    return dataclasses.replace(status, overdue=order(overdue), due_soon=order(soon), upcoming=order(later))
