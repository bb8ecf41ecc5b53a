"""Checks of a legal context that span fields, and line numbers for error messages.

Used by ``formation.contexts``: every ``sources`` id resolves to the file's ``[sources]`` table,
ids are unique, ``depends_on`` names known steps of the same form without cycles, recovery paths
name another known form; ``locate_line`` finds the line of a dotted field path in TOML text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from formation.models.legal import Fact, LegalContext, LegalForm


def cross_check(context: LegalContext) -> list[tuple[str, str]]:
    """Checks that span fields: source ids, unique ids, step dependencies, recovery forms.

    Args:
        context: a context that passed schema validation.

    Returns:
        ``(dotted field, message)`` pairs; empty when the context is consistent.
    """
    problems: list[tuple[str, str]] = []
    known_sources = set(context.sources)
    for path, fact in _facts(context, ""):
        for i, sid in enumerate(fact.sources):
            if sid not in known_sources:
                problems.append((f"{path}sources.{i}", f"names source '{sid}', which is not in the [sources] table"))
    form_ids = [f.id for f in context.forms]
    problems += _duplicates(form_ids, "forms", "legal form")
    for fi, form in enumerate(context.forms):
        base = f"forms.{fi}"
        problems += _duplicates([s.id for s in form.steps], f"{base}.steps", "step")
        problems += _duplicates([o.id for o in form.obligations], f"{base}.obligations", "obligation")
        problems += _duplicates([r.id for r in form.required_contents], f"{base}.required_contents", "required content")
        problems += _step_graph(form, base)
        for oi, ob in enumerate(form.obligations):
            rec = ob.if_missed
            if rec is not None and rec.restart_form is not None and rec.restart_form not in form_ids:
                problems.append((f"{base}.obligations.{oi}.if_missed.restart_form", f"names legal form '{rec.restart_form}', which this context does not have"))
            if rec is not None and rec.restart_form == form.id:
                problems.append((f"{base}.obligations.{oi}.if_missed.restart_form", "must name another legal form, not this one"))
    return problems


def _duplicates(ids: list[str], path: str, what: str) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for i, item in enumerate(ids):
        if item in seen:
            out.append((f"{path}.{i}.id", f"repeats the {what} id '{item}'; ids must be unique"))
        seen.add(item)
    return out


def _step_graph(form: LegalForm, base: str) -> list[tuple[str, str]]:
    """Unknown ids in ``depends_on`` and dependency cycles among a form's steps."""
    problems = []
    ids = {s.id for s in form.steps}
    graph: dict[str, list[str]] = {}
    for si, step in enumerate(form.steps):
        graph[step.id] = [d for d in step.depends_on if d in ids]
        for di, dep in enumerate(step.depends_on):
            if dep not in ids:
                problems.append((f"{base}.steps.{si}.depends_on.{di}", f"names step '{dep}', which this legal form does not have"))
            elif dep == step.id:
                problems.append((f"{base}.steps.{si}.depends_on.{di}", "a step cannot depend on itself"))
    cycle = find_cycle(graph)
    if cycle:
        index = {s.id: i for i, s in enumerate(form.steps)}
        problems.append((f"{base}.steps.{index[cycle[0]]}.depends_on", "has a dependency cycle: " + " -> ".join(cycle)))
    return problems


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """A dependency cycle in ``graph`` (node -> nodes it depends on) as a path ``[a, b, ..., a]``,
    or None. Iterative depth-first search, so deep graphs cannot overflow the stack."""
    state: dict[str, int] = {}
    for root in graph:
        if state.get(root):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        path = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            if state.get(child) == 1:
                return path[path.index(child):] + [child]
            if not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph.get(child, []))))
    return None


def _facts(obj: Any, path: str) -> Iterable[tuple[str, Fact]]:
    """Every ``Fact`` inside a model, with its dotted path prefix (``"forms.0.fees.1."``)."""
    if isinstance(obj, Fact):
        yield path, obj
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _facts(item, f"{path}{i}.")
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if isinstance(value, (list, BaseModel)):
                yield from _facts(value, f"{path}{name}.")


# ----------------------------------------------------------------------------- line numbers
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=")


def locate_line(text: str, field: str) -> int | None:
    """The 1-based line in a TOML text where a dotted field path is written, best effort.

    Args:
        text: the TOML text.
        field: a dotted path such as ``"forms.1.steps.2.depends_on.0"``.

    Returns:
        The line of the longest written prefix of ``field`` (the key, or the ``[[table]]`` header
        that opens the item), or None if no part of it can be found.
    """
    if not field:
        return None
    target = field.split(".")
    counters: dict[tuple[str, ...], int] = {}
    current: list[str] = []
    best: tuple[int, int] | None = None  # (matched length, line)

    def consider(path: list[str], lineno: int) -> None:
        nonlocal best
        n = 0
        for a, b in zip(path, target):
            if a != b:
                break
            n += 1
        if n == len(path) and n and (best is None or n > best[0]):
            best = (n, lineno)

    for lineno, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            names = [p.strip().strip('"') for p in header.group(2).split(".")]
            resolved: list[str] = []
            for depth, name in enumerate(names):
                resolved.append(name)
                if header.group(1) == "[[" and depth == len(names) - 1:
                    key = tuple(resolved)
                    counters[key] = counters.get(key, -1) + 1
                    for other in [k for k in counters if len(k) > len(key) and k[: len(key)] == key]:
                        del counters[other]
                    resolved.append(str(counters[key]))
                elif (tuple(resolved)) in counters:
                    resolved.append(str(counters[tuple(resolved)]))
            current = resolved
            consider(current, lineno)
            continue
        key = _KEY.match(line)
        if key:
            parts = [p.strip() for p in key.group(1).split(".")]
            consider(current + parts, lineno)
    return best[1] if best else None
