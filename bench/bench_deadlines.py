"""Benchmark: deadlines for 50 organizations over 20 years, against bare relativedelta arithmetic.

Run: ``.venv/bin/python bench/bench_deadlines.py``

Each organization has a legal form (New Zealand incorporated society, South African NPO, Canadian
federal not-for-profit, Indian SRA society), an incorporation date, a balance date and an AGM and
a change of officers every year. ``formation.deadlines.deadlines_for`` dates every obligation over
20 years; the baseline computes the very same dates with hand-written ``relativedelta`` arithmetic
(no rule data, no validation, no explanations) and the script checks both agree. It prints the
median of several runs of each, in the same process, and their ratio (target: <= 3x and < 50 ms).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dateutil.relativedelta import relativedelta  # noqa: E402

from formation.contexts import find_form  # noqa: E402
from formation.deadlines import OrganizationFacts, deadlines_for  # noqa: E402

YEARS = 20
ORGS = 50
RUNS = 15
FORMS = [("nz", "incorporated_society"), ("za", "voluntary_association_npo"), ("ca", "federal_nfp"), ("in", "society_sra")]
BALANCE_DATES = [(3, 31), (6, 30), (12, 31), (2, 28), (9, 30)]


def organizations(seed: int = 7):
    rng = random.Random(seed)
    out = []
    for i in range(ORGS):
        cid, fid = FORMS[i % len(FORMS)]
        inc = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(0, 3650))
        balance = BALANCE_DATES[rng.randrange(len(BALANCE_DATES))]
        agms = tuple(dt.date(inc.year + k, balance[0], 1) + relativedelta(months=3, days=rng.randrange(0, 20)) for k in range(1, YEARS))
        changes = tuple(d + dt.timedelta(days=1) for d in agms)
        facts = OrganizationFacts(incorporation_date=inc, balance_date=balance, events={"agm": agms, "officer_change": changes})
        out.append((find_form(cid, fid)[1], cid, facts, inc + relativedelta(years=YEARS)))
    return out


def engine(orgs):
    return [sorted(d.due for d in deadlines_for(form, facts, until=until).deadlines) for form, _, facts, until in orgs]


def _first_balance_after(balance, day):
    candidate = dt.date(day.year, *balance)
    return candidate if candidate > day else dt.date(day.year + 1, *balance)


def baseline(orgs):
    """The same dates with plain relativedelta, written out by hand per obligation."""
    results = []
    for _, cid, facts, until in orgs:
        inc, bal = facts.incorporation_date, facts.balance_date
        agms, changes = facts.events["agm"], facts.events["officer_change"]
        dues = []
        fy = _first_balance_after(bal, inc)
        fys = []
        while fy <= until:
            fys.append(fy)
            fy = dt.date(fy.year + 1, *bal)
        if cid == "nz":
            dues += [d for d in (f + relativedelta(months=6) for f in fys) if d <= until]
            previous = None
            for k in range(200):
                if k == 0:
                    due = inc + relativedelta(months=18)
                else:
                    due = min(_first_balance_after(bal, previous) + relativedelta(months=6), previous + relativedelta(months=15))
                held = next((a for a in agms if previous is None or a > previous), None)
                if held is None and due > until:
                    break
                dues.append(due)
                previous = held if held is not None else due
                if previous > until:
                    break
        elif cid == "za":
            dues += [d for d in (f + relativedelta(months=6) for f in fys) if d <= until]
            dues += [d for d in (f + relativedelta(months=9) for f in fys) if d <= until]
            dues += [d for d in (c + relativedelta(months=1) for c in changes) if d <= until]
        elif cid == "ca":
            k = 1
            while inc + relativedelta(years=k) <= until:
                due = inc + relativedelta(years=k) + relativedelta(days=60)
                if due <= until:
                    dues.append(due)
                k += 1
            dues += [d for d in (c + relativedelta(days=15) for c in changes) if d <= until]
            dues += [d for d in (a + relativedelta(days=-21) for a in agms) if d <= until]
            previous = None
            for k in range(200):
                if k == 0:
                    due = inc + relativedelta(months=18)
                else:
                    due = min(_first_balance_after(bal, previous) + relativedelta(months=6), previous + relativedelta(months=15))
                held = next((a for a in agms if previous is None or a > previous), None)
                if held is None and due > until:
                    break
                dues.append(due)
                previous = held if held is not None else due
                if previous > until:
                    break
        else:
            dues += [d for d in (a + relativedelta(days=14) for a in agms) if d <= until]
        results.append(sorted(dues))
    return results


def timed(func, orgs) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func(orgs)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    orgs = organizations()
    ours, bare = engine(orgs), baseline(orgs)
    if ours != bare:
        print("MISMATCH: the engine and the baseline disagree", file=sys.stderr)
        return 1
    count = sum(len(d) for d in ours)
    t_engine = timed(engine, orgs)
    t_base = timed(baseline, orgs)
    ratio = t_engine / t_base
    print(f"{ORGS} organizations x {YEARS} years: {count} deadlines")
    print(f"engine   {t_engine * 1000:7.2f} ms (median of {RUNS})")
    print(f"baseline {t_base * 1000:7.2f} ms (bare relativedelta, same dates)")
    print(f"ratio    {ratio:7.2f}x  (target <= 3x; engine under 50 ms: {'yes' if t_engine < 0.05 else 'NO'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
