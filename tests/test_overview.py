"""The consultant overview: several workspaces, each with its own passphrase, and no member names."""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from pathlib import Path

import pytest

from formation import sample
from formation.capacity import plan_handover_item
from formation.errors import InputError
from formation.models import ActionItem, Member, Organization
from formation.overview import (
    GroupSnapshot,
    HandoverLine,
    consultant_overview,
    group_overview,
    overview_json,
    overview_text,
    read_snapshot,
    stage_of,
    withhold_names,
)
from formation.sample_partner import build_partner_sample_workspace
from formation.store import Workspace
from tests.partner_support import fast_kdf, run_cli

AS_OF = _dt.date(2026, 10, 5)
PASSPHRASES = {"tumaini": "tumaini pass", "harbour": "harbour pass", "mitra": "mitra pass"}
MITRA_NAMES = ("Durga", "Lakshmi", "Rani", "Shefali", "Mamata", "Kajal", "Bharati", "Sonali", "Putul", "Rupa")


def _mitra(path: Path) -> Path:
    """Mitra Savings Cooperative (scenario 3), early on: bylaws not drafted yet, a consultant keeps
    the books, and an action item whose text names a member."""
    people = [Member(work_name=n, community_member="yes") for n in MITRA_NAMES]
    with Workspace.create(path, PASSPHRASES["mitra"], kdf=fast_kdf()) as ws:
        ws.put(Organization(name="Mitra Savings Cooperative", legal_context_id="in", legal_form_id="cooperative_wb"))
        ws.put_many(people)
        ws.put(plan_handover_item(role="bookkeeping", held_by="consultant", held_by_label="the consultant",
                                  due="2026-08-31", successor_id=people[0].id, members=people))
        ws.put(ActionItem(what="Durga collects the membership forms from Lakshmi", owner_id=people[0].id,
                          due="2026-09-15"))
    return path


def _harbour(path: Path) -> Path:
    """Harbour Lights Collective (scenario 1): founded, not yet registered, no bylaws recorded."""
    people = sample.sample_members()
    with Workspace.create(path, PASSPHRASES["harbour"], kdf=fast_kdf()) as ws:
        ws.put(sample.sample_organization())
        ws.put_many(people)
        ws.put(sample.sample_governing_body(people))
    return path


@pytest.fixture(scope="module")
def three_workspaces(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("consultant")
    return {
        "tumaini": build_partner_sample_workspace(folder / "a.fmws", passphrase=PASSPHRASES["tumaini"], kdf=fast_kdf()),
        "harbour": _harbour(folder / "b.fmws"),
        "mitra": _mitra(folder / "c.fmws"),
    }


def _all_member_names(paths: dict[str, Path]) -> list[str]:
    names = []
    for key, path in paths.items():
        with Workspace.open(path, PASSPHRASES[key]) as ws:
            names += [m.work_name for m in ws.all(Member)]
    return names


def _names_found(text: str, names: list[str]) -> list[str]:
    return [n for n in names if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text, re.IGNORECASE)]


def _overview_cli(paths: dict[str, Path], capsys, monkeypatch, *extra: str) -> tuple[int, str, str]:
    for key in paths:
        monkeypatch.setenv(f"PASS_{key.upper()}", PASSPHRASES[key])
    args = ["overview", *(str(p) for p in paths.values()), "--as-of", AS_OF.isoformat()]
    for key in paths:
        args += ["--passphrase-env", f"PASS_{key.upper()}"]
    return run_cli([*args, *extra], capsys)


def test_the_overview_of_three_workspaces_shows_stages_and_due_items(three_workspaces, capsys, monkeypatch):
    code, out, err = _overview_cli(three_workspaces, capsys, monkeypatch, "--json")
    assert code == 0, err
    groups = {g["organization"]: g for g in json.loads(out)["groups"]}
    tumaini = groups["Tumaini Peer Network"]
    assert (tumaini["stage"], tumaini["audit"]["verdict"]) == ("founded", "community-led")
    assert tumaini["next_registration_step"] == "Apply to the PBO Regulatory Authority"
    assert tumaini["handover_overdue"] == [{"role": "Bank signatory", "held_by": "the partner's finance officer",
                                            "due": "2026-09-30"}]
    assert {"title": "1 open action item", "due": "2026-06-16", "kind": "action_items", "overdue": True} in tumaini["due"]
    harbour = groups["Harbour Lights Collective"]
    assert (harbour["stage"], harbour["audit"]["verdict"]) == ("founded", None)
    assert harbour["next_registration_step"] is not None
    mitra = groups["Mitra Savings Cooperative"]
    assert mitra["stage"] == "gathering"
    assert [(d["title"], d["due"], d["overdue"]) for d in mitra["due"]] == [
        ("Handover: Bookkeeping", "2026-08-31", True), ("1 open action item", "2026-09-15", True)]


def test_no_member_name_appears_in_the_overview_text_or_json(three_workspaces, capsys, monkeypatch):
    names = _all_member_names(three_workspaces)
    assert len(names) == 22 + 14 + 10
    code, text, _ = _overview_cli(three_workspaces, capsys, monkeypatch)
    assert code == 0
    assert "Stage:          Founded" in text and "Power audit:    community-led" in text
    code, as_json, _ = _overview_cli(three_workspaces, capsys, monkeypatch, "--json")
    assert code == 0
    assert _names_found(text, names) == []
    assert _names_found(as_json, names) == []


def test_one_passphrase_cannot_serve_several_workspaces(three_workspaces, capsys, monkeypatch):
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASSPHRASES["tumaini"])
    code, _, err = run_cli(["overview", *(str(p) for p in three_workspaces.values())], capsys)
    assert code == 3 and "cannot serve several workspaces" in err


def test_passphrases_can_come_one_per_line_from_a_file_descriptor(three_workspaces, capsys):
    read_end, write_end = os.pipe()
    os.write(write_end, "\n".join(PASSPHRASES[k] for k in three_workspaces).encode() + b"\n")
    os.close(write_end)
    try:
        code, out, err = run_cli(["overview", *(str(p) for p in three_workspaces.values()), "--json",
                                  "--as-of", AS_OF.isoformat(), "--passphrase-fd", str(read_end)], capsys)
    finally:
        os.close(read_end)
    assert code == 0, err
    assert [g["stage"] for g in json.loads(out)["groups"]] == ["founded", "founded", "gathering"]


def test_a_wrong_passphrase_for_one_workspace_stops_with_its_name_and_prints_no_overview(three_workspaces, capsys,
                                                                                          monkeypatch):
    for key in three_workspaces:
        monkeypatch.setenv(f"PASS_{key.upper()}", "wrong")
    args = ["overview", *(str(p) for p in three_workspaces.values())]
    for key in three_workspaces:
        args += ["--passphrase-env", f"PASS_{key.upper()}"]
    code, out, err = run_cli(args, capsys)
    assert code == 4 and out == ""
    assert "a.fmws" in err


def test_the_env_list_must_have_one_variable_per_workspace(three_workspaces, capsys, monkeypatch):
    monkeypatch.setenv("PASS_ONE", "x")
    code, _, err = run_cli(["overview", *(str(p) for p in three_workspaces.values()), "--passphrase-env", "PASS_ONE"],
                           capsys)
    assert code == 3 and "one --passphrase-env per workspace (3)" in err


# ----------------------------------------------------------------------------- pure parts
def test_a_name_the_group_typed_into_a_label_is_withheld():
    assert withhold_names("Kestrel's role, held by kestrel and Sam", ["Kestrel", "Sam"]) == (
        "[name withheld]'s role, held by [name withheld] and [name withheld]")
    assert withhold_names("the same bookkeeper", ["Sam"]) == "the same bookkeeper"


def test_the_snapshot_withholds_a_member_name_typed_into_a_role_label(tmp_path: Path):
    people = [Member(work_name="Kestrel", community_member="yes")]
    with Workspace.create(tmp_path / "w.fmws", "pw", kdf=fast_kdf()) as ws:
        ws.put(Organization(name="Kestrel Collective"))
        ws.put_many(people)
        ws.put(plan_handover_item(role="report_writing", held_by="consultant", held_by_label="Kestrel's consultant",
                                  due="2026-12-01", members=people))
        snapshot = read_snapshot(ws)
    assert snapshot.organization == "[name withheld] Collective"
    assert snapshot.handover[0].held_by == "[name withheld]'s consultant"


@pytest.mark.parametrize(
    ("fields", "stage"),
    [
        ({}, "gathering"),
        ({"bylaws_status": "draft"}, "drafting_bylaws"),
        ({"bylaws_status": "adopted"}, "founded"),
        ({"founding_date": _dt.date(2026, 3, 14)}, "founded"),
        ({"founding_date": _dt.date(2026, 3, 14), "incorporation_date": _dt.date(2026, 6, 1)}, "registered"),
    ],
)
def test_the_stage_of_formation_follows_bylaws_founding_and_incorporation(fields, stage):
    assert stage_of(GroupSnapshot(label="w", organization="X", **fields)) == stage


def test_a_group_whose_registration_is_under_way_is_registering():
    from formation.contexts import find_form
    from formation.models import RegistrationProgress
    from formation.models.legal import StepProgress

    context, form = find_form("ke", "public_benefit_organization")
    progress = RegistrationProgress(legal_context_id="ke", legal_form_id=form.id, steps=[
        StepProgress(step_id="constitution", status="done"), StepProgress(step_id="apply_to_authority", status="submitted")])
    snapshot = GroupSnapshot(label="w", organization="X", bylaws_status="adopted", context=context, form=form,
                             progress=progress)
    overview = group_overview(snapshot, as_of=AS_OF)
    assert (overview.stage, overview.next_step) == ("registering", None)


def test_handover_items_due_soon_are_listed_and_later_ones_are_not():
    snapshot = GroupSnapshot(label="w", organization="X", handover=(
        HandoverLine("Bookkeeping", "the bookkeeper", AS_OF + _dt.timedelta(days=10), "planned"),
        HandoverLine("Bank signatory", "the finance officer", AS_OF + _dt.timedelta(days=90), "planned"),
        HandoverLine("Report writing", "the consultant", AS_OF - _dt.timedelta(days=1), "done"),
    ))
    [overview] = consultant_overview([snapshot], as_of=AS_OF, soon_days=30)
    assert [(d.title, d.overdue) for d in overview.due] == [("Handover: Bookkeeping", False)]
    assert overview.handover_overdue == ()
    assert overview_json([overview], as_of=AS_OF)["groups"][0]["stage"] == "gathering"
    assert "Handover: Bookkeeping" in overview_text([overview], as_of=AS_OF)


def test_due_soon_days_out_of_range_is_refused():
    with pytest.raises(InputError):
        group_overview(GroupSnapshot(label="w", organization="X"), as_of=AS_OF, soon_days=-1)


def test_a_workspace_whose_bylaws_cannot_be_audited_still_shows_its_other_lines(tmp_path: Path):
    from formation.errors import InputError as Refused
    from formation.overview import NOT_AUDITABLE

    def failing_audit(ws):
        raise Refused("no such version", field="version")

    with Workspace.create(tmp_path / "w.fmws", "pw", kdf=fast_kdf()) as ws:
        ws.put(Organization(name="Example Collective", legal_context_id="ke", legal_form_id="public_benefit_organization"))
        snapshot = read_snapshot(ws, audit=failing_audit)
    overview = group_overview(snapshot, as_of=AS_OF)
    assert overview.audit_verdict == NOT_AUDITABLE
    assert overview.next_step == "Adopt a constitution"


def test_the_overview_opens_an_unencrypted_sample_only_when_allowed(tmp_path: Path, capsys):
    path = build_partner_sample_workspace(tmp_path / "demo.fmws")
    code, _, err = run_cli(["overview", str(path)], capsys)
    assert code == 4 and "NOT encrypted" in err
    code, out, err = run_cli(["overview", str(path), "--allow-plaintext", "--as-of", AS_OF.isoformat()], capsys)
    assert code == 0, err
    assert "Tumaini Peer Network" in out


def test_notes_in_the_registration_tracker_do_not_reach_the_snapshot(tmp_path: Path):
    from formation.models import RegistrationProgress
    from formation.models.legal import StepProgress

    with Workspace.create(tmp_path / "w.fmws", "pw", kdf=fast_kdf()) as ws:
        ws.put(Organization(name="Example Collective", legal_context_id="ke", legal_form_id="public_benefit_organization"))
        ws.put(Member(work_name="Kestrel", community_member="yes"))
        ws.put(RegistrationProgress(legal_context_id="ke", legal_form_id="public_benefit_organization", steps=[
            StepProgress(step_id="constitution", status="done", notes="Kestrel signed it", evidence=["Kestrel's copy"])]))
        snapshot = read_snapshot(ws)
    assert snapshot.progress.steps[0].status == "done"
    assert "Kestrel" not in repr(snapshot)
