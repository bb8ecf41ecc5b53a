"""``formation organization show|set``: the organization's own record (no member data).

``organization set --staff TOTAL:COMMUNITY`` records how many paid staff the organization has and
how many of them are community members; the power audit (``formation bylaws audit``, the
consultant overview) reads it for the criteria sets that count staff (Red Umbrella Fund's 33%,
Scarlet Alliance, UNAIDS). Counts only: who the staff are is never recorded.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from formation.cli.common import EXIT_CODES_HELP, Formatter, add_json_argument, add_workspace_argument, emit, open_workspace
from formation.errors import InputError

_STAFF = re.compile(r"([0-9]{1,6}):([0-9]{1,6})")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``formation organization show|set``."""
    top = sub.add_parser("organization", help="the organization's record: legal form, dates, paid staff",
                         formatter_class=Formatter, epilog=EXIT_CODES_HELP)
    osub = top.add_subparsers(dest="organization_command", metavar="ACTION", required=True)

    p = osub.add_parser("show", help="show the organization's record (no member data)", epilog=EXIT_CODES_HELP,
                        formatter_class=Formatter)
    add_workspace_argument(p)
    add_json_argument(p)
    p.set_defaults(func=cmd_show)

    p = osub.add_parser(
        "set", help="record the organization's paid staff",
        description=("Record how many paid staff the organization has and how many of them are community "
                     "members (counts only, never who). The power audit ('formation bylaws audit', the "
                     "overview) reads them for the criteria sets that count staff: Red Umbrella Fund "
                     "(at least a third), Scarlet Alliance, UNAIDS. Without them those criteria are "
                     "'unknown'; with --no-staff they are 'not applicable'. 'bylaws audit --staff' still "
                     "overrides them for one audit."),
        epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_workspace_argument(p)
    staff = p.add_mutually_exclusive_group(required=True)
    staff.add_argument("--staff", metavar="TOTAL:COMMUNITY",
                       help="paid staff and how many of them are community members, e.g. 3:2")
    staff.add_argument("--no-staff", action="store_true", help="the organization has no paid staff")
    staff.add_argument("--clear-staff", action="store_true", help="forget the staff counts (not recorded)")
    add_json_argument(p)
    p.set_defaults(func=cmd_set)


def parse_staff(text: str, field: str = "--staff") -> Any:
    """``"TOTAL:COMMUNITY"`` (e.g. ``"3:2"``) as a ``formation.models.StaffCount``.

    Raises:
        InputError: not two whole numbers joined by ``:``, or COMMUNITY above TOTAL, or a number
            above 100,000 (field ``field``; the value is not echoed).
    """
    from pydantic import ValidationError

    from formation.models import StaffCount

    match = _STAFF.fullmatch(text.strip())
    if match is None or int(match.group(2)) > int(match.group(1)):
        raise InputError("write it TOTAL:COMMUNITY with COMMUNITY at most TOTAL, e.g. 3:2", field=field)
    try:
        return StaffCount(total=int(match.group(1)), community=int(match.group(2)))
    except ValidationError:
        raise InputError("write it TOTAL:COMMUNITY with each at most 100,000, e.g. 3:2", field=field) from None


def _organization(ws: Any) -> Any:
    org = ws.organization
    if org is None:
        raise InputError("this workspace has no organization yet", field="organization")
    return org


def _summary(org: Any) -> dict[str, Any]:
    fye = org.financial_year_end
    return {
        "name": org.name,
        "legal_context": org.legal_context_id,
        "legal_form": org.legal_form_id,
        "pathway": org.formation_pathway.pathway,
        "founding_date": org.founding_date.isoformat() if org.founding_date else None,
        "incorporation_date": org.incorporation_date.isoformat() if org.incorporation_date else None,
        "financial_year_end": f"{fye.month:02d}-{fye.day:02d}" if fye else None,
        "staff": org.staff.model_dump() if org.staff is not None else None,
    }


def _staff_text(staff: dict[str, int] | None) -> str:
    if staff is None:
        return "not recorded"
    if staff["total"] == 0:
        return "no paid staff"
    return f"{staff['total']} paid staff, {staff['community']} of them community members"


def cmd_show(args: argparse.Namespace) -> int:
    """``organization show``."""
    with open_workspace(args) as ws:
        data = _summary(_organization(ws))

    def text() -> str:
        return "\n".join([
            data["name"],
            f"Legal context and form: {data['legal_context'] or 'not chosen'} / {data['legal_form'] or 'not chosen'}",
            f"Founded: {data['founding_date'] or 'not yet'}; incorporated: {data['incorporation_date'] or 'not yet'}",
            f"Financial year ends: {data['financial_year_end'] or 'not recorded'}",
            f"Staff: {_staff_text(data['staff'])}",
        ])

    emit(args, data, text)
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    """``organization set --staff``: record (or forget) the paid staff counts."""
    from formation.models import StaffCount

    staff = None
    if args.no_staff:
        staff = StaffCount(total=0, community=0)
    elif args.staff is not None:
        staff = parse_staff(args.staff)
    with open_workspace(args) as ws:
        org = _organization(ws).model_copy(update={"staff": staff})
        ws.put(org)
        data = _summary(org)
    emit(args, data, f"Staff: {_staff_text(data['staff'])}")
    return 0
