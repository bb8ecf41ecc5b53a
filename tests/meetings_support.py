"""Scenario builders for the meetings tests and the minutes benchmark.

The groups, people and numbers come from /work/shared/scenarios.md (fictional groups in real
legal contexts; work names only).
"""

from __future__ import annotations

from pathlib import Path

from formation.crypto import KdfParams
from formation.models import GovernanceRules, Member, Organization, QuorumRule
from formation.store import Workspace

FAST = KdfParams(8192, 1, 1)

HARBOUR_COMMUNITY = ["Kestrel", "Moana", "Juniper", "Saffron", "Tui", "Rook", "Indigo", "Pīwakawaka",
                     "Marlowe", "Opal", "Fern"]
HARBOUR_SUPPORTERS = ["Dr Ana", "Sam"]
HARBOUR_UNDISCLOSED = "Wren"

HARBOUR_RULES = GovernanceRules(
    general_meeting_quorum=QuorumRule(kind="majority_of_voting_members", community_majority_present=True),
    seconder_required=True,
)
"""Harbour Lights' bylaws: quorum a majority of voting members with community members a majority
of those present; ordinary business by a majority of votes cast; amendments two-thirds, the
entrenched clauses three-quarters (the defaults of ``GovernanceRules``)."""

TUMAINI_RULES = GovernanceRules(general_meeting_quorum=QuorumRule(kind="majority_of_voting_members"))
MITRA_RULES = GovernanceRules(general_meeting_quorum=QuorumRule(kind="majority_of_voting_members"))


def new_workspace(tmp_path: Path, name: str = "Harbour Lights Collective") -> Workspace:
    """A fresh encrypted workspace with cheap KDF parameters and an organization."""
    return Workspace.create(tmp_path / "group.formation", "correct horse battery", kdf=FAST,
                            organization=Organization(name=name, objects=["Peer support"]))


def add_members(ws: Workspace, names: list[str], *, community: str = "yes", klass: str = "voting") -> dict[str, Member]:
    """Add members with these work names in one save; returns them by work name."""
    members = [Member(work_name=n, community_member=community, membership_class=klass) for n in names]
    ws.put_many(members)
    return {m.work_name: m for m in members}


def harbour_lights(ws: Workspace) -> dict[str, Member]:
    """Harbour Lights' 14 founding members: 11 community, 2 supporters, Wren (undisclosed, voting)."""
    people = add_members(ws, HARBOUR_COMMUNITY)
    people.update(add_members(ws, HARBOUR_SUPPORTERS, community="no", klass="supporting"))
    people.update(add_members(ws, [HARBOUR_UNDISCLOSED], community="undisclosed"))
    return people


def tumaini(ws: Workspace) -> dict[str, Member]:
    """Tumaini Peer Network's 22 members: 20 community (voting), 2 partner staff (supporters)."""
    people = add_members(ws, [f"Peer {i:02d}" for i in range(1, 21)])
    people.update(add_members(ws, ["Partner staff 1", "Partner staff 2"], community="no", klass="supporting"))
    return people


def mitra(ws: Workspace) -> dict[str, Member]:
    """Mitra Savings Cooperative's 60 members, all community members."""
    return add_members(ws, [f"Sathi {i:02d}" for i in range(1, 61)])
