"""Fixtures of the bad-input corpus: a small encrypted workspace, unlocked through the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from formation.models import Member, Organization
from formation.store import Workspace
from .corpus import PASSPHRASE


@pytest.fixture
def workspace(tmp_path: Path, fast_kdf, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An encrypted workspace ``data/ws`` holding the organization and two members (Kestrel, a
    community member; Dr Ana, a supporting member), with ``FORMATION_PASSPHRASE`` set for it.
    Nothing else is in ``data/``, so a stray file there is a fault."""
    folder = tmp_path / "data"
    path = folder / "ws"
    with Workspace.create(path, PASSPHRASE, kdf=fast_kdf, organization=Organization(name="Harbour Lights")) as ws:
        ws.put(Member(work_name="Kestrel", community_member="yes"))
        ws.put(Member(work_name="Dr Ana", community_member="no", membership_class="supporting"))
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASSPHRASE)
    return path
