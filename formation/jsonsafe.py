"""Reading JSON that comes from outside formation: imports, ``--rules`` files, workspace files.

Python's ``json`` module raises more than ``JSONDecodeError`` on hostile input: ``RecursionError``
on arrays or objects nested thousands deep (its parser recurses once per level) and ``ValueError``
on an integer of more digits than ``sys.get_int_max_str_digits()`` allows (4,300 by default, the
limit CPython added against CVE-2020-10735). Every caller that parses outside JSON goes through
``parse_json``, so each of those becomes the same plain refusal naming the file.
"""

from __future__ import annotations

import json
from typing import Any

from formation.errors import InputError

NESTED_TOO_DEEPLY = "is not valid JSON for formation: it is nested too deeply"
NUMBER_TOO_LONG = "is not valid JSON for formation: it holds a number with too many digits"


def parse_json(raw: bytes | str, *, source: str) -> Any:
    """Parse JSON that came from outside (an import, a rules file, a workspace's content),
    refusing what ``json`` cannot hold.

    Args:
        raw: the content (UTF-8 bytes, with or without a byte-order mark, or text).
        source: the file name, for messages.

    Returns:
        The parsed value (dict, list, str, number, bool or None).

    Raises:
        InputError: not valid JSON (with the line where known), nested so deeply that the parser
            would exhaust the stack, or a number with more digits than Python converts
            (``sys.get_int_max_str_digits``, 4,300 by default). Names the file, never the content.
    """
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError("is not valid JSON", source=source, line=getattr(exc, "lineno", None)) from None
    except RecursionError:
        raise InputError(NESTED_TOO_DEEPLY, source=source) from None
    except ValueError:  # int() refusing a number over sys.get_int_max_str_digits() digits
        raise InputError(NUMBER_TOO_LONG, source=source) from None
