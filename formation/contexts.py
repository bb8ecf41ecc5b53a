"""Load and check the legal contexts shipped in ``legal_contexts/`` (one TOML file per context).

A file is read with ``tomllib``, validated against ``formation.models.legal.LegalContext``, then
cross-checked: every ``sources`` id resolves to the file's ``[sources]`` table, ids are unique,
``depends_on`` names known steps of the same form and has no cycle, recovery paths name a known
form, and the context id equals the file name. A file that fails any check is refused whole: the
caller gets a ``ValidationFailed`` naming the file, each field (dotted path) and, where it can be
found, the line; nothing from that file is returned or cached. ``check_all`` reports every file.

The shipped files are read through ``importlib.resources`` from the ``legal_contexts`` package, so
they work from a wheel as well as from a checkout.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import ValidationError

from formation.resources import legal_contexts_dir
from formation.errors import InputError, ValidationFailed
from formation.context_checks import cross_check, find_cycle, locate_line
from formation.context_messages import schema_problems
from formation.tomlsafe import parse_toml
from formation.models.legal import LegalContext, LegalForm

__all__ = [
    "ContextSummary", "FileCheck", "check_all", "cross_check", "find_cycle", "find_form", "list_contexts",
    "load_all", "load_context", "locate_line", "parse_context", "shipped_directory", "summarize",
]

PACKAGE = "legal_contexts"
SUFFIX = ".toml"
MAX_FILE_BYTES = 2_000_000

Directory = Path | Traversable


@dataclass(frozen=True, slots=True)
class ContextSummary:
    """One line of ``list_contexts``.

    Attributes:
        id: the context id (``"nz"``).
        name: its name (``"New Zealand"``).
        country: ISO 3166-1 alpha-2 code (``"ZZ"`` for anywhere); subdivision or None.
        forms: ``(form id, form name)`` pairs.
        reviewed_on: ISO date of the file's last review.
        sex_work: the treatment of sex work (``"decriminalised"``...).
    """

    id: str
    name: str
    country: str
    subdivision: str | None
    forms: tuple[tuple[str, str], ...]
    reviewed_on: str
    sex_work: str


@dataclass(frozen=True, slots=True)
class FileCheck:
    """The result of checking one file: ``error`` is None when it passed."""

    file: str
    context_id: str | None
    error: ValidationFailed | InputError | None

    @property
    def ok(self) -> bool:
        """True when the file passed every check."""
        return self.error is None


def shipped_directory() -> Traversable:
    """The ``legal_contexts`` package folder (a ``Traversable``)."""
    return legal_contexts_dir()


def _files(directory: Directory) -> list[Traversable | Path]:
    found = [f for f in directory.iterdir() if f.name.endswith(SUFFIX) and not f.name.startswith((".", "_"))]
    return sorted(found, key=lambda f: f.name)


def _display(directory: Directory | None, file: Traversable | Path) -> str:
    return f"legal_contexts/{file.name}" if directory is None else str(Path(str(directory)) / file.name)


# ----------------------------------------------------------------------------- public API
def load_context(context_id: str, *, directory: Directory | None = None) -> LegalContext:
    """Load and check one legal context.

    Args:
        context_id: the context id, i.e. the file name without ``.toml`` (``"nz"``).
        directory: a folder of context files; None for the shipped ``legal_contexts`` package
            (results are cached: the files do not change while the program runs).

    Returns:
        The validated ``LegalContext``.

    Raises:
        InputError: no such context (the message lists the known ids) or the file is unreadable.
        ValidationFailed: the file is malformed; names the file, each field and the line where
            known. Nothing from the file is returned.
    """
    if not re.fullmatch(r"[a-z0-9][a-z0-9_]{0,63}", context_id or ""):
        raise InputError("a context id is lower-case letters, digits and underscores", field="context")
    if directory is None:
        return _load_shipped(context_id)
    return _load_from(directory, context_id)


def list_contexts(*, directory: Directory | None = None) -> list[ContextSummary]:
    """Every legal context, loaded and checked, as summaries sorted by id.

    Args:
        directory: a folder of context files; None for the shipped package.

    Returns:
        A list of ``ContextSummary``.

    Raises:
        ValidationFailed: if any file is malformed (all or nothing: a broken file is never listed
            as if it were usable). ``check_all`` reports each file separately.
    """
    contexts = load_all(directory=directory)
    return [summarize(c) for c in contexts]


def load_all(*, directory: Directory | None = None) -> list[LegalContext]:
    """Every legal context, sorted by id; raises ``ValidationFailed`` for the first malformed file."""
    base = shipped_directory() if directory is None else directory
    out = []
    for file in _files(base):
        cid = file.name[: -len(SUFFIX)]
        out.append(_load_shipped(cid) if directory is None else _load_from(directory, cid))
    return out


def check_all(*, directory: Directory | None = None) -> list[FileCheck]:
    """Check every context file and report each one (the ``formation contexts check`` command).

    Args:
        directory: a folder of context files; None for the shipped package.

    Returns:
        One ``FileCheck`` per ``*.toml`` file, sorted by file name; ``error`` holds the
        ``ValidationFailed``/``InputError`` of a failing file.
    """
    base = shipped_directory() if directory is None else directory
    results = []
    for file in _files(base):
        cid = file.name[: -len(SUFFIX)]
        try:
            context = _parse_file(file, display=_display(directory, file), expected_id=cid)
        except (ValidationFailed, InputError) as exc:
            results.append(FileCheck(_display(directory, file), None, exc))
        else:
            results.append(FileCheck(_display(directory, file), context.id, None))
    return results


def summarize(context: LegalContext) -> ContextSummary:
    """A ``ContextSummary`` of a loaded context."""
    return ContextSummary(
        id=context.id,
        name=context.name,
        country=context.jurisdiction.country,
        subdivision=context.jurisdiction.subdivision,
        forms=tuple((f.id, f.name) for f in context.forms),
        reviewed_on=context.reviewed_on.isoformat(),
        sex_work=context.sex_work.treatment,
    )


def find_form(context_id: str, form_id: str, *, directory: Directory | None = None) -> tuple[LegalContext, LegalForm]:
    """The context and one of its legal forms.

    Raises:
        InputError: the context or the form does not exist (the message lists the known forms).
        ValidationFailed: the context file is malformed.
    """
    context = load_context(context_id, directory=directory)
    form = context.form(form_id)
    if form is None:
        known = ", ".join(f.id for f in context.forms)
        raise InputError(f"'{context.id}' has no legal form '{form_id}' (known: {known})", field="legal_form_id")
    return context, form


# ----------------------------------------------------------------------------- loading
@functools.cache
def _load_shipped(context_id: str) -> LegalContext:
    return _load_from(None, context_id)


def _load_from(directory: Directory | None, context_id: str) -> LegalContext:
    base = shipped_directory() if directory is None else directory
    file = base / f"{context_id}{SUFFIX}"
    if not file.is_file():
        known = ", ".join(f.name[: -len(SUFFIX)] for f in _files(base)) or "none"
        raise InputError(f"no legal context '{context_id}' (known: {known})", field="context")
    return _parse_file(file, display=_display(directory, file), expected_id=context_id)


def _parse_file(file: Traversable | Path, *, display: str, expected_id: str) -> LegalContext:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or 'error'})", source=display) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError("is larger than 2 MB; a context file is never that big", source=display)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", source=display) from None
    return parse_context(text, source=display, expected_id=expected_id)


def parse_context(text: str, *, source: str, expected_id: str | None = None) -> LegalContext:
    """Parse, validate and cross-check the text of one context file.

    Args:
        text: the TOML text.
        source: the file name to put in error messages.
        expected_id: the id the file must declare (its file name), or None.

    Returns:
        The ``LegalContext``.

    Raises:
        ValidationFailed: TOML syntax errors (with the line), nesting too deep or a number too long
            to read (``formation.tomlsafe``), schema errors and cross-check errors, each naming
            its field and, where it can be found, its line.
    """
    try:
        data = parse_toml(text, source=source)
    except InputError as exc:  # syntax, nesting too deep, a number too long (formation.tomlsafe)
        raise _failed([(exc.field or "", exc.detail, exc.line)], source) from None
    try:
        context = LegalContext.model_validate(data)
    except ValidationError as exc:
        problems = [(f, m, locate_line(text, f)) for f, m in schema_problems(exc, source)]
        raise _failed(problems, source) from None
    problems = [(f, m, locate_line(text, f)) for f, m in cross_check(context)]
    if expected_id is not None and context.id != expected_id:
        problems.insert(0, ("id", f"is '{context.id}' but the file is named '{expected_id}.toml'", locate_line(text, "id")))
    if problems:
        raise _failed(problems, source)
    return context


def _failed(problems: list[tuple[str, str, int | None]], source: str) -> ValidationFailed:
    pairs = [(f"{field} (line {line})" if field and line else field or (f"line {line}" if line else ""), msg)
             for field, msg, line in problems]
    exc = ValidationFailed(pairs, source=source)
    if len(problems) == 1:
        exc.line = problems[0][2]
    return exc
