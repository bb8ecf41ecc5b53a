"""Errors that formation raises, each with a message a person can act on.

Every error names where the problem is (a file, a field, a command-line argument) and never
repeats a value that may be personal data (a member's name, a passphrase). The command line maps
each class to an exit code (see ``EXIT_CODES``), so scripts can tell them apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class FormationError(Exception):
    """Base class of every error formation raises on purpose.

    Args:
        message: one or two plain sentences saying what is wrong and, where possible, what to do.

    Attributes:
        exit_code: the process exit code the command line uses for this error (int).
    """

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(FormationError):
    """Bad input: a field, an argument or a data file does not hold what it must.

    Args:
        message: what is wrong, without echoing a possibly personal value.
        source: where the input came from (a file path, ``"command line"``, a form name), or None.
        field: the dotted field or argument name (``"members.3.joined_on"``, ``"--as-of"``), or None.
        line: the 1-based line number in ``source`` where known, or None.

    The string form is ``"SOURCE: FIELD: MESSAGE"`` (or ``"SOURCE, line N: ..."``), leaving out
    what is unknown.
    """

    exit_code = 3

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.source = source
        self.field = field
        self.line = line
        self.detail = message
        super().__init__(_locate(message, source, field, line))


class ValidationFailed(InputError):
    """Several field errors at once, from validating a record or a data file.

    Args:
        problems: a list of ``(field, message)`` pairs; field is a dotted path.
        source: the file or form the input came from, or None.

    Attributes:
        problems: the same list, for forms that show each error beside its field.
    """

    def __init__(self, problems: list[tuple[str, str]], *, source: str | None = None) -> None:
        self.problems = problems
        if len(problems) == 1:
            field, msg = problems[0]
            super().__init__(msg, source=source, field=field or None)
        else:
            lines = [f"{field}: {msg}" if field else msg for field, msg in problems]
            super().__init__(f"{len(lines)} problems:\n  " + "\n  ".join(lines), source=source)


class WorkspaceError(FormationError):
    """A workspace file cannot be opened or saved. The file on disk is left untouched."""

    exit_code = 4


class WrongPassphraseOrDamaged(WorkspaceError):
    """The passphrase is wrong, or the encrypted content was changed or damaged.

    AES-GCM cannot tell these apart: both make the authentication tag fail.
    """


class TruncatedWorkspace(WorkspaceError):
    """The workspace file is shorter than its header says: it was cut off (an interrupted copy)."""


class TamperedHeader(WorkspaceError):
    """The workspace header fails its check or holds values outside the allowed bounds."""


class NotAWorkspace(WorkspaceError):
    """The file is not a formation workspace (wrong magic bytes), or is plaintext where an
    encrypted workspace was expected. It is never overwritten."""


class NewerSchema(WorkspaceError):
    """The workspace or import was written by a newer version of formation."""


class WorkspaceLocked(WorkspaceError):
    """Another process has this workspace open."""

    exit_code = 5


class DocumentError(FormationError):
    """A document could not be rendered, checked or exported; no output file was written."""

    exit_code = 6


EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected error (a bug: the message says so; no data was changed)",
    2: "command-line usage error",
    3: "bad input: a field, file or argument is invalid (the message names it)",
    4: "the workspace cannot be opened or saved (wrong passphrase, damaged, newer version)",
    5: "the workspace is open in another process",
    6: "a document could not be rendered or exported",
}


def _locate(message: str, source: str | None, field: str | None, line: int | None) -> str:
    where = source or ""
    if line is not None:
        where = f"{where}, line {line}" if where else f"line {line}"
    if field:
        where = f"{where}: {field}" if where else field
    return f"{where}: {message}" if where else message


def field_path(loc: Iterable[Any]) -> str:
    """Turn a pydantic error location into a dotted field path.

    Args:
        loc: a tuple such as ``("members", 3, "joined_on")``.

    Returns:
        ``"members.3.joined_on"``; tagged-union steps that repeat the kind are kept as they are.
    """
    return ".".join(str(part) for part in loc)


def from_validation_error(exc: Any, *, source: str | None = None, prefix: str = "") -> ValidationFailed:
    """Convert a pydantic ``ValidationError`` to a ``ValidationFailed`` that names each field.

    Args:
        exc: a ``pydantic.ValidationError``.
        source: the file or form the input came from.
        prefix: a dotted path to put before every field (e.g. ``"members.3"``).

    Returns:
        A ``ValidationFailed`` whose problems are ``(field, message)`` pairs. The input values are
        never included (they may be personal data).
    """
    problems: list[tuple[str, str]] = []
    for err in exc.errors(include_url=False, include_input=False, include_context=False):
        path = field_path(err.get("loc", ()))
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        problems.append((path, plain_message(err)))
    return ValidationFailed(problems, source=source)


_PLAIN = {
    "missing": "is required",
    "extra_forbidden": "is not a known field (check its spelling)",
    "string_too_short": "must not be empty",
    # A lone UTF-16 surrogate (from text cut in the middle of a character, or written by a program
    # that mishandles emoji) is not a character at all; pydantic calls it "unable to parse raw data".
    "string_unicode": "contains a damaged character that is not valid text (a lone surrogate); retype it",
}


def plain_message(err: dict[str, Any]) -> str:
    """The message of one pydantic error (an item of ``ValidationError.errors()``) in plain words:
    formation's wording for missing and unknown fields, pydantic's own otherwise, without the
    "Value error, " lead pydantic puts before a validator's message; never the input value."""
    kind = err.get("type", "")
    if kind in _PLAIN:
        return _PLAIN[kind]
    msg = str(err.get("msg", "is invalid"))
    # pydantic prefixes custom errors with "Value error, "; drop it for plain language.
    for lead in ("Value error, ", "Assertion failed, "):
        if msg.startswith(lead):
            msg = msg[len(lead):]
    return msg
