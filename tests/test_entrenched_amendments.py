"""Entrenched amendments need a community majority too (templates/bylaws/clauses/amendments.toml,
option ``entrenched``): three-quarters of the votes cast, community members a majority of the
voting members present, and a majority of the community members voting in favour."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from pydantic import ValidationError

from formation import bylaws, meetings, procedure
from formation.cli import main
from formation.errors import InputError
from formation.minutes import content_hash
from formation.models import MajorityRule, Organization
from formation.models.decisions import ActionItem
from formation.models.meetings import Meeting, RollCallEntry
from formation.procedure import CommunityPresence, CommunityVotes, Votes, decide_community_vote
from tests.meetings_support import HARBOUR_COMMUNITY, add_members, harbour_lights, new_workspace

ENTRENCHED = MajorityRule(kind="three_quarters", basis="votes_cast", community_majority_present=True,
                          community_majority_of_votes_cast=True)
VOTES_ONLY = MajorityRule(kind="three_quarters", community_majority_of_votes_cast=True)
ALL_PRESENT = CommunityPresence(community=7, present=11)


def _draft():
    return bylaws.new_draft(on=dt.date(2025, 10, 1), organization=Organization(name="Harbour Lights", objects=["x"]))


# ------------------------------------------------------------------------------ the rules


def test_the_entrenched_option_gives_amend_entrenched_both_community_conditions():
    rules = bylaws.governance_rules(_draft())
    assert rules.majorities["amend_entrenched"] == ENTRENCHED
    assert rules.majorities["amend_bylaws"] == MajorityRule(kind="two_thirds", basis="votes_cast")


def test_without_entrenchment_an_entrenched_clause_is_amended_like_any_other():
    draft = bylaws.set_value(_draft(), "amendments.entrenchment", "not_entrenched")
    rules = bylaws.governance_rules(draft)
    assert rules.majorities["amend_entrenched"] == MajorityRule(kind="two_thirds", basis="votes_cast")
    assert not rules.majorities["amend_entrenched"].community_majority_of_votes_cast


def test_the_rule_reads_as_the_clause_does():
    assert procedure.describe_rule(ENTRENCHED) == (
        "three-quarters of votes cast, with community members a majority of the voting members present and a "
        "majority of the community members voting in favour")
    assert procedure.describe_rule(MajorityRule(kind="three_quarters")) == "three-quarters of votes cast"


def test_a_consensus_rule_cannot_carry_the_community_conditions():
    with pytest.raises(ValidationError, match="set them on the fallback vote"):
        MajorityRule(kind="consensus", community_majority_of_votes_cast=True)
    fallback = MajorityRule(kind="consensus", fallback=ENTRENCHED)
    assert fallback.fallback.community_majority_present


# ------------------------------------------------------------------------------ deciding (pure)


def test_nine_two_with_community_members_six_one_carries():
    outcome = decide_community_vote(ENTRENCHED, Votes(9, 2, 0), community=CommunityVotes(6, 1), presence=ALL_PRESENT)
    assert outcome.result == "carried" and outcome.needed == 6
    assert outcome.explanation == (
        "9 in favour, 2 against, 0 abstentions. 9 of 11 votes cast in favour (82%). Needed three-quarters of votes "
        "cast, with community members a majority of the voting members present and a majority of the community "
        "members voting in favour: with 2 against, at least 6 in favour. Community members are 7 of the 11 voting "
        "members present; the bylaws need more than half (at least 6): met. Community members voting: 6 in favour, "
        "1 against (86% in favour); the bylaws need more than half of them in favour: met. Carried.")


def test_nine_two_with_community_members_tied_is_lost_although_82_percent_voted_for():
    outcome = decide_community_vote(VOTES_ONLY, Votes(9, 2, 0), community=CommunityVotes(2, 2))
    assert outcome.result == "lost"
    assert "Community members voting: 2 in favour, 2 against (50% in favour); the bylaws need more than half of " \
           "them in favour: not met. Lost." in outcome.explanation


def test_four_community_members_against_with_only_two_votes_against_is_impossible():
    """9-2-0 overall cannot hold 3 community votes against: refused, not decided."""
    with pytest.raises(InputError) as caught:
        decide_community_vote(VOTES_ONLY, Votes(9, 2, 0), community=CommunityVotes(4, 3))
    assert caught.value.field == "community_against"
    assert "3 community votes against, more than the 2 votes against" in str(caught.value)


def test_a_counts_only_vote_on_an_entrenched_amendment_is_refused_naming_the_field():
    with pytest.raises(InputError) as caught:
        decide_community_vote(ENTRENCHED, Votes(9, 2, 0), presence=ALL_PRESENT)
    assert caught.value.field == "community_in_favour"
    assert "take a roll call" in str(caught.value) and "community_against" in str(caught.value)


def test_three_quarters_is_still_needed_with_every_community_member_in_favour():
    outcome = decide_community_vote(ENTRENCHED, Votes(8, 3, 0), community=CommunityVotes(7, 0), presence=ALL_PRESENT)
    assert outcome.result == "lost" and outcome.needed == 9  # 8 of 11 is 73%


def test_no_community_member_voting_is_no_community_majority():
    outcome = decide_community_vote(VOTES_ONLY, Votes(4, 0, 7), community=CommunityVotes(0, 0))
    assert outcome.result == "lost" and "0 in favour, 0 against (no votes in favour)" in outcome.explanation


@pytest.mark.parametrize(("community", "present", "result"), [(5, 11, "lost"), (6, 11, "carried"), (6, 12, "lost")])
def test_community_members_must_be_a_majority_of_the_voting_members_present(community, present, result):
    outcome = decide_community_vote(ENTRENCHED, Votes(9, 2, 0), community=CommunityVotes(6, 1),
                                    presence=CommunityPresence(community, present))
    assert outcome.result == result


def test_community_votes_for_a_rule_that_does_not_ask_are_refused():
    with pytest.raises(InputError) as caught:
        decide_community_vote(MajorityRule(kind="two_thirds"), Votes(9, 2), community=CommunityVotes(6, 1))
    assert caught.value.field == "community_in_favour"


# ------------------------------------------------------------------------------ at a meeting


@pytest.fixture
def harbour(tmp_path):
    """Harbour Lights (11 community members, Wren undisclosed and voting, 2 supporters) at a general
    meeting under its draft's rules: 10 community members and Wren present."""
    ws = new_workspace(tmp_path)
    people = harbour_lights(ws)
    rules = bylaws.governance_rules(_draft())
    meeting = meetings.new_meeting(ws, meeting_kind="general", date="2026-05-01")
    meetings.attend(ws, meeting.id, [people[n].id for n in HARBOUR_COMMUNITY[:10]] + [people["Wren"].id],
                    "in_person", rules=rules)
    motion = meetings.add_motion(ws, meeting.id, "That the clause on community seats be amended.",
                                 mover_id=people["Kestrel"].id, seconder_id=people["Moana"].id,
                                 decision_kind="amend_entrenched", rules=rules)
    yield ws, people, rules, meeting.id, motion.id
    ws.close()


def test_a_meeting_refuses_a_counts_only_vote_on_an_entrenched_amendment(harbour):
    ws, _, rules, meeting_id, motion_id = harbour
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting_id, motion_id, in_favour=9, against=2, rules=rules)
    assert caught.value.field == "community_in_favour"
    assert ws.get(Meeting, meeting_id).motions[0].result == "pending"  # nothing was recorded


def test_a_roll_call_counts_community_members_from_the_register(harbour):
    ws, people, rules, meeting_id, motion_id = harbour
    roll = [RollCallEntry(member_id=people[n].id, vote="in_favour") for n in HARBOUR_COMMUNITY[:8]]
    roll += [RollCallEntry(member_id=people[n].id, vote="against") for n in HARBOUR_COMMUNITY[8:10]]
    roll.append(RollCallEntry(member_id=people["Wren"].id, vote="in_favour"))
    outcome = meetings.record_vote(ws, meeting_id, motion_id, roll_call=roll, rules=rules)
    assert outcome.result == "carried"
    assert "Community members voting: 8 in favour, 2 against (80% in favour)" in outcome.explanation
    assert "Community members are 10 of the 11 voting members present" in outcome.explanation


def test_an_undisclosed_members_vote_never_counts_as_a_community_vote(harbour):
    ws, people, rules, meeting_id, motion_id = harbour
    roll = [RollCallEntry(member_id=people[n].id, vote="abstain") for n in HARBOUR_COMMUNITY[:10]]
    roll.append(RollCallEntry(member_id=people["Wren"].id, vote="in_favour"))
    outcome = meetings.record_vote(ws, meeting_id, motion_id, roll_call=roll, rules=rules)
    assert outcome.result == "lost"  # 1 of 1 votes cast is three-quarters, but no community member voted for it
    assert "Community members voting: 0 in favour, 0 against" in outcome.explanation
    assert ws.get(Meeting, meeting_id).motions[0].result == "lost"


def test_counted_community_votes_decide_and_are_kept_with_the_vote(harbour):
    ws, _, rules, meeting_id, motion_id = harbour
    outcome = meetings.record_vote(ws, meeting_id, motion_id, in_favour=9, against=2, community_in_favour=8,
                                   community_against=2, rules=rules)
    assert outcome.result == "carried"
    vote = ws.get(Meeting, meeting_id).motions[0].vote
    assert (vote.method, vote.community_in_favour, vote.community_against) == ("counts", 8, 2)


@pytest.mark.parametrize(("favour", "against", "field", "message"), [
    (6, 1, "community_in_favour", "4 votes from members not recorded as community members, more than the 1 of them"),
    (9, 2, "community_in_favour", "11 community votes, more than the 10 community members present who may vote"),
    (8, None, "community_against", "together"),
])
def test_counted_community_votes_must_fit_who_is_present(harbour, favour, against, field, message):
    ws, _, rules, meeting_id, motion_id = harbour
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting_id, motion_id, in_favour=9, against=2, community_in_favour=favour,
                             community_against=against, rules=rules)
    assert caught.value.field == field and message in str(caught.value)


def test_nine_two_with_community_six_one_carries_at_a_meeting_with_four_other_voting_members(tmp_path):
    ws = new_workspace(tmp_path)
    community = add_members(ws, [f"Peer {i}" for i in range(7)])
    others = add_members(ws, [f"Ally {i}" for i in range(4)], community="no")
    # allies are voting members only where all members vote (the default gives the vote to community members only)
    rules = bylaws.governance_rules(bylaws.set_value(_draft(), "membership_classes.voting", "all_members_vote"))
    meeting = meetings.new_meeting(ws, meeting_kind="general", date="2026-05-01")
    meetings.attend(ws, meeting.id, [m.id for m in [*community.values(), *others.values()]], "in_person", rules=rules)
    ids = list(community.values())
    motion = meetings.add_motion(ws, meeting.id, "That the entrenched clause on seats be amended.", mover_id=ids[0].id,
                                 seconder_id=ids[1].id, decision_kind="amend_entrenched", rules=rules)
    outcome = meetings.record_vote(ws, meeting.id, motion.id, in_favour=9, against=2, community_in_favour=6,
                                   community_against=1, rules=rules)
    assert outcome.result == "carried"
    ws.close()


def test_community_counts_on_an_ordinary_motion_are_refused(harbour):
    ws, people, rules, meeting_id, entrenched = harbour
    meetings.withdraw_motion(ws, meeting_id, entrenched)
    ordinary = meetings.add_motion(ws, meeting_id, "That we meet monthly.", mover_id=people["Tui"].id,
                                   seconder_id=people["Rook"].id, rules=rules)
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting_id, ordinary.id, in_favour=9, against=2, community_in_favour=8,
                             community_against=2, rules=rules)
    assert caught.value.field == "community_in_favour"


def test_the_cli_takes_the_community_votes(harbour, capsys, monkeypatch, tmp_path):
    ws, _, rules, meeting_id, _ = harbour
    path = ws.path
    ws.close()
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(rules.model_dump_json(), encoding="utf-8")
    monkeypatch.setenv("FORMATION_PASSPHRASE", "correct horse battery")
    base = ["meetings", "vote", str(meeting_id), "1", "-w", str(path), "--rules", str(rules_file), "--for", "9",
            "--against", "2"]
    assert main(base) == 3
    assert "community_in_favour" in capsys.readouterr().err
    assert main([*base, "--community-for", "8", "--community-against", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["result"] == "carried"


# ------------------------------------------------------------------------------ locked minutes


def test_minutes_locked_before_community_counts_existed_keep_their_fingerprint():
    """The fingerprint of a meeting record without community counts is what it was before the
    field was added (computed with the earlier code: minutes locked then still verify)."""
    u = lambda n: str(uuid.UUID(int=n))  # noqa: E731
    meeting = Meeting.model_validate({
        "id": u(1), "meeting_kind": "general", "date": "2026-09-12", "start_time": "18:30", "end_time": "19:45",
        "place": "the drop-in space", "chair_id": u(2), "minute_taker_id": u(3),
        "attendance": [{"member_id": u(2), "presence": "in_person"}, {"member_id": u(3), "presence": "in_person"}],
        "motions": [{"id": u(10), "number": 1, "text": "That we meet monthly.", "mover_id": u(2), "seconder_id": u(3),
                     "vote": {"method": "counts", "in_favour": 2, "against": 0, "abstentions": 0},
                     "result": "carried", "rule": "a majority of votes cast", "outcome": "Carried."}],
        "status": "closed",
    })
    action = ActionItem.model_validate({"id": u(20), "what": "Book the room", "owner_id": u(3), "due": "2026-10-01",
                                        "meeting_id": u(1)})
    assert content_hash(meeting, [action]) == "80d73c040bc77f7cda089e9d6d1e76eee57d31c3e8db7fda922f19a550ff678f"
    counted = meeting.model_copy(deep=True)
    counted.motions[0].vote = counted.motions[0].vote.model_copy(update={"community_in_favour": 1,
                                                                          "community_against": 0})
    assert content_hash(counted, [action]) != content_hash(meeting, [action])
