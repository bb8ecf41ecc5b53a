"""Handing a workspace over from a consultant to the group: the old passphrase opens nothing after."""

from __future__ import annotations

import datetime as _dt
import shutil
from pathlib import Path

import pytest

from formation import crypto, meetings
from formation.errors import InputError, WorkspaceError, WrongPassphraseOrDamaged
from formation.handover import damaged_copies, find_decision, hand_over_workspace
from formation.models import Decision, Member, Organization, WorkspaceHandoverRecord
from formation.models.rules import GovernanceRules
from formation.store import BACKUPS_KEPT, Workspace, backups_dir
from tests.partner_support import fast_kdf, run_cli

OLD = "consultant passphrase 1"
NEW = "the group's own passphrase"
RULES = GovernanceRules()


def _carry(ws, text: str, day: str) -> Decision:
    """Hold a general meeting at which the five members carry ``text`` 5-0-0."""
    people = [m for m in ws.all(Member) if m.is_voting]
    meeting = meetings.new_meeting(ws, meeting_kind="general", date=day)
    meetings.attend(ws, meeting.id, [p.id for p in people], "in_person")
    motion = meetings.add_motion(ws, meeting.id, text, mover_id=people[0].id, seconder_id=people[1].id, rules=RULES)
    meetings.record_vote(ws, meeting.id, motion.id, in_favour=len(people), rules=RULES)
    meetings.close_meeting(ws, meeting.id, rules=RULES)
    return next(d for d in ws.all(Decision) if d.motion_id == motion.id)


@pytest.fixture
def consultant_workspace(tmp_path: Path) -> Path:
    """A workspace set up by a consultant, saved over several sessions (so there are backups, each
    opening with the consultant's passphrase), with the group's decision to take it over, and a
    copy a restore set aside."""
    path = tmp_path / "group.fmws"
    with Workspace.create(path, OLD, kdf=fast_kdf()) as ws:
        ws.put(Organization(name="Example Collective"))
    for name in ("Amani", "Baraka", "Neema", "Zawadi", "Imani"):
        with Workspace.open(path, OLD) as ws:
            ws.put(Member(work_name=name, community_member="yes"))
    with Workspace.open(path, OLD) as ws:
        _carry(ws, "That the collective takes sole control of its workspace and sets its own passphrase.", "2026-10-01")
    shutil.copy(path, path.parent / f".{path.name}.damaged-20260901T101010")
    return path


def _file_opens(path: Path, passphrase: str) -> bool:
    """True if ``path`` is a sealed workspace file that ``passphrase`` decrypts."""
    blob = path.read_bytes()
    try:
        header = crypto.parse_header(blob, source=path.name)
        crypto.open_sealed(blob, header, crypto.derive_key(passphrase, header.salt, header.kdf), source=path.name)
    except WorkspaceError:
        return False
    return True


def _opens(path: Path, passphrase: str) -> bool:
    try:
        Workspace.open(path, passphrase).close()
    except WrongPassphraseOrDamaged:
        return False
    return True


def test_after_a_handover_the_old_passphrase_opens_nothing_and_the_new_one_opens_the_workspace(consultant_workspace):
    path = consultant_workspace
    backups = sorted(backups_dir(path).iterdir())
    assert len(backups) == BACKUPS_KEPT and all(_file_opens(b, OLD) for b in backups)
    with Workspace.open(path, OLD) as ws:
        decision = find_decision(ws.all(Decision), "1")
        result = hand_over_workspace(ws, NEW, decision_id=decision.id, on="2026-10-02")
    assert (result.decision_number, result.handed_over_on) == (1, _dt.date(2026, 10, 2))
    assert (result.backups_purged, result.damaged_copies_removed) == (BACKUPS_KEPT, 1)
    assert not _opens(path, OLD)
    assert _opens(path, NEW)
    with pytest.raises(WorkspaceError):
        Workspace.restore_backup(path, OLD)
    assert damaged_copies(path) == []
    assert list(backups_dir(path).iterdir()) == []
    assert [f.name for f in path.parent.iterdir() if f.is_file() and _file_opens(f, OLD)] == []
    with Workspace.open(path, NEW) as ws:
        [record] = ws.all(WorkspaceHandoverRecord)
    assert (record.decision_id, record.handed_over_on, record.backups_purged) == (
        decision.id, _dt.date(2026, 10, 2), BACKUPS_KEPT + 1)


def test_the_group_must_choose_a_passphrase_the_consultant_does_not_know(consultant_workspace):
    path = consultant_workspace
    before = path.read_bytes()
    with Workspace.open(path, OLD) as ws:
        with pytest.raises(InputError) as caught:
            hand_over_workspace(ws, OLD, decision_id=ws.all(Decision)[0].id, on="2026-10-02")
    assert caught.value.field == "passphrase"
    assert path.read_bytes() == before
    assert _opens(path, OLD)


def test_a_handover_needs_the_groups_decision_from_its_register(consultant_workspace):
    with Workspace.open(consultant_workspace, OLD) as ws:
        with pytest.raises(InputError) as caught:
            hand_over_workspace(ws, NEW, decision_id="00000000-0000-4000-8000-000000000000", on="2026-10-02")
        assert caught.value.field == "decision_id"
        with pytest.raises(InputError) as caught:
            hand_over_workspace(ws, NEW, decision_id=ws.all(Decision)[0].id, on="2026-09-30")
        assert caught.value.field == "on"
    assert _opens(consultant_workspace, OLD)


def test_a_decision_awaiting_ratification_is_not_enough(consultant_workspace):
    with Workspace.open(consultant_workspace, OLD) as ws:
        decision = ws.all(Decision)[0]
        ws.put(decision.model_copy(update={"needs_ratification": True}))
        with pytest.raises(InputError) as caught:
            hand_over_workspace(ws, NEW, decision_id=decision.id, on="2026-10-02")
    assert "ratif" in str(caught.value)


def test_a_plaintext_sample_has_nothing_to_hand_over(tmp_path: Path):
    with Workspace.create(tmp_path / "sample.fmws", None, plaintext=True) as ws:
        with pytest.raises(InputError):
            hand_over_workspace(ws, NEW, decision_id="00000000-0000-4000-8000-000000000000", on="2026-10-02")


def test_cli_handover_workspace(consultant_workspace, capsys, monkeypatch):
    monkeypatch.setenv("FORMATION_PASSPHRASE", OLD)
    monkeypatch.setenv("FORMATION_NEW_PASSPHRASE", NEW)
    code, out, err = run_cli(["handover", "workspace", str(consultant_workspace), "--decision", "1",
                              "--on", "2026-10-02"], capsys)
    assert code == 0, err
    assert "Workspace handed over on 2026-10-02 (decision 1)" in out
    assert "5 old backup(s) and 1 set-aside copy(ies) deleted" in out
    assert not _opens(consultant_workspace, OLD)
    assert _opens(consultant_workspace, NEW)


def test_cli_handover_with_an_unknown_decision_changes_nothing(consultant_workspace, capsys, monkeypatch):
    monkeypatch.setenv("FORMATION_PASSPHRASE", OLD)
    monkeypatch.setenv("FORMATION_NEW_PASSPHRASE", NEW)
    before = consultant_workspace.read_bytes()
    code, _, err = run_cli(["handover", "workspace", str(consultant_workspace), "--decision", "7"], capsys)
    assert code == 3 and "decision" in err
    assert consultant_workspace.read_bytes() == before
