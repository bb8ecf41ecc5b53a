"""Meeting procedure as pure functions: quorum, the vote a motion needs, and its outcome.

Every function here takes the group's own rules (``formation.models.rules``) and plain counts, and
returns a result with an explanation in plain words. Nothing reads a file, the clock or the
workspace, so each rule is tested with exact values (tests/test_procedure.py).

The source is Robert's Rules of Order Newly Revised, 12th edition (2020), "RONR" below, cited by
section and paragraph (``44:1`` is section 44, paragraph 1):

- quorum: RONR 40:1-40:3 (a quorum is counted among members present, not among those voting;
  without a rule in the bylaws it is a majority of the membership); 40:6-40:7 (without a quorum
  the only valid business is to fix the time to which to adjourn, adjourn, recess, or take
  measures to obtain a quorum; emergency action needs ratification at a later quorate meeting).
- majorities: RONR 44:1 (a majority vote is more than half of the votes cast, blanks and
  abstentions not counted); 44:3 (two-thirds vote: at least two-thirds of the votes cast);
  44:7-44:9 (a majority or two-thirds "of the members present" or "of the entire membership",
  where an abstention has the effect of a vote against); 44:12 (the chair's vote; any extra
  casting vote exists only where the bylaws give it).
- community conditions (``community``): an entrenched clause of the bylaws is amended only with
  community members a majority of the voting members present and a majority of the community
  members voting in favour (the group's own amendments clause, not RONR).
- amendments: RONR section 12 (a primary amendment needs a majority vote even when the main
  motion needs two-thirds); procedural motions: sections 20-22 (recess, adjourn, fix the time to
  which to adjourn: a majority vote).

Consensus is not a Robert's Rules method. It follows the common practice of consensus
decision-making described by Rhizome (http://rhizome.coop/consensus-decision-making-the-moment-of-truth/):
blocks are tested first, then stand-asides, then agreement; a block stops consensus, and what
happens next (the motion falls, or a fallback vote) is for the bylaws to say.
"""

from formation.procedure.common import PROCEDURAL_MOTIONS, MotionType
from formation.procedure.majorities import (
    AMENDMENT_RULE,
    Consensus,
    Outcome,
    Result,
    Side,
    Votes,
    decide_consensus,
    decide_vote,
    describe_community_conditions,
    describe_rule,
    rule_for_motion,
    votes_needed,
)
from formation.procedure.community import CommunityPresence, CommunityVotes, decide_community_vote
from formation.procedure.quorum import (
    BusinessPermission,
    Presence,
    QuorumCheck,
    business_allowed,
    describe_quorum_rule,
    meeting_quorum,
    quorum_for,
    required_quorum,
)

__all__ = [
    "AMENDMENT_RULE", "PROCEDURAL_MOTIONS", "BusinessPermission", "CommunityPresence", "CommunityVotes",
    "Consensus", "MotionType", "Outcome", "Presence", "QuorumCheck", "Result", "Side", "Votes",
    "business_allowed", "decide_community_vote", "decide_consensus", "decide_vote",
    "describe_community_conditions", "describe_quorum_rule", "describe_rule", "meeting_quorum", "quorum_for",
    "required_quorum", "rule_for_motion", "votes_needed",
]
