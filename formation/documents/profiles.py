"""Export profiles: how members are named in a document that leaves the workspace.

research/security.md section 4 ("Redaction design") and issue 7:

- ``internal``: work names (for the members themselves);
- ``shareable``: a role where the document gives one ("Chair", "Treasurer"), otherwise a stable
  alias ("Member A") from the workspace's ``AliasMap``;
- ``aggregate``: no names at all; the document shows counts and tallies only.

Redaction happens in the data, before rendering, never by hiding text in the document (hidden
text survives in the file). A shareable or aggregate export is then leak-scanned
(``leaks.leak_scan``) before it is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, get_args
from uuid import UUID

from formation.errors import DocumentError
from formation.models import AliasMap, Member

Profile = Literal["internal", "shareable", "aggregate"]
"""Who a document is for: the members (``internal``), outsiders (``shareable``, roles and
aliases), or statistics only (``aggregate``)."""

PROFILES: tuple[str, ...] = get_args(Profile)


def alias_label(index: int) -> str:
    """The alias for the ``index``-th member (0-based): "Member A" .. "Member Z", "Member AA"...

    Args:
        index: 0 or more.

    Returns:
        ``"Member "`` and a spreadsheet-style column letter (0 -> A, 25 -> Z, 26 -> AA, 701 -> ZZ,
        702 -> AAA).

    Raises:
        ValueError: a negative index.
    """
    if index < 0:
        raise ValueError("alias index must be 0 or more")
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Member {letters}"


def assign_aliases(alias_map: AliasMap | None, member_ids: Iterable[UUID]) -> AliasMap:
    """Give every member without an alias the next unused one; existing aliases never change.

    New members are taken in the order of their UUIDs (random), not by name or by joining
    date, so an alias says nothing about who it stands for. Aliases of members who left stay in
    the map and are never given to anyone else.

    Args:
        alias_map: the workspace's alias map, or None if it has none yet.
        member_ids: the members who need an alias (already mapped ones are left as they are).

    Returns:
        A new ``AliasMap`` (same record id as ``alias_map`` when one was given); store it with
        the workspace before rendering so the aliases stay stable.
    """
    current = dict(alias_map.aliases) if alias_map is not None else {}
    used = set(current.values())
    index = len(current)
    for member_id in sorted({m for m in member_ids if m not in current}, key=str):
        label = alias_label(index)
        while label in used:
            index += 1
            label = alias_label(index)
        current[member_id] = label
        used.add(label)
        index += 1
    if alias_map is None:
        return AliasMap(aliases=current)
    return alias_map.model_copy(update={"aliases": current})


def display_names(
    members: Iterable[Member],
    profile: Profile,
    *,
    roles: Mapping[UUID, str] | None = None,
    alias_map: AliasMap | None = None,
) -> dict[UUID, str]:
    """How each member is named in a document rendered for ``profile``.

    Args:
        members: the members the document mentions.
        profile: ``"internal"``, ``"shareable"`` or ``"aggregate"``.
        roles: member id -> the role the document names them by ("Chair", "Minute-taker"); used
            by the shareable profile only.
        alias_map: the workspace's alias map; required for ``shareable``. Every member must be
            in it (call ``assign_aliases`` and save the result first).

    Returns:
        Member id -> the name to print: the work name (internal), or the role if given, else
        the alias (shareable).

    Raises:
        DocumentError: an unknown profile; ``aggregate`` (it prints no names: render counts
            only); ``shareable`` without an alias map or with a member missing from it (the
            message gives the member's position in the list, never a name).
    """
    if profile not in PROFILES:
        raise DocumentError(f"export profile {profile!r}: must be one of {', '.join(PROFILES)}")
    if profile == "aggregate":
        raise DocumentError(
            "export profile 'aggregate': prints no names; render counts and tallies only"
        )
    members = list(members)
    if profile == "internal":
        return {member.id: member.work_name for member in members}
    if alias_map is None:
        raise DocumentError("export profile 'shareable': needs the workspace's alias map")
    roles = roles or {}
    names: dict[UUID, str] = {}
    for position, member in enumerate(members):
        role = roles.get(member.id)
        if role:
            names[member.id] = role
            continue
        alias = alias_map.aliases.get(member.id)
        if alias is None:
            raise DocumentError(
                f"export profile 'shareable': member {position + 1} of {len(members)} has no alias; "
                "assign aliases (assign_aliases) and save the alias map first"
            )
        names[member.id] = alias
    return names
