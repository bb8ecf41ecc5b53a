"""Fuzz campaigns over the JSON import and the legal context loader (not in the default run).

Run them with one command (about three minutes on two cores)::

    .venv/bin/pytest -m fuzz tests/bad_inputs/test_fuzz.py

``FORMATION_FUZZ_SCALE`` multiplies the number of examples (``0.1`` for a quick look, ``10`` for a
long night). Hypothesis keeps every failing input in ``.hypothesis/`` and tries it first next time.

What each campaign asserts, for every input:

- the JSON import (``formation.exchange.import_document``) either refuses the file with a
  ``FormationError`` whose message starts with the file name, or accepts it; an accepted file
  exports back to the same records, and every read-only command and every document render on a
  workspace made from it ends with a message and an exit code, never a crash;
- the context loader (``formation.contexts.parse_context``) either refuses the text with a
  ``ValidationFailed``/``InputError`` starting with the file name, or loads it; a loaded context's
  deadlines can be computed for any dates without an error.

Whatever a campaign finds becomes a case in ``cases/*.toml`` (see README.md). Faults already
found, routed to their owner and kept as strict-xfail corpus cases are listed in ``KNOWN`` so
that the campaign goes on looking for new ones; each entry names its corpus case.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import tempfile
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formation.contexts import parse_context
from formation.deadlines import OrganizationFacts, deadlines_for
from formation.errors import FormationError, InputError, ValidationFailed
from formation.exchange import export_document, import_document

from .corpus import load_cases
from .fuzzing import export_bytes, json_values, mutated_contexts, mutated_exports

pytestmark = pytest.mark.fuzz

SCALE = float(os.environ.get("FORMATION_FUZZ_SCALE", "1"))

KNOWN: dict[tuple[str, str], tuple[str, str]] = {}
"""Faults the campaigns found that are routed and kept as strict-xfail corpus cases:
``(where, exception type) -> (entry point, case id)``. Once fixed, the entry can go."""


def _settings(examples: int) -> settings:
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def _known(where: str, exc: BaseException) -> bool:
    entry = KNOWN.get((where, type(exc).__name__))
    if entry is None:
        return False
    entry_point, case_id = entry
    case = next(c for c in load_cases(entry_point) if c["id"] == case_id)
    assert case.get("xfail"), f"{case_id} is fixed: remove it from KNOWN"
    return True


def test_known_faults_are_corpus_cases():
    for entry_point, case_id in KNOWN.values():
        assert any(c["id"] == case_id and c.get("xfail") for c in load_cases(entry_point))


# ----------------------------------------------------------------------------- JSON import
def _import_or_refuse(raw: bytes) -> dict | None:
    try:
        records = import_document(raw, source="fuzz.json")
    except FormationError as exc:
        assert str(exc).startswith("fuzz.json"), str(exc)[:300]
        return None
    again = json.dumps(export_document(records), ensure_ascii=False).encode("utf-8")
    assert import_document(again, source="again.json") == records
    return records


@_settings(3000)
@given(document=mutated_exports())
def test_fuzz_import_of_a_changed_export(document):
    _import_or_refuse(export_bytes(document))


@_settings(1500)
@given(document=st.fixed_dictionaries({"format": st.just("formation-export"), "schema_version": st.just(1),
                                        "records": st.dictionaries(st.sampled_from(["member", "meeting", "organization",
                                                                                    "bylaws_draft", "decision"]),
                                                                   st.lists(json_values, max_size=3), max_size=3)}))
def test_fuzz_import_of_made_up_records(document):
    _import_or_refuse(export_bytes(document))


@_settings(1500)
@given(raw=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode),
                     st.integers(min_value=1, max_value=200_000).map(lambda n: b"[" * n),
                     st.integers(min_value=4000, max_value=20_000).map(lambda n: b"9" * n)))
def test_fuzz_import_of_any_bytes(raw):
    _import_or_refuse(raw)


COMMANDS = [
    ["members", "list"], ["bylaws", "show"], ["bylaws", "show", "--choices"], ["bylaws", "versions"], ["bylaws", "audit"],
    ["meetings", "list"], ["decisions", "list"], ["actions", "list"], ["partners", "list"], ["capacity", "skills"],
    ["review", "list"], ["review", "history"], ["registration", "status"], ["export", "--json", "--out", "-"],
]


def _run(argv: list[str]) -> int:
    from formation.cli import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@_settings(200)
@given(document=mutated_exports())
def test_fuzz_commands_on_an_imported_workspace(document):
    """An export the import accepts must be usable: no command or document render crashes on it."""
    from formation.models import Meeting
    from formation.store import Workspace

    try:
        records = import_document(export_bytes(document), source="fuzz.json")
    except FormationError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ws"
        with Workspace.create(path, None, plaintext=True) as ws:
            ws.replace_all(records)
            meetings = [str(m.id) for m in ws.all(Meeting)]
        out = Path(tmp) / "out"
        out.mkdir()
        commands = [*COMMANDS, ["bylaws", "render", "--out", str(out / "bylaws.docx"), "--overwrite"]]
        for meeting in meetings:
            commands.append(["meetings", "show", meeting])
            for kind in ("minutes", "attendance"):
                commands.append(["minutes", "render", meeting, "--document", kind, "--out", str(out / f"{kind}.docx"),
                                 "--overwrite"])
        commands += [["minutes", "render", "--document", kind, "--out", str(out / f"{kind}.docx"), "--overwrite",
                      "--today", "2026-06-01"] for kind in ("decisions", "actions")]
        for command in commands:
            argv = [*command, "-w", str(path), "--allow-plaintext"]
            try:
                code = _run(argv)
            except Exception as exc:  # a crash: the message a person would see is "a bug"
                raise AssertionError(f"formation {' '.join(command)} crashed: {type(exc).__name__}\n"
                                     + "".join(traceback.format_exception(exc)[-3:])) from None
            assert code in (0, 3, 4, 6), f"formation {' '.join(command)} exited {code}"


# ----------------------------------------------------------------------------- legal contexts
def _load_or_refuse(name: str, text: str):
    try:
        return parse_context(text, source="fuzz.toml", expected_id=name)
    except (ValidationFailed, InputError) as exc:
        assert str(exc).startswith("fuzz.toml"), str(exc)[:300]
    except (RecursionError, ValueError) as exc:
        if not _known("parse_context", exc):
            raise
    return None


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2190, 12, 31))


@_settings(3000)
@given(changed=mutated_contexts(), incorporated=dates, founded=dates,
       balance=st.tuples(st.integers(1, 12), st.integers(1, 28)), agms=st.lists(dates, max_size=4))
def test_fuzz_context_loader_on_changed_contexts(changed, incorporated, founded, balance, agms):
    context = _load_or_refuse(*changed)
    if context is None:
        return
    facts = OrganizationFacts(incorporation_date=incorporated, founding_date=founded, balance_date=balance,
                              events={"agm": tuple(sorted(agms)), "officer_change": tuple(sorted(agms))})
    for form in context.forms:
        deadlines_for(form, facts, until=incorporated.replace(day=1, year=min(incorporated.year + 5, 2199)))


@_settings(1500)
@given(text=st.one_of(st.text(max_size=500),
                      st.integers(min_value=10, max_value=5000).map(lambda n: "count = " + "[" * n + "]" * n),
                      st.integers(min_value=10, max_value=3000).map(lambda n: "a = " + "{b = " * n + "1" + "}" * n)))
def test_fuzz_context_loader_on_any_text(text):
    _load_or_refuse("draft", text)
