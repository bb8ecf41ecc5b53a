"""Base record class and the strict field types every formation model uses.

Records are pydantic v2 models. Each has a ``kind`` (a literal naming its table in the workspace),
a ``schema_version`` (upgraded by ``formation.models.migrate`` hooks when older) and a UUID ``id``
by which other records refer to it (never TinyDB document ids, which TinyDB reuses).

Field types here are strict where lax parsing would hurt a person:
- ``ISODate`` accepts only a ``date`` or an ISO ``YYYY-MM-DD`` string: a number is never read as a
  Unix timestamp (pydantic issue 7940), and errors never echo what was typed.
- ``Share`` is a fraction 0..1 (not a percentage).
- ``Name`` and ``Text`` refuse control characters and bidirectional overrides (which can make a
  name display as something else), but accept any script, including right-to-left text.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, ClassVar
from uuid import UUID, uuid4

from pydantic import (
    AfterValidator,
    model_validator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

EARLIEST_DATE = _dt.date(1900, 1, 1)
LATEST_DATE = _dt.date(2199, 12, 31)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Bidirectional embedding/override/isolate controls: they can make text display in a different
# order than it is stored (CVE-2021-42574, "Trojan Source"). Plain RTL letters are fine.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def parse_iso_date(value: Any) -> _dt.date:
    """Read a calendar date strictly.

    Args:
        value: a ``datetime.date`` (not a ``datetime``) or a string ``YYYY-MM-DD``.

    Returns:
        The ``datetime.date``.

    Raises:
        PydanticCustomError: ``date_type`` for a number, bool or other type; ``date_format`` for
        a string that is not ``YYYY-MM-DD``; ``date_invalid`` for an impossible date (31 April,
        29 February in a common year); ``date_range`` outside 1900-01-01..2199-12-31. The
        messages never contain the value.
    """
    if isinstance(value, _dt.datetime):
        raise PydanticCustomError("date_type", "must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, _dt.date):
        result = value
    elif isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.match(text):
            raise PydanticCustomError("date_format", "must be a date written YYYY-MM-DD")
        try:
            result = _dt.date.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError(
                "date_invalid", "is not a real calendar date (check the day and month)"
            ) from None
    else:
        raise PydanticCustomError("date_type", "must be a date written YYYY-MM-DD, not a number")
    if not EARLIEST_DATE <= result <= LATEST_DATE:
        raise PydanticCustomError("date_range", "must be between 1900-01-01 and 2199-12-31")
    return result


# Control characters (Unicode category Cc) and lone surrogates (Cs); line breaks and tabs are
# allowed in multi-line text only.
_CONTROLS_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROLS_MULTI_LINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_BIDI = re.compile("[" + "".join(sorted(_BIDI_CONTROLS)) + "]")


def _check_text(value: str, *, multiline: bool) -> str:
    if _BIDI.search(value):
        raise PydanticCustomError(
            "text_bidi", "contains an invisible direction-override character; retype it"
        )
    if (_CONTROLS_MULTI_LINE if multiline else _CONTROLS_ONE_LINE).search(value):
        raise PydanticCustomError(
            "text_control", "contains a control character (such as a tab or line break)"
        )
    return value


def _clean_name(value: str) -> str:
    value = unicodedata.normalize("NFC", value.strip())
    if not value:
        raise PydanticCustomError("text_empty", "must not be empty")
    return _check_text(value, multiline=False)


def _clean_text(value: str) -> str:
    # Windows ("\r\n") and old Mac ("\r") line endings become "\n": notes pasted or imported from
    # Word on Windows are ordinary multi-line text, not text with a control character.
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _check_text(unicodedata.normalize("NFC", value), multiline=True)


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "must be a number, not yes/no")
    return value


ISODate = Annotated[
    _dt.date,
    BeforeValidator(parse_iso_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]
"""A calendar date, stored and exchanged as ``YYYY-MM-DD``."""

Name = Annotated[str, Field(max_length=200), AfterValidator(_clean_name)]
"""A one-line name or title: 1..200 characters, any script, no control characters."""

Text = Annotated[str, Field(max_length=20_000), AfterValidator(_clean_text)]
"""Free text of up to 20,000 characters; line breaks and tabs allowed (``\r\n`` and a lone ``\r``
are stored as ``\n``), other controls not."""

def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text_empty", "must not be empty")
    return value


Wording = Annotated[Text, AfterValidator(_not_blank)]
"""Free text that must not be empty or blank (a motion's wording, a reason, a purpose)."""


def require_unique(values: list[Any], what: str) -> None:
    """Raise ``ValueError("WHAT lists the same value twice")`` if ``values`` repeats an item.

    For use inside model validators, so the error is reported at the model's field.
    """
    if len(values) != len(set(values)):
        raise ValueError(f"{what} lists the same value twice")


Share = Annotated[float, BeforeValidator(_no_bool), Field(ge=0.0, le=1.0)]
"""A fraction 0..1 (0.6 means 60 %)."""

Count = Annotated[int, BeforeValidator(_no_bool), Field(ge=0, le=1_000_000, strict=True)]
"""A whole number 0..1,000,000."""

PositiveCount = Annotated[int, BeforeValidator(_no_bool), Field(ge=1, le=1_000_000, strict=True)]
"""A whole number 1..1,000,000."""

Days = Annotated[int, BeforeValidator(_no_bool), Field(ge=0, le=3660, strict=True)]
"""A number of days 0..3660 (ten years)."""


class FormationModel(BaseModel):
    """Base for every formation pydantic model (records and their parts).

    Unknown fields are refused, assignment is validated, and validation errors never include the
    input value (``hide_input_in_errors``), so a member's name never reaches a log or a message.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        hide_input_in_errors=True,
        str_strip_whitespace=False,
        frozen=False,
    )


class Record(FormationModel):
    """A record stored in the workspace, one table per ``kind``.

    Attributes:
        kind: the record kind; each subclass narrows it to a ``Literal``.
        schema_version: the version of this kind's schema the record was written with (int >= 1).
        id: the record's UUID; references between records use it.

    Subclasses set ``SCHEMA_VERSION`` (the current version of their kind) and register themselves
    with ``formation.models.registry.register``.
    """

    SCHEMA_VERSION: ClassVar[int] = 1

    kind: str
    schema_version: int = Field(default=1, ge=1)
    id: UUID = Field(default_factory=uuid4)

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Fill in the current schema version, refuse newer ones, and run upgrade steps."""
        if not isinstance(data, dict):
            return data
        current = cls.SCHEMA_VERSION
        version = data.get("schema_version", current)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise PydanticCustomError("schema_version", "schema_version must be a whole number >= 1")
        if version > current:
            raise PydanticCustomError(
                "schema_newer",
                "was written by a newer version of formation (schema {found} > {current}); "
                "update formation to read it",
                {"found": version, "current": current},
            )
        data = dict(data)
        kind = data.get("kind")
        while version < current:
            step = MIGRATIONS.get((kind, version))
            if step is None:
                raise PydanticCustomError(
                    "schema_no_upgrade",
                    "has schema version {found}, and no upgrade to {current} is known",
                    {"found": version, "current": current},
                )
            data = step(data)
            version += 1
        data["schema_version"] = current
        return data


MIGRATIONS: dict[tuple[str | None, int], Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""Upgrade steps: ``(kind, from_version) -> function(dict) -> dict`` at ``from_version + 1``.

A step receives a plain dict of the old record and returns the dict of the next version. Steps
run in order when a record is read, so old workspaces and imports open without loss.
"""

RECORD_KINDS: dict[str, type[Record]] = {}
"""Every registered record kind, by its ``kind`` literal."""


def register(cls: type[Record]) -> type[Record]:
    """Class decorator: add a Record subclass to ``RECORD_KINDS`` under its ``kind`` literal.

    Raises:
        ValueError: if the kind is already registered by another class.
    """
    kind = cls.model_fields["kind"].default
    if not isinstance(kind, str):
        raise ValueError(f"{cls.__name__}.kind needs a literal default")
    if kind in RECORD_KINDS and RECORD_KINDS[kind] is not cls:
        raise ValueError(f"record kind {kind!r} registered twice")
    RECORD_KINDS[kind] = cls
    return cls
