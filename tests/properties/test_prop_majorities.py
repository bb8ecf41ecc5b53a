"""Properties of the majority rules (formation.procedure.majorities) for every count of votes.

Source: Robert's Rules of Order Newly Revised, 12th ed., 44:1 (a majority is more than half of
the votes cast; abstentions and blanks are not votes cast), 44:3 (two-thirds: at least two-thirds
of the votes cast), 44:7-44:9 ("of the members present" / "of the entire membership": an
abstention has the effect of a vote against), 44:12 (a casting vote only where the bylaws give
one). tests/test_procedure.py already checks that abstentions never change a votes-cast outcome
and that one more vote in favour never loses a carried motion; these check the thresholds
themselves.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from formation.errors import InputError
from formation.models.rules import MajorityRule
from formation.procedure import Consensus, Votes, decide_consensus, decide_vote, votes_needed

counts = st.integers(min_value=0, max_value=2_000)
FRACTION = {"majority": None, "two_thirds": Fraction(2, 3), "three_quarters": Fraction(3, 4), "unanimous": Fraction(1)}
KINDS = st.sampled_from(sorted(FRACTION))


def _meets(kind: str, in_favour: int, base: int) -> bool:
    """The rule as RONR states it, on exact fractions: more than half, or at least the fraction."""
    if base == 0:
        return False
    if kind == "majority":
        return 2 * in_favour > base
    return Fraction(in_favour, base) >= FRACTION[kind]


@given(kind=KINDS, in_favour=counts, against=counts, abstentions=counts, blank=counts)
def test_votes_cast_rule_carries_exactly_when_the_share_of_votes_cast_is_reached(kind, in_favour, against,
                                                                                abstentions, blank):
    rule = MajorityRule(kind=kind, basis="votes_cast")
    outcome = decide_vote(rule, Votes(in_favour, against, abstentions, blank))
    expected = _meets(kind, in_favour, in_favour + against)
    if kind == "unanimous":
        expected = in_favour > 0 and against == 0
    assert outcome.carried is expected
    assert outcome.explanation.endswith(" Carried." if expected else " Lost.")


@given(kind=KINDS, basis=st.sampled_from(["members_present", "all_members"]), in_favour=counts, against=counts,
       abstentions=counts, absent=counts)
def test_present_and_register_bases_count_abstentions_as_against(kind, basis, in_favour, against, abstentions,
                                                                absent):
    rule = MajorityRule(kind=kind, basis=basis)
    present = in_favour + against + abstentions
    register = present + absent
    base = present if basis == "members_present" else register
    outcome = decide_vote(rule, Votes(in_favour, against, abstentions), members_present=present,
                          voting_members=register)
    assert outcome.carried is _meets(kind, in_favour, base)


@given(kind=KINDS, against=counts)
def test_votes_needed_is_the_fewest_votes_in_favour_that_carry(kind, against):
    rule = MajorityRule(kind=kind, basis="votes_cast")
    needed = votes_needed(rule, against=against)
    if needed is None:
        assert kind == "unanimous" and against > 0
        return
    assert decide_vote(rule, Votes(needed, against)).carried
    if needed > 1:
        assert not decide_vote(rule, Votes(needed - 1, against)).carried


@given(kind=KINDS, basis=st.sampled_from(["members_present", "all_members"]), base=st.integers(min_value=1, max_value=5_000))
def test_votes_needed_on_a_fixed_base_is_the_fewest_that_carry(kind, basis, base):
    rule = MajorityRule(kind=kind, basis=basis)
    needed = votes_needed(rule, members_present=base, voting_members=base)
    assert needed is not None and 1 <= needed <= base
    assert _meets(kind, needed, base)
    assert not _meets(kind, needed - 1, base)


@given(tie=st.integers(min_value=1, max_value=1_000), abstentions=counts)
def test_a_tie_is_lost_without_a_casting_vote_and_decided_by_it_where_the_bylaws_give_one(tie, abstentions):
    rule = MajorityRule(kind="majority", basis="votes_cast")
    votes = Votes(tie, tie, abstentions)
    assert not decide_vote(rule, votes).carried
    assert not decide_vote(rule, votes, chair_casting_vote=True).carried
    assert decide_vote(rule, votes, chair_casting_vote=True, casting_vote="in_favour").carried
    assert not decide_vote(rule, votes, chair_casting_vote=True, casting_vote="against").carried
    with pytest.raises(InputError) as caught:
        decide_vote(rule, votes, casting_vote="in_favour")
    assert caught.value.field == "casting_vote"


@given(kind=KINDS, in_favour=counts, against=counts, abstentions=counts, blank=counts,
       present=st.integers(min_value=0, max_value=8_000))
def test_more_votes_than_voting_members_present_is_refused_naming_votes(kind, in_favour, against, abstentions,
                                                                       blank, present):
    votes = Votes(in_favour, against, abstentions, blank)
    assume(votes.total > present)
    with pytest.raises(InputError) as caught:
        decide_vote(MajorityRule(kind=kind), votes, members_present=present)
    assert caught.value.field == "votes"
    assert f"more than the {present} voting members present" in str(caught.value)


@given(field=st.sampled_from(["in_favour", "against", "abstentions", "blank"]), value=st.integers(max_value=-1))
def test_negative_vote_counts_are_refused_naming_the_count(field, value):
    values = {"in_favour": 0, "against": 0, "abstentions": 0, "blank": 0, field: value}
    with pytest.raises(InputError) as caught:
        Votes(**values)
    assert caught.value.field == f"votes.{field}"


@given(agree=counts, stand_asides=counts, blocks=st.integers(min_value=1, max_value=100),
       limit=st.one_of(st.none(), st.integers(min_value=0, max_value=50)), fallback=st.booleans())
def test_one_block_always_stops_consensus(agree, stand_asides, blocks, limit, fallback):
    rule = MajorityRule(kind="consensus", max_stand_asides=limit,
                        fallback=MajorityRule(kind="two_thirds") if fallback else None)
    outcome = decide_consensus(rule, Consensus(agree, stand_asides, blocks))
    assert not outcome.carried
    assert outcome.result == ("fallback_vote_needed" if fallback else "lost")


@given(agree=st.integers(min_value=1, max_value=2_000), stand_asides=counts,
       limit=st.one_of(st.none(), st.integers(min_value=0, max_value=50)))
def test_consensus_without_blocks_carries_exactly_when_stand_asides_are_within_the_limit(agree, stand_asides, limit):
    rule = MajorityRule(kind="consensus", max_stand_asides=limit)
    outcome = decide_consensus(rule, Consensus(agree, stand_asides, 0))
    assert outcome.carried is (limit is None or stand_asides <= limit)
