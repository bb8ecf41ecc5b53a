"""The scriptable command line: init, members, export/import, schema, exit codes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from formation import crypto
from formation.cli import main
from formation.models import Member
from formation.store import Workspace

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def workspace(tmp_path, fast_kdf, monkeypatch):
    """An encrypted workspace with two members, and the passphrase in the environment."""
    path = tmp_path / "ws"
    with Workspace.create(path, "s3cret", kdf=fast_kdf) as ws:
        ws.put(Member(work_name="Kestrel", community_member="yes", joined_on="2026-03-14"))
        ws.put(Member(work_name="Dr Ana", community_member="no", membership_class="supporting"))
    monkeypatch.setenv("FORMATION_PASSPHRASE", "s3cret")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_members_add_list_edit_remove(workspace, capsys):
    code, out, _ = run(capsys, "members", "add", "-w", str(workspace), "--work-name", "Moana",
                       "--community", "yes", "--joined", "2026-03-14", "--json")
    assert code == 0
    added = json.loads(out)
    assert added["work_name"] == "Moana" and added["community_member"] == "yes"
    code, out, _ = run(capsys, "members", "list", "-w", str(workspace), "--json")
    assert [m["work_name"] for m in json.loads(out)] == ["Kestrel", "Dr Ana", "Moana"]
    code, out, _ = run(capsys, "members", "edit", "-w", str(workspace), added["id"][:8], "--left", "2026-11-01",
                       "--json")
    assert code == 0 and json.loads(out)["left_on"] == "2026-11-01"
    code, out, _ = run(capsys, "members", "list", "-w", str(workspace), "--json")
    assert [m["work_name"] for m in json.loads(out)] == ["Kestrel", "Dr Ana"]
    code, out, _ = run(capsys, "members", "remove", "-w", str(workspace), "Dr Ana", "--json")
    assert code == 0
    with Workspace.open(workspace, "s3cret") as ws:
        assert [m.work_name for m in ws.all(Member)] == ["Kestrel", "Moana"]


def test_numbers_where_dates_go_are_refused_naming_the_option_and_changing_nothing(workspace, capsys):
    before = workspace.read_bytes()
    code, _, err = run(capsys, "members", "add", "-w", str(workspace), "--work-name", "Tui", "--joined", "0")
    assert code == 3
    assert "command line: --joined: must be a date written YYYY-MM-DD" in err
    code, _, err = run(capsys, "members", "add", "-w", str(workspace), "--work-name", "Tui", "--joined", "2025-04-31")
    assert code == 3 and "--joined: is not a real calendar date" in err
    assert workspace.read_bytes() == before


def test_errors_do_not_echo_a_typed_name(workspace, capsys):
    code, _, err = run(capsys, "members", "add", "-w", str(workspace), "--work-name", "Secret\x07Name")
    assert code == 3
    assert "--work-name: contains a control character" in err
    assert "Secret" not in err


def test_duplicate_work_name_is_refused(workspace, capsys):
    code, _, err = run(capsys, "members", "add", "-w", str(workspace), "--work-name", "Kestrel")
    assert code == 3 and "already uses this work name" in err


def test_wrong_passphrase_exit_code_4(workspace, capsys, monkeypatch):
    monkeypatch.setenv("FORMATION_PASSPHRASE", "nope")
    code, _, err = run(capsys, "members", "list", "-w", str(workspace))
    assert code == 4 and "wrong passphrase" in err


def test_export_validates_against_the_printed_schema_and_round_trips(workspace, tmp_path, capsys):
    out_file = tmp_path / "export.json"
    code, _, _ = run(capsys, "export", "-w", str(workspace), "--json", "--out", str(out_file))
    assert code == 0
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    document = json.loads(out_file.read_text())
    code, schema_text, _ = run(capsys, "schema")
    jsonschema.validate(document, json.loads(schema_text))
    copy = tmp_path / "copy"
    code, _, err = run(capsys, "import", str(out_file), "-w", str(copy))
    assert code == 0, err
    again = tmp_path / "again.json"
    run(capsys, "export", "-w", str(copy), "--json", "--out", str(again))
    assert json.loads(again.read_text()) == document
    code, _, err = run(capsys, "export", "-w", str(workspace), "--json", "--out", str(out_file))
    assert code == 3 and "pass --force" in err


def test_import_of_a_newer_schema_or_bad_record_writes_nothing(workspace, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "formation-export", "schema_version": 2, "records": {}}))
    target = tmp_path / "new-ws"
    code, _, err = run(capsys, "import", str(bad), "-w", str(target))
    assert code == 4 and "newer version of formation" in err
    bad.write_text(json.dumps({"format": "formation-export", "schema_version": 1,
                               "records": {"member": [{"kind": "member", "work_name": "Fern", "joined_on": 0}]}}))
    code, _, err = run(capsys, "import", str(bad), "-w", str(target))
    assert code == 3 and "records.member.0.joined_on: must be a date" in err
    bad.write_text("{not json")
    code, _, err = run(capsys, "import", str(bad), "-w", str(target))
    assert code == 3 and f"{bad}, line 1: is not valid JSON" in err
    assert [p.name for p in tmp_path.iterdir() if "new-ws" in p.name] == []


def test_help_documents_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["members", "add", "--help"])
    out, _ = capsys.readouterr()
    assert "exit codes:" in out and "5  the workspace is open in another process" in out


def test_scriptable_commands_do_not_import_textual_or_docxtpl(workspace):
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from formation.cli import main\n"
        "rc = main(['members', 'list', '-w', %r, '--json'])\n"
        "bad = [m for m in ('textual', 'docxtpl', 'docx', 'wizard') if m in sys.modules]\n"
        "print('IMPORTED', bad); sys.exit(rc)\n"
    ) % (str(ROOT), str(workspace))
    env = dict(os.environ, FORMATION_PASSPHRASE="s3cret")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "IMPORTED []" in result.stdout


def test_no_passphrase_and_no_terminal_is_a_clear_error(workspace, capsys, monkeypatch):
    monkeypatch.delenv("FORMATION_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    code, _, err = run(capsys, "members", "list", "-w", str(workspace))
    assert code == 3 and "set FORMATION_PASSPHRASE for scripts" in err


def test_crash_output_shows_no_values(tmp_path):
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from formation.crash import install_crash_handler\n"
        "install_crash_handler()\n"
        "def f(secret_member='Kestrel-Sentinel'):\n"
        "    raise ValueError('leaks ' + secret_member)\n"
        "f()\n"
    ) % str(ROOT)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "builtins.ValueError" in result.stderr
    assert "Kestrel-Sentinel" not in result.stderr + result.stdout


def test_demo_sample_is_plaintext_and_says_so(tmp_path, capsys):
    path = tmp_path / "demo" / "sample"
    code, out, _ = run(capsys, "demo", "--path", str(path), "--no-wizard")
    assert code == 0 and out.strip() == str(path)
    assert path.read_bytes()[10] == crypto.KDF_NONE
    code, out, err = run(capsys, "members", "list", "-w", str(path), "--allow-plaintext", "--json")
    assert code == 0
    assert "NOT encrypted" in err
    names = [m["work_name"] for m in json.loads(out)]
    assert len(names) == 14 and "Wren" in names


def test_help_loads_no_models_so_start_up_stays_quick():
    """``formation --help`` builds every parser; no command group may import the models,
    pydantic, textual or docxtpl at module level (bench/bench_startup.py measures the effect)."""
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from formation.cli import build_parser\n"
        "build_parser(full=True).format_help()\n"
        "heavy = sorted(m for m in sys.modules if m.startswith(('formation.models', 'pydantic', 'textual',"
        " 'docxtpl', 'docx', 'tinydb', 'cryptography', 'dateutil', 'icalendar', 'jinja2')))\n"
        "print('HEAVY', heavy)\n"
    ) % str(ROOT)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout


def test_no_member_data_reaches_temp_files_or_the_workspace_folder(tmp_path, fast_kdf, monkeypatch, capsys):
    """A sentinel name goes through add, edit, list and a failed command; afterwards neither
    TMPDIR nor the workspace folder holds it in any file (backups and the workspace are
    encrypted)."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmpdir))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    folder = tmp_path / "data"
    path = folder / "ws"
    Workspace.create(path, "s3cret", kdf=fast_kdf).close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", "s3cret")
    sentinel = "Zyxwv-Sentinel-Name"
    assert main(["members", "add", "-w", str(path), "--work-name", sentinel, "--legal-name", sentinel + " Legal"]) == 0
    assert main(["members", "edit", "-w", str(path), sentinel, "--community", "yes"]) == 0
    assert main(["members", "list", "-w", str(path)]) == 0
    assert main(["members", "add", "-w", str(path), "--work-name", sentinel]) == 3
    capsys.readouterr()
    for place in (tmpdir, folder):
        for file in place.rglob("*"):
            if file.is_file():
                assert sentinel.encode() not in file.read_bytes(), file


def test_demo_offers_the_partner_supported_sample(tmp_path, capsys):
    path = tmp_path / "tumaini"
    code, out, _ = run(capsys, "demo", "--sample", "tumaini", "--path", str(path), "--no-wizard")
    assert code == 0 and out.strip() == str(path)
    code, out, _ = run(capsys, "members", "list", "-w", str(path), "--allow-plaintext", "--json")
    members = json.loads(out)
    assert len(members) == 22
    assert sum(m["community_member"] == "yes" for m in members) == 20


def test_command_index_matches_what_the_modules_register():
    """``formation.cli.COMMANDS`` lists each command, its module and help; the modules must agree."""
    import argparse
    import importlib

    from formation.cli import COMMAND_GROUPS, COMMANDS

    registered = {}
    for module in COMMAND_GROUPS:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(f"formation.cli.{module}").register(sub)
        for action in sub._choices_actions:
            registered[action.dest] = (module, action.help)
    assert registered == COMMANDS


def test_top_level_help_lists_every_command_without_building_them(capsys):
    from formation.cli import COMMANDS, build_parser

    text = build_parser(None).format_help()
    for name, (_, help_text) in COMMANDS.items():
        assert name in text
    assert "the register of members" in text
    with pytest.raises(SystemExit) as caught:
        main(["meetings", "--help"])
    assert caught.value.code == 0
    assert "attend" in capsys.readouterr().out
