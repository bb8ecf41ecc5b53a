"""``formation --help`` start-up time as a ratio against ``python -c "import pydantic, tinydb"``.

Both run as fresh processes with the same interpreter, alternating, 20 times each; the median is
compared. Target: <= 1.5x.

Run: ``python bench/bench_startup.py``
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 20


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    baseline_cmd = [sys.executable, "-c", "import pydantic, tinydb"]
    formation_cmd = [sys.executable, "-m", "formation", "--help"]
    timed(baseline_cmd), timed(formation_cmd)  # warm the file cache
    base, form = [], []
    for _ in range(RUNS):
        base.append(timed(baseline_cmd))
        form.append(timed(formation_cmd))
    b, f = statistics.median(base), statistics.median(form)
    print(f"python -c 'import pydantic, tinydb': {b * 1000:.0f} ms (median of {RUNS})")
    print(f"formation --help: {f * 1000:.0f} ms (median of {RUNS}) -> ratio {f / b:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
