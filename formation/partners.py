"""Partners and partnership agreements: recording them, versioning them, and reading their powers.

Pure functions over models (no I/O, no clock): the caller stores what they return with
``Workspace.put``. The agreement's wording and its document are in
``formation.partnership_document`` and the powers the power audit reads (``agreement_power_grants``,
``audit_with_agreements``) in ``formation.agreement_powers``; this module re-exports both, so
callers need only ``formation.partners``.

A draft is fair by default: no decision rights, data only with consent (SWIT 2013, section 1.2.3,
pp. 31-32: ownership stays with the community, the partner allows freedom over form and function:
http://www.who.int/hiv/pub/sti/sex_worker_implementation/en/).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError

from formation.errors import InputError, from_validation_error
from formation.models.legal import LegalContext
from formation.models.partners import DataAccess, DecisionRight, NetworkLink, Partner, PartnershipAgreement, SupportItem
from formation.agreement_powers import (
    agreement_power_grants,
    audit_holder,
    audit_with_agreements,
    current_agreement,
    current_power_grants,
    describe_grant,
    grant_clause,
)
from formation.partnership_document import (
    POWERS_SECTION,
    agreement_document,
    agreement_text,
    export_agreement,
    render_agreement,
)

__all__ = [
    "POWERS_SECTION",
    "agreement_document",
    "agreement_power_grants",
    "agreement_text",
    "audit_holder",
    "audit_with_agreements",
    "current_agreement",
    "current_power_grants",
    "describe_grant",
    "draft_agreement",
    "export_agreement",
    "grant_clause",
    "network_links_from_context",
    "new_partner",
    "render_agreement",
    "revise_agreement",
    "sign_agreement",
    "update_partner",
]

_SOURCE = "partner"


def _validated(cls: type, data: dict[str, Any], *, source: str) -> Any:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc, source=source) from None


# ----------------------------------------------------------------------------- partners
def new_partner(
    name: str,
    kinds: Sequence[str],
    provides: Sequence[str] = (),
    *,
    contact_role: str | None = None,
    since: _dt.date | str | None = None,
    notes: str | None = None,
    existing: Iterable[Partner] = (),
) -> Partner:
    """A new ``Partner`` record, checked against the partners already recorded.

    Args:
        name: the organization's name.
        kinds: what it is: ``"funder"``, ``"host"``, ``"fiscal_sponsor"``, ``"trainer"``,
            ``"legal_adviser"`` (at least one).
        provides: what it provides: ``"money"``, ``"space"``, ``"staff_time"``, ``"training"``,
            ``"advocacy"``, ``"legal_review"``, ``"other"``.
        contact_role: the role of the group's contact there (a role, not a person's name).
        since: ISO date the partnership began, or None.
        notes: free text.
        existing: the partners already recorded (a current one with the same name is refused).

    Returns:
        The validated ``Partner`` (not stored).

    Raises:
        InputError / ValidationFailed: a field is invalid (the message names it), or a current
            partner already has this name (field ``name``).
    """
    partner = _validated(
        Partner,
        {
            "kind": "partner",
            "name": name,
            "kinds": list(kinds),
            "provides": list(provides),
            "contact_role": contact_role,
            "since": since,
            "notes": notes,
        },
        source=_SOURCE,
    )
    wanted = partner.name.casefold()
    if any(p.is_current and p.name.casefold() == wanted for p in existing):
        raise InputError("a current partner already has this name", source=_SOURCE, field="name")
    return partner


def update_partner(partner: Partner, **changes: Any) -> Partner:
    """A copy of ``partner`` with ``changes`` applied (field names of ``Partner``), validated.

    Raises:
        ValidationFailed: a changed field is invalid or unknown (the message names it).
    """
    data = partner.model_dump(mode="json") | changes
    return _validated(Partner, data, source=_SOURCE)


# ----------------------------------------------------------------------------- agreements
def network_links_from_context(
    context: LegalContext,
    *,
    scopes: Sequence[str] = ("national", "regional"),
    commitment: str | None = None,
) -> list[NetworkLink]:
    """The sex worker-led networks of a legal context, as the agreement's network links.

    Args:
        context: the group's legal context (``formation.contexts.load_context``).
        scopes: which scopes to take, in this order (default national, then regional); when the
            context lists none of them, its global networks are taken instead.
        commitment: what the partner does about each network, or None for the plain introduction
            the agreement's wording gives.

    Returns:
        One ``NetworkLink`` per network, in the order of ``scopes`` and then of the context file.
    """
    chosen = [n for scope in scopes for n in context.networks if n.scope == scope]
    if not chosen:
        chosen = [n for n in context.networks if n.scope == "global"]
    return [
        NetworkLink(name=n.name, scope=n.scope, area=n.area, url=n.url, commitment=commitment) for n in chosen
    ]


def draft_agreement(
    partner: Partner,
    *,
    made_on: _dt.date | str,
    starts_on: _dt.date | str,
    purpose: str,
    support: Sequence[SupportItem | dict[str, Any]],
    handover_starts_on: _dt.date | str,
    handover_ends_on: _dt.date | str,
    ends_on: _dt.date | str | None = None,
    network_links: Sequence[NetworkLink | dict[str, Any]] = (),
    data_access: DataAccess | dict[str, Any] | None = None,
    decision_rights: Sequence[DecisionRight | dict[str, Any]] = (),
    notice_days: int = 90,
    on_exit: str | None = None,
    review_every_months: int = 3,
    version: int = 1,
) -> PartnershipAgreement:
    """A draft partnership agreement with a partner, fair by default.

    Args:
        partner: the ``Partner``.
        made_on, starts_on: ISO dates the draft is made and the agreement takes effect.
        purpose: why the partnership exists, in plain words.
        support: what the partner provides (``SupportItem`` or its fields as a dict; at least one).
        handover_starts_on, handover_ends_on: the handover plan's dates (ISO).
        ends_on: ISO end date, or None for open-ended.
        network_links: networks to link to (see ``network_links_from_context``).
        data_access: what the partner may see; default: only with consent.
        decision_rights: powers given to the partner; default none (a fair agreement). Each
            becomes an audit finding.
        notice_days: days of notice to end it (0..3660).
        on_exit: what happens to shared things on exit, or None for the standard wording.
        review_every_months: how often the plan is reviewed (1..24).
        version: the version number (>= 1).

    Returns:
        The validated ``PartnershipAgreement`` with status ``"draft"`` (not stored).

    Raises:
        ValidationFailed: a field is invalid (names it: ``support.0.description``,
            ``exit_plan.handover_ends_on``...).
    """

    def dump(item: Any) -> Any:
        return item.model_dump(mode="json") if hasattr(item, "model_dump") else item

    data = {
        "kind": "partnership_agreement",
        "partner_id": str(partner.id),
        "version": version,
        "made_on": made_on,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "purpose": purpose,
        "support": [dump(s) for s in support],
        "decision_rights": [dump(r) for r in decision_rights],
        "data_access": dump(data_access) if data_access is not None else DataAccess().model_dump(mode="json"),
        "network_links": [dump(n) for n in network_links],
        "exit_plan": {
            "handover_starts_on": handover_starts_on,
            "handover_ends_on": handover_ends_on,
            "notice_days": notice_days,
            "on_exit": on_exit,
            "review_every_months": review_every_months,
        },
    }
    return _validated(PartnershipAgreement, data, source="partnership agreement")


def revise_agreement(agreement: PartnershipAgreement, *, made_on: _dt.date | str, **changes: Any) -> PartnershipAgreement:
    """The next version of an agreement: a new draft record with ``changes`` applied.

    Args:
        agreement: the version revised (left as it is; ``sign_agreement`` supersedes it later).
        made_on: ISO date of the new draft.
        changes: fields of ``PartnershipAgreement`` to change (``decision_rights=[]``,
            ``exit_plan=ExitPlan(...)``...).

    Returns:
        A new record: new id, ``version + 1``, status ``"draft"``, not signed.

    Raises:
        ValidationFailed: a changed field is invalid or unknown.
    """
    data = agreement.model_dump(mode="json", exclude={"id"})
    for key, value in changes.items():
        if isinstance(value, list):
            value = [v.model_dump(mode="json") if hasattr(v, "model_dump") else v for v in value]
        elif hasattr(value, "model_dump"):
            value = value.model_dump(mode="json")
        data[key] = value
    data.update(version=agreement.version + 1, status="draft", signed_on=None, made_on=made_on)
    return _validated(PartnershipAgreement, data, source="partnership agreement")


def sign_agreement(
    agreement: PartnershipAgreement, others: Iterable[PartnershipAgreement], *, on: _dt.date | str
) -> list[PartnershipAgreement]:
    """Record that an agreement was signed; earlier signed versions with the same partner are
    superseded.

    Args:
        agreement: the draft to sign.
        others: the other agreements recorded (any partner).
        on: the ISO date of signing (not before ``made_on``).

    Returns:
        The records to store: the signed agreement first, then each superseded one.

    Raises:
        InputError: the agreement is not a draft.
        ValidationFailed: the date is invalid or before ``made_on``.
    """
    if agreement.status != "draft":
        raise InputError("only a draft can be signed", source="partnership agreement", field="status")
    signed = _validated(
        PartnershipAgreement,
        agreement.model_dump(mode="json") | {"status": "signed", "signed_on": on},
        source="partnership agreement",
    )
    out = [signed]
    for other in others:
        if other.id != agreement.id and other.partner_id == agreement.partner_id and other.status == "signed":
            out.append(other.model_copy(update={"status": "superseded"}))
    return out
