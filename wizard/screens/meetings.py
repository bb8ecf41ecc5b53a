"""Meetings mode: every meeting, a new one, and taking minutes live in one of them."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from formation import meetings
from formation.errors import InputError
from formation.models.meetings import Meeting
from wizard.dialogs.new_meeting import FIELDS as NEW_FIELDS
from wizard.dialogs.new_meeting import NewMeetingDialog, NewMeetingRequest
from wizard.forms import show_problems
from wizard.labels import meeting_heading, minutes_label
from wizard import bindings
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.widgets.meeting.panel import MeetingKeys, MeetingPanel


class MeetingsScreen(FlowScreen):
    """The list of meetings. Enter opens one; n records a new one."""

    STEP_ID = "meetings"
    STEP_TITLE = N_("Meetings")
    BINDINGS = bindings.MEETINGS_SCREEN

    def compose_body(self) -> ComposeResult:
        yield Static("", id="meetings-summary", classes="hint")
        yield DataTable(id="meetings-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#meetings-table", DataTable)
        table.add_columns(_("Date"), _("Meeting"), _("Status"), _("Minutes"))
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Redraw the list, newest first."""
        table = self.query_one("#meetings-table", DataTable)
        table.clear()
        items = sorted(self.session.all(Meeting), key=lambda m: m.date, reverse=True)
        for m in items:
            table.add_row(m.date.isoformat(), meeting_heading(m), _("open") if m.status == "open" else _("closed"),
                          minutes_label(m), key=str(m.id))
        self.query_one("#meetings-summary", Static).update(
            _("Press n to record a new meeting, Enter to open one.") if items else
            _("No meetings yet. Press n to record one (members must be added first)."))

    @on(DataTable.RowSelected, "#meetings-table")
    def action_open_meeting(self) -> None:
        """Open the highlighted meeting to take minutes."""
        table = self.query_one("#meetings-table", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self.app.push_screen(MeetingScreen(self.session, UUID(key)))

    def action_new_meeting(self) -> None:
        """Record a new meeting (kind, date, place)."""
        dialog = NewMeetingDialog()

        def submit(request: NewMeetingRequest) -> None:
            try:
                meeting = meetings.new_meeting(self.session, meeting_kind=request.meeting_kind, date=request.date,
                                               place=request.place)
            except InputError as error:
                show_problems(dialog, error, NEW_FIELDS)
                return
            dialog.dismiss(request)
            self.changed()
            self.reload()
            self.app.push_screen(MeetingScreen(self.session, meeting.id))

        dialog.on_submit = submit
        self.app.push_screen(dialog)


class MeetingScreen(MeetingKeys, FlowScreen):
    """One meeting, live. Escape goes back to the list.

    Args:
        session: the open workspace.
        meeting_id: the meeting.
    """

    STEP_ID = "meetings"
    STEP_TITLE = N_("Meeting")
    BINDINGS = bindings.MEETING_SCREEN

    def __init__(self, session, meeting_id: UUID) -> None:  # noqa: ANN001 - a Session
        super().__init__(session)
        self.meeting_id = meeting_id

    @property
    def HELP_TOPIC(self) -> str:  # noqa: N802
        return "meeting"

    def compose_body(self) -> ComposeResult:
        yield MeetingPanel(self.session, self.meeting_id)

    def on_mount(self) -> None:
        self.query_one("#attendance").focus()

    def action_back(self) -> None:
        """Back to the list of meetings."""
        self.app.go_to("meetings")  # type: ignore[attr-defined]

    @on(MeetingPanel.Changed)
    def _meeting_changed(self) -> None:
        self.changed()
