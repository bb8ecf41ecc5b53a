"""Wizard speed: time to the first screen, and the audit badge's delay after a keystroke.

1. **Time to the first screen**, as a ratio against a minimal Textual app with one Label, both run
   as fresh processes with the same interpreter (imports, start-up and the first screen drawn
   headless, then exit), alternating, ``RUNS`` times each; medians compared. The wizard's first
   screen is the unlock screen of an encrypted workspace. Target: <= 1.5x.
2. **Keystroke -> audit badge** on the bundled sample workspace: in the bylaws editor, Enter on an
   option (choose it) until the badge shows the new audit, measured from the key press to the
   badge's update, ``KEYS`` times, alternating two options; and typing one digit in a parameter
   field. Target: <= 50 ms each (median; the slowest is printed too).

Run: ``python bench/bench_wizard.py``
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 10
KEYS = 20

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("formation")
    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run(headless=True)
"""

WIZARD_APP = """
import sys
from pathlib import Path
from wizard.app import FormationApp
from wizard.screens.unlock import UnlockScreen

class FirstScreen(FormationApp):
    CSS_PATH = [str(Path(FormationApp.__module__.replace(".", "/")).with_name("app.tcss").resolve())]

    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self._first_screen_drawn)
    def _first_screen_drawn(self):
        assert isinstance(self.screen, UnlockScreen)
        self.call_after_refresh(self.exit)

FirstScreen(Path(sys.argv[1])).run(headless=True)
"""


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def first_screen(folder: Path) -> None:
    from formation.crypto import KdfParams
    from formation.store import Workspace

    path = folder / "workspace"
    Workspace.create(path, "a passphrase for the bench", kdf=KdfParams(8192, 1, 1)).close()
    minimal = [sys.executable, "-c", MINIMAL_APP]
    wizard = [sys.executable, "-c", WIZARD_APP, str(path)]
    timed(minimal), timed(wizard)  # warm the file cache
    base, wiz = [], []
    for _ in range(RUNS):
        base.append(timed(minimal))
        wiz.append(timed(wizard))
    b, w = statistics.median(base), statistics.median(wiz)
    print(f"minimal Textual app (one Label), first screen: {b * 1000:.0f} ms (median of {RUNS})")
    print(f"wizard, unlock screen:                          {w * 1000:.0f} ms (median of {RUNS}) "
          f"-> ratio {w / b:.2f}x (target <= 1.5x)")


async def badge_latency(folder: Path) -> None:
    from formation import bylaws
    from formation.models.bylaws import BylawsDraft
    from formation.sample import build_sample_workspace
    from formation.store import Workspace
    from textual.widgets import OptionList
    from wizard.app import FormationApp
    from wizard.widgets.audit_badge import AuditBadge

    path = build_sample_workspace(folder / "sample")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        (draft,) = ws.all(BylawsDraft)
        ws.put(bylaws.new_version(draft, on=_dt.date(2026, 6, 1)))  # a version in draft, to edit

    shown: list[float] = []
    original = AuditBadge.show

    def timed_show(self, summary):  # type: ignore[no-untyped-def]
        original(self, summary)
        shown.append(time.perf_counter())

    AuditBadge.show = timed_show  # type: ignore[method-assign]
    app = FormationApp(path, demo=True)
    option_ms: list[float] = []
    digit_ms: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        while app.session is None:
            await pilot.pause(0.05)
        await pilot.press("f6")
        await pilot.pause(0.3)
        screen = app.screen
        screen.go_to_clause("partners_and_advisors")
        await pilot.pause(0.2)
        choice = screen.query_one("#choice-partner_role", OptionList)
        ids = [choice.get_option_at_index(i).id for i in range(choice.option_count)]
        choice.focus()
        for n in range(KEYS):
            choice.highlighted = ids.index("partner_role::partner_veto" if n % 2 == 0 else "partner_role::advisory_only")
            await pilot.pause()
            shown.clear()
            start = time.perf_counter()
            await pilot.press("enter")
            while not shown:
                await pilot.pause(0.001)
            option_ms.append((shown[0] - start) * 1000)
        screen.go_to_clause("general_meetings")
        await pilot.pause(0.2)
        field = screen.query_one("#param-notice_days")
        field.focus()
        await pilot.press("end")
        for n in range(KEYS):
            shown.clear()
            start = time.perf_counter()
            await pilot.press("backspace" if n % 2 else "4")  # 14 -> 144 is out of range; alternate 14 / 1
            while not shown and time.perf_counter() - start < 1:
                await pilot.pause(0.001)
            if shown:
                digit_ms.append((shown[0] - start) * 1000)
    AuditBadge.show = original  # type: ignore[method-assign]
    print("each option press (ms):", " ".join(f"{v:.0f}" for v in option_ms))
    for label, values in (("choose an option (Enter)", option_ms), ("type a digit in a parameter", digit_ms)):
        if values:
            print(f"keystroke -> audit badge, {label}: median {statistics.median(values):.1f} ms, "
                  f"slowest {max(values):.1f} ms over {len(values)} keys (target <= 50 ms)")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="formation-bench-") as tmp:
        first_screen(Path(tmp))
        asyncio.run(badge_latency(Path(tmp)))


if __name__ == "__main__":
    main()
