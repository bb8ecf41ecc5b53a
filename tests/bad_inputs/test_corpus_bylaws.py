"""Clause parameters and choices: the command line and the library refuse the same values alike.

Fields of ``cases/clause_parameters.toml``: ``target`` and ``value`` (run through ``formation
bylaws set`` and ``formation.bylaws.set_value``), ``typed`` (``[clause, parameter, value]`` for
``formation.bylaws.set_parameter`` with a typed value), or ``argv`` (another bylaws command);
``setup`` (default ``"draft"``), ``error``, ``exit`` (default 3), ``absent``, ``xfail``.
"""

from __future__ import annotations

import pytest

from formation import bylaws
from formation.errors import InputError
from formation.models.bylaws import BylawsDraft
from formation.store import Workspace

from .corpus import PASSPHRASE, case_params, check_cli_case, expand


@pytest.mark.parametrize("case", case_params("clause_parameters"))
def test_clause_parameter(case, workspace, tmp_path, capsys):
    case = {"setup": "draft", "exit": 3, **case}
    if "target" in case:
        case["argv"] = ["bylaws", "set", "-w", "{workspace}", case["target"], expand(case["value"])]
    if "argv" in case:
        check_cli_case(case, workspace, tmp_path, capsys)
    else:
        from .setups import prepare

        prepare(workspace, case["setup"])
    if "target" not in case and "typed" not in case:
        return
    with Workspace.open(workspace, PASSPHRASE) as ws:
        [draft] = ws.all(BylawsDraft)
    before = draft.model_dump()
    with pytest.raises(InputError) as caught:
        if "typed" in case:
            clause_id, name, value = case["typed"]
            bylaws.set_parameter(draft, clause_id, name, value)
        else:
            bylaws.set_value(draft, case["target"], expand(case["value"]))
    assert case["error"] in str(caught.value)
    assert draft.model_dump() == before  # the draft passed in is never changed
