"""The meetings of the three founding stories in /work/shared/scenarios.md, with their stated outcomes."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from dateutil.relativedelta import relativedelta

from formation import bylaws, decisions, meetings, minutes
from formation.errors import InputError
from formation.models import BylawsDraft, Meeting
from formation.models.decisions import ActionItem
from formation.models.meetings import BylawsRef
from tests.meetings_support import (
    HARBOUR_COMMUNITY,
    MITRA_RULES,
    TUMAINI_RULES,
    harbour_lights,
    mitra,
    new_workspace,
    tumaini,
)


@pytest.fixture
def ws(tmp_path):
    workspace = new_workspace(tmp_path)
    yield workspace
    workspace.close()


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def test_harbour_lights_founding_meeting(ws):
    """13 present: 11 of 12 voting members, community 10 of 11; adopt 9-0-1 carried under two-thirds."""
    people = harbour_lights(ws)
    draft = bylaws.new_draft(on=dt.date(2025, 10, 1), organization=ws.organization)
    ws.put(draft)
    m = meetings.new_meeting(ws, meeting_kind="founding", date="2025-11-20", place="the drop-in space",
                             chair_id=people["Kestrel"].id, minute_taker_id=people["Moana"].id)
    present = [people[n].id for n in HARBOUR_COMMUNITY[:10]] + [people[n].id for n in ("Wren", "Dr Ana", "Sam")]
    assert len(present) == 13
    rules = bylaws.governance_rules(draft)  # the rules the founders adopt and decide under
    meetings.attend(ws, m.id, present, "in_person", rules=rules)
    check = meetings.meeting_quorum(ws, m.id, rules=rules)
    assert (check.counted, check.voting_members, check.required) == (11, 12, 7)
    assert check.community_counted == 10 and check.quorate
    assert "Community members are 10 of the 11 voting members present" in check.explanation
    adopt = meetings.add_motion(ws, m.id, "That the constitution (version 1) be adopted.",
                                mover_id=people["Juniper"].id, seconder_id=people["Saffron"].id,
                                decision_kind="amend_bylaws", adopts_bylaws=BylawsRef(draft_id=draft.id, version=1))
    outcome = meetings.record_vote(ws, m.id, adopt.id, in_favour=9, against=0, abstentions=1)
    assert outcome.carried and outcome.rule == "two-thirds of votes cast"
    assert "9 of 9 votes cast in favour (100%)" in outcome.explanation
    assert ws.get(BylawsDraft, draft.id).versions[0].status == "adopted"
    committee = meetings.add_motion(ws, m.id, "That Kestrel, Moana, Juniper, Saffron and Wren form the committee.",
                                    mover_id=people["Tui"].id, seconder_id=people["Rook"].id,
                                    decision_kind="elect_governing_body")
    assert meetings.record_vote(ws, m.id, committee.id, in_favour=10, abstentions=1).carried
    meetings.close_meeting(ws, m.id, end_time="20:10")
    register = decisions.decisions_register(ws)
    assert [d.number for d in register] == [1, 2]
    assert register[0].adopts_bylaws == BylawsRef(draft_id=draft.id, version=1)
    assert register[0].triggers == []  # adopting the first bylaws is not an amendment
    assert [t.obligation for t in register[1].triggers] == ["change_of_officers"]


def _tumaini_drafts(ws):
    draft = bylaws.new_draft(on=dt.date(2025, 6, 1), organization=ws.organization)
    draft = bylaws.new_version(draft, on=dt.date(2025, 8, 1), note="the group's own review: 5 community seats")
    ws.put(draft)
    return draft


def test_tumaini_founding_meeting_adopts_v2_and_plans_the_bank_account(tmp_path):
    with new_workspace(tmp_path, "Tumaini Peer Network") as ws:
        people = tumaini(ws)
        draft = _tumaini_drafts(ws)
        day = dt.date(2025, 9, 6)
        m = meetings.new_meeting(ws, meeting_kind="founding", date=day)
        community_present = [people[f"Peer {i:02d}"].id for i in range(1, 14)]
        meetings.attend(ws, m.id, community_present + [people["Partner staff 1"].id, people["Partner staff 2"].id],
                        "in_person", rules=TUMAINI_RULES)
        assert len(ws.get(Meeting, m.id).attendance) == 15
        adopt = meetings.add_motion(ws, m.id, "That the constitution (version 2) be adopted.",
                                    mover_id=people["Peer 01"].id, seconder_id=people["Peer 02"].id,
                                    decision_kind="amend_bylaws", adopts_bylaws=BylawsRef(draft_id=draft.id, version=2))
        outcome = meetings.record_vote(ws, m.id, adopt.id, in_favour=12, against=0, abstentions=1)
        assert outcome.carried
        stored = ws.get(BylawsDraft, draft.id)
        assert stored.adopted.number == 2 and stored.versions[0].status == "draft"
        due = day + relativedelta(months=1)
        item = decisions.add_action_item(ws, "Open a bank account with the fiscal host", people["Peer 03"].id,
                                         due=due, meeting_id=m.id)
        assert item.due == dt.date(2025, 10, 6)
        meetings.close_meeting(ws, m.id, end_time="17:00")
        assert decisions.overdue(ws.all(ActionItem), dt.date(2025, 10, 6)) == []
        assert decisions.overdue(ws.all(ActionItem), dt.date(2025, 10, 7)) == [item]


def test_tumaini_later_meeting_is_inquorate_and_records_only_the_adjournment(tmp_path):
    with new_workspace(tmp_path, "Tumaini Peer Network") as ws:
        people = tumaini(ws)
        m = meetings.new_meeting(ws, meeting_kind="general", date="2026-02-07", start_time="18:00")
        meetings.attend(ws, m.id, [people[f"Peer {i:02d}"].id for i in range(1, 10)], "in_person", rules=TUMAINI_RULES)
        check = meetings.meeting_quorum(ws, m.id, rules=TUMAINI_RULES)
        assert not check.quorate and check.required == 11
        assert check.explanation.startswith("9 of 20 voting members present; quorum is 11.")
        with pytest.raises(InputError) as caught:
            meetings.add_motion(ws, m.id, "That we change the bank.", mover_id=people["Peer 01"].id,
                                seconder_id=people["Peer 02"].id, rules=TUMAINI_RULES)
        assert caught.value.field == "quorum"
        meetings.close_meeting(ws, m.id, end_time="18:40", rules=TUMAINI_RULES)
        text = _text(minutes.render_minutes(ws, m.id))
        assert "9 of 20 voting members present; quorum is 11. Not quorate." in text
        assert "No motion was put to this meeting." in text
        assert "There was no quorum, so the meeting could only adjourn; it adjourned at 18:40." in text
        assert "Motion 1" not in text
        assert decisions.decisions_register(ws) == []


def test_mitra_agm_amends_the_bye_laws_30_8_3(tmp_path):
    with new_workspace(tmp_path, "Mitra Savings Cooperative") as ws:
        people = mitra(ws)
        m = meetings.new_meeting(ws, meeting_kind="agm", date="2026-06-20")
        present = [people[f"Sathi {i:02d}"].id for i in range(1, 42)]
        meetings.attend(ws, m.id, present, "in_person", rules=MITRA_RULES)
        check = meetings.meeting_quorum(ws, m.id, rules=MITRA_RULES)
        assert (check.counted, check.voting_members, check.required, check.quorate) == (41, 60, 31, True)
        motion = meetings.add_motion(ws, m.id, "That bye-law 12 be amended to allow savings withdrawals on request.",
                                     mover_id=present[0], seconder_id=present[1], decision_kind="amend_bylaws",
                                     clause_id="finances", clause_relation="amends", rules=MITRA_RULES)
        outcome = meetings.record_vote(ws, m.id, motion.id, in_favour=30, against=8, abstentions=3, rules=MITRA_RULES)
        assert outcome.carried
        assert "30 of 38 votes cast in favour (79%)" in outcome.explanation
        [decision] = decisions.decisions_register(ws)
        assert decision.clause_id == "finances" and decision.clause_relation == "amends"
        assert [(t.obligation, t.event) for t in decision.triggers] == [("amendment_of_bylaws", "special_resolution")]
        meetings.close_meeting(ws, m.id, end_time="13:00", rules=MITRA_RULES)
        assert ("agm", dt.date(2026, 6, 20)) in decisions.meeting_events(ws.all(Meeting), [decision])
