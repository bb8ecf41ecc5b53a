"""The ``formation`` command.

``formation`` with no arguments opens the wizard; every other command is scriptable, takes
``--json`` where it prints data, and documents its exit codes in ``--help``. Command groups live
in one module each under ``formation/cli/`` and expose ``register(subparsers)``; each sets
``func`` on its parsers. Commands that do not open the wizard never import textual or docxtpl.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from formation.cli.common import EXIT_CODES_HELP, PASSPHRASE_HELP, Formatter
from formation.errors import FormationError

COMMAND_GROUPS: tuple[str, ...] = (
    "workspace",
    "members",
    "organization",
    "exchange",
    "contexts",
    "structure",
    "bylaws",
    "registration",
    "calendar",
    "review",
    "versions",
    "partners",
    "capacity",
    "meetings",
)
"""Modules of ``formation.cli`` that add commands, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (every command group registered)."""
    parser = argparse.ArgumentParser(
        prog="formation",
        description=(
            "Form and run a community-led organization: legal structure, bylaws that keep power "
            "with the members, meetings and minutes, registration steps.\n"
            "Run with no command to open the wizard; 'formation demo' opens it on a fictional sample.\n\n"
            + PASSPHRASE_HELP
            + "\n\nThis tool gives legal information, not legal advice."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_GROUPS:
        importlib.import_module(f"formation.cli.{name}").register(sub)
    return parser


def _version() -> str:
    from formation import __version__

    return f"formation {__version__}"


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: the arguments after the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit code (see ``formation --help``); also passed to ``sys.exit`` by the console script.
    """
    from formation.crash import install_crash_handler

    install_crash_handler()
    args_list = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not args_list:
        from formation.cli.workspace import run_wizard

        return run_wizard(None, demo=False)
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except FormationError as exc:
        print(f"formation: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; say nothing more and do not crash.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("formation: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
