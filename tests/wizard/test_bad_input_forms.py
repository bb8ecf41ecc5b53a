"""The wizard under the bad-input corpus: each form shows the field's error, saves nothing and
never crashes.

The inputs come from the corpus itself (tests/bad_inputs/cases/*.toml): the command-line cases of
``members add`` and ``meetings new``, the clause parameter cases and the vote cases are typed
(or pasted: a value is set as a paste would set it) into the member form, the new-meeting form,
the bylaws editor's parameter fields and the vote form of the bundled sample, and the message the
corpus states for the command line must appear under the matching field. A field that accepts a
value the command line refuses, or crashes, is a defect: its case is marked
``xfail(strict=True)`` with the reason, and reported.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from formation.models import Member
from formation.models.bylaws import BylawsDraft
from formation.models.meetings import Meeting
from formation.store import Workspace
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_inputs.corpus import expand, load_cases  # noqa: E402

WIZARD_DEFECTS = {
    "members-add-duplicate-work-name": (
        "wizard/screens/members.py keeps a second current member with the same work name (the member form builds "
        "the Member and the screen saves it); 'formation members add' refuses it with 'another current member "
        "already uses this work name' (formation/cli/members.py). The rule lives only in the command line."
    ),
}
"""Corpus cases the wizard gets wrong today, with what happens: each runs as strict xfail."""


def _params(cases: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True, reason=WIZARD_DEFECTS[c["id"]])]
                         if c["id"] in WIZARD_DEFECTS else []) for c in cases]


def _snapshot(app: FormationApp) -> dict[str, list[dict[str, Any]]]:
    """Every record of the open workspace, as JSON-ready dicts (to show nothing was saved)."""
    return {kind: [r.model_dump(mode="json") for r in records] for kind, records in app.session.records().items()}


async def _open(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: pilot.app.session is not None, "the sample opened")


async def _shows(pilot, widget_id: str, message: str) -> None:  # type: ignore[no-untyped-def]
    line = pilot.app.screen.query_one(f"#{widget_id}", Static)
    await wait_for(pilot, lambda: message in str(line.render()), f"{message!r} under {widget_id}")


# ----------------------------------------------------------------------------- the member form
MEMBER_FIELDS = {"--work-name": "work-name", "--joined": "joined-on", "--left": "left-on"}


def _member_cases() -> list[dict[str, Any]]:
    out = []
    for case in load_cases("cli"):
        argv = case["argv"]
        if argv[:2] == ["members", "add"] and case["exit"] == 3:
            values = {flag: expand(argv[argv.index(flag) + 1]) for flag in MEMBER_FIELDS if flag in argv}
            out.append({**case, "values": values})
    return out


def _expected(case: dict[str, Any]) -> tuple[str, str]:
    """``(error line id, message)``: the message after the argument's name in the corpus error."""
    error = case["error"].strip()
    for flag, widget in MEMBER_FIELDS.items():
        if f"{flag}: " in error:
            return f"{widget}-error", error.split(f"{flag}: ", 1)[1]
    return "form-error", error.split(": ")[-1]


@pytest.mark.parametrize("case", _params(_member_cases()))
async def test_member_form_shows_the_corpus_error(case, tmp_path: Path) -> None:
    app = FormationApp(sample_path(tmp_path), demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        before = _snapshot(app)
        await go_to(pilot, "members")
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MemberDialog", "the member form")
        values = {"--work-name": "Tui", **case["values"]}
        for flag, text in values.items():
            app.screen.query_one(f"#{MEMBER_FIELDS[flag]}", Input).value = text
        await pilot.pause()
        await pilot.press("ctrl+s")
        line, message = _expected(case)
        await _shows(pilot, line, message)
        assert type(app.screen).__name__ == "MemberDialog"
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MembersScreen", "back at the register")
        assert _snapshot(app) == before
