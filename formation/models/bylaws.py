"""Bylaws drafts: versioned, each version with its clause choices and parameters.

A ``BylawsDraft`` holds the numbered versions of one organization's bylaws. Each version moves
through ``draft`` -> ``under_review`` -> ``adopted`` (a version may also be adopted straight from
``draft``), with the date of each step. Only a version in ``draft`` may change; to change a
version under review or adopted, start a new version from it (``formation.bylaws.new_version``).

When a version leaves ``draft`` its text is frozen into ``frozen_text``, so what a reviewer read
and what a general meeting adopted never changes later, even if formation's clause library is
updated. The choices are kept too: the power audit and the governance rules read them.
"""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StrictFloat, StrictInt, model_validator

from formation.models.base import FormationModel, ISODate, Name, PositiveCount, Record, Text, register

VersionStatus = Literal["draft", "under_review", "adopted"]
"""Where a version stands: being drafted, out for review (e.g. with a lawyer), or adopted by a
general meeting."""

STATUS_ORDER: dict[str, int] = {"draft": 0, "under_review": 1, "adopted": 2}

ClauseId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]

ParameterValue = StrictInt | StrictFloat | Annotated[str, Field(max_length=200)]
"""A stored parameter value; its type is checked against the clause library's parameter type."""


class ClauseSelection(FormationModel):
    """The choices made for one clause in one version.

    Attributes:
        clause_version: the library version of the clause when the choices were made.
        options: ``{choice id: option id}`` for every choice of the clause.
        parameters: ``{parameter name: value}`` for every parameter of the clause.
        custom_paragraphs: replacement text the group accepted (e.g. a lawyer's wording), used
            instead of the library text, or None. The audit still reads ``options``.
    """

    clause_version: PositiveCount = 1
    options: dict[ClauseId, ClauseId] = Field(default_factory=dict, max_length=30)
    parameters: dict[ClauseId, ParameterValue] = Field(default_factory=dict, max_length=30)
    custom_paragraphs: list[Text] | None = Field(default=None, max_length=40)


class StatusChange(FormationModel):
    """A step in a version's life.

    Attributes:
        status: the status the version entered.
        on: the ISO date it did.
        decision_id: the UUID of the meeting decision that made the step (the resolution that
            adopted the bylaws), or None.
    """

    status: VersionStatus
    on: ISODate
    decision_id: UUID | None = None


class FrozenClause(FormationModel):
    """A clause's text as it stood when its version left ``draft``: id, title and paragraphs."""

    id: ClauseId
    title: Name
    paragraphs: list[Text] = Field(max_length=60)


class FrozenArticle(FormationModel):
    """An article's title and its clauses, frozen with the version."""

    title: Name
    clauses: list[FrozenClause] = Field(max_length=60)


class BylawsVersion(FormationModel):
    """One numbered version of the bylaws.

    Attributes:
        number: 1, 2, 3... in order of creation.
        based_on: the number of the version it was started from, or None for the first.
        status: draft, under review or adopted (the last entry of ``history``).
        history: every status the version entered, with its date, oldest first.
        clauses: ``{clause id: ClauseSelection}`` for the clauses included (a clause left out
            is absent), in document order.
        note: what changed or why, in the group's words, or None.
        frozen_text: the text as it left ``draft`` (see the module docstring), or None while a
            draft.
    """

    number: PositiveCount
    based_on: PositiveCount | None = None
    status: VersionStatus = "draft"
    history: list[StatusChange] = Field(min_length=1, max_length=20)
    clauses: dict[ClauseId, ClauseSelection] = Field(default_factory=dict, max_length=100)
    note: Text | None = None
    frozen_text: list[FrozenArticle] | None = Field(default=None, max_length=40)

    @model_validator(mode="after")
    def _history_consistent(self) -> "BylawsVersion":
        if self.history[-1].status != self.status:
            raise ValueError("status must equal the last entry of history")
        if self.history[0].status != "draft":
            raise ValueError("a version's history starts with draft")
        dates = [h.on for h in self.history]
        if dates != sorted(dates):
            raise ValueError("history dates must not go backwards")
        ranks = [STATUS_ORDER[h.status] for h in self.history]
        if ranks != sorted(ranks) or len(set(ranks)) != len(ranks):
            raise ValueError("a version moves only forward: draft, under_review, adopted")
        if self.status != "draft" and self.frozen_text is None:
            raise ValueError("a version under review or adopted keeps its frozen_text")
        if self.based_on is not None and self.based_on >= self.number:
            raise ValueError("based_on must name an earlier version")
        return self

    def status_date(self, status: str | None = None) -> ISODate | None:
        """The date the version entered ``status`` (default: its current status), or None."""
        wanted = status or self.status
        return next((h.on for h in reversed(self.history) if h.status == wanted), None)


@register
class BylawsDraft(Record):
    """An organization's bylaws, all versions.

    Attributes:
        title: what the legal form calls the document (``"Constitution"``, ``"Bylaws"``,
            ``"Rules"``).
        versions: the versions, numbered 1..n in order (at least one).
    """

    kind: Literal["bylaws_draft"] = "bylaws_draft"
    title: Name = "Constitution"
    versions: list[BylawsVersion] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _numbered_in_order(self) -> "BylawsDraft":
        numbers = [v.number for v in self.versions]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("versions must be numbered 1, 2, 3... in order")
        return self

    @property
    def latest(self) -> BylawsVersion:
        """The newest version."""
        return self.versions[-1]

    @property
    def adopted(self) -> BylawsVersion | None:
        """The version in force: the adopted version adopted last (the higher number on the same
        day), or None before any is adopted."""
        adopted = [v for v in self.versions if v.status == "adopted"]
        if not adopted:
            return None
        return max(adopted, key=lambda v: (v.status_date("adopted"), v.number))
