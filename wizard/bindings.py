"""Every key of the wizard, in one place: the app's, each screen's, each dialog's.

Screens and dialogs take their ``BINDINGS`` from here; each key also appears in the command
palette (``wizard.commands``) with the same description. Keys F3..F12 open the steps of the
flow (``wizard.steps.STEPS``); F1 is help, F2 the high-contrast theme.
"""

from __future__ import annotations

from textual.binding import Binding

from wizard.i18n import _
from wizard.steps import STEPS

MEETING: list[Binding] = [
    Binding("m", "move_motion", _("Motion")),
    Binding("v", "vote", _("Vote")),
    Binding("e", "amend", _("Amend"), show=False),
    Binding("l", "roll_call", _("Roll call"), show=False),
    Binding("j", "adjourn", _("Adjourn")),
    Binding("w", "withdraw", _("Withdraw"), show=False),
    Binding("i", "add_action", _("Action item")),
    Binding("ctrl+e", "close_meeting", _("Close meeting"), show=False),
    Binding("r", "approve_previous", _("Approve minutes"), show=False),
    Binding("1", "meeting_tab('tab-attendance')", _("Attendance tab"), show=False),
    Binding("2", "meeting_tab('tab-motions')", _("Motions tab"), show=False),
    Binding("3", "meeting_tab('tab-actions')", _("Actions tab"), show=False),
]
"""A meeting (MeetingPanel, on the screens that hold one)."""

FORMATION_APP: list[Binding] = [
    Binding("ctrl+q", "quit", _("Quit"), priority=True),
    Binding("ctrl+l", "lock", _("Lock"), priority=True, tooltip=_("Lock the workspace now")),
    Binding("f1", "help", _("Help")),
    Binding("f2", "toggle_contrast", _("High contrast"), show=False),
    Binding("ctrl+s", "save", _("Save"), show=False),
    Binding("ctrl+o", "consultant_overview", _("Consultant overview"), show=False),
    *[Binding(item.key, f"go_to('{item.id}')", show=False) for item in STEPS],
]
"""FormationApp (``wizard/app.py``)."""

ACTION_ITEM_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "keep", _("Keep"), priority=True)]
"""ActionItemDialog (``wizard/dialogs/action_item.py``)."""

APPROVE_MINUTES_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "approve", _("Approve"), priority=True)]
"""ApproveMinutesDialog (``wizard/dialogs/approve_minutes.py``)."""

CLAUSE_LIST_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel"))]
"""ClauseListDialog (``wizard/dialogs/clause_list.py``)."""

CLAUSE_TEXT_DIALOG: list[Binding] = [
    Binding("escape", "cancel", _("Cancel")),
    Binding("ctrl+s", "keep", _("Keep"), priority=True),
    Binding("ctrl+r", "library_text", _("Library text"), priority=True),
]
"""ClauseTextDialog (``wizard/dialogs/clause_text.py``)."""

CONFIRM_DIALOG: list[Binding] = [
    Binding("escape,n", "no", _("No")),
    Binding("y", "yes", _("Yes")),
]
"""ConfirmDialog (``wizard/dialogs/confirm.py``)."""

HELP_DIALOG: list[Binding] = [
    Binding("escape,f1,q", "close", _("Close")),
    Binding("g", "glossary", _("Glossary")),
]
"""HelpDialog (``wizard/dialogs/help.py``)."""

MEMBER_DIALOG: list[Binding] = [
    Binding("escape", "cancel", _("Cancel")),
    Binding("ctrl+s", "keep", _("Keep"), priority=True),
]
"""MemberDialog (``wizard/dialogs/member.py``)."""

SEAT_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "keep", _("Keep"), priority=True)]
"""SeatDialog (``wizard/dialogs/seat.py``)."""

OFFICER_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "keep", _("Keep"), priority=True)]
"""OfficerDialog (``wizard/dialogs/officer.py``)."""

MOTION_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "move", _("Move"), priority=True)]
"""MotionDialog (``wizard/dialogs/motion.py``)."""

NEW_MEETING_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "keep", _("Start"), priority=True)]
"""NewMeetingDialog (``wizard/dialogs/new_meeting.py``)."""

VOTE_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "record", _("Record"), priority=True)]
"""VoteDialog (``wizard/dialogs/vote.py``)."""

AMENDMENT_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "move", _("Move"), priority=True)]
"""AmendmentDialog (``wizard/dialogs/amendment.py``)."""

CONSENSUS_DIALOG: list[Binding] = [
    Binding("escape", "cancel", _("Cancel")),
    Binding("ctrl+s", "record", _("Record"), priority=True),
    Binding("ctrl+n", "add_response", _("Add response"), priority=True),
]
"""ConsensusDialog (``wizard/dialogs/consensus.py``)."""

CONSENSUS_RESPONSES_TABLE: list[Binding] = [Binding("delete,x", "remove", _("Take off"))]
"""ResponsesTable of the ConsensusDialog (``wizard/dialogs/consensus.py``)."""

ROLL_CALL_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "record", _("Record"), priority=True)]
"""RollCallDialog (``wizard/dialogs/roll_call.py``)."""

ROLL_CALL_TABLE: list[Binding] = [
    Binding("y", "mark('in_favour')", _("In favour")),
    Binding("n", "mark('against')", _("Against")),
    Binding("a", "mark('abstain')", _("Abstains")),
    Binding("c", "mark('')", _("Clear")),
]
"""RollCallTable of the RollCallDialog (``wizard/dialogs/roll_call.py``)."""

PROXY_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "keep", _("Keep"), priority=True)]
"""ProxyDialog (``wizard/dialogs/proxy.py``)."""

AUDIT_SCREEN: list[Binding] = [
    Binding("f", "show_tab('tab-findings')", _("Findings")),
    Binding("c", "show_tab('tab-criteria')", _("Criteria")),
    Binding("r", "show_tab('tab-complete')", _("Required contents")),
]
"""AuditScreen (``wizard/screens/audit.py``)."""

FLOW_SCREEN: list[Binding] = [
    Binding("ctrl+b", "focus_sidebar", _("Steps"), show=False),
]
"""FlowScreen (``wizard/screens/base.py``)."""

BYLAWS_SCREEN: list[Binding] = [
    Binding("n,pagedown", "next_clause", _("Next clause")),
    Binding("p,pageup", "previous_clause", _("Previous")),
    Binding("l", "list_clauses", _("Clauses")),
    Binding("ctrl+n", "new_version", _("New version"), show=False),
    Binding("s", "start", _("Start the bylaws")),
    Binding("o", "leave_out_or_include", _("Leave out/in")),
    Binding("t", "own_wording", _("Own wording")),
    Binding("r", "send_for_review", _("For review")),
]
"""BylawsScreen (``wizard/screens/bylaws.py``)."""

CREATE_SCREEN: list[Binding] = [Binding("ctrl+n", "create", _("Create"), show=True)]
"""CreateScreen (``wizard/screens/create.py``)."""

DOCUMENTS_SCREEN: list[Binding] = [Binding("s", "next_profile", _("Export profile"))]
"""DocumentsScreen (``wizard/screens/documents.py``)."""

FOUNDING_MEETING_SCREEN: list[Binding] = [
    *MEETING,
    Binding("b", "adopt_bylaws", _("Adopt bylaws")),
    Binding("ctrl+s", "start", _("Start the meeting")),
]
"""FoundingMeetingScreen (``wizard/screens/founding_meeting.py``)."""

MEETINGS_SCREEN: list[Binding] = [
    Binding("n", "new_meeting", _("New meeting")),
    Binding("enter", "open_meeting", _("Open"), show=False),
    Binding("k", "lock_minutes", _("Lock minutes")),
]
"""MeetingsScreen (``wizard/screens/meetings.py``)."""

MEETING_SCREEN: list[Binding] = [*MEETING, Binding("escape", "back", _("Back"))]
"""MeetingScreen (``wizard/screens/meetings.py``)."""

MEMBERS_SCREEN: list[Binding] = [
    Binding("a", "add_member", _("Add")),
    Binding("e", "edit_member", _("Edit")),
    Binding("delete,x", "remove_member", _("Remove")),
    Binding("c", "toggle_community", _("Community status")),
    Binding("g", "governing_body", _("Governing body")),
]
"""MembersScreen (``wizard/screens/members.py``)."""

GOVERNING_BODY_SCREEN: list[Binding] = [
    Binding("a", "add", _("Add")),
    Binding("e", "edit", _("Edit")),
    Binding("delete,x", "remove", _("Remove")),
    Binding("1", "show_tab('tab-seats')", _("Seats tab"), show=False),
    Binding("2", "show_tab('tab-officers')", _("Officers tab"), show=False),
    Binding("escape", "back", _("Members")),
]
"""GoverningBodyScreen (``wizard/screens/governing_body.py``)."""

REGISTRATION_SCREEN: list[Binding] = [
    Binding("s", "set_status('in_progress')", _("Started")),
    Binding("u", "set_status('submitted')", _("Submitted"), show=False),
    Binding("d", "set_status('done')", _("Done")),
    Binding("b", "set_status('blocked')", _("Blocked"), show=False),
    Binding("x", "set_status('not_applicable')", _("Not needed"), show=False),
    Binding("o", "set_status('not_started')", _("To do"), show=False),
    Binding("1", "show_tab('tab-steps')", _("Steps tab"), show=False),
    Binding("2", "show_tab('tab-deadlines')", _("Deadlines tab"), show=False),
    Binding("3", "show_tab('tab-recorded')", _("Recorded tab"), show=False),
    Binding("m", "deadline_met", _("Met")),
    Binding("e", "record_event", _("Event")),
]
"""RegistrationScreen (``wizard/screens/registration.py``)."""

OBLIGATION_MET_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")),
                                        Binding("ctrl+s", "keep", _("Keep"), priority=True)]
"""ObligationMetDialog (``wizard/dialogs/registration_record.py``)."""

EVENT_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "keep", _("Keep"), priority=True)]
"""EventDialog (``wizard/dialogs/registration_record.py``)."""

START_SCREEN: list[Binding] = [
    Binding("enter", "choose", _("Continue"), show=True),
    Binding("ctrl+o", "app.consultant_overview", _("Consultant overview")),
]
"""StartScreen (``wizard/screens/start.py``)."""

STRUCTURE_SCREEN: list[Binding] = [Binding("ctrl+r", "rank", _("Rank again"), show=False)]
"""StructureScreen (``wizard/screens/structure.py``)."""

UNLOCK_SCREEN: list[Binding] = [
    Binding("enter", "unlock", _("Unlock"), show=True),
    Binding("ctrl+o", "app.consultant_overview", _("Consultant overview")),
]
"""UnlockScreen (``wizard/screens/unlock.py``)."""

ATTENDANCE_TABLE: list[Binding] = [
    Binding("p", "mark('in_person')", _("Present")),
    Binding("o", "mark('remote_online')", _("Online")),
    Binding("t", "mark('remote_phone')", _("Phone"), show=False),
    Binding("a", "mark('apologies')", _("Apologies")),
    Binding("x", "mark('absent')", _("Absent")),
    Binding("y", "proxy", _("Proxy"), show=False),
    Binding("ctrl+a", "mark_rest_present", _("Rest present"), show=False),
]
"""AttendanceTable (``wizard/widgets/meeting/attendance.py``)."""

# ---------------------------------------------------------------------- partners, capacity, review, overview
_KEEP_OR_CANCEL: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "keep", _("Keep"), priority=True)]

PARTNERS_SCREEN: list[Binding] = [
    Binding("a", "add_partner", _("Add partner")),
    Binding("e", "edit_partner", _("Edit partner"), show=False),
    Binding("d", "draft_agreement", _("Draft agreement")),
    Binding("g", "sign_agreement", _("Sign")),
    Binding("w", "write_agreement", _("Save .docx")),
    Binding("1", "show_tab('tab-partners')", _("Partners tab"), show=False),
    Binding("2", "show_tab('tab-agreement')", _("Agreement tab"), show=False),
]
"""PartnersScreen (``wizard/screens/partners.py``)."""

PARTNER_DIALOG: list[Binding] = list(_KEEP_OR_CANCEL)
"""PartnerDialog (``wizard/dialogs/partner.py``)."""

AGREEMENT_DIALOG: list[Binding] = list(_KEEP_OR_CANCEL)
"""AgreementDialog (``wizard/dialogs/agreement.py``)."""

SAVE_TO_FOLDER_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel")), Binding("ctrl+s", "save", _("Save"), priority=True)]
"""SaveToFolderDialog (``wizard/dialogs/save_to_folder.py``)."""

CAPACITY_SCREEN: list[Binding] = [
    Binding("c", "complete_handover", _("Taken over")),
    Binding("h", "plan_handover", _("Plan a role")),
    Binding("s", "start_handover", _("Handover started"), show=False),
    Binding("x", "drop_handover", _("Drop the role"), show=False),
    Binding("t", "record_training", _("Training")),
    Binding("p", "record_practice", _("Practice"), show=False),
    Binding("d", "practice_done", _("Practice done"), show=False),
    Binding("k", "add_skill", _("Add a skill"), show=False),
    Binding("1", "show_tab('tab-handover')", _("Handover tab"), show=False),
    Binding("2", "show_tab('tab-skills')", _("Skills tab"), show=False),
    Binding("3", "show_tab('tab-learning')", _("Trainings tab"), show=False),
]
"""CapacityScreen (``wizard/screens/capacity.py``)."""

HANDOVER_DIALOG: list[Binding] = list(_KEEP_OR_CANCEL)
"""HandoverDialog (``wizard/dialogs/handover.py``)."""

TAKEN_OVER_DIALOG: list[Binding] = list(_KEEP_OR_CANCEL)
"""TakenOverDialog (``wizard/dialogs/handover.py``)."""

TRAINING_DIALOG: list[Binding] = list(_KEEP_OR_CANCEL)
"""LearningDialog: a training or a chance to practise (``wizard/dialogs/training.py``)."""

SKILL_DIALOG: list[Binding] = list(_KEEP_OR_CANCEL)
"""SkillDialog (``wizard/dialogs/training.py``)."""

REVIEW_SCREEN: list[Binding] = [
    Binding("a", "add_note", _("Add note")),
    Binding("y", "accept_note", _("Accept")),
    Binding("r", "reject_note", _("Reject")),
    Binding("x", "export_copy", _("Review copy"), show=False),
    Binding("i", "import_copy", _("Import Word copy"), show=False),
    Binding("w", "write_redline", _("Save redline"), show=False),
    Binding("1", "show_tab('tab-notes')", _("Notes tab"), show=False),
    Binding("2", "show_tab('tab-compare')", _("Compare tab"), show=False),
    Binding("3", "show_tab('tab-history')", _("History tab"), show=False),
]
"""ReviewScreen (``wizard/screens/review.py``)."""

REVIEW_NOTE_DIALOG: list[Binding] = list(_KEEP_OR_CANCEL)
"""ReviewNoteDialog (``wizard/dialogs/review_note.py``)."""

DECIDE_NOTE_DIALOG: list[Binding] = list(_KEEP_OR_CANCEL)
"""DecideNoteDialog (``wizard/dialogs/review_note.py``)."""

REVIEW_COPY_DIALOG: list[Binding] = list(_KEEP_OR_CANCEL)
"""ExportCopyDialog and ImportCopyDialog (``wizard/dialogs/review_copy.py``)."""

OVERVIEW_SCREEN: list[Binding] = [
    Binding("a", "add_workspace", _("Add workspace")),
    Binding("delete,x", "remove_workspace", _("Remove"), show=False),
    Binding("escape", "back", _("Back")),
]
"""OverviewScreen (``wizard/screens/overview.py``)."""

OPEN_WORKSPACE_DIALOG: list[Binding] = [Binding("escape", "cancel", _("Cancel"))]
"""OpenWorkspaceDialog (``wizard/dialogs/open_workspace.py``)."""

LEGAL_CONTEXT_SCREEN: list[Binding] = [Binding("n", "show_networks", _("Networks"))]
"""LegalContextScreen (``wizard/screens/legal_context.py``): jump to the sex worker-led networks."""
