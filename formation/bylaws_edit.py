"""Changing a bylaws version in draft: options, parameters, clauses in or out, custom text.

Pure functions: each takes a ``BylawsDraft`` and returns a new one; the input is never changed.
Re-exported by ``formation.bylaws``, which callers should use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from formation.bylaws_common import checked, default_selection, editable, library_or_default
from formation.bylaws_text import resolve_clause
from formation.clause_text import check_value, parse_value
from formation.clauses import ClauseLibrary
from formation.errors import InputError, ValidationFailed
from formation.models.bylaws import BylawsDraft, BylawsVersion, ClauseSelection
from formation.models.organization import Organization


def set_option(
    draft: BylawsDraft,
    clause_id: str,
    choice_id: str,
    option_id: str,
    *,
    version: int | None = None,
    library: ClauseLibrary | None = None,
) -> BylawsDraft:
    """Choose an option for one choice of a clause.

    Raises:
        InputError: unknown clause, choice or option; the clause is left out of this version;
            the version is not a draft.
    """
    spec = library_or_default(library).clause(clause_id)
    part = spec.choice(choice_id)
    if part is None:
        raise InputError("is not a choice of this clause", field=f"{clause_id}.{choice_id}")
    if part.option(option_id) is None:
        known = ", ".join(o.id for o in part.options)
        raise InputError(f"is not an option here (options: {known})", field=f"{clause_id}.{choice_id}")
    result, target = editable(draft, version)
    selection = _included(target, clause_id)
    selection.options[choice_id] = option_id
    return checked(result)


def set_parameter(
    draft: BylawsDraft,
    clause_id: str,
    name: str,
    value: Any,
    *,
    version: int | None = None,
    library: ClauseLibrary | None = None,
) -> BylawsDraft:
    """Set a clause parameter.

    Args:
        value: a typed value, or a string as typed (``"60%"`` or ``"0.6"`` for a share,
            ``"21"`` for days), checked against the parameter's type and bounds and the clause's
            constraints.

    Raises:
        InputError: unknown clause or parameter, a value of the wrong type or out of bounds
            (the message says what is allowed), a broken constraint, or the version is not a draft.
    """
    spec = library_or_default(library).clause(clause_id)
    pspec = spec.parameters.get(name)
    if pspec is None:
        raise InputError("is not a parameter of this clause", field=f"{clause_id}.{name}")
    try:
        if isinstance(value, str) and pspec.type != "text":
            new_value = parse_value(pspec.type, value, minimum=pspec.minimum, maximum=pspec.maximum)
        else:
            new_value = check_value(pspec.type, value, minimum=pspec.minimum, maximum=pspec.maximum)
    except ValueError as exc:
        raise InputError(str(exc), field=f"{clause_id}.{name}") from None
    result, target = editable(draft, version)
    selection = _included(target, clause_id)
    selection.parameters[name] = new_value
    _, problems = resolve_clause(spec, selection)
    if problems:
        raise ValidationFailed(problems, source=f"bylaws v{target.number}")
    return checked(result)


def set_value(
    draft: BylawsDraft,
    target: str,
    value: str,
    *,
    version: int | None = None,
    library: ClauseLibrary | None = None,
) -> BylawsDraft:
    """Set ``"clause.name"`` to ``value``: an option id when ``name`` is a choice, else a
    parameter value as typed. The command line's ``formation bylaws set`` uses this.

    Raises:
        InputError: ``target`` is not ``clause.name``, or as ``set_option`` / ``set_parameter``.
    """
    clause_id, dot, name = target.partition(".")
    if not dot or not clause_id or not name:
        raise InputError("write it as CLAUSE.CHOICE or CLAUSE.PARAMETER (e.g. quorum.kind)", field="target")
    spec = library_or_default(library).clause(clause_id)
    if spec.choice(name) is not None:
        return set_option(draft, clause_id, name, value.strip(), version=version, library=library)
    if name in spec.parameters:
        return set_parameter(draft, clause_id, name, value, version=version, library=library)
    names = ", ".join([c.choice for c in spec.choices if c.choice] + list(spec.parameters))
    raise InputError(f"is neither a choice nor a parameter of this clause (it has: {names})", field=target)


def _included(version: BylawsVersion, clause_id: str) -> ClauseSelection:
    selection = version.clauses.get(clause_id)
    if selection is None:
        raise InputError(f"is left out of v{version.number}; include it first", field=f"clause {clause_id!r}")
    return selection


def leave_out(
    draft: BylawsDraft, clause_id: str, *, version: int | None = None, library: ClauseLibrary | None = None
) -> BylawsDraft:
    """Leave an optional clause out of a draft version (its choices are dropped).

    Raises:
        InputError: the clause is unknown or may not be left out, or the version is not a draft.
    """
    if not library_or_default(library).clause(clause_id).optional:
        raise InputError("may not be left out of the bylaws", field=f"clause {clause_id!r}")
    result, target = editable(draft, version)
    target.clauses.pop(clause_id, None)
    return checked(result)


def include(
    draft: BylawsDraft,
    clause_id: str,
    *,
    version: int | None = None,
    organization: Organization | None = None,
    library: ClauseLibrary | None = None,
) -> BylawsDraft:
    """Put a clause (back) into a draft version, with its default choices; no change if present."""
    lib = library_or_default(library)
    spec = lib.clause(clause_id)
    result, target = editable(draft, version)
    if clause_id not in target.clauses:
        target.clauses[clause_id] = default_selection(spec, organization)
        order = list(lib.clauses)
        target.clauses = dict(sorted(target.clauses.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 1_000))
    return checked(result)


def set_custom_text(
    draft: BylawsDraft,
    clause_id: str,
    paragraphs: Sequence[str] | None,
    *,
    version: int | None = None,
    library: ClauseLibrary | None = None,
) -> BylawsDraft:
    """Replace a clause's library text with the group's own paragraphs (e.g. a reviewer's wording
    the group accepted), or go back to the library text with None. The audit and the governance
    rules still read the clause's options, so the new text must say the same thing."""
    library_or_default(library).clause(clause_id)
    result, target = editable(draft, version)
    selection = _included(target, clause_id)
    if paragraphs is not None:
        cleaned = [" ".join(p.split()) for p in paragraphs]
        if not any(cleaned):
            raise InputError("must hold at least one paragraph of text", field=f"{clause_id}.custom_paragraphs")
        selection.custom_paragraphs = [p for p in cleaned if p]
    else:
        selection.custom_paragraphs = None
    return checked(result)
