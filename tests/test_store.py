"""The encrypted workspace store: round trips, refusals that change nothing, crash safety."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from formation import crypto, files, store
from formation.errors import (
    InputError,
    NewerSchema,
    NotAWorkspace,
    TamperedHeader,
    TruncatedWorkspace,
    ValidationFailed,
    WorkspaceLocked,
    WrongPassphraseOrDamaged,
)
from formation.models import (
    MIGRATIONS,
    FinancialYearEnd,
    FormationPathway,
    GoverningBody,
    Member,
    Officer,
    Organization,
    Seat,
)
from formation.store import Workspace

SENTINELS = ["Kestrel-Sentinel-7731", "Pīwakawaka-Sentinel", "Rose & Thorn <Co-op>"]


def _digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _small(path: Path, kdf) -> Workspace:
    ws = Workspace.create(path, "correct horse", kdf=kdf, organization=Organization(name="Harbour Lights Collective"))
    ws.put(Member(work_name="Kestrel", community_member="yes"))
    return ws


def test_every_record_kind_round_trips_through_the_store(tmp_path, fast_kdf):
    kestrel = Member(work_name=SENTINELS[0], community_member="yes", joined_on="2026-03-14",
                     consent_to_be_named=True, notes="line one\nline two")
    wren = Member(work_name="Wren", community_member="undisclosed", legal_name="Legal Person",
                  left_on="2026-10-01", joined_on="2026-03-14")
    org = Organization(
        name=SENTINELS[2], objects=["Peer support"], legal_context_id="nz", legal_form_id="incorporated_society",
        formation_pathway=FormationPathway(pathway="partner_supported", partner_name="Partner NGO",
                                           partner_role="hosts the drop-in space"),
        founding_date="2026-03-14", financial_year_end=FinancialYearEnd(month=3, day=31), languages=["en", "mi"],
    )
    body = GoverningBody(
        seats=[Seat(member_id=kestrel.id, since="2026-03-14"),
               Seat(external_holder="Partner appointee", source="partner_appointed", votes=False)],
        officers=[Officer(role="chair", member_id=kestrel.id), Officer(role="other", title="Coordinator",
                                                                       external_holder="Partner staff")],
    )
    path = tmp_path / "ws"
    with Workspace.create(path, "pw", kdf=fast_kdf) as ws:
        ws.put_many([org, kestrel, wren, body])
    with Workspace.open(path, "pw") as ws:
        assert ws.organization == org
        assert ws.all(Member) == [kestrel, wren]
        assert ws.all(GoverningBody) == [body]
        assert ws.get(Member, wren.id).legal_name == "Legal Person"


def test_encrypted_file_holds_no_member_name(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    with Workspace.create(path, "pw", kdf=fast_kdf, organization=Organization(name=SENTINELS[2])) as ws:
        for name in SENTINELS:
            ws.put(Member(work_name=name))
    blob = path.read_bytes()
    for name in SENTINELS + ["Kestrel", "Sentinel"]:
        assert name.encode("utf-8") not in blob
    for backup in store.backups_dir(path).glob("*"):
        assert b"Sentinel" not in backup.read_bytes()


def test_saving_twice_gives_different_ciphertexts(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    with Workspace.create(path, "pw", kdf=fast_kdf) as ws:
        m = Member(work_name="Opal")
        ws.put(m)
        first = path.read_bytes()
        ws.put(m)
        second = path.read_bytes()
    assert first != second
    assert first[crypto.HEADER_LEN:] != second[crypto.HEADER_LEN:]


def test_wrong_passphrase_is_refused_and_changes_nothing(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    _small(path, fast_kdf).close()
    before = _digest(path)
    with pytest.raises(WrongPassphraseOrDamaged, match="wrong passphrase, or the file is damaged"):
        Workspace.open(path, "wrong")
    assert _digest(path) == before


def test_every_byte_flip_and_truncation_is_refused_with_file_unchanged(tmp_path, fast_kdf):
    good = tmp_path / "good"
    _small(good, fast_kdf).close()
    original = good.read_bytes()
    target = tmp_path / "damaged"
    kinds: dict[str, int] = {}
    for i in range(len(original)):
        flipped = bytearray(original)
        flipped[i] ^= 0xFF
        target.write_bytes(bytes(flipped))
        before = _digest(target)
        with pytest.raises((TamperedHeader, WrongPassphraseOrDamaged, NotAWorkspace, NewerSchema)) as err:
            Workspace.open(target, "correct horse")
        kinds[type(err.value).__name__] = kinds.get(type(err.value).__name__, 0) + 1
        assert _digest(target) == before, f"flip at byte {i} changed the file"
    # Header bytes are caught by the header check; body bytes by AES-GCM.
    assert kinds["WrongPassphraseOrDamaged"] == len(original) - crypto.HEADER_LEN
    for n in range(len(original)):
        target.write_bytes(original[:n])
        before = _digest(target)
        with pytest.raises((TruncatedWorkspace, NotAWorkspace)):
            Workspace.open(target, "correct horse")
        assert _digest(target) == before, f"truncation at {n} changed the file"


def test_tampered_kdf_parameters_are_bounded_before_key_derivation(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    _small(path, fast_kdf).close()
    blob = bytearray(path.read_bytes())
    # Rewrite the memory cost to 4 GiB and recompute the header check, as an attacker would.
    blob[11:15] = (4 * 1024 * 1024).to_bytes(4, "big")
    head = bytes(blob[:59])
    blob[59:67] = hashlib.sha256(head).digest()[:8]
    path.write_bytes(bytes(blob))
    started = time.perf_counter()
    with pytest.raises(TamperedHeader, match="out-of-range key memory cost"):
        Workspace.open(path, "correct horse")
    assert time.perf_counter() - started < 1.0


def test_newer_file_format_is_refused_by_name(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    _small(path, fast_kdf).close()
    blob = bytearray(path.read_bytes())
    blob[8:10] = (crypto.FORMAT_VERSION + 1).to_bytes(2, "big")
    blob[59:67] = hashlib.sha256(bytes(blob[:59])).digest()[:8]
    path.write_bytes(bytes(blob))
    with pytest.raises(NewerSchema, match="newer version of formation"):
        Workspace.open(path, "correct horse")


def test_newer_workspace_schema_inside_is_refused(tmp_path, fast_kdf, monkeypatch):
    path = tmp_path / "ws"
    with Workspace.create(path, "pw", kdf=fast_kdf) as ws:
        ws._tables[store.META_TABLE]["1"]["workspace_schema"] = store.WORKSPACE_SCHEMA + 1
        ws._persist(ws._tables)
    before = _digest(path)
    with pytest.raises(NewerSchema, match="workspace schema 2"):
        Workspace.open(path, "pw")
    assert _digest(path) == before


def test_older_record_schema_is_migrated_on_open(tmp_path, fast_kdf, monkeypatch):
    """A kind whose schema moved from v1 to v2 is upgraded by its registered step when read."""
    path = tmp_path / "ws"
    with Workspace.create(path, "pw", kdf=fast_kdf) as ws:
        ws.put(Member(work_name="Tui", community_member="yes"))
    monkeypatch.setattr(Member, "SCHEMA_VERSION", 2)

    def v1_to_v2(doc):
        doc = dict(doc)
        doc["notes"] = "upgraded from v1"
        return doc

    monkeypatch.setitem(MIGRATIONS, ("member", 1), v1_to_v2)
    with Workspace.open(path, "pw") as ws:
        (tui,) = ws.all(Member)
        assert tui.schema_version == 2
        assert tui.notes == "upgraded from v1"


def test_plaintext_workspace_is_refused_unless_allowed(tmp_path):
    path = tmp_path / "sample"
    Workspace.create(path, None, plaintext=True, organization=Organization(name="Sample")).close()
    assert b"Sample" in path.read_bytes()
    before = _digest(path)
    with pytest.raises(NotAWorkspace, match="NOT encrypted"):
        Workspace.open(path, "pw")
    assert _digest(path) == before
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        assert ws.plaintext is True
        assert ws.organization.name == "Sample"


def test_raw_json_file_is_never_opened_or_overwritten(tmp_path):
    path = tmp_path / "db.json"
    path.write_text(json.dumps({"_default": {"1": {"work_name": "Kestrel"}}}))
    before = _digest(path)
    with pytest.raises(NotAWorkspace, match="unencrypted JSON file"):
        Workspace.open(path, "pw")
    with pytest.raises(InputError, match="already exists"):
        Workspace.create(path, "pw")
    assert _digest(path) == before


def test_files_are_0600_and_folders_0700_under_umask_022(tmp_path, fast_kdf, umask_022):
    path = tmp_path / "new-folder" / "ws"
    with Workspace.create(path, "pw", kdf=fast_kdf) as ws:
        ws.put(Member(work_name="Fern"))
    with Workspace.open(path, "pw") as ws:
        ws.put(Member(work_name="Opal"))  # first save of the session takes a backup
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.lock_path(path).stat().st_mode) == 0o600
    folder = store.backups_dir(path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()] == [0o600]


def test_a_second_process_is_refused_by_the_lock(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    ws = _small(path, fast_kdf)
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from formation.store import Workspace\n"
        "from formation.errors import WorkspaceLocked\n"
        "try:\n    Workspace.open(%r, 'correct horse')\n"
        "except WorkspaceLocked as e:\n    print('LOCKED', e); sys.exit(7)\n"
    ) % (str(Path(__file__).resolve().parents[1]), str(path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 7, result.stderr
    assert "open in another formation window or process" in result.stdout
    ws.close()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_same_process_second_open_is_refused_too(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    with _small(path, fast_kdf):
        with pytest.raises(WorkspaceLocked):
            Workspace.open(path, "correct horse")


def test_stale_temp_files_are_removed_on_open(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    _small(path, fast_kdf).close()
    stale = tmp_path / ".ws.tmp-abc123"
    stale.write_bytes(b"half a save")
    Workspace.open(path, "correct horse").close()
    assert not stale.exists()


def test_five_rotating_backups_and_restore_of_a_damaged_file(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    _small(path, fast_kdf).close()
    for n in range(7):
        with Workspace.open(path, "correct horse") as ws:
            ws.put(Member(work_name=f"Session {n}"))
    backups = sorted(p.name for p in store.backups_dir(path).iterdir())
    assert backups == ["1", "2", "3", "4", "5"]
    path.write_bytes(path.read_bytes()[:-10])  # damaged: cut off
    with pytest.raises(TruncatedWorkspace):
        Workspace.open(path, "correct horse")
    number, kept = Workspace.restore_backup(path, "correct horse")
    assert number == 1
    assert kept.exists() and kept.name.startswith(".ws.damaged-")
    with Workspace.open(path, "correct horse") as ws:
        names = [m.work_name for m in ws.all(Member)]
    # Backup 1 was taken before the last session's save: it holds sessions 0..5.
    assert names == ["Kestrel"] + [f"Session {n}" for n in range(6)]


def test_restore_with_wrong_passphrase_changes_nothing(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    _small(path, fast_kdf).close()
    with Workspace.open(path, "correct horse") as ws:
        ws.put(Member(work_name="Tui"))
    path.write_bytes(b"FMWSPACE" + b"\0" * 5)
    before = _digest(path)
    with pytest.raises(Exception, match="no backup opens with this passphrase"):
        Workspace.restore_backup(path, "wrong")
    assert _digest(path) == before


def test_a_failed_batch_writes_nothing_and_rolls_back(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    ws = _small(path, fast_kdf)
    before = _digest(path)
    with pytest.raises(RuntimeError):
        with ws.batch():
            ws.put(Member(work_name="Saffron"))
            raise RuntimeError("stop")
    assert _digest(path) == before
    assert [m.work_name for m in ws.all(Member)] == ["Kestrel"]
    ws.close()


def test_a_disk_error_during_save_keeps_the_last_saved_state(tmp_path, fast_kdf, monkeypatch):
    path = tmp_path / "ws"
    ws = _small(path, fast_kdf)
    before = _digest(path)

    def full_disk(step):
        if step == "write":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_fault_hook", full_disk)
    with pytest.raises(Exception, match="could not save \\(No space left on device\\)"):
        ws.put(Member(work_name="Indigo"))
    monkeypatch.setattr(files, "_fault_hook", None)
    assert _digest(path) == before
    assert [m.work_name for m in ws.all(Member)] == ["Kestrel"]
    assert list(tmp_path.glob(".ws.tmp-*")) == []
    ws.close()


def test_closed_workspace_drops_key_and_data(tmp_path, fast_kdf):
    ws = _small(tmp_path / "ws", fast_kdf)
    ws.close()
    assert ws._key is None and ws._tables == {}
    with pytest.raises(Exception, match="closed"):
        ws.all(Member)


def test_record_from_a_newer_schema_is_refused_at_open(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    with Workspace.create(path, "pw", kdf=fast_kdf) as ws:
        ws.put(Member(work_name="Opal"))
        ws._tables["member"]["1"]["schema_version"] = 99
        ws._persist(ws._tables)
    with pytest.raises(NewerSchema, match="member.0 was written by a newer version"):
        Workspace.open(path, "pw")


def test_invalid_record_inside_a_workspace_is_named_without_its_value(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    with Workspace.create(path, "pw", kdf=fast_kdf) as ws:
        ws.put(Member(work_name="Opal"))
        ws._tables["member"]["1"]["joined_on"] = 0
        ws._persist(ws._tables)
    with Workspace.open(path, "pw") as ws, pytest.raises(ValidationFailed) as err:
        ws.all(Member)
    assert "member.0.joined_on" in str(err.value)
    assert "Opal" not in str(err.value)


# --------------------------------------------------------------------------- crash safety
STATES = {"old": ["Kestrel"], "new": ["Kestrel", "Moana"]}


def _names(path: Path) -> list[str]:
    with Workspace.open(path, "correct horse") as ws:
        return [m.work_name for m in ws.all(Member)]


def _fork_and_save(path: Path, kill_at_call: int | None, partial_write: bool = False) -> int:
    pid = os.fork()
    if pid == 0:  # child: open, arm the fault, save, (be killed)
        try:
            ws = Workspace.open(path, "correct horse")
            calls = {"n": 0}

            def hook(step: str) -> None:
                calls["n"] += 1
                if calls["n"] == kill_at_call:
                    if partial_write and step == "write":
                        real_write = os.write

                        def half_then_die(fd, data):
                            real_write(fd, bytes(data[: len(data) // 2]))
                            os.kill(os.getpid(), signal.SIGKILL)

                        os.write = half_then_die
                        return
                    os.kill(os.getpid(), signal.SIGKILL)

            files._fault_hook = hook
            ws.put(Member(work_name="Moana"))
            os._exit(0)
        except BaseException:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    return status


@pytest.mark.parametrize("kill_at_call", range(1, 9))
@pytest.mark.parametrize("partial_write", [False, True])
def test_sigkill_at_each_save_step_leaves_old_or_new_state(tmp_path, fast_kdf, kill_at_call, partial_write):
    """Steps 1-4 are the session backup's write/fsync/replace/fsync_dir, 5-8 the workspace's;
    the kill lands just before the step, so only a kill before the final folder fsync (8) finds
    the new file already in place."""
    path = tmp_path / "ws"
    _small(path, fast_kdf).close()
    status = _fork_and_save(path, kill_at_call, partial_write)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    names = _names(path)
    expected = STATES["new"] if kill_at_call == 8 else STATES["old"]
    assert names == expected
    assert list(tmp_path.glob(".ws.tmp-*")) == []  # cleaned on the open above


@pytest.mark.slow
def test_200_random_sigkills_during_saves_always_open_to_a_whole_state(tmp_path, fast_kdf):
    path = tmp_path / "ws"
    with Workspace.create(path, "correct horse", kdf=fast_kdf) as ws:
        ws.put_many([Member(work_name=f"M{i}", notes="0") for i in range(30)])
    rng = random.Random(20261130)
    seen_generations = set()
    for trial in range(200):
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(ready_r)
                ws = Workspace.open(path, "correct horse")
                gen = int(ws.all(Member)[0].notes)
                os.write(ready_w, b"x")  # the save loop starts now
                while True:
                    gen += 1
                    with ws.batch():
                        for m in ws.all(Member):
                            m.notes = str(gen)
                            ws.put(m)
            except BaseException:
                os._exit(3)
        os.close(ready_w)
        assert os.read(ready_r, 1) == b"x"  # wait until the child is saving
        os.close(ready_r)
        time.sleep(rng.uniform(0.0, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with Workspace.open(path, "correct horse") as ws:
            notes = {m.notes for m in ws.all(Member)}
            assert len(ws.all(Member)) == 30
        assert len(notes) == 1, f"trial {trial}: mixed generations {notes}"
        seen_generations.add(notes.pop())
    # The kills really landed during saves: the stored generation moved on in most trials.
    assert len(seen_generations) > 40
