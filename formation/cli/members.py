"""``formation members add|list|edit|remove``: the register of members."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from formation.cli.common import (
    EXIT_CODES_HELP,
    Formatter,
    add_json_argument,
    add_workspace_argument,
    emit,
    open_workspace,
)
from formation.errors import InputError, from_validation_error

if TYPE_CHECKING:
    from formation.models import Member

_FIELDS = {
    "work_name": "--work-name",
    "legal_name": "--legal-name",
    "community_member": "--community",
    "membership_class": "--class",
    "joined_on": "--joined",
    "left_on": "--left",
    "consent_to_be_named": "--consent-to-be-named",
}


def _member_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--work-name", required=adding, help="the name the member chooses to be known by")
    p.add_argument(
        "--legal-name",
        help="legal name: store it only where a law demands it (kept only inside the encrypted workspace)",
    )
    p.add_argument(
        "--community",
        choices=["yes", "no", "undisclosed"],
        help="is or was a sex worker (the audit counts only 'yes'; default undisclosed)",
    )
    p.add_argument("--class", dest="membership_class", choices=["voting", "supporting"],
                   help="voting member, or supporting member (supporter/ally) without a vote")
    p.add_argument("--joined", help="date joined, YYYY-MM-DD")
    p.add_argument("--left", help="date left, YYYY-MM-DD")
    consent = p.add_mutually_exclusive_group()
    consent.add_argument("--consent-to-be-named", dest="consent", action="store_true", default=None,
                         help="the member agreed to be named in shareable documents")
    consent.add_argument("--no-consent-to-be-named", dest="consent", action="store_false",
                         help="the member did not agree (the default)")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``formation members ...``."""
    members = sub.add_parser("members", help="the register of members", formatter_class=Formatter,
                             epilog=EXIT_CODES_HELP)
    msub = members.add_subparsers(dest="members_command", metavar="ACTION", required=True)

    p = msub.add_parser("add", help="add a member", epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_workspace_argument(p)
    _member_options(p, adding=True)
    add_json_argument(p)
    p.set_defaults(func=cmd_add)

    p = msub.add_parser("list", help="list members (work names)", epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_workspace_argument(p)
    p.add_argument("--include-left", action="store_true", help="also list members who have left")
    add_json_argument(p)
    p.set_defaults(func=cmd_list)

    p = msub.add_parser("edit", help="change a member's details", epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_workspace_argument(p)
    p.add_argument("member", help="the member's id (or its first 8 characters) or exact work name")
    _member_options(p, adding=False)
    p.add_argument("--clear-legal-name", action="store_true", help="delete the stored legal name")
    add_json_argument(p)
    p.set_defaults(func=cmd_edit)

    p = msub.add_parser(
        "remove",
        help="delete a member's record entirely",
        description="Delete a member's record. To record that someone left, use 'edit --left DATE' instead.",
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    add_workspace_argument(p)
    p.add_argument("member", help="the member's id (or its first 8 characters) or exact work name")
    add_json_argument(p)
    p.set_defaults(func=cmd_remove)


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.work_name is not None:
        changes["work_name"] = args.work_name
    if args.legal_name is not None:
        changes["legal_name"] = args.legal_name
    if args.community is not None:
        changes["community_member"] = args.community
    if args.membership_class is not None:
        changes["membership_class"] = args.membership_class
    if args.joined is not None:
        changes["joined_on"] = args.joined
    if args.left is not None:
        changes["left_on"] = args.left
    if args.consent is not None:
        changes["consent_to_be_named"] = args.consent
    return changes


def _validated(data: dict[str, Any]) -> Member:
    from pydantic import ValidationError

    from formation.models import Member

    try:
        return Member.model_validate(data)
    except ValidationError as exc:
        failed = from_validation_error(exc, source="command line")
        # Name the option the person typed, not the internal field.
        failed.problems = [(_FIELDS.get(f, f), m) for f, m in failed.problems]
        raise type(failed)(failed.problems, source="command line") from None


def _check_work_name(members: list[Member], member: Member, ignore_id: Any = None) -> None:
    """``formation.membership.check_new_work_name``, naming the option (``--work-name``)."""
    from formation.membership import check_new_work_name

    try:
        check_new_work_name(members, member.work_name, ignore_id=ignore_id, current=member.is_current)
    except InputError as exc:
        raise InputError(exc.detail, field=_FIELDS["work_name"]) from None


def member_summary(m: Member) -> dict[str, Any]:
    """A member as JSON for the command line (no legal name: ask ``--json`` export for that)."""
    return {
        "id": str(m.id),
        "work_name": m.work_name,
        "community_member": m.community_member,
        "membership_class": m.membership_class,
        "joined_on": m.joined_on.isoformat() if m.joined_on else None,
        "left_on": m.left_on.isoformat() if m.left_on else None,
        "consent_to_be_named": m.consent_to_be_named,
        "has_legal_name": m.legal_name is not None,
    }


def find_member(members: list[Member], ref: str) -> Member:
    """Find a member by full id, id prefix (>= 8 characters) or exact work name.

    Raises:
        InputError: no member, or more than one, matches.
    """
    ref = ref.strip()
    by_id = [m for m in members if str(m.id) == ref or (len(ref) >= 8 and str(m.id).startswith(ref))]
    matches = by_id or [m for m in members if m.work_name == ref]
    if not matches:
        raise InputError("no member matches (give the id shown by 'members list')", field="member")
    if len(matches) > 1:
        raise InputError("more than one member matches; give the id shown by 'members list'", field="member")
    return matches[0]


def cmd_add(args: argparse.Namespace) -> int:
    """Add one member."""
    from formation.models import Member

    member = _validated({"kind": "member", **_changes(args)})
    with open_workspace(args) as ws:
        _check_work_name(ws.all(Member), member)
        ws.put(member)
    emit(args, member_summary(member), f"Added member {member.id}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List members."""
    from formation.models import Member

    with open_workspace(args) as ws:
        members = [m for m in ws.all(Member) if args.include_left or m.is_current]
    rows = [member_summary(m) for m in members]

    def text() -> str:
        if not rows:
            return "No members yet."
        lines = [f"{'id':8}  {'work name':24} {'class':10} community"]
        for r in rows:
            left = f"  (left {r['left_on']})" if r["left_on"] else ""
            lines.append(f"{r['id'][:8]}  {r['work_name'][:24]:24} {r['membership_class']:10} {r['community_member']}{left}")
        return "\n".join(lines)

    emit(args, rows, text)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    """Edit one member."""
    from formation.models import Member

    changes = _changes(args)
    if not changes and not args.clear_legal_name:
        raise InputError("nothing to change: give at least one option such as --community", field="member")
    with open_workspace(args) as ws:
        current = find_member(ws.all(Member), args.member)
        data = current.model_dump(mode="json") | changes
        if args.clear_legal_name:
            data["legal_name"] = None
        updated = _validated(data)
        _check_work_name(ws.all(Member), updated, ignore_id=current.id)
        ws.put(updated)
    emit(args, member_summary(updated), f"Updated member {updated.id}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    """Delete one member record."""
    from formation.models import Member

    with open_workspace(args) as ws:
        member = find_member(ws.all(Member), args.member)
        ws.remove(Member, member.id)
    emit(args, {"removed": str(member.id)}, f"Removed member {member.id}")
    return 0
