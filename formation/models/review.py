"""Review notes: what a reviewer (a partner-NGO lawyer, a network's adviser) says about a clause.

A ``ReviewNote`` belongs to one bylaws draft and to the version of it that was reviewed. It says
whether a clause is fine, needs a change, or is not allowed in the group's legal context, with a
comment and, optionally, the wording the reviewer proposes instead. The group then accepts or
rejects the proposal (``Resolution``); accepting makes a new version of the draft with that
clause's text replaced (``formation.review.accept``). Notes are never deleted: together with the
draft's versions they are the draft's review history.

A reviewer is recorded by role ("partner-NGO lawyer"); a name only if the group chooses to keep it.
"""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, model_validator

from formation.models.base import FormationModel, ISODate, Name, PositiveCount, Record, Text, register

ClauseId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
"""A clause's stable id in the clause library (``"quorum"``, ``"general_meetings"``)."""

ReviewStatus = Literal["fine", "needs_change", "not_allowed_in_context"]
"""What the reviewer says of the clause: it is fine; it needs a change; or it is not allowed in
the group's legal context (a statute or registrar would refuse it)."""

REVIEW_STATUSES: tuple[str, ...] = ReviewStatus.__args__  # type: ignore[attr-defined]

STATUS_LABELS: dict[str, str] = {
    "fine": "Fine",
    "needs_change": "Needs change",
    "not_allowed_in_context": "Not allowed in this legal context",
}
"""How each status is written for people (in the wizard, the CLI and Word comments)."""

NoteOrigin = Literal["entered", "word_import"]
"""Where a note came from: typed into formation, or read from a reviewed Word copy."""


class Resolution(FormationModel):
    """The group's decision on a note's proposal.

    Attributes:
        decision: ``"accepted"`` or ``"rejected"``.
        decided_on: ISO date of the decision.
        decided_by: who decided, as a role (``"general meeting"``, ``"governing body"``).
        reason: why, in the group's words (optional).
        new_version: for an accepted proposal, the draft version it created (None when the note
            proposed no text, so nothing in the bylaws changed).
    """

    decision: Literal["accepted", "rejected"]
    decided_on: ISODate
    decided_by: Name
    reason: Text | None = None
    new_version: PositiveCount | None = None

    @model_validator(mode="after")
    def _only_accepted_makes_versions(self) -> "Resolution":
        if self.decision == "rejected" and self.new_version is not None:
            raise ValueError("a rejected proposal makes no new version")
        return self


@register
class ReviewNote(Record):
    """One reviewer's note on one clause of one bylaws version.

    Attributes:
        draft_id: the ``BylawsDraft`` the note is about.
        version: the version number (1, 2, ...) that was reviewed.
        clause_id: the clause's stable id, or None for a comment that was not anchored in any
            clause (a remark on the cover, or on an article heading), kept so it is not lost.
        clause_number: the clause's number in that version (``"4.2"``), for people; None when
            ``clause_id`` is None or unknown.
        status: ``"fine"``, ``"needs_change"`` or ``"not_allowed_in_context"``.
        comment: the reviewer's comment (up to 20,000 characters).
        proposed_text: the wording the reviewer proposes for the whole clause, one paragraph per
            list item (empty: no proposal).
        reviewer_role: the reviewer's role (``"partner-NGO lawyer"``).
        reviewer_name: the reviewer's name, only if the group chose to record it.
        created_on: ISO date the note was made (or read from Word).
        origin: ``"entered"`` or ``"word_import"``.
        resolution: the group's decision, or None while the note is open.
    """

    kind: Literal["review_note"] = "review_note"
    draft_id: UUID
    version: PositiveCount
    clause_id: ClauseId | None
    clause_number: Annotated[str, Field(pattern=r"^\d{1,3}(\.\d{1,3}){0,3}$")] | None = None
    status: ReviewStatus
    comment: Text
    proposed_text: list[Text] = Field(default_factory=list, max_length=200)
    reviewer_role: Name
    reviewer_name: Name | None = None
    created_on: ISODate
    origin: NoteOrigin = "entered"
    resolution: Resolution | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "ReviewNote":
        if self.clause_id is None and self.proposed_text:
            raise ValueError("a note that is not on a clause cannot propose clause text")
        if any(not paragraph.strip() for paragraph in self.proposed_text):
            raise ValueError("proposed_text has an empty paragraph")
        if self.resolution is not None and self.resolution.decided_on < self.created_on:
            raise ValueError("the decision is dated before the note")
        if self.resolution is not None and self.resolution.new_version is not None and not self.proposed_text:
            raise ValueError("a note without proposed text cannot create a new version")
        return self

    @property
    def is_open(self) -> bool:
        """True while the group has not decided on the note and it asks for something.

        A ``"fine"`` note asks for nothing, so it is never open.
        """
        return self.resolution is None and self.status != "fine"

    @property
    def has_proposal(self) -> bool:
        """True when the reviewer proposed replacement text."""
        return bool(self.proposed_text)

    @property
    def short_id(self) -> str:
        """The first 8 hex digits of the id, as the CLI shows it."""
        return str(self.id)[:8]
