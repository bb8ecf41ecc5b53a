"""Crash output that never shows local variables or member data.

An unexpected error prints its type and where it happened (file and line of each frame) but no
values: no locals, and not the exception's message, which may quote data (a member's name, a
passphrase). Textual's own handler shows locals by default; the wizard overrides it with
``report_crash`` too.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType
from typing import TextIO

CRASH_ADVICE = (
    "formation hit an unexpected error (a bug). Your workspace was saved up to the last change "
    "and nothing half-written was kept. Please report the lines above; they contain no member data."
)


def format_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """Describe a crash without values.

    Args:
        exc_type: the exception class.
        exc: the exception (its message is NOT included; it may hold personal data).
        tb: the traceback.

    Returns:
        Text: one line per frame (file, line, function) and the exception type.
    """
    lines = ["Traceback (values hidden):"]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
    lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}")
    lines.append(CRASH_ADVICE)
    return "\n".join(lines)


def report_crash(exc: BaseException, stream: TextIO | None = None) -> None:
    """Write ``format_crash`` for ``exc`` to ``stream`` (default: standard error)."""
    (stream or sys.stderr).write(format_crash(type(exc), exc, exc.__traceback__) + "\n")


def _hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    sys.stderr.write(format_crash(exc_type, exc, tb) + "\n")


def install_crash_handler() -> None:
    """Replace ``sys.excepthook`` so an uncaught error prints no values."""
    sys.excepthook = _hook
