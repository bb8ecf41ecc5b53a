"""The capacity record and the handover plan: operations and views.

Pure functions over models (no I/O, no clock): they validate and return records; the caller
stores them with ``Workspace.put``. Today's date is always a parameter.

- Skills: the core list (``CORE_SKILLS``) plus those the group adds (``new_skill``).
- Trainings (``record_training``: linked to a meeting of kind training or gathering when there is
  one) and chances to practise (``record_practice``, ``complete_practice``).
- The handover plan (``formation.handover_plan``, re-exported here): ``plan_handover_item``,
  ``start_handover_item``, ``complete_handover_item`` (records who took the role over and when),
  ``overdue_handover_items``, and ``handover_deadlines`` / ``with_handover_deadlines`` so that
  handover dates join the registration tracker's deadlines and its overdue list.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from formation.capacity_checks import SOURCE, current_member, known_skills, validated
from formation.errors import InputError
from formation.models.capacity import (
    CORE_SKILLS,
    HandoverItem,
    PracticeOpportunity,
    Skill,
    Training,
)
from formation.models.members import Member
from formation.models.partners import Partner

TRAINING_MEETING_KINDS = frozenset({"training", "gathering"})
"""Meeting kinds a training may be linked to (a gathering or training takes no decisions)."""


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
    return validated(Skill, {"kind": "skill", "key": key, "title": title, "description": description})


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
        current_member(member_id, roster, f"participant_ids.{index}")
    training = validated(
        Training,
        {
            "kind": "training",
            "held_on": held_on,
            "topic": topic,
            "skills": known_skills(skills, added_skills),
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
        current_member(member_id, roster, f"member_ids.{index}")
    return validated(
        PracticeOpportunity,
        {
            "kind": "practice_opportunity",
            "what": what,
            "skills": known_skills(skills, added_skills),
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
    return validated(PracticeOpportunity, practice.model_dump(mode="json") | {"status": "done", "done_on": on})


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


# The handover plan lives in its own module; its names are re-exported here.
from formation.handover_plan import (  # noqa: E402
    HANDOVER_OBLIGATION_PREFIX,
    complete_handover_item,
    drop_handover_item,
    handover_deadline,
    handover_deadlines,
    overdue_handover_items,
    plan_handover_item,
    start_handover_item,
    with_handover_deadlines,
)

__all__ = [
    "HANDOVER_OBLIGATION_PREFIX",
    "SkillInfo",
    "SkillProgress",
    "TRAINING_MEETING_KINDS",
    "capacity_record",
    "complete_handover_item",
    "complete_practice",
    "drop_handover_item",
    "handover_deadline",
    "handover_deadlines",
    "new_skill",
    "overdue_handover_items",
    "plan_handover_item",
    "record_practice",
    "record_training",
    "skill_catalogue",
    "skill_key",
    "start_handover_item",
    "with_handover_deadlines",
]
