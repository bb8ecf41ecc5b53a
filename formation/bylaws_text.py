"""From a bylaws version's choices to plain text: resolved clauses, frozen text, Markdown.

Pure functions over the clause library and a ``BylawsVersion``: they fill each clause's
placeholders with its parameter values (``formation.clause_text``) and put the included clauses in
the library's article order. ``formation.bylaws`` builds the render context on top of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from formation.clause_text import check_value, expand_objects, fill, these
from formation.clauses import BodyPart, ClauseLibrary, ClauseSpec, OptionSpec, check_constraints
from formation.errors import ValidationFailed
from formation.models.bylaws import BylawsVersion, ClauseSelection, FrozenArticle, FrozenClause

DEFAULT_GOVERNING_BODY_NAME = "committee"


@dataclass(frozen=True)
class ResolvedClause:
    """A clause of a version with its choices resolved against the library.

    Attributes:
        spec: the library clause.
        options: ``{choice id: OptionSpec}`` chosen (library defaults for choices the version
            does not name).
        values: ``{parameter name: value}``, checked against each parameter's type.
        custom_paragraphs: the group's replacement text, or None.
    """

    spec: ClauseSpec
    options: Mapping[str, OptionSpec]
    values: Mapping[str, Any]
    custom_paragraphs: Sequence[str] | None = None


def _source(version: BylawsVersion) -> str:
    return f"bylaws v{version.number}"


def resolve_clause(spec: ClauseSpec, selection: ClauseSelection) -> tuple[ResolvedClause | None, list[tuple[str, str]]]:
    """Resolve one clause's selection.

    Returns:
        ``(resolved, problems)``: the resolved clause (None when there are problems) and the
        ``(field, message)`` problems found (unknown choice or option, a value of the wrong type
        or out of bounds, a broken constraint), fields written ``"<clause>.<name>"``.
    """
    problems: list[tuple[str, str]] = []
    options: dict[str, OptionSpec] = {}
    for part in spec.choices:
        option_id = selection.options.get(part.choice, part.default_option.id)  # type: ignore[arg-type]
        option = part.option(option_id)
        if option is None:
            problems.append((f"{spec.id}.{part.choice}", "names an option this clause does not have"))
        else:
            options[part.choice] = option  # type: ignore[index]
    for choice_id in selection.options:
        if spec.choice(choice_id) is None:
            problems.append((f"{spec.id}.{choice_id}", "is not a choice of this clause"))
    values: dict[str, Any] = {}
    for name, pspec in spec.parameters.items():
        raw = selection.parameters.get(name, pspec.default)
        try:
            values[name] = check_value(pspec.type, raw, minimum=pspec.minimum, maximum=pspec.maximum)
        except ValueError as exc:
            problems.append((f"{spec.id}.{name}", str(exc)))
    for name in selection.parameters:
        if name not in spec.parameters:
            problems.append((f"{spec.id}.{name}", "is not a parameter of this clause"))
    if not problems:
        problems.extend(check_constraints(spec, values))
    if problems:
        return None, problems
    return ResolvedClause(spec, options, values, selection.custom_paragraphs), []


def resolve_version(version: BylawsVersion, library: ClauseLibrary) -> list[ResolvedClause]:
    """Resolve every clause a version includes, in document order.

    Raises:
        ValidationFailed: a clause is not in the library, or a choice or value is invalid
            (``source`` names the version, each problem the clause and choice or parameter).
    """
    problems: list[tuple[str, str]] = []
    for clause_id in version.clauses:
        if clause_id not in library.clauses:
            problems.append((clause_id, "is not a clause of this version of formation's library"))
    resolved = []
    for clause_id, spec in library.clauses.items():
        selection = version.clauses.get(clause_id)
        if selection is None:
            continue
        clause, found = resolve_clause(spec, selection)
        problems.extend(found)
        if clause is not None:
            resolved.append(clause)
    if problems:
        raise ValidationFailed(problems, source=_source(version))
    return resolved


def document_globals(
    resolved: Sequence[ResolvedClause], organization_name: str, document_title: str = "Constitution"
) -> dict[str, Any]:
    """The document-wide placeholder values: the organization's name, the governing body's name,
    and how the document names itself (``formation.clause_text.these``)."""
    body_name = next(
        (str(c.values["body_name"]) for c in resolved if c.spec.id == "governing_body" and "body_name" in c.values),
        DEFAULT_GOVERNING_BODY_NAME,
    )
    return {"organization_name": organization_name, "governing_body": body_name, "these_bylaws": these(document_title)}


def clause_paragraphs(clause: ResolvedClause, globals_: Mapping[str, Any], objects: Sequence[str]) -> list[str]:
    """The paragraphs of a resolved clause as plain text, placeholders filled.

    Args:
        clause: the resolved clause.
        globals_: ``document_globals`` values.
        objects: the organization's objects (for ``{organization_objects}``).

    Returns:
        The paragraphs; the group's custom paragraphs instead when it set them.
    """
    if clause.custom_paragraphs is not None:
        return [p for p in clause.custom_paragraphs]
    values = {**globals_, **clause.values}
    types = {name: p.type for name, p in clause.spec.parameters.items()}
    out: list[str] = []
    for part in clause.spec.body:
        paragraphs = part.text if part.text is not None else clause.options[part.choice].text  # type: ignore[index]
        for paragraph in paragraphs:
            if paragraph.strip() == "{organization_objects}":
                out.extend(expand_objects(objects))
            else:
                out.append(fill(paragraph, values, types))
    return out


def version_text(
    version: BylawsVersion,
    library: ClauseLibrary,
    *,
    organization_name: str,
    objects: Sequence[str],
    document_title: str = "Constitution",
) -> list[FrozenArticle]:
    """The full text of a version: articles in library order, each with its included clauses.

    ``document_title`` is what the legal form calls the document; the text names itself after it
    ("this constitution", "these rules").

    A version that left ``draft`` returns its frozen text unchanged. Articles with no included
    clause are left out. Raises ``ValidationFailed`` as ``resolve_version`` does.
    """
    if version.frozen_text is not None:
        return [article.model_copy(deep=True) for article in version.frozen_text]
    resolved = resolve_version(version, library)
    globals_ = document_globals(resolved, organization_name, document_title)
    by_article: dict[str, list[FrozenClause]] = {}
    for clause in resolved:
        by_article.setdefault(clause.spec.article, []).append(
            FrozenClause(id=clause.spec.id, title=clause.spec.title, paragraphs=clause_paragraphs(clause, globals_, objects))
        )
    return [
        FrozenArticle(title=article.title, clauses=by_article[article.id])
        for article in library.articles
        if article.id in by_article
    ]


def choice_summary(spec: ClauseSpec, part: BodyPart, option: OptionSpec) -> dict[str, str]:
    """A choice and its chosen option for display: question, option id and label, and the power
    consequence."""
    return {"choice": part.choice or "", "question": part.question or "", "option": option.id,
            "label": option.label, "power": option.power}


# ----------------------------------------------------------------------------- Markdown
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])")


def _md(text: str) -> str:
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def bylaws_markdown(context: Mapping[str, Any]) -> str:
    """The bylaws as Markdown, for the terminal and for line-by-line diffs.

    Args:
        context: a render context (``formation.bylaws.render_context``).

    Returns:
        Markdown text: a title, the version line, the disclaimer as a quote, then ``## Article``
        and ``### n.m Title`` headings with one paragraph per line. Markdown characters in the
        text are escaped, so a name like ``Rose & Thorn <Co-op>`` shows as written.
    """
    doc = context["document"]
    lines = [f"# {_md(doc['title'])}: {_md(context['organization']['name'])}", ""]
    status = doc["status"] + (f" on {doc['status_date']}" if doc.get("status_date") else "")
    lines += [f"Version {doc['version']}, {status}.", "", f"> {_md(doc['disclaimer'])}", ""]
    for article in context["articles"]:
        lines += [f"## Article {article['number']}. {_md(article['title'])}", ""]
        for clause in article["clauses"]:
            lines += [f"### {clause['number']} {_md(clause['title'])}", ""]
            for paragraph in clause["paragraphs"]:
                lines += [_md(paragraph), ""]
    return "\n".join(lines).rstrip("\n") + "\n"



def choices_overview(version: BylawsVersion, library: ClauseLibrary) -> list[dict[str, Any]]:
    """Each included clause's choices and parameters, for a screen or ``bylaws show --choices``.

    Returns:
        ``[{"number": "4.2", "id", "title", "explanation", "choices": [{"choice", "question",
        "option", "label", "power", "options": [{"id", "label", "power"}]}], "parameters":
        {name: value as written in the text}}]`` in document order.

    Raises:
        ValidationFailed: as ``resolve_version``.
    """
    from formation.clause_text import format_value

    rows: list[dict[str, Any]] = []
    articles: dict[str, int] = {}
    counts: dict[str, int] = {}
    for clause in resolve_version(version, library):
        spec = clause.spec
        articles.setdefault(spec.article, len(articles) + 1)
        counts[spec.article] = counts.get(spec.article, 0) + 1
        choices = []
        for part in spec.choices:
            chosen = clause.options[part.choice]  # type: ignore[index]
            summary = choice_summary(spec, part, chosen)
            summary["options"] = [{"id": o.id, "label": o.label, "power": o.power} for o in part.options]
            choices.append(summary)
        rows.append({
            "number": f"{articles[spec.article]}.{counts[spec.article]}",
            "id": spec.id,
            "title": spec.title,
            "explanation": spec.explanation,
            "choices": choices,
            "parameters": {n: format_value(p.type, clause.values[n]) for n, p in spec.parameters.items()},
        })
    return rows
