"""Meetings without a quorum, the audit's jump to the clause that fixes a finding, and bad input."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from textual.widgets import OptionList, Select, Static

from formation import bylaws
from formation.models import Member
from formation.models.bylaws import BylawsDraft
from formation.models.meetings import Meeting
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp

NEW_VERSION_ON = _dt.date(2026, 6, 1)
MEETING_ON = "2026-10-03"


def _sample_with_bylaws(tmp_path: Path, *, partner_veto: bool = False, new_version: bool = False) -> Path:
    """The fictional sample (bylaws v1 adopted at its founding meeting), optionally with a v2 in
    draft, which may give a partner a veto."""
    path = sample_path(tmp_path)
    if new_version or partner_veto:
        with Workspace.open(path, None, allow_plaintext=True) as ws:
            (draft,) = ws.all(BylawsDraft)
            draft = bylaws.new_version(draft, on=NEW_VERSION_ON)
            if partner_veto:
                draft = bylaws.set_option(draft, "partners_and_advisors", "partner_role", "partner_veto")
            ws.put(draft)
    return path


async def _open_sample(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: pilot.app.session is not None, "the sample opened")


async def test_inquorate_meeting_refuses_a_motion_and_may_only_adjourn(tmp_path: Path) -> None:
    path = _sample_with_bylaws(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_sample(pilot)
        earlier = {m.id for m in app.session.all(Meeting)}
        await go_to(pilot, "meetings")
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "NewMeetingDialog", "the new meeting form")
        await pilot.press("end", "ctrl+u", *MEETING_ON, "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingScreen", "the meeting")

        # 3 of the 12 voting members come (and Dr Ana, a supporter, first on the list): the
        # quorum (a majority of voting members, 7) is not there
        table = app.screen.query_one("#attendance")
        table.focus()
        assert str(table.get_row_at(0)[0]) == "Dr Ana"
        await pilot.press("p", "p", "p", "p")
        quorum = app.screen.query_one("#quorum", Static)
        await wait_for(pilot, lambda: "NOT QUORATE" in str(quorum.render()), "the quorum indicator")
        assert "3 of 12 voting members present; quorum is 7" in str(quorum.render())

        # a motion of business is refused, with the reason beside the form
        by_name = {m.work_name: m.id for m in app.session.all(Member)}
        await pilot.press("m")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MotionDialog", "the motion form")
        await pilot.press(*"That the collective hold a stall at the fair")
        voters = [value for _label, value in app.screen.query_one("#mover", Select)._options if value in by_name.values()]
        app.screen.query_one("#mover", Select).value = voters[0]
        app.screen.query_one("#seconder", Select).value = voters[1]
        await pilot.pause()
        await pilot.press("ctrl+s")
        form_error = app.screen.query_one("#form-error", Static)
        await wait_for(pilot, lambda: "not quorate" in str(form_error.render()), "the refusal")
        assert type(app.screen).__name__ == "MotionDialog"
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingScreen", "back at the meeting")

        # adjourning is allowed without a quorum
        await pilot.press("j")
        await pilot.press("v")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "VoteDialog", "the vote form")
        await pilot.press("3", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingScreen", "the vote recorded")
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: all(m.status == "closed" for m in app.session.all(Meeting)), "the meeting closed")

    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (meeting,) = [m for m in ws.all(Meeting) if m.id not in earlier]
        assert meeting.quorum is not None and not meeting.quorum.quorate
        assert (meeting.quorum.counted, meeting.quorum.required) == (3, 7)
        assert [(m.motion_type, m.result) for m in meeting.motions] == [("adjourn", "carried")]


async def test_audit_lists_partner_veto_and_jumps_to_its_clause(tmp_path: Path) -> None:
    path = _sample_with_bylaws(tmp_path, partner_veto=True)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_sample(pilot)
        await go_to(pilot, "audit")
        verdict = str(app.screen.query_one("#verdict", Static).render())
        assert "COMMUNITY-BASED" in verdict
        result = app.screen.result
        veto = [i for i, f in enumerate(result.findings) if f.clause_id == "partners_and_advisors"]
        assert veto, "the partner's veto is a finding"
        assert result.findings[veto[0]].severity == "critical"
        findings = app.screen.query_one("#findings", OptionList)
        assert "veto" in str(findings.get_option_at_index(veto[0]).prompt).lower()
        findings.focus()
        findings.highlighted = veto[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "BylawsScreen", "the bylaws editor")
        assert app.screen.clause.id == "partners_and_advisors"
        assert "Partners and advisors" in str(app.screen.query_one("#clause-heading").render())
        choice = app.screen.query_one("#choice-partner_role", OptionList)
        prompts = [str(choice.get_option_at_index(i).prompt) for i in range(choice.option_count)]
        chosen = [p for p in prompts if p.startswith("◉")]
        assert len(chosen) == 1 and "must agree" in chosen[0]

        # fixing it: the partner advises only; the badge follows at once
        ids = [choice.get_option_at_index(i).id for i in range(choice.option_count)]
        choice.focus()
        choice.highlighted = ids.index("partner_role::advisory_only")
        await pilot.press("enter")
        badge = app.screen.query_one("#audit-badge")
        await wait_for(pilot, lambda: "community-led" in str(badge.render()), "the badge after the fix")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (draft,) = ws.all(BylawsDraft)
        assert draft.latest.number == 2
        assert draft.latest.clauses["partners_and_advisors"].options["partner_role"] == "advisory_only"


@pytest.mark.parametrize("typed", ["0", "2026-02-30", "14/03/2026"])
async def test_bad_date_in_member_form_shows_the_field_error(tmp_path: Path, typed: str) -> None:
    path = sample_path(tmp_path)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_sample(pilot)
        await go_to(pilot, "members")
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MemberDialog", "the member form")
        await pilot.press(*"Ripple")
        app.screen.query_one("#joined-on").focus()
        await pilot.press(*typed, "enter")
        error = app.screen.query_one("#joined-on-error", Static)
        await wait_for(pilot, lambda: "YYYY-MM-DD" in str(error.render()) or "real calendar date" in str(error.render()),
                       "the field's error")
        assert typed not in str(error.render())  # the message does not echo what was typed
        assert type(app.screen).__name__ == "MemberDialog"
    assert app.return_code in (None, 0)
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        assert "Ripple" not in {m.work_name for m in ws.all(Member)}


async def test_bad_balance_date_and_bylaws_parameter_show_errors_and_keep_the_last_valid_value(tmp_path: Path) -> None:
    path = _sample_with_bylaws(tmp_path, new_version=True)
    app = FormationApp(path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_sample(pilot)
        await go_to(pilot, "about")
        error = app.screen.query_one("#balance-date-error", Static)
        for typed, message in (("02-30", "does not exist"), ("13-01", "12"), ("0", "MM-DD")):
            app.screen.query_one("#balance-date").focus()
            await pilot.press("end", "ctrl+u", *typed)  # faster than the pause after which a value is kept
            await wait_for(pilot, lambda: message in str(error.render()), f"the error for {typed}")
            await pilot.pause(1.0)  # longer than the pause after which a valid value is kept
            fye = app.session.organization.financial_year_end
            assert (fye.month, fye.day) == (3, 31)  # the last valid value is kept

        await go_to(pilot, "bylaws")
        app.screen.go_to_clause("general_meetings")
        await pilot.pause()
        notice = app.screen.query_one("#param-notice_days")
        notice.focus()
        await pilot.press("end", "ctrl+u", *"abc")
        notice_error = app.screen.query_one("#param-notice_days-error", Static)
        await wait_for(pilot, lambda: str(notice_error.render()) != "", "the parameter's error")
        draft = app.session.first(BylawsDraft)
        assert draft.latest.clauses["general_meetings"].parameters["notice_days"] == 14
    assert app.return_code in (None, 0)
