"""Meetings mode: every meeting, a new one, taking minutes live in one of them, and locking
approved minutes (their fingerprint is kept, so any later change shows)."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from wizard.widgets.plain import plain, PlainDataTable

from formation import meetings, minutes
from formation.errors import FormationError, InputError
from formation.models.meetings import Meeting
from wizard.dialogs.confirm import ConfirmDialog
from wizard.dialogs.new_meeting import FIELDS as NEW_FIELDS
from wizard.dialogs.new_meeting import NewMeetingDialog, NewMeetingRequest
from wizard.forms import show_problems
from wizard.labels import meeting_heading, minutes_label
from wizard import bindings
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.widgets.meeting.panel import MeetingKeys, MeetingPanel


class MeetingsScreen(FlowScreen):
    """The list of meetings. Enter opens one; n records a new one; k locks the highlighted
    meeting's approved minutes. The line under the list says where its minutes stand."""

    STEP_ID = "meetings"
    STEP_TITLE = N_("Meetings")
    BINDINGS = bindings.MEETINGS_SCREEN

    def compose_body(self) -> ComposeResult:
        yield Static("", id="meetings-summary", classes="hint")
        yield PlainDataTable(id="meetings-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="minutes-details", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#meetings-table", DataTable)
        table.add_columns(_("Date"), _("Meeting"), _("Status"), _("Minutes"))
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Redraw the list, newest first."""
        table = self.query_one("#meetings-table", DataTable)
        row = table.cursor_row
        table.clear()
        items = sorted(self.session.all(Meeting), key=lambda m: m.date, reverse=True)
        for m in items:
            table.add_row(m.date.isoformat(), meeting_heading(m), _("open") if m.status == "open" else _("closed"),
                          minutes_label(m), key=str(m.id))
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self.query_one("#meetings-summary", Static).update(
            _("Press n to record a new meeting, Enter to open one.") if items else
            _("No meetings yet. Press n to record one (members must be added first)."))
        self.show_minutes_state()

    def _highlighted(self) -> Meeting | None:
        table = self.query_one("#meetings-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.session.find(Meeting, key) if key else None

    @on(DataTable.RowHighlighted, "#meetings-table")
    def show_minutes_state(self) -> None:
        """Say where the highlighted meeting's minutes stand: draft, approved, or locked with
        their fingerprint and whether the record still matches it (``minutes.verify_minutes``)."""
        details = self.query_one("#minutes-details", Static)
        meeting = self._highlighted()
        if meeting is None:
            details.update("")
            return
        state = meeting.minutes
        if state.locked and state.content_hash:
            try:
                intact = minutes.verify_minutes(self.session, meeting.id)
            except FormationError as error:
                details.update(plain(getattr(error, "detail", str(error))))
                return
            text = _("Minutes locked on {date}; the record still matches their fingerprint (SHA-256):") if intact \
                else _("Minutes locked on {date}, but THE RECORD HAS CHANGED since; their fingerprint (SHA-256) was:")
            details.update(plain(text.format(date=state.locked_on.isoformat() if state.locked_on else "—") +
                           f"\n{state.content_hash[:32]}\n{state.content_hash[32:]}"))
        elif state.status == "approved":
            details.update(plain(_("Minutes approved on {date}. Press k to lock them: a fingerprint is kept, so any later "
                             "change shows.").format(date=state.approved_on.isoformat() if state.approved_on else "—")))
        elif meeting.status == "closed":
            details.update(_("Minutes in draft: the next meeting approves them (r in that meeting)."))
        else:
            details.update(_("The meeting is open: its minutes are being taken."))

    def action_lock_minutes(self) -> None:
        """Lock the highlighted meeting's approved minutes, dated today (asks first)."""
        meeting = self._highlighted()
        if meeting is None:
            return
        if meeting.minutes.locked:
            self.notify(_("These minutes are already locked."))
            return
        if meeting.minutes.status != "approved":
            self.notify(_("Only approved minutes can be locked: a later meeting approves them first."),
                        severity="warning")
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                minutes.lock_minutes(self.session, meeting.id, on=self.app.today())
            except InputError as error:
                self.notify(getattr(error, "detail", str(error)), severity="error", markup=False)
                return
            self.changed()
            self.reload()

        self.app.push_screen(ConfirmDialog(
            _("Lock the minutes of {meeting} {date}? They can no longer change; a correction is then recorded "
              "beside them.").format(meeting=meeting_heading(meeting), date=meeting.date.isoformat()),
            _("Lock")), answer)

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
