"""What the partners screen says about a partner, an agreement version and the partnerships as a
whole, and how a typed agreement becomes a version (``formation.partners`` checks it)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from rich.text import Text

from formation import partners
from formation.models.organization import Organization
from formation.models.partners import NetworkLink, Partner, PartnershipAgreement
from wizard.dialogs.agreement import AgreementRequest
from wizard.i18n import _, ngettext
from wizard.widgets.partners.agreement_view import AgreementAudit
from wizard.widgets.partners.labels import AGREEMENT_STATUS, PARTNER_KINDS, SUPPORT_KINDS, label, labels

AuditOf = Callable[[PartnershipAgreement, Partner], AgreementAudit]


def version_prompt(agreement: PartnershipAgreement, partner: Partner, checked: AgreementAudit, *,
                   with_partner: bool) -> Text:
    """One line of the versions list: ``v2 · signed  ✓ passes the audit`` (the partner's name first
    when there are several partners)."""
    who = f"{partner.name} · " if with_partner else ""
    text = Text(f"{who}v{agreement.version} · {label(AGREEMENT_STATUS, agreement.status)}  ")
    if checked.passes:
        text.append("✓ " + _("passes the audit"), style="green")
    else:
        count = len(checked.grants)
        text.append("✗ " + ngettext("{n} power flagged", "{n} powers flagged", count).format(n=count), style="bold red")
    return text


def summary(listed: list[Partner], agreements: list[PartnershipAgreement], audit_of: AuditOf,
            organization: Organization | None) -> str:
    """The line over the tabs: each current partner's agreement and whether it passes the audit."""
    current = [p for p in listed if p.is_current]
    if not current:
        if organization is not None and organization.formation_pathway.pathway == "partner_supported":
            return _("Press a to record the partner organization that supports the group.")
        return _("No partners recorded. A group forming on its own needs none; press a to add one.")
    lines = []
    for p in current[:2]:
        agreement = partners.current_agreement(agreements, p.id)
        if agreement is None:
            lines.append(_("{partner}: no agreement yet; press d to draft one.").format(partner=p.name))
            continue
        verdict = _("passes the power audit") if audit_of(agreement, p).passes else _("the power audit flags it")
        lines.append(_("{partner}: agreement v{n} {status}; {verdict}.").format(
            partner=p.name, n=agreement.version, status=label(AGREEMENT_STATUS, agreement.status), verdict=verdict))
    if len(current) > 2:
        lines.append(ngettext("and {n} more partner", "and {n} more partners", len(current) - 2).format(
            n=len(current) - 2))
    return "\n".join(lines)


def partner_details(partner: Partner) -> str:
    """The highlighted partner: what it is, what it provides, the contact's role and the dates."""
    lines = [_("{name} is: {kinds}").format(name=partner.name, kinds=labels(PARTNER_KINDS, list(partner.kinds))),
             _("Provides: {what}").format(what=labels(SUPPORT_KINDS, list(partner.provides)) or _("nothing recorded"))]
    if partner.contact_role:
        lines.append(_("Your contact there: {role}").format(role=partner.contact_role))
    if partner.since:
        lines.append(_("Partner since {date}").format(date=partner.since.isoformat()))
    if partner.ended_on:
        lines.append(_("The partnership ended on {date}").format(date=partner.ended_on.isoformat()))
    if partner.notes:
        lines.append(partner.notes)
    lines.append(_("e edits the partner; 2 shows its agreement."))
    return "\n".join(lines)


def build_agreement(partner: Partner, latest: PartnershipAgreement | None, request: AgreementRequest,
                    context_links: list[NetworkLink], today: _dt.date) -> PartnershipAgreement:
    """The version the form describes: a first draft (``formation.partners.draft_agreement``) or
    the next version of the newest one (``revise_agreement``). The networks are kept as the newest
    version names them, else taken from the legal context; none when the form says so.

    Raises:
        InputError / ValidationFailed: as formation (each naming the field at fault).
    """
    if not request.link_networks:
        links: list[NetworkLink] = []
    elif latest is not None and latest.network_links:
        links = list(latest.network_links)
    else:
        links = context_links
    if latest is None:
        plan = request.exit_plan
        return partners.draft_agreement(
            partner, made_on=today, starts_on=request.starts_on, ends_on=request.ends_on, purpose=request.purpose,
            support=request.support, decision_rights=request.decision_rights, data_access=request.data_access,
            network_links=links, handover_starts_on=plan["handover_starts_on"],
            handover_ends_on=plan["handover_ends_on"], notice_days=plan["notice_days"], on_exit=plan["on_exit"],
            review_every_months=plan["review_every_months"])
    return partners.revise_agreement(
        latest, made_on=today, purpose=request.purpose, starts_on=request.starts_on, ends_on=request.ends_on,
        support=request.support, decision_rights=request.decision_rights, data_access=request.data_access,
        network_links=links, exit_plan=request.exit_plan)
