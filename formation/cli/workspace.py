"""Workspace commands: ``init``, ``demo``, ``open``, ``restore``, ``passphrase``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from formation.cli.common import (
    EXIT_CODES_HELP,
    PASSPHRASE_HELP,
    Formatter,
    add_json_argument,
    emit,
    read_passphrase,
)
from formation.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the workspace commands to the ``formation`` parser."""
    p = sub.add_parser(
        "init",
        help="create a new encrypted workspace",
        description="Create a new encrypted workspace file for one organization.\n\n" + PASSPHRASE_HELP,
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    p.add_argument("path", type=Path, help="where to create the workspace file (must not exist)")
    p.add_argument("--name", help="the organization's name (can be set later in the wizard)")
    add_json_argument(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "demo",
        help="open the wizard on a bundled, fictional sample organization",
        description=(
            "Open the wizard on a fictional sample organization (work names only):\n"
            "  harbour-lights  Harbour Lights Collective, Wellington, New Zealand: independent, an\n"
            "                  incorporated society in formation (the default)\n"
            "  tumaini         Tumaini Peer Network, Nairobi, Kenya: grown out of a partner NGO's\n"
            "                  programme, with a partnership agreement and a handover plan\n"
            "The sample workspace is NOT encrypted; it is created in your user data folder unless "
            "--path is given, and reopened as you left it until --reset."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    p.add_argument("--sample", choices=sorted(SAMPLES), default="harbour-lights", help="which sample to open")
    p.add_argument("--path", type=Path, help="where to keep the sample workspace")
    p.add_argument("--reset", action="store_true", help="rebuild the sample from scratch")
    p.add_argument("--no-wizard", action="store_true", help="only create the sample and print its path")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "open",
        help="open the wizard on a workspace",
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    p.add_argument("path", type=Path, help="the workspace file")
    p.set_defaults(func=cmd_open)

    p = sub.add_parser(
        "restore",
        help="replace a damaged workspace with its newest good backup",
        description=(
            "Replace a damaged workspace with the newest of its five backups that opens with the "
            "passphrase. The damaged file is kept beside it (.NAME.damaged-DATE), never deleted.\n\n"
            + PASSPHRASE_HELP
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    p.add_argument("path", type=Path, help="the workspace file")
    add_json_argument(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "passphrase",
        help="change a workspace's passphrase",
        description=(
            "Re-encrypt a workspace under a new passphrase (with a new salt). The current passphrase "
            "is asked first, then the new one twice (or FORMATION_NEW_PASSPHRASE for scripts). "
            "With --purge-backups the old backups, which still open with the old passphrase, are deleted."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    p.add_argument("path", type=Path, help="the workspace file")
    p.add_argument("--purge-backups", action="store_true", help="delete backups made under the old passphrase")
    p.set_defaults(func=cmd_passphrase)


def cmd_init(args: argparse.Namespace) -> int:
    """``formation init PATH [--name NAME]``: create an encrypted workspace."""
    from pydantic import ValidationError

    from formation.errors import from_validation_error
    from formation.models import Organization
    from formation.store import Workspace

    org = None
    if args.name is not None:
        try:
            org = Organization(name=args.name)
        except ValidationError as exc:
            raise from_validation_error(exc, source="command line", prefix="--name") from None
    passphrase = read_passphrase("New passphrase: ", confirm=True)
    with Workspace.create(args.path, passphrase, organization=org) as ws:
        path = ws.path
    emit(args, {"created": str(path)}, f"Created an encrypted workspace at {path}")
    return 0


SAMPLES = {
    "harbour-lights": ("formation.sample", "build_sample_workspace"),
    "tumaini": ("formation.sample_partner", "build_partner_sample_workspace"),
}
"""The bundled samples: name -> (module, builder function taking the path)."""


def default_demo_path(sample: str = "harbour-lights") -> Path:
    """Where ``formation demo`` keeps a sample: ``<user data folder>/demo/<sample>``."""
    import platformdirs

    return Path(platformdirs.user_data_dir("formation", appauthor=False)) / "demo" / sample


def cmd_demo(args: argparse.Namespace) -> int:
    """``formation demo [--sample NAME]``: build (if needed) and open a fictional sample workspace."""
    import importlib

    module, builder = SAMPLES[args.sample]
    path = args.path or default_demo_path(args.sample)
    if args.reset and path.exists():
        path.unlink()
    if not path.exists():
        getattr(importlib.import_module(module), builder)(path)
    if args.no_wizard:
        print(path)
        return 0
    return run_wizard(path, demo=True)


def cmd_open(args: argparse.Namespace) -> int:
    """``formation open PATH``: the wizard on an existing workspace."""
    if not args.path.is_file():
        raise InputError(f"{args.path}: no workspace file there")
    return run_wizard(args.path, demo=False)


def cmd_restore(args: argparse.Namespace) -> int:
    """``formation restore PATH``: restore the newest good backup."""
    from formation.store import Workspace

    passphrase = read_passphrase()
    number, kept = Workspace.restore_backup(args.path, passphrase)
    emit(
        args,
        {"restored_from_backup": number, "damaged_copy": str(kept)},
        f"Restored backup {number} (1 = newest). The damaged file was kept as {kept}.",
    )
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    """``formation passphrase PATH``: change the passphrase."""
    import os

    from formation.store import Workspace

    current = read_passphrase("Current passphrase: ")
    new = os.environ.get("FORMATION_NEW_PASSPHRASE")
    if not new:
        if not sys.stdin.isatty():
            raise InputError("no new passphrase: set FORMATION_NEW_PASSPHRASE for scripts", field="passphrase")
        import getpass

        new = getpass.getpass("New passphrase: ")
        if getpass.getpass("Repeat the new passphrase: ") != new:
            raise InputError("the two passphrases differ", field="passphrase")
    with Workspace.open(args.path, current) as ws:
        ws.change_passphrase(new)
        purged = ws.purge_backups() if args.purge_backups else 0
    print(f"Passphrase changed.{f' {purged} old backups deleted.' if purged else ''}")
    return 0


def run_wizard(path: Path | None, *, demo: bool) -> int:
    """Open the Textual wizard (imported only here, so other commands stay light).

    Args:
        path: a workspace file, or None to choose or create one in the wizard.
        demo: True when ``path`` is the plaintext sample.

    Returns:
        The wizard's exit code.
    """
    if not sys.stdout.isatty():
        raise InputError("the wizard needs a terminal; use the scriptable commands (formation --help) instead")
    from wizard.app import run_wizard as _run

    return _run(path, demo=demo)
