"""``formation bylaws ...``: draft, change, review, adopt, audit and render the bylaws.

The bylaws live in the workspace as one ``BylawsDraft`` record with numbered versions. Commands
that change a version take ``--version N`` (default: the newest). Dates default to today (the
command line is the one place that reads the clock).
"""

from __future__ import annotations

import argparse
import datetime as _dt
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
)
from formation.errors import InputError


def _parser(sub: Any, name: str, help_: str, description: str | None = None) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_, description=description or help_, epilog=EXIT_CODES_HELP,
                       formatter_class=Formatter)
    add_workspace_argument(p)
    return p


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``formation bylaws ...``."""
    bylaws = sub.add_parser("bylaws", help="draft the bylaws, audit who holds power, render the document",
                            formatter_class=Formatter, epilog=EXIT_CODES_HELP)
    bsub = bylaws.add_subparsers(dest="bylaws_command", metavar="ACTION", required=True)

    p = bsub.add_parser("clauses", help="list the clause library: clauses, choices, parameters",
                        epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_json_argument(p)
    p.set_defaults(func=cmd_clauses)

    p = _parser(bsub, "new", "start the bylaws, or a new version of them",
                "Start the bylaws (version 1, every clause with its default choices), or, when they "
                "exist, a new version with the choices of the newest (or --from-version N).")
    p.add_argument("--title", default="Constitution", help="what the legal form calls it: Constitution, Bylaws, Rules")
    p.add_argument("--from-version", type=int, help="the version to start the new one from")
    p.add_argument("--leave-out", action="append", default=[], metavar="CLAUSE", help="an optional clause to leave out")
    p.add_argument("--include", action="append", default=[], metavar="CLAUSE",
                   help="an optional clause a new draft leaves out to put in (the clauses the legal form "
                        "requires are put in anyway)")
    p.add_argument("--note", help="what the new version is for")
    p.add_argument("--on", type=iso_date, help="the date (default: today)")
    add_json_argument(p)
    p.set_defaults(func=cmd_new)

    p = _parser(bsub, "set", "change a choice or parameter of a draft version",
                "Set CLAUSE.CHOICE to an option id, or CLAUSE.PARAMETER to a value (a share as 0.6 or "
                "60%, days as a whole number). --leave-out / --include take an optional clause out or "
                "put it back. 'formation bylaws clauses' lists every name.")
    p.add_argument("target", metavar="CLAUSE[.NAME]", help="e.g. quorum.kind, governing_body.seats, disputes_and_complaints")
    p.add_argument("value", nargs="?", help="the option id or the parameter value")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--leave-out", action="store_true", help="leave the clause out of the version")
    group.add_argument("--include", action="store_true", help="put the clause (back) in, with its defaults")
    p.add_argument("--version", type=int, help="the version to change (default: the newest)")
    add_json_argument(p)
    p.set_defaults(func=cmd_set)

    p = _parser(bsub, "show", "show a version as text (Markdown), or its choices")
    p.add_argument("--version", type=int, help="the version (default: the newest)")
    p.add_argument("--choices", action="store_true", help="show each clause's choices and what they mean for power")
    add_json_argument(p)
    p.set_defaults(func=cmd_show)

    p = _parser(bsub, "versions", "list the versions and their status dates")
    add_json_argument(p)
    p.set_defaults(func=cmd_versions)

    p = _parser(bsub, "review", "send a draft version out for review (its text is frozen)")
    p.add_argument("--version", type=int, help="the version (default: the newest)")
    p.add_argument("--on", type=iso_date, help="the date (default: today)")
    add_json_argument(p)
    p.set_defaults(func=cmd_review)

    p = _parser(bsub, "adopt", "record that a general meeting adopted a version")
    p.add_argument("--version", type=int, help="the version (default: the newest)")
    p.add_argument("--on", type=iso_date, required=True, help="the date of the general meeting")
    add_json_argument(p)
    p.set_defaults(func=cmd_adopt)

    p = _parser(bsub, "audit", "check who holds power: findings, criteria sets, verdict, completeness",
                "Audit a version against the members and governing body recorded: each finding with "
                "its clause and fix, a pass/fail matrix per criteria set, the verdict (community-led "
                "or community-based) and, when a legal form is chosen, the contents its law requires.")
    p.add_argument("--version", type=int, help="the version (default: the newest)")
    p.add_argument("--criteria", action="append", metavar="NAME",
                   help="a criteria set to check (id or short name, e.g. ruf, caswlr); repeat; default all")
    staff = p.add_mutually_exclusive_group()
    staff.add_argument("--staff", metavar="TOTAL:COMMUNITY",
                       help="paid staff and how many are community members, e.g. 3:2 (default: the counts "
                            "recorded with 'formation organization set --staff', else not recorded)")
    staff.add_argument("--no-staff", action="store_true", help="the organization has no paid staff")
    add_json_argument(p)
    p.set_defaults(func=cmd_audit)

    p = _parser(bsub, "render", "write the bylaws as .docx, .md or .pdf",
                "Render a version into a file. The name becomes a safe file name inside the folder of "
                "--out (mode 0600, written whole or not at all, never over an existing file without "
                "--overwrite). PDF needs LibreOffice; it is made in that folder, from a .docx staged "
                "there and removed after. The bylaws name no member, so every export profile gives "
                "the same text; a shareable or aggregate copy (the default: bylaws go to registrars, "
                "lawyers and partners) is first searched for every member's work and legal name, and "
                "a name found stops the export.")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write (e.g. bylaws.docx)")
    p.add_argument("--template", type=Path, metavar="FILE", help="your own Word layout (checked before use)")
    p.add_argument("--format", choices=["docx", "md", "pdf"], help="default: from the --out extension, else docx")
    p.add_argument("--version", type=int, help="the version (default: the newest)")
    p.add_argument("--profile", choices=["internal", "shareable", "aggregate"], default="shareable",
                   help="who it is for; shareable and aggregate copies are checked for members' names "
                        "(default: shareable)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file of that name")
    p.set_defaults(func=cmd_render)


# ----------------------------------------------------------------------------- helpers
def _today(args: argparse.Namespace) -> _dt.date:
    return getattr(args, "on", None) or _dt.date.today()


def _organization(ws: Any) -> Any:
    org = ws.organization
    if org is None:
        raise InputError("no organization is recorded in this workspace; create it first", field="organization")
    return org


def _draft(ws: Any) -> Any:
    from formation.models.bylaws import BylawsDraft

    drafts = ws.all(BylawsDraft)
    if not drafts:
        raise InputError("there are no bylaws yet; start them with 'formation bylaws new'", field="bylaws")
    if len(drafts) > 1:
        raise InputError("this workspace holds more than one bylaws record; keep one", field="bylaws")
    return drafts[0]


def _checked_on(org: Any) -> str:
    if not org.legal_context_id:
        return "unknown"
    from formation.contexts import load_context

    return load_context(org.legal_context_id).reviewed_on.isoformat()


def _version_summary(draft: Any, number: int) -> dict[str, Any]:
    v = draft.versions[number - 1]
    return {"id": str(draft.id), "version": v.number, "status": v.status,
            "history": [{"status": h.status, "on": h.on.isoformat()} for h in v.history],
            "clauses": list(v.clauses)}


# ----------------------------------------------------------------------------- commands
def cmd_clauses(args: argparse.Namespace) -> int:
    """``bylaws clauses``: the clause library."""
    from formation.clauses import load_library

    from formation.cli.bylaws_output import clauses_text

    library = load_library()
    data = [{"id": s.id, "title": s.title, "article": s.article, "optional": s.optional,
             "explanation": s.explanation,
             "choices": [{"choice": c.choice, "question": c.question,
                          "options": [{"id": o.id, "label": o.label, "power": o.power, "default": o.default}
                                      for o in c.options]} for c in s.choices],
             "parameters": {n: {"type": p.type, "default": p.default, "label": p.label, "help": p.help}
                            for n, p in s.parameters.items()}}
            for s in library.clauses.values()]
    emit(args, data, lambda: clauses_text(library))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """``bylaws new``: start the bylaws or a new version."""
    from formation import bylaws
    from formation.models.bylaws import BylawsDraft

    with open_workspace(args) as ws:
        org = _organization(ws)
        existing = ws.all(BylawsDraft)
        if existing:
            if args.leave_out:
                raise InputError("applies only when starting the bylaws; use 'bylaws set CLAUSE --leave-out'",
                                 field="--leave-out")
            draft = bylaws.new_version(_draft(ws), on=_today(args), from_version=args.from_version, note=args.note)
        else:
            if args.from_version:
                raise InputError("there are no versions yet to start from", field="--from-version")
            include = list(args.include)
            if org.legal_context_id and org.legal_form_id:
                from formation.contexts import load_context

                include += bylaws.clauses_for_form(load_context(org.legal_context_id), org.legal_form_id)
            draft = bylaws.new_draft(on=_today(args), title=args.title, organization=org,
                                     leave_out=args.leave_out, include=[c for c in include if c not in args.leave_out])
        ws.put(draft)
        number = draft.latest.number
    emit(args, _version_summary(draft, number), f"Started v{number} of the {draft.title.lower()} (draft).")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    """``bylaws set``: change a draft version."""
    from formation import bylaws

    with open_workspace(args) as ws:
        draft = _draft(ws)
        if args.leave_out or args.include:
            if "." in args.target or args.value is not None:
                raise InputError("--leave-out and --include take a clause id only", field="target")
            if args.leave_out:
                draft = bylaws.leave_out(draft, args.target, version=args.version)
                text = f"Left {args.target} out."
            else:
                draft = bylaws.include(draft, args.target, version=args.version, organization=ws.organization)
                text = f"Included {args.target}."
        else:
            if args.value is None:
                raise InputError("give a value: formation bylaws set CLAUSE.NAME VALUE", field="value")
            draft = bylaws.set_value(draft, args.target, args.value, version=args.version)
            text = f"Set {args.target}."
        ws.put(draft)
        number = bylaws.version_of(draft, args.version).number
    emit(args, _version_summary(draft, number), f"{text} (v{number})")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """``bylaws show``: the text, or the choices."""
    from formation import bylaws

    from formation.cli.bylaws_output import choices_text

    with open_workspace(args) as ws:
        draft, org = _draft(ws), _organization(ws)
        checked_on = _checked_on(org)
    if args.choices:
        from formation.clauses import load_library

        rows = bylaws.choices_overview(bylaws.version_of(draft, args.version), load_library())
        emit(args, rows, lambda: choices_text(rows))
        return 0
    context = bylaws.render_context(draft, args.version, organization=org, checked_on=checked_on)
    emit(args, context, lambda: bylaws.bylaws_markdown(context))
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    """``bylaws versions``."""
    from formation.cli.bylaws_output import versions_text

    with open_workspace(args) as ws:
        draft = _draft(ws)
    data = [_version_summary(draft, v.number) for v in draft.versions]
    emit(args, data, lambda: versions_text(draft))
    return 0


def _advance(args: argparse.Namespace, action: str) -> int:
    from formation import bylaws

    with open_workspace(args) as ws:
        draft, org = _draft(ws), _organization(ws)
        step = bylaws.submit_for_review if action == "review" else bylaws.adopt
        draft = step(draft, on=_today(args), organization=org, version=args.version)
        ws.put(draft)
        number = bylaws.version_of(draft, args.version).number
    label = "sent for review" if action == "review" else "recorded as adopted"
    emit(args, _version_summary(draft, number), f"v{number} {label} on {_today(args).isoformat()}; its text is frozen.")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """``bylaws review``."""
    return _advance(args, "review")


def cmd_adopt(args: argparse.Namespace) -> int:
    """``bylaws adopt``."""
    return _advance(args, "adopt")


def _staff(args: argparse.Namespace) -> Any:
    """The staff counts given on the command line, or None (then the workspace's are used)."""
    from formation.cli.organization import parse_staff
    from formation.power import StaffCount

    if args.no_staff:
        return StaffCount(total=0, community=0)
    if not args.staff:
        return None
    return parse_staff(args.staff)


def _agreement_grants(ws: Any) -> list[Any]:
    """The powers the current partnership agreements give partners (``formation.partners``)."""
    from formation.models.partners import Partner, PartnershipAgreement
    from formation.partners import current_power_grants

    return current_power_grants(ws.all(Partner), ws.all(PartnershipAgreement))


def cmd_audit(args: argparse.Namespace) -> int:
    """``bylaws audit``."""
    from formation.audit import audit
    from formation.cli.bylaws_output import audit_text
    from formation.criteria_sets import find_criteria_set
    from formation.models import GoverningBody, Member

    criteria = [find_criteria_set(name).id for name in args.criteria] if args.criteria else None
    staff = _staff(args)
    with open_workspace(args) as ws:
        draft, org = _draft(ws), _organization(ws)
        members = ws.all(Member)
        bodies = ws.all(GoverningBody)
        grants = _agreement_grants(ws)
    if staff is None:
        staff = org.staff  # recorded with 'formation organization set --staff', or None
    context = None
    if org.legal_context_id and org.legal_form_id:
        from formation.contexts import load_context

        context = load_context(org.legal_context_id)
    result = audit(draft, version=args.version, members=members, governing_body=bodies[0] if bodies else None,
                   staff=staff, criteria=criteria, context=context, form_id=org.legal_form_id, extra_grants=grants)
    emit(args, result.model_dump(mode="json"), lambda: audit_text(result))
    return 0


def _unescaped_markdown(text: str) -> str:
    """Markdown as a reader sees it: backslash escapes removed (``\\<`` -> ``<``)."""
    import re

    return re.sub(r"\\(.)", r"\1", text)


def cmd_render(args: argparse.Namespace) -> int:
    """``bylaws render``: .docx (default), .md or .pdf, through the safe export path
    (``formation.safe_export``): leak scan unless internal, safe name, 0600, atomic."""
    from formation import bylaws
    from formation.safe_export import export_checked, export_checked_text

    fmt = args.format or {".md": "md", ".pdf": "pdf"}.get(args.out.suffix.lower(), "docx")
    if args.template is not None and fmt == "md":
        raise InputError("a Word layout applies to .docx and .pdf only", field="--template")
    scan = args.profile != "internal"
    out = args.out if args.out.stem else args.out / "bylaws"
    with open_workspace(args) as ws:
        draft, org = _draft(ws), _organization(ws)
        checked_on = _checked_on(org)
        context = bylaws.render_context(draft, args.version, organization=org, checked_on=checked_on)
        if fmt == "md":
            text = bylaws.bylaws_markdown(context)
            path = export_checked_text(ws, text, out, what="bylaws", suffix=".md", overwrite=args.overwrite,
                                       readable=_unescaped_markdown(text), scan=scan)
        else:
            from formation.documents.bylaws import render_bylaws_docx

            data = render_bylaws_docx(context, user_layout=args.template)
            path = export_checked(ws, data, out, what="bylaws", suffix=f".{fmt}", overwrite=args.overwrite,
                                  scan=scan)
    print(f"Wrote {path}", file=sys.stdout)
    return 0
