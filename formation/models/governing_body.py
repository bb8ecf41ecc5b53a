"""The governing body (board, committee, council), its seats and its officers."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import Field, model_validator

from formation.models.base import FormationModel, ISODate, Name, Record, register

SeatSource = Literal["general_meeting", "co_opted", "partner_appointed", "registrar_nominated", "ex_officio"]
"""How a seat is filled. Only ``general_meeting`` and ``co_opted`` (by the elected body, to fill a
casual vacancy) are controlled by the members; the others are external appointments."""

OfficerRole = Literal["chair", "convenor", "secretary", "treasurer", "spokesperson", "contact_person", "other"]


class Seat(FormationModel):
    """One seat on the governing body.

    Attributes:
        member_id: the UUID of the member holding it, or None when vacant or held by an outsider.
        external_holder: a label for a holder who is not a member (``"Partner appointee"``,
            ``"Registrar's nominee"``), or None. Never a person's legal name.
        source: how the seat is filled (see ``SeatSource``).
        since: ISO date the current holder took the seat, or None.
        votes: False for a non-voting (advisory) seat.
    """

    member_id: UUID | None = None
    external_holder: Name | None = None
    source: SeatSource = "general_meeting"
    since: ISODate | None = None
    votes: bool = Field(default=True, strict=True)

    @model_validator(mode="after")
    def _one_holder(self) -> "Seat":
        if self.member_id is not None and self.external_holder is not None:
            raise ValueError("a seat is held by a member or by an external holder, not both")
        return self

    @property
    def is_vacant(self) -> bool:
        """True when nobody holds the seat."""
        return self.member_id is None and self.external_holder is None


class Officer(FormationModel):
    """An officer role and who holds it.

    Attributes:
        role: chair or convenor, secretary, treasurer, spokesperson, contact person, other.
        title: the group's own title for ``"other"`` roles (e.g. ``"Coordinator"``), or None.
        member_id: the member holding it, or None when held by an outsider (``external_holder``).
        external_holder: a label for a non-member holder (e.g. ``"Partner finance officer"``).
        since: ISO date the holder took the role, or None.
    """

    role: OfficerRole
    title: Name | None = None
    member_id: UUID | None = None
    external_holder: Name | None = None
    since: ISODate | None = None

    @model_validator(mode="after")
    def _one_holder(self) -> "Officer":
        if self.member_id is not None and self.external_holder is not None:
            raise ValueError("an officer is a member or an external holder, not both")
        if self.role == "other" and not self.title:
            raise ValueError("title is required for an officer role of 'other'")
        return self


@register
class GoverningBody(Record):
    """The governing body, elected by the general meeting.

    Attributes:
        name: what the group calls it (``"committee"``, ``"board"``, ``"council"``).
        seats: the seats, 1..100 of them.
        officers: officer roles and their holders (spokespeople among them).
    """

    kind: Literal["governing_body"] = "governing_body"
    name: Name = "committee"
    seats: list[Seat] = Field(default_factory=list, max_length=100)
    officers: list[Officer] = Field(default_factory=list, max_length=100)

    @property
    def size(self) -> int:
        """Number of seats (vacant ones included)."""
        return len(self.seats)
