"""Plain-text output of the bylaws and structure commands (the ``--json`` forms print the data)."""

from __future__ import annotations

import textwrap
from typing import Any

WIDTH = 100


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), width=WIDTH, initial_indent=indent, subsequent_indent=indent)


def clauses_text(library: Any) -> str:
    """The clause library: articles, clauses, their choices and parameters."""
    lines: list[str] = []
    for number, article in enumerate(library.articles, 1):
        lines.append(f"Article {number}. {article.title}")
        for spec in library.clauses.values():
            if spec.article != article.id:
                continue
            optional = " (optional)" if spec.optional else ""
            lines.append(f"  {spec.id}: {spec.title}{optional}")
            for part in spec.choices:
                options = ", ".join(o.id + ("*" if o.default else "") for o in part.options)
                lines.append(f"    {spec.id}.{part.choice}: {options}")
            for name, p in spec.parameters.items():
                lines.append(f"    {spec.id}.{name} ({p.type}, default {p.default}): {p.label}")
        lines.append("")
    lines.append("* = the option a new draft starts with. Set one with: formation bylaws set CLAUSE.NAME VALUE")
    return "\n".join(lines)


def versions_text(draft: Any) -> str:
    """Every version with its status history."""
    lines = [f"{draft.title}: {len(draft.versions)} version(s)"]
    in_force = draft.adopted
    for v in draft.versions:
        steps = ", ".join(f"{h.status.replace('_', ' ')} {h.on.isoformat()}" for h in v.history)
        based = f", from v{v.based_on}" if v.based_on else ""
        mark = "  <- in force" if in_force is not None and v.number == in_force.number else ""
        lines.append(f"  v{v.number}: {steps}{based}; {len(v.clauses)} clauses{mark}")
        if v.note:
            lines.append(_wrap(v.note, "      "))
    return "\n".join(lines)


def choices_text(rows: list[dict[str, Any]]) -> str:
    """Each clause's choices: the chosen option and what it means for who holds power."""
    lines: list[str] = []
    for row in rows:
        lines.append(f"{row['number']} {row['title']} [{row['id']}]")
        for c in row["choices"]:
            lines.append(f"  {c['question']}")
            lines.append(f"    -> {c['label']} ({row['id']}.{c['choice']} = {c['option']})")
            lines.append(_wrap("Power: " + c["power"], "       "))
        for name, value in row["parameters"].items():
            lines.append(f"  {row['id']}.{name} = {value}")
        lines.append("")
    return "\n".join(lines).rstrip()


_SYMBOL = {"pass": "pass", "fail": "FAIL", "unknown": "unknown", "not_applicable": "n/a"}


def audit_text(result: Any) -> str:
    """The audit as text: verdict, findings, the criteria matrix, completeness."""
    v = result.verdict
    lines = [f"Bylaws v{result.version}: {v.label.upper()}"]
    lines += [_wrap("- " + r) for r in v.reasons]
    lines.append("")
    if result.findings:
        lines.append("Findings (most severe first):")
        for f in result.findings:
            lines.append(f"  [{f.severity}] {f.reference}: {f.code}")
            lines.append(_wrap(f.reason, "      "))
            lines.append(_wrap("Fix: " + f.fix, "      "))
        lines.append("")
    lines.append("Criteria sets:")
    for row in result.criteria:
        note = "" if row.verification == "confirmed" else f" [{row.verification.replace('_', ' ')}]"
        lines.append(f"  {row.short_name} ({row.version}){note}: {row.verdict.upper().replace('_', ' ')}")
        for c in row.criteria:
            lines.append(f"    {_SYMBOL[c.status]:>7}  {c.text} Counted: {c.measured}")
        if row.blocked_by:
            lines.append(f"    {'FAIL':>7}  power outside the community: {', '.join(row.blocked_by)}")
        for item in row.not_checked:
            lines.append(_wrap("not checked: " + item, "             "))
        lines.append(f"             source: {row.source_url} (checked {row.checked_on})")
    if result.completeness is not None:
        c = result.completeness
        state = {True: "complete", False: "INCOMPLETE", None: "no required contents listed"}[c.complete]
        lines += ["", f"Required contents ({c.form_name}): {state}"]
        for item in c.items:
            if item.status != "covered":
                lines.append(_wrap(f"{item.status}: {item.reference}: {item.title}", "  "))
    return "\n".join(lines)


def structures_text(result: Any) -> str:
    """The structure chooser's answer as text."""
    lines = [f"Legal forms for your group in {result.context_name}", _wrap(result.disclaimer, ""), ""]
    for o in result.options:
        state = "fits" if o.fits else "does not fit"
        lines.append(f"{o.rank}. {o.name} [{o.context_id}/{o.form_id}]: {state}, score {o.score}")
        for reason in o.does_not_fit:
            lines.append(_wrap("Does not fit: " + reason, "     "))
        for reason in o.reasons_for + o.reasons_against:
            lines.append(_wrap(reason, "     "))
        lines.append(_wrap("Minimum members: " + o.minimum_members, "     "))
        lines.append(_wrap("Cost: " + "; ".join(o.cost), "     "))
        lines.append(_wrap("Time: " + o.time, "     "))
        for item in o.public:
            lines.append(_wrap("Public: " + item, "     "))
        for item in o.refusal_risks:
            lines.append(_wrap("Refusal risk: " + item, "     "))
        lines.append(_wrap("Power: " + o.power, "     "))
        lines.append("")
    return "\n".join(lines).rstrip()
