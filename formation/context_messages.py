"""Plain messages for the schema errors of a legal context file.

Pydantic reports a field typed as a union (``count: PositiveCount | Unknown``: a number or the word
"unknown") once per branch, under a location that ends in a name pydantic gives the branch
(``literal['unknown']``, ``decimal``, ``function-after[...]``). ``schema_problems`` finds those
branch names by walking the model's own field types along the location, so a field that happens
to be called ``date`` or ``int_rate`` is never mistaken for one, and merges the branches' errors
into one sentence per field: ``must be at least 1 or the word "unknown"``.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from formation.errors import plain_message

__all__ = ["field_parts", "schema_problems"]


def _strip(tp: Any) -> Any:
    """The type inside ``Annotated[...]``."""
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def _union_branches(tp: Any) -> list[Any] | None:
    """The branches of a union other than None, or None when ``tp`` is not a union."""
    if get_origin(tp) not in (Union, types.UnionType):
        return None
    return [b for b in get_args(tp) if b is not type(None)]


def field_parts(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The parts of a pydantic error location that name fields, list positions and table keys,
    without the names pydantic gives the branches of a union.

    Args:
        model: the model that was validated (``LegalContext``).
        loc: the error's location, e.g. ``("forms", 0, "min_members", "count", "literal['unknown']")``.

    Returns:
        The path as strings, e.g. ``["forms", "0", "min_members", "count"]``. A part below an
        unknown field (one the model does not declare) is kept as it is.
    """
    parts: list[str] = []
    tp: Any = model
    for part in loc:
        tp = _strip(tp)
        branches = _union_branches(tp)
        while branches is not None and len(branches) == 1:  # X | None: pydantic adds no branch name
            tp = _strip(branches[0])
            branches = _union_branches(tp)
        if branches is not None:  # this part is the name of the branch that failed
            tp = next((b for b in branches if getattr(_strip(b), "__name__", None) == part), Any)
            continue
        parts.append(str(part))
        origin = get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            field = tp.model_fields.get(part) if isinstance(part, str) else None
            tp = field.annotation if field is not None else Any
        elif origin in (list, tuple, set, frozenset) and isinstance(part, int):
            tp = get_args(tp)[0] if get_args(tp) else Any
        elif origin is dict:
            tp = get_args(tp)[1] if len(get_args(tp)) == 2 else Any
        else:
            tp = Any
    return parts


_PLAIN_SCHEMA = {
    "Input should be a valid integer": "must be a whole number",
    "Input should be 'unknown'": 'must be the word "unknown"',
    "Input should be a valid decimal": "must be a number",
    "Input should be a valid string": "must be text",
    "Input should be a valid list": "must be a list",
    "Input should be a valid boolean": "must be true or false",
}

_BOUNDS = {"greater_than_equal": ("ge", "at least"), "less_than_equal": ("le", "at most"),
           "greater_than": ("gt", "more than"), "less_than": ("lt", "less than")}
_KINDS = {
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "decimal_type": "a number", "decimal_parsing": "a number", "float_type": "a number",
    "float_parsing": "a number", "string_type": "text", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list", "number_type": "a number",
}


def _branch_phrase(err: dict[str, Any]) -> tuple[str, str]:
    """What one branch of a union wants, as ``(group, phrase)`` to put after "must be": group
    ``"bound"`` for a value of the right kind out of range (said first), ``"kind"`` otherwise."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind in _BOUNDS and _BOUNDS[kind][0] in ctx:
        key, words = _BOUNDS[kind]
        return "bound", f"{words} {ctx[key]}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", '"')
        return "kind", f"the word {expected}" if " " not in expected else f"one of {expected}"
    if kind in _KINDS:
        return "kind", _KINDS[kind]
    message = _PLAIN_SCHEMA.get(plain_message(err), plain_message(err))
    for lead in ("must be ", "Input should be "):
        if message.startswith(lead):
            return "kind", message[len(lead):]
    return "kind", message


def _merged(errors: list[dict[str, Any]]) -> str:
    """One sentence for a field whose union branches all failed."""
    bounds, kinds = [], []
    for err in errors:
        group, phrase = _branch_phrase(err)
        target = bounds if group == "bound" else kinds
        if phrase not in target:
            target.append(phrase)
    yes_no = any(err.get("type") == "number_type" for err in errors)
    return "must be " + " or ".join(bounds + kinds) + (", not yes/no" if yes_no else "")


def schema_problems(exc: ValidationError, source: str, model: type[BaseModel] | None = None) -> list[tuple[str, str]]:
    """Pydantic errors as ``(dotted field, message)`` pairs without values.

    Args:
        exc: the ``ValidationError`` of ``model.model_validate``.
        source: the file name (kept for the callers' signature; messages carry no file name).
        model: the model validated; default ``LegalContext``.

    Returns:
        One pair per field, in the order of the errors. The errors of a union's branches (a
        number or "unknown") become one plain sentence ("must be at least 1 or the word
        \"unknown\""); other messages are pydantic's, with formation's plain wording where it has one.
    """
    if model is None:
        from formation.models.legal import LegalContext

        model = LegalContext
    grouped: dict[str, list[dict[str, Any]]] = {}
    for err in exc.errors(include_url=False, include_input=False):
        grouped.setdefault(".".join(field_parts(model, tuple(err.get("loc", ())))), []).append(err)
    out = []
    for field, errors in grouped.items():
        messages = list(dict.fromkeys(_PLAIN_SCHEMA.get(plain_message(e), plain_message(e)) for e in errors))
        out.append((field, messages[0] if len(messages) == 1 else _merged(errors)))
    return out
