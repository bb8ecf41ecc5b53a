"""``formation capacity ...`` (skills, trainings, practice) and ``formation handover ...`` (the
handover plan, and handing a workspace over from a consultant to the group)."""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
from pathlib import Path
from typing import Any

from formation.cli.common import (
    EXIT_CODES_HELP,
    Formatter,
    add_json_argument,
    add_workspace_argument,
    emit,
    iso_date,
    open_workspace,
    read_passphrase,
)
from formation.cli.partners import find_partner
from formation.errors import InputError

ROLES = ("bookkeeping", "bank_signatory", "report_writing", "spokesperson", "coordination", "other")
NEW_PASSPHRASE_ENV = "FORMATION_NEW_PASSPHRASE"


def _parser(sub: Any, name: str, help_text: str, **kw: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, epilog=EXIT_CODES_HELP, formatter_class=Formatter, **kw)
    return p


def register(sub: Any) -> None:
    """Add ``formation capacity ...`` and ``formation handover ...``."""
    group = _parser(sub, "capacity", "the capacity record: skills, trainings, chances to practise")
    csub = group.add_subparsers(dest="capacity_command", metavar="ACTION", required=True)

    p = _parser(csub, "skills", "every skill with its trainings, who took part and practice")
    add_workspace_argument(p)
    add_json_argument(p)
    p.set_defaults(func=cmd_skills)

    p = _parser(csub, "add-skill", "add a skill of the group's own to the core list")
    add_workspace_argument(p)
    p.add_argument("--title", required=True)
    p.add_argument("--key", help="a-z, 0-9, _ (default: made from the title)")
    p.add_argument("--description")
    p.set_defaults(func=cmd_add_skill)

    p = _parser(csub, "training", "record a training held")
    add_workspace_argument(p)
    p.add_argument("--date", type=iso_date, required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--skill", action="append", required=True, help="a skill key it built (repeatable)")
    p.add_argument("--participant", action="append", default=[], help="a member who took part (id or work name; repeatable)")
    p.add_argument("--meeting", help="the id of the training or gathering meeting it was held at")
    p.add_argument("--trainer", help="who gave it, as a role or organization")
    p.add_argument("--partner", help="the partner that gave it")
    p.set_defaults(func=cmd_training)

    p = _parser(csub, "practice", "record a chance to practise (planned, or done with --done-on)")
    add_workspace_argument(p)
    p.add_argument("--what", required=True)
    p.add_argument("--skill", action="append", required=True, help="a skill key (repeatable)")
    p.add_argument("--member", action="append", required=True, help="a member who practises (repeatable)")
    p.add_argument("--alongside", help="who they work with, as a role")
    p.add_argument("--partner", help="the partner whose staff they work with")
    p.add_argument("--planned-for", type=iso_date)
    p.add_argument("--done-on", type=iso_date)
    p.set_defaults(func=cmd_practice)

    p = _parser(csub, "practice-done", "mark a planned practice done")
    add_workspace_argument(p)
    p.add_argument("practice", help="its id (8+ characters)")
    p.add_argument("--on", type=iso_date, required=True)
    p.set_defaults(func=cmd_practice_done)

    group = _parser(sub, "handover", "the handover plan; handing a workspace over to the group")
    hsub = group.add_subparsers(dest="handover_command", metavar="ACTION", required=True)
    plan = _parser(hsub, "plan", "roles held by partner staff or consultants, and who takes them over")
    plsub = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)

    p = _parser(plsub, "add", "add a role to the handover plan")
    add_workspace_argument(p)
    p.add_argument("--role", choices=ROLES, required=True)
    p.add_argument("--title", help="the role's name, for --role other")
    p.add_argument("--held-by", required=True, help="who holds it today, as a role ('the partner's bookkeeper')")
    p.add_argument("--consultant", action="store_true", help="held by a consultant, not a partner's staff")
    p.add_argument("--partner", help="the partner whose staff hold it")
    p.add_argument("--successor", help="the member who takes it over (id or work name)")
    p.add_argument("--due", type=iso_date, required=True, help="the date by which a member holds it")
    p.add_argument("--starts-on", type=iso_date)
    p.add_argument("--skill", action="append", help="a skill it needs (default: the role's core skills)")
    add_json_argument(p)
    p.set_defaults(func=cmd_plan_add)

    p = _parser(plsub, "list", "the handover plan, with overdue roles flagged")
    add_workspace_argument(p)
    p.add_argument("--as-of", type=iso_date, help="the date to look from (default today)")
    p.add_argument("--overdue", action="store_true", help="only roles past their date")
    add_json_argument(p)
    p.set_defaults(func=cmd_plan_list)

    p = _parser(plsub, "start", "mark a role's handover as started")
    add_workspace_argument(p)
    p.add_argument("item", help="the item's id (8+ characters)")
    p.add_argument("--on", type=iso_date, required=True)
    p.add_argument("--successor", help="the member who takes it over, if not chosen yet")
    p.set_defaults(func=cmd_plan_start)

    p = _parser(plsub, "complete", "record that a member took a role over")
    add_workspace_argument(p)
    p.add_argument("item", help="the item's id (8+ characters)")
    p.add_argument("--by", required=True, help="the member who took it over (id or work name)")
    p.add_argument("--on", type=iso_date, required=True)
    p.add_argument("--note")
    p.set_defaults(func=cmd_plan_complete)

    p = _parser(hsub, "workspace", "hand a workspace over to the group: new passphrase, consultant's access ends",
                description="The consultant's passphrase is asked first (or FORMATION_PASSPHRASE), then the group "
                f"types its new passphrase twice (or {NEW_PASSPHRASE_ENV} for scripts). The old backups, which open "
                "with the old passphrase, are deleted, and the handover is recorded against the group's decision.")
    p.add_argument("path", type=Path, help="the workspace file")
    p.add_argument("--decision", required=True, help="the decision (its number in the decisions register) to take it over")
    p.add_argument("--on", type=iso_date, help="the date of the handover (default today)")
    p.add_argument("--note")
    p.set_defaults(func=cmd_workspace)


# ----------------------------------------------------------------------------- helpers
def _member(members: list[Any], ref: str) -> Any:
    from formation.cli.members import find_member

    return find_member(members, ref)


def _by_id(records: list[Any], ref: str, what: str) -> Any:
    ref = ref.strip()
    found = [r for r in records if str(r.id) == ref or (len(ref) >= 8 and str(r.id).startswith(ref))]
    if len(found) != 1:
        raise InputError(f"no single {what} matches this id", field=what)
    return found[0]


def _names(members: list[Any]) -> dict[Any, str]:
    return {m.id: m.work_name for m in members}


# ----------------------------------------------------------------------------- capacity
def cmd_skills(args: argparse.Namespace) -> int:
    """Show the capacity record."""
    from formation.capacity import capacity_record
    from formation.models import HandoverItem, Member, PracticeOpportunity, Skill, Training

    with open_workspace(args) as ws:
        names = _names(ws.all(Member))
        rows = capacity_record(added_skills=ws.all(Skill), trainings=ws.all(Training),
                               practice=ws.all(PracticeOpportunity), handover_items=ws.all(HandoverItem))
    data = [
        {
            "key": r.skill.key, "title": r.skill.title, "core": r.skill.core, "trainings": r.trainings,
            "last_trained": r.last_trained.isoformat() if r.last_trained else None,
            "trained": sorted(names.get(i, "(former member)") for i in r.trained_member_ids),
            "practised": sorted(names.get(i, "(former member)") for i in r.practised_member_ids),
            "practice_done": r.practice_done, "practice_planned": r.practice_planned,
            "open_handover_roles": list(r.open_handover_roles),
        }
        for r in rows
    ]

    def text() -> str:
        lines = []
        for d in data:
            lines.append(f"{d['title']} [{d['key']}]: {d['trainings']} training(s)"
                         + (f", last {d['last_trained']}" if d["last_trained"] else "")
                         + f"; practice {d['practice_done']} done, {d['practice_planned']} planned")
            if d["trained"]:
                lines.append(f"    trained: {', '.join(d['trained'])}")
            if d["practised"]:
                lines.append(f"    practised: {', '.join(d['practised'])}")
            if d["open_handover_roles"]:
                lines.append(f"    needed for: {', '.join(d['open_handover_roles'])}")
        return "\n".join(lines)

    emit(args, data, text)
    return 0


def cmd_add_skill(args: argparse.Namespace) -> int:
    """Add a skill."""
    from formation.capacity import new_skill
    from formation.models import Skill

    with open_workspace(args) as ws:
        skill = new_skill(args.title, key=args.key, description=args.description, existing=ws.all(Skill))
        ws.put(skill)
    print(f"Added skill {skill.key}")
    return 0


def cmd_training(args: argparse.Namespace) -> int:
    """Record a training."""
    from formation.capacity import record_training
    from formation.models import Meeting, Member, Partner, Skill

    with open_workspace(args) as ws:
        members = ws.all(Member)
        meeting = _by_id(ws.all(Meeting), args.meeting, "meeting") if args.meeting else None
        partner = find_partner(ws.all(Partner), args.partner) if args.partner else None
        training = record_training(
            held_on=args.date, topic=args.topic, skills=args.skill,
            participant_ids=[_member(members, ref).id for ref in args.participant], members=members,
            added_skills=ws.all(Skill), meeting=meeting, trainer=args.trainer, partner=partner,
        )
        ws.put(training)
    print(f"Recorded training {training.id} ({len(training.participant_ids)} participant(s))")
    return 0


def cmd_practice(args: argparse.Namespace) -> int:
    """Record a chance to practise."""
    from formation.capacity import record_practice
    from formation.models import Member, Partner, Skill

    with open_workspace(args) as ws:
        members = ws.all(Member)
        partner = find_partner(ws.all(Partner), args.partner) if args.partner else None
        practice = record_practice(
            what=args.what, skills=args.skill, member_ids=[_member(members, ref).id for ref in args.member],
            members=members, added_skills=ws.all(Skill), alongside=args.alongside, partner=partner,
            planned_for=args.planned_for, done_on=args.done_on,
        )
        ws.put(practice)
    print(f"Recorded practice {practice.id} ({practice.status})")
    return 0


def cmd_practice_done(args: argparse.Namespace) -> int:
    """Mark practice done."""
    from formation.capacity import complete_practice
    from formation.models import PracticeOpportunity

    with open_workspace(args) as ws:
        practice = complete_practice(_by_id(ws.all(PracticeOpportunity), args.practice, "practice"), on=args.on)
        ws.put(practice)
    print(f"Practice {practice.id} done on {args.on.isoformat()}")
    return 0


# ----------------------------------------------------------------------------- handover plan
def _item_row(item: Any, names: dict[Any, str], as_of: _dt.date) -> dict[str, Any]:
    done = item.completion
    return {
        "id": str(item.id), "role": item.role_title, "held_by": item.held_by_label, "due": item.due.isoformat(),
        "status": item.status, "overdue": item.is_overdue(as_of),
        "successor": names.get(item.successor_id) if item.successor_id else None,
        "taken_over_by": names.get(done.taken_over_by, "(former member)") if done else None,
        "completed_on": done.completed_on.isoformat() if done else None,
    }


def cmd_plan_add(args: argparse.Namespace) -> int:
    """Add a role to the plan."""
    from formation.capacity import plan_handover_item
    from formation.models import Member, Partner, Skill

    if args.consultant and args.partner:
        raise InputError("a role is held by a consultant or by a partner's staff, not both", field="--consultant")
    with open_workspace(args) as ws:
        members = ws.all(Member)
        partners = ws.all(Partner)
        partner = None
        if not args.consultant:
            partner = find_partner(partners, args.partner)
        successor = _member(members, args.successor).id if args.successor else None
        item = plan_handover_item(
            role=args.role, title=args.title, held_by_label=args.held_by, due=args.due, members=members,
            held_by="consultant" if args.consultant else "partner_staff", partner=partner,
            successor_id=successor, starts_on=args.starts_on, skills=args.skill, added_skills=ws.all(Skill),
        )
        ws.put(item)
        row = _item_row(item, _names(members), args.due)
    emit(args, row, f"Added {item.role_title} to the handover plan ({item.id})")
    return 0


def cmd_plan_list(args: argparse.Namespace) -> int:
    """List the plan."""
    from formation.capacity import overdue_handover_items
    from formation.models import HandoverItem, Member

    as_of = args.as_of or _dt.date.today()
    with open_workspace(args) as ws:
        names = _names(ws.all(Member))
        items = ws.all(HandoverItem)
    chosen = overdue_handover_items(items, as_of) if args.overdue else sorted(items, key=lambda i: (i.due, i.role))
    rows = [_item_row(i, names, as_of) for i in chosen]

    def text() -> str:
        if not rows:
            return "Nothing overdue in the handover plan." if args.overdue else "The handover plan is empty."
        lines = []
        for r in rows:
            flag = "OVERDUE " if r["overdue"] else ""
            if r["status"] == "done":
                who = f"taken over by {r['taken_over_by']} on {r['completed_on']}"
            else:
                who = f"to {r['successor'] or '(successor not chosen)'} by {r['due']}"
            lines.append(f"{r['id'][:8]}  {flag}{r['role']}: held by {r['held_by']}; {who} [{r['status']}]")
        return "\n".join(lines)

    emit(args, rows, text)
    return 0


def cmd_plan_start(args: argparse.Namespace) -> int:
    """Start a role's handover."""
    from formation.capacity import start_handover_item
    from formation.models import HandoverItem, Member

    with open_workspace(args) as ws:
        members = ws.all(Member)
        item = _by_id(ws.all(HandoverItem), args.item, "item")
        successor = _member(members, args.successor).id if args.successor else None
        item = start_handover_item(item, on=args.on, successor_id=successor, members=members)
        ws.put(item)
    print(f"Handover of {item.role_title} started on {args.on.isoformat()}")
    return 0


def cmd_plan_complete(args: argparse.Namespace) -> int:
    """Complete a role's handover."""
    from formation.capacity import complete_handover_item
    from formation.models import HandoverItem, Member

    with open_workspace(args) as ws:
        members = ws.all(Member)
        item = _by_id(ws.all(HandoverItem), args.item, "item")
        member = _member(members, args.by)
        item = complete_handover_item(item, taken_over_by=member.id, on=args.on, members=members, note=args.note)
        ws.put(item)
    print(f"{item.role_title}: taken over on {args.on.isoformat()} by member {str(member.id)[:8]}")
    return 0


# ----------------------------------------------------------------------------- workspace
def _new_passphrase() -> str:
    value = os.environ.get(NEW_PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InputError(f"no new passphrase: set {NEW_PASSPHRASE_ENV} for scripts", field="passphrase")
    import getpass

    value = getpass.getpass("The group's new passphrase: ")
    if not value:
        raise InputError("the new passphrase must not be empty", field="passphrase")
    if getpass.getpass("Repeat the new passphrase: ") != value:
        raise InputError("the two passphrases differ", field="passphrase")
    return value


def cmd_workspace(args: argparse.Namespace) -> int:
    """Hand a workspace over."""
    from formation.handover import find_decision, hand_over_workspace
    from formation.models import Decision
    from formation.store import Workspace

    current = read_passphrase("Consultant's (current) passphrase: ")
    with Workspace.open(args.path, current) as ws:
        decision = find_decision(ws.all(Decision), args.decision)
        new = _new_passphrase()
        result = hand_over_workspace(ws, new, decision_id=decision.id, on=args.on or _dt.date.today(), note=args.note)
    print(f"Workspace handed over on {result.handed_over_on.isoformat()} (decision {result.decision_number}).")
    print(f"The old passphrase opens nothing formation keeps: {result.backups_purged} old backup(s) and "
          f"{result.damaged_copies_removed} set-aside copy(ies) deleted.")
    print(result.note)
    return 0
