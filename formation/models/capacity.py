"""The capacity record: skills, trainings, chances to practise, and the handover plan.

A new organization needs skills that a partner or consultant often supplies at first: project
management, financial management, monitoring and reporting, communication, fundraising (and
others the group adds). The capacity record keeps what was learned and by whom (``Training``,
``PracticeOpportunity``), and the handover plan (``HandoverItem``) keeps each role a partner's
staff or a consultant holds today, the member who takes it over and by when.

Why: capacity building should strengthen the whole organization so it follows its own vision,
and works best alongside real projects; outsourcing (e.g. financial management) is a remedy for
skills gaps, not a permanent state (SWIT 2013, sections 6.5 and 6.7, pp. 185-187; Box 1.6, p. 35:
http://www.who.int/hiv/pub/sti/sex_worker_implementation/en/).

Members are referred to by id only; work names are looked up when something is shown.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, model_validator

from formation.models.base import FormationModel, ISODate, Name, Record, Text, Wording, register, require_unique

SKILL_KEY_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"

SkillKey = Annotated[str, Field(pattern=SKILL_KEY_PATTERN)]
"""A skill's key: lower-case letters, digits and underscores (``"financial_management"``)."""

CORE_SKILLS: dict[str, tuple[str, str]] = {
    "project_management": (
        "Project management",
        "Planning activities, sharing out the work, keeping to time and budget.",
    ),
    "financial_management": (
        "Financial management",
        "Bookkeeping, budgets, handling money safely, financial reports.",
    ),
    "monitoring_and_reporting": (
        "Monitoring and reporting",
        "Choosing what to measure, keeping records, writing reports for members and funders.",
    ),
    "communication": (
        "Communication",
        "Speaking for the group, working with media, keeping members informed.",
    ),
    "fundraising": (
        "Fundraising",
        "Finding funders, writing proposals, keeping funders' requirements.",
    ),
}
"""The skills every new organization needs, by key: ``(title, description)``. Groups add their
own as ``Skill`` records (SWIT 2013, Box 1.6, p. 35: leadership built through training, project
design, evaluation and fundraising)."""






@register
class Skill(Record):
    """A skill the group added to the core list.

    Attributes:
        key: its key (``SkillKey``), not one of ``CORE_SKILLS``.
        title: its name (``"Digital security"``).
        description: what it covers, or None.
    """

    kind: Literal["skill"] = "skill"
    key: SkillKey
    title: Name
    description: Text | None = None

    @model_validator(mode="after")
    def _not_core(self) -> "Skill":
        if self.key in CORE_SKILLS:
            raise ValueError("key is already a core skill; choose another key")
        return self


@register
class Training(Record):
    """A training held for members.

    Attributes:
        held_on: ISO date.
        topic: what it was about (``"Bookkeeping basics"``).
        skills: the skills it built (keys, at least one, each once).
        meeting_id: the meeting (of kind training or gathering) it was held at, or None when it
            was not recorded as a meeting.
        trainer: who gave it, as a role or organization (``"Partner finance officer"``), or None.
        partner_id: the partner that gave or paid for it, or None.
        participant_ids: the members who took part (each once).
        notes: free text kept inside the encrypted workspace.
    """

    kind: Literal["training"] = "training"
    held_on: ISODate
    topic: Name
    skills: list[SkillKey] = Field(min_length=1, max_length=20)
    meeting_id: UUID | None = None
    trainer: Name | None = None
    partner_id: UUID | None = None
    participant_ids: list[UUID] = Field(default_factory=list, max_length=10_000)
    notes: Text | None = None

    @model_validator(mode="after")
    def _unique_entries(self) -> "Training":
        require_unique(self.skills, "skills")
        require_unique(self.participant_ids, "participant_ids")
        return self


PracticeStatus = Literal["planned", "done", "dropped"]


@register
class PracticeOpportunity(Record):
    """A chance to practise a skill on real work (``"prepared the quarterly financial report with
    the partner's finance officer"``).

    Attributes:
        what: the task, in plain words.
        skills: skills it practises (keys, at least one, each once).
        member_ids: the members who practise (each once).
        alongside: who they work with, as a role (``"the partner's finance officer"``), or None.
        partner_id: the partner whose staff they work with, or None.
        planned_for: ISO date it is planned for, or None.
        status: ``"planned"``, ``"done"`` or ``"dropped"``.
        done_on: ISO date it was done (required when done, else None).
        notes: free text kept inside the encrypted workspace.
    """

    kind: Literal["practice_opportunity"] = "practice_opportunity"
    what: Wording
    skills: list[SkillKey] = Field(min_length=1, max_length=20)
    member_ids: list[UUID] = Field(default_factory=list, max_length=1000)
    alongside: Name | None = None
    partner_id: UUID | None = None
    planned_for: ISODate | None = None
    status: PracticeStatus = "planned"
    done_on: ISODate | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "PracticeOpportunity":
        require_unique(self.skills, "skills")
        require_unique(self.member_ids, "member_ids")
        if (self.status == "done") != (self.done_on is not None):
            raise ValueError("done_on is required when the status is 'done', and only then")
        return self


HandoverRole = Literal["bookkeeping", "bank_signatory", "report_writing", "spokesperson", "coordination", "other"]
"""A role that a partner's staff or a consultant holds today and that passes to a member:
bookkeeping, bank signatory, report writing, spokesperson, coordination, or another (titled)."""

HANDOVER_ROLE_TITLES: dict[str, str] = {
    "bookkeeping": "Bookkeeping",
    "bank_signatory": "Bank signatory",
    "report_writing": "Report writing",
    "spokesperson": "Spokesperson",
    "coordination": "Coordination",
}

HANDOVER_ROLE_SKILLS: dict[str, tuple[str, ...]] = {
    "bookkeeping": ("financial_management",),
    "bank_signatory": ("financial_management",),
    "report_writing": ("monitoring_and_reporting",),
    "spokesperson": ("communication",),
    "coordination": ("project_management",),
    "other": (),
}
"""The core skills each role needs (suggested when a handover item is planned)."""

HandoverStatus = Literal["planned", "in_progress", "done", "dropped"]
HeldBy = Literal["partner_staff", "consultant"]


class HandoverCompletion(FormationModel):
    """Who took a role over, and when.

    Attributes:
        taken_over_by: the member who now holds the role.
        completed_on: ISO date they took it over.
        note: free text (``"added to the bank mandate"``), or None.
    """

    taken_over_by: UUID
    completed_on: ISODate
    note: Text | None = None


@register
class HandoverItem(Record):
    """One role in the handover plan.

    Attributes:
        role: the role (``HandoverRole``).
        title: the role's name when ``role`` is ``"other"`` (required then), else None.
        held_by: ``"partner_staff"`` or ``"consultant"``: who holds it today.
        held_by_label: who holds it today, as a role (``"the partner's part-time bookkeeper"``).
            A role, never a person's name.
        partner_id: the partner whose staff hold it (required for ``partner_staff``), or None.
        successor_id: the member who is to take it over, or None until chosen.
        due: ISO date by which the member holds the role.
        starts_on: ISO date the handover of this role starts (shadowing, training), or None.
        skills: skills the role needs (keys, each once).
        status: planned, in progress, done or dropped.
        completion: who took it over and when; present exactly when the status is ``"done"``.
        notes: free text kept inside the encrypted workspace.
    """

    kind: Literal["handover_item"] = "handover_item"
    role: HandoverRole
    title: Name | None = None
    held_by: HeldBy = "partner_staff"
    held_by_label: Name
    partner_id: UUID | None = None
    successor_id: UUID | None = None
    due: ISODate
    starts_on: ISODate | None = None
    skills: list[SkillKey] = Field(default_factory=list, max_length=20)
    status: HandoverStatus = "planned"
    completion: HandoverCompletion | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "HandoverItem":
        require_unique(self.skills, "skills")
        if self.role == "other" and not self.title:
            raise ValueError("title is required for a role of 'other'")
        if self.held_by == "partner_staff" and self.partner_id is None:
            raise ValueError("partner_id is required when the role is held by partner staff")
        if (self.status == "done") != (self.completion is not None):
            raise ValueError("completion is recorded when the status is 'done', and only then")
        if self.starts_on and self.starts_on > self.due:
            raise ValueError("starts_on is after due")
        return self

    @property
    def role_title(self) -> str:
        """The role in words (``"Bank signatory"``, or the title of an ``"other"`` role)."""
        return self.title or HANDOVER_ROLE_TITLES[self.role]

    @property
    def is_open(self) -> bool:
        """True while planned or in progress."""
        return self.status in ("planned", "in_progress")

    def is_overdue(self, as_of: _dt.date) -> bool:
        """True if still open and due before ``as_of`` (an ISO date)."""
        return self.is_open and self.due < as_of


@register
class WorkspaceHandoverRecord(Record):
    """The record that a consultant handed a workspace over to the group.

    Attributes:
        handed_over_on: ISO date of the handover.
        decision_id: the decisions-register entry (``formation.models.Decision``) by which the
            group took the workspace over, or None where no decision is recorded.
        backups_purged: how many old backups (which opened with the old passphrase) were deleted.
        note: free text, or None.
    """

    kind: Literal["workspace_handover"] = "workspace_handover"
    handed_over_on: ISODate
    decision_id: UUID | None = None
    backups_purged: int = Field(ge=0, le=100, strict=True)
    note: Text | None = None
