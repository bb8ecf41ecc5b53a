"""Majorities: the vote a motion needs under the bylaws, and its outcome.

Source: Robert's Rules of Order Newly Revised, 12th ed. (RONR) 44:1 (a majority vote is more
than half of the votes cast, blanks and abstentions not counted); 44:3 (two-thirds: at least
two-thirds of the votes cast); 44:7-44:9 ("of the members present", "of the entire membership":
an abstention then has the effect of a vote against); 44:12 (the chair's vote; an extra casting
vote only where the bylaws give it); section 12 (an amendment needs a majority even when the
motion needs more); sections 20-22 (recess, adjourn, fix the time to which to adjourn: a majority).
Consensus follows common practice (http://rhizome.coop/consensus-decision-making-the-moment-of-truth/):
blocks first, then stand-asides, then agreement; the fallback is the bylaws' own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from formation.errors import InputError
from formation.models.rules import GovernanceRules, MajorityRule
from formation.procedure.common import PROCEDURAL_MOTIONS, SOURCE as _SOURCE, MotionType, count_of, percent, plural

Side = Literal["in_favour", "against"]
Result = Literal["carried", "lost", "fallback_vote_needed"]


@dataclass(frozen=True)
class Votes:
    """The counted votes on one question.

    Attributes:
        in_favour: votes for (>= 0).
        against: votes against (>= 0).
        abstentions: members who abstained (>= 0).
        blank: blank or spoilt ballots (>= 0).
    """

    in_favour: int
    against: int
    abstentions: int = 0
    blank: int = 0

    def __post_init__(self) -> None:
        for name in ("in_favour", "against", "abstentions", "blank"):
            count_of(getattr(self, name), f"votes.{name}")

    @property
    def cast(self) -> int:
        """Votes cast: in favour plus against (RONR 44:1)."""
        return self.in_favour + self.against

    @property
    def total(self) -> int:
        """Everyone who took part: cast, abstentions and blanks."""
        return self.in_favour + self.against + self.abstentions + self.blank

    def summary(self) -> str:
        """``"8 in favour, 4 against, 1 abstention"`` (blanks only when there are any)."""
        parts = [f"{self.in_favour} in favour", f"{self.against} against",
                 plural(self.abstentions, "abstention")]
        if self.blank:
            parts.append(plural(self.blank, "blank ballot"))
        return ", ".join(parts)


@dataclass(frozen=True)
class Consensus:
    """The responses when a proposal is tested for consensus.

    Attributes:
        agree: members who agree (>= 0).
        stand_asides: members who stand aside (do not agree but will not stop it).
        blocks: members who block.
    """

    agree: int
    stand_asides: int = 0
    blocks: int = 0

    def __post_init__(self) -> None:
        for name in ("agree", "stand_asides", "blocks"):
            count_of(getattr(self, name), f"consensus.{name}")

    @property
    def total(self) -> int:
        """Everyone who responded."""
        return self.agree + self.stand_asides + self.blocks


@dataclass(frozen=True)
class Outcome:
    """The result of a vote or a consensus test.

    Attributes:
        result: ``"carried"``, ``"lost"``, or ``"fallback_vote_needed"`` (consensus failed and
            the bylaws fall back to a vote).
        rule: the rule applied, in words (``"two-thirds of votes cast"``).
        needed: the fewest votes in favour that would have carried it given the other counts,
            or None (consensus, or impossible).
        explanation: the whole reasoning in one or two sentences.
    """

    result: Result
    rule: str
    needed: int | None
    explanation: str

    @property
    def carried(self) -> bool:
        """True if the motion was carried (adopted)."""
        return self.result == "carried"


_FRACTIONS = {"majority": None, "two_thirds": Fraction(2, 3), "three_quarters": Fraction(3, 4),
              "unanimous": Fraction(1)}


def describe_rule(rule: MajorityRule) -> str:
    """The vote a rule requires, in words.

    Returns:
        e.g. ``"a majority of votes cast"``, ``"two-thirds of votes cast"``, ``"a majority of
        all voting members"``, ``"consensus (no block), falling back to two-thirds of votes
        cast"``, ``"three-quarters of votes cast, with a majority of the community members
        voting in favour"``.
    """
    return _describe_fraction(rule) + describe_community_conditions(rule)


def describe_community_conditions(rule: MajorityRule) -> str:
    """A rule's community conditions in words (``""`` when it has none), e.g. ``", with community
    members a majority of the voting members present and a majority of the community members
    voting in favour"`` (``formation.procedure.community``)."""
    parts = []
    if rule.community_majority_present:
        parts.append("community members a majority of the voting members present")
    if rule.community_majority_of_votes_cast:
        parts.append("a majority of the community members voting in favour")
    return (", with " + " and ".join(parts)) if parts else ""


def _describe_fraction(rule: MajorityRule) -> str:
    if rule.kind == "consensus":
        text = "consensus (no block"
        if rule.max_stand_asides is not None:
            text += f", at most {plural(rule.max_stand_asides, 'stand-aside')}"
        text += ")"
        if rule.fallback is not None:
            text += ", falling back to " + describe_rule(rule.fallback)
        return text
    of = {"votes_cast": "votes cast", "members_present": "the voting members present",
          "all_members": "all voting members"}[rule.basis]
    lead = {"majority": "a majority", "two_thirds": "two-thirds", "three_quarters": "three-quarters",
            "unanimous": "all"}[rule.kind]
    if rule.kind == "unanimous" and rule.basis == "votes_cast":
        return "a unanimous vote (no vote against)"
    return f"{lead} of {of}"


def votes_needed(
    rule: MajorityRule,
    *,
    against: int = 0,
    members_present: int | None = None,
    voting_members: int | None = None,
) -> int | None:
    """The fewest votes in favour that carry a motion under ``rule``.

    Args:
        rule: a voting rule (not consensus).
        against: votes against (only matters for the ``votes_cast`` basis).
        members_present: voting members present (``members_present`` basis).
        voting_members: voting members on the register (``all_members`` basis).

    Returns:
        An int, or None when no number of votes can carry it (unanimity with a vote against, or
        a register of 0). Examples: majority of votes cast with 4 against -> 5; two-thirds of
        votes cast with 4 against -> 8; a majority of all members with 20 on the register -> 11.

    Raises:
        InputError: consensus rules, or the count the basis needs is missing.

    Source: RONR 44:1, 44:3, 44:7-44:9.
    """
    if rule.kind == "consensus":
        raise InputError("a consensus rule is not decided by counting votes", source=_SOURCE, field="rule")
    count_of(against, "votes.against")
    if rule.basis == "votes_cast":
        if rule.kind == "majority":
            return against + 1
        if rule.kind == "unanimous":
            return None if against else 1
        fraction = _FRACTIONS[rule.kind]
        # in_favour / (in_favour + against) >= p  <=>  in_favour >= p/(1-p) * against
        return max(math.ceil(fraction / (1 - fraction) * against), 1)
    if rule.basis == "members_present":
        if members_present is None:
            raise InputError("the number of voting members present is needed for this rule",
                             source=_SOURCE, field="members_present")
        base = count_of(members_present, "members_present")
    else:
        if voting_members is None:
            raise InputError("the number of voting members on the register is needed for this rule",
                             source=_SOURCE, field="voting_members")
        base = count_of(voting_members, "voting_members")
    if base == 0:
        return None
    if rule.kind == "majority":
        return base // 2 + 1
    return math.ceil(_FRACTIONS[rule.kind] * base)


def decide_vote(
    rule: MajorityRule,
    votes: Votes,
    *,
    members_present: int | None = None,
    voting_members: int | None = None,
    chair_casting_vote: bool = False,
    casting_vote: Side | None = None,
) -> Outcome:
    """Decide a counted vote (show of hands, roll call or ballot) under the bylaws' rule.

    Args:
        rule: the rule for this kind of decision (``"consensus"`` is refused: use
            ``decide_consensus``, then this function with ``rule.fallback``).
        votes: the counts.
        members_present: voting members present and counted (needed for the ``members_present``
            basis; when given, more votes than this is an error).
        voting_members: voting members on the register (needed for ``all_members``).
        chair_casting_vote: the bylaws give the chair a casting vote.
        casting_vote: the chair's casting vote on a tie, ``"in_favour"`` or ``"against"``.

    Returns:
        An ``Outcome``. Majority of votes cast: 5-5 is lost, and carried with a casting vote in
        favour. Two-thirds of votes cast: 7-4-2 is lost (7 < 8), 8-4-1 carried. Abstentions and
        blanks never count as votes cast (RONR 44:1); under ``members_present`` and
        ``all_members`` they have the effect of a vote against (RONR 44:9).

    Raises:
        InputError: a consensus rule; a missing count for the basis; more votes than voting
        members present (field ``votes``); a casting vote the bylaws do not give, or on a vote
        that is not tied (field ``casting_vote``).

    Source: RONR 44:1, 44:3, 44:7-44:9, 44:12.
    """
    if rule.kind == "consensus":
        raise InputError(
            "the bylaws take this decision by consensus: record agree, stand aside and block "
            "responses instead of counted votes",
            source=_SOURCE, field="votes",
        )
    if members_present is not None:
        count_of(members_present, "members_present")
        if votes.total > members_present:
            raise InputError(
                f"{votes.total} votes and abstentions recorded, more than the {members_present} "
                "voting members present",
                source=_SOURCE, field="votes",
            )
    if voting_members is not None and votes.total > voting_members:
        raise InputError(
            f"{votes.total} votes and abstentions recorded, more than the {voting_members} voting "
            "members on the register",
            source=_SOURCE, field="votes",
        )
    in_favour, against = votes.in_favour, votes.against
    tied = in_favour == against and in_favour > 0
    casting_note = ""
    if casting_vote is not None:
        if casting_vote not in ("in_favour", "against"):
            raise InputError("must be 'in_favour' or 'against'", source=_SOURCE, field="casting_vote")
        if not chair_casting_vote:
            raise InputError(
                "the bylaws give the chair no casting vote, so a tie is lost (Robert's Rules 44:12)",
                source=_SOURCE, field="casting_vote",
            )
        if not tied:
            raise InputError("a casting vote only breaks a tie, and this vote is not tied",
                             source=_SOURCE, field="casting_vote")
        if casting_vote == "in_favour":
            in_favour += 1
        else:
            against += 1
        casting_note = f" The chair gave a casting vote {'in favour' if casting_vote == 'in_favour' else 'against'}."
    needed = votes_needed(rule, against=against, members_present=members_present, voting_members=voting_members)
    carried = needed is not None and in_favour >= needed
    described = describe_rule(rule)
    text = votes.summary() + "."
    if rule.basis == "votes_cast":
        cast = in_favour + against
        if votes.abstentions or votes.blank:
            text += " Abstentions and blank ballots are not votes cast."
        text += f" {in_favour} of {cast} votes cast in favour ({percent(in_favour, cast)})."
    elif rule.basis == "members_present":
        text += f" {in_favour} of {members_present} voting members present in favour ({percent(in_favour, members_present or 0)})."
    else:
        text += f" {in_favour} of {voting_members} voting members on the register in favour ({percent(in_favour, voting_members or 0)})."
    text += casting_note
    if needed is None:
        text += f" Needed {described}: no number of votes in favour could reach it."
    elif rule.basis == "votes_cast":
        text += f" Needed {described}: with {against} against, at least {needed} in favour."
    else:
        text += f" Needed {described}: at least {needed} in favour."
    if tied and casting_vote is None and not carried:
        text += " A tie is lost" + (" (the chair did not use a casting vote)." if chair_casting_vote else ".")
    text += " Carried." if carried else " Lost."
    return Outcome("carried" if carried else "lost", described, needed, text)


def decide_consensus(rule: MajorityRule, consensus: Consensus) -> Outcome:
    """Decide a proposal tested for consensus.

    Args:
        rule: a ``consensus`` rule (with an optional ``fallback`` vote and ``max_stand_asides``).
        consensus: the agree / stand aside / block responses.

    Returns:
        Carried when nobody blocks, at least one agrees, and the stand-asides are within the
        limit. Otherwise lost, or ``"fallback_vote_needed"`` when the bylaws give a fallback
        vote (then decide that vote with ``decide_vote(rule.fallback, ...)``).

    Raises:
        InputError: the rule is not consensus (field ``rule``), or nobody responded.

    Source: consensus practice as described at
    http://rhizome.coop/consensus-decision-making-the-moment-of-truth/ ; the fallback is the
    bylaws' own.
    """
    if rule.kind != "consensus":
        raise InputError(
            f"the bylaws take this decision by {describe_rule(rule)}, not by consensus: record counted votes",
            source=_SOURCE, field="consensus",
        )
    if consensus.total == 0:
        raise InputError("no responses recorded", source=_SOURCE, field="consensus")
    described = describe_rule(rule)
    summary = (f"{consensus.agree} agree, {plural(consensus.stand_asides, 'stand-aside')}, "
               f"{plural(consensus.blocks, 'block')}.")
    failure = None
    if consensus.blocks:
        failure = f"{'A block stops' if consensus.blocks == 1 else 'Blocks stop'} consensus."
    elif rule.max_stand_asides is not None and consensus.stand_asides > rule.max_stand_asides:
        failure = (f"More stand-asides than the {rule.max_stand_asides} the bylaws allow: no consensus.")
    elif consensus.agree == 0:
        failure = "Nobody agreed: no consensus."
    if failure is None:
        return Outcome("carried", described, None, f"{summary} Consensus reached. Carried.")
    if rule.fallback is not None:
        return Outcome(
            "fallback_vote_needed", described, None,
            f"{summary} {failure} The bylaws fall back to a vote: {describe_rule(rule.fallback)}.",
        )
    return Outcome("lost", described, None, f"{summary} {failure} Lost.")


def rule_for_motion(rules: GovernanceRules, decision_kind: str, motion_type: MotionType = "main") -> MajorityRule:
    """The rule a motion is decided by.

    Args:
        rules: the bylaws' rules.
        decision_kind: a ``DecisionKind`` (``"ordinary"``, ``"amend_bylaws"``...).
        motion_type: ``"main"`` or a procedural motion.

    Returns:
        ``rules.majorities[decision_kind]`` for a main motion; a majority of votes cast for a
        procedural motion (RONR sections 20-22).

    Raises:
        InputError: an unknown decision kind (field ``decision_kind``).
    """
    if motion_type in PROCEDURAL_MOTIONS:
        return MajorityRule(kind="majority", basis="votes_cast")
    if decision_kind not in rules.majorities:
        raise InputError("is not a known kind of decision", source=_SOURCE, field="decision_kind")
    return rules.majorities[decision_kind]  # type: ignore[index]


AMENDMENT_RULE = MajorityRule(kind="majority", basis="votes_cast")
"""An amendment to a pending motion needs a majority of votes cast, even when the motion itself
needs more (RONR section 12)."""
