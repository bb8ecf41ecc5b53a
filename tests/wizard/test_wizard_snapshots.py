"""Snapshots of the wizard's main screens at 80x24 (pytest-textual-snapshot).

The baselines in ``__snapshots__/`` were reviewed by eye; refresh them with
``pytest tests/wizard/test_wizard_snapshots.py --snapshot-update`` after an intended change and
review the report. The clock is fixed and the sample is fictional, so the pictures are stable.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from textual.pilot import Pilot

from formation import bylaws
from formation.models.bylaws import BylawsDraft
from formation.store import Workspace
from wizard_helpers import FAST_KDF, PASSPHRASE, go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp

SIZE = (80, 24)
TODAY = _dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _fixed_documents_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The documents screen shows the default folder; fix it so the picture is the same anywhere."""
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", "/home/you/Documents")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def _sample(tmp_path: Path, *, partner_veto: bool = False) -> FormationApp:
    """The bundled sample as shipped; with ``partner_veto`` a v2 of its bylaws gives a partner a veto."""
    path = sample_path(tmp_path)
    if partner_veto:
        with Workspace.open(path, None, allow_plaintext=True) as ws:
            (draft,) = ws.all(BylawsDraft)
            draft = bylaws.new_version(draft, on=_dt.date(2026, 6, 1))
            ws.put(bylaws.set_option(draft, "partners_and_advisors", "partner_role", "partner_veto"))
    app = FormationApp(path, demo=True)
    app.clock = lambda: TODAY
    return app


def _at(step_id: str, *keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.session is not None, "the sample opened")
        await go_to(pilot, step_id)
        for key in keys:
            await pilot.press(key)
        app = pilot.app
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "every change saved")
        await pilot.pause(0.2)

    return run_before


class TestEntryScreens:
    def test_unlock_screen_shows_the_encryption_note_and_no_group_name(self, snap_compare, tmp_path: Path) -> None:
        path = tmp_path / "workspace"
        Workspace.create(path, PASSPHRASE, kdf=FAST_KDF).close()
        assert snap_compare(FormationApp(path), terminal_size=SIZE)


class TestFormationFlow:
    def test_about_the_group(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("about"))

    def test_legal_context(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("legal_context"))

    def test_structure_chooser(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("structure"))

    def test_bylaws_editor_with_audit_badge(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("bylaws", "n", "n", "n"))

    def test_power_audit_with_a_partner_veto(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path, partner_veto=True), terminal_size=SIZE, run_before=_at("audit"))

    def test_members(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("members"))

    def test_governing_body_and_officers(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("members", "g"))

    def test_founding_meeting_with_quorum_indicator(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("founding_meeting"))

    def test_founding_meeting_motions_tab(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("founding_meeting", "2"))

    def test_registration_plan(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("registration"))

    def test_documents(self, snap_compare, tmp_path: Path, monkeypatch) -> None:
        # The screen offers PDF only where LibreOffice is installed; the baseline shows it offered,
        # whatever this machine has.
        monkeypatch.setattr("wizard.screens.documents.find_soffice", lambda: "/usr/bin/soffice")
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("documents"))

    def test_meetings(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("meetings"))


class TestUsability:
    def test_help_for_the_bylaws_screen(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("bylaws", "f1"))

    def test_high_contrast_theme(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_sample(tmp_path), terminal_size=SIZE, run_before=_at("members", "f2"))
