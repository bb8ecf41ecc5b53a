"""A partnership agreement as the partners screen shows it: what it gives, what power it hands the
partner (each with its consequence for who holds power), and the power audit's verdict on it.

The audit is ``formation.audit.audit`` with the agreement's powers read by
``formation.partners.agreement_power_grants``, exactly as ``formation.partners.audit_with_agreements``
reads the agreement that governs a partnership; here the version on screen stands in for it, so
the group sees a draft's (or an old version's) findings before anyone signs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.widgets import Static

from formation import audit, partners
from formation.errors import FormationError
from formation.models import GoverningBody, Member
from formation.models.bylaws import BylawsDraft
from formation.models.partners import Partner, PartnershipAgreement, PowerGrant
from wizard.i18n import _, ngettext
from wizard.session import Session
from wizard.widgets.partners.labels import AGREEMENT_STATUS, CONSENT_BY, POWERS, SCOPES, SUPPORT_KINDS, label


@dataclass(frozen=True)
class AgreementAudit:
    """What the power audit says about one agreement version.

    Attributes:
        grants: the powers the version gives the partner (``agreement_power_grants``).
        findings: the audit's findings about those powers (``Finding``, where ``"agreement"``).
        bylaws_version: the bylaws version audited with it, or None when there are no bylaws yet.
        verdict: the audit's verdict label with this version, or None (no bylaws, or an error).
        community_led: the verdict as a flag, or None.
        error: why the audit could not run, or "".
    """

    grants: list[PowerGrant]
    findings: list[Any] = field(default_factory=list)
    bylaws_version: int | None = None
    verdict: str | None = None
    community_led: bool | None = None
    error: str = ""

    @property
    def passes(self) -> bool:
        """True when the version gives the partner no power the audit flags."""
        return not self.grants and not any(f.severity in ("critical", "warning") for f in self.findings)


def agreement_audit(session: Session, agreement: PartnershipAgreement, partner: Partner) -> AgreementAudit:
    """Audit the bylaws in force (else the newest version) with this agreement version standing for
    the partner's agreement, and every other current partner's current agreement as it is.

    Args:
        session: the open workspace.
        agreement: the version on screen.
        partner: its partner.

    Returns:
        The ``AgreementAudit``; without bylaws only ``grants`` is filled (the audit needs bylaws).
    """
    grants = partners.agreement_power_grants(agreement, partner)
    draft = session.first(BylawsDraft)
    if draft is None:
        return AgreementAudit(grants)
    others = [p for p in session.all(Partner) if p.id != partner.id]
    extra = partners.current_power_grants(others, session.all(PartnershipAgreement)) + grants
    org = session.organization
    version = draft.adopted.number if draft.adopted is not None else draft.latest.number
    try:
        result = audit.audit(draft, members=session.all(Member), governing_body=session.first(GoverningBody),
                             version=version, staff=org.staff if org is not None else None, extra_grants=extra)
    except FormationError as error:
        return AgreementAudit(grants, error=getattr(error, "detail", str(error)))
    references = {g.reference for g in grants}
    mine = [f for f in result.findings if f.where == "agreement" and f.reference in references]
    return AgreementAudit(grants, mine, result.version, result.verdict.label, result.verdict.community_led)


def _heading(text: Text, title: str) -> None:
    text.append("\n" + title + "\n", style="bold")


def agreement_details(agreement: PartnershipAgreement, partner: Partner, checked: AgreementAudit) -> Text:
    """The agreement on screen: status, the audit's verdict, each power with its consequence,
    support, data, networks, and the handover plan's dates.

    Args:
        agreement: the version shown.
        partner: its partner.
        checked: ``agreement_audit`` of that version.

    Returns:
        Rich text for a ``Static``.
    """
    text = Text()
    status = label(AGREEMENT_STATUS, agreement.status)
    if agreement.signed_on and agreement.status == "signed":
        status = _("signed {date}").format(date=agreement.signed_on.isoformat())
    text.append(_("Agreement v{n} with {partner}").format(n=agreement.version, partner=partner.name), style="bold")
    text.append(" · " + status + "\n")
    text.append(_("Drafted {made}; takes effect {starts}").format(made=agreement.made_on.isoformat(),
                                                                   starts=agreement.starts_on.isoformat()))
    if agreement.ends_on:
        text.append(_("; ends {ends}").format(ends=agreement.ends_on.isoformat()))
    text.append("\n")
    _verdict(text, agreement, partner, checked)
    _heading(text, _("Powers given to the partner (section 4)"))
    if not agreement.decision_rights:
        text.append(_("None: the partner has no vote, no veto and no power to appoint or remove anyone. "
                      "Decisions stay with the collective.") + "\n")
    by_reference = {f.reference: f for f in checked.findings}
    for grant in checked.grants:
        finding = by_reference.get(grant.reference)
        mark, style = ("✗ ", "bold red") if finding is None or finding.severity == "critical" else ("! ", "yellow")
        text.append(mark, style=style)
        text.append(_("Clause {clause}: the partner {power}").format(clause=grant.clause, power=label(POWERS, grant.power)),
                    style="bold")
        text.append(f" ({grant.over})\n")
        text.append("  ⚖ " + (finding.reason if finding is not None else partners.describe_grant(grant)) + "\n",
                    style="italic")
        if finding is not None:
            text.append("  → " + finding.fix + "\n")
    _heading(text, _("What the partner provides"))
    for item in agreement.support:
        line = f"• {label(SUPPORT_KINDS, item.support)}: {item.description}"
        if item.amount is not None:
            line += f" ({item.amount} {item.currency})"
        if item.until:
            line += " " + _("until {date}").format(date=item.until.isoformat())
        text.append(line + "\n")
    _heading(text, _("The collective's information"))
    access = agreement.data_access
    if access.requires_consent:
        text.append(_("The partner sees it only with the consent of {body}.").format(
            body=label(CONSENT_BY, access.consent_by)) + "\n")
    else:
        text.append(_("The partner may see it without the collective's consent.") + "\n", style="bold red")
    if access.shared_with_consent:
        text.append(_("Shared with consent: {items}").format(items="; ".join(access.shared_with_consent)) + "\n")
    if access.never_shared:
        text.append(_("Never shared: {items}").format(items="; ".join(access.never_shared)) + "\n")
    _heading(text, _("Sex worker-led networks the partner links the collective to"))
    if not agreement.network_links:
        text.append(_("None named in this version.") + "\n")
    for link in agreement.network_links:
        text.append(f"• {link.name} ({label(SCOPES, link.scope)}, {link.area})\n")
    plan = agreement.exit_plan
    _heading(text, _("Handover and exit"))
    text.append(_("Handover from {start} to {end} ({months} months); {days} days' notice to end; progress "
                  "reviewed every {every} months.").format(
        start=plan.handover_starts_on.isoformat(), end=plan.handover_ends_on.isoformat(), months=plan.months,
        days=plan.notice_days, every=plan.review_every_months) + "\n")
    return text


def _verdict(text: Text, agreement: PartnershipAgreement, partner: Partner, checked: AgreementAudit) -> None:
    if checked.passes:
        text.append("✓ " + _("Passes the power audit: this version gives {partner} no power over the collective's "
                             "decisions.").format(partner=partner.name), style="bold green")
    else:
        count = len(checked.grants)
        text.append("✗ " + ngettext("The power audit flags {n} power in this version.",
                                    "The power audit flags {n} powers in this version.", count).format(n=count),
                    style="bold red")
    text.append("\n")
    if checked.error:
        text.append(_("The audit could not run: {reason}").format(reason=checked.error) + "\n")
    elif checked.verdict is None:
        text.append(_("Start the bylaws to see the audit's verdict with this agreement.") + "\n")
    else:
        verdict = _("community-led") if checked.community_led else _("community-based")
        text.append(_("With this version, bylaws v{n} are: {verdict}.").format(n=checked.bylaws_version,
                                                                               verdict=verdict) + "\n")


class AgreementDetails(Static):
    """The details of the agreement version highlighted on the partners screen."""

    DEFAULT_CSS = """
    AgreementDetails { height: auto; padding: 0 1 0 0; }
    """
