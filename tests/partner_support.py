"""Shared builders for the partner, capacity, overview and handover tests (fictional data)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from formation.models import Member, Organization
from formation.partners import draft_agreement, new_partner


def fast_kdf() -> Any:
    """Cheap Argon2id parameters (the same as ``tests/conftest.py::FAST_KDF``)."""
    from formation.crypto import KdfParams

    return KdfParams(memory_kib=8192, iterations=1, lanes=1)


def organization(name: str = "Tumaini Peer Network") -> Organization:
    return Organization(name=name, legal_context_id="ke", legal_form_id="public_benefit_organization")


def members() -> list[Member]:
    return [
        Member(work_name="Baraka", community_member="yes"),
        Member(work_name="Neema", community_member="yes", consent_to_be_named=True),
        Member(work_name="Siri", community_member="undisclosed"),
        Member(work_name="Kamau", community_member="no", membership_class="supporting"),
        Member(work_name="Old Timer", community_member="yes", joined_on="2020-01-01", left_on="2021-01-01"),
    ]


def partner(kinds: tuple[str, ...] = ("host", "trainer")) -> Any:
    return new_partner("Mwanga Health Trust", list(kinds), ["space", "staff_time", "training"])


def agreement(p: Any, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "made_on": "2026-04-25",
        "starts_on": "2026-06-01",
        "purpose": "To support the collective's peer programme.",
        "support": [
            {"support": "space", "description": "the drop-in centre's meeting room"},
            {"support": "staff_time", "description": "a part-time bookkeeper"},
        ],
        "handover_starts_on": "2026-06-01",
        "handover_ends_on": "2027-05-31",
    }
    fields.update(overrides)
    return draft_agreement(p, **fields)


def by_name(people: list[Member]) -> dict[str, Member]:
    return {m.work_name: m for m in people}


def run_cli(argv: list[str], capsys: Any, env: dict[str, str] | None = None, monkeypatch: Any = None) -> tuple[int, str, str]:
    """Run ``formation ARGV`` in-process; returns ``(exit code, stdout, stderr)``."""
    from formation.cli import main

    if env and monkeypatch is not None:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def today() -> _dt.date:
    return _dt.date(2026, 10, 5)


def write_workspace(path: Path, passphrase: str, records: list[Any]) -> Path:
    from formation.store import Workspace

    with Workspace.create(path, passphrase, kdf=fast_kdf()) as ws:
        ws.put_many(records)
    return path
