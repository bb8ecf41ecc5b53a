"""Drafting bylaws: versions, choices and parameters, adoption, governance rules, render context.

Every operation is a pure function: it takes a ``BylawsDraft`` and returns a new one (the input is
never changed), so the caller saves the result with ``Workspace.put`` or discards it. Dates are
parameters, never read from the clock. Bad input raises ``InputError`` / ``ValidationFailed``
naming the version, the clause and the choice or parameter, without echoing free text.

- ``new_draft``, ``new_version``: start the bylaws, or a new version from an earlier one;
  ``clauses_for_form``: the clauses a legal form's required contents call for.
- ``set_option``, ``set_parameter``, ``set_value``, ``leave_out``, ``include``,
  ``set_custom_text`` (``formation.bylaws_edit``): change a version in ``draft``.
- ``submit_for_review``, ``adopt``: move a version on (its text is frozen then);
  ``adopt_stored``: the same on a draft kept in an open workspace, saved.
- ``version_of``, ``rules_version``: pick a version.
- ``governance_rules``: what meetings need from the bylaws (quorum, majorities, notice).
- ``render_context`` and ``bylaws_markdown``: the document, as plain data and as Markdown;
  ``choices_overview``: each clause's choices and what they mean for power.
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from formation.bylaws_common import (
    STATUS_LABELS,
    checked,
    default_selection,
    library_or_default,
    version_of,
)
from formation.bylaws_edit import include, leave_out, set_custom_text, set_option, set_parameter, set_value
from formation.bylaws_text import bylaws_markdown, choices_overview, resolve_version, version_text
from formation.clauses import ClauseLibrary, apply_rules
from formation.errors import InputError, from_validation_error
from formation.models.bylaws import BylawsDraft, BylawsVersion, StatusChange
from formation.models.organization import Organization
from formation.models.rules import GovernanceRules

__all__ = [
    "DISCLAIMER",
    "STATUS_LABELS",
    "adopt",
    "adopt_stored",
    "bylaws_markdown",
    "choices_overview",
    "clauses_for_form",
    "governance_rules",
    "include",
    "leave_out",
    "new_draft",
    "new_version",
    "render_context",
    "rules_version",
    "set_custom_text",
    "set_option",
    "set_parameter",
    "set_value",
    "submit_for_review",
    "version_of",
]

DISCLAIMER = (
    "This document gives legal information, not legal advice. The legal information it relies on "
    "was checked on {checked_on}. Have it reviewed by someone who knows the law where you are "
    "before you rely on it."
)

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def new_draft(
    *,
    on: _dt.date,
    title: str = "Constitution",
    organization: Organization | None = None,
    leave_out: Iterable[str] = (),
    include: Iterable[str] = (),
    library: ClauseLibrary | None = None,
) -> BylawsDraft:
    """Start the bylaws: version 1, in draft, every clause of the library with its defaults
    (except the few optional clauses marked ``included_by_default = false``).

    Args:
        on: the ISO date the draft is started.
        title: what the legal form calls the document ("Constitution", "Bylaws", "Rules").
        organization: used for defaults it knows (the financial year end), or None.
        leave_out: ids of optional clauses to leave out.
        include: ids of clauses a new draft otherwise leaves out to put in (e.g. the head office
            clause a Thai association's regulations need).
        library: the clause library (default: the shipped one).

    Returns:
        A new ``BylawsDraft`` (not yet stored).

    Raises:
        InputError: a clause in ``leave_out`` is unknown or may not be left out.
    """
    lib = library_or_default(library)
    skip = set(leave_out)
    include = set(include)
    for clause_id in include:
        lib.clause(clause_id)
    for clause_id in skip:
        if not lib.clause(clause_id).optional:
            raise InputError("may not be left out of the bylaws", field=f"clause {clause_id!r}")
    clauses = {
        cid: default_selection(spec, organization)
        for cid, spec in lib.clauses.items()
        if cid not in skip and (spec.included_by_default or cid in include)
    }
    first = BylawsVersion(number=1, history=[StatusChange(status="draft", on=on)], clauses=clauses)
    return BylawsDraft(title=title, versions=[first])


def new_version(
    draft: BylawsDraft, *, on: _dt.date, from_version: int | None = None, note: str | None = None
) -> BylawsDraft:
    """Start a new version (in draft) with the choices of an earlier one.

    Args:
        draft: the bylaws.
        on: the ISO date the new version is started.
        from_version: the version to copy (default: the newest).
        note: what the new version is for, or None.

    Returns:
        The draft with version n+1 added.
    """
    source = version_of(draft, from_version)
    result = draft.model_copy(deep=True)
    result.versions.append(
        BylawsVersion(
            number=len(draft.versions) + 1,
            based_on=source.number,
            history=[StatusChange(status="draft", on=on)],
            clauses=copy.deepcopy(source.clauses),
            note=note,
        )
    )
    return checked(result)


def _advance(
    draft: BylawsDraft,
    status: str,
    *,
    on: _dt.date,
    organization: Organization,
    version: int | None,
    library: ClauseLibrary | None,
    allowed_from: tuple[str, ...],
    decision_id: UUID | None = None,
) -> BylawsDraft:
    target = version_of(draft, version)
    if target.status not in allowed_from:
        raise InputError(
            f"v{target.number} is {STATUS_LABELS[target.status]}; it cannot become {STATUS_LABELS[status]}",
            field="version",
        )
    if on < target.history[-1].on:
        raise InputError(f"is before the date v{target.number} became {STATUS_LABELS[target.status]}", field="on")
    lib = library_or_default(library)
    frozen = target.frozen_text
    if frozen is None:
        frozen = version_text(target, lib, organization_name=organization.name, objects=organization.objects,
                              document_title=draft.title)
    moved = target.model_copy(deep=True, update={
        "frozen_text": frozen,
        "history": [*target.history, StatusChange(status=status, on=on, decision_id=decision_id)],
        "status": status,
    })
    result = draft.model_copy(deep=True)
    result.versions[target.number - 1] = moved
    return checked(result)


def submit_for_review(
    draft: BylawsDraft,
    *,
    on: _dt.date,
    organization: Organization,
    version: int | None = None,
    library: ClauseLibrary | None = None,
) -> BylawsDraft:
    """Send a draft version out for review: its status becomes ``under_review`` on ``on`` and its
    text is frozen (with the organization's name and objects as they are now).

    Raises:
        InputError: the version is not a draft, or ``on`` is before its last status date.
        ValidationFailed: a clause's choices are invalid.
    """
    return _advance(draft, "under_review", on=on, organization=organization, version=version,
                    library=library, allowed_from=("draft",))


def adopt(
    draft: BylawsDraft,
    *,
    on: _dt.date,
    organization: Organization,
    version: int | None = None,
    decision_id: UUID | None = None,
    library: ClauseLibrary | None = None,
) -> BylawsDraft:
    """Record that a general meeting adopted a version on ``on``: its status becomes ``adopted``
    and its text is frozen if it was not already. It is then the version in force (see
    ``BylawsDraft.adopted``).

    Args:
        decision_id: the meeting decision (resolution) that adopted it, or None.

    Raises:
        InputError: the version is already adopted, or ``on`` is before its last status date.
        ValidationFailed: a clause's choices are invalid.
    """
    return _advance(draft, "adopted", on=on, organization=organization, version=version,
                    library=library, allowed_from=("draft", "under_review"), decision_id=decision_id)


def adopt_stored(
    ws: Any,
    draft_id: UUID | str,
    *,
    on: _dt.date,
    version: int | None = None,
    decision_id: UUID | None = None,
) -> BylawsDraft:
    """Adopt a version of a draft kept in an open workspace, and save it (the I/O edge of ``adopt``).

    Args:
        ws: an open ``formation.store.Workspace``.
        draft_id: the ``BylawsDraft`` record's UUID.
        on: the ISO date of the general meeting that adopted it.
        version: the version number, or None for the newest.
        decision_id: the meeting decision that adopted it, or None.

    Returns:
        The saved draft.

    Raises:
        InputError: no such draft, no organization recorded, or as ``adopt``.
    """
    draft = ws.get(BylawsDraft, draft_id)
    organization = ws.organization
    if organization is None:
        raise InputError("no organization is recorded in this workspace", field="organization")
    result = adopt(draft, on=on, organization=organization, version=version, decision_id=decision_id)
    ws.put(result)
    return result


def clauses_for_form(context: Any, form_id: str, *, library: ClauseLibrary | None = None) -> list[str]:
    """The ids of the clauses that cover a legal form's required contents (``satisfies`` in the
    clause library), in document order, so a new draft can include those it would otherwise
    leave out (``new_draft(include=...)``).

    Args:
        context: a ``formation.models.legal.LegalContext``.
        form_id: one of its legal forms.

    Raises:
        InputError: the context has no such form.
    """
    form = context.form(form_id)
    if form is None:
        raise InputError(f"is not a legal form of {context.id}", field="legal_form_id")
    wanted = {f"{context.id}:{rc.id}" for rc in form.required_contents}
    found = []
    for spec in library_or_default(library).clauses.values():
        refs = set(spec.satisfies) | {r for part in spec.choices for o in part.options for r in o.satisfies}
        if refs & wanted:
            found.append(spec.id)
    return found


# ----------------------------------------------------------------------------- governance rules
def rules_version(draft: BylawsDraft, version: int | None = None) -> BylawsVersion:
    """The version whose rules apply: ``version`` when given; else the version in force (the last
    adopted), or, before any is adopted, the newest (the draft a founding meeting adopts)."""
    if version is not None:
        return version_of(draft, version)
    return draft.adopted or draft.latest


def governance_rules(draft: BylawsDraft, version: int | None = None, *, library: ClauseLibrary | None = None) -> GovernanceRules:
    """What meeting procedure needs from the bylaws: quorums, majorities, notice, proxies...

    Each included clause's ``rules`` and its chosen options' ``rules`` are applied, in document
    order, over ``GovernanceRules()``'s defaults, with the version's parameter values. With the
    community-led clauses not entrenched, an amendment to them needs the same majority as any
    other amendment. Terms follow Robert's Rules of Order Newly Revised, 12th ed. (see
    ``formation.models.rules``).

    Args:
        draft: the bylaws.
        version: a version number, or None for the version in force (see ``rules_version``).

    Returns:
        A ``GovernanceRules``.

    Raises:
        InputError: no such version.
        ValidationFailed: the version's choices are invalid, or together make invalid rules
            (``source`` names the version).
    """
    target = rules_version(draft, version)
    resolved = resolve_version(target, library_or_default(library))
    data = GovernanceRules().model_dump(mode="python")
    entrenched = None
    for clause in resolved:
        apply_rules(data, clause.spec.rules, clause.values)
        for option in clause.options.values():
            apply_rules(data, option.rules, clause.values)
            if option.effects.community_clauses_entrenched is not None:
                entrenched = option.effects.community_clauses_entrenched
    if entrenched is False:
        data["majorities"]["amend_entrenched"] = copy.deepcopy(data["majorities"]["amend_bylaws"])
    try:
        return GovernanceRules.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc, source=f"bylaws v{target.number}") from None


# ----------------------------------------------------------------------------- render context
def render_context(
    draft: BylawsDraft,
    version: int | None = None,
    *,
    organization: Organization,
    checked_on: str,
    library: ClauseLibrary | None = None,
) -> dict[str, Any]:
    """The bylaws as plain data for a document layout (and for ``bylaws_markdown``).

    Args:
        draft: the bylaws.
        version: a version number, or None for the newest.
        organization: the organization (its name and objects fill the text).
        checked_on: the ISO date the legal information was checked (from the legal context), or
            ``"unknown"``.

    Returns:
        ``{"organization": {"name"}, "document": {"title", "version" ("v2"), "status" ("draft" |
        "under review" | "adopted"), "status_date" (ISO or ""), "checked_on", "disclaimer"},
        "articles": [{"number": int, "title", "clauses": [{"number": "4.2", "id", "title",
        "paragraphs": [str]}]}]}``: only dicts, lists, strings and ints.

    Raises:
        InputError: no such version, or ``checked_on`` is neither an ISO date nor ``"unknown"``.
        ValidationFailed: the version's choices are invalid.
    """
    if checked_on != "unknown" and not _ISO.match(checked_on or ""):
        raise InputError("must be an ISO date (YYYY-MM-DD) or 'unknown'", field="checked_on")
    target = version_of(draft, version)
    articles = version_text(target, library_or_default(library), organization_name=organization.name,
                            objects=organization.objects, document_title=draft.title)
    status_date = target.status_date()
    return {
        "organization": {"name": str(organization.name)},
        "document": {
            "title": str(draft.title),
            "version": f"v{target.number}",
            "status": STATUS_LABELS[target.status],
            "status_date": status_date.isoformat() if status_date else "",
            "checked_on": checked_on,
            "disclaimer": DISCLAIMER.format(checked_on=checked_on),
        },
        "articles": [
            {
                "number": a_number,
                "title": str(article.title),
                "clauses": [
                    {
                        "number": f"{a_number}.{c_number}",
                        "id": clause.id,
                        "title": str(clause.title),
                        "paragraphs": [str(p) for p in clause.paragraphs],
                    }
                    for c_number, clause in enumerate(article.clauses, 1)
                ],
            }
            for a_number, article in enumerate(articles, 1)
        ],
    }
