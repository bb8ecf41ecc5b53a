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
