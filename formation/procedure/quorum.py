"""Quorum: how many voting members must be present, and what an inquorate meeting may do.

Source: Robert's Rules of Order Newly Revised, 12th ed. (RONR) 40:1-40:3 (a quorum is counted
among the members present, not those voting; without a rule in the bylaws it is a majority of
the membership) and 40:6-40:7 (without a quorum the only valid business is to fix the time to
which to adjourn, adjourn, recess, or take measures to obtain a quorum; emergency action needs
ratification by a later quorate meeting).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from formation.errors import InputError
from formation.models.rules import GovernanceRules, QuorumRule
from formation.procedure.common import PROCEDURAL_MOTIONS, SOURCE as _SOURCE, MotionType, count_of, plural


@dataclass(frozen=True)
class Presence:
    """Who is at a meeting, as counts of voting members (supporters and observers excluded).

    Attributes:
        voting_members: voting members entitled to vote at this meeting (>= 1): the register's
            current voting members for a general meeting, the voting seats for a governing body.
        in_person: voting members present in person.
        remote: voting members present by phone or online.
        proxies: absent voting members represented by a proxy holder who is present.
        community_in_person, community_remote, community_proxies: how many of each group are
            community members (a proxy is counted by its principal's status).
    """

    voting_members: int
    in_person: int
    remote: int = 0
    proxies: int = 0
    community_in_person: int = 0
    community_remote: int = 0
    community_proxies: int = 0

    def __post_init__(self) -> None:
        for name in ("voting_members", "in_person", "remote", "proxies",
                     "community_in_person", "community_remote", "community_proxies"):
            count_of(getattr(self, name), f"presence.{name}")
        if self.voting_members < 1:
            raise InputError(
                "there are no voting members entitled to vote at this meeting; add members "
                "(or seats) before checking a quorum",
                source=_SOURCE, field="presence.voting_members",
            )
        total = self.in_person + self.remote + self.proxies
        if total > self.voting_members:
            raise InputError(
                f"{total} voting members are recorded as present, more than the "
                f"{self.voting_members} entitled to vote",
                source=_SOURCE, field="presence.in_person",
            )
        for group in ("in_person", "remote", "proxies"):
            if getattr(self, f"community_{group}") > getattr(self, group):
                raise InputError(
                    f"more community members than voting members {group.replace('_', ' ')}",
                    source=_SOURCE, field=f"presence.community_{group}",
                )


@dataclass(frozen=True)
class QuorumCheck:
    """The quorum of one meeting, checked.

    Attributes:
        quorate: True if the meeting may do business.
        required: voting members the bylaws' quorum needs (int).
        counted: voting members counted toward it (in person, plus remote and proxies where the
            bylaws count them).
        voting_members: voting members entitled to vote (the denominator of the quorum rule).
        community_counted: community members among ``counted``.
        community_required: community members needed (more than half of ``counted``) when the
            bylaws require a community majority of those present, else None.
        explanation: the check in words, e.g. ``"7 of 13 voting members present; quorum is 7.
            Quorate."``.
    """

    quorate: bool
    required: int
    counted: int
    voting_members: int
    community_counted: int
    community_required: int | None
    explanation: str


def required_quorum(rule: QuorumRule, voting_members: int) -> int:
    """The number of voting members a quorum needs.

    Args:
        rule: the bylaws' quorum rule.
        voting_members: voting members entitled to attend (>= 0).

    Returns:
        ``majority_of_voting_members``: more than half (13 -> 7, 20 -> 11);
        ``share_of_voting_members``: at least that share, rounded up (a third of 20 -> 7);
        ``fixed_number``: the number; each raised to ``rule.minimum`` where the rule sets one,
        and never below 1.

    Source: RONR 40:1-40:3 (a quorum is a number of members present; the default for a society
    with an enrolled membership is a majority of its members).
    """
    count_of(voting_members, "voting_members")
    if rule.kind == "fixed_number":
        need = rule.number or 1
    elif rule.kind == "share_of_voting_members":
        share = Fraction(rule.share or 0).limit_denominator(10_000)
        need = math.ceil(share * voting_members)
    else:
        need = voting_members // 2 + 1
    if rule.kind != "fixed_number" and rule.minimum is not None:
        need = max(need, rule.minimum)
    return max(need, 1)


def describe_quorum_rule(rule: QuorumRule) -> str:
    """The quorum rule in words, e.g. ``"a majority of voting members, with community members
    more than half of those present"``."""
    if rule.kind == "fixed_number":
        text = f"{plural(rule.number or 1, 'voting member')}"
    elif rule.kind == "share_of_voting_members":
        text = f"{round(100 * (rule.share or 0))}% of voting members"
    else:
        text = "a majority of voting members"
    if rule.kind != "fixed_number" and rule.minimum is not None:
        text += f" (at least {rule.minimum})"
    if rule.community_majority_present:
        text += ", with community members more than half of the voting members present"
    return text


def quorum_for(
    rule: QuorumRule,
    presence: Presence,
    *,
    remote_attendance_counts: bool = True,
    proxies_allowed: bool = False,
) -> QuorumCheck:
    """Check the quorum of a meeting against the bylaws' rule.

    Args:
        rule: the quorum rule (general meeting or governing body).
        presence: the counts of voting members present, remote and by proxy.
        remote_attendance_counts: the bylaws count members present by phone or online.
        proxies_allowed: the bylaws allow proxies (which then count toward quorum).

    Returns:
        A ``QuorumCheck``. With 13 voting members, a majority rule and 7 in person: quorate,
        ``"7 of 13 voting members present; quorum is 7. Quorate."``; 6 in person is not quorate.
        With ``community_majority_present``, 10 present of whom 5 are community members is not
        quorate (5 is not more than half of 10).

    Source: RONR 40:1-40:3; the community-majority condition and the counting of remote members
    and proxies come from the group's bylaws only.
    """
    counted = presence.in_person
    community = presence.community_in_person
    notes: list[str] = []
    if presence.remote:
        if remote_attendance_counts:
            counted += presence.remote
            community += presence.community_remote
        else:
            notes.append(
                f"{plural(presence.remote, 'voting member')} present by phone or online "
                f"{'is' if presence.remote == 1 else 'are'} not counted: the bylaws do not count "
                "remote attendance"
            )
    if presence.proxies:
        if proxies_allowed:
            counted += presence.proxies
            community += presence.community_proxies
        else:
            notes.append(
                f"{plural(presence.proxies, 'proxy', 'proxies')} not counted: the bylaws do not "
                "allow proxies"
            )
    required = required_quorum(rule, presence.voting_members)
    quorate = counted >= required
    text = (
        f"{counted} of {presence.voting_members} voting members present; quorum is {required}."
    )
    if notes:
        text += " " + "; ".join(notes).capitalize() + "."
    if required > presence.voting_members:
        text += (
            f" The register has only {presence.voting_members} voting members, so this quorum "
            "cannot be reached."
        )
    community_required = None
    if rule.community_majority_present:
        community_required = counted // 2 + 1
        community_ok = community >= community_required
        text += (
            f" Community members are {community} of the {counted} voting members present; the "
            f"bylaws need more than half (at least {community_required})."
        )
        quorate = quorate and community_ok
    text += " Quorate." if quorate else " Not quorate."
    return QuorumCheck(
        quorate=quorate,
        required=required,
        counted=counted,
        voting_members=presence.voting_members,
        community_counted=community,
        community_required=community_required,
        explanation=text,
    )


def meeting_quorum(rules: GovernanceRules, presence: Presence, *, governing_body: bool = False) -> QuorumCheck:
    """``quorum_for`` with the quorum, remote and proxy rules taken from ``rules``.

    Args:
        rules: the adopted bylaws' governance rules.
        presence: who is present.
        governing_body: True for a meeting of the governing body (its quorum rule), False for a
            general meeting (AGM, special or founding meeting).
    """
    rule = rules.governing_body_quorum if governing_body else rules.general_meeting_quorum
    return quorum_for(
        rule,
        presence,
        remote_attendance_counts=rules.remote_attendance_counts,
        proxies_allowed=rules.proxies_allowed,
    )


@dataclass(frozen=True)
class BusinessPermission:
    """Whether a motion may be taken at this meeting.

    Attributes:
        allowed: True if it may be moved and decided.
        needs_ratification: True if it may be decided only subject to ratification by a later
            quorate meeting.
        reason: the rule in words.
    """

    allowed: bool
    needs_ratification: bool
    reason: str


def business_allowed(rules: GovernanceRules, quorate: bool, motion_type: MotionType) -> BusinessPermission:
    """May an (in)quorate meeting take this motion?

    Args:
        rules: the bylaws' rules (``inquorate_business``).
        quorate: the result of the quorum check.
        motion_type: ``"main"`` for business, or a procedural motion.

    Returns:
        Allowed for anything at a quorate meeting and for procedural motions at any meeting.
        At an inquorate meeting a main motion is refused under ``"adjourn_only"``, and allowed
        subject to ratification under ``"may_decide_subject_to_ratification"``.

    Source: RONR 40:6-40:7.
    """
    if quorate or motion_type in PROCEDURAL_MOTIONS:
        return BusinessPermission(True, False, "allowed")
    if rules.inquorate_business == "may_decide_subject_to_ratification":
        return BusinessPermission(
            True,
            True,
            "the meeting is not quorate: the bylaws let it decide, but the decision must be "
            "ratified by a later meeting with a quorum",
        )
    return BusinessPermission(
        False,
        False,
        "the meeting is not quorate: it may only adjourn, recess, fix the time to which to "
        "adjourn, or take steps to obtain a quorum (Robert's Rules 40:6-40:7)",
    )
