"""A meeting, live: heading, quorum indicator, and tabs for attendance, motions and actions.

Every change goes through ``formation`` (``meetings``, ``voting``, ``decisions``); a refusal is
shown beside the field it concerns, and the quorum indicator is recomputed after each change.
"""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TabbedContent, TabPane

from formation import bylaws_link, decisions, meetings, minutes
from formation import roll as meeting_roll
from formation.errors import FormationError, InputError
from formation.models import Member
from formation.models.decisions import ActionItem
from formation.models.meetings import BylawsRef, Meeting
from formation.models.rules import GovernanceRules
from wizard.dialogs.action_item import FIELDS as ACTION_FIELDS
from wizard.dialogs.approve_minutes import FIELDS as APPROVE_FIELDS
from wizard.dialogs.approve_minutes import ApproveMinutesDialog
from wizard.dialogs.action_item import ActionItemDialog, ActionRequest
from wizard.dialogs.motion import FIELDS as MOTION_FIELDS
from wizard.dialogs.motion import MotionDialog, MotionRequest
from wizard.forms import show_problems
from wizard.labels import meeting_heading, minutes_label
from wizard.i18n import _
from wizard.session import Session
from wizard.widgets.meeting.actions import ActionItemsTable
from wizard.widgets.meeting.attendance import AttendanceTable
from wizard.widgets.meeting.motions import RESULT_LABELS, MotionsTable, pending_motion
from wizard.widgets.meeting.keys import MeetingKeys
from wizard.widgets.meeting.quorum import QuorumIndicator
from wizard.widgets.meeting.voting import MeetingVoting, reason_of
from wizard.widgets.plain import plain

__all__ = ["MeetingKeys", "MeetingPanel", "reason_of"]




class MeetingPanel(MeetingVoting, Vertical):
    """One meeting. Keys (``wizard.bindings.MEETING``, on the screen): m move a motion, e amend it,
    v decide it (a vote, a secret ballot, or a consensus test where the bylaws decide by consensus),
    l decide it by roll call, j adjourn (a procedural motion the chair puts, allowed even without a
    quorum), w withdraw, i add an action item, ctrl+e close the meeting. On the attendance, y
    records a proxy where the bylaws allow them (``MeetingVoting``).

    Args:
        session: the open workspace.
        meeting_id: the meeting.
        adopt: the bylaws version a motion here may adopt (founding meeting), or None.
    """

    DEFAULT_CSS = """
    MeetingPanel { height: 1fr; }
    MeetingPanel #meeting-heading { padding: 0 1; text-style: bold; }
    MeetingPanel #meeting-message { padding: 0 1; color: $error; height: auto; }
    MeetingPanel TabbedContent { height: 1fr; }
    MeetingPanel DataTable { height: 1fr; }
    """

    class Changed(Message):
        """Something in the meeting changed (the screen saves and refreshes the sidebar)."""

    def __init__(self, session: Session, meeting_id: UUID, *, adopt: BylawsRef | None = None) -> None:
        super().__init__(id="meeting-panel")
        self.session = session
        self.meeting_id = meeting_id
        self.adopt = adopt

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Static("", id="meeting-heading")
        yield QuorumIndicator("", id="quorum")
        yield Static("", id="meeting-message")
        with TabbedContent(id="meeting-tabs"):
            with TabPane(_("Attendance"), id="tab-attendance"):
                yield AttendanceTable(self.session, self.meeting_id)
            with TabPane(_("Motions"), id="tab-motions"):
                yield MotionsTable()
            with TabPane(_("Actions"), id="tab-actions"):
                yield ActionItemsTable()

    def on_mount(self) -> None:
        self.refresh_meeting()

    @property
    def meeting(self) -> Meeting:
        """The meeting as stored now."""
        return self.session.get(Meeting, self.meeting_id)

    def rules(self) -> GovernanceRules | None:
        """The rules deciding this meeting: the adopted bylaws', or at a founding meeting the
        rules of the bylaws version it may adopt (``formation.bylaws_link``)."""
        meeting = self.meeting
        try:
            return meeting_roll.rules_for(self.session, meeting)
        except InputError:
            if self.adopt is not None and meeting.meeting_kind == "founding":
                return bylaws_link.draft_rules(self.session, self.adopt)
            return None

    def refresh_meeting(self) -> None:
        """Redraw every part from the stored meeting."""
        meeting = self.meeting
        status = _("open") if meeting.status == "open" else _("closed")
        minutes = _("minutes: {state}").format(state=minutes_label(meeting))
        self.query_one("#meeting-heading", Static).update(
            plain(f"{meeting_heading(meeting)} · {meeting.date.isoformat()} · {status} · {minutes}"))
        indicator = self.query_one("#quorum", QuorumIndicator)
        rules = self.rules()
        attendance = self.query_one(AttendanceTable)
        proxies = bool(rules is not None and rules.proxies_allowed and meeting.status == "open")
        if attendance.proxies_allowed != proxies:
            attendance.proxies_allowed = proxies
            self.screen.refresh_bindings()
        if rules is not None and meeting.status == "open":
            try:
                check = meeting_roll.quorum_of(meeting, meeting_roll.load_roll(self.session, meeting, rules), rules)
                indicator.set_class(check.quorate, "-quorate")
                indicator.set_class(not check.quorate, "-inquorate")
                indicator.set_class(False, "-unknown")
                label = _("● QUORATE — {explanation}") if check.quorate else _("● NOT QUORATE — {explanation}")
                indicator.update(plain(label.format(explanation=check.explanation)))
            except FormationError as error:
                indicator.set_class(True, "-unknown")
                indicator.update(plain(_("Quorum unknown: {reason}").format(reason=reason_of(error))))
        else:
            indicator.show(self.session, meeting)
        self.query_one(MotionsTable).show(meeting)
        items = [i for i in self.session.all(ActionItem) if i.meeting_id == self.meeting_id]
        self.query_one(ActionItemsTable).show(self.session, items)

    def show_tab(self, tab: str) -> None:
        """Show one tab and focus its table."""
        self.query_one("#meeting-tabs", TabbedContent).active = tab
        table = {"tab-attendance": AttendanceTable, "tab-motions": MotionsTable, "tab-actions": ActionItemsTable}[tab]
        self.query_one(table).focus()

    def say(self, message: str) -> None:
        """Show a refusal or a result under the quorum line."""
        self.query_one("#meeting-message", Static).update(plain(message))

    def _changed(self) -> None:
        self.refresh_meeting()
        self.post_message(self.Changed())
        if self.screen.focused is None:
            self.query_one(AttendanceTable).focus()

    @on(AttendanceTable.Changed)
    def _attendance_changed(self) -> None:
        self.say("")
        self._changed()

    @on(AttendanceTable.Refused)
    def _attendance_refused(self, event: AttendanceTable.Refused) -> None:
        self.say(event.reason)

    @on(AttendanceTable.ProxyAsked)
    def _proxy_asked(self, event: AttendanceTable.ProxyAsked) -> None:
        self.ask_proxy(event.member_id)

    def attendance_changed(self) -> None:
        """Redraw the attendance after a change made here (a proxy), and recompute the quorum."""
        self.query_one(AttendanceTable).reload()
        self._changed()

    # ------------------------------------------------------------------ motions
    def _voters(self) -> list[tuple[str, UUID]]:
        meeting = self.meeting
        present = {a.member_id for a in meeting.attendance if a.member_id is not None and a.is_present}
        members = sorted(self.session.all(Member), key=lambda m: m.work_name.casefold())
        return [(m.work_name, m.id) for m in members if m.id in present and m.is_voting]

    def action_move_motion(self, text: str = "", adopting: bool = False) -> None:
        """Move a motion (a form); formation checks mover, seconder and quorum."""
        adopt = self.adopt if self.meeting.meeting_kind == "founding" else None
        dialog = MotionDialog(self._voters(), adopt=adopt, text=text, adopting=adopting and adopt is not None,
                              decision_kind="amend_bylaws" if adopting else "ordinary")

        def submit(request: MotionRequest) -> None:
            try:
                meetings.add_motion(
                    self.session, self.meeting_id, request.text, mover_id=request.mover_id,
                    seconder_id=request.seconder_id, decision_kind=request.decision_kind,
                    adopts_bylaws=request.adopts_bylaws, rules=self._explicit_rules(request.adopts_bylaws),
                )
            except InputError as error:
                show_problems(dialog, error, MOTION_FIELDS)
                return
            dialog.dismiss(request)

        dialog.on_submit = submit
        self.app.push_screen(dialog, self._after_motion)

    def _explicit_rules(self, adopts: BylawsRef | None = None) -> GovernanceRules | None:
        try:
            meeting_roll.rules_for(self.session, self.meeting)
            return None
        except InputError:
            ref = adopts or self.adopt
            if ref is not None and self.meeting.meeting_kind == "founding":
                return bylaws_link.draft_rules(self.session, ref)
            return None

    def _after_motion(self, request: MotionRequest | None) -> None:
        if request is not None:
            self.say(_("Motion moved. Press v to record the vote."))
            self.query_one("#meeting-tabs", TabbedContent).active = "tab-motions"
            self._changed()

    def action_adjourn(self) -> None:
        """Put a motion to adjourn (procedural: allowed without a quorum), to vote with v."""
        try:
            meetings.add_motion(self.session, self.meeting_id, _("That the meeting adjourn."), mover_id=None,
                                motion_type="adjourn", rules=self._explicit_rules())
        except InputError as error:
            self.say(reason_of(error))
            return
        self.say(_("Motion to adjourn before the meeting. Press v to record the vote."))
        self.query_one("#meeting-tabs", TabbedContent).active = "tab-motions"
        self._changed()

    def action_withdraw(self) -> None:
        """Record that the mover withdrew the pending motion."""
        motion = pending_motion(self.meeting)
        if motion is None:
            return
        try:
            meetings.withdraw_motion(self.session, self.meeting_id, motion.id)
        except InputError as error:
            self.say(reason_of(error))
            return
        self._changed()

    # ------------------------------------------------------------------ actions and closing
    def action_add_action(self) -> None:
        """Add an action item from this meeting."""
        meeting = self.meeting
        members = sorted((m for m in self.session.all(Member) if m.is_current), key=lambda m: m.work_name.casefold())
        dialog = ActionItemDialog([(m.work_name, m.id) for m in members])

        def submit(request: ActionRequest) -> None:
            try:
                decisions.add_action_item(self.session, request.what, request.owner_id, due=request.due,  # type: ignore[arg-type]
                                          meeting_id=meeting.id)
            except InputError as error:
                show_problems(dialog, error, ACTION_FIELDS)
                return
            dialog.dismiss(request)

        dialog.on_submit = submit

        def after(request: ActionRequest | None) -> None:
            if request is not None:
                self.query_one("#meeting-tabs", TabbedContent).active = "tab-actions"
                self._changed()

        self.app.push_screen(dialog, after)

    def previous_minutes(self) -> Meeting | None:
        """The latest earlier meeting whose minutes wait for approval, or None."""
        meeting = self.meeting
        earlier = [m for m in self.session.all(Meeting)
                   if m.id != meeting.id and m.date <= meeting.date and m.status == "closed"
                   and m.minutes.status == "draft" and m.meeting_kind != "gathering"]
        return max(earlier, key=lambda m: m.date) if earlier else None

    def action_approve_previous(self) -> None:
        """Approve the previous meeting's minutes at this meeting (formation checks the quorum)."""
        previous = self.previous_minutes()
        if previous is None:
            self.say(_("No earlier minutes are waiting for approval."))
            return
        present = sum(1 for a in previous.attendance if a.is_present)
        lines = [_("{n} present.").format(n=present)]
        for motion in previous.motions:
            lines.append(f"{motion.number}. {motion.text} — {_(RESULT_LABELS[motion.result])}")
        dialog = ApproveMinutesDialog(f"{meeting_heading(previous)} {previous.date.isoformat()}", "\n".join(lines[:8]))

        def submit(corrections: str) -> None:
            try:
                minutes.approve_minutes(self.session, previous.id, at_meeting_id=self.meeting_id,
                                        corrections=corrections or None, rules=self._explicit_rules())
            except InputError as error:
                show_problems(dialog, error, APPROVE_FIELDS)
                return
            dialog.dismiss(corrections)

        dialog.on_submit = submit

        def after(result: str | None) -> None:
            if result is not None:
                self.say(_("The minutes of {meeting} are approved.").format(meeting=previous.date.isoformat()))
                self._changed()

        self.app.push_screen(dialog, after)

    def action_close_meeting(self) -> None:
        """Close the meeting: the quorum is kept as it stood, and the record takes no new business."""
        try:
            meetings.close_meeting(self.session, self.meeting_id, rules=self._explicit_rules())
        except InputError as error:
            self.say(reason_of(error))
            return
        self.say(_("The meeting is closed. Its minutes can be approved at the next meeting."))
        self._changed()
