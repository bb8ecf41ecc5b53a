"""Shared pieces of the bad-input corpus: loading cases, expanding values, snapshots, the CLI.

Each entry point has one ``cases/<entry_point>.toml`` file of ``[[case]]`` tables and one driver
(a ``test_*.py`` module beside this one) that feeds every case to that entry point and checks
three things: the exact error the user sees, that it names the file, field or argument, and that
nothing was lost or half-written (every file's hash and mtime unchanged, no stray file).
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

import pytest

from formation.cli import main

CASES = Path(__file__).parent / "cases"
DATA = Path(__file__).parent / "data"
PASSPHRASE = "corpus passphrase"

MARKUP = "& < > \" ' ]]> <w:t>"
"""Characters that break XML or templates when they are not escaped: every text field that
reaches a document must come back out of the rendered file exactly like this."""


def entry_points() -> list[str]:
    """The entry points that have a cases file, sorted."""
    return sorted(p.stem for p in CASES.glob("*.toml"))


def load_cases(entry_point: str) -> list[dict[str, Any]]:
    """The ``[[case]]`` tables of ``cases/ENTRY_POINT.toml``; ids are unique across the corpus."""
    with open(CASES / f"{entry_point}.toml", "rb") as fh:
        cases = tomllib.load(fh)["case"]
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), f"duplicate case ids in {entry_point}.toml"
    return cases


def case_params(entry_point: str) -> list[Any]:
    """``pytest.param`` per case, with ``xfail(strict=True)`` where a case records a known,
    routed defect (``xfail = "reason"``): it fails today and must start passing once fixed."""
    out = []
    for case in load_cases(entry_point):
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def counts() -> dict[str, int]:
    """``{entry point: number of cases}``."""
    return {name: len(load_cases(name)) for name in entry_points()}


def expand(value: Any, **places: Any) -> Any:
    """A case value as the entry point gets it.

    ``{ repeat = "a", times = 10000 }`` becomes the repeated text; ``{workspace}``, ``{folder}``
    and other names given in ``places`` are replaced inside strings; lists are expanded item by
    item.
    """
    if isinstance(value, list):
        return [expand(v, **places) for v in value]
    if isinstance(value, dict) and "repeat" in value:
        return value.get("before", "") + value["repeat"] * value["times"] + value.get("after", "")
    if isinstance(value, str):
        for name, place in places.items():
            value = value.replace("{" + name + "}", str(place))
    return value


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder`` with its hash and mtime: two equal snapshots mean nothing was
    written, replaced or left behind."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            out[str(path.relative_to(folder))] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return out


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``formation ARGV`` in-process; returns ``(exit code, stdout, stderr)``.

    An exception other than the ones ``main`` turns into a message (a crash) fails the test with
    its traceback, which is what a crash is.
    """
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def check_cli_case(case: dict[str, Any], workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run one command-line case against ``workspace`` and check what the user sees.

    The case's ``setup`` (default ``"plain"``, see ``setups.py``) prepares the workspace; its
    ``files`` (``{name: text}``) are written to a folder outside the workspace's, named
    ``{inputs}`` in arguments; ``argv`` is expanded with those names. Checks: ``error`` is in
    stderr, nothing in ``absent`` is, the exit code is ``exit``, and the workspace's folder is
    byte-for-byte as before (no change, no stray file).

    Returns:
        stderr, for further checks.
    """
    from .setups import prepare

    places = prepare(workspace, case.get("setup", "plain"))
    inputs = tmp_path / "inputs"
    inputs.mkdir(exist_ok=True)
    for name, content in case.get("files", {}).items():
        (inputs / name).write_bytes(expand(content).encode("utf-8", "surrogatepass"))
    places["inputs"] = inputs
    before = snapshot(workspace.parent)
    argv = [str(a) for a in expand(case["argv"], **places)]
    code, _, err = run_cli(argv, capsys)
    assert case["error"] in err, err[-2000:]
    for text in case.get("absent", []):
        assert text not in err, err[-2000:]
    assert code == case["exit"], err[-2000:]
    assert snapshot(workspace.parent) == before
    return err
