"""Meetings in the wizard: consensus with a fallback vote, amendments, roll-call and secret-ballot
votes, proxies where the bylaws allow them, and locking approved minutes."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, Select, Static

from formation import bylaws, minutes
from formation.models import Member
from formation.models.bylaws import BylawsDraft
from formation.models.decisions import ActionItem
from formation.models.meetings import Meeting
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp

TODAY = _dt.date(2026, 10, 10)
MOTION = "That the collective join the regional sex worker network"


def _sample(tmp_path: Path, *, consensus: bool = False, proxies: bool = False) -> Path:
    """The sample; with ``consensus`` or ``proxies`` its bylaws v2, adopted on 1 June 2026, decide
    ordinary business by consensus with a two-thirds fallback vote, or allow proxies."""
    path = sample_path(tmp_path)
    if consensus or proxies:
        with Workspace.open(path, None, allow_plaintext=True) as ws:
            (draft,) = ws.all(BylawsDraft)
            draft = bylaws.new_version(draft, on=_dt.date(2026, 6, 1))
            if consensus:
                draft = bylaws.set_option(draft, "voting", "ordinary", "consensus_with_fallback")
            if proxies:
                draft = bylaws.set_option(draft, "voting", "proxies", "proxies_allowed")
            ws.put(bylaws.adopt(draft, on=_dt.date(2026, 6, 1), organization=ws.organization, version=2))
    return path


def _app(path: Path) -> FormationApp:
    app = FormationApp(path, demo=True)
    app.clock = lambda: TODAY
    return app


async def _screen(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == name, name)
    await pilot.pause()


async def _new_meeting(pilot, *, everyone: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Record a general meeting today and, with ``everyone``, mark every member present."""
    app = pilot.app
    await wait_for(pilot, lambda: app.session is not None, "the sample opened")
    await go_to(pilot, "meetings")
    await pilot.press("n")
    await _screen(pilot, "NewMeetingDialog")
    await pilot.press("enter")
    await _screen(pilot, "MeetingScreen")
    app.screen.query_one("#attendance").focus()
    if everyone:
        await pilot.press("ctrl+a")
        await wait_for(pilot, lambda: "● QUORATE" in str(app.screen.query_one("#quorum").render()), "a quorum")


async def _move(pilot, mover: str, seconder: str, text: str = MOTION) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    by_name = {m.work_name: m.id for m in app.session.all(Member)}
    await pilot.press("m")
    await _screen(pilot, "MotionDialog")
    app.screen.query_one("#motion-text", Input).value = text
    app.screen.query_one("#mover", Select).value = by_name[mover]
    app.screen.query_one("#seconder", Select).value = by_name[seconder]
    await pilot.pause()
    await pilot.press("ctrl+s")
    await _screen(pilot, "MeetingScreen")


def _the_meeting(app: FormationApp) -> Meeting:
    return next(m for m in app.session.all(Meeting) if m.date == TODAY)


async def test_blocked_consensus_is_decided_by_the_bylaws_fallback_vote(tmp_path: Path) -> None:
    path = _sample(tmp_path, consensus=True)
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _new_meeting(pilot)
        by_name = {m.work_name: m.id for m in app.session.all(Member)}
        await _move(pilot, "Kestrel", "Moana")

        await pilot.press("v")  # the bylaws decide ordinary business by consensus: the consensus form
        await _screen(pilot, "ConsensusDialog")
        await pilot.press(*"9")
        tally = app.screen.query_one("#consensus-tally", Static)
        await wait_for(pilot, lambda: "CARRIED" in str(tally.render()), "consensus while nobody blocks")
        # a stand-aside needs its reason
        app.screen.query_one("#responder", Select).value = by_name["Tui"]
        await pilot.pause()
        await pilot.press("ctrl+n")
        reason_error = app.screen.query_one("#reason-error", Static)
        await wait_for(pilot, lambda: "reason" in str(reason_error.render()), "the reason asked for")
        app.screen.query_one("#reason", Input).value = "Not enough time to ask the night shift"
        await pilot.press("ctrl+n")
        app.screen.query_one("#responder", Select).value = by_name["Rook"]
        app.screen.query_one("#response", Select).value = "block"
        app.screen.query_one("#reason", Input).value = "The network takes partner money"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: "NO CONSENSUS" in str(tally.render()), "the block stops consensus")
        assert app.screen.query_one("#responses", DataTable).row_count == 2
        await pilot.press("ctrl+s")
        await _screen(pilot, "MeetingScreen")
        assert _the_meeting(app).motions[0].result == "fallback_vote_needed"

        # the fallback vote the bylaws give: two-thirds of the votes cast (9 of 11: 82%)
        await pilot.press("v")
        await _screen(pilot, "VoteDialog")
        assert "two-thirds" in str(app.screen.query_one(".hint", Static).render())
        await pilot.press("9", "tab", "2", "tab", "1")
        vote_tally = app.screen.query_one("#tally", Static)
        await wait_for(pilot, lambda: "CARRIED" in str(vote_tally.render()), "the live tally")
        await pilot.press("ctrl+s")
        await _screen(pilot, "MeetingScreen")
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        meeting = next(m for m in ws.all(Meeting) if m.date == TODAY)
        (motion,) = meeting.motions
        assert motion.result == "carried"
        assert motion.consensus is not None and motion.consensus.agree == 9
        ((aside_id, aside_reason),) = [(a.member_id, a.reason) for a in motion.consensus.stand_asides]
        assert (aside_id, aside_reason) == (by_name["Tui"], "Not enough time to ask the night shift")
        assert [(b.member_id, b.reason) for b in motion.consensus.blocks] == [(by_name["Rook"],
                                                                              "The network takes partner money")]
        assert (motion.vote.in_favour, motion.vote.against, motion.vote.abstentions) == (9, 2, 1)
        assert "Fallback vote" in (motion.outcome or "")


async def test_amendment_by_roll_call_then_the_motion_by_secret_ballot(tmp_path: Path) -> None:
    path = _sample(tmp_path)
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _new_meeting(pilot)
        by_name = {m.work_name: m.id for m in app.session.all(Member)}
        await _move(pilot, "Kestrel", "Moana")

        # Indigo moves to amend; Opal seconds
        await pilot.press("e")
        await _screen(pilot, "AmendmentDialog")
        amended = MOTION + " as a full member"
        assert app.screen.query_one("#resulting-text", Input).value == MOTION
        app.screen.query_one("#resulting-text", Input).value = amended
        app.screen.query_one("#amendment-mover", Select).value = by_name["Indigo"]
        app.screen.query_one("#amendment-seconder", Select).value = by_name["Opal"]
        await pilot.pause()
        await pilot.press("ctrl+s")  # the amendment's own wording is missing: formation refuses
        form_error = app.screen.query_one("#form-error", Static)
        await wait_for(pilot, lambda: "must not be empty" in str(form_error.render()), "the refusal")
        assert type(app.screen).__name__ == "AmendmentDialog"
        app.screen.query_one("#amendment-text", Input).value = "add 'as a full member' at the end"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _screen(pilot, "MeetingScreen")
        motions = app.screen.query_one("#motions", DataTable)
        assert [str(motions.get_row_at(i)[0]) for i in range(motions.row_count)] == ["1", "1.1"]

        # the amendment is decided first, by roll call: 12 voters present, Wren and Rook against
        await pilot.press("l")
        await _screen(pilot, "RollCallDialog")
        table = app.screen.query_one("#roll-call", DataTable)
        called = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert len(called) == 12 and "Dr Ana" not in called and "Sam" not in called
        for name in called:
            await pilot.press("n" if name in ("Wren", "Rook") else "y")
        tally = app.screen.query_one("#roll-call-tally", Static)
        await wait_for(pilot, lambda: "12 of 12 called" in str(tally.render()) and "CARRIED" in str(tally.render()),
                       "the live tally")
        await pilot.press("ctrl+s")
        await _screen(pilot, "MeetingScreen")
        assert _the_meeting(app).motions[0].text == amended

        # then the motion as amended, by secret ballot: counts only
        await pilot.press("v")
        await _screen(pilot, "VoteDialog")
        assert "as a full member" in str(app.screen.query_one(".title", Static).render())
        await pilot.press("7", "tab", "3", "tab", "1")
        app.screen.query_one("#secret-ballot", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _screen(pilot, "MeetingScreen")
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (motion,) = next(m for m in ws.all(Meeting) if m.date == TODAY).motions
        (amendment,) = motion.amendments
        assert (amendment.result, amendment.mover_id, amendment.seconder_id) == ("carried", by_name["Indigo"],
                                                                                 by_name["Opal"])
        assert amendment.vote.method == "roll_call" and len(amendment.vote.roll_call) == 12
        against = {e.member_id for e in amendment.vote.roll_call if e.vote == "against"}
        assert against == {by_name["Wren"], by_name["Rook"]}
        assert (amendment.vote.in_favour, amendment.vote.against) == (10, 2)
        assert (motion.text, motion.original_text) == (amended, MOTION)
        assert motion.result == "carried"
        assert motion.vote.method == "secret_ballot" and motion.vote.roll_call == []
        assert (motion.vote.in_favour, motion.vote.against, motion.vote.abstentions) == (7, 3, 1)


async def _row_of(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.query_one("#attendance", DataTable)
    table.focus()
    table.move_cursor(row=next(i for i in range(table.row_count) if str(table.get_row_at(i)[0]) == name))
    await pilot.pause()


async def test_proxy_only_where_the_bylaws_allow_it_and_the_holder_votes_it(tmp_path: Path) -> None:
    # the sample's bylaws allow no proxies: y does nothing and is not offered
    app = _app(_sample(tmp_path / "no-proxies"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _new_meeting(pilot)
        await _row_of(pilot, "Fern")
        assert not app.screen.query_one("#attendance").proxies_allowed
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        fern = next(m.id for m in app.session.all(Member) if m.work_name == "Fern")
        assert _the_meeting(app).attendance_of(fern).presence == "in_person"

    path = _sample(tmp_path / "proxies", proxies=True)
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _new_meeting(pilot)
        by_name = {m.work_name: m.id for m in app.session.all(Member)}
        await _row_of(pilot, "Fern")
        await pilot.press("y")
        await _screen(pilot, "ProxyDialog")
        holders = [value for _label, value in app.screen.query_one("#proxy-holder", Select)._options]
        assert by_name["Fern"] not in holders and by_name["Dr Ana"] not in holders  # a supporter holds no vote
        app.screen.query_one("#proxy-holder", Select).value = by_name["Kestrel"]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _screen(pilot, "MeetingScreen")
        table = app.screen.query_one("#attendance", DataTable)
        fern_row = next(i for i in range(table.row_count) if str(table.get_row_at(i)[0]) == "Fern")
        assert str(table.get_row_at(fern_row)[1]) == "by proxy: Kestrel"

        # Kestrel votes Fern's proxy in a roll call
        await _move(pilot, "Moana", "Juniper")
        await pilot.press("l")
        await _screen(pilot, "RollCallDialog")
        roll = app.screen.query_one("#roll-call", DataTable)
        called = [str(roll.get_row_at(i)[0]) for i in range(roll.row_count)]
        assert "Kestrel for Fern (proxy)" in called and "Fern" not in called and len(called) == 12
        for _name in called:
            await pilot.press("y")
        await pilot.press("ctrl+s")
        await _screen(pilot, "MeetingScreen")
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        meeting = next(m for m in ws.all(Meeting) if m.date == TODAY)
        line = meeting.attendance_of(by_name["Fern"])
        assert (line.presence, line.proxy_holder_id) == ("proxy", by_name["Kestrel"])
        (motion,) = meeting.motions
        assert motion.result == "carried"
        assert [(e.member_id, e.proxy_for) for e in motion.vote.roll_call if e.proxy_for is not None] == [
            (by_name["Kestrel"], by_name["Fern"])]


async def test_approved_minutes_are_locked_with_their_fingerprint(tmp_path: Path) -> None:
    path = _sample(tmp_path)
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        general = next(m for m in app.session.all(Meeting) if m.meeting_kind == "general")
        await go_to(pilot, "meetings")
        table = app.screen.query_one("#meetings-table", DataTable)
        details = app.screen.query_one("#minutes-details", Static)
        table.move_cursor(row=0)  # the general meeting of 12 September: minutes in draft
        await pilot.pause()
        assert "in draft" in str(details.render())
        await pilot.press("k")  # not approved yet: nothing is locked
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingsScreen"
        assert not app.session.get(Meeting, general.id).minutes.locked

        # a meeting today approves them
        await pilot.press("n")
        await _screen(pilot, "NewMeetingDialog")
        await pilot.press("enter")
        await _screen(pilot, "MeetingScreen")
        app.screen.query_one("#attendance").focus()
        await pilot.press("ctrl+a")
        await pilot.press("r")
        await _screen(pilot, "ApproveMinutesDialog")
        await pilot.press("enter")
        await _screen(pilot, "MeetingScreen")
        await pilot.press("escape")
        await _screen(pilot, "MeetingsScreen")

        table = app.screen.query_one("#meetings-table", DataTable)
        table.focus()
        table.move_cursor(row=[str(table.get_row_at(i)[0]) for i in range(table.row_count)].index("2026-09-12"))
        await pilot.pause()
        details = app.screen.query_one("#minutes-details", Static)
        assert "Press k to lock them" in str(details.render())
        await pilot.press("k")
        await _screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        await _screen(pilot, "MeetingsScreen")
        stored = app.session.get(Meeting, general.id).minutes
        await wait_for(pilot, lambda: app.session.get(Meeting, general.id).minutes.locked, "the minutes locked")
        stored = app.session.get(Meeting, general.id).minutes
        shown = str(app.screen.query_one("#minutes-details", Static).render())
        assert f"Minutes locked on {TODAY.isoformat()}; the record still matches" in shown
        assert stored.content_hash[:32] in shown and stored.content_hash[32:] in shown
        await pilot.press("ctrl+q")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        meeting = ws.get(Meeting, general.id)
        assert meeting.minutes.locked_on == TODAY
        assert meeting.minutes.content_hash == minutes.content_hash(meeting, ws.all(ActionItem))
        assert minutes.verify_minutes(ws, general.id)
