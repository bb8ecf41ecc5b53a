"""``formation contexts list|show|check``: the legal contexts shipped in ``legal_contexts/``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from formation.cli.common import EXIT_CODES_HELP, Formatter, add_json_argument, emit
from formation.errors import InputError

NOT_ADVICE = "This is legal information, not legal advice. Check each source and its date."


def register(subparsers: Any) -> None:
    """Add the ``contexts`` command group."""
    group = subparsers.add_parser(
        "contexts",
        help="legal contexts: list, show, check",
        description="The legal contexts formation knows: legal forms, steps, obligations, networks.\n" + NOT_ADVICE,
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    sub = group.add_subparsers(dest="contexts_command", metavar="COMMAND")

    p = sub.add_parser("list", help="list every legal context", epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    add_json_argument(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one legal context or one of its forms", epilog=EXIT_CODES_HELP, formatter_class=Formatter)
    p.add_argument("context", help="the context id, e.g. nz")
    p.add_argument("--form", help="show one legal form in full (its id, e.g. incorporated_society)")
    add_json_argument(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "check",
        help="validate every context file (names file, field and line on error)",
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    p.add_argument("--dir", type=Path, default=None, help="check the *.toml files of this folder instead of the shipped ones")
    add_json_argument(p)
    p.set_defaults(func=cmd_check)
    group.set_defaults(func=lambda args: (group.print_help(), 2)[1])


def cmd_list(args: argparse.Namespace) -> int:
    """Print every context: id, name, sex work treatment, forms, review date."""
    from formation.contexts import list_contexts

    summaries = list_contexts()
    data = [
        {
            "id": s.id,
            "name": s.name,
            "country": s.country,
            "subdivision": s.subdivision,
            "sex_work": s.sex_work,
            "forms": [{"id": fid, "name": fname} for fid, fname in s.forms],
            "reviewed_on": s.reviewed_on,
        }
        for s in summaries
    ]

    def text() -> str:
        lines = []
        for s in summaries:
            lines.append(f"{s.id:<10} {s.name}  (sex work: {s.sex_work.replace('_', ' ')}; reviewed {s.reviewed_on})")
            for fid, fname in s.forms:
                lines.append(f"{'':<12}{fid}: {fname}")
        lines.append("")
        lines.append(NOT_ADVICE)
        return "\n".join(lines)

    emit(args, data, text)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one context (or one form) with every fact's sources and checked-on dates."""
    from formation.contexts import find_form, load_context

    context = load_context(args.context)
    if args.form:
        _, form = find_form(context.id, args.form)
        emit(args, {"context": context.id, "form": form.model_dump(mode="json"), "sources": _sources(context, form)},
             lambda: _form_text(context, form))
        return 0
    emit(args, context.model_dump(mode="json"), lambda: _context_text(context))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every context file; exit 3 if any fails."""
    from formation.contexts import check_all

    directory = args.dir
    if directory is not None and not directory.is_dir():
        raise InputError("is not a folder", field="--dir")
    results = check_all(directory=directory)
    data = [{"file": r.file, "ok": r.ok, "context": r.context_id, "error": str(r.error) if r.error else None} for r in results]
    failed = [r for r in results if not r.ok]

    def text() -> str:
        lines = [f"ok      {r.file}" if r.ok else f"FAILED  {r.error}" for r in results]
        lines.append(f"{len(results) - len(failed)} of {len(results)} context files passed")
        return "\n".join(lines)

    emit(args, data, text)
    return 3 if failed else 0


def _sources(context: Any, form: Any) -> dict[str, Any]:
    used: set[str] = set()

    def walk(obj: Any) -> None:
        if isinstance(obj, dict):
            for key, value in obj.items():
                if key == "sources" and isinstance(value, list):
                    used.update(value)
                else:
                    walk(value)
        elif isinstance(obj, list):
            for item in obj:
                walk(item)

    walk(form.model_dump(mode="json"))
    return {sid: context.sources[sid].model_dump(mode="json") for sid in sorted(used) if sid in context.sources}


def _cite(context: Any, ids: list[str]) -> str:
    parts = []
    for sid in ids:
        src = context.sources.get(sid)
        if src is not None:
            parts.append(f"{src.url} (checked {src.checked_on.isoformat()}{', secondary' if src.secondary else ''})")
    return "; ".join(parts) if parts else "unknown: not confirmed"


def _context_text(context: Any) -> str:
    sw = context.sex_work
    lines = [
        f"{context.name} [{context.id}]   reviewed {context.reviewed_on.isoformat()}",
        f"Languages: {', '.join(context.languages)}",
        "",
        f"Sex work: {sw.treatment.replace('_', ' ')}",
        f"  {sw.summary}",
        f"Registering openly: {sw.registering_openly}",
        f"  Sources: {_cite(context, sw.sources)}",
        "",
        "Legal forms:",
    ]
    for form in context.forms:
        closed = "" if form.open_to_new else "  (no longer open to new groups)"
        lines.append(f"  {form.id}: {form.name}{closed}")
        lines.append(f"    {len(form.steps)} steps, {len(form.obligations)} obligations; "
                     f"formation contexts show {context.id} --form {form.id}")
    lines.append("")
    lines.append("Sex worker-led networks:")
    for net in context.networks:
        lines.append(f"  {net.name} ({net.scope}, {net.area}): {net.url}")
    lines += ["", NOT_ADVICE]
    return "\n".join(lines)


def _value(fact: Any, attr: str) -> str:
    value = getattr(fact, attr)
    return "unknown" if value == "unknown" else str(value)


def _form_text(context: Any, form: Any) -> str:
    lines = [f"{form.name} [{form.id}] in {context.name}", f"  {form.summary}"]
    if form.statute:
        lines.append(f"  Law: {form.statute}")
    if form.registrar:
        lines.append(f"  Registrar: {form.registrar.name}")
    for label, minimum in (("Minimum founders", form.min_founders), ("Minimum members", form.min_members)):
        if minimum is not None:
            lines.append(f"  {label}: {_value(minimum, 'count')}" + (f" ({minimum.note})" if minimum.note else ""))
    for fee in form.fees:
        amount = "unknown" if fee.is_unknown else f"{fee.amount} {fee.currency} as of {fee.as_of.isoformat()}"
        lines.append(f"  Fee, {fee.label}: {amount}")
    if form.required_contents:
        lines.append("  The governing document must contain:")
        for item in form.required_contents:
            mark = "" if item.confirmed else " [not confirmed]"
            lines.append(f"    - [{item.id}] {item.title} ({item.reference}){mark}")
    if form.public_exposure:
        lines.append("  What becomes visible:")
        for item in form.public_exposure:
            lines.append(f"    - {item.what} (visible to: {item.visible_to})")
    if form.refusal_risks:
        lines.append("  Refusal risks:")
        for item in form.refusal_risks:
            lines.append(f"    - {item.risk}\n      Mitigation: {item.mitigation}")
    if form.steps:
        lines.append("  Steps:")
        for step in form.steps:
            after = f" (after: {', '.join(step.depends_on)})" if step.depends_on else ""
            names = "  [legal names required]" if step.legal_names_required else ""
            lines.append(f"    - [{step.id}] {step.title}{after}{names}")
    if form.obligations:
        lines.append("  Obligations:")
        for ob in form.obligations:
            lines.append(f"    - [{ob.id}] {ob.title}: {ob.description} ({ob.reference})")
    lines += ["", f"Sources: {_cite(context, form.sources)}", NOT_ADVICE]
    return "\n".join(lines)
