"""Partners and partnership agreements: recording them, versioning them, and reading their powers.

Pure functions over models (no I/O, no clock): the caller stores what they return with
``Workspace.put``. The agreement's wording and its document are in
``formation.partnership_document``; this module re-exports ``agreement_document``,
``render_agreement`` and ``export_agreement`` so callers need only ``formation.partners``.

The power audit reads an agreement through ``agreement_power_grants``: each decision right the
agreement gives a partner (approves the budget, hires or fires the coordinator, signs alone,
appoints seats, veto...) becomes a ``PowerGrant`` naming the clause to change. A fair agreement
gives none (SWIT 2013, section 1.2.3, pp. 31-32: ownership stays with the community, the partner
allows freedom over form and function:
http://www.who.int/hiv/pub/sti/sex_worker_implementation/en/).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from formation.errors import InputError, from_validation_error
from formation.models.legal import LegalContext
from formation.models.partners import (
    AGREEMENT_POWER_TITLES,
    DataAccess,
    DecisionRight,
    NetworkLink,
    Partner,
    PartnershipAgreement,
    PowerGrant,
    SupportItem,
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


def audit_holder(partner: Partner | None) -> str:
    """The power audit's name for who holds a partner's powers.

    Returns:
        ``"fiscal_host"`` for a host or fiscal sponsor, ``"funder"`` for a funder that is neither,
        else ``"partner"`` (and ``"partner"`` when no partner is given).
    """
    if partner is None:
        return "partner"
    if "host" in partner.kinds or "fiscal_sponsor" in partner.kinds:
        return "fiscal_host"
    if "funder" in partner.kinds:
        return "funder"
    return "partner"


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


def current_agreement(agreements: Iterable[PartnershipAgreement], partner_id: UUID) -> PartnershipAgreement | None:
    """The agreement that governs a partnership now: the signed version, else the latest draft.

    Returns:
        The ``PartnershipAgreement``, or None if there is neither (or only ended/superseded ones).
    """
    mine = [a for a in agreements if a.partner_id == partner_id]
    signed = [a for a in mine if a.status == "signed"]
    if signed:
        return max(signed, key=lambda a: a.version)
    drafts = [a for a in mine if a.status == "draft"]
    return max(drafts, key=lambda a: a.version) if drafts else None


# ----------------------------------------------------------------------------- audit
def grant_clause(index: int) -> str:
    """The clause number the layout gives the ``index``-th (0-based) decision right: ``"4.1"``..."""
    return f"{POWERS_SECTION}.{index + 1}"


def agreement_power_grants(agreement: PartnershipAgreement, partner: Partner | None = None) -> list[PowerGrant]:
    """The powers an agreement gives a partner over the collective's decisions, for the audit.

    Args:
        agreement: the agreement (any status: a draft's powers are findings too, so the group
            sees them before signing).
        partner: its partner, to name the holder (``audit_holder``); None names it "the partner".

    Returns:
        One ``PowerGrant`` per decision right, with the clause it is in (``"4.1"``, ``"4.2"``, in
        the agreement's section 4), and one of power ``"data_without_consent"`` (clause ``"5.1"``)
        when the partner may see the collective's data without its consent. Empty for a fair
        agreement.
    """
    holder = audit_holder(partner)
    name = partner.name if partner is not None else "the partner"
    source = f"Partnership agreement v{agreement.version} with {name}"
    grants = []
    for index, right in enumerate(agreement.decision_rights):
        clause = grant_clause(index)
        grants.append(
            PowerGrant(
                holder=holder,
                holder_name=name,
                power=right.power,
                over=right.over,
                seats=right.seats,
                clause=clause,
                source=source,
                reference=f"{source}, clause {clause}",
            )
        )
    if not agreement.data_access.requires_consent:
        grants.append(
            PowerGrant(
                holder=holder,
                holder_name=name,
                power="data_without_consent",
                over="the collective's records",
                clause="5.1",
                source=source,
                reference=f"{source}, clause 5.1",
            )
        )
    return grants


def current_power_grants(partners: Iterable[Partner], agreements: Iterable[PartnershipAgreement]) -> list[PowerGrant]:
    """The power grants of every current partner's current agreement (``current_agreement``).

    Returns:
        The grants, partner by partner in the order given; empty when every agreement is fair.
    """
    agreements = list(agreements)
    out: list[PowerGrant] = []
    for partner in partners:
        if not partner.is_current:
            continue
        agreement = current_agreement(agreements, partner.id)
        if agreement is not None:
            out += agreement_power_grants(agreement, partner)
    return out


def audit_with_agreements(
    draft: Any,
    *,
    members: Sequence[Any],
    partners: Iterable[Partner] = (),
    agreements: Iterable[PartnershipAgreement] = (),
    governing_body: Any | None = None,
    version: int | None = None,
    **options: Any,
) -> Any:
    """The power audit of a bylaws version, reading the partnership agreements as well.

    Args:
        draft: the ``BylawsDraft``.
        members: the members.
        partners, agreements: the partners and their agreements; each current partner's current
            agreement is read (``current_power_grants``).
        governing_body: the governing body as recorded, or None.
        version: the version to audit; default: the version in force (adopted), else the newest.
        options: passed to ``formation.audit.audit`` (``criteria``, ``context``, ``form_id``,
            ``staff``, ``library``).

    Returns:
        The ``formation.audit.PowerAudit``: a power the agreement gives the partner (e.g. it
        approves the budget) is a finding whose reference names the agreement and its clause.
    """
    from formation.audit import audit

    if version is None and draft.adopted is not None:
        version = draft.adopted.number
    return audit(draft, members=members, governing_body=governing_body, version=version,
                 extra_grants=current_power_grants(partners, agreements), **options)


def describe_grant(grant: PowerGrant) -> str:
    """A grant in one plain sentence: ``"Example Trust approves the budget: the annual budget
    (Partnership agreement v1 with Example Trust, clause 4.1)."``"""
    if grant.power == "data_without_consent":
        what = "may see the collective's records without its consent"
    else:
        what = AGREEMENT_POWER_TITLES[grant.power]
    seats = f" ({grant.seats} seats)" if grant.seats else ""
    return f"{grant.holder_name} {what}{seats}: {grant.over} ({grant.reference})."
