"""The power audit as the wizard shows it: a short summary for the badge, and the full result.

The audit itself is ``formation.audit`` (criteria sets, findings, the verdict); this module only
calls it on the session's records and condenses the result for the badge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from formation import audit, contexts, partners
from formation.audit import PowerAudit
from formation.errors import FormationError
from formation.models import GoverningBody, Member
from formation.models.bylaws import BylawsDraft
from formation.models.partners import Partner, PartnershipAgreement
from wizard.session import Session


@dataclass(frozen=True)
class AuditSummary:
    """What the badge shows.

    Attributes:
        verdict: the verdict in words (``"community-led"``), from formation.
        community_led: True when the verdict is community-led.
        findings: how many critical findings and warnings the audit made.
        error: why the audit could not run (a field is invalid...), or "".
        result: the full audit result from formation, or None.
    """

    verdict: str
    community_led: bool
    findings: int
    error: str = ""
    result: Any = None


def run_audit(session: Session, draft: BylawsDraft, version: int | None = None) -> PowerAudit:
    """Audit a version of ``draft`` against the session's members, governing body, recorded staff
    counts (``Organization.staff``, as ``formation bylaws audit`` reads them), legal form and
    partnership agreements (``formation.audit.audit``).

    Args:
        session: the open workspace.
        draft: the bylaws.
        version: the version number, or None for the newest.

    Returns:
        formation's ``PowerAudit``.

    Raises:
        InputError / ValidationFailed: as ``formation.audit.audit``.
    """
    org = session.organization
    context = None
    form_id = None
    if org is not None and org.legal_context_id and org.legal_form_id:
        try:
            context = contexts.load_context(org.legal_context_id)
            form_id = org.legal_form_id if context.form(org.legal_form_id) else None
        except FormationError:
            context = None
    grants: list[Any] = []
    agreements = session.all(PartnershipAgreement)
    for partner in session.all(Partner):
        agreement = partners.current_agreement(agreements, partner.id)
        if agreement is not None:
            grants.extend(partners.agreement_power_grants(agreement, partner))
    return audit.audit(
        draft, members=session.all(Member), governing_body=session.first(GoverningBody), version=version,
        staff=org.staff if org is not None else None,
        context=context if form_id else None, form_id=form_id, extra_grants=grants,
    )


_LAST: dict[str, Any] = {}


def summarize(session: Session, draft: BylawsDraft) -> AuditSummary:
    """Audit the newest version of ``draft`` and condense it for the badge. The summary is kept
    until the session changes (the badge and the sidebar ask for it after the same change).

    Returns:
        The summary; when the audit cannot run (a choice is invalid), ``error`` says why.
    """
    key = (id(session), session.generation, draft.model_dump_json())
    if _LAST.get("key") == key:
        return _LAST["summary"]
    summary = _summarize(session, draft)
    _LAST.update(key=key, summary=summary)
    return summary


def _summarize(session: Session, draft: BylawsDraft) -> AuditSummary:
    try:
        result = run_audit(session, draft)
    except FormationError as error:
        return AuditSummary("", False, 0, error=getattr(error, "detail", str(error)))
    counted = [f for f in result.findings if f.severity in ("critical", "warning")]
    return AuditSummary(result.verdict.label, result.verdict.community_led, len(counted), result=result)
