"""Run the bad-input corpus: every case gets its exact error, and nothing is lost or half-written."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from formation import crypto
from formation.store import Workspace
from .corpus import PASSPHRASE, case_params, check_cli_case, counts, expand, run_cli, snapshot

ENTRY_POINTS = (
    "cli", "json_import", "workspace_file", "legal_context", "clause_parameters", "meetings",
    "user_templates", "docx_import", "export_paths", "document_text",
)
"""Every entry point the issue names, each with its own cases file and driver."""


@pytest.mark.parametrize("case", case_params("cli"))
def test_cli_argument(case, workspace, tmp_path, capsys):
    check_cli_case(case, workspace, tmp_path, capsys)


@pytest.mark.parametrize("case", case_params("json_import"))
def test_json_import(case, workspace, tmp_path, capsys):
    source = tmp_path / "import.json"
    source.write_bytes(expand(case["content"]).encode(case.get("encoding", "utf-8"), "surrogatepass"))
    before = snapshot(workspace.parent)
    code, _, err = run_cli(["import", str(source), "-w", str(workspace.parent / "new")], capsys)
    assert case["error"] in err
    assert f"{source}" in err  # the message names the file
    assert code == case["exit"]
    assert snapshot(workspace.parent) == before


def _damage(workspace: Path, how: str, fast_kdf, monkeypatch) -> Workspace | None:
    kind, _, arg = how.partition(":")
    blob = workspace.read_bytes()
    holder = None
    if kind == "truncate":
        n = int(arg)
        workspace.write_bytes(blob[:n])
    elif kind == "append":
        workspace.write_bytes(blob + arg.encode())
    elif kind == "flip":
        i = int(arg)
        changed = bytearray(blob)
        changed[i] ^= 0x01
        workspace.write_bytes(bytes(changed))
    elif kind == "passphrase":
        monkeypatch.setenv("FORMATION_PASSPHRASE", arg)
    elif kind == "replace":
        workspace.write_bytes(arg.encode())
    elif kind == "plaintext-sample":
        other = workspace.parent.parent / "sample"
        Workspace.create(other, None, plaintext=True).close()
        workspace.write_bytes(other.read_bytes())
    elif kind in ("newer-format", "kdf-memory"):
        changed = bytearray(blob)
        if kind == "newer-format":
            changed[8:10] = (crypto.FORMAT_VERSION + 1).to_bytes(2, "big")
        else:
            changed[11:15] = int(arg).to_bytes(4, "big")
        changed[59:67] = hashlib.sha256(bytes(changed[:59])).digest()[:8]
        workspace.write_bytes(bytes(changed))
    elif kind == "plaintext-body":
        workspace.write_bytes(crypto.seal(expand(json.loads(arg)).encode("utf-8"), None, bytes(16), fast_kdf))
    elif kind == "locked":
        holder = Workspace.open(workspace, PASSPHRASE)
    else:
        raise AssertionError(f"unknown damage {how!r}")
    return holder


@pytest.mark.parametrize("case", case_params("workspace_file"))
def test_damaged_workspace_file(case, workspace, fast_kdf, monkeypatch, capsys):
    holder = _damage(workspace, case["damage"], fast_kdf, monkeypatch)
    try:
        before = snapshot(workspace.parent)
        code, _, err = run_cli(["members", "list", "-w", str(workspace), *case.get("argv", [])], capsys)
        assert case["error"] in err
        assert str(workspace) in err  # the message names the file
        assert code == case["exit"]
        assert snapshot(workspace.parent) == before
    finally:
        if holder is not None:
            holder.close()


def test_corpus_counts_by_entry_point_match_the_readme(capsys):
    """The issue asks for at least 60 cases across every entry point. This prints the count of
    each (``pytest -s`` shows it) and checks the table in README.md says the same."""
    found = counts()
    with capsys.disabled():
        print("\nbad-input corpus: " + ", ".join(f"{k} {v}" for k, v in found.items()) + f"; total {sum(found.values())}")
    assert sum(found.values()) >= 60
    assert set(found) >= set(ENTRY_POINTS)
    readme = (Path(__file__).parent / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `([a-z_]+)` \| (\d+) \|", readme, flags=re.M))
    assert {k: int(v) for k, v in table.items()} == found
