"""``formation registration status|next|deadlines|set|met|event``: the registration tracker.

Deadlines are dated from the organization's record, the meetings and decisions register (AGMs
held, elections of officers) and events recorded by hand; the handover plan's dates join the
overdue, due-soon and later lists.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from typing import Any

from formation.cli.common import EXIT_CODES_HELP, Formatter, add_json_argument, add_workspace_argument, emit, iso_date, open_workspace
from formation.errors import InputError

NOT_ADVICE = "Legal information, not legal advice: check each source and its date."
STATUSES = ("not_started", "in_progress", "submitted", "done", "blocked", "not_applicable")


def register(subparsers: Any) -> None:
    """Add the ``registration`` command group."""
    group = subparsers.add_parser(
        "registration",
        help="registration tracker: steps, deadlines, recovery",
        description="Where the organization stands in forming its legal form, and what falls due.\n" + NOT_ADVICE,
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    sub = group.add_subparsers(dest="registration_command", metavar="COMMAND")

    for name, func, help_text in (
        ("status", cmd_status, "every step's status, what can be done now, overdue and due-soon deadlines "
                               "(the handover plan's dates included)"),
        ("next", cmd_next, "the steps that can be done now"),
        ("deadlines", cmd_deadlines, "dated deadlines of the legal form's obligations and of the handover plan"),
    ):
        p = sub.add_parser(name, help=help_text, epilog=EXIT_CODES_HELP, formatter_class=Formatter)
        add_workspace_argument(p)
        add_json_argument(p)
        p.add_argument("--as-of", type=iso_date, default=None, help="the date to look from (YYYY-MM-DD; default today)")
        p.add_argument("--within", type=int, default=60, help="days ahead counted as due soon (default 60)")
        p.set_defaults(func=func)

    p = sub.add_parser("set", help="set a step's status", epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_workspace_argument(p)
    p.add_argument("step", help="the step id (see 'formation registration status')")
    p.add_argument("--status", required=True, choices=STATUSES)
    p.add_argument("--date", type=iso_date, default=None, help="date of the change (YYYY-MM-DD)")
    p.add_argument("--note", default=None, help="a note kept in the encrypted workspace")
    p.add_argument("--evidence", action="append", default=[], help="a reference to evidence (repeatable)")
    p.set_defaults(func=cmd_set)

    p = sub.add_parser("met", help="record that an obligation's deadline was met", epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_workspace_argument(p)
    p.add_argument("obligation", help="the obligation id")
    p.add_argument("--due", type=iso_date, required=True, help="the deadline it met (YYYY-MM-DD)")
    p.add_argument("--date", type=iso_date, required=True, help="the date it was done (YYYY-MM-DD)")
    p.set_defaults(func=cmd_met)

    p = sub.add_parser("event", help="record a dated event (agm, officer_change, host_agreement_end...)", epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_workspace_argument(p)
    p.add_argument("event", help="the event name, e.g. agm or officer_change")
    p.add_argument("date", type=iso_date, help="its date (YYYY-MM-DD)")
    p.set_defaults(func=cmd_event)
    group.set_defaults(func=lambda args: (group.print_help(), 2)[1])


# ----------------------------------------------------------------------------- loading
def load_tracker(ws: Any) -> tuple[Any, Any, Any, Any]:
    """The organization's context, form, progress record (new if none) and facts, from a workspace.

    The facts hold the dates the meetings and the decisions register give (AGMs held, elections
    and changes of officers, special resolutions: ``formation.registration.facts_from_records``);
    events recorded by hand (``registration event``) are merged by the tracker.

    Raises:
        InputError: no organization, or no legal context or form chosen.
    """
    from formation.contexts import find_form
    from formation.models import Decision, Meeting
    from formation.models.legal import RegistrationProgress
    from formation.registration import facts_from_records, new_progress

    org = ws.organization
    if org is None:
        raise InputError("this workspace has no organization yet", field="organization")
    if not org.legal_context_id or not org.legal_form_id:
        raise InputError("choose a legal context and legal form first (legal_context_id, legal_form_id)", field="organization")
    context, form = find_form(org.legal_context_id, org.legal_form_id)
    found = [p for p in ws.all(RegistrationProgress) if p.legal_form_id == form.id and p.legal_context_id == context.id]
    progress = found[0] if found else new_progress(context, form)
    return context, form, progress, facts_from_records(org, ws.all(Meeting), ws.all(Decision))


def _as_of(args: argparse.Namespace) -> _dt.date:
    return args.as_of or _dt.date.today()


def _status(args: argparse.Namespace) -> Any:
    """The tracker's picture with the handover plan's dates joined to its deadlines."""
    from formation.capacity import with_handover_deadlines
    from formation.models import HandoverItem
    from formation.registration import tracker_status

    if not 0 <= args.within <= 3660:
        raise InputError("must be between 0 and 3660 days", field="--within")
    with open_workspace(args) as ws:
        context, form, progress, facts = load_tracker(ws)
        items = ws.all(HandoverItem)
    status = tracker_status(context, form, progress, facts, as_of=_as_of(args), due_soon_days=args.within)
    return with_handover_deadlines(status, items, due_soon_days=args.within)


# ----------------------------------------------------------------------------- commands
def cmd_status(args: argparse.Namespace) -> int:
    """Print the tracker's whole picture."""
    st = _status(args)
    emit(args, status_json(st), lambda: status_text(st))
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    """Print the steps that can be done now."""
    st = _status(args)
    data = [_step_json(s) for s in st.can_do_now]

    def text() -> str:
        if not st.can_do_now:
            return "No step can be started now." if st.blocked else "Every step is done, submitted or not applicable."
        return "\n".join(f"- [{s.step.id}] {s.step.title}: {s.step.description}" for s in st.can_do_now)

    emit(args, data, text)
    return 0


def cmd_deadlines(args: argparse.Namespace) -> int:
    """Print overdue, due-soon and later deadlines."""
    st = _status(args)
    data = {
        "as_of": st.as_of.isoformat(),
        "overdue": [_deadline_json(d) for d in st.overdue],
        "due_soon": [_deadline_json(d) for d in st.due_soon],
        "upcoming": [_deadline_json(d) for d in st.upcoming],
        "cannot_date_yet": [{"obligation": m.obligation_id, "needs": m.needs} for m in st.missing],
    }
    emit(args, data, lambda: _deadlines_text(st))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    """Set a step's status and save."""
    from formation.registration import set_step_status

    with open_workspace(args) as ws:
        _, form, progress, _ = load_tracker(ws)
        try:
            updated = set_step_status(progress, form, args.step, args.status, on=args.date, note=args.note, evidence=args.evidence)
        except ValueError as exc:
            raise InputError(_plain(exc), field="--date") from None
        ws.put(updated)
    print(f"{args.step}: {args.status.replace('_', ' ')}")
    return 0


def cmd_met(args: argparse.Namespace) -> int:
    """Record a deadline as met and save."""
    from formation.registration import record_obligation_met

    with open_workspace(args) as ws:
        _, form, progress, _ = load_tracker(ws)
        ws.put(record_obligation_met(progress, form, args.obligation, due_on=args.due, done_on=args.date))
    print(f"{args.obligation}: deadline {args.due.isoformat()} met on {args.date.isoformat()}")
    return 0


def cmd_event(args: argparse.Namespace) -> int:
    """Record a dated event and save."""
    from typing import get_args

    from formation.models.due_rules import EventName
    from formation.registration import record_event

    known = get_args(EventName)
    if args.event not in known:
        raise InputError(f"is not a known event (known: {', '.join(known)})", field="event")
    with open_workspace(args) as ws:
        _, _, progress, _ = load_tracker(ws)
        ws.put(record_event(progress, args.event, args.date))
    print(f"recorded {args.event.replace('_', ' ')} on {args.date.isoformat()}")
    return 0


def _plain(exc: Exception) -> str:
    text = str(exc).splitlines()
    return text[-1].strip() if text else "is invalid"


# ----------------------------------------------------------------------------- rendering
def _deadline_json(d: Any) -> dict[str, Any]:
    return {
        "obligation": d.obligation_id,
        "title": d.title,
        "due": d.due.isoformat(),
        "basis": d.basis,
        "reference": d.reference,
        "projected": d.projected,
        "occurrence": d.occurrence,
    }


def _step_json(s: Any) -> dict[str, Any]:
    p = s.progress
    return {
        "step": s.step.id,
        "title": s.step.title,
        "status": s.status,
        "waiting_for": list(s.waiting_for),
        "started_on": p.started_on.isoformat() if p.started_on else None,
        "submitted_on": p.submitted_on.isoformat() if p.submitted_on else None,
        "done_on": p.done_on.isoformat() if p.done_on else None,
        "legal_names_required": s.step.legal_names_required,
    }


def status_json(st: Any) -> dict[str, Any]:
    """A ``TrackerStatus`` as plain JSON data (dates as ISO strings); no member data."""
    return {
        "context": st.context_id,
        "form": st.form_id,
        "as_of": st.as_of.isoformat(),
        "steps": [_step_json(s) for s in st.steps],
        "can_do_now": [s.step.id for s in st.can_do_now],
        "blocked": {s.step.id: list(s.waiting_for) for s in st.blocked},
        "overdue": [_deadline_json(d) for d in st.overdue],
        "due_soon": [_deadline_json(d) for d in st.due_soon],
        "cannot_date_yet": [{"obligation": m.obligation_id, "needs": m.needs} for m in st.missing],
        "recovery": [
            {
                "obligation": r.obligation_id,
                "missed_due": r.missed_due.isoformat(),
                "summary": r.summary,
                "consequence": r.consequence,
                "restart_form": r.restart_form_id,
                "steps": [{"step": s.id, "title": s.title} for s in r.steps],
            }
            for r in st.recovery
        ],
    }


def status_text(st: Any) -> str:
    """A ``TrackerStatus`` as plain text."""
    lines = [f"Legal form: {st.form_id} ({st.context_id}), as of {st.as_of.isoformat()}", "", "Steps:" if st.steps else "Steps: none"]
    for s in st.steps:
        wait = f"  waits for: {', '.join(s.waiting_for)}" if s.waiting_for and s.status not in ("done", "not_applicable") else ""
        lines.append(f"  [{s.status.replace('_', ' '):<14}] {s.step.id}: {s.step.title}{wait}")
    lines.append("")
    lines.append("Can be done now: " + (", ".join(s.step.id for s in st.can_do_now) or "nothing"))
    lines.append("")
    lines.append(_deadlines_text(st))
    for r in st.recovery:
        lines += ["", f"MISSED: {r.title} (due {r.missed_due.isoformat()})", f"  {r.summary}", f"  {r.consequence}", "  What to do now:"]
        for i, step in enumerate(r.steps, start=1):
            lines.append(f"    {i}. {step.title}")
        if r.restart_form_id:
            lines.append(f"  (steps of the legal form '{r.restart_form_id}')")
    lines += ["", NOT_ADVICE]
    return "\n".join(lines)


def _deadlines_text(st: Any) -> str:
    lines = []
    for label, items in (("Overdue", st.overdue), ("Due soon", st.due_soon), ("Later", st.upcoming)):
        lines.append(f"{label}:" if items else f"{label}: none")
        for d in items:
            guess = "  (assumes earlier meetings on their last day)" if d.projected else ""
            lines.append(f"  {d.due.isoformat()}  {d.title}: {d.basis} [{d.reference}]{guess}")
    for m in st.missing:
        lines.append(f"Cannot date '{m.obligation_id}' yet: needs {m.needs}.")
    return "\n".join(lines)
