"""Small helpers shared by the quorum and majority rules."""

from __future__ import annotations

from typing import Literal

from formation.errors import InputError

MotionType = Literal["main", "adjourn", "recess", "fix_time_to_adjourn", "obtain_quorum"]
"""A main motion (business), or one of the procedural motions an inquorate meeting may still
take (RONR 40:7)."""

PROCEDURAL_MOTIONS: tuple[str, ...] = ("adjourn", "recess", "fix_time_to_adjourn", "obtain_quorum")

SOURCE = "procedure"
"""The ``source`` of errors raised by the procedure rules."""


def count_of(value: int, field: str) -> int:
    """``value`` if it is a whole number >= 0, else ``InputError`` naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError("must be a whole number, 0 or more", source=SOURCE, field=field)
    return value


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a rounded percentage (``"79%"``)."""
    return f"{round(100 * part / whole)}%" if whole else "no votes"


def plural(n: int, one: str, many: str | None = None) -> str:
    """``"1 block"``, ``"2 blocks"`` (``many`` for an irregular plural)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
