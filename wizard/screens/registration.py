"""The registration plan: the legal form's steps (what can be done now, what waits for what),
the deadlines that follow from the group's own dates (its meetings and decisions register, events
recorded by hand, and the handover plan, as ``formation registration status`` shows them), and
what was recorded: deadlines met and dated events. Legal information, not legal advice."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Markdown, Static, TabbedContent, TabPane

from wizard.widgets.plain import plain, PlainDataTable

from formation import capacity, contexts, registration
from formation.deadlines import Deadline
from formation.errors import FormationError
from formation.models.capacity import HandoverItem
from formation.models.decisions import Decision
from formation.models.legal import LegalContext, LegalForm
from formation.models.meetings import Meeting
from formation.models.registration_progress import ObligationMet, RecordedEvent, RegistrationProgress
from formation.registration import StepState, TrackerStatus
from wizard import bindings
from wizard.dialogs.registration_record import EVENT_LABELS, EventDialog, ObligationMetDialog
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.steps import step

STATUS_LABELS = {
    "not_started": N_("to do"),
    "in_progress": N_("in progress"),
    "submitted": N_("submitted"),
    "done": N_("done"),
    "blocked": N_("blocked"),
    "not_applicable": N_("not needed"),
}


def step_markdown(state: StepState, form: LegalForm) -> str:
    """One step's details: what to do, what it needs, fee, time, and whether legal names are needed."""
    s = state.step
    lines = [f"### {s.title}", "", s.description, ""]
    if state.waiting_for:
        titles = [form.step(i).title if form.step(i) else i for i in state.waiting_for]
        lines += ["**" + _("Waits for:") + "** " + "; ".join(titles), ""]
    if s.documents:
        lines += ["**" + _("Documents:") + "**", *[f"- {d}" for d in s.documents], ""]
    if s.fee is not None:
        lines += ["**" + _("Fee:") + "** " + _fee_text(s.fee), ""]
    if s.legal_names_required:
        lines += ["**" + _("Legal names or addresses are required at this step.") + "** " +
                  _("Only the people who must be named need to be; the workspace keeps them encrypted."), ""]
    if s.reference:
        lines += [_("Reference: {ref}").format(ref=s.reference), ""]
    return "\n".join(lines)


DUE_SOON_DAYS = registration.DEFAULT_DUE_SOON_DAYS
"""How far ahead a deadline is "soon" (60 days, as ``formation registration status``)."""


def is_handover(deadline: Deadline) -> bool:
    """True for a date of the handover plan (``formation.capacity.handover_deadline``)."""
    return deadline.obligation_id.startswith(capacity.HANDOVER_OBLIGATION_PREFIX)


def _fee_text(fee: object) -> str:
    amount = getattr(fee, "amount", None)
    currency = getattr(fee, "currency", "") or ""
    if amount in (None, "unknown"):
        return _("unknown (we could not confirm it)")
    return f"{amount} {currency}".strip()


class RegistrationScreen(FlowScreen):
    """Steps, deadlines and what was recorded. Keys on a step: s started, d done, u submitted,
    b blocked, x not needed, o to do; on a deadline: m met; anywhere: e record a dated event."""

    STEP_ID = "registration"
    STEP_TITLE = N_("Registration plan")
    BINDINGS = bindings.REGISTRATION_SCREEN

    context: LegalContext | None = None
    form: LegalForm | None = None
    tracker: TrackerStatus | None = None
    deadline_rows: list[Deadline] = []

    def compose_body(self) -> ComposeResult:
        yield Static("", id="registration-summary")
        with TabbedContent(id="registration-tabs"):
            with TabPane(_("Steps"), id="tab-steps"):
                yield PlainDataTable(id="reg-steps", cursor_type="row", zebra_stripes=True)
                yield Markdown("", id="step-details")
            with TabPane(_("Deadlines"), id="tab-deadlines"):
                yield PlainDataTable(id="reg-deadlines", cursor_type="row", zebra_stripes=True)
                yield Static("", id="deadlines-hint", classes="hint")
            with TabPane(_("Recorded"), id="tab-recorded"):
                yield PlainDataTable(id="reg-recorded", cursor_type="row", zebra_stripes=True)
                yield Static("", id="recorded-hint", classes="hint")
        yield Static(_("Legal information, not legal advice."), classes="hint", id="registration-disclaimer")

    def on_mount(self) -> None:
        self.query_one("#reg-steps", DataTable).add_columns(_("Now"), _("Status"), _("Step"))
        self.query_one("#reg-deadlines", DataTable).add_columns(_("Due"), _("What"), _("When"))
        self.query_one("#reg-recorded", DataTable).add_columns(_("Date"), _("What"), _("Recorded as"))
        self.reload()
        self.query_one("#reg-steps", DataTable).focus()

    def progress(self) -> RegistrationProgress | None:
        """The group's progress record for its legal form, or None."""
        org = self.session.organization
        for record in self.session.all(RegistrationProgress):
            if org is not None and record.legal_form_id == org.legal_form_id and record.legal_context_id == org.legal_context_id:
                return record
        return None

    def reload(self) -> None:
        """Recompute the plan as of today and redraw it."""
        summary = self.query_one("#registration-summary", Static)
        org = self.session.organization
        if org is None or not org.legal_context_id or not org.legal_form_id:
            summary.update(plain(_("Choose a legal context ({k1}) and a legal form ({k2}) first.").format(
                k1=step("legal_context").key.upper(), k2=step("structure").key.upper())))
            return
        try:
            self.context = contexts.load_context(org.legal_context_id)
        except FormationError as error:
            summary.update(plain(getattr(error, "detail", str(error))))
            return
        self.form = self.context.form(org.legal_form_id)
        if self.form is None:
            summary.update(_("The chosen legal form is not in this legal context any more; choose it again."))
            return
        progress = self.progress() or registration.new_progress(self.context, self.form)
        facts = registration.facts_from_records(org, self.session.all(Meeting), self.session.all(Decision))
        try:
            status = registration.tracker_status(self.context, self.form, progress, facts, as_of=self.app.today(),
                                                 due_soon_days=DUE_SOON_DAYS)
        except FormationError as error:
            summary.update(plain(getattr(error, "detail", str(error))))
            return
        self.tracker = capacity.with_handover_deadlines(status, self.session.all(HandoverItem),
                                                        due_soon_days=DUE_SOON_DAYS)
        t = self.tracker
        summary.update(plain(_("{form} in {context}: {now} step(s) can be done now, {overdue} deadline(s) overdue, "
                         "{soon} due soon. Information checked {date}.").format(
            form=self.form.name, context=self.context.name, now=len(t.can_do_now), overdue=len(t.overdue),
            soon=len(t.due_soon), date=self.context.reviewed_on.isoformat())))
        table = self.query_one("#reg-steps", DataTable)
        row = table.cursor_row
        table.clear()
        for state in t.steps:
            now = "▶" if state.can_do_now else ("…" if state.waiting_for else "")
            table.add_row(now, _(STATUS_LABELS[state.status]), state.step.title, key=state.step.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
            self._details(table.cursor_row)
        due = self.query_one("#reg-deadlines", DataTable)
        row = due.cursor_row
        due.clear()
        self.deadline_rows = []
        for label, items in ((_("OVERDUE"), t.overdue), (_("soon"), t.due_soon), (_("later"), t.upcoming)):
            for d in items:
                title = _("Handover: {role}").format(role=d.title.removeprefix("Handover: ")) if is_handover(d) \
                    else d.title
                due.add_row(d.due.isoformat(), title, label, key=str(len(self.deadline_rows)))
                self.deadline_rows.append(d)
        needs: dict[str, list[str]] = {}
        for missing in t.missing:
            due.add_row("—", missing.title, _("no date"))
            needs.setdefault(missing.needs, []).append(missing.title)
        lines = [_("{titles}: cannot be dated without {fact}.").format(titles="; ".join(titles), fact=fact)
                 for fact, titles in needs.items()]
        if lines:
            lines.append(_("The group's dates are kept in About the group ({key}); press e for an event.").format(
                key=step("about").key.upper()))
        self.query_one("#deadlines-hint", Static).update(plain("\n".join(lines)))
        if due.row_count:
            due.move_cursor(row=min(row, due.row_count - 1))
        self._show_recorded(progress)

    def _show_recorded(self, progress: RegistrationProgress) -> None:
        """The deadlines recorded as met and the events recorded by hand, newest first."""
        titles = {o.id: o.title for o in self.form.obligations} if self.form else {}
        rows = [(m.done_on, _("{what} (due {due})").format(what=titles.get(m.obligation_id, m.obligation_id),
                                                           due=m.due_on.isoformat()), _("deadline met"))
                for m in progress.obligations_met]
        rows += [(e.on, _(EVENT_LABELS.get(e.event, e.event)), _("event")) for e in progress.events]
        table = self.query_one("#reg-recorded", DataTable)
        table.clear()
        for on, what, kind in sorted(rows, key=lambda r: r[0], reverse=True):
            table.add_row(on.isoformat(), what, kind)
        self.query_one("#recorded-hint", Static).update(
            "" if rows else _("Nothing recorded yet: m marks a deadline met, e records an event."))

    @on(DataTable.RowHighlighted, "#reg-steps")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._details(event.cursor_row)

    def _details(self, row: int) -> None:
        if self.tracker is None or self.form is None or not 0 <= row < len(self.tracker.steps):
            return
        self.query_one("#step-details", Markdown).update(step_markdown(self.tracker.steps[row], self.form))

    def action_show_tab(self, tab: str) -> None:
        """Show the steps, the deadlines or what was recorded, and focus its table."""
        self.query_one("#registration-tabs", TabbedContent).active = tab
        table = {"tab-steps": "#reg-steps", "tab-deadlines": "#reg-deadlines"}.get(tab, "#reg-recorded")
        self.query_one(table, DataTable).focus()

    def _store(self, update: "Callable[[RegistrationProgress], RegistrationProgress]") -> None:
        if self.form is None or self.context is None:
            return
        progress = self.progress() or registration.new_progress(self.context, self.form)
        try:
            updated = update(progress)
        except FormationError as error:
            self.notify(getattr(error, "detail", str(error)), severity="error", markup=False)
            return
        self.session.put(updated)
        self.changed()
        self.reload()

    def action_deadline_met(self) -> None:
        """Record that the highlighted deadline was met (asks when)."""
        if self.query_one("#registration-tabs", TabbedContent).active != "tab-deadlines":
            self.action_show_tab("tab-deadlines")
            return
        table = self.query_one("#reg-deadlines", DataTable)
        if self.form is None or not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None or not key.isdigit():
            self.notify(_("This deadline cannot be dated yet, so it cannot be met yet."), severity="warning")
            return
        deadline = self.deadline_rows[int(key)]
        if is_handover(deadline):
            self.notify(_("A handover is done when a member has taken the role over: record it in the handover "
                          "plan."), severity="warning")
            return
        form = self.form

        def keep(met: ObligationMet | None) -> None:
            if met is not None:
                self._store(lambda p: registration.record_obligation_met(
                    p, form, met.obligation_id, due_on=met.due_on, done_on=met.done_on, evidence=met.evidence))

        self.app.push_screen(ObligationMetDialog(deadline.obligation_id, deadline.title, deadline.due,
                                                 self.app.today()), keep)

    def action_record_event(self) -> None:
        """Record a dated event that deadlines count from (asks which and when)."""
        if self.form is None:
            return

        def keep(event: RecordedEvent | None) -> None:
            if event is not None:
                self._store(lambda p: registration.record_event(p, event.event, event.on, event.note))

        self.app.push_screen(EventDialog(self.app.today()), keep)

    def action_set_status(self, status: str) -> None:
        """Record the highlighted step's status (dated today)."""
        if self.tracker is None or self.form is None or self.context is None:
            return
        table = self.query_one("#reg-steps", DataTable)
        if not table.row_count:
            return
        step_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        progress = self.progress() or registration.new_progress(self.context, self.form)
        try:
            updated = registration.set_step_status(progress, self.form, step_id, status, on=self.app.today())  # type: ignore[arg-type]
        except (FormationError, ValueError) as error:
            self.notify(getattr(error, "detail", str(error)), severity="error", markup=False)
            return
        self.session.put(updated)
        self.changed()
        self.reload()
