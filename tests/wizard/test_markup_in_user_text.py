"""User text with square brackets is shown literally on every step of the wizard.

Textual parses a plain ``str`` as markup: a member named ``[/]Broken [bold`` crashed the
members table (``MarkupError``) and ``[b]Kes[/b]`` lost its brackets. Every step must show
such names, wordings and organization names exactly as typed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partner_helpers import screen_text  # type: ignore[import-not-found]
from wizard_helpers import go_to, wait_for  # type: ignore[import-not-found]

MEMBER_NAMES = ["[/]Broken [bold", "[link=x]y[/link]", "[b]Kes[/b]"]
ODD = "[red]x[/red] [/]"


def _workspace_with_brackets(tmp_path: Path) -> Path:
    from formation.models import Member
    from formation.models.decisions import ActionItem
    from formation.models.meetings import Meeting
    from formation.models.partners import Partner
    from formation.sample import build_sample_workspace
    from formation.store import Workspace

    path = build_sample_workspace(tmp_path / "ws")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        org = ws.organization
        ws.put(org.model_copy(update={"name": f"Org {ODD}"}))
        for name in MEMBER_NAMES:
            ws.put(Member(work_name=name, community_member="yes"))
        meeting = next(m for m in ws.all(Meeting) if m.motions)
        first = meeting.motions[0].model_copy(update={"text": f"Motion {ODD}"})
        ws.put(meeting.model_copy(update={"motions": [first, *meeting.motions[1:]]}))
        items = ws.all(ActionItem)
        assert items, "the sample has action items"
        ws.put(items[0].model_copy(update={"what": f"Action {ODD}"}))
        ws.put(Partner(name=f"Partner {ODD}", kinds=["funder"]))
    return path


@pytest.mark.asyncio
async def test_bracketed_user_text_crashes_no_step_and_shows_literally(tmp_path: Path) -> None:
    from wizard.app import FormationApp
    from wizard.steps import STEPS

    app = FormationApp(_workspace_with_brackets(tmp_path), demo=True)
    async with app.run_test(size=(160, 60)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the workspace opened")
        seen: dict[str, str] = {}
        for step in STEPS:
            await go_to(pilot, step.id)
            await pilot.pause(0.2)
            seen[step.id] = screen_text(app)
        assert app.return_code is None
        for name in MEMBER_NAMES:
            assert name in seen["members"], name
        assert "Org [red]x[/red] [/]" in seen["about"]
        assert "[red]x[/red]" in seen["partners"]
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "the overview")
        await pilot.pause(0.2)
    assert app.return_code in (None, 0)


@pytest.mark.asyncio
async def test_bracketed_user_text_in_dialogs_notifications_and_findings_shows_literally() -> None:
    """The vote, proxy, minutes and confirm dialogs, a finding in the audit list, a field error
    and a notification each show a name such as ``[/]Broken [bold`` exactly as typed."""
    from uuid import uuid4

    from textual.app import App, ComposeResult
    from textual.widgets import OptionList
    from textual.widgets.option_list import Option

    from formation.errors import ValidationFailed
    from formation.models.rules import MajorityRule
    from wizard.dialogs.approve_minutes import ApproveMinutesDialog
    from wizard.dialogs.confirm import ConfirmDialog
    from wizard.dialogs.proxy import ProxyDialog
    from wizard.dialogs.vote import VoteDialog
    from wizard.forms import show_problems
    from wizard.screens.audit import finding_prompt
    from wizard.widgets.fields import FieldError
    from wizard.widgets.plain import plain

    broken = MEMBER_NAMES[0]

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield FieldError(id="work-name-error")
            yield OptionList(id="findings")

    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        findings = app.query_one("#findings", OptionList)
        findings.add_option(Option(plain(finding_prompt("block", f"Clause {ODD}", f"Reason {broken}", ODD))))
        app.query_one("#work-name-error", FieldError).update(f"Work name {broken}")
        await pilot.pause()
        text = screen_text(app)
        assert f"Clause {ODD}" in text and f"Reason {broken}" in text
        assert f"Work name {broken}" in text

        show_problems(app.screen, ValidationFailed([("", f"Saved {broken}")]), {})
        await pilot.pause(0.3)
        from textual.widgets._toast import Toast

        shown_toasts = [str(Toast(n).render()) for n in app._notifications]
        assert f"Saved {broken}" in shown_toasts, shown_toasts

        dialogs = [
            (VoteDialog(f"Motion {ODD}", MajorityRule(), members_present=5, voting_members=9), f"Motion {ODD}"),
            (ProxyDialog(broken, [(MEMBER_NAMES[1], uuid4())]), f"{broken} votes by proxy"),
            (ApproveMinutesDialog(f"AGM {ODD}", f"Minutes of {broken}"), f"Minutes of {broken}"),
            (ConfirmDialog(f"Remove {broken}?", "Remove"), f"Remove {broken}?"),
        ]
        for dialog, expected in dialogs:
            await app.push_screen(dialog)
            await pilot.pause(0.1)
            assert expected in screen_text(app), expected
            app.pop_screen()
            await pilot.pause()
    assert app.return_code in (None, 0)
