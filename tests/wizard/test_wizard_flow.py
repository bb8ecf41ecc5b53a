"""The whole formation flow in the wizard, keyboard first, from an empty workspace to adopted
bylaws; the stored records are checked at the end by opening the file again."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Select, TextArea

from formation.models import Member, Organization
from formation.models.bylaws import BylawsDraft
from formation.models.decisions import Decision
from formation.models.meetings import Meeting
from formation.store import Workspace
from wizard_helpers import FAST_KDF, PASSPHRASE, go_to, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp
from wizard.screens.about import AboutScreen
from wizard.screens.create import CreateScreen

# Scenario 1 (Harbour Lights Collective): 11 community members, 2 supporters, Wren undisclosed.
COMMUNITY = ["Kestrel", "Moana", "Juniper", "Saffron", "Tui", "Rook", "Indigo", "Piwakawaka", "Marlowe", "Opal", "Fern"]
SUPPORTERS = ["Dr Ana", "Sam"]


async def _add_member(pilot, name: str, membership: str, community: str) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("a")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "MemberDialog", "the member form")
    await pilot.press(*name)
    app.screen.query_one("#membership-class", Select).value = membership
    app.screen.query_one("#community", Select).value = community
    await pilot.pause()
    app.screen.query_one("#work-name").focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "MembersScreen", "the member register")


async def test_whole_flow_from_empty_workspace_to_adopted_bylaws(tmp_path: Path) -> None:
    path = tmp_path / "workspace"
    app = FormationApp(path, kdf=FAST_KDF)
    async with app.run_test(size=(80, 24)) as pilot:
        # 1. create the workspace: passphrase twice
        assert isinstance(app.screen, CreateScreen)
        await pilot.press(*PASSPHRASE, "tab", *PASSPHRASE, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AboutScreen), "about the group")

        # 2. about the group
        await pilot.press(*"Harbour Lights Collective")
        objects = app.screen.query_one("#objects", TextArea)
        objects.focus()
        await pilot.press(*"Peer support, run by and for sex workers")
        await wait_for(pilot, lambda: app.session.organization is not None and app.session.organization.objects,
                       "the organization kept")

        # 3. legal context: New Zealand
        await go_to(pilot, "legal_context")
        app.screen.query_one("#context", Select).value = "nz"
        await wait_for(pilot, lambda: app.session.organization.legal_context_id == "nz", "the context chosen")
        info = str(app.screen.query_one("#context-info").source)
        assert "not legal advice" in info
        assert "decriminalised" in info

        # 4. structure: the incorporated society
        await go_to(pilot, "structure")
        forms = app.screen.query_one("#forms", OptionList)
        ids = [forms.get_option_at_index(i).id for i in range(forms.option_count)]
        forms.focus()
        forms.highlighted = ids.index("nz:incorporated_society")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.organization.legal_form_id == "incorporated_society", "the form chosen")

        # 5. members
        await go_to(pilot, "members")
        for name in COMMUNITY:
            await _add_member(pilot, name, "voting", "yes")
        for name in SUPPORTERS:
            await _add_member(pilot, name, "supporting", "no")
        await _add_member(pilot, "Wren", "voting", "undisclosed")
        assert len(app.session.all(Member)) == 14

        # 6. bylaws: start from the library, then choose an option with the keyboard
        await go_to(pilot, "bylaws")
        await pilot.click("#start")
        await wait_for(pilot, lambda: app.session.first(BylawsDraft) is not None, "the bylaws started")
        badge = app.screen.query_one("#audit-badge")
        await wait_for(pilot, lambda: "community-led" in str(badge.render()), "the audit badge")

        # 7. the founding meeting: 13 present (10 community voting members, Wren, 2 supporters)
        await go_to(pilot, "founding_meeting")
        await pilot.press("enter")  # the date field holds today's date
        await wait_for(pilot, lambda: app.screen.query("#attendance"), "the meeting started")
        table = app.screen.query_one("#attendance")
        table.focus()
        absent = "Piwakawaka"
        for row in range(table.row_count):
            name = str(table.get_row_at(row)[0])
            await pilot.press("x" if name == absent else "p")
        quorum = app.screen.query_one("#quorum")
        await wait_for(pilot, lambda: "QUORATE" in str(quorum.render()) and "NOT" not in str(quorum.render()),
                       "the quorum indicator")
        assert "11 of 12" in str(quorum.render())

        # the motion to adopt the bylaws, moved by Kestrel, seconded by Moana
        await pilot.press("b")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MotionDialog", "the motion form")
        by_name = {m.work_name: m.id for m in app.session.all(Member)}
        app.screen.query_one("#mover", Select).value = by_name["Kestrel"]
        app.screen.query_one("#seconder", Select).value = by_name["Moana"]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "FoundingMeetingScreen", "the motion moved")

        # the vote: 9 for, 0 against, 1 abstaining, with the live tally
        await pilot.press("v")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "VoteDialog", "the vote form")
        await pilot.press("9", "tab", "0", "tab", "1")
        tally = app.screen.query_one("#tally")
        await wait_for(pilot, lambda: "CARRIED" in str(tally.render()), "the live tally")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "FoundingMeetingScreen", "the vote recorded")
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: all(m.status == "closed" for m in app.session.all(Meeting)), "the meeting closed")
        await pilot.press("ctrl+q")

    # the stored data, read back from the encrypted file
    assert b"Kestrel" not in path.read_bytes()
    with Workspace.open(path, PASSPHRASE) as ws:
        org = ws.organization
        assert isinstance(org, Organization)
        assert org.name == "Harbour Lights Collective"
        assert org.objects == ["Peer support, run by and for sex workers"]
        assert (org.legal_context_id, org.legal_form_id) == ("nz", "incorporated_society")
        members = ws.all(Member)
        assert sum(m.community_member == "yes" for m in members) == 11
        assert sum(m.membership_class == "voting" for m in members) == 12
        (meeting,) = ws.all(Meeting)
        assert meeting.meeting_kind == "founding" and meeting.status == "closed"
        assert meeting.quorum is not None and meeting.quorum.quorate and meeting.quorum.counted == 11
        (motion,) = meeting.motions
        assert motion.result == "carried"
        assert (motion.vote.in_favour, motion.vote.against, motion.vote.abstentions) == (9, 0, 1)
        (draft,) = ws.all(BylawsDraft)
        assert draft.latest.status == "adopted"
        (decision,) = ws.all(Decision)
        assert decision.adopts_bylaws is not None and decision.adopts_bylaws.draft_id == draft.id
