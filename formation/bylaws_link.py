"""Where meetings meet the bylaws: the rules in force, and adopting a bylaws version.

Meetings are decided by the group's adopted bylaws (``formation.bylaws.governance_rules``), and a
motion carried at a founding meeting to adopt a bylaws version marks that version adopted
(``formation.bylaws``' adopt operation). This module is the one place that calls the bylaws
code, so the meeting operations stay independent of how drafts and versions are stored.
"""

from __future__ import annotations

import datetime as _dt
from uuid import UUID

from formation.errors import InputError
from formation.models.bylaws import BylawsDraft, BylawsVersion
from formation.models.meetings import BylawsRef
from formation.models.rules import GovernanceRules


def version_in_force(drafts: list[BylawsDraft], on: _dt.date) -> tuple[BylawsDraft, BylawsVersion] | None:
    """The bylaws version in force on ``on`` (pure): the version adopted last on or before that
    date (the higher number on the same day), or None before any adoption."""
    best: tuple[_dt.date, int, BylawsDraft, BylawsVersion] | None = None
    for draft in drafts:
        for version in draft.versions:
            adopted_on = version.status_date("adopted") if version.status == "adopted" else None
            if adopted_on is None or adopted_on > on:
                continue
            if best is None or (adopted_on, version.number) > best[:2]:
                best = (adopted_on, version.number, draft, version)
    return None if best is None else (best[2], best[3])


def adopted_rules(ws, *, on: _dt.date) -> GovernanceRules | None:  # noqa: ANN001
    """The governance rules of the bylaws in force on ``on`` (an ISO date), or None if none are adopted.

    Raises:
        ValidationFailed: the adopted version's choices make invalid rules.
    """
    from formation.bylaws import governance_rules

    found = version_in_force(ws.all(BylawsDraft), on)
    if found is None:
        return None
    draft, version = found
    return governance_rules(draft, version.number)


def draft_rules(ws, ref: BylawsRef) -> GovernanceRules:  # noqa: ANN001
    """The governance rules of the bylaws version ``ref`` names (proposed, not yet adopted): the
    rules a founding meeting decides under when it adopts them.

    Raises:
        InputError: there is no bylaws draft with that id, or no such version.
    """
    from formation.bylaws import governance_rules

    return governance_rules(ws.get(BylawsDraft, ref.draft_id), ref.version)


def check_adoptable(ws, ref: BylawsRef) -> None:  # noqa: ANN001
    """Refuse a motion to adopt a version that does not exist or is already adopted.

    Raises:
        InputError: naming ``adopts_bylaws``.
    """
    from formation.bylaws import version_of

    draft = ws.get(BylawsDraft, ref.draft_id)
    try:
        version = version_of(draft, ref.version)
    except InputError:
        raise InputError("that bylaws version does not exist", source="meeting", field="adopts_bylaws") from None
    if version.status == "adopted":
        raise InputError(f"bylaws version {version.number} is already adopted", source="meeting",
                         field="adopts_bylaws")


def mark_adopted(ws, ref: BylawsRef, *, on: _dt.date, decision_id: UUID, founding: bool) -> None:  # noqa: ANN001
    """Mark the bylaws version ``ref`` adopted on ``on`` (the meeting's date) by the decision
    ``decision_id``, and save it (``formation.bylaws.adopt_stored``).

    At a founding meeting, the organization's ``founding_date`` is set to the meeting's date when
    it is not recorded yet. Call it inside the caller's ``ws.batch()`` so the decision and the
    adoption are saved together.

    Raises:
        InputError: the workspace has no organization record (field ``organization``), or the
        version cannot be adopted (already adopted, or a date before its last status).
    """
    from formation.bylaws import adopt_stored

    organization = ws.organization
    if organization is None:
        raise InputError("the workspace has no organization record to adopt bylaws for",
                         source="meeting", field="organization")
    adopt_stored(ws, ref.draft_id, on=on, version=ref.version, decision_id=decision_id)
    if founding and organization.founding_date is None:
        ws.put(organization.model_copy(update={"founding_date": on}))
