"""``formation decisions list``, ``formation actions list|add|complete`` and
``formation minutes render|lock|verify|correct``.

Registered by ``formation.cli.meetings``. ``minutes render`` writes a .docx (the minutes, the
attendance register, the decisions register or the action list) under an export profile
(internal, shareable, aggregate; ``--share-safe`` is shareable), with a safe file name inside
the chosen folder, never overwriting without ``--overwrite``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from pathlib import Path
from typing import Any

from formation.cli.common import EXIT_CODES_HELP, Formatter, add_json_argument, add_workspace_argument, emit, iso_date, open_workspace
from formation.cli.meeting_lookup import find_meeting, member_id, work_names
from formation.errors import InputError

DOCUMENTS = ("minutes", "attendance", "decisions", "actions")
PROFILES = ("internal", "shareable", "aggregate")


def _parser(sub: argparse._SubParsersAction, name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text, epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_workspace_argument(p)
    add_json_argument(p)
    p.set_defaults(func=func)
    return p


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``formation decisions``, ``formation actions`` and ``formation minutes``."""
    top = sub.add_parser("decisions", help="the decisions register", formatter_class=Formatter, epilog=EXIT_CODES_HELP)
    dsub = top.add_subparsers(dest="decisions_command", metavar="ACTION", required=True)
    _parser(dsub, "list", "list every decision, numbered, with what it starts", cmd_decisions)

    top = sub.add_parser("actions", help="action items: who does what by when", formatter_class=Formatter,
                         epilog=EXIT_CODES_HELP)
    asub = top.add_subparsers(dest="actions_command", metavar="ACTION", required=True)
    p = _parser(asub, "list", "list action items (open first, overdue marked)", cmd_actions)
    p.add_argument("--overdue", action="store_true", help="only overdue items")
    p.add_argument("--today", type=iso_date, help="the date to measure overdue against, YYYY-MM-DD (default: today)")
    p = _parser(asub, "add", "add an action item", cmd_action_add)
    p.add_argument("--what", required=True, help="the task")
    p.add_argument("--owner", required=True, metavar="MEMBER", help="who does it")
    p.add_argument("--due", help="YYYY-MM-DD")
    p.add_argument("--meeting", help="the meeting it was agreed at")
    p = _parser(asub, "complete", "mark an action item done (or dropped)", cmd_action_complete)
    p.add_argument("item", help="the item's id (or its first 8 characters)")
    p.add_argument("--on", type=iso_date, help="the date it was done, YYYY-MM-DD (default: today)")
    p.add_argument("--dropped", action="store_true", help="record it as dropped instead of done")

    top = sub.add_parser("minutes", help="minutes documents and their locking", formatter_class=Formatter,
                         epilog=EXIT_CODES_HELP)
    msub = top.add_subparsers(dest="minutes_command", metavar="ACTION", required=True)
    p = _parser(msub, "render", "write the minutes (or a register) as a .docx", cmd_render)
    p.add_argument("meeting", nargs="?", help="the meeting (needed for the minutes and the attendance register)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.docx",
                   help="where to write it; the name is made safe ([a-z0-9-]) inside that folder")
    p.add_argument("--document", choices=DOCUMENTS, default="minutes", help="which document (default: minutes)")
    profile = p.add_mutually_exclusive_group()
    profile.add_argument("--profile", choices=PROFILES, default="internal",
                         help="who it is for: internal (work names), shareable (roles or 'Member A'; counts "
                              "instead of lists of names) or aggregate (counts and outcomes only: no names, "
                              "aliases or wording); shareable and aggregate copies are checked for "
                              "members' names (default: internal)")
    profile.add_argument("--share-safe", dest="profile", action="store_const", const="shareable",
                         help="the same as --profile shareable")
    p.add_argument("--today", type=iso_date, help="for the action list: the date overdue is measured against (default: today)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file")
    p = _parser(msub, "lock", "lock approved minutes with a content fingerprint", cmd_lock)
    p.add_argument("meeting")
    p.add_argument("--on", type=iso_date, help="YYYY-MM-DD (default: today)")
    p = _parser(msub, "verify", "check locked minutes against their fingerprint", cmd_verify)
    p.add_argument("meeting")
    p = _parser(msub, "correct", "record a correction to locked minutes (a new, linked record)", cmd_correct)
    p.add_argument("meeting")
    p.add_argument("--text", required=True, help="the correction")
    p.add_argument("--on", type=iso_date, help="YYYY-MM-DD (default: today)")
    p.add_argument("--at", metavar="MEETING", help="the meeting that agreed the correction")


def _day(value: _dt.date | None) -> _dt.date:
    """A date argument already read by ``iso_date``, or today when it was not given."""
    return value if value is not None else _dt.date.today()


def cmd_decisions(args: argparse.Namespace) -> int:
    """List the decisions register."""
    from formation.decisions import decisions_register

    with open_workspace(args) as ws:
        rows = [{"number": d.number, "date": d.decided_on.isoformat(), "meeting": str(d.meeting_id),
                 "text": d.text, "kind": d.decision_kind, "rule": d.rule, "clause_id": d.clause_id,
                 "clause_relation": d.clause_relation, "triggers": [t.model_dump(mode="json") for t in d.triggers],
                 "adopts_bylaws": d.adopts_bylaws.model_dump(mode="json") if d.adopts_bylaws else None,
                 "needs_ratification": d.needs_ratification}
                for d in decisions_register(ws)]

    def text() -> str:
        if not rows:
            return "No decisions yet."
        out = []
        for r in rows:
            starts = ", ".join(t["obligation"] for t in r["triggers"])
            out.append(f"{r['number']:>3}. {r['date']}  {r['text']}" + (f"\n     starts: {starts}" if starts else ""))
        return "\n".join(out)

    emit(args, rows, text)
    return 0


def _action_row(item: Any, names: dict[Any, str], today: _dt.date) -> dict[str, Any]:
    return {"id": str(item.id), "what": item.what, "owner": names.get(item.owner_id), "due": item.due.isoformat() if item.due else None,
            "status": item.status, "overdue": item.is_overdue(today),
            "completed_on": item.completed_on.isoformat() if item.completed_on else None}


def cmd_actions(args: argparse.Namespace) -> int:
    """List action items."""
    from formation.decisions import overdue
    from formation.models import ActionItem

    today = _day(args.today)
    with open_workspace(args) as ws:
        items = ws.all(ActionItem)
        if args.overdue:
            items = overdue(items, today)
        else:
            items = sorted(items, key=lambda i: (i.status != "open", i.due or _dt.date.max))
        rows = [_action_row(i, work_names(ws), today) for i in items]

    def text() -> str:
        if not rows:
            return "No action items." if not args.overdue else "Nothing is overdue."
        return "\n".join(f"{r['id'][:8]}  {r['due'] or 'no date':10}  {r['status']:7}{' OVERDUE' if r['overdue'] else ''}"
                         f"  {r['what']} ({r['owner']})" for r in rows)

    emit(args, rows, text)
    return 0


def cmd_action_add(args: argparse.Namespace) -> int:
    """Add an action item."""
    from formation.decisions import add_action_item

    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting).id if args.meeting else None
        item = add_action_item(ws, args.what, member_id(ws, args.owner, "--owner"), due=args.due, meeting_id=meeting)
        row = _action_row(item, work_names(ws), _dt.date.today())
    emit(args, row, f"Added action item {item.id}")
    return 0


def cmd_action_complete(args: argparse.Namespace) -> int:
    """Complete or drop an action item."""
    from formation.decisions import complete_action_item
    from formation.models import ActionItem

    with open_workspace(args) as ws:
        ref = args.item.strip()
        found = [i for i in ws.all(ActionItem) if str(i.id) == ref or (len(ref) >= 8 and str(i.id).startswith(ref))]
        if len(found) != 1:
            raise InputError("no single action item matches (give the id shown by 'actions list')", field="item")
        item = complete_action_item(ws, found[0].id, on=_day(args.on),
                                    status="dropped" if args.dropped else "done")
        row = _action_row(item, work_names(ws), _dt.date.today())
    emit(args, row, f"Action item {item.status}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """Render a minutes document to a .docx file."""
    from formation.documents import export_document
    from formation.minutes import render_document

    out: Path = args.out
    if out.suffix.lower() != ".docx":
        raise InputError("the file name must end in .docx", field="--out")
    today = _day(args.today)
    with open_workspace(args) as ws:
        meeting_id = find_meeting(ws, args.meeting).id if args.meeting else None
        data = render_document(ws, args.document, meeting_id=meeting_id, profile=args.profile, today=today)
    written = export_document(data, out.parent if str(out.parent) else Path("."), out.stem, overwrite=args.overwrite)
    emit(args, {"path": str(written), "document": args.document, "profile": args.profile,
                "share_safe": args.profile != "internal"}, str(written))
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    """Lock approved minutes."""
    from formation.minutes import lock_minutes

    with open_workspace(args) as ws:
        meeting = lock_minutes(ws, find_meeting(ws, args.meeting).id, on=_day(args.on))
    emit(args, {"meeting": str(meeting.id), "content_hash": meeting.minutes.content_hash},
         f"Locked; fingerprint {meeting.minutes.content_hash}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Verify locked minutes; exit code 3 when they no longer match."""
    from formation.minutes import verify_minutes

    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting)
        ok = verify_minutes(ws, meeting.id)
    emit(args, {"meeting": str(meeting.id), "matches": ok},
         "The minutes match their fingerprint." if ok else "The minutes NO LONGER match their fingerprint.")
    return 0 if ok else 3


def cmd_correct(args: argparse.Namespace) -> int:
    """Record a correction to locked minutes."""
    from formation.minutes import correct_locked_minutes

    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting)
        at = find_meeting(ws, args.at).id if args.at else None
        correction = correct_locked_minutes(ws, meeting.id, args.text, on=_day(args.on), at_meeting_id=at)
    emit(args, {"id": str(correction.id), "meeting": str(meeting.id)}, f"Correction recorded: {correction.id}")
    return 0
