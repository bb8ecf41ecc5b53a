"""Legal contexts: the schema of ``legal_contexts/*.toml``, and the registration tracker's record.

A legal context is a jurisdiction plus how sex work is treated there, with the legal forms a group
can take, the steps to form each, the obligations that fall due after, the sex worker-led networks
a group can join, and a table of sources. Every fact names one or more sources (``sources =
["id", ...]``) defined in the file's ``[sources]`` table, each with a URL and the date it was
checked. A fact that could not be confirmed holds the value ``"unknown"`` (and may then have no
source): never a guess. The loader (``formation.contexts``) checks that every source reference
resolves, step ids are unique, ``depends_on`` names known steps without cycles, and recovery paths
name a known legal form.

``RegistrationProgress`` (the workspace record of one organization's progress through its legal
form's steps and obligations) is defined in ``formation.models.registration_progress`` and
re-exported here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from formation.models.base import FormationModel, ISODate, Name, PositiveCount, Text
from formation.models.due_rules import ID_PATTERN, DueRule

Id = Annotated[str, Field(pattern=ID_PATTERN)]
"""An id inside a context file: 1..64 lower-case letters, digits and underscores."""

Unknown = Literal["unknown"]
"""The honest value of a fact that could not be confirmed."""

Url = Annotated[str, Field(pattern=r"^https?://[^\s]+$", max_length=1000)]

SexWorkTreatment = Literal["criminalised", "partly_criminalised", "decriminalised", "regulated", "unknown"]

FormKind = Literal[
    "unregistered_association",
    "incorporated_association",
    "society",
    "non_profit_company",
    "charity",
    "trust",
    "cooperative",
    "trade_union",
    "fiscally_sponsored_project",
]


class Source(FormationModel):
    """A public source of facts.

    Attributes:
        url: the address (http or https).
        checked_on: the ISO date someone last read it and confirmed the facts that cite it.
        title: what it is (an Act and section, a regulator's page), or None.
        secondary: True for a secondary source (a law firm, an accountant, the press), False for
            legislation, a regulator, a court or the body itself.
    """

    url: Url
    checked_on: ISODate
    title: Name | None = None
    secondary: bool = Field(default=False, strict=True)


class Fact(FormationModel):
    """Base of every sourced fact: ``sources`` lists ids from the context's ``[sources]`` table.

    A subclass whose value is ``"unknown"`` (see ``is_unknown``) may leave ``sources`` empty; any
    other fact needs at least one source.
    """

    sources: list[Id] = Field(default_factory=list, max_length=12)

    @property
    def is_unknown(self) -> bool:
        """True when the fact's value is ``"unknown"``."""
        return False

    @model_validator(mode="after")
    def _sourced(self) -> "Fact":
        if not self.sources and not self.is_unknown:
            raise ValueError(
                "needs 'sources' (ids from the [sources] table, each with a URL and a checked-on "
                "date), or the value \"unknown\""
            )
        return self


class SexWork(Fact):
    """How sex work is treated in the context, and what that means for registering openly.

    Attributes:
        treatment: criminalised, partly criminalised, decriminalised, regulated, or unknown.
        summary: plain-language summary of the law.
        registering_openly: what registering under an open name or purpose may expose, and ways
            groups have managed it.
    """

    treatment: SexWorkTreatment
    summary: Text
    registering_openly: Text

    @property
    def is_unknown(self) -> bool:
        return self.treatment == "unknown"


class MemberMinimum(Fact):
    """A minimum number of people (founders, members, committee members).

    Attributes:
        count: the number, or ``"unknown"``.
        note: conditions (e.g. "a corporate member counts as 3"), or None.
    """

    count: PositiveCount | Unknown
    note: Text | None = None

    @property
    def is_unknown(self) -> bool:
        return self.count == "unknown"


class Fee(Fact):
    """A fee charged by a registrar.

    Attributes:
        label: what it is for ("incorporation online", "annual return").
        amount: the amount in ``currency`` (0 for free), or ``"unknown"``.
        currency: ISO 4217 code (``"NZD"``).
        as_of: the date from which the amount applies, or the date it was seen; required when the
            amount is known.
    """

    label: Name
    amount: Unknown | Annotated[Decimal, Field(ge=0, le=10_000_000)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    as_of: ISODate | None = None
    note: Text | None = None

    @property
    def is_unknown(self) -> bool:
        return self.amount == "unknown"

    @model_validator(mode="after")
    def _dated(self) -> "Fee":
        if not self.is_unknown and self.as_of is None:
            raise ValueError("a known fee needs 'as_of' (the date the amount applies from or was seen)")
        return self


class TypicalTime(Fact):
    """How long something usually takes.

    Attributes:
        min, max: the range in ``unit`` (``min`` may be None for "up to max"); ``max`` may be
            ``"unknown"``.
        unit: days, weeks or months.
    """

    min: int | None = Field(default=None, strict=True, ge=0, le=1000)
    max: Unknown | Annotated[int, Field(strict=True, ge=0, le=1000)]
    unit: Literal["days", "weeks", "months"] = "days"

    @property
    def is_unknown(self) -> bool:
        return self.max == "unknown"


class Registrar(Fact):
    """The body that registers the legal form. ``url`` is its public page, or None."""

    name: Name
    url: Url | None = None


class RequiredContent(Fact):
    """A matter the law requires the governing document (constitution, bylaws, rules) to contain.

    Attributes:
        id: a stable id (the bylaws completeness check maps clause ids to it), e.g.
            ``s26_1_a_name``.
        title: the matter in plain language.
        reference: the statute and section (``"Incorporated Societies Act 2022 s.26(1)(a)"``).
        confirmed: False where the exact wording or paragraph was not confirmed from the statute.
    """

    id: Id
    title: Text
    reference: Name
    confirmed: bool = Field(default=True, strict=True)


class PublicExposure(Fact):
    """Something that becomes visible when the form is registered.

    Attributes:
        id: stable id.
        what: what becomes visible (a public register entry, a register of members open to
            inspection, officers' residential addresses).
        visible_to: ``"anyone"``, ``"members"``, ``"registrar"`` (and other authorities) or
            ``"funders"``; ``"unknown"`` where who may see it was not confirmed.
        identifies_people: True if it can identify individual members or officers.
    """

    id: Id
    what: Text
    visible_to: Literal["anyone", "members", "registrar", "funders", "unknown"]
    identifies_people: bool = Field(strict=True)
    reference: Name | None = None


class RefusalRisk(Fact):
    """A ground on which registration has been refused or objected to in practice, with mitigations."""

    id: Id
    risk: Text
    mitigation: Text


class RegistrationStep(Fact):
    """One act in forming the legal form.

    Attributes:
        id: stable id, unique within the form.
        title: short title.
        description: what to do, in plain language.
        depends_on: ids of steps that must be done (or not applicable) first.
        documents: documents needed.
        fee: the fee, or None when there is none to pay at this step.
        typical_time: how long it usually takes, or None.
        legal_names_required: True if the law requires legal names or addresses of people here.
        reference: the statute and section, or None.
    """

    id: Id
    title: Name
    description: Text
    depends_on: list[Id] = Field(default_factory=list, max_length=20)
    documents: list[Text] = Field(default_factory=list, max_length=30)
    fee: Fee | None = None
    typical_time: TypicalTime | None = None
    legal_names_required: bool = Field(default=False, strict=True)
    reference: Name | None = None


class Recovery(Fact):
    """The path shown when a statutory deadline was missed.

    Attributes:
        summary: what happened, in plain language.
        consequence: the legal consequence.
        restart_form: id of a legal form of the same context whose steps lead out (e.g. incorporate
            again under the new Act), or None.
        steps: further steps of the path (e.g. apply for restoration).
    """

    summary: Text
    consequence: Text
    restart_form: Id | None = None
    steps: list[RegistrationStep] = Field(default_factory=list, max_length=20)


class Obligation(Fact):
    """A recurring or one-off duty after registration, with the rule that dates it.

    Attributes:
        id: stable id, unique within the form.
        title: short title.
        description: plain-language description.
        kind: meeting, filing, report, notice, renewal or compliance (keeping a legal minimum).
        reference: the statute and section, or the agreement it comes from.
        due: the rule (see ``formation.models.due_rules.DueRule``).
        applies_when: a condition in plain language, or None when it always applies.
        if_missed: the recovery path if the deadline is missed, or None.
    """

    id: Id
    title: Name
    description: Text
    kind: Literal["meeting", "filing", "report", "notice", "renewal", "compliance"]
    reference: Name
    due: DueRule
    applies_when: Text | None = None
    if_missed: Recovery | None = None


class LegalForm(Fact):
    """A legal form available in the context.

    Attributes:
        id: stable id (``Organization.legal_form_id``).
        name: its name there (``"Incorporated society"``).
        kind: the general kind (see ``FormKind``).
        summary: plain-language summary.
        statute: the law it is formed under, or None (an unregistered association).
        open_to_new: False for a form that can no longer be formed (kept for groups that hold it).
        min_founders, min_members: minimums, or None when the law sets none.
        registrar: who registers it, or None.
        fees, typical_time: fees and the usual time to register.
        required_contents: what the governing document must contain.
        public_exposure: what becomes public.
        refusal_risks: refusal risks with mitigations.
        steps: registration steps.
        obligations: recurring obligations.
    """

    id: Id
    name: Name
    kind: FormKind
    summary: Text
    statute: Name | None = None
    open_to_new: bool = Field(default=True, strict=True)
    min_founders: MemberMinimum | None = None
    min_members: MemberMinimum | None = None
    registrar: Registrar | None = None
    fees: list[Fee] = Field(default_factory=list, max_length=20)
    typical_time: TypicalTime | None = None
    required_contents: list[RequiredContent] = Field(default_factory=list, max_length=80)
    public_exposure: list[PublicExposure] = Field(default_factory=list, max_length=30)
    refusal_risks: list[RefusalRisk] = Field(default_factory=list, max_length=30)
    steps: list[RegistrationStep] = Field(default_factory=list, max_length=60)
    obligations: list[Obligation] = Field(default_factory=list, max_length=40)

    def step(self, step_id: str) -> RegistrationStep | None:
        """The step with this id, or None."""
        return next((s for s in self.steps if s.id == step_id), None)

    def obligation(self, obligation_id: str) -> Obligation | None:
        """The obligation with this id, or None."""
        return next((o for o in self.obligations if o.id == obligation_id), None)


class Network(Fact):
    """A sex worker-led network a group can connect to.

    Attributes:
        name: its name.
        scope: global, regional, national or local.
        area: where it works (``"Asia and the Pacific"``, ``"India"``).
        url: its public address.
        description: what it is, in a sentence.
    """

    name: Name
    scope: Literal["global", "regional", "national", "local"]
    area: Name
    url: Url
    description: Text


class Jurisdiction(FormationModel):
    """Where the context applies: ISO 3166-1 alpha-2 ``country`` (``"ZZ"`` for anywhere) and an
    optional ISO 3166-2 ``subdivision`` (``"AU-NSW"``)."""

    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    subdivision: Annotated[str, Field(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")] | None = None


class LegalContext(FormationModel):
    """One legal context: the content of one ``legal_contexts/<id>.toml`` file.

    Attributes:
        format: the file format version (1).
        id: the context id, equal to the file name without ``.toml`` (``Organization.legal_context_id``).
        name: its name (``"New Zealand"``).
        jurisdiction: where it applies.
        languages: BCP 47 tags of languages commonly used there.
        reviewed_on: the date the whole file was last reviewed.
        sex_work: how sex work is treated and what registering openly means.
        forms: the legal forms (at least one).
        networks: sex worker-led networks.
        sources: every source the file cites, by id.
    """

    format: Literal[1] = 1
    id: Id
    name: Name
    jurisdiction: Jurisdiction
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]] = Field(min_length=1, max_length=20)
    reviewed_on: ISODate
    sex_work: SexWork
    forms: list[LegalForm] = Field(min_length=1, max_length=20)
    networks: list[Network] = Field(default_factory=list, max_length=40)
    sources: dict[Id, Source] = Field(min_length=1, max_length=300)

    def form(self, form_id: str) -> LegalForm | None:
        """The legal form with this id, or None."""
        return next((f for f in self.forms if f.id == form_id), None)


# The tracker's record lives in its own module; re-exported here for callers of this one.
from formation.models.registration_progress import (  # noqa: E402
    ObligationMet,
    RecordedEvent,
    RegistrationProgress,
    StepProgress,
    StepStatus,
)

__all__ = [
    "Fact", "Fee", "Id", "Jurisdiction", "LegalContext", "LegalForm", "MemberMinimum", "Network",
    "Obligation", "ObligationMet", "PublicExposure", "RecordedEvent", "Recovery", "RefusalRisk",
    "Registrar", "RegistrationProgress", "RegistrationStep", "RequiredContent", "SexWork", "Source",
    "StepProgress", "StepStatus", "TypicalTime",
]
