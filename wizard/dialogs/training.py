"""The capacity record's forms: a training held, a chance to practise, a skill the group adds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, SelectionList, Static

from formation.capacity import SkillInfo
from formation.models import Member
from formation.models.meetings import Meeting
from formation.models.partners import Partner
from wizard import bindings
from wizard.dialogs.handover import select_value
from wizard.forms import optional
from wizard.i18n import _
from wizard.labels import meeting_heading
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect

TRAINING_FIELDS = {
    "held_on": "held-on", "topic": "topic", "skills": "skills", "participant_ids": "people",
    "meeting_id": "meeting", "trainer": "trainer", "partner_id": "learning-partner", "notes": "learning-notes",
}
PRACTICE_FIELDS = {
    "what": "topic", "skills": "skills", "member_ids": "people", "alongside": "trainer",
    "partner_id": "learning-partner", "planned_for": "planned-for", "done_on": "done-on", "status": "done-on",
    "notes": "learning-notes",
}
SKILL_FIELDS = {"title": "skill-title", "key": "skill-title", "description": "skill-description"}


@dataclass(frozen=True)
class LearningRequest:
    """A training or a chance to practise, as typed.

    Attributes:
        topic: the training's topic, or the practice task.
        date: a training's date (held on), or a practice's planned date; ISO, None when empty.
        done_on: a practice's date done (None while planned); None for a training.
        skills: skill keys.  member_ids: who took part / practises.
        meeting_id: the training's meeting, or None.  helper: trainer, or who they work alongside.
        partner_id: the partner, or None.  notes: free text, or None.
    """

    topic: str
    date: str | None
    done_on: str | None
    skills: list[str]
    member_ids: list[str]
    meeting_id: str | None
    helper: str | None
    partner_id: str | None
    notes: str | None


class LearningDialog(ModalScreen[LearningRequest | None]):
    """A training held (``practice=False``) or a chance to practise (``practice=True``); the caller
    checks it with ``formation.capacity.record_training`` / ``record_practice``.

    Args:
        practice: True for a chance to practise.
        skills: the skill catalogue (``formation.capacity.skill_catalogue``).
        members: the register (current members are offered).
        partners: the partners (current ones are offered).
        meetings: meetings a training may be linked to (gatherings and trainings).
        today: the default date, ISO.
    """

    DEFAULT_CSS = """
    LearningDialog { align: center middle; }
    LearningDialog > VerticalScroll {
        width: 72; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    LearningDialog SelectionList { height: auto; max-height: 8; border: none; padding: 0; }
    """
    BINDINGS = bindings.TRAINING_DIALOG
    HELP_TOPIC = "capacity"

    def __init__(self, *, practice: bool, skills: list[SkillInfo], members: list[Member], partners: list[Partner],
                 meetings: list[Meeting], today: str) -> None:
        super().__init__()
        self.practice = practice
        self.skills = skills
        self.members = sorted((m for m in members if m.is_current), key=lambda m: m.work_name.casefold())
        self.partners = [p for p in partners if p.is_current]
        self.meetings = meetings
        self.today = today
        self.on_submit: Callable[[LearningRequest], None] | None = None

    def compose(self) -> ComposeResult:
        practice = self.practice
        with VerticalScroll():
            yield Static(_("A chance to practise") if practice else _("A training held"), classes="title")
            yield Label(_("The task, in plain words") if practice else _("What it was about"))
            yield FormationInput("", id="topic", placeholder=_("for example: prepare the quarterly financial report")
                                 if practice else _("for example: bookkeeping basics"))
            yield FieldError(id="topic-error")
            yield Label(_("Planned for (YYYY-MM-DD, optional)") if practice else _("Held on (YYYY-MM-DD)"))
            yield FormationInput("" if practice else self.today, id="planned-for" if practice else "held-on",
                                 placeholder="YYYY-MM-DD")
            yield FieldError(id="planned-for-error" if practice else "held-on-error")
            if practice:
                yield Label(_("Done on (YYYY-MM-DD; empty while planned)"))
                yield FormationInput("", id="done-on", placeholder="YYYY-MM-DD")
                yield FieldError(id="done-on-error")
            yield Label(_("Skills it builds (space selects)"))
            yield SelectionList[str](*[(Text(s.title), s.key) for s in self.skills], id="skills", compact=True)
            yield FieldError(id="skills-error")
            yield Label(_("Members who practise") if practice else _("Members who took part"))
            yield SelectionList[str](*[(Text(m.work_name), str(m.id)) for m in self.members], id="people", compact=True)
            yield FieldError(id="people-error")
            yield Label(_("Working alongside, as a role (optional)") if practice else
                        _("Given by, as a role or organization (optional)"))
            yield FormationInput("", id="trainer")
            yield FieldError(id="trainer-error")
            yield Label(_("With a partner (optional)"))
            yield FormationSelect([(Text(p.name), str(p.id)) for p in self.partners], prompt=_("none"),
                                  id="learning-partner")
            yield FieldError(id="learning-partner-error")
            if not practice:
                yield Label(_("Held at a recorded meeting (optional)"))
                yield FormationSelect([(Text(f"{m.date.isoformat()} {meeting_heading(m)}"), str(m.id))
                                       for m in self.meetings],
                                      prompt=_("none"), id="meeting")
                yield FieldError(id="meeting-error")
            yield Label(_("Notes (optional)"))
            yield FormationInput("", id="learning-notes")
            yield FieldError(id="learning-notes-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#topic", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without recording anything."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the record as typed to the caller (which checks it with formation)."""
        practice = self.practice
        date_id = "planned-for" if practice else "held-on"
        meeting = self.query("#meeting")
        request = LearningRequest(
            topic=self.query_one("#topic", Input).value.strip(),
            date=optional(self.query_one(f"#{date_id}", Input).value),
            done_on=optional(self.query_one("#done-on", Input).value) if practice else None,
            skills=list(self.query_one("#skills", SelectionList).selected),
            member_ids=list(self.query_one("#people", SelectionList).selected),
            meeting_id=select_value(meeting.first(Select)) if meeting else None,
            helper=optional(self.query_one("#trainer", Input).value),
            partner_id=select_value(self.query_one("#learning-partner", Select)),
            notes=optional(self.query_one("#learning-notes", Input).value),
        )
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)


@dataclass(frozen=True)
class SkillRequest:
    """A skill the group adds, as typed."""

    title: str
    description: str | None


class SkillDialog(ModalScreen[SkillRequest | None]):
    """Add a skill to the core list (``formation.capacity.new_skill`` checks it)."""

    DEFAULT_CSS = """
    SkillDialog { align: center middle; }
    SkillDialog > VerticalScroll {
        width: 64; max-height: 16; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.SKILL_DIALOG
    HELP_TOPIC = "capacity"

    def __init__(self) -> None:
        super().__init__()
        self.on_submit: Callable[[SkillRequest], None] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Add a skill the group needs"), classes="title")
            yield Label(_("Skill"))
            yield FormationInput("", id="skill-title", placeholder=_("for example: Digital security"))
            yield FieldError(id="skill-title-error")
            yield Label(_("What it covers (optional)"))
            yield FormationInput("", id="skill-description")
            yield FieldError(id="skill-description-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#skill-title", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without adding."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the skill to the caller."""
        request = SkillRequest(self.query_one("#skill-title", Input).value.strip(),
                               optional(self.query_one("#skill-description", Input).value))
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
