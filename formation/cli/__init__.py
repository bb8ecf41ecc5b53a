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

COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("workspace", "create a new encrypted workspace"),
    "demo": ("workspace", "open the wizard on a bundled, fictional sample organization"),
    "open": ("workspace", "open the wizard on a workspace"),
    "restore": ("workspace", "replace a damaged workspace with its newest good backup"),
    "passphrase": ("workspace", "change a workspace's passphrase"),
    "members": ("members", "the register of members"),
    "organization": ("organization", "the organization's record: legal form, dates, paid staff"),
    "export": ("exchange", "write the whole workspace as one JSON document"),
    "import": ("exchange", "create a workspace from a JSON export"),
    "schema": ("exchange", "print the JSON Schema of the export format"),
    "contexts": ("contexts", "legal contexts: list, show, check"),
    "structure": ("structure", "choose a legal structure"),
    "bylaws": ("bylaws", "draft the bylaws, audit who holds power, render the document"),
    "registration": ("registration", "registration tracker: steps, deadlines, recovery"),
    "calendar": ("calendar", "export deadlines as an .ics calendar (no member names)"),
    "review": ("review", "lawyer review of the bylaws: notes, Word copies, decisions"),
    "versions": ("versions", "compare bylaws versions"),
    "partners": ("partners", "partner organizations and partnership agreements"),
    "overview": ("partners", "consultant view: several workspaces at a glance, no member names"),
    "capacity": ("capacity", "the capacity record: skills, trainings, chances to practise"),
    "handover": ("capacity", "the handover plan; handing a workspace over to the group"),
    "meetings": ("meetings", "meetings, attendance, motions and votes"),
    "decisions": ("meetings", "the decisions register"),
    "actions": ("meetings", "action items: who does what by when"),
    "minutes": ("meetings", "minutes documents and their locking"),
}
"""Every top-level command: the ``formation.cli`` module that registers it, and its one-line
help, in the order ``--help`` lists them. Only the invoked command's module builds its parsers
(there are nearly a hundred sub-commands; building them all would double the start-up time);
a test checks this index against what the modules register."""

COMMAND_GROUPS: tuple[str, ...] = tuple(dict.fromkeys(module for module, _ in COMMANDS.values()))
"""Modules of ``formation.cli`` that add commands."""


def build_parser(command: str | None = None, *, full: bool = False) -> argparse.ArgumentParser:
    """The argument parser.

    Args:
        command: the command about to run (the first argument); its module registers its full
            parsers, every other command is listed with its help only.
        full: build every command's parsers (for checks and documentation).

    Returns:
        The ``argparse.ArgumentParser``.
    """
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
    wanted = set(COMMAND_GROUPS) if full else {COMMANDS[command][0]} if command in COMMANDS else set()
    for module in COMMAND_GROUPS:
        if module in wanted:
            importlib.import_module(f"formation.cli.{module}").register(sub)
    registered = set(sub.choices)
    for name, (_, help_text) in COMMANDS.items():
        if name not in registered:
            sub.add_parser(name, help=help_text, add_help=False)
    # List commands in the index's order whichever were built in full.
    order = list(COMMANDS)
    sub._choices_actions.sort(key=lambda action: order.index(action.dest) if action.dest in order else len(order))
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
    parser = build_parser(args_list[0] if args_list else None)
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
