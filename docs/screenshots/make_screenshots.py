"""Save SVG screenshots of the wizard's main screens (80x24) into this folder.

They show the bundled fictional samples (Harbour Lights Collective; Tumaini Peer Network for the
partners, handover, review and consultant screens) with the clock fixed, so the pictures change
only when the screens do. Run from the repository root:

    python docs/screenshots/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

TODAY = _dt.date(2026, 12, 1)


async def shoot(path: Path, shots: list[tuple[str, list[str]]], *, encrypted: bool = False) -> None:
    from wizard.app import FormationApp
    from wizard.steps import step

    app = FormationApp(path, demo=not encrypted)
    app.clock = lambda: TODAY
    async with app.run_test(size=(80, 24)) as pilot:
        for name, keys in shots:
            if not encrypted:
                while app.session is None:
                    await pilot.pause(0.05)
            for key in keys:
                if key.startswith("step:"):
                    await pilot.press(step(key[5:]).key)
                    await pilot.pause(0.3)
                else:
                    await pilot.press(key)
                    await pilot.pause(0.05)
            while app.save_state != "saved":
                await pilot.pause(0.05)
            await pilot.pause(0.4)
            app.save_screenshot(f"{name}.svg", str(HERE))
            print(f"saved {HERE / (name + '.svg')}")


async def shoot_overview(paths: list[Path]) -> None:
    """The consultant overview of fictional samples (unencrypted, so no passphrase is typed)."""
    from wizard.app import FormationApp

    app = FormationApp(None, demo=True)
    app.clock = lambda: TODAY
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        for path in paths:
            await pilot.press("a")
            await pilot.pause(0.3)
            app.screen.query_one("#overview-path").value = str(path)
            app.screen.query_one("#overview-passphrase").focus()
            await pilot.press("enter")
            while type(app.screen).__name__ != "OverviewScreen":
                await pilot.pause(0.05)
        await pilot.press("up", "up")
        await pilot.pause(0.4)
        app.save_screenshot("consultant-overview.svg", str(HERE))
        print(f"saved {HERE / 'consultant-overview.svg'}")


def main() -> None:
    from formation.crypto import KdfParams
    from formation.models import Organization
    from formation.sample import build_sample_workspace
    from formation.sample_partner import build_partner_sample_workspace
    from formation.store import Workspace

    with tempfile.TemporaryDirectory(prefix="formation-shots-") as tmp:
        encrypted = Path(tmp) / "workspace"
        Workspace.create(encrypted, "a passphrase for the pictures", kdf=KdfParams(8192, 1, 1)).close()
        asyncio.run(shoot(encrypted, [("unlock", [])], encrypted=True))
        sample = build_sample_workspace(Path(tmp) / "sample")
        asyncio.run(shoot(sample, [
            ("about", ["step:about"]),
            ("legal-context", ["step:legal_context"]),
            ("structure", ["step:structure", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab"]),
            ("bylaws", ["step:bylaws", "n", "n", "n"]),
            ("audit", ["step:audit"]),
            ("members", ["step:members"]),
            ("founding-meeting", ["step:founding_meeting"]),
            ("founding-meeting-motions", ["2"]),
            ("registration", ["step:registration"]),
            ("documents", ["step:documents"]),
            ("meetings", ["step:meetings"]),
            ("help", ["step:bylaws", "f1"]),
        ]))
        tumaini = build_partner_sample_workspace(Path(tmp) / "tumaini")
        asyncio.run(shoot(tumaini, [
            ("legal-context-networks", ["step:legal_context", "n"]),
            ("partners-agreement", ["step:partners", "2", "down"]),
            ("handover", ["step:capacity"]),
            ("review-compare", ["step:review", "2"]),
        ]))
        third = Path(tmp) / "third"
        Workspace.create(third, None, plaintext=True,
                         organization=Organization(name="Mitra Savings Cooperative", legal_context_id="in")).close()
        asyncio.run(shoot_overview([tumaini, sample, third]))


if __name__ == "__main__":
    main()
