"""The attendance register of a meeting, by work name, marked with single keys."""

from __future__ import annotations

from uuid import UUID

from textual.message import Message
from textual.widgets import DataTable

from wizard.widgets.plain import PlainDataTable

from formation import meetings
from formation.errors import FormationError
from formation.models import Member
from formation.models.meetings import Meeting
from wizard import bindings
from wizard.i18n import N_, _
from wizard.session import Session

PRESENCE_LABELS = {
    "in_person": N_("present"),
    "remote_online": N_("online"),
    "remote_phone": N_("by phone"),
    "apologies": N_("apologies"),
    "absent": N_("absent"),
    "proxy": N_("by proxy"),
}


class AttendanceTable(PlainDataTable):
    """Members and how each attended. Keys: p present, o online, t phone, a apologies, x absent,
    y by proxy (where the bylaws allow proxies: the meeting panel asks who holds it), ctrl+a
    everyone not yet marked is present.

    Args:
        session: the open workspace.
        meeting_id: the meeting.
    """

    BINDINGS = bindings.ATTENDANCE_TABLE

    class Changed(Message):
        """Attendance changed (the quorum must be recomputed)."""

    class ProxyAsked(Message):
        """The highlighted member votes by proxy: the panel asks who holds it and records it."""

        def __init__(self, member_id: UUID) -> None:
            super().__init__()
            self.member_id = member_id

    class Refused(Message):
        """formation refused a change; ``reason`` says why."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, session: Session, meeting_id: UUID) -> None:
        super().__init__(id="attendance", cursor_type="row", zebra_stripes=True)
        self.session = session
        self.meeting_id = meeting_id
        self.proxies_allowed = False
        """Set by the meeting panel from the rules in force: offer y (proxy) only where allowed."""

    def on_mount(self) -> None:
        self.add_columns(_("Work name"), _("Attendance"))
        self.reload()

    def reload(self) -> None:
        """Redraw from the stored meeting, keeping the cursor row."""
        row = self.cursor_row
        meeting = self.session.get(Meeting, self.meeting_id)
        self.clear()
        members = sorted((m for m in self.session.all(Member) if m.left_on is None or m.left_on > meeting.date),
                         key=lambda m: m.work_name.casefold())
        names = {m.id: m.work_name for m in members}
        for m in members:
            entry = meeting.attendance_of(m.id)
            label = _(PRESENCE_LABELS[entry.presence]) if entry else "—"
            if entry is not None and entry.presence == "proxy" and entry.proxy_holder_id is not None:
                label = _("by proxy: {holder}").format(holder=names.get(entry.proxy_holder_id, "—"))
            self.add_row(m.work_name, label, key=str(m.id))
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def _selected(self) -> UUID | None:
        if not self.row_count:
            return None
        return UUID(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)

    def _attend(self, member_ids: list[UUID], presence: str) -> bool:
        try:
            meetings.attend(self.session, self.meeting_id, member_ids, presence)  # type: ignore[arg-type]
        except FormationError as error:
            self.post_message(self.Refused(getattr(error, "detail", str(error))))
            return False
        self.reload()
        self.post_message(self.Changed())
        return True

    def action_mark(self, presence: str) -> None:
        """Mark the highlighted member, then move to the next row."""
        member_id = self._selected()
        if member_id is not None and self._attend([member_id], presence):
            self.move_cursor(row=min(self.cursor_row + 1, self.row_count - 1))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the proxy key only where the bylaws allow proxies."""
        if action == "proxy":
            return self.proxies_allowed
        return True

    def action_proxy(self) -> None:
        """The highlighted member votes by proxy (the panel asks who holds it)."""
        member_id = self._selected()
        if member_id is not None and self.proxies_allowed:
            self.post_message(self.ProxyAsked(member_id))

    def action_mark_rest_present(self) -> None:
        """Mark everyone without an attendance line as present."""
        meeting = self.session.get(Meeting, self.meeting_id)
        rest = [m.id for m in self.session.all(Member)
                if meeting.attendance_of(m.id) is None and (m.left_on is None or m.left_on > meeting.date)]
        if rest:
            self._attend(rest, "in_person")
