"""Shared fixtures for the whole suite."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from formation.crypto import KdfParams  # noqa: E402

FAST_KDF = KdfParams(memory_kib=8192, iterations=1, lanes=1)
"""Argon2id parameters at the lowest accepted bounds: real use takes 64 MiB, t=3, p=4 (about a
quarter second); tests that open hundreds of workspaces use these so the suite stays fast. The
format and code paths are the same."""


@pytest.fixture
def fast_kdf() -> KdfParams:
    """Cheap Argon2id parameters for tests (see ``FAST_KDF``)."""
    return FAST_KDF


@pytest.fixture(autouse=True)
def _no_passphrase_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests set FORMATION_PASSPHRASE themselves; one left in the developer's shell must not leak in."""
    monkeypatch.delenv("FORMATION_PASSPHRASE", raising=False)
    monkeypatch.delenv("FORMATION_NEW_PASSPHRASE", raising=False)
    monkeypatch.delenv("FORMATION_WORKSPACE", raising=False)


@pytest.fixture
def umask_022():
    """Run a test under the common umask 022, restoring the previous one after."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)
