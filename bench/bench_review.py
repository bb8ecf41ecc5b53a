"""Benchmark: the review copy, reading it back, and the redline, each against a same-run baseline.

Run from the repository root:  .venv/bin/python bench/bench_review.py [--rounds N]

- review copy: ``review_copy_docx`` (bylaws render, guidance note, clause references, one Word
  comment per open note, scrub keeping comments) with 20 notes, against ``render_bylaws_docx`` of
  the same context (the plain bylaws document): the cost of making it a review copy;
- reading back: ``read_review_copy`` (archive limits, every part read, clause regions, comment
  anchors) of that copy, against opening the same bytes with python-docx's ``Document`` (which
  reads the package and nothing more);
- diff and redline: ``compare_contexts`` plus ``redline_docx`` between the full bylaws and a copy
  with five clauses edited, against ``render_bylaws_docx`` of the later version.

Each pair runs alternately in the same process; the figure is the ratio of the medians.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from formation.documents import render_bylaws_docx  # noqa: E402
from formation.models.review import ReviewNote  # noqa: E402
from formation.redline import redline_docx  # noqa: E402
from formation.versions import compare_contexts  # noqa: E402
from formation.word_exchange import read_review_copy, review_copy_docx  # noqa: E402


def _context() -> dict:
    """The documents tests' full bylaws context, with clause ids as the clause library writes
    them (``general_meetings_quorum``, not ``general_meetings.quorum``)."""
    path = ROOT / "tests" / "data" / "documents" / "bylaws_context.json"
    context = json.loads(path.read_text(encoding="utf-8"))
    for article in context["articles"]:
        for clause in article["clauses"]:
            clause["id"] = clause["id"].replace(".", "_")
    return context


def _notes(context: dict, count: int) -> list[ReviewNote]:
    clauses = [c for a in context["articles"] for c in a["clauses"]]
    return [
        ReviewNote(draft_id="00000000-0000-4000-8000-000000000000", version=1,
                   clause_id=clauses[i % len(clauses)]["id"], status="needs_change",
                   comment=f"Comment {i}: please check the wording of this clause.", proposed_text=["New wording."],
                   reviewer_role="partner-NGO lawyer", created_on="2025-03-10")
        for i in range(count)
    ]


def _edited(context: dict) -> dict:
    later = copy.deepcopy(context)
    later["document"]["version"] = "v2"
    clauses = [c for a in later["articles"] for c in a["clauses"]]
    for clause in clauses[::max(1, len(clauses) // 5)][:5]:
        clause["paragraphs"][0] = clause["paragraphs"][0].replace(" the ", " every ", 1) + " Added words."
    return later


def _pair(name: str, measured, baseline, rounds: int) -> None:  # noqa: ANN001
    measured_times, baseline_times = [], []
    measured()
    baseline()  # warm up both
    for _ in range(rounds):
        start = time.perf_counter()
        baseline()
        baseline_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        measured()
        measured_times.append(time.perf_counter() - start)
    m, b = statistics.median(measured_times), statistics.median(baseline_times)
    print(f"{name:28} {m * 1000:8.1f} ms   baseline {b * 1000:8.1f} ms   ratio {m / b:5.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds (default 7)")
    args = parser.parse_args()

    from docx import Document

    context = _context()
    notes = _notes(context, 20)
    copy_bytes = review_copy_docx(context, notes)
    later = _edited(context)
    print(f"{sum(len(a['clauses']) for a in context['articles'])} clauses, {len(notes)} notes, "
          f"{args.rounds} rounds (median)")
    _pair("review copy (20 comments)", lambda: review_copy_docx(context, notes),
          lambda: render_bylaws_docx(context), args.rounds)
    _pair("read review copy back", lambda: read_review_copy(copy_bytes, context, source="copy"),
          lambda: Document(io.BytesIO(copy_bytes)), args.rounds)
    _pair("diff + redline (5 changed)", lambda: redline_docx(compare_contexts(context, later)),
          lambda: render_bylaws_docx(later), args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
