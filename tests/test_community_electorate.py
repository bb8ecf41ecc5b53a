"""Where the bylaws give the vote to community members only, a member recorded as not a community
member has no vote and does not count toward the quorum, whatever class the register gives them:
in a roll call, by counts, by consensus, by proxy and as mover (membership classes clause,
option "community members vote"; RONR 45:1)."""

from __future__ import annotations

import datetime as dt

import pytest

from formation import bylaws, meetings
from formation.errors import InputError
from formation.models import Member, Organization
from formation.models.meetings import Meeting, RollCallEntry
from formation.roll import electorate_of
from tests.meetings_support import HARBOUR_COMMUNITY, HARBOUR_RULES, harbour_lights, new_workspace

DAY = "2025-11-20"
ONLY_COMMUNITY = HARBOUR_RULES.model_copy(update={"community_members_only_vote": True})


@pytest.fixture
def ws(tmp_path):
    workspace = new_workspace(tmp_path)
    yield workspace
    workspace.close()


@pytest.fixture
def people(ws):
    found = harbour_lights(ws)
    alex = Member(work_name="Alex", community_member="no", membership_class="voting")  # wrongly in the voting class
    ws.put(alex)
    found["Alex"] = alex
    return found


@pytest.fixture
def meeting(ws, people):
    """A general meeting with the 11 community members, Wren (undisclosed) and Alex present."""
    m = meetings.new_meeting(ws, meeting_kind="general", date=DAY, chair_id=people["Kestrel"].id)
    present = [people[n].id for n in HARBOUR_COMMUNITY[:10]] + [people["Wren"].id, people["Alex"].id]
    meetings.attend(ws, m.id, present, "in_person", rules=ONLY_COMMUNITY)
    return ws.get(Meeting, m.id)


def _motion(ws, meeting, people, rules=ONLY_COMMUNITY, **kw):
    return meetings.add_motion(ws, meeting.id, "That the group meets monthly.", mover_id=people["Juniper"].id,
                               seconder_id=people["Saffron"].id, rules=rules, **kw)


def test_the_default_bylaws_give_the_vote_to_community_members_only():
    draft = bylaws.new_draft(on=dt.date(2025, 10, 1), organization=Organization(name="Harbour Lights", objects=["x"]))
    assert bylaws.governance_rules(draft).community_members_only_vote is True
    everyone = bylaws.set_value(draft, "membership_classes.voting", "all_members_vote")
    assert bylaws.governance_rules(everyone).community_members_only_vote is False


def test_quorum_leaves_out_a_voting_class_member_recorded_as_not_community(ws, people, meeting):
    check = meetings.meeting_quorum(ws, meeting.id, rules=ONLY_COMMUNITY)
    assert (check.counted, check.voting_members, check.required) == (11, 12, 7)
    everyone = meetings.meeting_quorum(ws, meeting.id, rules=HARBOUR_RULES)
    assert (everyone.counted, everyone.voting_members) == (12, 13)


def test_undisclosed_community_status_keeps_the_vote(ws, people, meeting):
    members = list(ws.all(Member))
    electorate = electorate_of(meeting, members, None, community_only=True)
    assert people["Wren"].id in electorate and people["Alex"].id not in electorate
    assert people["Dr Ana"].id not in electorate  # supporting members never vote


def test_roll_call_vote_from_a_member_recorded_as_not_community_is_refused(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    roll = [RollCallEntry(member_id=people["Kestrel"].id, vote="in_favour"),
            RollCallEntry(member_id=people["Alex"].id, vote="in_favour")]
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, roll_call=roll, rules=ONLY_COMMUNITY)
    assert caught.value.field == "roll_call.1.member_id"
    assert "not a community member" in str(caught.value) and "Alex" not in str(caught.value)
    assert ws.get(Meeting, meeting.id).motion(motion.id).result == "pending"


def test_counted_votes_cannot_exceed_the_community_members_present(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, in_favour=12, rules=ONLY_COMMUNITY)
    assert caught.value.field == "votes" and "11 voters present" in str(caught.value)


def test_consensus_response_from_a_member_recorded_as_not_community_is_refused(ws, people, meeting):
    from formation.models import MajorityRule

    rules = ONLY_COMMUNITY.model_copy(
        update={"majorities": {**ONLY_COMMUNITY.majorities, "ordinary": MajorityRule(kind="consensus")}})
    motion = _motion(ws, meeting, people, rules=rules)
    with pytest.raises(InputError) as caught:
        meetings.record_consensus(ws, meeting.id, motion.id, agree=10, stand_asides=[(people["Alex"].id, "Not for me")],
                                  rules=rules)
    assert caught.value.field == "stand_asides.0.member_id"


def test_proxy_for_a_member_recorded_as_not_community_carries_no_vote(ws, people, meeting):
    rules = ONLY_COMMUNITY.model_copy(update={"proxies_allowed": True})
    meetings.attend(ws, meeting.id, [people["Alex"].id], "proxy", proxy_holder_id=people["Kestrel"].id, rules=rules)
    assert meetings.meeting_quorum(ws, meeting.id, rules=rules).counted == 11
    motion = _motion(ws, meeting, people, rules=rules)
    roll = [RollCallEntry(member_id=people["Kestrel"].id, vote="in_favour", proxy_for=people["Alex"].id)]
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, roll_call=roll, rules=rules)
    assert caught.value.field == "roll_call.0.member_id"
    assert "proxy for a member recorded as not a community member" in str(caught.value)


def test_a_member_recorded_as_not_community_cannot_move_a_motion(ws, people, meeting):
    with pytest.raises(InputError) as caught:
        meetings.add_motion(ws, meeting.id, "That we meet weekly.", mover_id=people["Alex"].id,
                            seconder_id=people["Saffron"].id, rules=ONLY_COMMUNITY)
    assert caught.value.field == "mover_id"


def test_where_all_members_vote_the_same_member_votes(ws, people, meeting):
    motion = _motion(ws, meeting, people, rules=HARBOUR_RULES)
    roll = [RollCallEntry(member_id=people["Kestrel"].id, vote="in_favour"),
            RollCallEntry(member_id=people["Alex"].id, vote="in_favour")]
    outcome = meetings.record_vote(ws, meeting.id, motion.id, roll_call=roll, rules=HARBOUR_RULES)
    assert outcome.carried
    assert ws.get(Meeting, meeting.id).motion(motion.id).vote.in_favour == 2
