"""Reading TOML that comes from outside formation (legal context files given with ``--dir``).

``tomllib`` raises more than ``TOMLDecodeError`` on hostile text: ``RecursionError`` on arrays or
inline tables nested thousands deep (its parser recurses once per level) and ``ValueError`` on an
integer of more digits than ``sys.get_int_max_str_digits()`` allows (4,300 by default, CPython's
guard against CVE-2020-10735). ``parse_toml`` turns each into a refusal that names the file and
the line, and for a number too long, the field that holds it.
"""

from __future__ import annotations

import re
import sys
import tomllib
from typing import Any

from formation.errors import InputError

DEEPEST = 64
"""Arrays and inline tables nested deeper than this are reported at the line where they pass it
(a legal context nests three or four levels at most)."""

_MARKER = "formation: a number with too many digits"


def parse_toml(text: str, *, source: str) -> dict[str, Any]:
    """Parse TOML text, refusing what ``tomllib`` cannot hold.

    Args:
        text: the TOML text.
        source: the file name, for messages.

    Returns:
        The parsed table.

    Raises:
        InputError: ``field`` and ``line`` set where known: a syntax error ("is not valid TOML:
            ..."), nesting too deep for the parser, or an integer with more digits than Python
            converts. Never echoes the text.
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        message = str(exc).split(" (at ")[0]
        raise InputError(f"is not valid TOML: {message}", source=source,
                         line=int(found.group(1)) if found else None) from None
    except RecursionError:
        raise InputError("is not valid TOML for formation: arrays or tables are nested too deeply",
                         source=source, line=_too_deep_line(text)) from None
    except ValueError:  # int() refusing a number over sys.get_int_max_str_digits() digits
        raise _long_number(text, source) from None


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _too_deep_line(text: str) -> int | None:
    """The line where arrays or inline tables first nest deeper than ``DEEPEST`` (strings and
    comments skipped), or None."""
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            end = i + len(quote)
            while True:
                end = text.find(quote, end)
                if end < 0 or c == "'" or text[end - 1] != "\\":
                    break
                end += 1
            stop = n if end < 0 else end + len(quote)
            line += text.count("\n", i, stop)
            i = stop
            continue
        elif c in "[{":
            depth += 1
            if depth > DEEPEST:
                return line
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def _long_number(text: str, source: str) -> InputError:
    """The refusal for an integer too long to convert: with the field of the first such number
    when the file parses once every such number is set aside, else with its line."""
    limit = sys.get_int_max_str_digits()
    digits = re.compile(r"[+-]?[0-9][0-9_]{%d,}" % max(limit - 1, 0))
    found = [m for m in digits.finditer(text) if len(m.group(0).lstrip("+-").replace("_", "")) > limit]
    if limit == 0 or not found:
        return InputError("is not valid TOML for formation: it holds a number that cannot be read", source=source)
    message = f"is a number with more than {limit:,} digits, more than formation reads"
    line = _line_of(text, found[0].start())
    pieces, last = [], 0
    for i, m in enumerate(found):
        pieces += [text[last:m.start()], f'"{_MARKER} {i}"']
        last = m.end()
    try:
        data = tomllib.loads("".join(pieces) + text[last:])
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return InputError(message, source=source, line=line)
    return InputError(message, source=source, field=_path_of_marker(data, f"{_MARKER} 0"), line=line)


def _path_of_marker(data: Any, marker: str) -> str | None:
    """The dotted path (list positions as numbers) of the string ``marker`` in parsed TOML."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if value == marker:
            return ".".join(path)
        if isinstance(value, dict):
            stack.extend((v, (*path, str(k))) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*path, str(i))) for i, v in enumerate(value))
    return None
