"""Rules of the register of members that span more than one member record.

Pure functions over member records; the command line (``formation members add|edit``) and the
wizard's member form both call them, so the register keeps the same rules wherever it is edited.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from uuid import UUID

from formation.errors import InputError
from formation.models.members import Member


def same_work_name(a: str, b: str) -> bool:
    """True when two work names would read as the same name: equal after Unicode NFC
    normalisation, trimming and case folding ("Kestrel", " kestrel")."""
    def key(name: str) -> str:
        return unicodedata.normalize("NFC", name).strip().casefold()

    return key(a) == key(b)


def check_new_work_name(
    members: Iterable[Member],
    work_name: str,
    *,
    ignore_id: UUID | None = None,
    current: bool = True,
) -> None:
    """Refuse a work name that another current member already uses.

    A work name is how the group knows a member in minutes, votes and lists (the register holds
    no legal name unless the member gives one), so two current members never share one: a roll
    call or an action item naming "Kestrel" must mean one person. Former members (``left_on``
    set) keep their names in old minutes and do not block a name.

    Args:
        members: every member record of the workspace.
        work_name: the work name being given (to a new member, or by an edit).
        ignore_id: the id of the member being edited (its own record does not count), or None
            for a new member.
        current: whether the member being added or edited is current; a former member's record
            is not checked.

    Returns:
        None when the name is free.

    Raises:
        InputError: ``field="work_name"``, "another current member already uses this work name"
            (the name itself is not repeated in the message).
    """
    if not current:
        return
    for member in members:
        if member.is_current and member.id != ignore_id and same_work_name(member.work_name, work_name):
            raise InputError("another current member already uses this work name", field="work_name")


__all__ = ["check_new_work_name", "same_work_name"]
