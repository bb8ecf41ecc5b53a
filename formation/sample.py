"""The bundled sample: Harbour Lights Collective, a fictional group in a real legal context.

Built from scenario 1 of the founding stories (Wellington, New Zealand; an incorporated society
under the Incorporated Societies Act 2022): 14 founding members with work names only, of whom 11
community members, 2 supporters and Wren, a voting member whose community status is undisclosed.
Every person and number here is invented. The sample workspace is written UNENCRYPTED (it holds
no real data) and says so wherever it is shown.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from formation.models import (
    FinancialYearEnd,
    FormationPathway,
    GoverningBody,
    Member,
    Officer,
    Organization,
    Seat,
)
from formation.store import Workspace

FOUNDING_DATE = _dt.date(2026, 3, 14)

COMMUNITY_MEMBERS = (
    "Kestrel", "Moana", "Juniper", "Saffron", "Tui", "Rook", "Indigo", "Pīwakawaka", "Marlowe", "Opal", "Fern",
)
SUPPORTERS = ("Dr Ana", "Sam")
UNDISCLOSED = ("Wren",)


def sample_organization() -> Organization:
    """Harbour Lights Collective's organization record."""
    return Organization(
        name="Harbour Lights Collective",
        objects=[
            "To uphold the rights, health, safety and dignity of sex workers in the Wellington region.",
            "To provide peer support, information and a safe place to meet, run by and for sex workers.",
            "To speak for sex workers on laws, policies and services that affect them.",
        ],
        legal_context_id="nz",
        legal_form_id="incorporated_society",
        formation_pathway=FormationPathway(pathway="independent"),
        founding_date=FOUNDING_DATE,
        financial_year_end=FinancialYearEnd(month=3, day=31),
        languages=["en", "mi"],
    )


def sample_members() -> list[Member]:
    """The 14 founding members (work names only), in the order of the scenario."""
    members = [
        Member(work_name=name, community_member="yes", membership_class="voting", joined_on=FOUNDING_DATE)
        for name in COMMUNITY_MEMBERS
    ]
    members += [
        Member(work_name=name, community_member="no", membership_class="supporting", joined_on=FOUNDING_DATE)
        for name in SUPPORTERS
    ]
    members += [
        Member(work_name=name, community_member="undisclosed", membership_class="voting", joined_on=FOUNDING_DATE)
        for name in UNDISCLOSED
    ]
    return members


def sample_governing_body(members: list[Member]) -> GoverningBody:
    """The committee of 5 elected at the founding meeting: 4 community members and Wren."""
    by_name = {m.work_name: m for m in members}
    holders = ["Kestrel", "Moana", "Juniper", "Saffron", "Wren"]
    return GoverningBody(
        name="committee",
        seats=[Seat(member_id=by_name[n].id, source="general_meeting", since=FOUNDING_DATE) for n in holders],
        officers=[
            Officer(role="chair", member_id=by_name["Kestrel"].id, since=FOUNDING_DATE),
            Officer(role="secretary", member_id=by_name["Moana"].id, since=FOUNDING_DATE),
            Officer(role="treasurer", member_id=by_name["Juniper"].id, since=FOUNDING_DATE),
            Officer(role="spokesperson", member_id=by_name["Saffron"].id, since=FOUNDING_DATE),
            Officer(role="contact_person", member_id=by_name["Moana"].id, since=FOUNDING_DATE),
        ],
    )


def build_sample_workspace(path: Path) -> Path:
    """Create the plaintext sample workspace at ``path``.

    Args:
        path: where to create it (must not exist; a missing folder is created with mode 0700).

    Returns:
        ``path``.

    Raises:
        InputError: a file exists at ``path``.
    """
    members = sample_members()
    with Workspace.create(path, None, plaintext=True) as ws, ws.batch():
        ws.put(sample_organization())
        for m in members:
            ws.put(m)
        ws.put(sample_governing_body(members))
    return path
