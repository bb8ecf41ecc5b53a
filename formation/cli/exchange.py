"""``formation export --json``, ``formation import``, ``formation schema``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from formation.cli.common import (
    EXIT_CODES_HELP,
    PASSPHRASE_HELP,
    Formatter,
    add_workspace_argument,
    open_workspace,
    read_passphrase,
)
from formation.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``export``, ``import`` and ``schema``."""
    p = sub.add_parser(
        "export",
        help="write the whole workspace as one JSON document",
        description=(
            "Write every record of the workspace as one JSON document (validates against "
            "'formation schema'). The file holds member data UNENCRYPTED: keep it safe and delete it "
            "when done. It is written with mode 0600 and never over an existing file unless --force."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    add_workspace_argument(p)
    p.add_argument("--json", action="store_true", required=True, help="JSON format (the only one)")
    p.add_argument("--out", required=True, help="the file to write, or - for standard output")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import",
        help="create a workspace from a JSON export",
        description=(
            "Read a JSON export back. Without --replace, a new encrypted workspace is created at "
            "--workspace (asks for its new passphrase twice). With --replace, the existing workspace's "
            "content is replaced (a backup is taken first). The file is checked completely before "
            "anything is written.\n\n" + PASSPHRASE_HELP
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    p.add_argument("file", type=Path, help="the JSON export")
    add_workspace_argument(p)
    p.add_argument("--replace", action="store_true", help="replace the content of an existing workspace")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("schema", help="print the JSON Schema of the export format",
                       epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    p.set_defaults(func=cmd_schema)


def cmd_export(args: argparse.Namespace) -> int:
    """Export the workspace."""
    from formation.exchange import export_document
    from formation.store import atomic_write

    out = None if args.out == "-" else Path(args.out)
    if out is not None:
        if out.exists() and not args.force:
            raise InputError(f"{out}: the file exists; pass --force to replace it", field="--out")
        if not out.parent.is_dir():
            raise InputError(f"{out.parent}: no such folder", field="--out")
    with open_workspace(args) as ws:
        document = export_document(ws.records())
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text.encode("utf-8"))
        print(f"Wrote {out} (unencrypted: keep it safe)", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import an export into a new or existing workspace."""
    from formation.cli.common import workspace_path
    from formation.exchange import import_document
    from formation.store import Workspace

    if not args.file.is_file():
        raise InputError(f"{args.file}: no such file", field="file")
    records = import_document(args.file.read_bytes(), source=str(args.file))
    target = workspace_path(args)
    if args.replace:
        with open_workspace(args) as ws:
            ws.replace_all(records)
    else:
        if target.exists():
            raise InputError(f"{target}: a file exists there; pass --replace to replace its content",
                             field="--workspace")
        passphrase = read_passphrase("New passphrase: ", confirm=True)
        with Workspace.create(target, passphrase) as ws:
            ws.replace_all(records)
    count = sum(len(v) for v in records.values())
    print(f"Imported {count} records into {target}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the export JSON Schema."""
    from formation.exchange import json_schema

    json.dump(json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
