"""Checks shared by the capacity record and the handover plan (members, skills, validation).

Errors name the field at fault and never repeat a member's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from formation.errors import InputError, from_validation_error
from formation.models.capacity import CORE_SKILLS, Skill
from formation.models.members import Member

SOURCE = "capacity"


def validated(cls: type, data: dict[str, Any]) -> Any:
    """``cls.model_validate(data)``; a ``ValidationFailed`` naming each field (source "capacity")."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE) from None


def current_member(member_id: UUID | str | None, members: Iterable[Member], field: str) -> Member:
    """The current member with this id.

    Raises:
        InputError: none, or the member has left (names ``field``, never the member).
    """
    wanted = str(member_id)
    found = next((m for m in members if str(m.id) == wanted), None)
    if found is None or not found.is_current:
        raise InputError("is not a current member of the organization", source=SOURCE, field=field)
    return found


def successor_member(member_id: UUID | str | None, members: Iterable[Member], field: str) -> Member:
    """A current member who may take a role over: not a supporter (community status ``"no"``).

    Raises:
        InputError: not a current member, or a supporter (names ``field``).
    """
    member = current_member(member_id, members, field)
    if member.community_member == "no":
        raise InputError(
            "is a supporter: a role in the handover plan passes to a member of the community",
            source=SOURCE,
            field=field,
        )
    return member


def known_skills(skills: Sequence[str], added: Iterable[Skill], field: str = "skills") -> list[str]:
    """``skills`` as a list, each checked to be a core skill or one in ``added``.

    Raises:
        InputError: an unknown key (field ``skills.N``).
    """
    known = set(CORE_SKILLS) | {s.key for s in added}
    for index, key in enumerate(skills):
        if key not in known:
            raise InputError("is not a known skill (see the core skills, or add it first)", source=SOURCE,
                             field=f"{field}.{index}")
    return list(skills)
