"""Which agreement governs a partnership, and the powers over decisions it gives the partner.

Pure functions over models. The power audit reads an agreement through ``agreement_power_grants``:
each decision right the agreement gives a partner (approves the budget, hires or fires the
coordinator, signs alone, appoints seats, veto...) becomes a ``PowerGrant`` naming the clause to
change (section 4 of the agreement: ``"4.1"``, ``"4.2"``...). ``audit_with_agreements`` runs the
audit (``formation.audit.audit``) with them. A fair agreement gives none (SWIT 2013, section
1.2.3, pp. 31-32: ownership stays with the community, the partner allows freedom over form and
function: http://www.who.int/hiv/pub/sti/sex_worker_implementation/en/).

``formation.partners`` re-exports every public name here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from formation.models.partners import AGREEMENT_POWER_TITLES, Partner, PartnershipAgreement, PowerGrant
from formation.partnership_document import DATA_SECTION, POWERS_SECTION

__all__ = [
    "agreement_power_grants",
    "audit_holder",
    "audit_with_agreements",
    "current_agreement",
    "current_power_grants",
    "describe_grant",
    "grant_clause",
]


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
                clause=f"{DATA_SECTION}.1",
                source=source,
                reference=f"{source}, clause {DATA_SECTION}.1",
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
