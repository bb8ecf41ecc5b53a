"""Votes and decisions at a meeting, and closing it.

``record_vote`` (counts, a roll call, or a secret ballot that keeps counts only) and
``record_consensus`` (agree, stand aside with a reason, block) record how a motion or amendment
was decided and announce the outcome at once, as a chair does: the rule comes from the bylaws
(``formation.procedure.rule_for_motion``), and a carried main motion enters the decisions
register with the obligations it starts. ``close_meeting`` keeps the quorum as it stood, so the
minutes never change afterwards.

Source: RONR (12th ed.) section 4 (the chair puts the question and announces the result), 40:1-40:7 (a quorum must be
present when a question is decided), 45 (methods of voting; a ballot is secret: 45:18), and
section 12 (amendments).
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from pydantic import ValidationError

from formation import bylaws_link, procedure
from formation.decisions import register_decision
from formation.errors import from_validation_error
from formation.models.decisions import Decision
from formation.models.meetings import (
    Amendment,
    Block,
    ConsensusRecord,
    Meeting,
    Motion,
    QuorumRecord,
    RollCallEntry,
    StandAside,
    VoteRecord,
)
from formation.models.rules import GovernanceRules
from formation.procedure import Consensus, Outcome, Votes
from formation.roll import (
    SOURCE,
    Roll,
    check_voter,
    community_presence_of,
    community_votes_of,
    error,
    find_motion,
    load_meeting,
    load_roll,
    quorum_of,
    require_editable,
    rules_for,
    save_meeting,
    voters_present,
)


def _find_amendment(motion: Motion, amendment_id: UUID | str) -> Amendment:
    found = next((a for a in motion.amendments if str(a.id) == str(amendment_id)), None)
    if found is None:
        raise error("no amendment with that id on this motion", "amendment_id")
    return found


def _check_quorum_for_decision(meeting: Meeting, roll: Roll, gov: GovernanceRules, motion: Motion) -> bool:
    """Refuse a decision an inquorate meeting may not take; True if it needs ratification."""
    check = quorum_of(meeting, roll, gov)
    permission = procedure.business_allowed(gov, check.quorate, motion.motion_type)
    if not permission.allowed:
        raise error(permission.reason, "quorum")
    return permission.needs_ratification


def _vote_rule(gov: GovernanceRules, motion: Motion, amendment: Amendment | None) -> procedure.MajorityRule:
    if amendment is not None:
        return procedure.AMENDMENT_RULE
    rule = procedure.rule_for_motion(gov, motion.decision_kind, motion.motion_type)
    if rule.kind == "consensus":
        if motion.result != "fallback_vote_needed" or rule.fallback is None:
            raise error("the bylaws take this decision by consensus: record the agree, stand aside and "
                        "block responses first (a vote follows only if consensus fails and the bylaws "
                        "give a fallback vote)", "votes")
        return rule.fallback
    return rule


def record_vote(
    ws,  # noqa: ANN001
    meeting_id: UUID | str,
    motion_id: UUID | str,
    *,
    in_favour: int = 0,
    against: int = 0,
    abstentions: int = 0,
    blank: int = 0,
    roll_call: Iterable[RollCallEntry] | None = None,
    secret_ballot: bool = False,
    casting_vote: str | None = None,
    amendment_id: UUID | str | None = None,
    rules: GovernanceRules | None = None,
    community_in_favour: int | None = None,
    community_against: int | None = None,
) -> Outcome:
    """Record the vote on a pending motion (or on its pending amendment) and decide it.

    Args:
        ws: the open workspace; meeting_id, motion_id: where.
        in_favour, against, abstentions, blank: counts (for a show of hands or a ballot).
        roll_call: named votes instead of counts (the counts are then taken from it, and how
            community members voted from each voter's community status on the register: only
            ``"yes"`` counts, ``"undisclosed"`` never; a proxy vote by its principal's status).
        secret_ballot: True for a ballot: counts only, never names.
        casting_vote: the chair's casting vote on a tie (``"in_favour"``/``"against"``), where
            the bylaws give one.
        amendment_id: vote on this pending amendment instead of the motion.
        rules: the governance rules, when not taken from the adopted bylaws.
        community_in_favour, community_against: for counts or a ballot on a decision whose rule
            needs a majority of the community members voting (an entrenched clause), how many of
            the votes in favour and against were community members' votes (both, or neither).

    Returns:
        The ``Outcome``; the motion (or amendment) is saved as carried or lost, and a carried main
        motion enters the decisions register (a carried amendment changes the motion's wording).

    Raises:
        InputError: a vote from a non-member, a supporting member, someone not entitled or not
        present (``roll_call.N.member_id``); more votes than voters present (``votes``); a
        roll call together with a secret ballot (``roll_call``); a motion already decided
        (``motion_id``); a pending amendment (``amendments``); an inquorate meeting
        (``quorum``); a casting vote the bylaws do not give (``casting_vote``); a counts-only
        vote on a decision that needs a majority of the community members voting, community
        counts with a roll call or for a decision that does not need them, or more community
        votes than votes (``community_in_favour`` / ``community_against``).
    """
    meeting = load_meeting(ws, meeting_id)
    require_editable(meeting)
    motion = find_motion(meeting, motion_id)
    amendment = _find_amendment(motion, amendment_id) if amendment_id is not None else None
    if amendment is not None:
        if amendment.result != "pending":
            raise error("this amendment is already decided", "amendment_id")
    elif motion.result not in ("pending", "fallback_vote_needed"):
        raise error("this motion is already decided", "motion_id")
    elif motion.pending_amendment is not None:
        raise error("an amendment to this motion is pending: vote on it first", "amendments")
    gov = rules_for(ws, meeting, rules)
    roll = load_roll(ws, meeting, gov)
    rule = _vote_rule(gov, motion, amendment)
    voters = voters_present(meeting, roll, gov)
    if not voters:
        raise error("no voting member is recorded as present, so nobody can vote", "attendance")
    method = "counts"
    entries: list[RollCallEntry] = []
    if roll_call is not None:
        if secret_ballot:
            raise error("a secret ballot keeps counts only, never a roll call of names", "roll_call")
        method = "roll_call"
        seen: set[tuple[UUID, UUID | None]] = set()
        for i, entry in enumerate(roll_call):
            key = (entry.member_id, entry.proxy_for)
            if key not in voters:
                check_voter(meeting, roll, gov, entry.member_id, f"roll_call.{i}.member_id", entry.proxy_for)
            if key in seen:
                raise error("this member has already voted in this roll call", f"roll_call.{i}.member_id")
            seen.add(key)
            entries.append(entry)
        tally = {"in_favour": 0, "against": 0, "abstain": 0}
        for entry in entries:
            tally[entry.vote] += 1
        in_favour, against, abstentions, blank = tally["in_favour"], tally["against"], tally["abstain"], 0
    elif secret_ballot:
        method = "secret_ballot"
    community = community_votes_of(roll, rule, method=method, entries=entries, in_favour=in_favour, against=against,
                                   community_in_favour=community_in_favour, community_against=community_against,
                                   voters=voters)
    counts = Votes(in_favour, against, abstentions, blank)
    if counts.total > len(voters):
        raise error(f"{counts.total} votes, abstentions and blank ballots recorded, more than the "
                    f"{len(voters)} voters present", "votes")
    try:
        record = VoteRecord(method=method, in_favour=in_favour, against=against, abstentions=abstentions,
                            blank=blank, roll_call=entries, casting_vote=casting_vote,
                            community_in_favour=community_in_favour if method != "roll_call" else None,
                            community_against=community_against if method != "roll_call" else None)
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE, prefix="votes") from None
    needs_ratification = _check_quorum_for_decision(meeting, roll, gov, motion)
    outcome = procedure.decide_community_vote(
        rule, counts, community=community, presence=community_presence_of(meeting, roll, gov),
        members_present=len(voters),
        voting_members=len(roll.electorate), chair_casting_vote=gov.chair_casting_vote,
        casting_vote=casting_vote,  # type: ignore[arg-type]
    )
    if amendment is not None:
        amendment.vote = record
        amendment.result = "carried" if outcome.carried else "lost"
        amendment.outcome = outcome.explanation
        if outcome.carried:
            motion.original_text = motion.original_text or motion.text
            motion.text = amendment.resulting_text
        save_meeting(ws, meeting)
        return outcome
    motion.vote = record
    if motion.consensus is not None:
        # a fallback vote after a failed consensus: keep both explanations
        first = motion.outcome or ""
        outcome = procedure.Outcome(outcome.result, motion.rule or outcome.rule, outcome.needed,
                                    f"{first} Fallback vote: {outcome.explanation}".strip())
    _conclude(ws, meeting, motion, outcome, needs_ratification)
    return outcome


def record_consensus(
    ws,  # noqa: ANN001
    meeting_id: UUID | str,
    motion_id: UUID | str,
    *,
    agree: int,
    stand_asides: Iterable[tuple[UUID, str]] = (),
    blocks: Iterable[tuple[UUID, str | None]] = (),
    rules: GovernanceRules | None = None,
) -> Outcome:
    """Record a consensus test on a pending motion and decide it.

    Args:
        agree: how many agreed.
        stand_asides: ``(member_id, reason)`` for each member standing aside (a reason is required).
        blocks: ``(member_id, reason or None)`` for each member blocking.
        rules: the governance rules, when not taken from the adopted bylaws.

    Returns:
        The ``Outcome``: carried, lost, or ``fallback_vote_needed`` (then record the fallback
        vote with ``record_vote``).

    Raises:
        InputError: the bylaws decide this kind of motion by a vote (``consensus``); someone who
        may not take part (``stand_asides.N.member_id``/``blocks.N.member_id``); more responses
        than voters present (``consensus``); a motion not pending (``motion_id``).
    """
    meeting = load_meeting(ws, meeting_id)
    require_editable(meeting)
    motion = find_motion(meeting, motion_id)
    if motion.result != "pending" or motion.consensus is not None:
        raise error("this motion is already decided", "motion_id")
    if motion.pending_amendment is not None:
        raise error("an amendment to this motion is pending: decide it first", "amendments")
    gov = rules_for(ws, meeting, rules)
    roll = load_roll(ws, meeting, gov)
    rule = procedure.rule_for_motion(gov, motion.decision_kind, motion.motion_type)
    voters = voters_present(meeting, roll, gov)
    seen: set[UUID] = set()
    try:
        record = ConsensusRecord.model_validate({
            "agree": agree,
            "stand_asides": [{"member_id": m, "reason": r} for m, r in stand_asides],
            "blocks": [{"member_id": m, "reason": r} for m, r in blocks],
        })
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE, prefix="consensus") from None
    asides: list[StandAside] = record.stand_asides
    blockers: list[Block] = record.blocks
    for field, items in (("stand_asides", asides), ("blocks", blockers)):
        for i, item in enumerate(items):
            if (item.member_id, None) not in voters:
                check_voter(meeting, roll, gov, item.member_id, f"{field}.{i}.member_id")
            if item.member_id in seen:
                raise error("this member has already responded", f"{field}.{i}.member_id")
            seen.add(item.member_id)
    responses = Consensus(agree, len(asides), len(blockers))
    if responses.total > len(voters):
        raise error(f"{responses.total} responses recorded, more than the {len(voters)} voters present", "consensus")
    needs_ratification = _check_quorum_for_decision(meeting, roll, gov, motion)
    outcome = procedure.decide_consensus(rule, responses)
    motion.consensus = record
    if outcome.result == "fallback_vote_needed":
        motion.result = "fallback_vote_needed"
        motion.rule = outcome.rule
        motion.outcome = outcome.explanation
        save_meeting(ws, meeting)
        return outcome
    _conclude(ws, meeting, motion, outcome, needs_ratification)
    return outcome


def _conclude(ws, meeting: Meeting, motion: Motion, outcome: Outcome, needs_ratification: bool) -> None:  # noqa: ANN001
    """Save the result; a carried main motion enters the register (and may adopt bylaws)."""
    motion.result = "carried" if outcome.carried else "lost"
    motion.rule = outcome.rule
    motion.outcome = outcome.explanation
    motion.needs_ratification = needs_ratification
    with ws.batch():
        if outcome.carried and motion.motion_type == "main":
            decision = register_decision(ws, meeting, motion)
            motion.decision_id = decision.id
            if motion.ratifies is not None:
                ratified = ws.get(Decision, motion.ratifies)
                ws.put(ratified.model_copy(update={"ratified_by": decision.id}))
            if motion.adopts_bylaws is not None:
                bylaws_link.mark_adopted(ws, motion.adopts_bylaws, on=meeting.date, decision_id=decision.id,
                                         founding=meeting.meeting_kind == "founding")
        save_meeting(ws, meeting)


def decide(ws, meeting_id: UUID | str, motion_id: UUID | str, *, rules: GovernanceRules | None = None) -> Outcome:  # noqa: ANN001
    """Decide a motion whose vote or consensus is recorded but not yet decided.

    Returns:
        The ``Outcome`` (saved as with ``record_vote``).

    Raises:
        InputError: nothing recorded to decide, or already decided (``motion_id``).
    """
    meeting = load_meeting(ws, meeting_id)
    require_editable(meeting)
    motion = find_motion(meeting, motion_id)
    if motion.result not in ("pending", "fallback_vote_needed"):
        raise error("this motion is already decided", "motion_id")
    gov = rules_for(ws, meeting, rules)
    roll = load_roll(ws, meeting, gov)
    rule = procedure.rule_for_motion(gov, motion.decision_kind, motion.motion_type)
    if rule.kind == "consensus" and motion.consensus is not None and motion.vote is None:
        c = motion.consensus
        outcome = procedure.decide_consensus(rule, Consensus(c.agree, len(c.stand_asides), len(c.blocks)))
        if outcome.result == "fallback_vote_needed":
            return outcome
    elif motion.vote is not None:
        v = motion.vote
        vote_rule = _vote_rule(gov, motion, None)
        community = community_votes_of(roll, vote_rule, method=v.method, entries=v.roll_call, in_favour=v.in_favour,
                                       against=v.against, community_in_favour=v.community_in_favour,
                                       community_against=v.community_against)
        outcome = procedure.decide_community_vote(
            vote_rule, Votes(v.in_favour, v.against, v.abstentions, v.blank), community=community,
            presence=community_presence_of(meeting, roll, gov),
            members_present=len(voters_present(meeting, roll, gov)), voting_members=len(roll.electorate),
            chair_casting_vote=gov.chair_casting_vote, casting_vote=v.casting_vote,
        )
    else:
        raise error("no vote or consensus is recorded on this motion yet", "motion_id")
    _conclude(ws, meeting, motion, outcome, _check_quorum_for_decision(meeting, roll, gov, motion))
    return outcome


def close_meeting(ws, meeting_id: UUID | str, *, end_time: str | None = None,  # noqa: ANN001
                  rules: GovernanceRules | None = None) -> Meeting:
    """Close a meeting: record the adjournment time and keep the quorum as it stood.

    Args:
        end_time: ``HH:MM`` the meeting adjourned, or None.
        rules: the governance rules, when not taken from the adopted bylaws (not needed for a
            gathering, which has no quorum).

    Raises:
        InputError: a motion still pending (``motions``), nobody entitled to vote
        (``attendance``), an already closed meeting (``status``).
    """
    meeting = load_meeting(ws, meeting_id)
    require_editable(meeting)
    pending = [str(m.number) for m in meeting.motions if m.result in ("pending", "fallback_vote_needed")]
    if pending:
        raise error(f"motion {', '.join(pending)} is still pending: decide or withdraw it before closing", "motions")
    if meeting.meeting_kind != "gathering":
        gov = rules_for(ws, meeting, rules)
        check = quorum_of(meeting, load_roll(ws, meeting, gov), gov)
        rule = gov.governing_body_quorum if meeting.meeting_kind in ("governing_body", "committee") else gov.general_meeting_quorum
        meeting.quorum = QuorumRecord(
            quorate=check.quorate, required=check.required, counted=check.counted,
            voting_members=check.voting_members, community_counted=check.community_counted,
            community_required=check.community_required, explanation=check.explanation,
            rule=procedure.describe_quorum_rule(rule),
        )
    meeting.end_time = end_time if end_time is not None else meeting.end_time
    meeting.status = "closed"
    return save_meeting(ws, meeting)
