"""Properties of the power audit's shares (formation.audit, formation.power) for any membership.

Counting rule (formation.power): only a current member recorded ``community_member="yes"`` counts
as a community member; ``"undisclosed"`` never does, and neither does a seat held by someone
outside the membership. Shares are compared with each criteria set's threshold as exact
fractions (formation.criteria_sets: Red Umbrella Fund >= 60% of the decision-making body, CASWLR
> 50%...), and a percentage shown never rounds a share up. tests/test_audit.py has the founding
stories' exact verdicts; these hold for every mix of seats.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from formation import bylaws
from formation.audit import audit
from formation.criteria_sets import load_criteria_sets
from formation.models import GoverningBody, Member, Seat
from formation.power import percent

DRAFT = bylaws.new_draft(on=dt.date(2026, 2, 1))
SETS = load_criteria_sets()


def _people(status: str, n: int, *, left: bool = False) -> list[Member]:
    extra = {"joined_on": "2020-01-01", "left_on": "2025-01-01"} if left else {}
    return [Member(work_name=f"{status}-{i}{'-left' if left else ''}", community_member=status, **extra)
            for i in range(n)]


@st.composite
def boards(draw):
    """Members by status, and a governing body whose seats some of them (and outsiders) hold."""
    yes, no, undisclosed = (draw(st.integers(min_value=0, max_value=7)) for _ in range(3))
    former = draw(st.integers(min_value=0, max_value=3))
    members = _people("yes", yes) + _people("no", no) + _people("undisclosed", undisclosed) + _people("yes", former, left=True)
    held = draw(st.lists(st.sampled_from(members), unique_by=lambda m: m.id)) if members else []
    partner_seats = draw(st.integers(min_value=0, max_value=3))
    seats = [Seat(member_id=m.id) for m in held]
    seats += [Seat(external_holder="Partner appointee", source="partner_appointed") for _ in range(partner_seats)]
    return members, held, partner_seats, GoverningBody(name="committee", seats=seats)


@settings(max_examples=60, deadline=None)
@given(board=boards())
def test_governing_body_share_counts_only_current_members_recorded_yes(board):
    members, held, partner_seats, body = board
    total = len(held) + partner_seats
    community = sum(m.community_member == "yes" and m.left_on is None for m in held)
    result = audit(DRAFT, members=members, governing_body=body if total else None)
    measure = result.measures["governing_body"]
    if not total:
        assert measure["basis"] == "bylaws_minimum"
        return
    assert (measure["community"], measure["total"]) == (community, total)
    share = Fraction(community, total)
    for row in result.criteria:
        for criterion in row.criteria:
            if criterion.dimension == "decision-making body":
                spec = next(c for c in SETS[row.id].criteria if c.id == criterion.id)
                assert criterion.status == ("pass" if spec.met_by(share) else "fail")


@settings(max_examples=60, deadline=None)
@given(board=boards())
def test_organization_share_counts_current_members_and_never_undisclosed(board):
    members = board[0]
    current = [m for m in members if m.left_on is None]
    measure = audit(DRAFT, members=members).measures["organization"]
    if not current:
        assert measure["status"] == "unknown"
        return
    assert measure["total"] == len(current)
    assert measure["community"] == sum(m.community_member == "yes" for m in current)


@settings(max_examples=40, deadline=None)
@given(board=boards())
def test_disclosing_one_seat_holder_as_community_never_fails_a_passing_criteria_set(board):
    members, held, partner_seats, body = board
    hidden = [m for m in held if m.community_member != "yes" and m.left_on is None]
    if not hidden:
        return
    before = audit(DRAFT, members=members, governing_body=body)
    changed = [m.model_copy(update={"community_member": "yes"}) if m.id == hidden[0].id else m for m in members]
    after = audit(DRAFT, members=changed, governing_body=body)
    assert after.measures["governing_body"]["community"] == before.measures["governing_body"]["community"] + 1
    for old, new in zip(before.criteria, after.criteria):
        assert not (old.verdict == "pass" and new.verdict == "fail"), old.id


@given(community=st.integers(min_value=0, max_value=10_000), extra=st.integers(min_value=0, max_value=10_000))
def test_a_percentage_shown_is_within_a_tenth_and_never_rounded_up_onto_a_whole_threshold(community, extra):
    total = community + extra
    if total == 0:
        return
    exact = Fraction(community, total) * 100
    shown = Fraction(percent(Fraction(community, total)).removesuffix("%"))
    assert abs(shown - exact) < Fraction(1, 10)
    if shown.denominator == 1:
        assert exact >= shown
