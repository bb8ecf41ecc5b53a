"""``formation meetings new|list|show|attend|motion|amend|vote|consensus|withdraw|close|approve``.

Also registers ``formation decisions``, ``formation actions`` and ``formation minutes`` (in
``formation.cli.meeting_records``). Quorum and majorities come from the adopted bylaws; a group
without adopted bylaws may give its rules as a JSON file (``--rules FILE``). Members are named by
id, id prefix (8 characters or more) or exact work name; meetings by id or id prefix; motions by
their number at the meeting. Nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from formation.cli.common import EXIT_CODES_HELP, Formatter, add_json_argument, add_workspace_argument, emit, open_workspace
from formation.cli.meeting_lookup import (
    find_meeting,
    load_rules,
    meeting_summary,
    member_id,
    motion_of,
    outcome_summary,
    work_names,
)
from formation.errors import InputError

MEETING_KINDS = ("founding", "general", "agm", "special_general", "governing_body", "committee", "gathering")
DECISION_KINDS = ("ordinary", "amend_bylaws", "amend_entrenched", "elect_governing_body", "remove_officer",
                  "admit_member", "expel_member", "dissolution")
PROCEDURAL = ("adjourn", "recess", "fix_time_to_adjourn", "obtain_quorum")
_VOTES = {"for": "in_favour", "in_favour": "in_favour", "against": "against", "abstain": "abstain"}


def _parser(sub: argparse._SubParsersAction, name: str, help_text: str, func: Any, *, json_out: bool = True,
            description: str | None = None) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=description or help_text, epilog=EXIT_CODES_HELP,
                       formatter_class=Formatter)
    add_workspace_argument(p)
    if json_out:
        add_json_argument(p)
    p.set_defaults(func=func)
    return p


def add_rules_argument(p: argparse.ArgumentParser) -> None:
    """``--rules FILE``: governance rules as JSON, for a group without adopted bylaws."""
    p.add_argument("--rules", type=Path, metavar="FILE",
                   help="governance rules as JSON (quorum, majorities...) when no bylaws are adopted yet")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``formation meetings ...`` and the decisions, actions and minutes commands."""
    top = sub.add_parser("meetings", help="meetings, attendance, motions and votes", formatter_class=Formatter,
                         epilog=EXIT_CODES_HELP)
    msub = top.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)

    p = _parser(msub, "new", "record a new meeting", cmd_new)
    p.add_argument("--kind", required=True, choices=MEETING_KINDS, help="the kind of meeting")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--time", help="start time HH:MM")
    p.add_argument("--place", help="where (free text; may be vague on purpose)")
    p.add_argument("--title", help="a title, e.g. 'First AGM' (default: the kind)")
    p.add_argument("--chair", metavar="MEMBER", help="who chairs")
    p.add_argument("--minute-taker", metavar="MEMBER", help="who takes the minutes")
    p.add_argument("--agenda", action="append", default=[], metavar="ITEM", help="an agenda item (repeat)")
    p.add_argument("--committee", action="append", default=[], metavar="MEMBER",
                   help="a member of the committee (for --kind committee; repeat)")
    p.add_argument("--notes", help="notes")

    _parser(msub, "list", "list meetings", cmd_list)

    p = _parser(msub, "show", "show a meeting: attendance, quorum, motions and outcomes", cmd_show)
    p.add_argument("meeting", help="the meeting's id (or its first 8 characters)")
    add_rules_argument(p)

    p = _parser(msub, "attend", "record attendance", cmd_attend,
                description="Record how members attended. Each option takes one or more members.")
    p.add_argument("meeting")
    for option, help_text in (("--present", "present in person"), ("--phone", "present by phone"),
                              ("--online", "present online"), ("--apologies", "sent apologies"),
                              ("--absent", "absent")):
        p.add_argument(option, nargs="+", default=[], metavar="MEMBER", help=help_text)
    p.add_argument("--proxy", action="append", default=[], metavar="PRINCIPAL=HOLDER",
                   help="an absent member represented by a proxy holder (only where the bylaws allow proxies)")
    p.add_argument("--guest", action="append", default=[], metavar="LABEL",
                   help="a non-member observer, by a label such as 'Partner NGO staff' (never a legal name)")
    add_rules_argument(p)

    p = _parser(msub, "motion", "move a motion", cmd_motion)
    p.add_argument("meeting")
    p.add_argument("--text", required=True, help="the motion's wording")
    p.add_argument("--mover", metavar="MEMBER", help="the mover (a voting member present)")
    p.add_argument("--seconder", metavar="MEMBER", help="the seconder")
    p.add_argument("--kind", choices=DECISION_KINDS, help="the kind of decision, which sets the majority it needs "
                   "(default ordinary; amend_bylaws with --adopts-bylaws)")
    p.add_argument("--procedural", choices=PROCEDURAL, help="a procedural motion (an inquorate meeting may take these)")
    p.add_argument("--clause", help="the bylaws clause id the motion relies on or amends")
    p.add_argument("--relation", choices=("relies_on", "amends"), help="how the motion relates to --clause")
    p.add_argument("--adopts-bylaws", nargs="?", const=0, type=int, metavar="VERSION",
                   help="the motion adopts the bylaws (a version number; default the newest)")
    p.add_argument("--ratifies", type=int, metavar="DECISION",
                   help="the number of a decision taken without a quorum that this motion ratifies")
    p.add_argument("--triggers", nargs="+", default=[], metavar="OBLIGATION",
                   help="obligation ids the decision starts, e.g. change_of_officers")
    add_rules_argument(p)

    p = _parser(msub, "amend", "move an amendment to the pending motion", cmd_amend)
    p.add_argument("meeting")
    p.add_argument("motion", help="the motion's number at the meeting")
    p.add_argument("--text", required=True, help="the amendment as moved")
    p.add_argument("--result", required=True, help="the motion's whole wording if the amendment is carried")
    p.add_argument("--mover", required=True, metavar="MEMBER")
    p.add_argument("--seconder", metavar="MEMBER")
    add_rules_argument(p)

    p = _parser(msub, "vote", "record the vote on a motion (or amendment) and announce the result", cmd_vote)
    p.add_argument("meeting")
    p.add_argument("motion", help="the motion's number at the meeting")
    p.add_argument("--for", dest="in_favour", type=int, default=0, help="votes in favour")
    p.add_argument("--against", type=int, default=0, help="votes against")
    p.add_argument("--abstain", type=int, default=0, help="abstentions")
    p.add_argument("--blank", type=int, default=0, help="blank or spoilt ballots")
    p.add_argument("--roll-call", nargs="+", metavar="MEMBER=VOTE",
                   help="named votes: VOTE is for, against or abstain; PRINCIPAL:HOLDER=VOTE for a proxy")
    p.add_argument("--secret", action="store_true", help="a secret ballot (counts only, never names)")
    p.add_argument("--casting", choices=("for", "against"), help="the chair's casting vote on a tie, where the bylaws give one")
    p.add_argument("--amendment", type=int, metavar="N", help="vote on the motion's Nth amendment instead")
    p.add_argument("--community-for", dest="community_in_favour", type=int, metavar="N",
                   help="of the votes for, how many were community members' (an entrenched clause needs a majority "
                        "of the community members voting; a --roll-call shows it by itself)")
    p.add_argument("--community-against", dest="community_against", type=int, metavar="N",
                   help="of the votes against, how many were community members'")
    add_rules_argument(p)

    p = _parser(msub, "consensus", "record a consensus test on a motion and announce the result", cmd_consensus)
    p.add_argument("meeting")
    p.add_argument("motion", help="the motion's number at the meeting")
    p.add_argument("--agree", type=int, required=True, help="how many agree")
    p.add_argument("--stand-aside", action="append", default=[], metavar="MEMBER:REASON", help="a stand-aside, with the reason")
    p.add_argument("--block", action="append", default=[], metavar="MEMBER[:REASON]", help="a block")
    add_rules_argument(p)

    p = _parser(msub, "withdraw", "record that the mover withdrew a pending motion", cmd_withdraw)
    p.add_argument("meeting")
    p.add_argument("motion")

    p = _parser(msub, "close", "close a meeting and keep its quorum as it stood", cmd_close)
    p.add_argument("meeting")
    p.add_argument("--end-time", help="the time the meeting adjourned, HH:MM")
    add_rules_argument(p)

    p = _parser(msub, "approve", "record that a later meeting approved these minutes", cmd_approve)
    p.add_argument("meeting", help="the meeting whose minutes are approved")
    p.add_argument("--at", required=True, metavar="MEETING", help="the later meeting that approved them")
    p.add_argument("--corrections", help="corrections made at approval: the minutes are 'approved as corrected'")
    p.add_argument("--lock", action="store_true", help="lock them at once with a content fingerprint")
    add_rules_argument(p)

    from formation.cli import meeting_records

    meeting_records.register(sub)


# ------------------------------------------------------------------------------ commands


def cmd_new(args: argparse.Namespace) -> int:
    """Record a new meeting."""
    from formation import meetings

    with open_workspace(args) as ws:
        meeting = meetings.new_meeting(
            ws, meeting_kind=args.kind, date=args.date, start_time=args.time, place=args.place, title=args.title,
            chair_id=member_id(ws, args.chair, "--chair"), minute_taker_id=member_id(ws, args.minute_taker, "--minute-taker"),
            agenda=args.agenda, notes=args.notes,
            committee_member_ids=[member_id(ws, ref, "--committee") for ref in args.committee],
        )
        data = meeting_summary(meeting, work_names(ws))
    emit(args, data, f"Recorded meeting {meeting.id}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List meetings, newest first."""
    from formation.models import Meeting

    with open_workspace(args) as ws:
        rows = [{"id": str(m.id), "date": m.date.isoformat(), "kind": m.meeting_kind, "title": m.heading,
                 "status": m.status, "minutes": m.minutes.label, "motions": len(m.motions)}
                for m in sorted(ws.all(Meeting), key=lambda m: m.date, reverse=True)]

    def text() -> str:
        if not rows:
            return "No meetings yet."
        return "\n".join(f"{r['id'][:8]}  {r['date']}  {r['title'][:30]:30} {r['status']:7} minutes: {r['minutes']}"
                         for r in rows)

    emit(args, rows, text)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Show one meeting."""
    from formation import meetings

    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting)
        names = work_names(ws)
        data = meeting_summary(meeting, names)
        if meeting.quorum is None and meeting.meeting_kind != "gathering":
            try:
                data["quorum_now"] = meetings.meeting_quorum(ws, meeting.id, rules=load_rules(args)).explanation
            except InputError as exc:
                data["quorum_now"] = f"not known: {exc.detail}"

    def text() -> str:
        lines = [f"{data['title']} ({data['kind']}), {data['date']}", f"Place: {data['place'] or 'not recorded'}",
                 f"Status: {data['status']}; minutes: {data['minutes']}"]
        q = data["quorum"]["explanation"] if data["quorum"] else data.get("quorum_now", "")
        if q:
            lines.append(f"Quorum: {q}")
        for a in data["attendance"]:
            lines.append(f"  {a['member'] or a['guest']}: {a['presence']}")
        for m in data["motions"]:
            lines.append(f"Motion {m['number']}: {m['text']}\n  {m['result']}: {m['outcome'] or ''}".rstrip())
        return "\n".join(lines)

    emit(args, data, text)
    return 0


def _proxy(value: str) -> tuple[str, str]:
    principal, sep, holder = value.partition("=")
    if not sep or not principal.strip() or not holder.strip():
        raise InputError("must be PRINCIPAL=HOLDER", field="--proxy")
    return principal, holder


def cmd_attend(args: argparse.Namespace) -> int:
    """Record attendance."""
    from formation import meetings

    groups = (("in_person", args.present), ("remote_phone", args.phone), ("remote_online", args.online),
              ("apologies", args.apologies), ("absent", args.absent))
    if not any(refs for _, refs in groups) and not args.proxy and not args.guest:
        raise InputError("give at least one of --present, --phone, --online, --apologies, --absent, --proxy, --guest",
                         field="meeting")
    rules = load_rules(args)
    with open_workspace(args) as ws, ws.batch():
        meeting = find_meeting(ws, args.meeting)
        for presence, refs in groups:
            option = {"in_person": "--present", "remote_phone": "--phone", "remote_online": "--online"}.get(presence, f"--{presence}")
            if refs:
                meetings.attend(ws, meeting.id, [member_id(ws, r, option) for r in refs], presence, rules=rules)
        for value in args.proxy:
            principal, holder = _proxy(value)
            meetings.attend(ws, meeting.id, [member_id(ws, principal, "--proxy")], "proxy",
                            proxy_holder_id=member_id(ws, holder, "--proxy"), rules=rules)
        for label in args.guest:
            meetings.add_guest(ws, meeting.id, label)
        updated = find_meeting(ws, str(meeting.id))
        data = meeting_summary(updated, work_names(ws))
    emit(args, data, f"Attendance recorded: {len(updated.attendance)} lines")
    return 0


def cmd_motion(args: argparse.Namespace) -> int:
    """Move a motion."""
    from formation import meetings
    from formation.models import BylawsDraft
    from formation.models.meetings import BylawsRef

    rules = load_rules(args)
    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting)
        adopts = None
        kind = args.kind or "ordinary"
        if args.adopts_bylaws is not None:
            drafts = ws.all(BylawsDraft)
            if len(drafts) != 1:
                raise InputError("the workspace must hold exactly one bylaws draft to adopt", field="--adopts-bylaws")
            adopts = BylawsRef(draft_id=drafts[0].id, version=args.adopts_bylaws or drafts[0].latest.number)
            kind = args.kind or "amend_bylaws"
        ratifies = None
        if args.ratifies is not None:
            from formation.models import Decision

            found = [d for d in ws.all(Decision) if d.number == args.ratifies]
            if not found:
                raise InputError("no decision with that number in the register", field="--ratifies")
            ratifies = found[0].id
        motion = meetings.add_motion(
            ws, meeting.id, args.text, ratifies=ratifies, mover_id=member_id(ws, args.mover, "--mover"),
            seconder_id=member_id(ws, args.seconder, "--seconder"), decision_kind=kind,
            motion_type=args.procedural or "main", clause_id=args.clause, clause_relation=args.relation,
            adopts_bylaws=adopts, triggers=args.triggers, rules=rules,
        )
    emit(args, {"number": motion.number, "id": str(motion.id), "text": motion.text},
         f"Motion {motion.number} moved: {motion.text}")
    return 0


def cmd_amend(args: argparse.Namespace) -> int:
    """Move an amendment."""
    from formation import meetings

    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting)
        motion = motion_of(meeting, args.motion)
        amendment = meetings.add_amendment(ws, meeting.id, motion.id, args.text, args.result,
                                           mover_id=member_id(ws, args.mover, "--mover"),
                                           seconder_id=member_id(ws, args.seconder, "--seconder"), rules=load_rules(args))
    number = len(motion.amendments) + 1
    emit(args, {"motion": motion.number, "amendment": number, "id": str(amendment.id)},
         f"Amendment {number} to motion {motion.number} moved")
    return 0


def _roll_call(ws: Any, values: list[str]) -> list[Any]:
    from formation.models.meetings import RollCallEntry

    entries = []
    for i, value in enumerate(values):
        who, sep, vote = value.rpartition("=")
        if not sep or vote.strip().lower() not in _VOTES:
            raise InputError("each entry must be MEMBER=for, MEMBER=against or MEMBER=abstain", field=f"--roll-call {i + 1}")
        principal, colon, holder = who.partition(":")
        voter = holder if colon else principal
        entries.append(RollCallEntry(member_id=member_id(ws, voter, f"--roll-call {i + 1}"),
                                     vote=_VOTES[vote.strip().lower()],
                                     proxy_for=member_id(ws, principal, f"--roll-call {i + 1}") if colon else None))
    return entries


def cmd_vote(args: argparse.Namespace) -> int:
    """Record a vote and announce the result."""
    from formation import meetings

    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting)
        motion = motion_of(meeting, args.motion)
        amendment_id = None
        if args.amendment is not None:
            if not 1 <= args.amendment <= len(motion.amendments):
                raise InputError("no amendment with that number on this motion", field="--amendment")
            amendment_id = motion.amendments[args.amendment - 1].id
        outcome = meetings.record_vote(
            ws, meeting.id, motion.id, in_favour=args.in_favour, against=args.against, abstentions=args.abstain,
            blank=args.blank, roll_call=_roll_call(ws, args.roll_call) if args.roll_call else None,
            secret_ballot=args.secret, casting_vote=_VOTES.get(args.casting) if args.casting else None,
            amendment_id=amendment_id, rules=load_rules(args), community_in_favour=args.community_in_favour,
            community_against=args.community_against,
        )
    emit(args, outcome_summary(outcome), outcome.explanation)
    return 0


def cmd_consensus(args: argparse.Namespace) -> int:
    """Record a consensus test and announce the result."""
    from formation import meetings

    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting)
        motion = motion_of(meeting, args.motion)
        asides = []
        for value in args.stand_aside:
            who, sep, reason = value.partition(":")
            if not sep or not reason.strip():
                raise InputError("must be MEMBER:REASON (a stand-aside gives a reason)", field="--stand-aside")
            asides.append((member_id(ws, who, "--stand-aside"), reason.strip()))
        blocks = []
        for value in args.block:
            who, _, reason = value.partition(":")
            blocks.append((member_id(ws, who, "--block"), reason.strip() or None))
        outcome = meetings.record_consensus(ws, meeting.id, motion.id, agree=args.agree, stand_asides=asides,
                                           blocks=blocks, rules=load_rules(args))
    emit(args, outcome_summary(outcome), outcome.explanation)
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    """Withdraw a pending motion."""
    from formation import meetings

    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting)
        motion = motion_of(meeting, args.motion)
        meetings.withdraw_motion(ws, meeting.id, motion.id)
    emit(args, {"number": motion.number, "result": "withdrawn"}, f"Motion {motion.number} withdrawn")
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    """Close a meeting."""
    from formation import meetings

    with open_workspace(args) as ws:
        meeting = find_meeting(ws, args.meeting)
        closed = meetings.close_meeting(ws, meeting.id, end_time=args.end_time, rules=load_rules(args))
        data = meeting_summary(closed, work_names(ws))
    quorum = closed.quorum.explanation if closed.quorum else "no quorum applies"
    emit(args, data, f"Meeting closed. {quorum}")
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    """Approve (and optionally lock) minutes."""
    from formation import minutes

    with open_workspace(args) as ws, ws.batch():
        meeting = find_meeting(ws, args.meeting)
        at = find_meeting(ws, args.at)
        approved = minutes.approve_minutes(ws, meeting.id, at_meeting_id=at.id, corrections=args.corrections,
                                           rules=load_rules(args))
        if args.lock:
            approved = minutes.lock_minutes(ws, meeting.id, on=at.date)
    data = {"meeting": str(approved.id), "minutes": approved.minutes.label, "content_hash": approved.minutes.content_hash}
    emit(args, data, f"Minutes {approved.minutes.label.lower()}" + (
        f"; fingerprint {approved.minutes.content_hash}" if approved.minutes.content_hash else ""))
    return 0
