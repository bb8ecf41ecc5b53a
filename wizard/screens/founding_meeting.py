"""The founding meeting: who came, whether it is quorate, and the motion that adopts the bylaws."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from formation import meetings
from formation.errors import InputError
from formation.models.bylaws import BylawsDraft
from formation.models.meetings import BylawsRef, Meeting
from wizard.forms import optional, show_problems
from wizard.widgets.fields import FieldError, FormationInput
from wizard import bindings
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.widgets.meeting.panel import MeetingKeys, MeetingPanel

FIELDS = {"date": "meeting-date", "place": "meeting-place", "members": "form", "meeting_kind": "form"}


def founding_meeting(session) -> Meeting | None:  # noqa: ANN001 - a Session
    """The founding meeting record, or None before it is started."""
    found = [m for m in session.all(Meeting) if m.meeting_kind == "founding"]
    return min(found, key=lambda m: m.date) if found else None


def bylaws_to_adopt(session) -> BylawsRef | None:  # noqa: ANN001 - a Session
    """The latest version of the group's bylaws draft, as a reference a motion can adopt."""
    draft = session.first(BylawsDraft)
    if draft is None or not draft.versions:
        return None
    return BylawsRef(draft_id=draft.id, version=draft.versions[-1].number)


class FoundingMeetingScreen(MeetingKeys, FlowScreen):
    """Start the founding meeting, then run it live (attendance, quorum, motions, votes)."""

    STEP_ID = "founding_meeting"
    STEP_TITLE = N_("Founding meeting")
    BINDINGS = bindings.FOUNDING_MEETING_SCREEN

    def compose_body(self) -> ComposeResult:
        meeting = founding_meeting(self.session)
        if meeting is not None:
            yield MeetingPanel(self.session, meeting.id, adopt=bylaws_to_adopt(self.session))
            return
        with VerticalScroll(classes="form", id="start-form"):
            yield Static(_("The founding meeting is where the members adopt the bylaws and the "
                           "organization begins. Record it as it happens."), classes="hint")
            yield Label(_("Date (YYYY-MM-DD)"), classes="field-label")
            yield FormationInput(self.app.today().isoformat(), id="meeting-date")
            yield FieldError(id="meeting-date-error")
            yield Label(_("Place (optional; may be vague on purpose)"), classes="field-label")
            yield FormationInput("", id="meeting-place")
            yield FieldError(id="meeting-place-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Start the founding meeting"), id="start", variant="primary")

    def on_mount(self) -> None:
        if self.query("#meeting-date"):
            self.query_one("#meeting-date", Input).focus()
        elif self.query("#attendance"):
            self.query_one("#attendance").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before the meeting starts only "start" is offered; after, only the meeting's keys."""
        started = founding_meeting(self.session) is not None
        if action == "start":
            return not started
        if action in {b.action.split("(")[0] for b in bindings.MEETING} | {"adopt_bylaws"}:
            return started
        return True

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def action_start(self) -> None:
        """Create the founding meeting record (formation checks the date and the members)."""
        if founding_meeting(self.session) is not None:
            return
        try:
            meetings.new_meeting(
                self.session, meeting_kind="founding", date=self.query_one("#meeting-date", Input).value.strip(),
                place=optional(self.query_one("#meeting-place", Input).value),
            )
        except InputError as error:
            show_problems(self, error, FIELDS)
            return
        self.changed()
        self.app.go_to(self.STEP_ID)  # type: ignore[attr-defined]

    def action_adopt_bylaws(self) -> None:
        """Move the motion to adopt the bylaws (prefilled)."""
        panels = self.query(MeetingPanel)
        if not panels:
            return
        panel = panels.first()
        if panel.adopt is None:
            panel.say(_("There is no bylaws draft to adopt yet: write the bylaws first."))
            return
        org = self.session.organization
        name = org.name if org else _("the organization")
        text = _("That the bylaws (version {n}) be adopted as the constitution of {name}.").format(
            n=panel.adopt.version or 1, name=name)
        panel.action_move_motion(text=text, adopting=True)

    @on(MeetingPanel.Changed)
    def _meeting_changed(self) -> None:
        self.changed()
