"""Shared pieces of the command line: workspace options, passphrases, output, errors.

Nothing here imports textual or docxtpl: commands that do not open the wizard stay light.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from formation.errors import EXIT_CODES, InputError

PASSPHRASE_ENV = "FORMATION_PASSPHRASE"
WORKSPACE_ENV = "FORMATION_WORKSPACE"

EXIT_CODES_HELP = "exit codes:\n" + "\n".join(f"  {code}  {text}" for code, text in EXIT_CODES.items())

PASSPHRASE_HELP = (
    f"The passphrase is read from the terminal without echo, or from the environment variable "
    f"{PASSPHRASE_ENV} for scripts. Risk: an environment variable can be read by other programs "
    "of the same user and may end up in shell history or process listings; prefer the prompt."
)


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of descriptions and epilogs (exit code tables)."""


def add_workspace_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--workspace PATH`` (default: ``$FORMATION_WORKSPACE``) to a command."""
    parser.add_argument(
        "--workspace",
        "-w",
        type=Path,
        default=os.environ.get(WORKSPACE_ENV),
        help=f"the workspace file (default: ${WORKSPACE_ENV})",
    )
    parser.add_argument(
        "--allow-plaintext",
        action="store_true",
        help="accept an unencrypted sample workspace (such as the one 'formation demo' makes)",
    )


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--json``: print one JSON document instead of text."""
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def iso_date(text: str) -> Any:
    """An argparse ``type`` for every date argument: a real calendar date written YYYY-MM-DD,
    between 1900-01-01 and 2199-12-31 (the range every date field of formation accepts).

    Args:
        text: the argument as typed.

    Returns:
        The ``datetime.date``.

    Raises:
        argparse.ArgumentTypeError: with the same plain message a form or an import gives
            ("must be a date written YYYY-MM-DD", "is not a real calendar date (check the day and
            month)", "must be between 1900-01-01 and 2199-12-31"); the value is never echoed.
    """
    from pydantic_core import PydanticCustomError

    from formation.models.base import parse_iso_date

    try:
        return parse_iso_date(text)
    except PydanticCustomError as exc:
        raise argparse.ArgumentTypeError(exc.message()) from None


def read_passphrase(prompt: str = "Passphrase: ", *, confirm: bool = False) -> str:
    """Read a passphrase from ``$FORMATION_PASSPHRASE`` or, without echo, from the terminal.

    Args:
        prompt: the prompt shown on the terminal.
        confirm: ask twice and require the same answer (for a new passphrase).

    Returns:
        The passphrase (non-empty).

    Raises:
        InputError: empty, not confirmed, or no terminal and no environment variable.
    """
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InputError(
            f"no passphrase: there is no terminal to ask on; set {PASSPHRASE_ENV} for scripts",
            field="passphrase",
        )
    value = getpass.getpass(prompt)
    if not value:
        raise InputError("the passphrase must not be empty", field="passphrase")
    if confirm and getpass.getpass("Repeat the passphrase: ") != value:
        raise InputError("the two passphrases differ", field="passphrase")
    return value


def workspace_path(args: argparse.Namespace) -> Path:
    """The workspace path from ``--workspace`` or the environment.

    Raises:
        InputError: neither is given.
    """
    path = getattr(args, "workspace", None)
    if not path:
        raise InputError(f"no workspace given: pass --workspace PATH or set {WORKSPACE_ENV}", field="--workspace")
    return Path(path)


@contextmanager
def open_workspace(args: argparse.Namespace) -> Iterator[Any]:
    """Open the workspace named by ``args`` for the length of a ``with`` block.

    Yields:
        The open ``formation.store.Workspace`` (closed, key dropped, lock released on exit).
    """
    from formation.store import Workspace

    path = workspace_path(args)
    allow_plain = bool(getattr(args, "allow_plaintext", False))
    passphrase = None
    if path.is_file() and not (allow_plain and _looks_plaintext(path)):
        passphrase = read_passphrase()
    ws = Workspace.open(path, passphrase, allow_plaintext=allow_plain)
    if ws.plaintext:
        print("warning: this workspace is NOT encrypted (a fictional sample)", file=sys.stderr)
    try:
        yield ws
    finally:
        ws.close()


def _looks_plaintext(path: Path) -> bool:
    from formation import crypto

    with open(path, "rb") as fh:
        head = fh.read(crypto.HEADER_LEN)
    return len(head) == crypto.HEADER_LEN and head.startswith(crypto.MAGIC) and head[10] == crypto.KDF_NONE


def emit(args: argparse.Namespace, data: Any, text: str | Callable[[], str]) -> None:
    """Print a command's result: ``data`` as JSON with ``--json``, else ``text``.

    Args:
        args: the parsed arguments (``args.json`` decides).
        data: JSON-serialisable data (dates as ISO strings).
        text: the plain-text rendering, or a function returning it.
    """
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        sys.stdout.write((text() if callable(text) else text).rstrip("\n") + "\n")
