"""The clause library's schema: what a ``templates/bylaws/clauses/<id>.toml`` file may hold.

See ``formation.clauses`` for how the library is loaded and checked. Every model refuses unknown
fields; paragraphs written over several lines in TOML are joined into one line.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from formation.clause_text import ParameterType, ParameterValue
from formation.models.base import FormationModel, Name, PositiveCount, Text

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]


def _one_line(value: str) -> str:
    """Join the lines of a paragraph written over several lines in TOML into one line."""
    return " ".join(value.split())


Paragraph = Annotated[Text, AfterValidator(_one_line)]
"""A paragraph of clause text or explanation: whitespace runs (line breaks included) become one space."""
RequiredContentRef = Annotated[str, Field(pattern=r"^[a-z0-9_\-]{1,64}:[a-z0-9_]{1,64}$")]
"""A legal context's required content, written ``"<context id>:<required content id>"``
(``"nz:s26_1_j_disputes_complaints"``)."""

ParamRef = Annotated[str, Field(pattern=r"^\{[a-z][a-z0-9_]{0,63}\}$")]
CountOrRef = Annotated[int, Field(ge=0, le=1_000_000, strict=True)] | ParamRef
ShareOrRef = Annotated[float, Field(ge=0.0, le=1.0)] | ParamRef

GrantHolder = Literal["partner", "funder", "fiscal_host", "registrar", "government", "staff"]
"""Who outside the membership may be given a power: a partner organization, a funder, a fiscal
host, a registrar or other government authority, or the staff."""

GrantPower = Literal[
    "vote", "veto", "appoint_seats", "approve_budget", "sign_alone", "hire_fire", "amend_bylaws", "attend"
]
"""The powers the audit knows: a vote on the governing body, a veto, appointing seats, approving
the budget, signing for the organization alone, hiring or firing its staff, amending its bylaws,
and (not a power over decisions) attending meetings as an observer."""


class GrantSpec(FormationModel):
    """A power a clause gives to someone outside the membership.

    Attributes:
        holder: who gets it (``GrantHolder``).
        power: what it is (``GrantPower``).
        over: what it covers, in plain words (may hold placeholders: ``"{veto_matters}"``).
        seats: for ``vote`` and ``appoint_seats``: how many seats (a number or ``"{param}"``).
        statutory: True when a law imposes it (a registrar's nominee), not the group's choice.
    """

    holder: GrantHolder
    power: GrantPower
    over: Text
    seats: CountOrRef | None = None
    statutory: bool = Field(default=False, strict=True)


class PowerEffects(FormationModel):
    """Facts about power that a clause option establishes; the audit reads them.

    Every field is optional: an option sets only what it decides. Numbers may be ``"{param}"``.
    """

    community_definition: Literal["current_or_former", "current_only"] | None = None
    third_parties_are_community: bool | None = None
    voting_members: Literal["community_only", "all_members"] | None = None
    supporters_hold_seats: bool | None = None
    admission_by: Literal["general_meeting", "governing_body"] | None = None
    expulsion_by: Literal["general_meeting", "governing_body"] | None = None
    register_access: Literal["officers_only", "members_see_names", "open_to_members"] | None = None
    quorum_community_majority: bool | None = None
    gb_seats: CountOrRef | None = None
    gb_community_seats: CountOrRef | None = None
    gb_community_majority_present: bool | None = None
    officers_community: bool | None = None
    spokespeople_community_share: ShareOrRef | None = None
    officer_removal_by: Literal["general_meeting", "governing_body"] | None = None
    officer_removal_hearing: bool | None = None
    grants: list[GrantSpec] = Field(default_factory=list, max_length=10)
    conflicts_third_parties: Literal["excluded", "declare"] | None = None
    conflicted_may_vote: bool | None = None
    signatories_required: CountOrRef | None = None
    signatories_community_min: CountOrRef | None = None
    confidentiality: bool | None = None
    disputes_natural_justice: bool | None = None
    amendments_by: Literal["general_meeting", "governing_body"] | None = None
    amendment_voters: Literal["voting_members", "community_members", "all_members"] | None = None
    community_clauses_entrenched: bool | None = None
    dissolution_recipient: Literal["sex_worker_led", "not_for_profit"] | None = None
    dissolution_chosen_by: Literal["community_members", "general_meeting", "governing_body"] | None = None

    def set_fields(self) -> dict[str, Any]:
        """The fields this option sets (not None, grants only when there are some)."""
        return {k: v for k, v in self.model_dump(exclude_none=True).items() if k != "grants" or v}


class ParameterSpec(FormationModel):
    """A typed clause parameter.

    Attributes:
        type: see ``formation.clause_text`` (share, count, positive_count, days, months, years, text).
        default: the value a new draft starts with.
        label: a short name for forms and the CLI.
        help: what it means, in plain language.
        minimum, maximum: tighter bounds than the type's, or None.
    """

    type: ParameterType
    default: int | float | str
    label: Name
    help: Paragraph = ""
    minimum: float | None = None
    maximum: float | None = None


class OptionSpec(FormationModel):
    """One option of a choice.

    Attributes:
        id: stable id within the choice.
        label: a short label.
        power: the consequence for who holds power, in plain language (required).
        default: True for the option a new draft starts with (exactly one per choice).
        text: the paragraphs this option adds (may be empty: the option adds nothing).
        rules: dotted ``GovernanceRules`` paths this option sets.
        effects: power facts for the audit.
        satisfies: required contents this option covers (when the clause as a whole does not,
            e.g. a bank account in the group's own name), written like ``ClauseSpec.satisfies``.
    """

    id: Slug
    label: Name
    power: Paragraph = Field(min_length=1)
    default: bool = Field(default=False, strict=True)
    text: list[Paragraph] = Field(default_factory=list, max_length=20)
    rules: dict[str, Any] = Field(default_factory=dict)
    effects: PowerEffects = Field(default_factory=PowerEffects)
    satisfies: list[RequiredContentRef] = Field(default_factory=list, max_length=20)


class BodyPart(FormationModel):
    """A part of a clause's body: fixed paragraphs (``text``) or a choice (``choice``)."""

    text: list[Paragraph] | None = Field(default=None, max_length=20)
    choice: Slug | None = None
    question: Paragraph | None = None
    options: list[OptionSpec] = Field(default_factory=list, max_length=12)

    @model_validator(mode="after")
    def _text_or_choice(self) -> "BodyPart":
        if (self.text is None) == (self.choice is None):
            raise ValueError("a body part has either 'text' or 'choice' (with 'question' and 'options')")
        if self.choice is not None:
            if not self.question:
                raise ValueError("a choice needs a 'question'")
            if len(self.options) < 1:
                raise ValueError("a choice needs at least one option")
            if sum(o.default for o in self.options) != 1:
                raise ValueError("exactly one option of a choice must have default = true")
            ids = [o.id for o in self.options]
            if len(ids) != len(set(ids)):
                raise ValueError("option ids must be unique within a choice")
        elif self.options or self.question:
            raise ValueError("fixed text has no 'question' or 'options'")
        return self

    def option(self, option_id: str) -> OptionSpec | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def default_option(self) -> OptionSpec:
        """The option a new draft starts with."""
        return next(o for o in self.options if o.default)


class Constraint(FormationModel):
    """A rule between parameters: ``rule = "community_seats <= seats"`` and a plain ``message``."""

    rule: Annotated[str, Field(pattern=r"^\s*[a-z0-9_.]+\s*(<=|<|>=|>)\s*[a-z0-9_.]+\s*$")]
    message: Paragraph = Field(min_length=1)


class ClauseSpec(FormationModel):
    """One clause of the library (the content of one ``clauses/<id>.toml``).

    Attributes:
        id: stable id, equal to the file name.
        version: the clause text's version (raised when its wording changes).
        title: the heading.
        article: the id of the article it belongs to.
        order: its place within the article.
        optional: True if a group may leave it out of its bylaws.
        included_by_default: False for an optional clause a new draft leaves out until the group
            (or a legal form's required contents) calls for it.
        explanation: what it does and why, in plain language.
        satisfies: ids of legal contexts' required contents this clause covers, written
            ``"<context id>:<required content id>"``.
        parameters: typed parameters by name.
        constraints: rules between parameters.
        rules, effects: like an option's, applied whenever the clause is included.
        body: fixed paragraphs and choices, in document order.
    """

    id: Slug
    version: PositiveCount = 1
    title: Name
    article: Slug
    order: PositiveCount
    optional: bool = Field(default=False, strict=True)
    included_by_default: bool = Field(default=True, strict=True)
    explanation: Paragraph = Field(min_length=1)
    satisfies: list[RequiredContentRef] = Field(default_factory=list, max_length=40)
    parameters: dict[Slug, ParameterSpec] = Field(default_factory=dict, max_length=30)
    constraints: list[Constraint] = Field(default_factory=list, max_length=20)
    rules: dict[str, Any] = Field(default_factory=dict)
    effects: PowerEffects = Field(default_factory=PowerEffects)
    body: list[BodyPart] = Field(min_length=1, max_length=30)

    @model_validator(mode="after")
    def _only_optional_clauses_start_left_out(self) -> "ClauseSpec":
        if not self.included_by_default and not self.optional:
            raise ValueError("included_by_default = false needs optional = true")
        return self

    @property
    def choices(self) -> list[BodyPart]:
        """The choice parts, in order."""
        return [part for part in self.body if part.choice is not None]

    def choice(self, choice_id: str) -> BodyPart | None:
        """The choice with this id, or None."""
        return next((p for p in self.choices if p.choice == choice_id), None)

    def default_options(self) -> dict[str, str]:
        """``{choice id: default option id}``."""
        return {p.choice: p.default_option.id for p in self.choices}  # type: ignore[misc]

    def default_parameters(self) -> dict[str, ParameterValue]:
        """``{parameter name: default value}``."""
        return {name: spec.default for name, spec in self.parameters.items()}


class ArticleSpec(FormationModel):
    """An article (a numbered group of clauses): ``id`` and ``title``."""

    id: Slug
    title: Name


class ArticlesFile(FormationModel):
    format: Literal[1] = 1
    articles: list[ArticleSpec] = Field(min_length=1, max_length=40)
