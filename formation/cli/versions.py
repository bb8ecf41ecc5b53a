"""``formation versions diff V1 V2 [--out redline.docx] [--json]``: what changed, clause by clause.

Only the standard library and ``formation.cli`` helpers / ``formation.errors`` are imported here;
everything else inside the command, so ``formation --help`` stays quick.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from formation.cli.common import EXIT_CODES_HELP, Formatter, add_json_argument, emit, open_workspace
from formation.cli.review import parse_version, review_parser


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``formation versions diff``."""
    versions = sub.add_parser("versions", help="compare bylaws versions", epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    vsub = versions.add_subparsers(dest="versions_command", metavar="ACTION", required=True)
    p = review_parser(vsub, "diff", "compare two bylaws versions clause by clause",
                      "Name every clause added, removed or changed between two versions, with the changed words. "
                      "--out writes a redline .docx with every change as a Word tracked change.")
    p.add_argument("before", type=parse_version, help="the earlier version (e.g. 1 or v1)")
    p.add_argument("after", type=parse_version, help="the later version")
    p.add_argument("--out", type=Path, default=None, help="write a redline .docx here")
    p.add_argument("--only-changed", action="store_true", help="the redline shows only clauses that changed")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file of that name")
    add_json_argument(p)
    p.set_defaults(func=cmd_diff)


def cmd_diff(args: argparse.Namespace) -> int:
    """Compare two versions."""
    from formation import review
    from formation.redline import diff_text

    with open_workspace(args) as ws:
        draft = review.load_draft(ws, args.draft)
        diff = review.diff_versions(ws, draft, args.before, args.after)
        path = None
        if args.out is not None:
            from formation.redline import redline_docx
            from formation.safe_export import export_checked

            data = redline_docx(diff, full=not args.only_changed)
            path = export_checked(ws, data, args.out, what="redline", overwrite=args.overwrite)
    result = {**diff.to_json(), "redline": str(path) if path else None}

    def text() -> str:
        out = diff_text(diff)
        if path:
            out += f"\n\nWrote the redline to {path}."
        return out

    emit(args, result, text)
    return 0
