"""The bylaws clause library: its schema, and loading and checking it.

The library is data: ``templates/bylaws/articles.toml`` lists the articles in document order, and
``templates/bylaws/clauses/<id>.toml`` holds one clause each. A clause has a stable id, a title,
its article and order, a plain-language explanation, typed parameters, and a body: fixed
paragraphs and *choices*, each choice a question with options. Every option says, in ``power``,
what it means for who holds power, and may carry:

- ``rules``: dotted paths into ``formation.models.rules.GovernanceRules`` that the option sets
  (``"general_meeting_quorum.kind" = "share_of_voting_members"``), so meetings follow the adopted
  bylaws (see ``formation.bylaws.governance_rules``);
- ``effects``: facts about power that the audit reads (``PowerEffects``), e.g. a partner's veto.

A value written ``"{name}"`` in rules or effects is replaced by the clause parameter ``name``.
The loader refuses a library with any problem, naming the file and field, and loads nothing
half-way: unknown fields, duplicate ids, an article that does not exist, a choice without exactly
one default option, a placeholder that names no parameter, a stray brace, an effect or rule that
refers to an unknown parameter or path, rules that would make ``GovernanceRules`` invalid, a
default value outside its type, or defaults that break the clause's own constraints.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from formation.clause_text import (
    GLOBALS,
    LIST_GLOBALS,
    NUMBER_BOUNDS,
    ParameterValue,
    check_value,
    placeholders,
    stray_braces,
)
from formation.errors import InputError, ValidationFailed, from_validation_error
from formation.tomlsafe import parse_toml
from formation.clause_schema import (
    ArticleSpec,
    BodyPart,
    ClauseSpec,
    Constraint,
    GrantSpec,
    OptionSpec,
    ParameterSpec,
    PowerEffects,
    ArticlesFile,
)
from formation.models.rules import GovernanceRules

__all__ = [
    "ArticleSpec",
    "BodyPart",
    "ClauseLibrary",
    "ClauseSpec",
    "Constraint",
    "GrantSpec",
    "OptionSpec",
    "ParameterSpec",
    "PowerEffects",
    "apply_rules",
    "check_constraints",
    "load_library",
    "load_library_from",
    "resolve_refs",
]

@dataclass(frozen=True)
class ClauseLibrary:
    """The loaded library.

    Attributes:
        articles: the articles in document order.
        clauses: every clause by id, in document order (article, then ``order``).
    """

    articles: tuple[ArticleSpec, ...]
    clauses: Mapping[str, ClauseSpec]

    def clause(self, clause_id: str) -> ClauseSpec:
        """The clause with this id.

        Raises:
            InputError: no such clause (the message lists where to look).
        """
        try:
            return self.clauses[clause_id]
        except KeyError:
            raise InputError(
                "is not a clause of the library ('formation bylaws clauses' lists them)", field=f"clause {clause_id!r}"
            ) from None

    def article_number(self, article_id: str) -> int:
        """The 1-based number of an article in the full library order."""
        return next(i for i, a in enumerate(self.articles, 1) if a.id == article_id)


# ----------------------------------------------------------------------------- constraints
_OPS = {"<=": lambda a, b: a <= b, "<": lambda a, b: a < b, ">=": lambda a, b: a >= b, ">": lambda a, b: a > b}
_RULE = re.compile(r"^\s*([a-z0-9_.]+)\s*(<=|<|>=|>)\s*([a-z0-9_.]+)\s*$")


def _operand(token: str, values: Mapping[str, Any]) -> float:
    if token in values:
        return float(values[token])
    return float(token)


def check_constraints(spec: ClauseSpec, values: Mapping[str, ParameterValue]) -> list[tuple[str, str]]:
    """Check a clause's constraints against parameter values.

    Args:
        spec: the clause.
        values: ``{parameter name: value}`` for every parameter.

    Returns:
        ``(field, message)`` pairs for each broken constraint, field ``"<clause>.<parameter>"``
        naming the parameter on the left of the rule; empty when all hold.
    """
    problems = []
    for constraint in spec.constraints:
        left, op, right = _RULE.match(constraint.rule).groups()  # type: ignore[union-attr]
        if not _OPS[op](_operand(left, values), _operand(right, values)):
            problems.append((f"{spec.id}.{left}", constraint.message))
    return problems


# ----------------------------------------------------------------------------- rules and refs
def resolve_refs(value: Any, params: Mapping[str, ParameterValue]) -> Any:
    """Replace ``"{name}"`` strings (at any depth of dicts and lists) by parameter values."""
    if isinstance(value, str) and re.fullmatch(r"\{[a-z][a-z0-9_]*\}", value):
        return params[value[1:-1]]
    if isinstance(value, dict):
        return {k: resolve_refs(v, params) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_refs(v, params) for v in value]
    return value


def _refs(value: Any) -> list[str]:
    if isinstance(value, str):
        return [m.group(1) for m in re.finditer(r"\{([a-z][a-z0-9_]*)\}", value)]
    if isinstance(value, dict):
        return [r for v in value.values() for r in _refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    return []


def apply_rules(base: dict[str, Any], rules: Mapping[str, Any], params: Mapping[str, ParameterValue]) -> None:
    """Set dotted ``GovernanceRules`` paths in a dumped rules dict, in place.

    Raises:
        KeyError: a path does not exist in the rules (names the path).
    """
    for path, raw in rules.items():
        parts = path.split(".")
        node = base
        for part in parts[:-1]:
            if not isinstance(node, dict) or part not in node or not isinstance(node[part], dict):
                raise KeyError(path)
            node = node[part]
        if parts[-1] not in node:
            raise KeyError(path)
        node[parts[-1]] = copy.deepcopy(resolve_refs(raw, params))


_DEFAULT_RULES = GovernanceRules().model_dump(mode="python")


# ----------------------------------------------------------------------------- loading
def _read_toml(file: Traversable, source: str) -> dict[str, Any]:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", source=source) from None
    return parse_toml(text, source=source)  # syntax, nesting, long numbers: InputError naming the line


def _check_clause(spec: ClauseSpec, articles: set[str]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if spec.article not in articles:
        problems.append(("article", f"names no article in articles.toml ({spec.article!r})"))
    params = spec.parameters
    choice_ids = [c.choice for c in spec.choices]
    if len(choice_ids) != len(set(choice_ids)):
        problems.append(("body", "choice ids must be unique within a clause"))
    for clash in set(choice_ids) & set(params):
        problems.append(("body", f"{clash!r} is both a choice and a parameter; rename one"))
    defaults: dict[str, ParameterValue] = {}
    for name, pspec in params.items():
        try:
            defaults[name] = check_value(pspec.type, pspec.default, minimum=pspec.minimum, maximum=pspec.maximum)
        except ValueError as exc:
            problems.append((f"parameters.{name}.default", str(exc)))
        if pspec.type == "text" and (pspec.minimum is not None or pspec.maximum is not None):
            problems.append((f"parameters.{name}", "a text parameter has no minimum or maximum"))
        elif pspec.type in NUMBER_BOUNDS and pspec.minimum is not None and pspec.maximum is not None:
            if pspec.minimum > pspec.maximum:
                problems.append((f"parameters.{name}", "minimum is above maximum"))
    known = set(params) | set(GLOBALS)

    def check_text(field: str, paragraphs: list[str]) -> None:
        for i, para in enumerate(paragraphs):
            if stray_braces(para):
                problems.append((f"{field}.{i}", "has a { or } that is not part of a {placeholder}"))
            for name, form in placeholders(para):
                if name in LIST_GLOBALS:
                    if para.strip() != "{" + name + "}":
                        problems.append((f"{field}.{i}", f"{{{name}}} must be a paragraph on its own"))
                    continue
                if name not in known:
                    problems.append((f"{field}.{i}", f"{{{name}}} names no parameter of this clause"))
                elif form and (name not in params or params[name].type in ("share", "text")):
                    problems.append((f"{field}.{i}", f"{{{name}:{form}}}: a noun form needs a whole-number parameter"))

    def check_refs(field: str, value: Any) -> None:
        for ref in _refs(value):
            if ref not in params:
                problems.append((field, f"{{{ref}}} names no parameter of this clause"))

    def check_rules(field: str, rules: Mapping[str, Any]) -> None:
        check_refs(field, rules)
        if any(p[0] == field for p in problems):
            return
        base = copy.deepcopy(_DEFAULT_RULES)
        try:
            apply_rules(base, {**spec.rules, **rules}, defaults)
            GovernanceRules.model_validate(base)
        except KeyError as exc:
            problems.append((field, f"{exc.args[0]!r} is not a governance rule path"))
        except ValidationError as exc:
            for path, msg in from_validation_error(exc).problems:
                problems.append((field, f"would make the governance rules invalid: {path}: {msg}"))

    check_rules("rules", {})
    check_refs("effects", spec.effects.model_dump(exclude_none=True))
    for b, part in enumerate(spec.body):
        if part.text is not None:
            check_text(f"body.{b}.text", part.text)
        for o, option in enumerate(part.options):
            field = f"body.{b}.options.{o}"
            check_text(f"{field}.text", option.text)
            check_rules(f"{field}.rules", option.rules)
            check_refs(f"{field}.effects", option.effects.model_dump(exclude_none=True))
    for c, constraint in enumerate(spec.constraints):
        left, _, right = _RULE.match(constraint.rule).groups()  # type: ignore[union-attr]
        for token in (left, right):
            if token not in params and not re.fullmatch(r"\d+(\.\d+)?", token):
                problems.append((f"constraints.{c}.rule", f"{token!r} is neither a parameter nor a number"))
    if not problems and len(defaults) == len(params):
        for field, message in check_constraints(spec, defaults):
            problems.append((f"parameters.{field.split('.', 1)[1]}.default", f"the defaults break a constraint: {message}"))
    return problems


def load_library_from(folder: Traversable | Path) -> ClauseLibrary:
    """Load and check a clause library.

    Args:
        folder: a folder holding ``articles.toml`` and ``clauses/*.toml``.

    Returns:
        The ``ClauseLibrary``, clauses in document order.

    Raises:
        InputError: a file is missing, not UTF-8 or not valid TOML (``source`` names the file,
            ``line`` where TOML says).
        ValidationFailed: a file breaks the schema or the checks in this module's docstring
            (``source`` names the file; each problem names its field).
    """
    root: Traversable = Path(folder) if isinstance(folder, str) else folder
    articles_file = root / "articles.toml"
    if not articles_file.is_file():
        raise InputError("is missing", source="articles.toml")
    try:
        articles = ArticlesFile.model_validate(_read_toml(articles_file, "articles.toml")).articles
    except ValidationError as exc:
        raise from_validation_error(exc, source="articles.toml") from None
    article_ids = [a.id for a in articles]
    if len(article_ids) != len(set(article_ids)):
        raise ValidationFailed([("articles", "article ids must be unique")], source="articles.toml")
    clauses_dir = root / "clauses"
    files = sorted((f for f in clauses_dir.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    if not files:
        raise InputError("holds no clause files", source="clauses/")
    specs: list[ClauseSpec] = []
    for file in files:
        source = f"clauses/{file.name}"
        data = _read_toml(file, source)
        try:
            spec = ClauseSpec.model_validate(data)
        except ValidationError as exc:
            raise from_validation_error(exc, source=source) from None
        problems = _check_clause(spec, set(article_ids))
        if spec.id != file.name[: -len(".toml")]:
            problems.insert(0, ("id", "must equal the file name without .toml"))
        if problems:
            raise ValidationFailed(problems, source=source)
        specs.append(spec)
    seen: dict[tuple[str, int], str] = {}
    for spec in specs:
        key = (spec.article, spec.order)
        if key in seen:
            raise ValidationFailed(
                [("order", f"clause {seen[key]!r} already has order {spec.order} in article {spec.article!r}")],
                source=f"clauses/{spec.id}.toml",
            )
        seen[key] = spec.id
    position = {a: i for i, a in enumerate(article_ids)}
    specs.sort(key=lambda s: (position[s.article], s.order))
    return ClauseLibrary(articles=tuple(articles), clauses={s.id: s for s in specs})


@functools.lru_cache(maxsize=1)
def load_library() -> ClauseLibrary:
    """The clause library shipped with formation (``templates/bylaws``), loaded once per process.

    Raises:
        InputError / ValidationFailed: the shipped library is broken (see ``load_library_from``).
    """
    from formation.resources import templates_dir

    return load_library_from(templates_dir() / "bylaws")
