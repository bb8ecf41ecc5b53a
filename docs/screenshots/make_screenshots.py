"""Save SVG screenshots of the wizard's main screens (80x24) into this folder.

They show the bundled fictional sample (Harbour Lights Collective) with the clock fixed, so the
pictures change only when the screens do. Run from the repository root:

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


def main() -> None:
    from formation.crypto import KdfParams
    from formation.sample import build_sample_workspace
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


if __name__ == "__main__":
    main()
