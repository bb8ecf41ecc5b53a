"""Partners and partnership agreements: the help a partner gives, and the powers it does not get.

A ``Partner`` is an organization that helps the group: a funder, a host or fiscal sponsor, a
trainer, a legal adviser. A ``PartnershipAgreement`` sets down, as structured data, what the
partner provides and how the relationship works: by default the partner has NO decision rights
(no vote, no veto, no power to appoint or remove anyone), sees the collective's data only with
its consent, links the collective to sex worker-led networks, and hands its roles over to members
by dated steps before it leaves. A draft may still hold powers a partner asked for ("approves the
budget", "hires or fires the coordinator", "signs alone", "appoints seats", "veto"): they are
recorded as ``DecisionRight`` entries so the power audit can name them and the clause to change.

Why: a collective that grows out of a partner-supported programme stays community-led only if
ownership and decisions rest with the community, the partner allows freedom over form and
function, and links it to sex worker-led networks (WHO/UNFPA/UNAIDS/NSWP/World Bank,
*Implementing Comprehensive HIV/STI Programmes with Sex Workers* (SWIT), 2013, section 1.2.3,
p. 31-32; partnership management, Box 1.1, p. 29:
http://www.who.int/hiv/pub/sti/sex_worker_implementation/en/).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, model_validator

from formation.models.base import (
    Days,
    FormationModel,
    ISODate,
    Name,
    PositiveCount,
    Record,
    Text,
    Wording,
    register,
    require_unique,
)

PartnerKind = Literal["funder", "host", "fiscal_sponsor", "trainer", "legal_adviser"]
"""What a partner is to the group: a funder; a host (gives the group a home: space, a bank
account, staff); a fiscal sponsor (receives and holds funds for a group that is not registered);
a trainer; a legal adviser. A partner may be several of these."""

PARTNER_KIND_TITLES: dict[str, str] = {
    "funder": "Funder",
    "host": "Host",
    "fiscal_sponsor": "Fiscal sponsor",
    "trainer": "Trainer",
    "legal_adviser": "Legal adviser",
}

SupportKind = Literal["money", "space", "staff_time", "training", "advocacy", "legal_review", "other"]
"""What a partner provides: money (grants, payments), space (a room, a drop-in centre), staff time
(e.g. a part-time bookkeeper), training, advocacy, legal review, or something else (described)."""

SUPPORT_KIND_TITLES: dict[str, str] = {
    "money": "Money",
    "space": "Space",
    "staff_time": "Staff time",
    "training": "Training",
    "advocacy": "Advocacy",
    "legal_review": "Legal review",
    "other": "Other support",
}

AgreementPower = Literal["vote", "veto", "appoint_seats", "remove", "approve_budget", "hire_fire", "sign_alone", "amend_bylaws"]
"""A power over the collective's decisions that a draft agreement may give a partner:

- ``vote``: a vote in the collective's governing body or general meeting;
- ``veto``: a veto over decisions;
- ``appoint_seats``: appoints seats on the governing body;
- ``remove``: removes members, officers or governing body members;
- ``approve_budget``: approves the collective's budget;
- ``hire_fire``: hires or fires the collective's coordinator or staff;
- ``sign_alone``: signs for the collective alone (contracts, bank payments);
- ``amend_bylaws``: changes or must approve changes to the bylaws.

Every one of them moves a decision away from the community members; the audit names each as a
finding with its clause."""

AGREEMENT_POWER_TITLES: dict[str, str] = {
    "vote": "has a vote in the collective's decisions",
    "veto": "can veto the collective's decisions",
    "appoint_seats": "appoints seats on the governing body",
    "remove": "can remove members, officers or members of the governing body",
    "approve_budget": "approves the budget",
    "hire_fire": "hires or fires the coordinator or staff",
    "sign_alone": "signs for the collective alone",
    "amend_bylaws": "must approve changes to the bylaws",
}
"""Each power in plain words, as the sentence's predicate: ``"The partner approves the budget"``."""

ConsentBody = Literal["general_meeting", "governing_body"]

_CLAUSE_REF = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9 .()\-]*$")]






@register
class Partner(Record):
    """A partner organization.

    Attributes:
        name: the organization's name (organizations only; never a person's name).
        kinds: what it is to the group (at least one ``PartnerKind``, each once).
        provides: what it provides (``SupportKind`` values, each once); details go in the
            agreement's ``support``.
        contact_role: the role of the group's contact there (``"Programme manager"``), or None.
            A role, not a person's name.
        since: ISO date the partnership began, or None.
        ended_on: ISO date it ended, or None while it lasts; not before ``since``.
        notes: free text kept inside the encrypted workspace.
    """

    kind: Literal["partner"] = "partner"
    name: Name
    kinds: list[PartnerKind] = Field(min_length=1, max_length=5)
    provides: list[SupportKind] = Field(default_factory=list, max_length=7)
    contact_role: Name | None = None
    since: ISODate | None = None
    ended_on: ISODate | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Partner":
        require_unique(self.kinds, "kinds")
        require_unique(self.provides, "provides")
        if self.since and self.ended_on and self.ended_on < self.since:
            raise ValueError("ended_on is before since")
        return self

    @property
    def is_current(self) -> bool:
        """True while the partnership has not ended."""
        return self.ended_on is None

    @property
    def kinds_label(self) -> str:
        """The kinds in words, ``"Host, Trainer"``."""
        return ", ".join(PARTNER_KIND_TITLES[k] for k in self.kinds)


class SupportItem(FormationModel):
    """One thing the partner provides under the agreement.

    Attributes:
        support: its kind (``SupportKind``).
        description: what exactly, in plain words (``"a part-time bookkeeper, two days a week"``).
        amount: for money, the amount in ``currency`` (>= 0), or None.
        currency: ISO 4217 code (``"KES"``), required with ``amount``.
        until: ISO date the support ends, or None when it lasts as long as the agreement.
    """

    support: SupportKind
    description: Wording
    amount: Annotated[Decimal, Field(ge=0, le=1_000_000_000)] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    until: ISODate | None = None

    @model_validator(mode="after")
    def _money(self) -> "SupportItem":
        if (self.amount is None) != (self.currency is None):
            raise ValueError("amount and currency go together")
        if self.amount is not None and self.support != "money":
            raise ValueError("an amount is only for support of kind 'money'")
        return self


class DecisionRight(FormationModel):
    """A power over the collective's decisions that the agreement gives the partner.

    A fair agreement has none. Drafts a partner proposes sometimes do; recording them lets the
    audit flag each one and name the clause to change.

    Attributes:
        power: which power (``AgreementPower``).
        over: what it covers, in plain words (``"the annual budget"``, ``"the coordinator"``).
        seats: for ``vote`` and ``appoint_seats``: how many seats (>= 1), else None.
        clause: the clause's number in the agreement as written by the parties (``"7(b)"``), or
            None to use the number the agreement layout gives it (section 4: ``"4.1"``, ...).
    """

    power: AgreementPower
    over: Wording
    seats: PositiveCount | None = None
    clause: _CLAUSE_REF | None = None

    @model_validator(mode="after")
    def _seats(self) -> "DecisionRight":
        if self.seats is not None and self.power not in ("vote", "appoint_seats"):
            raise ValueError("seats is only for the powers 'vote' and 'appoint_seats'")
        if self.power == "appoint_seats" and self.seats is None:
            raise ValueError("appoint_seats needs the number of seats")
        return self


class DataAccess(FormationModel):
    """What the partner may see of the collective's information.

    Attributes:
        requires_consent: True (the default, and the only fair term): the partner sees the
            collective's data only with its consent, case by case. False is recorded as a finding.
        consent_by: who gives consent for the collective: the general meeting or the governing body.
        shared_with_consent: what the collective has agreed to share (``"quarterly financial
            report"``, ``"attendance numbers without names"``).
        never_shared: what is never shared (default: the register of members, and any member's
            name, legal name, contact details or community status).
    """

    requires_consent: bool = Field(default=True, strict=True)
    consent_by: ConsentBody = "governing_body"
    shared_with_consent: list[Name] = Field(default_factory=list, max_length=30)
    never_shared: list[Name] = Field(
        default_factory=lambda: [
            "the register of members",
            "any member's name, legal name, contact details or community status",
        ],
        max_length=30,
    )


class NetworkLink(FormationModel):
    """A sex worker-led network the partner links the collective to.

    Attributes:
        name, scope, area, url: the network as the legal context lists it (``scope``: global,
            regional, national or local).
        commitment: what the partner does about it (``"introduces the collective and pays for
            one member to attend the regional meeting"``), or None for a plain introduction.
    """

    name: Name
    scope: Literal["global", "regional", "national", "local"]
    area: Name
    url: Annotated[str, Field(max_length=500, pattern=r"^https?://\S+$")] | None = None
    commitment: Text | None = None


class ExitPlan(FormationModel):
    """How and when the partner's roles pass to members and the partnership can end.

    Attributes:
        handover_starts_on: ISO date the handover plan starts.
        handover_ends_on: ISO date by which every role in the plan is held by members; not before
            ``handover_starts_on``. The plan's steps are the ``HandoverItem`` records of the partner
            (``formation.models.capacity``), each with its own date.
        notice_days: days of written notice either side gives before ending the agreement.
        on_exit: what happens to shared things on exit (equipment, funds held, files), or None.
        review_every_months: how often the collective and the partner review progress (1..24).
    """

    handover_starts_on: ISODate
    handover_ends_on: ISODate
    notice_days: Days = 90
    on_exit: Text | None = None
    review_every_months: int = Field(default=3, ge=1, le=24, strict=True)

    @model_validator(mode="after")
    def _order(self) -> "ExitPlan":
        if self.handover_ends_on < self.handover_starts_on:
            raise ValueError("handover_ends_on is before handover_starts_on")
        return self

    @property
    def months(self) -> int:
        """Whole months the plan covers, counting both its first and last day (1 June 2026 to
        31 May 2027 is 12 months)."""
        from dateutil.relativedelta import relativedelta

        span = relativedelta(self.handover_ends_on + _dt.timedelta(days=1), self.handover_starts_on)
        return span.years * 12 + span.months


AgreementStatus = Literal["draft", "signed", "superseded", "ended"]


@register
class PartnershipAgreement(Record):
    """A partnership agreement between the collective and one partner (one record per version).

    Attributes:
        partner_id: the ``Partner``.
        version: 1, 2, ... (a new version is a new record; the old one becomes ``superseded``).
        status: ``"draft"``, ``"signed"``, ``"superseded"`` or ``"ended"``.
        made_on: ISO date this version was drafted.
        signed_on: ISO date it was signed, or None.
        starts_on: ISO date it takes effect.
        ends_on: ISO date it ends, or None for open-ended (then the exit plan dates its end).
        purpose: why the partnership exists, in plain words.
        support: what the partner provides (at least one item).
        decision_rights: powers given to the partner; empty by default, and empty in a fair
            agreement.
        data_access: what the partner may see (only with consent, by default).
        network_links: sex worker-led networks the partner links the collective to.
        exit_plan: the handover and exit plan with its dates.
        notes: free text kept inside the encrypted workspace (not printed in the agreement).
    """

    kind: Literal["partnership_agreement"] = "partnership_agreement"
    partner_id: UUID
    version: PositiveCount = 1
    status: AgreementStatus = "draft"
    made_on: ISODate
    signed_on: ISODate | None = None
    starts_on: ISODate
    ends_on: ISODate | None = None
    purpose: Wording
    support: list[SupportItem] = Field(min_length=1, max_length=50)
    decision_rights: list[DecisionRight] = Field(default_factory=list, max_length=20)
    data_access: DataAccess = Field(default_factory=DataAccess)
    network_links: list[NetworkLink] = Field(default_factory=list, max_length=40)
    exit_plan: ExitPlan
    notes: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "PartnershipAgreement":
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        if self.status in ("signed", "ended") and self.signed_on is None:
            raise ValueError("a signed agreement needs signed_on")
        if self.signed_on and self.signed_on < self.made_on:
            raise ValueError("signed_on is before made_on")
        clauses = [r.clause for r in self.decision_rights if r.clause]
        if len(clauses) != len(set(clauses)):
            raise ValueError("two decision rights cite the same clause")
        return self

    @property
    def is_in_force(self) -> bool:
        """True for a signed agreement (not superseded or ended)."""
        return self.status == "signed"

    def in_force_on(self, day: _dt.date) -> bool:
        """True if signed and ``day`` (ISO date) falls between ``starts_on`` and ``ends_on``."""
        return self.is_in_force and self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class PowerGrant(FormationModel):
    """A power over the collective's decisions held by someone outside its membership, as read
    from a partnership agreement, in the shape the power audit takes as extra grants.

    Attributes:
        holder: who holds it: ``"funder"``, ``"fiscal_host"`` or ``"partner"`` (the audit's
            holder names: a host or fiscal sponsor is a ``"fiscal_host"``).
        holder_name: the partner organization's name.
        power: the power (``AgreementPower``; the audit's own power names where they overlap:
            vote, veto, appoint_seats, approve_budget, sign_alone, hire_fire, amend_bylaws).
        over: what it covers, in plain words.
        seats: seats concerned (``vote``/``appoint_seats``), or None.
        clause: the clause to change, ``"4.1"`` or the parties' own number.
        source: the document, ``"Partnership agreement v1 with Example Trust"``.
        reference: ``source`` and ``clause`` together, ``"Partnership agreement v1 with Example
            Trust, clause 4.1"``.
    """

    holder: Literal["funder", "fiscal_host", "partner"]
    holder_name: Name
    power: Literal[AgreementPower, "data_without_consent"]  # type: ignore[valid-type]
    over: Text
    seats: PositiveCount | None = None
    clause: Name
    source: Name
    reference: Text
