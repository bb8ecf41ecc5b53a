"""Benchmark: the full bylaws render against a bare docxtpl render of the same layout and context.

Run from the repository root:  .venv/bin/python bench/bench_bylaws_render.py [--rounds N]

The full render is ``render_bylaws_docx`` (context checks, bounded archive checks, docxtpl in the
sandboxed, escaping, strict environment with its safety guard, strict XML check, metadata scrub).
The baseline, in the same process, is what a plain docxtpl user would write: ``DocxTemplate`` on
the same bundled layout, ``render(context, jinja_env, autoescape=True)`` with a plain
``jinja2.Environment`` (plus the ``bookmark_name`` filter the layout uses), and ``save``. The
target is a ratio of at most 1.5.

Also printed, for the issue's other figures: the time and peak memory to refuse a small .docx
declaring a 400 MiB part, and the time of a leak scan of the rendered bylaws for 2,000 names.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from formation.documents import leak_scan, render_bylaws_docx  # noqa: E402
from formation.documents.bookmarks import clause_bookmark_name  # noqa: E402
from formation.documents.docxtpl_loader import load_docxtpl  # noqa: E402
from formation.errors import DocumentError  # noqa: E402

TARGET_RATIO = 1.5


def _context() -> dict:
    path = ROOT / "tests" / "data" / "documents" / "bylaws_context.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _time(func, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds (default 7)")
    parser.add_argument("--per-round", type=int, default=10, help="renders per round (default 10)")
    args = parser.parse_args()

    from jinja2 import Environment

    DocxTemplate = load_docxtpl()
    context = _context()
    layout = (ROOT / "templates" / "bylaws" / "layout.docx").read_bytes()
    clauses = sum(len(a["clauses"]) for a in context["articles"])

    def bare() -> bytes:
        template = DocxTemplate(io.BytesIO(layout))
        env = Environment(autoescape=True)
        env.filters["bookmark_name"] = clause_bookmark_name
        template.render(context, jinja_env=env, autoescape=True)
        out = io.BytesIO()
        template.save(out)
        return out.getvalue()

    def full() -> bytes:
        return render_bylaws_docx(context)

    bare(), full()  # warm up imports and caches
    bare_times: list[float] = []
    full_times: list[float] = []
    for _ in range(args.rounds):  # alternate, so machine noise hits both alike
        bare_times += _time(bare, args.per_round)
        full_times += _time(full, args.per_round)
    bare_median = statistics.median(bare_times)
    full_median = statistics.median(full_times)
    ratio = full_median / bare_median
    print(f"bylaws: {len(context['articles'])} articles, {clauses} clauses; "
          f"{args.rounds} x {args.per_round} renders each")
    print(f"bare docxtpl render   median {bare_median * 1000:7.2f} ms  (min {min(bare_times) * 1000:.2f})")
    print(f"render_bylaws_docx    median {full_median * 1000:7.2f} ms  (min {min(full_times) * 1000:.2f})")
    print(f"ratio full / bare     {ratio:.2f}  (target <= {TARGET_RATIO})  "
          f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")

    from test_documents_archive import small_bomb

    bomb = small_bomb()
    with tempfile.TemporaryDirectory() as folder:
        bomb_path = Path(folder) / "bomb.docx"
        bomb_path.write_bytes(bomb)
        tracemalloc.start()
        start = time.perf_counter()
        try:
            render_bylaws_docx(context, user_layout=bomb_path)
        except DocumentError:
            pass
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"zip bomb ({len(bomb) // 1024} KiB declaring 400 MiB) refused in {elapsed * 1000:.2f} ms, "
          f"peak traced memory {peak / 1024 / 1024:.2f} MiB")

    rendered = full()
    names = [f"Sentinel{i:04d} Name" for i in range(2000)]
    start = time.perf_counter()
    hits = leak_scan(rendered, names)
    print(f"leak scan of the bylaws for {len(names):,} names: {(time.perf_counter() - start) * 1000:.1f} ms, "
          f"{len(hits)} hits")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
