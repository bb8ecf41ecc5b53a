"""The registration tracker's workspace record: one organization's progress through its legal form.

``RegistrationProgress`` holds each registration step's status, dates, notes and evidence
references, the deadlines recorded as met, the obligations marked not applicable, and dated events
entered by hand (an AGM held before formation was used, a host agreement's end date). The rules
that read it are in ``formation.registration``; the legal form it refers to is data in
``legal_contexts/`` (``formation.models.legal``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from formation.models.base import FormationModel, ISODate, Name, Record, Text, register
from formation.models.due_rules import ID_PATTERN, EventName

Id = Annotated[str, Field(pattern=ID_PATTERN)]

StepStatus = Literal["not_started", "in_progress", "submitted", "done", "blocked", "not_applicable"]
"""A registration step's status in the tracker."""


class StepProgress(FormationModel):
    """The tracker's state of one registration step.

    Attributes:
        step_id: the step's id in the legal form.
        status: not started, in progress, submitted, done, blocked, not applicable.
        started_on, submitted_on, done_on: ISO dates, or None.
        notes: free text kept in the encrypted workspace.
        evidence: references to evidence ("certificate in the minute book"), never file contents.
    """

    step_id: Id
    status: StepStatus = "not_started"
    started_on: ISODate | None = None
    submitted_on: ISODate | None = None
    done_on: ISODate | None = None
    notes: Text | None = None
    evidence: list[Name] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _dates_in_order(self) -> "StepProgress":
        dated = [d for d in (self.started_on, self.submitted_on, self.done_on) if d is not None]
        if dated != sorted(dated):
            raise ValueError("the dates must be in order: started_on <= submitted_on <= done_on")
        return self


class ObligationMet(FormationModel):
    """A record that one deadline of an obligation was met.

    Attributes:
        obligation_id: the obligation's id.
        due_on: the deadline it met (as ``formation.deadlines`` dated it).
        done_on: the date it was done.
        evidence: references to evidence.
    """

    obligation_id: Id
    due_on: ISODate
    done_on: ISODate
    evidence: list[Name] = Field(default_factory=list, max_length=20)


class RecordedEvent(FormationModel):
    """A dated event recorded in the tracker (an AGM held before formation was used, a change of
    officers, the host agreement's end date). ``note`` never needs a person's name."""

    event: EventName
    on: ISODate
    note: Text | None = None


@register
class RegistrationProgress(Record):
    """One organization's progress through its legal form: steps, deadlines met, dated events.

    Attributes:
        legal_context_id, legal_form_id: the context and form the progress belongs to.
        steps: per-step state (steps not listed are "not started").
        obligations_met: deadlines met.
        obligations_not_applicable: ids of obligations that do not apply (e.g. a condition is
            not met).
        events: dated events recorded here.
    """

    kind: Literal["registration_progress"] = "registration_progress"
    legal_context_id: Id
    legal_form_id: Id
    steps: list[StepProgress] = Field(default_factory=list, max_length=60)
    obligations_met: list[ObligationMet] = Field(default_factory=list, max_length=5000)
    obligations_not_applicable: list[Id] = Field(default_factory=list, max_length=40)
    events: list[RecordedEvent] = Field(default_factory=list, max_length=5000)

    @model_validator(mode="after")
    def _one_entry_per_step(self) -> "RegistrationProgress":
        ids = [s.step_id for s in self.steps]
        if len(ids) != len(set(ids)):
            raise ValueError("each step may appear only once in 'steps'")
        return self

    def step_progress(self, step_id: str) -> StepProgress:
        """The state of a step (a fresh "not started" state if none is recorded)."""
        return next((s for s in self.steps if s.step_id == step_id), StepProgress(step_id=step_id))
