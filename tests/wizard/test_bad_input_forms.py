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

WIZARD_DEFECTS: dict[str, str] = {}
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


# ----------------------------------------------------------------------------- the sample, prepared
def _sample(tmp_path: Path, *, draft: bool = False, open_meeting: bool = False, no_members: bool = False) -> Path:
    """The bundled sample, with version 2 of its constitution in draft, or an open meeting whose
    motion 1 is pending (nine voting members present, as in the corpus's "open_meeting" setup), or
    with every member removed."""
    from formation import bylaws, meetings

    path = sample_path(tmp_path)
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        people = {m.work_name: m for m in ws.all(Member)}
        if draft:
            (current,) = ws.all(BylawsDraft)
            ws.put(bylaws.new_version(current, on=dt.date(2026, 10, 1)))
        if open_meeting:
            meeting = meetings.new_meeting(ws, meeting_kind="special_general", date=dt.date(2026, 10, 10),
                                           chair_id=people["Kestrel"].id, minute_taker_id=people["Moana"].id)
            present = ["Kestrel", "Moana", "Juniper", "Saffron", "Tui", "Rook", "Indigo", "Opal", "Wren", "Dr Ana"]
            meetings.attend(ws, meeting.id, [people[n].id for n in present], "in_person")
            meetings.add_motion(ws, meeting.id, "That membership stay free of charge.", mover_id=people["Juniper"].id,
                                seconder_id=people["Saffron"].id)
        if no_members:
            for member in people.values():
                ws.remove(Member, member.id)
    return path


async def _meeting_screen(pilot) -> None:  # type: ignore[no-untyped-def]
    """Open the sample's open meeting, as Enter on its row of the meetings list does."""
    from wizard.screens.meetings import MeetingScreen

    app = pilot.app
    (meeting,) = [m for m in app.session.all(Meeting) if m.status == "open"]
    await go_to(pilot, "meetings")
    app.push_screen(MeetingScreen(app.session, meeting.id))
    await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingScreen", "the meeting")


# ----------------------------------------------------------------------------- the new-meeting form
def _meeting_date_cases() -> list[dict[str, Any]]:
    out = []
    for case in load_cases("meetings"):
        argv = [a for a in case["argv"] if isinstance(a, str)]
        if argv[:2] == ["meetings", "new"] and argv[argv.index("--kind") + 1] == "general" \
                and not {"--time", "--title", "--chair", "--agenda"} & set(argv):
            out.append({**case, "date": argv[argv.index("--date") + 1]})
    return out


@pytest.mark.parametrize("case", _params(_meeting_date_cases()))
async def test_new_meeting_form_shows_the_corpus_error(case, tmp_path: Path) -> None:
    app = FormationApp(_sample(tmp_path, no_members=case.get("setup") == "no_members"), demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        before = _snapshot(app)
        await go_to(pilot, "meetings")
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "NewMeetingDialog", "the new-meeting form")
        app.screen.query_one("#meeting-date", Input).value = case["date"]
        await pilot.pause()
        await pilot.press("ctrl+s")
        field, message = case["error"].removeprefix("formation: meeting: ").split(": ", 1)
        await _shows(pilot, {"date": "meeting-date-error", "members": "form-error"}[field], message)
        assert type(app.screen).__name__ == "NewMeetingDialog"
        await pilot.press("escape")
        assert _snapshot(app) == before


# ----------------------------------------------------------------------------- the vote form
WIZARD_MESSAGES = {
    "negative-votes": "Votes: type whole numbers (0 or more).",
    "votes-as-words": "Votes: type whole numbers (0 or more).",
}
"""Where the form words a refusal its own way (it checks the typing before formation sees it)."""


def _vote_cases() -> list[dict[str, Any]]:
    out = []
    for case in load_cases("meetings"):
        argv = case["argv"]
        if argv[:2] == ["meetings", "vote"] and not {"--roll-call", "--casting", "--secret", "--rules"} & set(argv) \
                and case["setup"] == "open_meeting" and argv[4:6] == ["{meeting}", "1"]:
            counts = {flag: argv[argv.index(flag) + 1] for flag in ("--for", "--against", "--abstain") if flag in argv}
            out.append({**case, "counts": counts})
    return out


@pytest.mark.parametrize("case", _params(_vote_cases()))
async def test_vote_form_shows_the_corpus_error(case, tmp_path: Path) -> None:
    app = FormationApp(_sample(tmp_path, open_meeting=True), demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        await _meeting_screen(pilot)
        before = _snapshot(app)
        await pilot.press("v")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "VoteDialog", "the vote form")
        for flag, widget in (("--for", "in-favour"), ("--against", "against"), ("--abstain", "abstentions")):
            app.screen.query_one(f"#{widget}", Input).value = case["counts"].get(flag, "")
        await pilot.pause()
        await pilot.press("ctrl+s")
        message = WIZARD_MESSAGES.get(case["id"]) or case["error"].split("votes: ", 1)[1]
        await _shows(pilot, "votes-error", message)
        assert type(app.screen).__name__ == "VoteDialog"
        await pilot.press("escape")
        assert _snapshot(app) == before


# ----------------------------------------------------------------------------- the action item form
def _due_cases() -> list[dict[str, Any]]:
    return [{**c, "due": c["argv"][c["argv"].index("--due") + 1]} for c in load_cases("cli")
            if c["argv"][:2] == ["actions", "add"] and "due:" in c["error"]]


@pytest.mark.parametrize("case", _params(_due_cases()))
async def test_action_item_form_shows_the_corpus_error(case, tmp_path: Path) -> None:
    from textual.widgets import Select

    app = FormationApp(_sample(tmp_path, open_meeting=True), demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        await _meeting_screen(pilot)
        before = _snapshot(app)
        await pilot.press("i")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ActionItemDialog", "the action item form")
        owner = next(m.id for m in app.session.all(Member) if m.work_name == "Kestrel")
        app.screen.query_one("#action-what", Input).value = "Book the hall"
        app.screen.query_one("#owner", Select).value = owner
        app.screen.query_one("#due", Input).value = case["due"]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _shows(pilot, "due-error", case["error"].split("due: ", 1)[1])
        assert type(app.screen).__name__ == "ActionItemDialog"
        await pilot.press("escape")
        assert _snapshot(app) == before


# ----------------------------------------------------------------------------- the bylaws editor
def _parameter_cases() -> list[dict[str, Any]]:
    from formation.clauses import load_library

    library = load_library()
    out = []
    for case in load_cases("clause_parameters"):
        clause_id, _, name = case.get("target", "").partition(".")
        if clause_id in library.clauses and name in library.clauses[clause_id].parameters:
            out.append({**case, "clause": clause_id, "name": name})
    return out


@pytest.mark.parametrize("case", _params(_parameter_cases()))
async def test_bylaws_parameter_field_shows_the_corpus_error(case, tmp_path: Path) -> None:
    app = FormationApp(_sample(tmp_path, draft=True), demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        before = _snapshot(app)
        await go_to(pilot, "bylaws")
        app.screen.go_to_clause(case["clause"])
        field = f"param-{case['name']}"
        await wait_for(pilot, lambda: bool(app.screen.query(f"#{field}")), "the clause's parameters")
        app.screen.query_one(f"#{field}", Input).value = expand(case["value"])
        await pilot.pause()
        await _shows(pilot, f"{field}-error", case["error"].split(f"{case['target']}: ", 1)[1])
        assert _snapshot(app) == before


# ----------------------------------------------------------------------------- about the group
def _organization_cases() -> list[dict[str, Any]]:
    """The member-name cases typed as the group's name (the same Name rules), and the 29 February
    balance date from the JSON import cases."""
    out = [{**c, "name": c["values"]["--work-name"], "field": "org-name", "message": c["error"].split("--work-name: ", 1)[1]}
           for c in _member_cases() if "--work-name: " in c["error"] and "--joined" not in c["values"]
           and "already uses this work name" not in c["error"]]  # a rule of the register, not of names
    for case in load_cases("json_import"):
        if case["id"] == "import-29-february-year-end":
            out.append({**case, "balance": "02-29", "field": "balance-date",
                        "message": case["error"].split("financial_year_end: ", 1)[1]})
    return out


@pytest.mark.parametrize("case", _params(_organization_cases()))
async def test_about_the_group_shows_the_corpus_error(case, tmp_path: Path) -> None:
    app = FormationApp(sample_path(tmp_path), demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        before = _snapshot(app)
        await go_to(pilot, "about")
        if "name" in case:
            app.screen.query_one("#org-name", Input).value = case["name"]
        else:
            app.screen.query_one("#balance-date", Input).value = case["balance"]
        await pilot.pause()
        await _shows(pilot, f"{case['field']}-error", case["message"])
        await pilot.press("tab")  # leaving the field keeps a valid form, never an invalid one
        await pilot.pause(0.3)
        assert _snapshot(app) == before
