"""Typed clause parameters and the ``{placeholder}`` text of the clause library.

A clause's legal text holds placeholders that name its parameters (``{notice_days}``) or one of
the document-wide values in ``GLOBALS`` (``{organization_name}``, ``{governing_body}``). They are
filled here with plain string substitution: no template engine, no attribute access, so the text
that reaches a document is a plain string.

Placeholder forms:
- ``{name}``: the value as written for a reader (``share`` 0.6 -> ``60%``, counts as digits).
- ``{name:seat}``: a count followed by a noun that takes an ``s`` in the plural (``1 seat``,
  ``3 seats``; ``{name:voting member}`` -> ``3 voting members``); ``{name:person/people}`` names
  both forms.
- ``{organization_objects}`` alone in a paragraph: one paragraph per object, lettered (a), (b)...

Parameter types and their bounds (a value outside them is refused with a message that says what is
allowed, never echoing free text):

==================  ==================================================  ===========
type                meaning                                             bounds
==================  ==================================================  ===========
``share``           a fraction 0..1 (0.6 means 60 %)                    0 .. 1
``count``           a whole number                                      0 .. 1,000,000
``positive_count``  a whole number of at least one                      1 .. 1,000,000
``days``            a number of days                                    0 .. 3,660
``months``          a number of months                                  1 .. 120
``years``           a number of years                                   1 .. 50
``text``            one line of text, any script                        1 .. 200 characters
==================  ==================================================  ===========
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Literal

ParameterType = Literal["share", "count", "positive_count", "days", "months", "years", "text"]
PARAMETER_TYPES: tuple[str, ...] = ParameterType.__args__  # type: ignore[attr-defined]

ParameterValue = int | float | str

NUMBER_BOUNDS: dict[str, tuple[float, float]] = {
    "share": (0.0, 1.0),
    "count": (0, 1_000_000),
    "positive_count": (1, 1_000_000),
    "days": (0, 3660),
    "months": (1, 120),
    "years": (1, 50),
}

TEXT_MAX = 200

GLOBALS: dict[str, str] = {
    "organization_name": "the organization's name (from the organization record)",
    "governing_body": "what the group calls its governing body (the governing body clause's body_name)",
    "these_bylaws": "the document naming itself: 'this constitution', 'these bylaws', 'these rules'",
}
"""Placeholders every clause may use, filled from the organization and the draft."""

LIST_GLOBALS: dict[str, str] = {
    "organization_objects": "the organization's objects, one lettered paragraph each",
}
"""Placeholders that expand into several paragraphs; each must be a paragraph on its own."""

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z][a-z ]*(?:/[a-z][a-z ]*)?))?\}")
_BRACE = re.compile(r"[{}]")

_DESCRIBE = {
    "share": "a fraction between 0 and 1 (0.6 means 60%), or a percentage such as 60%",
    "count": "a whole number, 0 or more",
    "positive_count": "a whole number, 1 or more",
    "days": "a whole number of days",
    "months": "a whole number of months",
    "years": "a whole number of years",
    "text": f"one line of text of 1 to {TEXT_MAX} characters",
}


def describe_type(ptype: str) -> str:
    """What a parameter of type ``ptype`` accepts, in plain words (for help and errors)."""
    return _DESCRIBE[ptype]


def check_value(
    ptype: str,
    value: object,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
) -> ParameterValue:
    """Check a parameter value against its type and bounds.

    Args:
        ptype: one of ``PARAMETER_TYPES``.
        value: the value (a bool is never accepted as a number; an int is accepted for a share).
        minimum, maximum: tighter bounds set by the clause, or None.

    Returns:
        The value normalised: shares as float, counts/days/months/years as int, text stripped
        and NFC-normalised.

    Raises:
        ValueError: with a plain message naming what is allowed (never the value of a text).
    """
    if ptype == "text":
        if not isinstance(value, str):
            raise ValueError("must be " + _DESCRIBE["text"])
        text = unicodedata.normalize("NFC", value.strip())
        if not text or len(text) > TEXT_MAX:
            raise ValueError("must be " + _DESCRIBE["text"])
        if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in "\u200c\u200d" for ch in text):
            raise ValueError("contains a control or invisible formatting character; retype it")
        if _BRACE.search(text):
            raise ValueError("must not contain { or }")
        return text
    if ptype not in NUMBER_BOUNDS:
        raise ValueError(f"unknown parameter type {ptype!r}")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be " + _DESCRIBE[ptype])
    low, high = NUMBER_BOUNDS[ptype]
    if minimum is not None:
        low = max(low, minimum)
    if maximum is not None:
        high = min(high, maximum)
    if ptype == "share":
        number = float(value)
        if math.isnan(number) or not low <= number <= high:
            raise ValueError(f"must be a fraction between {_num(low)} and {_num(high)} (0.6 means 60%)")
        return number
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("must be " + _DESCRIBE[ptype])
        value = int(value)
    if not low <= value <= high:
        raise ValueError(f"must be a whole number from {_num(low)} to {_num(high)}")
    return int(value)


def parse_value(ptype: str, text: str, *, minimum: float | None = None, maximum: float | None = None) -> ParameterValue:
    """Read a parameter value typed on the command line or in a form.

    Args:
        ptype: the parameter type.
        text: what was typed: ``"0.6"`` or ``"60%"`` for a share, ``"21"`` for days...
        minimum, maximum: tighter bounds, or None.

    Returns:
        The checked value (see ``check_value``).

    Raises:
        ValueError: the text is not a value of that type (the message does not repeat it).
    """
    raw = text.strip()
    if ptype == "text":
        return check_value(ptype, raw, minimum=minimum, maximum=maximum)
    if ptype == "share":
        try:
            number = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
        except ValueError:
            raise ValueError("must be " + _DESCRIBE["share"]) from None
        return check_value(ptype, number, minimum=minimum, maximum=maximum)
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        raise ValueError("must be " + _DESCRIBE.get(ptype, "a whole number"))
    return check_value(ptype, int(raw), minimum=minimum, maximum=maximum)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def format_value(ptype: str, value: ParameterValue) -> str:
    """Write a parameter value for a reader: shares as percentages (``0.6`` -> ``60%``,
    ``0.125`` -> ``12.5%``), whole numbers as digits, text as it is."""
    if ptype == "share":
        percent = round(float(value) * 100, 2)
        return f"{_num(percent)}%"
    return str(value)


def _with_noun(value: ParameterValue, form: str) -> str:
    singular, _, plural = form.partition("/")
    plural = plural or singular + "s"
    return f"{value} {singular if value == 1 else plural}"


def placeholders(text: str) -> list[tuple[str, str | None]]:
    """The placeholders in a text, as ``(name, form)`` pairs (form None when absent)."""
    return [(m.group(1), m.group(2)) for m in PLACEHOLDER.finditer(text)]


def stray_braces(text: str) -> bool:
    """True if the text has a ``{`` or ``}`` that is not part of a valid placeholder."""
    return bool(_BRACE.search(PLACEHOLDER.sub("", text)))


def these(title: str) -> str:
    """How a document names itself in its own text: ``"Constitution"`` -> ``"this constitution"``,
    ``"Bylaws"`` -> ``"these bylaws"``, ``"Bye-laws"`` -> ``"these bye-laws"``, ``"Rules"`` ->
    ``"these rules"``."""
    name = " ".join(title.split()).lower()
    return f"these {name}" if name.endswith("s") else f"this {name}"


_SENTENCE_END = re.compile(r"(^|[.!?]\s+)$")


def fill(
    text: str,
    values: Mapping[str, ParameterValue],
    types: Mapping[str, str],
    *,
    sentences: bool = True,
) -> str:
    """Fill the placeholders of one paragraph.

    With ``sentences`` (a paragraph, not a fragment), a text value that starts a sentence gets a
    capital letter (``"{these_bylaws} may be amended"`` -> ``"This constitution may be amended"``).

    Args:
        text: the paragraph with ``{name}`` / ``{name:noun}`` placeholders.
        values: parameter and global values by name.
        types: parameter types by name (globals are ``"text"``).

    Returns:
        The paragraph as plain text.

    Raises:
        KeyError: a placeholder names no known value (the library loader makes this impossible
            for shipped clauses).
    """

    def one(match: re.Match[str]) -> str:
        name, form = match.group(1), match.group(2)
        value = values[name]
        if form:
            return _with_noun(value, form)
        written = format_value(types.get(name, "text"), value)
        if sentences and written and _SENTENCE_END.search(text[: match.start()]):
            written = written[0].upper() + written[1:]
        return written

    return PLACEHOLDER.sub(one, text)


def letter(index: int) -> str:
    """The paragraph letter for a 0-based index: a..z, then aa, ab..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    if index < 26:
        return letters[index]
    return letters[index // 26 - 1] + letters[index % 26]


def expand_objects(objects: Sequence[str]) -> list[str]:
    """The organization's objects as lettered paragraphs: ``["(a) To ...", "(b) To ..."]``."""
    return [f"({letter(i)}) {obj.strip()}" for i, obj in enumerate(objects) if obj.strip()]
