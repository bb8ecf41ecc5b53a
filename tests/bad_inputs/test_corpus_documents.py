"""User templates and imported .docx files: hostile layouts and archives are refused before
anything is rendered or stored.

``cases/user_templates.toml``: ``docx`` (see ``docx_builders.build``), ``error``, optional
``argv``/``exit`` (default: ``bylaws render --template`` with exit 6), ``xfail``.
``cases/docx_import.toml``: ``docx``, ``error``, ``exit`` (default 6), optional ``args`` added to
``formation review import FILE``, ``env``, ``setup`` (default ``"review"``), ``names_file`` (an
exit-3 refusal that must name the file too; exit 6 ones always must), ``xfail``.
"""

from __future__ import annotations

import pytest

from formation.documents import render_bylaws_docx
from formation.errors import DocumentError

from .corpus import PASSPHRASE, case_params, check_cli_case
from .docx_builders import build

RENDER = ["bylaws", "render", "-w", "{workspace}", "--out", "{folder}/bylaws.docx", "--template", "{inputs}/layout.docx"]


def _bylaws_context(workspace):
    from formation import bylaws
    from formation.models.bylaws import BylawsDraft
    from formation.store import Workspace

    with Workspace.open(workspace, PASSPHRASE) as ws:
        [draft] = ws.all(BylawsDraft)
        return bylaws.render_context(draft, None, organization=ws.organization, checked_on="2026-11-30")


@pytest.mark.parametrize("case", case_params("user_templates"))
def test_user_template(case, workspace, tmp_path, capsys):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    layout = inputs / "layout.docx"
    layout.write_bytes(build(case["docx"]))
    cli_case = {"setup": "sample", "argv": RENDER, "exit": 6, **case}
    err = check_cli_case(cli_case, workspace, tmp_path, capsys)
    if "argv" in case:
        return
    assert str(layout) in err  # the message names the layout file
    with pytest.raises(DocumentError) as caught:
        render_bylaws_docx(_bylaws_context(workspace), user_layout=layout)
    assert case["error"] in str(caught.value)


@pytest.mark.parametrize("case", case_params("docx_import"))
def test_imported_docx(case, workspace, tmp_path, capsys, monkeypatch):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "review.docx").write_bytes(build(case["docx"]))
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)
    source = f"{{inputs}}/{case.get('file', 'review.docx')}"
    argv = ["review", "import", source, "-w", "{workspace}", *case.get("args", ["--version", "2"])]
    err = check_cli_case({"setup": "review", "exit": 6, "argv": argv, **case}, workspace, tmp_path, capsys)
    if case.get("exit", 6) == 6 or case.get("names_file"):
        assert str(inputs / case.get("file", "review.docx")) in err  # the message names the file
