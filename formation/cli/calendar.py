"""``formation calendar --out FILE.ics``: the organization's deadlines as a calendar file."""

from __future__ import annotations

import argparse
import datetime as _dt
from pathlib import Path
from typing import Any

from formation.cli.common import EXIT_CODES_HELP, Formatter, add_workspace_argument, open_workspace
from formation.errors import InputError


def register(subparsers: Any) -> None:
    """Add the ``calendar`` command."""
    p = subparsers.add_parser(
        "calendar",
        help="export deadlines as an .ics calendar (no member names)",
        description=(
            "Write the legal form's deadlines to an .ics file that calendar apps can import.\n"
            "The file holds obligations and dates only: no member names and no organization name."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    add_workspace_argument(p)
    p.add_argument("--out", type=Path, required=True, help="the .ics file to write (must not exist)")
    p.add_argument("--community-dates", action="store_true", help="add 17 December, 3 March and 2 June")
    p.add_argument("--as-of", default=None, help="start date (YYYY-MM-DD; default today)")
    p.add_argument("--years", type=int, default=2, help="years ahead to include (1..20, default 2)")
    p.set_defaults(func=cmd_calendar)


def cmd_calendar(args: argparse.Namespace) -> int:
    """Write the calendar atomically (mode 0600); refuse to overwrite an existing file."""
    from formation.calendar import calendar_ics
    from formation.cli.registration import load_tracker
    from formation.deadlines import default_until, deadlines_for
    from formation.registration import is_met, with_recorded_events
    from formation.store import atomic_write

    try:
        as_of = _dt.date.fromisoformat(args.as_of) if args.as_of else _dt.date.today()
    except ValueError:
        raise InputError("must be a date written YYYY-MM-DD", field="--as-of") from None
    if not 1 <= args.years <= 20:
        raise InputError("must be between 1 and 20", field="--years")
    out: Path = args.out
    if out.suffix.lower() != ".ics":
        raise InputError("must end in .ics", field="--out")
    if out.exists():
        raise InputError("a file already exists there; choose another name", field="--out")
    with open_workspace(args) as ws:
        _, form, progress, facts = load_tracker(ws)
    until = default_until(as_of, args.years)
    schedule = deadlines_for(form, with_recorded_events(facts, progress), until=until, since=as_of,
                             skip=progress.obligations_not_applicable)
    open_deadlines = [d for d in schedule.deadlines if not is_met(d, progress)]
    years = range(as_of.year, until.year + 1) if args.community_dates else ()
    atomic_write(out, calendar_ics(open_deadlines, generated_on=as_of, community_years=years))
    print(f"wrote {len(open_deadlines)} deadlines to {out}")
    return 0
