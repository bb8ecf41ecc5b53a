"""Fixtures for the wizard's tests: cheap key derivation and workspaces made in tmp folders."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_user_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the tests away from the person's real workspace, language and autolock settings."""
    monkeypatch.setenv("FORMATION_WORKSPACE", str(tmp_path / "default-workspace"))
    monkeypatch.delenv("FORMATION_AUTOLOCK_MINUTES", raising=False)
    monkeypatch.setenv("LANGUAGE", "en")
