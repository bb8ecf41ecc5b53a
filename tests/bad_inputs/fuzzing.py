"""Strategies for the fuzz campaigns (``test_fuzz.py``): JSON exports and legal context files,
both made from scratch and mutated from valid ones, so that most inputs get past the first checks
and reach the deep ones.
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from formation.resources import legal_contexts_dir

NASTY_VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 2, 7, 10**6, 10**7, -(10**9), 0.5, -0.5, 1.5, 100.0, 1e308, -1e308,
    float("nan"), float("inf"), "", " ", "\u202eevil", "a\u0000b", "line\nbreak", "\t", "x" * 5000,
    "& < > \" ]]>", "{{ cycler.__init__.__globals__ }}", "2026-02-29", "2023-02-29", "2026-04-31",
    "1066-10-14", "9999-12-31", "00:00", "25:61", "unknown", "yes", "no", "undisclosed", "../../x",
    "00000000-0000-0000-0000-000000000000", "6f1c1f9e-8a3b-4c1e-9b1e-2f1a3b4c5d6e", [], {}, [None],
    {"kind": "member"}, ["a", "b"], "\ud800",
]
"""Values people (or damaged files) put where another kind of value belongs."""

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30), st.sampled_from(NASTY_VALUES),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20,
)


@functools.cache
def sample_export() -> dict[str, Any]:
    """A valid export of the partner-supported sample (members, bylaws, a meeting with motions and
    votes, decisions, partners, agreements, handover items): the seed every mutation starts from."""
    from formation.exchange import export_document
    from formation.sample_partner import build_partner_sample_workspace
    from formation.store import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        path = build_partner_sample_workspace(Path(tmp) / "ws")
        with Workspace.open(path, None, allow_plaintext=True) as ws:
            return json.loads(json.dumps(export_document(ws.records())))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, prefix + (index,))
    return out


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


@st.composite
def mutated_exports(draw: st.DrawFn) -> Any:
    """A valid export with one to three changes: a value replaced (by a nasty value or any JSON), a
    key removed or added, a list item duplicated (same id twice) or removed."""
    document = copy.deepcopy(sample_export())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [p for p in _paths(document) if p]
        path = draw(st.sampled_from(paths))
        parent = _parent(document, path)
        action = draw(st.sampled_from(["replace", "replace", "like", "like", "like", "delete", "add", "duplicate"]))
        if action == "like":
            parent[path[-1]] = draw(_same_kind(parent[path[-1]], document))
        elif action == "replace":
            parent[path[-1]] = draw(st.one_of(st.sampled_from(NASTY_VALUES), json_values))
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["notes", "extra", "id", "kind", "schema_version", "votes"]))] = draw(json_values)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return document


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _same_kind(value: Any, document: Any) -> st.SearchStrategy[Any]:
    """Another value of the same kind, so that the change gets past the schema into the rules: a
    count moved up or down, another record's id (or a fresh one), another real date, other text."""
    if isinstance(value, bool):
        return st.just(not value)
    if isinstance(value, int):
        return st.integers(min_value=min(value, max(value - 20, -5)), max_value=value + 20)
    if isinstance(value, float):
        return st.floats(min_value=-0.5, max_value=1.5)
    if isinstance(value, str) and _UUID.match(value):
        ids = sorted({v for p in _paths(document) if p and isinstance(v := _get(document, p), str) and _UUID.match(v)})
        return st.one_of(st.sampled_from(ids), st.uuids().map(str))
    if isinstance(value, str) and _DATE.match(value):
        return st.dates(min_value=_dt.date(1900, 1, 1), max_value=_dt.date(2199, 12, 31)).map(str)
    if isinstance(value, str):
        return st.one_of(st.just("& < > \" ]]>"), st.text(min_size=1, max_size=30), st.just(value * 3))
    if isinstance(value, list) and value:
        return st.lists(st.sampled_from(value), max_size=len(value) + 3)
    return st.just(value)


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def export_bytes(document: Any) -> bytes:
    """JSON text of ``document`` as UTF-8 (NaN/Infinity written as Python's json writes them;
    lone surrogates kept, as a damaged file could hold them)."""
    return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")


# ----------------------------------------------------------------------------- legal contexts
@functools.cache
def shipped_context_texts() -> dict[str, str]:
    """``{file name: text}`` of every shipped legal context."""
    folder = legal_contexts_dir()
    return {f.name: f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".toml")}


TOML_VALUES = [
    "0", "-1", "1", "13", "1000000", "-999999", "0.0", "1.5", "nan", "inf", "-inf", "true", "false", '""',
    '"unknown"', '"x"', "[]", "{}", '["nowhere"]', '["first", "first"]', "2026-02-28", "1900-01-01",
    "2199-12-31", '"2026-04-31"', '"\\u202e"', '"\\u0007"', '"' + "y" * 300 + '"', "[[[1]]]", '{ after = "previous" }',
    '[{ after = "previous", months = 0 }]', '[{ after = "event" }]', '"cycle"', '"yearly"', '"once"', '"each_event"',
    '"agm"', '"financial_year_end"', '"last_day"', "12", "120", "121", "500", "501",
]


@st.composite
def mutated_contexts(draw: st.DrawFn) -> tuple[str, str]:
    """``(file id, text)``: a shipped context with one to three line-level changes: a value
    replaced, a line deleted, duplicated or moved, or a ``depends_on`` pointed elsewhere."""
    name = draw(st.sampled_from(sorted(shipped_context_texts())))
    lines = shipped_context_texts()[name].split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["value", "value", "value", "delete", "duplicate", "move", "text"]))
        line = lines[index]
        if action == "value" and " = " in line:
            key = line.split(" = ", 1)[0]
            lines[index] = f"{key} = {draw(st.sampled_from(TOML_VALUES))}"
        elif action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "move":
            lines.insert(draw(st.integers(min_value=0, max_value=len(lines) - 1)), lines.pop(index))
        elif action == "text":
            lines[index] = draw(st.text(max_size=40))
        if not lines:
            lines = [""]
    return name.removesuffix(".toml"), "\n".join(lines)
