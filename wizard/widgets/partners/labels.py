"""Translatable names for what formation stores about partners, agreements and the handover plan."""

from __future__ import annotations

from wizard.i18n import N_, _

PARTNER_KINDS = {
    "funder": N_("Funder"),
    "host": N_("Host"),
    "fiscal_sponsor": N_("Fiscal sponsor"),
    "trainer": N_("Trainer"),
    "legal_adviser": N_("Legal adviser"),
}
"""``formation.models.partners.PartnerKind`` values, in the order the forms offer them."""

SUPPORT_KINDS = {
    "money": N_("Money"),
    "space": N_("Space"),
    "staff_time": N_("Staff time"),
    "training": N_("Training"),
    "advocacy": N_("Advocacy"),
    "legal_review": N_("Legal review"),
    "other": N_("Other support"),
}
"""``formation.models.partners.SupportKind`` values."""

POWERS = {
    "vote": N_("has a vote in the collective's decisions"),
    "veto": N_("can veto the collective's decisions"),
    "appoint_seats": N_("appoints seats on the governing body"),
    "remove": N_("can remove members, officers or members of the governing body"),
    "approve_budget": N_("approves the budget"),
    "hire_fire": N_("hires or fires the coordinator or staff"),
    "sign_alone": N_("signs for the collective alone"),
    "amend_bylaws": N_("must approve changes to the bylaws"),
    "data_without_consent": N_("may see the collective's records without its consent"),
}
"""``formation.models.partners.AgreementPower`` values (and the data power the audit adds)."""

AGREEMENT_STATUS = {
    "draft": N_("draft"),
    "signed": N_("signed"),
    "superseded": N_("superseded"),
    "ended": N_("ended"),
}

CONSENT_BY = {"governing_body": N_("the governing body"), "general_meeting": N_("the general meeting")}

SCOPES = {"national": N_("national"), "regional": N_("regional"), "global": N_("global"), "local": N_("local")}

HANDOVER_ROLES = {
    "bookkeeping": N_("Bookkeeping"),
    "bank_signatory": N_("Bank signatory"),
    "report_writing": N_("Report writing"),
    "spokesperson": N_("Spokesperson"),
    "coordination": N_("Coordination"),
    "other": N_("Another role"),
}
"""``formation.models.capacity.HandoverRole`` values."""

HELD_BY = {"partner_staff": N_("a partner's staff"), "consultant": N_("a consultant")}

HANDOVER_STATUS = {
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "done": N_("taken over"),
    "dropped": N_("dropped"),
}


def label(table: dict[str, str], value: str) -> str:
    """The translated label of ``value`` in ``table``, or the value itself when it has none."""
    return _(table[value]) if value in table else value


def labels(table: dict[str, str], values: list[str]) -> str:
    """Several labels joined with commas (``"Host, Trainer"``)."""
    return ", ".join(label(table, v) for v in values)
