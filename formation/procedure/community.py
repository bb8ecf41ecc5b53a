"""The community conditions of a vote: how an entrenched clause of the bylaws is amended.

The amendments clause (``templates/bylaws/clauses/amendments.toml``, option ``entrenched``) lets
an entrenched provision be amended "only by a general meeting, by at least three-quarters of the
votes cast ... and only if community members are a majority of the voting members present and a
majority of the community members voting vote in favour". The fraction is an ordinary counted
vote (``decide_vote``, RONR 44:1-44:3); the two community conditions come from the group's own
bylaws (``MajorityRule.community_majority_present`` and ``community_majority_of_votes_cast``):

- community members present: counted as for the quorum (only a member whose community status is
  ``"yes"`` counts; ``"undisclosed"`` never does), more than half of the voting members present;
- community members voting: of the community members who voted in favour or against
  (abstentions are not votes cast, RONR 44:1), more than half voted in favour. Counts alone
  cannot show this, so such a vote needs a roll call (each voter's status is read from the
  register) or separate counts of the community members' votes.
"""

from __future__ import annotations

from dataclasses import dataclass

from formation.errors import InputError
from formation.models.rules import MajorityRule
from formation.procedure.common import SOURCE as _SOURCE, count_of, percent
from formation.procedure.majorities import Outcome, Side, Votes, decide_vote, describe_community_conditions


@dataclass(frozen=True)
class CommunityVotes:
    """How the community members among the voters voted.

    Attributes:
        in_favour: community members' votes in favour (>= 0).
        against: community members' votes against (>= 0).
    """

    in_favour: int
    against: int

    def __post_init__(self) -> None:
        count_of(self.in_favour, "community_in_favour")
        count_of(self.against, "community_against")

    @property
    def cast(self) -> int:
        """Community members' votes cast: in favour plus against."""
        return self.in_favour + self.against


@dataclass(frozen=True)
class CommunityPresence:
    """Community members among the voting members present (counted as for the quorum).

    Attributes:
        community: community members among them (>= 0, at most ``present``).
        present: voting members present and counted (>= 0).
    """

    community: int
    present: int

    def __post_init__(self) -> None:
        count_of(self.community, "community_present")
        count_of(self.present, "members_present")
        if self.community > self.present:
            raise InputError("more community members than voting members present", source=_SOURCE,
                             field="community_present")


def decide_community_vote(
    rule: MajorityRule,
    votes: Votes,
    *,
    community: CommunityVotes | None = None,
    presence: CommunityPresence | None = None,
    members_present: int | None = None,
    voting_members: int | None = None,
    chair_casting_vote: bool = False,
    casting_vote: Side | None = None,
) -> Outcome:
    """Decide a counted vote under a rule that may carry community conditions.

    Args:
        rule: the rule for this kind of decision (for an entrenched clause: three-quarters of
            votes cast, ``community_majority_present`` and ``community_majority_of_votes_cast``).
        votes: the counts of all voters.
        community: how the community members voted; required when the rule has
            ``community_majority_of_votes_cast`` (from a roll call, or counted separately).
        presence: community members among the voting members present; required when the rule
            has ``community_majority_present``.
        members_present, voting_members, chair_casting_vote, casting_vote: as ``decide_vote``.

    Returns:
        ``decide_vote``'s ``Outcome`` for a rule without community conditions. Otherwise carried
        only if that vote carries and each condition holds; the explanation says which did not.
        Three-quarters of votes cast with both conditions: 9-2-0 with community members 6-1 of
        11 present, 8 of them community members, is carried; 9-2-0 with community members 2-2
        is lost (a tie is not a majority), although 9 of 11 is 82%.

    Raises:
        InputError: the rule needs the community members' votes and ``community`` is None (field
            ``community_in_favour``: with counts only nobody can know who voted how; take a roll
            call or count the community members' votes); more community votes in favour or
            against than all votes in favour or against (``community_in_favour`` /
            ``community_against``); the rule needs the community members present and
            ``presence`` is None (``attendance``); community votes given to a rule that does not
            need them (``community_in_favour``: they are not kept without a reason); as
            ``decide_vote``.

    Source: the group's bylaws (the amendments clause's entrenchment option); RONR 44:1 for votes
    cast.
    """
    if community is not None and not rule.community_majority_of_votes_cast:
        raise InputError("the bylaws do not ask how community members voted on this decision, so their votes are "
                         "not recorded separately", source=_SOURCE, field="community_in_favour")
    if rule.community_majority_of_votes_cast:
        if community is None:
            raise InputError(
                "this decision (an entrenched clause) also needs a majority of the community members voting in "
                "favour, and counts alone cannot show how community members voted: take a roll call, or give the "
                "community members' votes in favour and against (community_in_favour, community_against)",
                source=_SOURCE, field="community_in_favour",
            )
        if community.in_favour > votes.in_favour:
            raise InputError(f"{community.in_favour} community votes in favour, more than the {votes.in_favour} "
                             "votes in favour", source=_SOURCE, field="community_in_favour")
        if community.against > votes.against:
            raise InputError(f"{community.against} community votes against, more than the {votes.against} votes "
                             "against", source=_SOURCE, field="community_against")
    if rule.community_majority_present and presence is None:
        raise InputError("this decision needs community members to be a majority of the voting members present, "
                         "and who is present is not known", source=_SOURCE, field="attendance")
    base = decide_vote(rule, votes, members_present=members_present, voting_members=voting_members,
                       chair_casting_vote=chair_casting_vote, casting_vote=casting_vote)
    conditions = describe_community_conditions(rule)
    if not conditions:
        return base
    text = base.explanation.removesuffix(" Carried.").removesuffix(" Lost.")
    carried = base.carried
    if rule.community_majority_present and presence is not None:
        needed = presence.present // 2 + 1
        met = presence.community >= needed
        text += (f" Community members are {presence.community} of the {presence.present} voting members present; "
                 f"the bylaws need more than half (at least {needed}): {'met' if met else 'not met'}.")
        carried = carried and met
    if rule.community_majority_of_votes_cast and community is not None:
        met = community.in_favour > community.against
        text += (f" Community members voting: {community.in_favour} in favour, {community.against} against "
                 f"({percent(community.in_favour, community.cast)} in favour); the bylaws need more than half of "
                 f"them in favour: {'met' if met else 'not met'}.")
        carried = carried and met
    text += " Carried." if carried else " Lost."
    return Outcome("carried" if carried else "lost", base.rule, base.needed, text)
