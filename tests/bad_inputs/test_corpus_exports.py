"""Export paths: any title lands inside the chosen folder under a safe name; nothing is ever
overwritten, followed through a link or written outside it.

Fields of ``cases/export_paths.toml``: ``name``, ``suffix`` (default ``.docx``), ``overwrite``,
``in_the_way``, ``folder``, ``lands`` or ``error``; command-line cases: ``setup``, ``argv``,
``exit``, ``error`` and ``in_the_way`` (a file name in the workspace's folder to create first).
"""

from __future__ import annotations

import pytest

from formation.documents import export_document
from formation.errors import DocumentError

from .corpus import case_params, check_cli_case, expand, snapshot

DATA = b"PK the rendered document"


@pytest.mark.parametrize("case", case_params("export_paths"))
def test_export_path(case, workspace, tmp_path, capsys):
    if "argv" in case:
        if "in_the_way" in case:
            (workspace.parent / case["in_the_way"].replace("workspace", workspace.name)).write_bytes(b"keep me")
        check_cli_case(case, workspace, tmp_path, capsys)
        return
    folder = tmp_path / "exports"
    folder.mkdir()
    outside = tmp_path / "outside.docx"
    outside.write_bytes(b"not yours")
    suffix = case.get("suffix", ".docx")
    target = folder / (expand(case.get("lands", "minutes")) if "lands" in case else f"minutes{suffix}")
    in_the_way = case.get("in_the_way")
    if in_the_way == "file":
        target.write_bytes(b"last year's minutes")
    elif in_the_way == "link":
        target.symlink_to(outside)
    elif in_the_way == "dir":
        target.mkdir()
    chosen = folder
    if case.get("folder") == "missing":
        chosen = tmp_path / "not-made-yet"
    elif case.get("folder") == "file":
        chosen = outside
    before = snapshot(tmp_path)
    call = lambda: export_document(DATA, chosen, expand(case["name"]), overwrite=case.get("overwrite", False),  # noqa: E731
                                   suffix=suffix)
    if "lands" in case:
        written = call()
        assert written == target.resolve()
        assert written.read_bytes() == DATA
        after = snapshot(tmp_path)
        assert {k: v for k, v in after.items() if k != str(target.relative_to(tmp_path))} == before
    else:
        with pytest.raises(DocumentError) as caught:
            call()
        assert case["error"] in str(caught.value)
        assert snapshot(tmp_path) == before
        assert outside.read_bytes() == b"not yours"
