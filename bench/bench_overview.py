"""The consultant overview of several workspaces, as a ratio against only opening them.

Baseline, in the same process on the same files: open and close each workspace (decrypt, parse,
structural checks) with cheap key derivation. Measured: open each, read its snapshot (records,
legal context, the power audit with its partnership agreements, registration tracker inputs),
close it, then compute the overview of all of them. Key derivation (Argon2id, about a quarter
second per workspace at the real parameters) is excluded from both sides: in real use it adds
the same fixed cost per workspace to both.

Run: ``python bench/bench_overview.py``
"""

from __future__ import annotations

import datetime as _dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from formation.crypto import KdfParams  # noqa: E402
from formation.overview import consultant_overview, read_snapshot  # noqa: E402
from formation.sample_partner import build_partner_sample_workspace  # noqa: E402
from formation.store import Workspace  # noqa: E402

GROUPS = 6
ROUNDS = 7
KDF = KdfParams(memory_kib=8192, iterations=1, lanes=1)


def best(fn, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        paths = [build_partner_sample_workspace(Path(folder) / f"g{i}.fmws", passphrase=f"pw{i}", kdf=KDF)
                 for i in range(GROUPS)]

        def open_only() -> None:
            for i, path in enumerate(paths):
                Workspace.open(path, f"pw{i}").close()

        def overview() -> None:
            snapshots = []
            for i, path in enumerate(paths):
                ws = Workspace.open(path, f"pw{i}")
                try:
                    snapshots.append(read_snapshot(ws))
                finally:
                    ws.close()
            consultant_overview(snapshots, as_of=_dt.date(2026, 10, 5))

        overview()  # warm caches (clause library, legal context files)
        base = best(open_only)
        measured = best(overview)
        print(f"overview of {GROUPS} workspaces: {measured * 1000:.1f} ms; open only: {base * 1000:.1f} ms; "
              f"ratio {measured / base:.1f}x")

    return 0


if __name__ == "__main__":
    sys.exit(main())
