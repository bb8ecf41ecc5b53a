"""Meeting operations over a workspace: attendance, motions, votes, decisions, minutes lifecycle."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from formation import decisions, meetings, minutes
from formation.errors import InputError, ValidationFailed
from formation.models import GovernanceRules, GoverningBody, MajorityRule, Seat
from formation.models.decisions import ActionItem, Decision, MinutesCorrection
from formation.models.meetings import Meeting, RollCallEntry, VoteRecord
from tests.meetings_support import HARBOUR_COMMUNITY, HARBOUR_RULES, harbour_lights, new_workspace

RULES = HARBOUR_RULES
DAY = "2025-11-20"


@pytest.fixture
def ws(tmp_path):
    workspace = new_workspace(tmp_path)
    yield workspace
    workspace.close()


@pytest.fixture
def people(ws):
    return harbour_lights(ws)


@pytest.fixture
def meeting(ws, people):
    """A general meeting with 10 community members, Wren and both supporters present; Fern sent apologies."""
    m = meetings.new_meeting(ws, meeting_kind="general", date=DAY, chair_id=people["Kestrel"].id,
                             minute_taker_id=people["Moana"].id)
    present = [people[n].id for n in HARBOUR_COMMUNITY[:10]] + [people[n].id for n in ("Wren", "Dr Ana", "Sam")]
    meetings.attend(ws, m.id, present, "in_person", rules=RULES)
    meetings.attend(ws, m.id, [people["Fern"].id], "apologies", rules=RULES)
    return ws.get(Meeting, m.id)


def _motion(ws, meeting, people, text="That the group meets monthly.", **kw):
    kw.setdefault("mover_id", people["Juniper"].id)
    kw.setdefault("seconder_id", people["Saffron"].id)
    return meetings.add_motion(ws, meeting.id, text, rules=kw.pop("rules", RULES), **kw)


def _no_names(exc: BaseException, people) -> None:
    for name in people:
        assert name not in str(exc)


# --------------------------------------------------------------------------- attendance and quorum


def test_quorum_counts_voting_members_only_supporters_never(ws, people, meeting):
    check = meetings.meeting_quorum(ws, meeting.id, rules=RULES)
    assert (check.counted, check.voting_members, check.required) == (11, 12, 7)
    assert check.community_counted == 10  # Wren (undisclosed) is never counted as community
    assert check.quorate


def test_new_meeting_in_a_workspace_without_members_is_refused(tmp_path):
    with new_workspace(tmp_path) as empty:
        with pytest.raises(InputError) as caught:
            meetings.new_meeting(empty, meeting_kind="general", date=DAY)
        assert caught.value.field == "members"


def test_new_meeting_bad_date_names_the_field(ws, people):
    with pytest.raises(ValidationFailed) as caught:
        meetings.new_meeting(ws, meeting_kind="general", date="20/11/2025")
    assert caught.value.problems[0][0] == "date"


def test_governing_body_meeting_without_seats_has_no_voters(ws, people):
    m = meetings.new_meeting(ws, meeting_kind="governing_body", date=DAY)
    meetings.attend(ws, m.id, [people["Kestrel"].id], "in_person", rules=RULES)
    with pytest.raises(InputError) as caught:
        meetings.meeting_quorum(ws, m.id, rules=RULES)
    assert caught.value.field == "attendance"


def test_governing_body_meeting_counts_its_voting_seats(ws, people):
    ws.put(GoverningBody(seats=[Seat(member_id=people[n].id) for n in ("Kestrel", "Moana", "Juniper", "Saffron", "Wren")]))
    m = meetings.new_meeting(ws, meeting_kind="governing_body", date=DAY)
    meetings.attend(ws, m.id, [people[n].id for n in ("Kestrel", "Moana", "Juniper", "Tui")], "in_person", rules=RULES)
    check = meetings.meeting_quorum(ws, m.id, rules=RULES)
    assert (check.counted, check.voting_members, check.required) == (3, 5, 3)  # Tui is not on the body


def test_proxies_refused_where_the_bylaws_do_not_allow_them(ws, people, meeting):
    with pytest.raises(InputError) as caught:
        meetings.attend(ws, meeting.id, [people["Fern"].id], "proxy", proxy_holder_id=people["Kestrel"].id, rules=RULES)
    assert caught.value.field == "presence"


def test_a_proxy_holder_votes_for_the_principal_where_allowed(ws, people, meeting):
    rules = RULES.model_copy(update={"proxies_allowed": True})
    meetings.attend(ws, meeting.id, [people["Fern"].id], "proxy", proxy_holder_id=people["Kestrel"].id, rules=rules)
    assert meetings.meeting_quorum(ws, meeting.id, rules=rules).counted == 12
    motion = _motion(ws, meeting, people, rules=rules)
    roll = [RollCallEntry(member_id=people["Kestrel"].id, vote="in_favour"),
            RollCallEntry(member_id=people["Kestrel"].id, vote="in_favour", proxy_for=people["Fern"].id)]
    outcome = meetings.record_vote(ws, meeting.id, motion.id, roll_call=roll, rules=rules)
    assert outcome.carried
    stored = ws.get(Meeting, meeting.id).motion(motion.id)
    assert stored.vote.in_favour == 2


def test_remote_members_cannot_vote_where_the_bylaws_do_not_count_them(ws, people, meeting):
    rules = RULES.model_copy(update={"remote_attendance_counts": False})
    meetings.attend(ws, meeting.id, [people["Fern"].id], "remote_online", rules=rules)
    motion = _motion(ws, meeting, people, rules=rules)
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, rules=rules,
                             roll_call=[RollCallEntry(member_id=people["Fern"].id, vote="against")])
    assert caught.value.field == "roll_call.0.member_id"
    assert "remotely" in caught.value.detail


# --------------------------------------------------------------------------- who may move and vote


def test_vote_from_a_non_member_is_refused_naming_the_field(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, rules=RULES,
                             roll_call=[RollCallEntry(member_id=uuid.uuid4(), vote="in_favour")])
    assert caught.value.field == "roll_call.0.member_id"
    assert "not a member" in caught.value.detail


def test_vote_from_a_supporting_member_is_refused(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    roll = [RollCallEntry(member_id=people["Kestrel"].id, vote="in_favour"),
            RollCallEntry(member_id=people["Sam"].id, vote="in_favour")]
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, roll_call=roll, rules=RULES)
    assert caught.value.field == "roll_call.1.member_id"
    assert "supporting member" in caught.value.detail
    _no_names(caught.value, people)


def test_vote_from_a_member_who_sent_apologies_is_refused(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, rules=RULES,
                             roll_call=[RollCallEntry(member_id=people["Fern"].id, vote="in_favour")])
    assert "not recorded as present" in caught.value.detail


def test_a_member_voting_twice_in_a_roll_call_is_refused(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    roll = [RollCallEntry(member_id=people["Tui"].id, vote="in_favour")] * 2
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, roll_call=roll, rules=RULES)
    assert caught.value.field == "roll_call.1.member_id"


def test_more_votes_than_voters_present_is_refused_and_nothing_is_saved(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    before = ws.get(Meeting, meeting.id)
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, in_favour=10, against=1, abstentions=1, rules=RULES)
    assert caught.value.field == "votes"
    assert "more than the 11 voters present" in caught.value.detail
    assert ws.get(Meeting, meeting.id) == before


def test_mover_must_be_a_voting_member_present(ws, people, meeting):
    with pytest.raises(InputError) as caught:
        _motion(ws, meeting, people, mover_id=people["Dr Ana"].id)
    assert caught.value.field == "mover_id"
    _no_names(caught.value, people)


def test_motion_without_a_seconder_is_refused_when_the_bylaws_require_one(ws, people, meeting):
    with pytest.raises(InputError) as caught:
        _motion(ws, meeting, people, seconder_id=None)
    assert caught.value.field == "seconder_id"


def test_gathering_takes_no_motions(ws, people):
    m = meetings.new_meeting(ws, meeting_kind="gathering", date=DAY, place="the usual place")
    meetings.attend(ws, m.id, [people["Kestrel"].id, people["Moana"].id], "in_person", rules=RULES)
    with pytest.raises(InputError) as caught:
        _motion(ws, m, people)
    assert caught.value.field == "meeting_kind"


# --------------------------------------------------------------------------- votes and outcomes


def test_counted_vote_decides_by_the_bylaws_rule_and_enters_the_register(ws, people, meeting):
    motion = _motion(ws, meeting, people, decision_kind="amend_bylaws", clause_id="quorum", clause_relation="amends")
    outcome = meetings.record_vote(ws, meeting.id, motion.id, in_favour=7, against=4, abstentions=0, rules=RULES)
    assert not outcome.carried and outcome.rule == "two-thirds of votes cast"
    assert decisions.decisions_register(ws) == []
    motion2 = _motion(ws, meeting, people, decision_kind="amend_bylaws", clause_id="quorum", clause_relation="amends")
    assert meetings.record_vote(ws, meeting.id, motion2.id, in_favour=8, against=3, rules=RULES).carried
    [decision] = decisions.decisions_register(ws)
    assert decision.number == 1 and decision.clause_id == "quorum" and decision.clause_relation == "amends"
    assert [t.model_dump(mode="json") for t in decision.triggers] == [
        {"obligation": "amendment_of_bylaws", "event": "special_resolution", "date": DAY}]


def test_electing_the_governing_body_starts_the_change_of_officers_notice(ws, people, meeting):
    motion = _motion(ws, meeting, people, text="That Kestrel, Moana, Juniper, Saffron and Wren form the committee.",
                     decision_kind="elect_governing_body")
    assert meetings.record_vote(ws, meeting.id, motion.id, in_favour=10, against=0, abstentions=1, rules=RULES).carried
    [decision] = decisions.decisions_register(ws)
    assert [t.model_dump(mode="json") for t in decision.triggers] == [
        {"obligation": "change_of_officers", "event": "officer_change", "date": DAY}]


def test_tie_is_lost_and_carried_with_the_chairs_casting_vote(ws, people, meeting):
    rules = RULES.model_copy(update={"chair_casting_vote": True})
    motion = _motion(ws, meeting, people, rules=rules)
    with pytest.raises(InputError):
        meetings.record_vote(ws, meeting.id, motion.id, in_favour=5, against=4, casting_vote="in_favour", rules=rules)
    assert meetings.record_vote(ws, meeting.id, motion.id, in_favour=5, against=5, casting_vote="in_favour", rules=rules).carried
    lost = _motion(ws, meeting, people, text="That we meet weekly.", rules=rules)
    assert not meetings.record_vote(ws, meeting.id, lost.id, in_favour=5, against=5, rules=rules).carried


def test_secret_ballot_keeps_counts_only(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    meetings.record_vote(ws, meeting.id, motion.id, in_favour=6, against=3, blank=1, secret_ballot=True, rules=RULES)
    vote = ws.get(Meeting, meeting.id).motion(motion.id).vote
    assert vote.method == "secret_ballot" and vote.roll_call == []
    assert (vote.in_favour, vote.against, vote.blank) == (6, 3, 1)
    with pytest.raises(ValueError):
        VoteRecord(method="secret_ballot", in_favour=1,
                   roll_call=[RollCallEntry(member_id=people["Tui"].id, vote="in_favour")])
    with pytest.raises(InputError) as caught:
        second = _motion(ws, meeting, people, text="That we meet weekly.")
        meetings.record_vote(ws, meeting.id, second.id, secret_ballot=True, rules=RULES,
                             roll_call=[RollCallEntry(member_id=people["Tui"].id, vote="in_favour")])
    assert caught.value.field == "roll_call"


def test_amendment_changes_the_final_wording_and_keeps_the_original(ws, people, meeting):
    motion = _motion(ws, meeting, people, text="That the group meets monthly.")
    amendment = meetings.add_amendment(ws, meeting.id, motion.id, "add 'online when needed'",
                                       "That the group meets monthly, online when needed.",
                                       mover_id=people["Tui"].id, seconder_id=people["Rook"].id, rules=RULES)
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, in_favour=9, rules=RULES)
    assert caught.value.field == "amendments"
    assert meetings.record_vote(ws, meeting.id, motion.id, amendment_id=amendment.id, in_favour=6, against=5,
                                rules=RULES).carried
    meetings.record_vote(ws, meeting.id, motion.id, in_favour=9, against=1, rules=RULES)
    stored = ws.get(Meeting, meeting.id).motion(motion.id)
    assert stored.text == "That the group meets monthly, online when needed."
    assert stored.original_text == "That the group meets monthly."
    assert decisions.decisions_register(ws)[0].text == stored.text


def test_consensus_with_a_block_falls_back_to_the_bylaws_vote(ws, people, meeting):
    fallback = MajorityRule(kind="consensus", fallback=MajorityRule(kind="two_thirds"))
    rules = RULES.model_copy(update={"majorities": {**RULES.majorities, "ordinary": fallback}})
    motion = _motion(ws, meeting, people, rules=rules)
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, in_favour=9, rules=rules)
    assert caught.value.field == "votes"
    outcome = meetings.record_consensus(ws, meeting.id, motion.id, agree=8,
                                        stand_asides=[(people["Tui"].id, "I cannot attend monthly")],
                                        blocks=[(people["Rook"].id, None)], rules=rules)
    assert outcome.result == "fallback_vote_needed"
    final = meetings.record_vote(ws, meeting.id, motion.id, in_favour=8, against=2, abstentions=1, rules=rules)
    assert final.carried
    assert "A block stops consensus" in final.explanation and "Fallback vote" in final.explanation
    assert len(decisions.decisions_register(ws)) == 1


def test_consensus_without_fallback_one_block_loses(ws, people, meeting):
    rules = RULES.model_copy(update={"majorities": {**RULES.majorities, "ordinary": MajorityRule(kind="consensus")}})
    motion = _motion(ws, meeting, people, rules=rules)
    outcome = meetings.record_consensus(ws, meeting.id, motion.id, agree=10, blocks=[(people["Rook"].id, "unsafe")],
                                        rules=rules)
    assert outcome.result == "lost"
    assert decisions.decisions_register(ws) == []


def test_stand_aside_needs_a_reason(ws, people, meeting):
    rules = RULES.model_copy(update={"majorities": {**RULES.majorities, "ordinary": MajorityRule(kind="consensus")}})
    motion = _motion(ws, meeting, people, rules=rules)
    with pytest.raises(ValidationFailed) as caught:
        meetings.record_consensus(ws, meeting.id, motion.id, agree=9, stand_asides=[(people["Tui"].id, "  ")], rules=rules)
    assert caught.value.problems[0][0] == "consensus.stand_asides.0.reason"


def test_close_refuses_a_pending_motion_and_keeps_the_quorum(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    with pytest.raises(InputError) as caught:
        meetings.close_meeting(ws, meeting.id, end_time="20:00", rules=RULES)
    assert caught.value.field == "motions"
    meetings.withdraw_motion(ws, meeting.id, motion.id)
    closed = meetings.close_meeting(ws, meeting.id, end_time="20:00", rules=RULES)
    assert closed.quorum.explanation.startswith("11 of 12 voting members present; quorum is 7.")
    with pytest.raises(InputError) as caught:
        meetings.attend(ws, meeting.id, [people["Fern"].id], "in_person", rules=RULES)
    assert caught.value.field == "status"


def test_inquorate_meeting_refuses_business_but_may_adjourn(ws, people):
    m = meetings.new_meeting(ws, meeting_kind="general", date=DAY)
    meetings.attend(ws, m.id, [people[n].id for n in HARBOUR_COMMUNITY[:5]], "in_person", rules=RULES)
    with pytest.raises(InputError) as caught:
        _motion(ws, m, people)
    assert caught.value.field == "quorum"
    assert "may only adjourn" in caught.value.detail
    adjourn = meetings.add_motion(ws, m.id, "That the meeting adjourn to 4 December.", mover_id=people["Kestrel"].id,
                                  seconder_id=people["Moana"].id, motion_type="adjourn", rules=RULES)
    assert meetings.record_vote(ws, m.id, adjourn.id, in_favour=5, rules=RULES).carried
    assert decisions.decisions_register(ws) == []  # procedural motions are not register decisions


# --------------------------------------------------------------------------- minutes lifecycle


def _closed(ws, people, meeting):
    motion = _motion(ws, meeting, people)
    meetings.record_vote(ws, meeting.id, motion.id, in_favour=9, against=1, rules=RULES)
    decisions.add_action_item(ws, "Book the room", people["Tui"].id, due="2025-12-01", meeting_id=meeting.id)
    return meetings.close_meeting(ws, meeting.id, end_time="20:00", rules=RULES)


def _next_meeting(ws, people, date="2025-12-18"):
    nxt = meetings.new_meeting(ws, meeting_kind="general", date=date)
    meetings.attend(ws, nxt.id, [people[n].id for n in HARBOUR_COMMUNITY[:8]], "in_person", rules=RULES)
    return nxt


def test_minutes_approved_as_corrected_then_locked_and_verified(ws, people, meeting):
    _closed(ws, people, meeting)
    nxt = _next_meeting(ws, people)
    approved = minutes.approve_minutes(ws, meeting.id, at_meeting_id=nxt.id, corrections="The place was the drop-in space.",
                                       rules=RULES)
    assert approved.minutes.label == "Approved as corrected"
    locked = minutes.lock_minutes(ws, meeting.id, on="2025-12-18")
    assert len(locked.minutes.content_hash) == 64
    assert minutes.verify_minutes(ws, meeting.id)
    assert locked.minutes.label == "Approved as corrected, locked"


def test_minutes_hash_detects_a_change_to_the_record(ws, people, meeting):
    _closed(ws, people, meeting)
    nxt = _next_meeting(ws, people)
    minutes.approve_minutes(ws, meeting.id, at_meeting_id=nxt.id, rules=RULES)
    minutes.lock_minutes(ws, meeting.id, on="2025-12-18")
    stored = ws.get(Meeting, meeting.id)
    ws.put(stored.model_copy(update={"place": "somewhere else"}))
    assert not minutes.verify_minutes(ws, meeting.id)


def test_approved_minutes_cannot_change_and_a_late_correction_is_a_linked_record(ws, people, meeting):
    _closed(ws, people, meeting)
    nxt = _next_meeting(ws, people)
    minutes.approve_minutes(ws, meeting.id, at_meeting_id=nxt.id, rules=RULES)
    with pytest.raises(InputError) as caught:
        minutes.correct_locked_minutes(ws, meeting.id, "Fern attended online.", on="2025-12-18")
    assert caught.value.field == "minutes"
    locked = minutes.lock_minutes(ws, meeting.id, on="2025-12-18")
    correction = minutes.correct_locked_minutes(ws, meeting.id, "Fern attended online.", on="2026-01-15",
                                                at_meeting_id=nxt.id)
    assert correction.corrects_hash == locked.minutes.content_hash
    assert ws.all(MinutesCorrection) == [correction]
    assert minutes.verify_minutes(ws, meeting.id)  # the locked minutes themselves did not change


def test_minutes_approval_needs_a_later_quorate_meeting(ws, people, meeting):
    with pytest.raises(InputError) as caught:
        minutes.approve_minutes(ws, meeting.id, at_meeting_id=meeting.id, rules=RULES)
    assert caught.value.field == "status"  # still open
    _closed(ws, people, meeting)
    with pytest.raises(InputError) as caught:
        minutes.approve_minutes(ws, meeting.id, at_meeting_id=meeting.id, rules=RULES)
    assert caught.value.field == "at_meeting_id"
    thin = meetings.new_meeting(ws, meeting_kind="general", date="2025-12-18")
    meetings.attend(ws, thin.id, [people["Tui"].id], "in_person", rules=RULES)
    with pytest.raises(InputError) as caught:
        minutes.approve_minutes(ws, meeting.id, at_meeting_id=thin.id, rules=RULES)
    assert "no quorum" in caught.value.detail


def test_lock_before_approval_is_refused(ws, people, meeting):
    _closed(ws, people, meeting)
    with pytest.raises(InputError) as caught:
        minutes.lock_minutes(ws, meeting.id, on="2025-12-18")
    assert caught.value.field == "minutes"


# --------------------------------------------------------------------------- action items and events


def test_action_items_overdue_list(ws, people, meeting):
    item = decisions.add_action_item(ws, "Open a bank account", people["Tui"].id, due="2025-12-20", meeting_id=meeting.id)
    assert decisions.overdue(ws.all(ActionItem), dt.date(2025, 12, 20)) == []
    assert decisions.overdue(ws.all(ActionItem), dt.date(2025, 12, 21)) == [item]
    done = decisions.complete_action_item(ws, item.id, on="2025-12-19")
    assert done.status == "done" and decisions.overdue([done], dt.date(2026, 1, 1)) == []


def test_action_item_owner_must_be_a_member_and_due_not_before_the_meeting(ws, people, meeting):
    with pytest.raises(InputError) as caught:
        decisions.add_action_item(ws, "Book the room", uuid.uuid4())
    assert caught.value.field == "owner_id"
    with pytest.raises(InputError) as caught:
        decisions.add_action_item(ws, "Book the room", people["Tui"].id, due="2025-11-01", meeting_id=meeting.id)
    assert caught.value.field == "due"


def test_meeting_events_for_the_deadlines(ws, people):
    agm = meetings.new_meeting(ws, meeting_kind="agm", date=DAY)
    meetings.attend(ws, agm.id, [people[n].id for n in HARBOUR_COMMUNITY[:9]], "in_person", rules=RULES)
    motion = meetings.add_motion(ws, agm.id, "That the committee be elected as nominated.", mover_id=people["Tui"].id,
                                 seconder_id=people["Rook"].id, decision_kind="elect_governing_body", rules=RULES)
    meetings.record_vote(ws, agm.id, motion.id, in_favour=9, rules=RULES)
    meetings.close_meeting(ws, agm.id, end_time="19:30", rules=RULES)
    events = decisions.meeting_events(ws.all(Meeting), ws.all(Decision))
    assert events == [("agm", dt.date(2025, 11, 20)), ("officer_change", dt.date(2025, 11, 20))]


def test_rules_come_from_the_adopted_bylaws_or_an_error_names_rules(ws, people):
    m = meetings.new_meeting(ws, meeting_kind="general", date=DAY)
    meetings.attend(ws, m.id, [people["Tui"].id], "in_person", rules=RULES)
    with pytest.raises(InputError) as caught:
        meetings.meeting_quorum(ws, m.id)
    assert caught.value.field == "rules"


def test_casting_vote_from_rules_is_used_when_given_directly(ws, people, meeting):
    rules = GovernanceRules(chair_casting_vote=False, seconder_required=False)
    motion = meetings.add_motion(ws, meeting.id, "That we meet weekly.", mover_id=people["Tui"].id, rules=rules)
    with pytest.raises(InputError) as caught:
        meetings.record_vote(ws, meeting.id, motion.id, in_favour=5, against=5, casting_vote="in_favour", rules=rules)
    assert caught.value.field == "casting_vote"


def test_decision_without_a_quorum_needs_ratification_by_a_later_quorate_meeting(ws, people):
    rules = RULES.model_copy(update={"inquorate_business": "may_decide_subject_to_ratification"})
    thin = meetings.new_meeting(ws, meeting_kind="general", date=DAY)
    meetings.attend(ws, thin.id, [people[n].id for n in HARBOUR_COMMUNITY[:4]], "in_person", rules=rules)
    urgent = _motion(ws, thin, people, text="That we sign the venue booking today.", rules=rules)
    assert urgent.needs_ratification
    meetings.record_vote(ws, thin.id, urgent.id, in_favour=4, rules=rules)
    [decision] = decisions.decisions_register(ws)
    assert decision.needs_ratification and decision.ratified_by is None
    with pytest.raises(InputError) as caught:  # another inquorate meeting cannot ratify it
        _motion(ws, thin, people, text="That decision 1 be ratified.", ratifies=decision.id, rules=rules)
    assert caught.value.field == "ratifies"
    meetings.close_meeting(ws, thin.id, end_time="19:00", rules=rules)
    full = _next_meeting(ws, people)
    ratify = meetings.add_motion(ws, full.id, "That decision 1 be ratified.", mover_id=people["Tui"].id,
                                 seconder_id=people["Rook"].id, ratifies=decision.id, rules=rules)
    meetings.record_vote(ws, full.id, ratify.id, in_favour=8, rules=rules)
    ratified = ws.get(Decision, decision.id)
    second = decisions.decisions_register(ws)[1]
    assert ratified.ratified_by == second.id and not second.needs_ratification
    with pytest.raises(InputError) as caught:
        meetings.add_motion(ws, full.id, "Again.", mover_id=people["Tui"].id, seconder_id=people["Rook"].id,
                            ratifies=decision.id, rules=rules)
    assert caught.value.field == "ratifies"


def test_blank_motion_text_is_refused_naming_the_field(ws, people, meeting):
    with pytest.raises(ValidationFailed) as caught:
        _motion(ws, meeting, people, text="   ")
    assert caught.value.problems[0][0] == "motion.text"
    assert ws.get(Meeting, meeting.id).motions == []


def test_the_mover_of_an_amendment_cannot_also_second_it(ws, people, meeting):
    motion = _motion(ws, meeting, people, text="That the group meets monthly.")
    before = ws.get(Meeting, meeting.id)
    with pytest.raises(ValidationFailed) as caught:
        meetings.add_amendment(ws, meeting.id, motion.id, "add 'online when needed'",
                               "That the group meets monthly, online when needed.",
                               mover_id=people["Tui"].id, seconder_id=people["Tui"].id, rules=RULES)
    assert "the mover cannot also second the amendment" in str(caught.value)
    assert ws.get(Meeting, meeting.id) == before
