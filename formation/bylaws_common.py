"""Helpers shared by the bylaws operations (``formation.bylaws``, ``formation.bylaws_edit``)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from formation.clauses import ClauseLibrary, load_library
from formation.errors import InputError, from_validation_error
from formation.models.bylaws import BylawsDraft, BylawsVersion, ClauseSelection
from formation.models.organization import Organization

STATUS_LABELS = {"draft": "draft", "under_review": "under review", "adopted": "adopted"}


def library_or_default(library: ClauseLibrary | None) -> ClauseLibrary:
    return library if library is not None else load_library()


def version_of(draft: BylawsDraft, version: int | None = None) -> BylawsVersion:
    """The version numbered ``version``, or the newest when None.

    Raises:
        InputError: no such version (field ``version``).
    """
    if version is None:
        return draft.latest
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= len(draft.versions):
        raise InputError(f"there is no such version (this draft has v1 to v{len(draft.versions)})", field="version")
    return draft.versions[version - 1]


def editable(draft: BylawsDraft, version: int | None) -> tuple[BylawsDraft, BylawsVersion]:
    target = version_of(draft, version)
    if target.status != "draft":
        raise InputError(
            f"v{target.number} is {STATUS_LABELS[target.status]} and can no longer change; "
            "start a new version from it",
            field="version",
        )
    copy_ = draft.model_copy(deep=True)
    return copy_, copy_.versions[target.number - 1]


def checked(draft: BylawsDraft) -> BylawsDraft:
    try:
        return BylawsDraft.model_validate(draft.model_dump(mode="python"))
    except ValidationError as exc:
        raise from_validation_error(exc, source="bylaws") from None


def default_selection(spec: Any, organization: Organization | None) -> ClauseSelection:
    parameters = dict(spec.default_parameters())
    if spec.id == "finances" and organization is not None and organization.financial_year_end is not None:
        end = organization.financial_year_end.in_year(2023)
        parameters["financial_year_end"] = f"{end.day} {end.strftime('%B')}"
    return ClauseSelection(clause_version=spec.version, options=spec.default_options(), parameters=parameters)
