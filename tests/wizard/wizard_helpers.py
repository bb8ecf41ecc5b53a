"""Shared steps for the wizard's Pilot tests (imported by the test modules beside it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from formation.crypto import KdfParams

FAST_KDF = KdfParams(8192, 1, 1)
"""Cheap Argon2id parameters: the tests would otherwise spend a second per unlock."""

PASSPHRASE = "correct horse battery"


async def wait_for(pilot: Pilot, predicate: Callable[[], bool], what: str, tries: int = 200) -> None:
    """Let the app run until ``predicate()`` holds (workers finish, screens change)."""
    for _ in range(tries):
        await pilot.pause(0.02)
        if predicate():
            return
    raise AssertionError(f"the app did not reach: {what}")


async def unlock(pilot: Pilot, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the unlock screen and wait for the workspace to open."""
    app = pilot.app
    await pilot.press(*passphrase, "enter")
    await wait_for(pilot, lambda: getattr(app, "session", None) is not None, "the workspace unlocked")


async def go_to(pilot: Pilot, step_id: str) -> None:
    """Open a step of the flow by its key, as a person would."""
    from wizard.steps import step

    await pilot.press(step(step_id).key)
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "STEP_ID", "") == step_id, f"the {step_id} step")
    await pilot.pause()


def sample_path(tmp_path: Path) -> Path:
    """The bundled fictional sample (plaintext), built fresh in ``tmp_path``."""
    from formation.sample import build_sample_workspace

    return build_sample_workspace(tmp_path / "sample-workspace")
