"""Quorum and majorities (formation.procedure): exact values, then properties.

Source of the rules: Robert's Rules of Order Newly Revised, 12th ed. (40:1-40:7 quorum; 44:1,
44:3, 44:7-44:9 majorities; 44:12 the chair's vote; section 12 amendments).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formation.errors import InputError
from formation.models.rules import GovernanceRules, MajorityRule, QuorumRule
from formation.procedure import (
    AMENDMENT_RULE,
    Consensus,
    Presence,
    Votes,
    business_allowed,
    decide_consensus,
    decide_vote,
    describe_quorum_rule,
    describe_rule,
    meeting_quorum,
    quorum_for,
    required_quorum,
    rule_for_motion,
    votes_needed,
)

MAJORITY = MajorityRule(kind="majority", basis="votes_cast")
TWO_THIRDS = MajorityRule(kind="two_thirds", basis="votes_cast")


# --------------------------------------------------------------------------- quorum


def test_quorum_majority_of_13_voting_members_is_7():
    assert required_quorum(QuorumRule(kind="majority_of_voting_members"), 13) == 7


def test_7_of_13_present_is_quorate_and_explained_in_words():
    check = quorum_for(QuorumRule(), Presence(voting_members=13, in_person=7))
    assert check.quorate
    assert check.required == 7
    assert check.explanation.startswith("7 of 13 voting members present; quorum is 7.")


def test_6_of_13_present_is_inquorate():
    check = quorum_for(QuorumRule(), Presence(voting_members=13, in_person=6))
    assert not check.quorate
    assert "6 of 13 voting members present; quorum is 7." in check.explanation
    assert check.explanation.endswith("Not quorate.")


@pytest.mark.parametrize(("members", "quorum"), [(1, 1), (2, 2), (12, 7), (20, 11), (60, 31)])
def test_majority_quorum_is_more_than_half(members, quorum):
    assert required_quorum(QuorumRule(), members) == quorum


def test_share_quorum_rounds_up_and_respects_minimum():
    third = QuorumRule(kind="share_of_voting_members", share=1 / 3)
    assert required_quorum(third, 20) == 7
    assert required_quorum(third, 9) == 3  # exactly a third, no float drift to 4
    floor = QuorumRule(kind="share_of_voting_members", share=0.1, minimum=5)
    assert required_quorum(floor, 20) == 5


def test_fixed_quorum_larger_than_register_says_it_cannot_be_reached():
    check = quorum_for(QuorumRule(kind="fixed_number", number=15), Presence(voting_members=12, in_person=12))
    assert not check.quorate
    assert "cannot be reached" in check.explanation


def test_community_majority_rule_10_present_5_community_is_inquorate():
    rule = QuorumRule(community_majority_present=True)
    check = quorum_for(rule, Presence(voting_members=13, in_person=10, community_in_person=5))
    assert not check.quorate
    assert check.counted == 10 and check.required == 7  # the count alone would be quorate
    assert check.community_required == 6
    assert "Community members are 5 of the 10 voting members present" in check.explanation


def test_community_majority_rule_6_of_10_is_quorate():
    rule = QuorumRule(community_majority_present=True)
    assert quorum_for(rule, Presence(voting_members=13, in_person=10, community_in_person=6)).quorate


def test_remote_members_count_only_where_the_bylaws_say():
    presence = Presence(voting_members=13, in_person=5, remote=2)
    assert quorum_for(QuorumRule(), presence, remote_attendance_counts=True).quorate
    check = quorum_for(QuorumRule(), presence, remote_attendance_counts=False)
    assert not check.quorate
    assert check.counted == 5
    assert "by phone or online are not counted" in check.explanation


def test_proxies_count_only_where_the_bylaws_allow_them():
    presence = Presence(voting_members=13, in_person=6, proxies=1)
    assert not quorum_for(QuorumRule(), presence, proxies_allowed=False).quorate
    assert quorum_for(QuorumRule(), presence, proxies_allowed=True).quorate


def test_meeting_quorum_uses_the_governing_body_rule_for_governing_body_meetings():
    rules = GovernanceRules(governing_body_quorum=QuorumRule(kind="fixed_number", number=3))
    assert meeting_quorum(rules, Presence(voting_members=7, in_person=3), governing_body=True).quorate
    assert not meeting_quorum(rules, Presence(voting_members=7, in_person=3), governing_body=False).quorate


def test_presence_with_no_voting_members_is_an_error_naming_the_field():
    with pytest.raises(InputError) as caught:
        Presence(voting_members=0, in_person=0)
    assert caught.value.field == "presence.voting_members"


def test_presence_more_than_the_register_is_an_error():
    with pytest.raises(InputError) as caught:
        Presence(voting_members=5, in_person=4, remote=2)
    assert caught.value.field == "presence.in_person"


def test_inquorate_meeting_may_only_adjourn_under_adjourn_only():
    rules = GovernanceRules(inquorate_business="adjourn_only")
    assert not business_allowed(rules, False, "main").allowed
    for procedural in ("adjourn", "recess", "fix_time_to_adjourn", "obtain_quorum"):
        assert business_allowed(rules, False, procedural).allowed


def test_inquorate_meeting_may_decide_subject_to_ratification_where_bylaws_say():
    rules = GovernanceRules(inquorate_business="may_decide_subject_to_ratification")
    permission = business_allowed(rules, False, "main")
    assert permission.allowed and permission.needs_ratification


def test_describe_quorum_rule_mentions_the_community_condition():
    text = describe_quorum_rule(QuorumRule(community_majority_present=True))
    assert text == "a majority of voting members, with community members more than half of the voting members present"


# --------------------------------------------------------------------------- majorities


def test_two_thirds_of_votes_cast_7_4_2_fails():
    outcome = decide_vote(TWO_THIRDS, Votes(7, 4, 2))
    assert not outcome.carried
    assert outcome.needed == 8


def test_two_thirds_of_votes_cast_8_4_1_carries():
    outcome = decide_vote(TWO_THIRDS, Votes(8, 4, 1))
    assert outcome.carried
    assert "8 of 12 votes cast in favour (67%)" in outcome.explanation


def test_tie_5_5_fails_without_a_casting_vote():
    outcome = decide_vote(MAJORITY, Votes(5, 5))
    assert not outcome.carried
    assert "A tie is lost" in outcome.explanation


def test_tie_5_5_carries_with_the_chairs_casting_vote_in_favour():
    outcome = decide_vote(MAJORITY, Votes(5, 5), chair_casting_vote=True, casting_vote="in_favour")
    assert outcome.carried
    assert "casting vote in favour" in outcome.explanation


def test_tie_5_5_with_casting_vote_against_is_lost():
    assert not decide_vote(MAJORITY, Votes(5, 5), chair_casting_vote=True, casting_vote="against").carried


def test_casting_vote_refused_when_the_bylaws_give_none():
    with pytest.raises(InputError) as caught:
        decide_vote(MAJORITY, Votes(5, 5), chair_casting_vote=False, casting_vote="in_favour")
    assert caught.value.field == "casting_vote"


def test_casting_vote_refused_on_a_vote_that_is_not_tied():
    with pytest.raises(InputError) as caught:
        decide_vote(MAJORITY, Votes(6, 5), chair_casting_vote=True, casting_vote="in_favour")
    assert caught.value.field == "casting_vote"


def test_majority_of_all_members_with_20_on_the_register_needs_11():
    rule = MajorityRule(kind="majority", basis="all_members")
    assert votes_needed(rule, voting_members=20) == 11
    assert not decide_vote(rule, Votes(10, 0), voting_members=20).carried
    assert decide_vote(rule, Votes(11, 9), voting_members=20).carried


def test_majority_of_members_present_counts_abstentions_as_against():
    rule = MajorityRule(kind="majority", basis="members_present")
    # 6 for, 4 against, 2 abstaining of 12 present: 6 is not more than half of 12
    assert not decide_vote(rule, Votes(6, 4, 2), members_present=12).carried
    assert decide_vote(MAJORITY, Votes(6, 4, 2), members_present=12).carried


def test_abstentions_and_blanks_are_not_votes_cast():
    assert decide_vote(MAJORITY, Votes(3, 2, abstentions=40, blank=10)).carried


def test_more_votes_than_members_present_is_an_error_naming_votes():
    with pytest.raises(InputError) as caught:
        decide_vote(MAJORITY, Votes(8, 4, 1), members_present=12)
    assert caught.value.field == "votes"


def test_unanimous_vote_fails_on_one_vote_against():
    rule = MajorityRule(kind="unanimous")
    assert decide_vote(rule, Votes(12, 0, 3)).carried
    outcome = decide_vote(rule, Votes(12, 1))
    assert not outcome.carried and outcome.needed is None


def test_three_quarters_of_votes_cast_for_entrenched_clauses():
    rule = MajorityRule(kind="three_quarters")
    assert decide_vote(rule, Votes(9, 3)).carried
    assert not decide_vote(rule, Votes(8, 3)).carried


def test_mitra_amendment_30_8_3_is_79_percent_and_carries_under_two_thirds():
    outcome = decide_vote(TWO_THIRDS, Votes(30, 8, 3), members_present=41)
    assert outcome.carried
    assert "30 of 38 votes cast in favour (79%)" in outcome.explanation


def test_consensus_rule_refuses_counted_votes():
    with pytest.raises(InputError) as caught:
        decide_vote(MajorityRule(kind="consensus"), Votes(5, 0))
    assert caught.value.field == "votes"


def test_describe_rule_in_words():
    assert describe_rule(TWO_THIRDS) == "two-thirds of votes cast"
    assert describe_rule(MajorityRule(basis="all_members")) == "a majority of all voting members"
    consensus = MajorityRule(kind="consensus", fallback=TWO_THIRDS)
    assert describe_rule(consensus) == "consensus (no block), falling back to two-thirds of votes cast"


def test_amendments_need_a_majority_even_when_the_motion_needs_two_thirds():
    rules = GovernanceRules()
    assert rule_for_motion(rules, "amend_bylaws").kind == "two_thirds"
    assert AMENDMENT_RULE.kind == "majority" and AMENDMENT_RULE.basis == "votes_cast"


def test_procedural_motions_need_a_majority_of_votes_cast():
    rules = GovernanceRules(majorities={**GovernanceRules().majorities, "ordinary": MajorityRule(kind="consensus")})
    assert rule_for_motion(rules, "ordinary", "adjourn") == MAJORITY


# --------------------------------------------------------------------------- consensus


def test_consensus_with_one_block_fails():
    outcome = decide_consensus(MajorityRule(kind="consensus"), Consensus(agree=11, stand_asides=0, blocks=1))
    assert outcome.result == "lost"
    assert "A block stops consensus" in outcome.explanation


def test_consensus_with_one_block_falls_back_to_a_vote_when_the_bylaws_say():
    rule = MajorityRule(kind="consensus", fallback=TWO_THIRDS)
    outcome = decide_consensus(rule, Consensus(agree=11, blocks=1))
    assert outcome.result == "fallback_vote_needed"
    assert not outcome.carried
    assert decide_vote(rule.fallback, Votes(11, 1)).carried


def test_consensus_with_stand_asides_and_no_block_carries():
    outcome = decide_consensus(MajorityRule(kind="consensus"), Consensus(agree=9, stand_asides=2))
    assert outcome.carried


def test_consensus_fails_with_more_stand_asides_than_allowed():
    rule = MajorityRule(kind="consensus", max_stand_asides=1)
    assert decide_consensus(rule, Consensus(agree=9, stand_asides=2)).result == "lost"


def test_consensus_with_nobody_agreeing_fails():
    assert decide_consensus(MajorityRule(kind="consensus"), Consensus(agree=0, stand_asides=3)).result == "lost"


def test_consensus_test_refused_for_a_voting_rule():
    with pytest.raises(InputError) as caught:
        decide_consensus(TWO_THIRDS, Consensus(agree=3))
    assert caught.value.field == "consensus"


# --------------------------------------------------------------------------- properties

VOTING_KINDS = st.sampled_from(["majority", "two_thirds", "three_quarters", "unanimous"])
counts = st.integers(min_value=0, max_value=500)


@given(kind=VOTING_KINDS, in_favour=counts, against=counts, abstentions=counts, blank=counts,
       other_abstentions=counts, other_blank=counts)
def test_outcome_never_changes_when_only_abstentions_change(kind, in_favour, against, abstentions, blank,
                                                            other_abstentions, other_blank):
    rule = MajorityRule(kind=kind, basis="votes_cast")
    first = decide_vote(rule, Votes(in_favour, against, abstentions, blank))
    second = decide_vote(rule, Votes(in_favour, against, other_abstentions, other_blank))
    assert first.carried == second.carried


@given(kind=VOTING_KINDS, in_favour=counts, against=counts, abstentions=counts)
def test_adding_a_vote_in_favour_never_loses_a_carried_motion_votes_cast(kind, in_favour, against, abstentions):
    rule = MajorityRule(kind=kind, basis="votes_cast")
    if decide_vote(rule, Votes(in_favour, against, abstentions)).carried:
        assert decide_vote(rule, Votes(in_favour + 1, against, abstentions)).carried


@given(kind=VOTING_KINDS, basis=st.sampled_from(["members_present", "all_members"]),
       in_favour=counts, against=counts, abstentions=counts, absent=st.integers(min_value=1, max_value=50))
def test_adding_a_vote_in_favour_never_loses_a_carried_motion_fixed_bases(kind, basis, in_favour, against,
                                                                         abstentions, absent):
    rule = MajorityRule(kind=kind, basis=basis)
    present = in_favour + against + abstentions + absent  # room for one more voter
    register = present + 10

    def carried(f: int) -> bool:
        return decide_vote(rule, Votes(f, against, abstentions), members_present=present,
                           voting_members=register).carried

    if carried(in_favour):
        assert carried(in_favour + 1)


@given(kind=VOTING_KINDS, in_favour=counts, against=counts, abstentions=counts)
def test_an_abstainer_switching_to_in_favour_never_loses_a_carried_motion(kind, in_favour, against, abstentions):
    for basis in ("votes_cast", "members_present"):
        rule = MajorityRule(kind=kind, basis=basis)
        present = in_favour + against + abstentions + 1
        before = decide_vote(rule, Votes(in_favour, against, abstentions + 1), members_present=present)
        after = decide_vote(rule, Votes(in_favour + 1, against, abstentions), members_present=present)
        if before.carried:
            assert after.carried


@given(members=st.integers(min_value=1, max_value=10_000), present=st.integers(min_value=0, max_value=10_000))
def test_quorum_is_monotone_in_attendance(members, present):
    present = min(present, members)
    rule = QuorumRule()
    if quorum_for(rule, Presence(members, present)).quorate and present < members:
        assert quorum_for(rule, Presence(members, present + 1)).quorate
