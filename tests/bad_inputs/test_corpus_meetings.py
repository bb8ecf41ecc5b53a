"""Meeting and vote entries through ``formation meetings ...``: each refused with its message,
nothing saved. Fields of ``cases/meetings.toml``: ``setup``, ``argv``, ``files``, ``exit``,
``error``, ``absent``, ``xfail`` (see ``corpus.check_cli_case`` and ``setups.py``)."""

from __future__ import annotations

import pytest

from .corpus import case_params, check_cli_case


@pytest.mark.parametrize("case", case_params("meetings"))
def test_meeting_entry(case, workspace, tmp_path, capsys):
    check_cli_case(case, workspace, tmp_path, capsys)
