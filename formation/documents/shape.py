"""Render contexts: plain data only, and the shape a layout may rely on.

A render context is what a layout sees: nested dicts (string keys), lists, strings, whole
numbers, decimals, booleans and None. Nothing else reaches a template, because a Python object
brings methods and attributes a template could reach (research/security.md section 5).

A *shape* describes a context without its values, for the layout lint (which variables exist)
and for checking a context against what a layout expects:

- ``str``, ``int``, ``float``, ``bool``: a leaf of that type (``float`` also accepts an int);
- ``{"key": shape, ...}``: a mapping with exactly these keys;
- ``[shape]``: a list whose every item has that shape;
- ``ANY``: anything plain (the lint stops checking below it).
"""

from __future__ import annotations

import re
from typing import Any, Final, Union

from formation.errors import DocumentError


class _Any:
    """Marker for a part of a shape that is not checked further."""

    _instance: "_Any | None" = None

    def __new__(cls) -> "_Any":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ANY"


ANY: Final = _Any()
"""A shape that accepts any plain value and is not checked further by the lint."""

Shape = Union[type, dict, list, _Any]
"""A context shape: a leaf type, a dict of shapes, a one-item list of a shape, or ``ANY``."""

MAX_DEPTH = 32
"""How deeply a context may nest dicts and lists."""

MAX_ITEMS = 2_000_000
"""How many values (leaves, dicts and lists together) a context may hold."""

# C0 and C1 control characters except tab and line break, lone surrogates, and the two
# non-characters XML 1.0 forbids.
_BAD_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def check_plain(context: Any, *, source: str = "render context") -> None:
    """Check that a render context holds plain data only.

    Args:
        context: the value to check; the top level must be a dict with string keys.
        source: what to call the context in an error message.

    Raises:
        DocumentError: naming the dotted path of the first value that is not a dict, list, str,
            int, float, bool or None; a dict key that is not a string; a string holding a
            control character other than a line break or tab (docxtpl turns some of them into
            page or paragraph breaks); nesting deeper than ``MAX_DEPTH`` or more than
            ``MAX_ITEMS`` values. The value itself is never in the message.
    """
    if not isinstance(context, dict):
        raise DocumentError(f"{source}: must be a mapping of names to values, not {_kind(context)}")
    count = 0
    stack: list[tuple[Any, str, int]] = [(context, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        count += 1
        if count > MAX_ITEMS:
            raise DocumentError(f"{source}: holds more than {MAX_ITEMS:,} values")
        if depth > MAX_DEPTH:
            raise DocumentError(f"{source}: {path}: nests deeper than {MAX_DEPTH} levels")
        if value is None or type(value) in (bool, int, float):
            continue
        if isinstance(value, str):
            if type(value) is not str:
                raise DocumentError(f"{source}: {path or 'value'}: must be a plain string, not {_kind(value)}")
            _check_string(value, source, path)
            continue
        if type(value) is dict:
            for key, item in value.items():
                if type(key) is not str:
                    raise DocumentError(f"{source}: {path or 'top level'}: has a key that is not a string")
                stack.append((item, f"{path}.{key}" if path else key, depth + 1))
            continue
        if type(value) is list:
            for index, item in enumerate(value):
                stack.append((item, f"{path}.{index}" if path else str(index), depth + 1))
            continue
        raise DocumentError(
            f"{source}: {path or 'value'}: must be plain data (text, number, yes/no, list or "
            f"mapping), not {_kind(value)}"
        )


def _check_string(value: str, source: str, path: str) -> None:
    bad = _BAD_CHARACTER.search(value)
    if bad is None:
        return
    if bad.group() < " " or "\x7f" <= bad.group() <= "\x9f":
        raise DocumentError(
            f"{source}: {path}: contains a control character (only line breaks and tabs are allowed)"
        )
    raise DocumentError(f"{source}: {path}: contains a character that cannot go into a document")


def _kind(value: Any) -> str:
    return f"a {type(value).__name__}"


def shape_of(context: Any) -> Shape:
    """The shape of a plain context, for linting a layout against the data it will get.

    Args:
        context: plain data (see ``check_plain``).

    Returns:
        A shape; the items of a list are merged (the union of their keys), an empty list gives
        ``[ANY]``, and items of different kinds give ``ANY``.
    """
    if isinstance(context, dict):
        return {key: shape_of(value) for key, value in context.items()}
    if isinstance(context, list):
        merged: Shape | None = None
        for item in context:
            item_shape = shape_of(item)
            merged = item_shape if merged is None else _merge(merged, item_shape)
        return [ANY if merged is None else merged]
    if context is None:
        return ANY
    return type(context)


def _merge(a: Shape, b: Shape) -> Shape:
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for key, value in b.items():
            out[key] = _merge(out[key], value) if key in out else value
        return out
    if isinstance(a, list) and isinstance(b, list):
        return [_merge(a[0], b[0])]
    if a == b:
        return a
    return ANY


def conform(context: Any, shape: Shape, *, source: str = "render context") -> None:
    """Check that a context has exactly a declared shape.

    Args:
        context: plain data.
        shape: the declared shape (see the module docstring).
        source: what to call the context in an error message.

    Raises:
        DocumentError: naming the dotted path of the first missing key, unknown key, or value
            of the wrong type (``"articles.2.clauses.0.title: must be text"``); never the value.
    """
    stack: list[tuple[Any, Shape, str]] = [(context, shape, "")]
    while stack:
        value, expected, path = stack.pop()
        where = path or "top level"
        if expected is ANY:
            continue
        if isinstance(expected, dict):
            if type(value) is not dict:
                raise DocumentError(f"{source}: {where}: must be a mapping")
            missing = [key for key in expected if key not in value]
            if missing:
                raise DocumentError(f"{source}: {_join(path, missing[0])}: is required")
            extra = [key for key in value if key not in expected]
            if extra:
                raise DocumentError(
                    f"{source}: {_join(path, str(extra[0]))}: is not a known field of this document"
                )
            for key, sub in expected.items():
                stack.append((value[key], sub, _join(path, key)))
        elif isinstance(expected, list):
            if type(value) is not list:
                raise DocumentError(f"{source}: {where}: must be a list")
            for index, item in enumerate(value):
                stack.append((item, expected[0], _join(path, str(index))))
        elif expected is str:
            if type(value) is not str:
                raise DocumentError(f"{source}: {where}: must be text")
        elif expected is int:
            if type(value) is not int:
                raise DocumentError(f"{source}: {where}: must be a whole number")
        elif expected is float:
            if type(value) not in (int, float):
                raise DocumentError(f"{source}: {where}: must be a number")
        elif expected is bool:
            if type(value) is not bool:
                raise DocumentError(f"{source}: {where}: must be yes/no (true or false)")
        else:
            raise DocumentError(f"{source}: {where}: the declared shape is not understood")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
