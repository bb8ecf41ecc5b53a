"""Skills and handover: the roles a partner's staff or a consultant hold today and the member who
takes each over (overdue ones in red), the skills a new organization needs with the trainings and
chances to practise that build them.

Every record is made and checked by ``formation.capacity``; the screen lays it out.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from wizard.widgets.plain import plain, PlainDataTable

from formation import capacity
from formation.errors import InputError
from formation.models import Member
from formation.models.capacity import HandoverItem, PracticeOpportunity, Skill, Training
from formation.models.meetings import Meeting
from formation.models.partners import Partner
from wizard import bindings
from wizard.dialogs.confirm import ConfirmDialog
from wizard.dialogs.handover import PLAN_FIELDS, TAKEN_OVER_FIELDS, HandoverDialog, HandoverRequest, TakenOverDialog
from wizard.dialogs.handover import TakenOverRequest
from wizard.dialogs.training import PRACTICE_FIELDS, SKILL_FIELDS, TRAINING_FIELDS, LearningDialog, LearningRequest
from wizard.dialogs.training import SkillDialog, SkillRequest
from wizard.forms import show_problems
from wizard.i18n import N_, _, ngettext
from wizard.screens.base import FlowScreen
from wizard.widgets.capacity.rows import handover_details, handover_row, learning_rows, skill_details, skill_row


class CapacityScreen(FlowScreen):
    """The handover plan, the skills, and the trainings and practice. Keys: c a role was taken
    over, h plan a role, s its handover started, x drop it; t a training, p a chance to practise,
    d practice done, k add a skill; 1 2 3 switch tabs."""

    STEP_ID = "capacity"
    STEP_TITLE = N_("Skills and handover")
    BINDINGS = bindings.CAPACITY_SCREEN
    DEFAULT_CSS = """
    CapacityScreen #capacity-tabs { height: 1fr; }
    CapacityScreen TabPane { height: 1fr; padding: 0; }
    CapacityScreen TabPane DataTable { height: auto; max-height: 9; }
    CapacityScreen .details { height: 1fr; }
    CapacityScreen #capacity-summary { height: auto; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static("", id="capacity-summary", markup=False)
        with TabbedContent(id="capacity-tabs"):
            with TabPane(_("Handover plan"), id="tab-handover"):
                yield PlainDataTable(id="handover-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(classes="details"):
                    yield Static("", id="handover-details")
            with TabPane(_("Skills"), id="tab-skills"):
                yield PlainDataTable(id="skills-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(classes="details"):
                    yield Static("", id="skill-details")
            with TabPane(_("Trainings and practice"), id="tab-learning"):
                yield PlainDataTable(id="learning-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#handover-table", DataTable).add_columns(_("Due"), _("Role"), _("Member"), _("Status"))
        self.query_one("#skills-table", DataTable).add_columns(_("Skill"), _("Members trained"), _("Practised"))
        self.query_one("#learning-table", DataTable).add_columns(_("Date"), _("Kind"), _("What"), _("Who"))
        self.reload()
        self.query_one("#handover-table", DataTable).focus()

    # ------------------------------------------------------------------ reading
    def _members(self) -> dict[UUID, Member]:
        return {m.id: m for m in self.session.all(Member)}

    def handover_items(self) -> list[HandoverItem]:
        """The plan: open roles first (by due date), then those taken over or dropped."""
        return sorted(self.session.all(HandoverItem), key=lambda i: (not i.is_open, i.due, i.role_title))

    def overdue_ids(self) -> set[UUID]:
        """Ids of the roles past their date and still open (``formation.capacity``), as of today."""
        return {i.id for i in capacity.overdue_handover_items(self.session.all(HandoverItem), self.app.today())}

    def skills(self) -> list[capacity.SkillInfo]:
        """The core skills and the group's own."""
        return capacity.skill_catalogue(self.session.all(Skill))

    def progress(self) -> list[capacity.SkillProgress]:
        """The capacity record (``formation.capacity.capacity_record``)."""
        return capacity.capacity_record(added_skills=self.session.all(Skill), trainings=self.session.all(Training),
                                        practice=self.session.all(PracticeOpportunity),
                                        handover_items=self.session.all(HandoverItem))

    # ------------------------------------------------------------------ showing
    def reload(self, select: UUID | None = None) -> None:
        """Redraw the three tables and the summary.

        Args:
            select: a handover role to highlight (the one just changed).
        """
        members = self._members()
        items = self.handover_items()
        overdue = self.overdue_ids()
        table = self.query_one("#handover-table", DataTable)
        row = table.cursor_row
        table.clear()
        for item in items:
            table.add_row(*handover_row(item, item.id in overdue, members), key=str(item.id))
        ids = [i.id for i in items]
        if select in ids:
            row = ids.index(select)  # type: ignore[arg-type]
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self._show_handover(table.cursor_row)
        skills = self.query_one("#skills-table", DataTable)
        skill_row_index = skills.cursor_row
        skills.clear()
        for line in self.progress():
            skills.add_row(*skill_row(line), key=line.skill.key)
        skills.move_cursor(row=min(max(skill_row_index, 0), skills.row_count - 1))
        self._show_skill(skills.cursor_row)
        learning = self.query_one("#learning-table", DataTable)
        learning_index = learning.cursor_row
        learning.clear()
        for record_id, cells in learning_rows(self.session.all(Training), self.session.all(PracticeOpportunity),
                                              members):
            learning.add_row(*cells, key=record_id)
        if learning.row_count:
            learning.move_cursor(row=min(max(learning_index, 0), learning.row_count - 1))
        self.query_one("#capacity-summary", Static).update(plain(self._summary(items, overdue)))

    def _summary(self, items: list[HandoverItem], overdue: set[UUID]) -> str:
        if not items:
            plan = _("No handover plan yet: press h to plan a role a partner or consultant holds today.")
        else:
            done = sum(1 for i in items if i.status == "done")
            plan = ngettext("Handover plan: {n} role", "Handover plan: {n} roles", len(items)).format(n=len(items))
            plan += ", " + _("{done} taken over").format(done=done)
            if overdue:
                plan += ", " + ngettext("{n} OVERDUE", "{n} OVERDUE", len(overdue)).format(n=len(overdue))
        trainings = len(self.session.all(Training))
        return plan + ". " + ngettext("{n} training held.", "{n} trainings held.", trainings).format(n=trainings)

    @on(DataTable.RowHighlighted, "#handover-table")
    def _handover_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_handover(event.cursor_row)

    def _show_handover(self, row: int) -> None:
        details = self.query_one("#handover-details", Static)
        item = self._item_at(row)
        if item is None:
            details.update("")
            return
        partners = {p.id: p for p in self.session.all(Partner)}
        skills = {s.key: s for s in self.skills()}
        details.update(plain(handover_details(item, item.id in self.overdue_ids(), self._members(), partners, skills,
                                        self.app.today())))

    @on(DataTable.RowHighlighted, "#skills-table")
    def _skill_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_skill(event.cursor_row)

    def _show_skill(self, row: int) -> None:
        progress = self.progress()
        if 0 <= row < len(progress):
            self.query_one("#skill-details", Static).update(plain(skill_details(progress[row], self._members())))

    def _item_at(self, row: int) -> HandoverItem | None:
        table = self.query_one("#handover-table", DataTable)
        if not 0 <= row < table.row_count:
            return None
        key = table.coordinate_to_cell_key((row, 0)).row_key.value
        return self.session.find(HandoverItem, key) if key else None

    def highlighted_item(self) -> HandoverItem | None:
        """The handover role highlighted in the plan, or None."""
        return self._item_at(self.query_one("#handover-table", DataTable).cursor_row)

    def action_show_tab(self, tab: str) -> None:
        """Show one of the tabs and focus its table."""
        self.query_one("#capacity-tabs", TabbedContent).active = tab
        table = {"tab-handover": "#handover-table", "tab-skills": "#skills-table", "tab-learning": "#learning-table"}
        self.query_one(table[tab], DataTable).focus()

    def _keep(self, *records: object) -> None:
        self.session.put_many(list(records))  # type: ignore[arg-type]
        self.changed()
        first = records[0] if records else None
        self.reload(select=first.id if isinstance(first, HandoverItem) else None)

    def _refuse(self, error: InputError) -> None:
        self.notify(getattr(error, "detail", str(error)), severity="error", markup=False)

    # ------------------------------------------------------------------ the handover plan
    def action_plan_handover(self) -> None:
        """Plan a role's handover (a form)."""
        members = self.session.all(Member)
        partner_list = self.session.all(Partner)
        dialog = HandoverDialog(members, partner_list)

        def submit(request: HandoverRequest) -> None:
            partner = next((p for p in partner_list if str(p.id) == request.partner_id), None)
            try:
                item = capacity.plan_handover_item(
                    role=request.role, title=request.title, held_by=request.held_by,
                    held_by_label=request.held_by_label, partner=partner, successor_id=request.successor_id,
                    due=request.due, starts_on=request.starts_on, notes=request.notes, members=members,
                    added_skills=self.session.all(Skill))
            except InputError as error:
                show_problems(dialog, error, PLAN_FIELDS)
                return
            dialog.dismiss(None)
            self.action_show_tab("tab-handover")
            self._keep(item)

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    def action_start_handover(self) -> None:
        """Record that the highlighted role's handover started today."""
        item = self.highlighted_item()
        if item is None:
            return
        try:
            started = capacity.start_handover_item(item, on=self.app.today(), members=self.session.all(Member))
        except InputError as error:
            self._refuse(error)
            return
        self._keep(started)

    def action_complete_handover(self) -> None:
        """Record who took the highlighted role over, and when."""
        item = self.highlighted_item()
        if item is None:
            self.notify(_("Plan a role first (h)."), severity="warning")
            return
        if not item.is_open:
            self.notify(_("This role's handover is already closed."), severity="warning")
            return
        members = self.session.all(Member)
        dialog = TakenOverDialog(item, members, self.app.today().isoformat())

        def submit(request: TakenOverRequest) -> None:
            try:
                done = capacity.complete_handover_item(item, taken_over_by=request.member_id or "", on=request.on,
                                                       members=members, note=request.note)
            except InputError as error:
                show_problems(dialog, error, TAKEN_OVER_FIELDS)
                return
            dialog.dismiss(None)
            self._keep(done)

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    def action_drop_handover(self) -> None:
        """Take the highlighted role out of the plan (asks first)."""
        item = self.highlighted_item()
        if item is None or not item.is_open:
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                dropped = capacity.drop_handover_item(item)
            except InputError as error:
                self._refuse(error)
                return
            self._keep(dropped)

        question = _("Take {role} out of the handover plan? The record stays, marked dropped.").format(role=item.role_title)
        self.app.push_screen(ConfirmDialog(Text(question), _("Drop")), answer)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ trainings and practice
    def _learning_dialog(self, practice: bool, record: Callable[[LearningRequest], object],
                         fields: dict[str, str]) -> None:
        kinds = capacity.TRAINING_MEETING_KINDS
        meetings = sorted((m for m in self.session.all(Meeting) if m.meeting_kind in kinds), key=lambda m: m.date,
                          reverse=True)
        dialog = LearningDialog(practice=practice, skills=self.skills(), members=self.session.all(Member),
                                partners=self.session.all(Partner), meetings=meetings,
                                today=self.app.today().isoformat())

        def submit(request: LearningRequest) -> None:
            try:
                made = record(request)
            except InputError as error:
                show_problems(dialog, error, fields)
                return
            dialog.dismiss(None)
            self.action_show_tab("tab-learning")
            self._keep(made)

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    def _partner(self, partner_id: str | None) -> Partner | None:
        return self.session.find(Partner, partner_id) if partner_id else None

    def action_record_training(self) -> None:
        """Record a training held (a form)."""

        def record(request: LearningRequest) -> Training:
            meeting = self.session.find(Meeting, request.meeting_id) if request.meeting_id else None
            return capacity.record_training(
                held_on=request.date or "", topic=request.topic, skills=request.skills,
                participant_ids=request.member_ids, members=self.session.all(Member),
                added_skills=self.session.all(Skill), meeting=meeting, trainer=request.helper,
                partner=self._partner(request.partner_id), notes=request.notes)

        self._learning_dialog(False, record, TRAINING_FIELDS)

    def action_record_practice(self) -> None:
        """Record a chance to practise a skill on real work (a form)."""

        def record(request: LearningRequest) -> PracticeOpportunity:
            return capacity.record_practice(
                what=request.topic, skills=request.skills, member_ids=request.member_ids,
                members=self.session.all(Member), added_skills=self.session.all(Skill), alongside=request.helper,
                partner=self._partner(request.partner_id), planned_for=request.date, done_on=request.done_on,
                notes=request.notes)

        self._learning_dialog(True, record, PRACTICE_FIELDS)

    def action_practice_done(self) -> None:
        """Mark the highlighted planned practice as done today."""
        self.action_show_tab("tab-learning")
        table = self.query_one("#learning-table", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        practice = self.session.find(PracticeOpportunity, key) if key else None
        if practice is None:
            self.notify(_("Highlight a chance to practise (not a training)."), severity="warning")
            return
        try:
            done = capacity.complete_practice(practice, on=self.app.today())
        except InputError as error:
            self._refuse(error)
            return
        self._keep(done)

    def action_add_skill(self) -> None:
        """Add a skill the group needs to the core list."""
        dialog = SkillDialog()

        def submit(request: SkillRequest) -> None:
            try:
                skill = capacity.new_skill(request.title, description=request.description,
                                           existing=self.session.all(Skill))
            except InputError as error:
                show_problems(dialog, error, SKILL_FIELDS)
                return
            dialog.dismiss(None)
            self.action_show_tab("tab-skills")
            self._keep(skill)

        dialog.on_submit = submit
        self.app.push_screen(dialog)
