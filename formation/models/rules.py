"""Governance rules: what the adopted bylaws say about quorum, majorities and procedure.

The bylaws (``formation.clauses`` / the bylaws draft) produce a ``GovernanceRules``; the meeting
procedure (``formation.procedure``) applies it to attendance and votes. Keeping this one model
between them means a meeting is always decided by the group's own rules, never by defaults
hidden in code.

Terms follow Robert's Rules of Order Newly Revised, 12th ed. (RONR): "majority of votes cast"
(RONR 44:1-44:4), "two-thirds vote" (44:3), "majority of the members present" and "of the entire
membership" (44:9), quorum (40:1-40:9), chair's casting vote (44:12).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from formation.models.base import Days, FormationModel, PositiveCount, Share

DecisionKind = Literal[
    "ordinary",
    "amend_bylaws",
    "amend_entrenched",
    "elect_governing_body",
    "remove_officer",
    "admit_member",
    "expel_member",
    "dissolution",
]
"""The kinds of decision whose required majority the bylaws may set separately."""

DECISION_KINDS: tuple[str, ...] = DecisionKind.__args__  # type: ignore[attr-defined]


class QuorumRule(FormationModel):
    """How many voting members must be present for a meeting to do business.

    Attributes:
        kind: ``"majority_of_voting_members"`` (more than half: 13 -> 7),
            ``"share_of_voting_members"`` (at least ``share`` of them, rounded up), or
            ``"fixed_number"`` (at least ``number``).
        share: a fraction 0..1 for ``share_of_voting_members``.
        number: a count >= 1 for ``fixed_number``.
        minimum: a floor for the share-based kinds (e.g. "a majority, and at least 3"), or None.
        community_majority_present: True if community members must also be more than half of
            the voting members present.
    """

    kind: Literal["majority_of_voting_members", "share_of_voting_members", "fixed_number"] = (
        "majority_of_voting_members"
    )
    share: Share | None = None
    number: PositiveCount | None = None
    minimum: PositiveCount | None = None
    community_majority_present: bool = Field(default=False, strict=True)

    @model_validator(mode="after")
    def _parameters_match_kind(self) -> "QuorumRule":
        if self.kind == "share_of_voting_members" and (self.share is None or self.share == 0):
            raise ValueError("share (a fraction above 0, at most 1) is required for share_of_voting_members")
        if self.kind == "fixed_number" and self.number is None:
            raise ValueError("number (at least 1) is required for fixed_number")
        return self


class MajorityRule(FormationModel):
    """The vote a decision needs.

    Attributes:
        kind: ``"majority"`` (more than half), ``"two_thirds"`` or ``"three_quarters"`` (at
            least that fraction), ``"unanimous"``, or ``"consensus"`` (no block; stand-asides
            allowed up to ``max_stand_asides`` where set).
        basis: what the fraction is of: ``"votes_cast"`` (abstentions and blanks not counted,
            RONR 44:1), ``"members_present"`` (an abstention counts as a no, RONR 44:9), or
            ``"all_members"`` (the voting members on the register, RONR 44:9).
        fallback: for consensus, the vote taken when consensus fails because of a block, or
            None (a block then defeats the motion).
        max_stand_asides: for consensus, the most stand-asides before consensus fails, or None.
        community_majority_of_votes_cast: True if, besides the fraction above, a majority of the
            community members voting (in favour or against; abstentions are not votes cast) must
            vote in favour: the entrenched clauses of the amendments clause. Counts alone cannot
            show it: the vote needs a roll call or separate counts of the community members'
            votes (``formation.procedure.decide_community_vote``).
        community_majority_present: True if community members must also be more than half of the
            voting members present when the vote is taken (the same counting as the quorum's
            ``community_majority_present``).
    """

    kind: Literal["majority", "two_thirds", "three_quarters", "unanimous", "consensus"] = "majority"
    basis: Literal["votes_cast", "members_present", "all_members"] = "votes_cast"
    fallback: "MajorityRule | None" = None
    max_stand_asides: int | None = Field(default=None, ge=0, strict=True)
    community_majority_of_votes_cast: bool = Field(default=False, strict=True)
    community_majority_present: bool = Field(default=False, strict=True)

    @model_validator(mode="after")
    def _fallback_only_for_consensus(self) -> "MajorityRule":
        if self.fallback is not None:
            if self.kind != "consensus":
                raise ValueError("fallback is only for a consensus rule")
            if self.fallback.kind == "consensus":
                raise ValueError("the fallback of a consensus rule must be a vote, not consensus")
        if self.kind == "consensus" and (self.community_majority_of_votes_cast or self.community_majority_present):
            raise ValueError("the community conditions apply to a vote, not to consensus: set them on the fallback vote")
        return self

    @property
    def needs_community_votes(self) -> bool:
        """True if deciding a vote under this rule needs to know how community members voted."""
        return self.community_majority_of_votes_cast


def _default_majorities() -> dict[str, MajorityRule]:
    return {
        "ordinary": MajorityRule(kind="majority"),
        "amend_bylaws": MajorityRule(kind="two_thirds"),
        "amend_entrenched": MajorityRule(kind="three_quarters"),
        "elect_governing_body": MajorityRule(kind="majority"),
        "remove_officer": MajorityRule(kind="two_thirds"),
        "admit_member": MajorityRule(kind="majority"),
        "expel_member": MajorityRule(kind="two_thirds"),
        "dissolution": MajorityRule(kind="three_quarters"),
    }


class GovernanceRules(FormationModel):
    """Everything meeting procedure needs from the bylaws.

    Attributes:
        general_meeting_quorum: the quorum of general meetings (AGM, special general meetings).
        governing_body_quorum: the quorum of governing body meetings (of its voting seats).
        majorities: the rule for each ``DecisionKind``; every kind must be present.
        seconder_required: True if a motion needs a seconder before it is debated.
        chair_casting_vote: True if the chair may break a tie (RONR 44:12 gives no casting vote
            unless the bylaws do).
        proxies_allowed: True if a voting member may appoint another member as proxy; proxies
            then count toward quorum and vote.
        remote_attendance_counts: True if members present by phone or online count toward quorum
            and vote.
        inquorate_business: ``"adjourn_only"`` (RONR 40:6: only adjourn, recess, fix the time to
            adjourn to, or take measures to obtain a quorum) or ``"may_decide_subject_to_ratification"``.
        notice_days_general_meeting: days of notice for a general meeting.
        notice_days_amendment: days of notice for a motion to amend the bylaws.
        special_meeting_request_share: the fraction 0..1 of voting members who may require a
            special general meeting.
        community_members_only_vote: True if the bylaws give the vote at general meetings to
            community members only (the membership classes clause's "community members vote"
            option): a member recorded as not a community member has no vote and does not count
            toward a quorum, whatever class the register puts them in (``formation.roll``).
    """

    general_meeting_quorum: QuorumRule = Field(default_factory=QuorumRule)
    governing_body_quorum: QuorumRule = Field(default_factory=QuorumRule)
    majorities: dict[DecisionKind, MajorityRule] = Field(default_factory=_default_majorities)
    seconder_required: bool = Field(default=True, strict=True)
    chair_casting_vote: bool = Field(default=False, strict=True)
    proxies_allowed: bool = Field(default=False, strict=True)
    remote_attendance_counts: bool = Field(default=True, strict=True)
    inquorate_business: Literal["adjourn_only", "may_decide_subject_to_ratification"] = "adjourn_only"
    notice_days_general_meeting: Days = 14
    notice_days_amendment: Days = 21
    special_meeting_request_share: Share = 0.1
    community_members_only_vote: bool = Field(default=False, strict=True)

    @model_validator(mode="after")
    def _every_kind_has_a_majority(self) -> "GovernanceRules":
        missing = [kind for kind in DECISION_KINDS if kind not in self.majorities]
        if missing:
            raise ValueError("majorities is missing a rule for: " + ", ".join(missing))
        return self
