"""Properties of the quorum rule (formation.procedure.quorum) over every register size.

Source of the rule: Robert's Rules of Order Newly Revised, 12th ed., 40:1-40:3 (a quorum is a
number of members present; by default a majority of the membership). The community-majority
condition and the counting of remote members and proxies come from the group's own bylaws.
tests/test_procedure.py has the exact values and the property that quorum is monotone in
attendance; these check the arithmetic itself for every size and share.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formation.errors import InputError
from formation.models.rules import QuorumRule
from formation.procedure import Presence, quorum_for, required_quorum

registers = st.integers(min_value=1, max_value=100_000)
shares = st.fractions(min_value=Fraction(1, 100), max_value=1, max_denominator=100)


@given(members=registers)
def test_majority_quorum_is_the_smallest_number_over_half(members):
    quorum = required_quorum(QuorumRule(kind="majority_of_voting_members"), members)
    assert 2 * quorum > members
    assert 2 * (quorum - 1) <= members


@given(members=registers, share=shares)
def test_share_quorum_is_the_smallest_number_reaching_the_share(members, share):
    rule = QuorumRule(kind="share_of_voting_members", share=float(share))
    quorum = required_quorum(rule, members)
    exact = Fraction(float(share)).limit_denominator(10_000)
    assert quorum >= 1
    assert Fraction(quorum, members) >= exact
    if quorum > 1:
        assert Fraction(quorum - 1, members) < exact


@given(members=registers, share=shares, minimum=st.integers(min_value=1, max_value=200))
def test_share_quorum_never_falls_below_the_bylaws_minimum(members, share, minimum):
    with_floor = QuorumRule(kind="share_of_voting_members", share=float(share), minimum=minimum)
    without = QuorumRule(kind="share_of_voting_members", share=float(share))
    assert required_quorum(with_floor, members) == max(required_quorum(without, members), minimum)


@given(members=registers, number=st.integers(min_value=1, max_value=1_000_000))
def test_fixed_quorum_is_the_number_whatever_the_register(members, number):
    assert required_quorum(QuorumRule(kind="fixed_number", number=number), members) == number


@st.composite
def presences(draw):
    members = draw(st.integers(min_value=1, max_value=500))
    in_person = draw(st.integers(min_value=0, max_value=members))
    remote = draw(st.integers(min_value=0, max_value=members - in_person))
    proxies = draw(st.integers(min_value=0, max_value=members - in_person - remote))
    return Presence(
        voting_members=members, in_person=in_person, remote=remote, proxies=proxies,
        community_in_person=draw(st.integers(min_value=0, max_value=in_person)),
        community_remote=draw(st.integers(min_value=0, max_value=remote)),
        community_proxies=draw(st.integers(min_value=0, max_value=proxies)),
    )


@given(presence=presences(), remote_counts=st.booleans(), proxies_allowed=st.booleans(), community=st.booleans())
def test_quorate_exactly_when_counted_members_reach_the_quorum(presence, remote_counts, proxies_allowed, community):
    rule = QuorumRule(community_majority_present=community)
    check = quorum_for(rule, presence, remote_attendance_counts=remote_counts, proxies_allowed=proxies_allowed)
    counted = presence.in_person + remote_counts * presence.remote + proxies_allowed * presence.proxies
    community_counted = (presence.community_in_person + remote_counts * presence.community_remote
                         + proxies_allowed * presence.community_proxies)
    assert (check.counted, check.community_counted) == (counted, community_counted)
    expected = counted >= required_quorum(rule, presence.voting_members)
    if community:
        expected = expected and 2 * community_counted > counted
    assert check.quorate is expected
    assert check.explanation.endswith(" Quorate." if expected else " Not quorate.")
    assert check.explanation.startswith(f"{counted} of {presence.voting_members} voting members present")


@given(presence=presences())
def test_a_community_majority_quorum_never_passes_with_community_members_at_half_or_less(presence):
    check = quorum_for(QuorumRule(community_majority_present=True), presence, proxies_allowed=True)
    if check.quorate:
        assert 2 * check.community_counted > check.counted


@given(members=st.integers(min_value=1, max_value=500), extra=st.integers(min_value=1, max_value=500))
def test_more_present_than_on_the_register_is_refused_naming_the_field(members, extra):
    with pytest.raises(InputError) as caught:
        Presence(voting_members=members, in_person=members + extra)
    assert caught.value.field == "presence.in_person"
    assert f"more than the {members} entitled to vote" in str(caught.value)


@given(count=st.integers(max_value=-1), field=st.sampled_from(["in_person", "remote", "proxies", "voting_members"]))
def test_negative_counts_are_refused_naming_the_field(count, field):
    values = {"voting_members": 10, "in_person": 0, field: count}
    with pytest.raises(InputError) as caught:
        Presence(**values)
    assert caught.value.field == f"presence.{field}"
