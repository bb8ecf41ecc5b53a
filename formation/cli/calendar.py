"""``formation calendar --out FILE.ics``: the organization's deadlines as a calendar file."""

from __future__ import annotations

import argparse
import datetime as _dt
from pathlib import Path
from typing import Any

from formation.cli.common import EXIT_CODES_HELP, Formatter, add_workspace_argument, iso_date, open_workspace
from formation.errors import InputError


def register(subparsers: Any) -> None:
    """Add the ``calendar`` command."""
    p = subparsers.add_parser(
        "calendar",
        help="export deadlines as an .ics calendar (no member names)",
        description=(
            "Write the legal form's deadlines (dated from the organization's record, its meetings "
            "and decisions and the events recorded by hand) and the handover plan's dates to an .ics "
            "file that calendar apps can import.\n"
            "The file holds obligations and dates only: no member names and no organization name. "
            "It is searched for every member's work and legal name before it is written (a name "
            "found stops the export), then written with mode 0600, whole or not at all, never over "
            "an existing file without --overwrite."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    add_workspace_argument(p)
    p.add_argument("--out", type=Path, required=True,
                   help="the .ics file to write; its name is made safe ([a-z0-9-]) inside that folder")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file of that name")
    p.add_argument("--community-dates", action="store_true", help="add 17 December, 3 March and 2 June")
    p.add_argument("--as-of", type=iso_date, default=None, help="start date (YYYY-MM-DD; default today)")
    p.add_argument("--years", type=int, default=2, help="years ahead to include (1..20, default 2)")
    p.set_defaults(func=cmd_calendar)


def readable_ics(data: bytes) -> str:
    """An .ics file's text as a calendar app shows it: folded lines joined (RFC 5545 3.1) and
    text escapes undone (3.3.11: ``\\,`` ``\\;`` ``\\\\`` ``\\n``), for the leak scan."""
    import re

    text = re.sub(rb"\r?\n[ \t]", b"", data).decode("utf-8", errors="replace")  # unfold before decoding
    return re.sub(r"\\([,;\\nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def cmd_calendar(args: argparse.Namespace) -> int:
    """Write the calendar through the safe export path (``formation.safe_export``): leak scan for
    members' names, safe name inside the folder, 0600, atomic, never over a file unless --overwrite."""
    from formation.calendar import calendar_ics, handover_calendar_deadlines
    from formation.cli.registration import load_tracker
    from formation.deadlines import default_until, deadlines_for
    from formation.models import HandoverItem
    from formation.registration import is_met, with_recorded_events
    from formation.safe_export import export_checked_text, member_names

    as_of = args.as_of or _dt.date.today()
    if not 1 <= args.years <= 20:
        raise InputError("must be between 1 and 20", field="--years")
    out: Path = args.out
    if out.suffix.lower() != ".ics":
        raise InputError("must end in .ics", field="--out")
    with open_workspace(args) as ws:
        _, form, progress, facts = load_tracker(ws)
        until = default_until(as_of, args.years)
        schedule = deadlines_for(form, with_recorded_events(facts, progress), until=until, since=as_of,
                                 skip=progress.obligations_not_applicable)
        open_deadlines = [d for d in schedule.deadlines if not is_met(d, progress)]
        open_deadlines += handover_calendar_deadlines(ws.all(HandoverItem), member_names=member_names(ws),
                                                      since=as_of, until=until)
        years = range(as_of.year, until.year + 1) if args.community_dates else ()
        data = calendar_ics(open_deadlines, generated_on=as_of, community_years=years)
        written = export_checked_text(ws, data.decode("utf-8"), out, what="calendar", suffix=".ics",
                                      overwrite=args.overwrite, readable=readable_ics(data))
    print(f"wrote {len(open_deadlines)} deadlines to {written}")
    return 0
