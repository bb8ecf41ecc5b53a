"""The capacity record and the handover plan: operations and views.

Pure functions over models (no I/O, no clock): they validate and return records; the caller
stores them with ``Workspace.put``. Today's date is always a parameter.

- Skills: the core list (``CORE_SKILLS``) plus those the group adds (``new_skill``).
- Trainings (``record_training``: linked to a meeting of kind training or gathering when there is
  one) and chances to practise (``record_practice``, ``complete_practice``).
- The handover plan: ``plan_handover_item`` (a role held by partner staff or a consultant, the
  member who takes it over, by when), ``start_handover_item``, ``complete_handover_item`` (records
  who took the role over and when), ``overdue_handover_items``, and ``handover_deadlines`` /
  ``with_handover_deadlines`` so that handover dates join the registration tracker's deadlines
  and its overdue list.

The member who takes a role over must be a current member and not a supporter (community status
``"no"``): the point of the plan is that the collective's own members hold its roles (SWIT 2013,
section 6.5, p. 185 and Box 1.2, p. 31: sex workers in management and governance, with mentoring
to get there: http://www.who.int/hiv/pub/sti/sex_worker_implementation/en/). A member whose
status is ``"undisclosed"`` may take a role over: the group need not disclose anyone's status.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from formation.deadlines import Deadline
from formation.errors import InputError, from_validation_error
from formation.models.capacity import (
    CORE_SKILLS,
    HANDOVER_ROLE_SKILLS,
    HandoverItem,
    PracticeOpportunity,
    Skill,
    Training,
)
from formation.models.members import Member
from formation.models.partners import Partner

SOURCE = "capacity"
TRAINING_MEETING_KINDS = frozenset({"training", "gathering"})
"""Meeting kinds a training may be linked to (a gathering or training takes no decisions)."""

HANDOVER_OBLIGATION_PREFIX = "handover_"
"""Deadlines made from handover items have ids ``handover_<role>`` (e.g. ``handover_bookkeeping``)."""


def _validated(cls: type, data: dict[str, Any]) -> Any:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE) from None


def _current_member(member_id: UUID | str | None, members: Iterable[Member], field: str) -> Member:
    wanted = str(member_id)
    found = next((m for m in members if str(m.id) == wanted), None)
    if found is None or not found.is_current:
        raise InputError("is not a current member of the organization", source=SOURCE, field=field)
    return found


def _successor(member_id: UUID | str | None, members: Iterable[Member], field: str) -> Member:
    member = _current_member(member_id, members, field)
    if member.community_member == "no":
        raise InputError(
            "is a supporter: a role in the handover plan passes to a member of the community",
            source=SOURCE,
            field=field,
        )
    return member


# ----------------------------------------------------------------------------- skills
@dataclass(frozen=True, slots=True)
class SkillInfo:
    """A skill as shown: ``key``, ``title``, ``description`` (may be ""), ``core`` (True for the
    core list, False for one the group added)."""

    key: str
    title: str
    description: str
    core: bool


def skill_catalogue(added: Iterable[Skill] = ()) -> list[SkillInfo]:
    """Every skill: the core ones in ``CORE_SKILLS`` order, then the group's own by title."""
    out = [SkillInfo(k, t, d, True) for k, (t, d) in CORE_SKILLS.items()]
    out += sorted((SkillInfo(s.key, s.title, s.description or "", False) for s in added), key=lambda s: s.title.casefold())
    return out


def skill_key(title: str) -> str:
    """A skill key made from a title: ``"Digital security"`` -> ``"digital_security"``.

    Raises:
        InputError: the title has no ASCII letter or digit to make a key from (give ``key``).
    """
    key = re.sub(r"[^a-z0-9]+", "_", title.casefold()).strip("_")[:64]
    if not key or not key[0].isalpha():
        raise InputError("cannot make a key from this title; give a key (a-z, 0-9, _)", source=SOURCE, field="key")
    return key


def new_skill(title: str, *, key: str | None = None, description: str | None = None, existing: Iterable[Skill] = ()) -> Skill:
    """A skill the group adds.

    Args:
        title: its name; key: its key (default: made from the title); description: or None.
        existing: the skills already added.

    Returns:
        The validated ``Skill`` (not stored).

    Raises:
        InputError: the key is a core skill or already added (field ``key``).
        ValidationFailed: a field is invalid.
    """
    key = key or skill_key(title)
    if key in CORE_SKILLS or any(s.key == key for s in existing):
        raise InputError("a skill with this key exists already", source=SOURCE, field="key")
    return _validated(Skill, {"kind": "skill", "key": key, "title": title, "description": description})


def _known_skills(skills: Sequence[str], added: Iterable[Skill], field: str = "skills") -> list[str]:
    known = set(CORE_SKILLS) | {s.key for s in added}
    for index, key in enumerate(skills):
        if key not in known:
            raise InputError("is not a known skill (see the core skills, or add it first)", source=SOURCE,
                             field=f"{field}.{index}")
    return list(skills)


# ----------------------------------------------------------------------------- trainings
def record_training(
    *,
    held_on: _dt.date | str,
    topic: str,
    skills: Sequence[str],
    participant_ids: Sequence[UUID | str] = (),
    members: Iterable[Member] = (),
    added_skills: Iterable[Skill] = (),
    meeting: Any | None = None,
    trainer: str | None = None,
    partner: Partner | None = None,
    notes: str | None = None,
) -> Training:
    """A training held for members.

    Args:
        held_on: ISO date.  topic: what it was about.  skills: skill keys it built.
        participant_ids: the members who took part (current members).
        members: the register of members (to check participants).
        added_skills: the group's own skills (to check keys).
        meeting: the ``Meeting`` it was held at (kind training or gathering, same date), or None.
        trainer: who gave it, as a role or organization; partner: the partner that gave it.
        notes: free text.

    Returns:
        The validated ``Training`` (not stored).

    Raises:
        InputError: an unknown skill (``skills.N``), a participant who is not a current member
            (``participant_ids.N``), or a meeting of another kind or date (``meeting_id``).
        ValidationFailed: a field is invalid.
    """
    roster = list(members)
    for index, member_id in enumerate(participant_ids):
        _current_member(member_id, roster, f"participant_ids.{index}")
    training = _validated(
        Training,
        {
            "kind": "training",
            "held_on": held_on,
            "topic": topic,
            "skills": _known_skills(skills, added_skills),
            "meeting_id": str(meeting.id) if meeting is not None else None,
            "trainer": trainer,
            "partner_id": str(partner.id) if partner is not None else None,
            "participant_ids": [str(i) for i in participant_ids],
            "notes": notes,
        },
    )
    if meeting is not None:
        if meeting.meeting_kind not in TRAINING_MEETING_KINDS:
            raise InputError("is not a meeting of kind training or gathering", source=SOURCE, field="meeting_id")
        if meeting.date != training.held_on:
            raise InputError("was held on another date than the training", source=SOURCE, field="meeting_id")
    return training


def record_practice(
    *,
    what: str,
    skills: Sequence[str],
    member_ids: Sequence[UUID | str],
    members: Iterable[Member],
    added_skills: Iterable[Skill] = (),
    alongside: str | None = None,
    partner: Partner | None = None,
    planned_for: _dt.date | str | None = None,
    done_on: _dt.date | str | None = None,
    notes: str | None = None,
) -> PracticeOpportunity:
    """A chance to practise a skill on real work (planned, or done when ``done_on`` is given).

    Raises:
        InputError: an unknown skill or a member who is not current (names the field).
        ValidationFailed: a field is invalid.
    """
    roster = list(members)
    for index, member_id in enumerate(member_ids):
        _current_member(member_id, roster, f"member_ids.{index}")
    return _validated(
        PracticeOpportunity,
        {
            "kind": "practice_opportunity",
            "what": what,
            "skills": _known_skills(skills, added_skills),
            "member_ids": [str(i) for i in member_ids],
            "alongside": alongside,
            "partner_id": str(partner.id) if partner is not None else None,
            "planned_for": planned_for,
            "status": "done" if done_on is not None else "planned",
            "done_on": done_on,
            "notes": notes,
        },
    )


def complete_practice(practice: PracticeOpportunity, *, on: _dt.date | str) -> PracticeOpportunity:
    """Mark a planned practice done on an ISO date.

    Raises:
        InputError: it is not planned (``status``).  ValidationFailed: the date is invalid.
    """
    if practice.status != "planned":
        raise InputError("only a planned practice can be marked done", source=SOURCE, field="status")
    return _validated(PracticeOpportunity, practice.model_dump(mode="json") | {"status": "done", "done_on": on})


@dataclass(frozen=True, slots=True)
class SkillProgress:
    """One skill's line in the capacity record.

    Attributes:
        skill: the skill.
        trainings: number of trainings that built it; last_trained: the latest ISO date, or None.
        trained_member_ids: members who took part in one of them.
        practised_member_ids: members who practised it (practice done).
        practice_done, practice_planned: counts of practice opportunities.
        open_handover_roles: titles of open handover roles that need it.
    """

    skill: SkillInfo
    trainings: int
    last_trained: _dt.date | None
    trained_member_ids: frozenset[UUID]
    practised_member_ids: frozenset[UUID]
    practice_done: int
    practice_planned: int
    open_handover_roles: tuple[str, ...]


def capacity_record(
    *,
    added_skills: Iterable[Skill] = (),
    trainings: Iterable[Training] = (),
    practice: Iterable[PracticeOpportunity] = (),
    handover_items: Iterable[HandoverItem] = (),
) -> list[SkillProgress]:
    """The capacity record: for every skill, trainings held, who took part, practice, open roles.

    Returns:
        One ``SkillProgress`` per skill in ``skill_catalogue`` order (skills nobody trained in
        yet are included, with zeros: they show what is still to do).
    """
    trainings = list(trainings)
    practice = list(practice)
    items = [i for i in handover_items if i.is_open]
    out = []
    for skill in skill_catalogue(added_skills):
        mine = [t for t in trainings if skill.key in t.skills]
        done = [p for p in practice if skill.key in p.skills and p.status == "done"]
        planned = [p for p in practice if skill.key in p.skills and p.status == "planned"]
        out.append(
            SkillProgress(
                skill=skill,
                trainings=len(mine),
                last_trained=max((t.held_on for t in mine), default=None),
                trained_member_ids=frozenset(m for t in mine for m in t.participant_ids),
                practised_member_ids=frozenset(m for p in done for m in p.member_ids),
                practice_done=len(done),
                practice_planned=len(planned),
                open_handover_roles=tuple(i.role_title for i in items if skill.key in i.skills),
            )
        )
    return out


# ----------------------------------------------------------------------------- handover plan
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
        _successor(successor_id, list(members), "successor_id")
    keys = list(HANDOVER_ROLE_SKILLS.get(role, ())) if skills is None else _known_skills(skills, added_skills)
    return _validated(
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
    _successor(chosen, list(members), "successor_id")
    return _validated(
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
    _successor(taken_over_by, list(members), "taken_over_by")
    updated = _validated(
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
    return _validated(HandoverItem, item.model_dump(mode="json") | {"status": "dropped", "notes": notes})


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
    soon_end = status.as_of + _dt.timedelta(days=due_soon_days)
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
