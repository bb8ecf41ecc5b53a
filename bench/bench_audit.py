"""Benchmark: the power audit of a full bylaws draft (target: under 10 ms on this machine).

Run from the repository root:  .venv/bin/python bench/bench_audit.py [--rounds N] [--per-round N]

The audit runs on the Tumaini v1 scenario (every clause of the library, a partner with appointed
seats and budget approval, 22 members, a 7-seat board), with all five criteria sets and the
completeness check against New Zealand's s.26 list, and on the Mitra scenario (60 members,
9-seat committee). The baseline, in the same process, is reading the same draft record as the
workspace does on every open (``BylawsDraft.model_validate`` of its stored form): the audit is
reported as a ratio against it, and in milliseconds per audit.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bylaws_support import mitra, tumaini  # noqa: E402
from formation.audit import audit  # noqa: E402
from formation.contexts import load_context  # noqa: E402
from formation.models.bylaws import BylawsDraft  # noqa: E402
from formation.power import StaffCount  # noqa: E402

TARGET_MS = 10.0


def _per_call(func, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        func()
    return (time.perf_counter() - start) / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds (default 7)")
    parser.add_argument("--per-round", type=int, default=50, help="calls per round (default 50)")
    args = parser.parse_args()

    nz = load_context("nz")
    staff = StaffCount(total=2, community=1)
    members, draft, v1_board, _ = tumaini()
    m_members, m_draft, m_committee = mitra()
    stored = draft.model_dump(mode="json")

    def full_audit() -> None:
        audit(draft, version=1, members=members, governing_body=v1_board, staff=staff, context=nz,
              form_id="incorporated_society")

    def mitra_audit() -> None:
        audit(m_draft, members=m_members, governing_body=m_committee, staff=staff)

    def baseline() -> None:
        BylawsDraft.model_validate(stored)

    for func in (full_audit, mitra_audit, baseline):  # warm caches (library, criteria sets)
        func()
    audits, mitras, bases = [], [], []
    for _ in range(args.rounds):
        bases.append(_per_call(baseline, args.per_round))
        audits.append(_per_call(full_audit, args.per_round))
        mitras.append(_per_call(mitra_audit, args.per_round))
    audit_ms = statistics.median(audits) * 1000
    mitra_ms = statistics.median(mitras) * 1000
    base_ms = statistics.median(bases) * 1000
    print(f"baseline (validate the stored draft record): {base_ms:.3f} ms")
    print(f"full audit, Tumaini v1 + NZ completeness:    {audit_ms:.3f} ms  ratio {audit_ms / base_ms:.2f}x")
    print(f"audit, Mitra (60 members, 9 seats):          {mitra_ms:.3f} ms  ratio {mitra_ms / base_ms:.2f}x")
    ok = max(audit_ms, mitra_ms) < TARGET_MS
    print(f"target: under {TARGET_MS:.0f} ms per audit -> {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
