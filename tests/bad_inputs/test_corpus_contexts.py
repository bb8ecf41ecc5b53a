"""Legal context files: wrong types, missing sources, cycles, zero intervals, damaged files.

Each case of ``cases/legal_context.toml`` is written into an empty folder and read three ways:
``parse_context`` (the text), ``check_all(directory=...)`` (the file) and ``formation contexts
check --dir`` (the command). Each must refuse it with the case's message, naming the file, the
field and the line; the folder must be left exactly as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from formation.contexts import MAX_FILE_BYTES, check_all, parse_context
from formation.errors import InputError, ValidationFailed

from .corpus import DATA, case_params, expand, run_cli, snapshot

BASE = (DATA / "context.toml").read_text(encoding="utf-8")


def context_text(case: dict[str, Any]) -> str:
    """The file's text: ``content``, or the base context with each ``replace`` pair applied."""
    if "content" in case:
        return expand(case["content"])
    text = BASE
    for old, new in case.get("replace", []):
        assert text.count(old) == 1, f"{case['id']}: {old!r} must occur once in data/context.toml"
        text = text.replace(old, expand(new))
    return text


def _assert_message(case: dict[str, Any], message: str, path: Path) -> None:
    assert message.startswith(str(path)), message[:300]
    assert case["error"] in message, message[:600]
    for text in case.get("absent", []):
        assert text not in message, message[:600]


def test_base_context_is_valid():
    """The cases below differ from a valid file in one place each; the base must pass."""
    assert parse_context(BASE, source="draft.toml", expected_id="draft").id == "draft"


@pytest.mark.parametrize("case", case_params("legal_context"))
def test_legal_context_file(case, tmp_path, capsys):
    folder = tmp_path / "contexts"
    folder.mkdir()
    name = case.get("file", "draft")
    path = folder / f"{name}.toml"
    text = context_text(case)
    raw = text.encode(case.get("encoding", "utf-8"))
    path.write_bytes(raw)
    before = snapshot(folder)

    if "encoding" not in case and len(raw) <= MAX_FILE_BYTES:
        with pytest.raises(ValidationFailed) as caught:
            parse_context(text, source=str(path), expected_id=name)
        _assert_message(case, str(caught.value), path)

    [result] = check_all(directory=folder)
    assert not result.ok
    assert isinstance(result.error, (ValidationFailed, InputError))
    _assert_message(case, str(result.error), path)

    code, out, _ = run_cli(["contexts", "check", "--dir", str(folder)], capsys)
    assert code == 3
    assert f"FAILED  {result.error}" in out
    assert "0 of 1 context files passed" in out
    assert snapshot(folder) == before
