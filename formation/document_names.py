"""How people are named in a document: work names inside the group, roles and aliases outside.

``names_for`` builds a ``Names`` for one document. Internal documents use work names. Share-safe
documents (the ``shareable`` export profile, ``formation.documents.display_names``) name a
person by their role in the document ("Chair", "Minute-taker", "Treasurer") or by their stable
alias from the workspace's alias map ("Member C"), and ``Names.text`` replaces every member's
work or legal name inside free text (motion wording, notes, place) the same way: redaction in
the data, before rendering (research/security.md section 4).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from uuid import UUID

from formation.models import AliasMap, GoverningBody, Member
from formation.models.meetings import Meeting

MONTHS = ("January February March April May June July August September October November December").split()


ROLE_LABELS = {
    "chair": "Chair",
    "convenor": "Convenor",
    "secretary": "Secretary",
    "treasurer": "Treasurer",
    "spokesperson": "Spokesperson",
    "contact_person": "Contact person",
}


def long_date(value: _dt.date | None) -> str:
    """``"17 December 2025"`` (day, English month name, year), or ``""`` for None."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@dataclass
class Names:
    """How people are named in one document.

    Attributes:
        share_safe: True when names are replaced by roles and aliases.
        labels: member id -> what the document calls them.
        pattern: a regex matching any member's work or legal name in free text (share-safe), or None.
        name_ids: case-folded name -> member id, for the replacements in free text.
    """

    share_safe: bool
    labels: dict[UUID, str]
    pattern: re.Pattern[str] | None = None
    name_ids: dict[str, UUID] = field(default_factory=dict)

    def of(self, member_id: UUID | None) -> str:
        """The label of a member, or ``""`` for None (``"a member"`` / ``"(not a member)"`` for an
        id the document does not know)."""
        if member_id is None:
            return ""
        return self.labels.get(member_id, "a member" if self.share_safe else "(not a member)")

    def text(self, value: str | None) -> str:
        """Free text with every member's name replaced by their label when share-safe."""
        if not value:
            return ""
        if self.pattern is None:
            return value

        def replace(match: re.Match[str]) -> str:
            member_id = self.name_ids.get(match.group(0).casefold())
            return self.of(member_id) if member_id is not None else "a member"

        return self.pattern.sub(replace, value)


def names_for(
    members: Iterable[Member],
    *,
    share_safe: bool,
    roles: Mapping[UUID, str] | None = None,
    alias_map: AliasMap | None = None,
) -> Names:
    """Build the naming of one document.

    Args:
        members: every member record (all their names are redacted from free text when share-safe).
        share_safe: replace names by roles and aliases (the ``shareable`` export profile).
        roles: member id -> role label (``"Chair"``, ``"Minute-taker"``, ``"Treasurer"``), used
            first when share-safe; two people with one role become ``"Spokesperson 1"``, ``"... 2"``.
        alias_map: the workspace's alias map (``formation.documents.assign_aliases``), required
            when share-safe; everyone without a role is named by their stable alias (``"Member C"``).

    Returns:
        A ``Names``.

    Raises:
        DocumentError: share-safe without an alias map, or a member missing from it.
    """
    from formation.documents import display_names

    members = list(members)
    if not share_safe:
        return Names(False, {m.id: m.work_name for m in members})
    totals: dict[str, int] = {}
    for role in (roles or {}).values():
        totals[role] = totals.get(role, 0) + 1
    seen: dict[str, int] = {}
    numbered: dict[UUID, str] = {}
    for member_id, role in (roles or {}).items():
        if totals[role] > 1:
            seen[role] = seen.get(role, 0) + 1
            role = f"{role} {seen[role]}"
        numbered[member_id] = role
    labels = display_names(members, "shareable", roles=numbered, alias_map=alias_map)
    name_ids: dict[str, UUID] = {}
    spellings: set[str] = set()
    for member in members:
        for name in (member.work_name, member.legal_name):
            if name:
                name_ids.setdefault(name.casefold(), member.id)
                spellings.update({name, name.casefold()})
    pattern = None
    if spellings:
        ordered = sorted(spellings, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)", re.IGNORECASE)
    return Names(True, labels, pattern, name_ids)


def meeting_roles(meeting: Meeting | None, governing_body: GoverningBody | None) -> dict[UUID, str]:
    """Role labels for share-safe documents: the meeting's chair and minute-taker, then officers."""
    roles: dict[UUID, str] = {}
    if meeting is not None:
        if meeting.chair_id:
            roles[meeting.chair_id] = "Chair"
        if meeting.minute_taker_id and meeting.minute_taker_id not in roles:
            roles[meeting.minute_taker_id] = "Minute-taker"
    for officer in governing_body.officers if governing_body else []:
        if officer.member_id and officer.member_id not in roles:
            roles[officer.member_id] = officer.title if officer.role == "other" and officer.title else ROLE_LABELS.get(officer.role, "Officer")
    return roles
