"""The organization itself: name, objects, legal context and form, formation pathway."""

from __future__ import annotations

import datetime as _dt
from typing import Literal

from pydantic import Field, model_validator

from formation.models.base import FormationModel, ISODate, Name, Record, Text, register


class FormationPathway(FormationModel):
    """How the group came to form.

    Attributes:
        pathway: ``"independent"`` or ``"partner_supported"`` (grew out of a process a partner
            organization supports).
        partner_name: the partner organization's name; required when partner-supported.
        partner_role: what the partner declared it does (fund, host, train, advise), free text.
    """

    pathway: Literal["independent", "partner_supported"] = "independent"
    partner_name: Name | None = None
    partner_role: Text | None = None

    @model_validator(mode="after")
    def _partner_named(self) -> "FormationPathway":
        if self.pathway == "partner_supported" and not self.partner_name:
            raise ValueError("partner_name is required when the pathway is partner_supported")
        return self


class FinancialYearEnd(FormationModel):
    """The last day of the financial year (the balance date), as a month and day.

    Attributes:
        month: 1..12.
        day: 1..31, and a real day of that month (29 February is refused: it does not exist every
            year; use 28 February).
    """

    month: int = Field(ge=1, le=12, strict=True)
    day: int = Field(ge=1, le=31, strict=True)

    @model_validator(mode="after")
    def _real_day(self) -> "FinancialYearEnd":
        try:
            _dt.date(2023, self.month, self.day)  # a common year: 29 February is refused
        except ValueError:
            raise ValueError("day does not exist in that month every year") from None
        return self

    def in_year(self, year: int) -> _dt.date:
        """The balance date falling in ``year`` (an ISO date)."""
        return _dt.date(year, self.month, self.day)


class StaffCount(FormationModel):
    """Paid staff, for the criteria sets that count staff (RUF's 33%, Scarlet Alliance, UNAIDS).

    Attributes:
        total: how many people the organization employs (0: no staff yet).
        community: how many of them are community members (0..total).
    """

    total: int = Field(ge=0, le=100_000, strict=True)
    community: int = Field(ge=0, le=100_000, strict=True)

    @model_validator(mode="after")
    def _community_within_total(self) -> "StaffCount":
        if self.community > self.total:
            raise ValueError("community staff cannot be more than the total staff")
        return self


@register
class Organization(Record):
    """The organization a workspace holds (one per workspace).

    Attributes:
        name: the organization's name as the group uses it.
        objects: its purposes (the "objects" clause), one string each, at least one.
        legal_context_id: id of a file in ``legal_contexts/`` (e.g. ``"nz"``), or None if not chosen.
        legal_form_id: id of a legal form of that context (e.g. ``"incorporated_society"``), or None.
        formation_pathway: independent or partner-supported, with the partner's declared role.
        founding_date: the date of the founding meeting, or None before it.
        incorporation_date: the date the registrar incorporated or registered it, or None.
        financial_year_end: the balance date, or None while unknown.
        languages: language tags the group works in (BCP 47, e.g. ``"en"``, ``"mi"``, ``"sw"``).
        staff: paid staff and how many are community members, or None while not recorded
            (the power audit's staff criteria are then "unknown"; ``StaffCount(total=0,
            community=0)`` records that there are no staff). Counts only, never who.
    """

    kind: Literal["organization"] = "organization"
    name: Name
    objects: list[Text] = Field(default_factory=list, max_length=50)
    legal_context_id: str | None = Field(default=None, pattern=r"^[a-z0-9_\-]{1,64}$")
    legal_form_id: str | None = Field(default=None, pattern=r"^[a-z0-9_\-]{1,64}$")
    formation_pathway: FormationPathway = Field(default_factory=FormationPathway)
    founding_date: ISODate | None = None
    incorporation_date: ISODate | None = None
    financial_year_end: FinancialYearEnd | None = None
    languages: list[str] = Field(default_factory=lambda: ["en"], max_length=20)
    staff: StaffCount | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Organization":
        if self.founding_date and self.incorporation_date and self.incorporation_date < self.founding_date:
            raise ValueError("incorporation_date is before founding_date")
        return self
