"""Builders for the bylaws and audit tests: the three founding stories of shared/scenarios.md.

Every group, person and number is invented; work names only.
"""

from __future__ import annotations

import datetime as dt

from formation import bylaws
from formation.models import GoverningBody, Member, Officer, Organization, Seat
from formation.models.bylaws import BylawsDraft
from formation.sample import sample_governing_body, sample_members, sample_organization

DRAFTED = dt.date(2026, 2, 1)


def org(name: str = "Rose & Thorn <Co-op>") -> Organization:
    """An organization with two objects."""
    return Organization(name=name, objects=["To uphold the rights of sex workers.", "To run a peer support space."])


def draft_with(settings: dict[str, str], *, title: str = "Constitution", leave_out: tuple[str, ...] = ()) -> BylawsDraft:
    """A v1 draft with ``{"clause.name": value}`` applied in order."""
    d = bylaws.new_draft(on=DRAFTED, title=title, leave_out=leave_out)
    for target, value in settings.items():
        d = bylaws.set_value(d, target, value)
    return d


def community(n: int, prefix: str = "C") -> list[Member]:
    """``n`` community voting members."""
    return [Member(work_name=f"{prefix}{i}", community_member="yes") for i in range(1, n + 1)]


def supporters(n: int, prefix: str = "S") -> list[Member]:
    """``n`` supporting members who are not community members."""
    return [Member(work_name=f"{prefix}{i}", community_member="no", membership_class="supporting")
            for i in range(1, n + 1)]


def body(community_holders: list[Member], other_holders: list[Member] = (), *, partner_seats: int = 0,
         registrar_seats: int = 0, name: str = "committee") -> GoverningBody:
    """A governing body: seats for the given members, then partner-appointed and registrar seats."""
    seats = [Seat(member_id=m.id) for m in [*community_holders, *other_holders]]
    seats += [Seat(external_holder="Partner appointee", source="partner_appointed") for _ in range(partner_seats)]
    seats += [Seat(external_holder="Registrar's nominee", source="registrar_nominated") for _ in range(registrar_seats)]
    return GoverningBody(name=name, seats=seats)


# ----------------------------------------------------------------------------- scenario 1
def harbour_lights() -> tuple[Organization, list[Member], GoverningBody, BylawsDraft]:
    """Harbour Lights Collective (Wellington): the bundled sample's people and the scenario's
    bylaws choices, which are the library's defaults (committee of 5 with at least 4 community
    members, quorum with a community majority present, amendments by two-thirds with 21 days'
    notice and the community-led clauses entrenched...)."""
    members = sample_members()
    return sample_organization(), members, sample_governing_body(members), bylaws.new_draft(on=DRAFTED)


# ----------------------------------------------------------------------------- scenario 2
TUMAINI_V1 = {
    "governing_body.body_name": "board",
    "governing_body.seats": "7",
    "governing_body.community_seats": "4",
    "partners_and_advisors.partner_role": "partner_appoints_seats",
    "partners_and_advisors.partner_seats": "3",
    "finances.budget": "partner_approves_budget",
}
TUMAINI_V2 = {
    "governing_body.seats": "5",
    "governing_body.community_seats": "5",
    "partners_and_advisors.partner_role": "advisory_only",
    "finances.budget": "general_meeting_approves_budget",
}


def tumaini() -> tuple[list[Member], BylawsDraft, GoverningBody, GoverningBody]:
    """Tumaini Peer Network (Nairobi): 20 community members and 2 partner staff; v1 as the partner
    proposed it and v2 after the group's review; the board under v1 (4 community members and 3
    partner appointees) and under v2 (5 community members)."""
    members = community(20, "T") + supporters(2, "Partner staff ")
    draft = draft_with(TUMAINI_V1, title="Constitution")
    draft = bylaws.new_version(draft, on=DRAFTED + dt.timedelta(days=30), note="after the group's own review")
    for target, value in TUMAINI_V2.items():
        draft = bylaws.set_value(draft, target, value, version=2)
    v1_board = body(members[:4], partner_seats=3, name="board")
    v2_board = body(members[4:9], name="board")
    return members, draft, v1_board, v2_board


# ----------------------------------------------------------------------------- scenario 3
MITRA = {
    "governing_body.body_name": "managing committee",
    "governing_body.seats": "9",
    "governing_body.community_seats": "8",
    "governing_body.composition": "elected_with_statutory_nominee",
    "governing_body.external_seats": "1",
}


def mitra() -> tuple[list[Member], BylawsDraft, GoverningBody]:
    """Mitra Savings Cooperative (Kolkata): 60 community members, a managing committee of 9 of
    whom one seat is nominated by the registrar."""
    members = community(60, "M")
    committee = body(members[:8], registrar_seats=1, name="managing committee")
    committee = committee.model_copy(update={"officers": [
        Officer(role="chair", member_id=members[0].id),
        Officer(role="secretary", member_id=members[1].id),
        Officer(role="treasurer", member_id=members[2].id),
    ]})
    return members, draft_with(MITRA, title="Bye-laws"), committee
