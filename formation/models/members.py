"""Members: work names first, legal names only where a law demands them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from formation.models.base import ISODate, Name, Record, Text, register

CommunityStatus = Literal["yes", "no", "undisclosed"]
"""Whether a member is, or was, a sex worker: ``"yes"``, ``"no"``, or ``"undisclosed"`` (the
group chose not to record it). The power audit counts only ``"yes"`` as community."""

MembershipClass = Literal["voting", "supporting"]
"""``"voting"`` members vote at general meetings; ``"supporting"`` members (supporters, allies)
take part without a vote."""


@register
class Member(Record):
    """A member of the organization.

    Attributes:
        work_name: the name the member chooses to be known by here (required, the default name).
        legal_name: the legal name, stored only where a law demands it (off by default: None).
        community_member: ``"yes"`` / ``"no"`` / ``"undisclosed"``; sensitive, never printed in a
            shareable document.
        membership_class: ``"voting"`` or ``"supporting"``; a separate fact from community status.
        joined_on: ISO date the member joined, or None if not recorded.
        left_on: ISO date the member left, or None while a member; not before ``joined_on``.
        consent_to_be_named: True only if the member agreed to be named in shareable documents.
        notes: free text kept inside the encrypted workspace.
    """

    kind: Literal["member"] = "member"
    work_name: Name
    legal_name: Name | None = None
    community_member: CommunityStatus = "undisclosed"
    membership_class: MembershipClass = "voting"
    joined_on: ISODate | None = None
    left_on: ISODate | None = None
    consent_to_be_named: bool = Field(default=False, strict=True)
    notes: Text | None = None

    @model_validator(mode="after")
    def _left_after_joined(self) -> "Member":
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValueError("left_on is before joined_on")
        return self

    @property
    def is_current(self) -> bool:
        """True while the member has not left."""
        return self.left_on is None

    @property
    def is_voting(self) -> bool:
        """True for a current member of the voting class."""
        return self.is_current and self.membership_class == "voting"

    @property
    def is_community(self) -> bool:
        """True only when community status is recorded as ``"yes"`` (undisclosed never counts)."""
        return self.community_member == "yes"
