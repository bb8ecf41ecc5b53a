"""The registration plan: the legal form's steps (what can be done now, what waits for what),
and the deadlines that follow from the group's own dates. Legal information, not legal advice."""

from __future__ import annotations

import datetime as _dt

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Markdown, Static, TabbedContent, TabPane

from formation import contexts, decisions, deadlines, registration
from formation.errors import FormationError
from formation.models.decisions import Decision
from formation.models.legal import LegalContext, LegalForm
from formation.models.meetings import Meeting
from formation.models.registration_progress import RegistrationProgress
from formation.registration import StepState, TrackerStatus
from wizard import bindings
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


def _fee_text(fee: object) -> str:
    amount = getattr(fee, "amount", None)
    currency = getattr(fee, "currency", "") or ""
    if amount in (None, "unknown"):
        return _("unknown (we could not confirm it)")
    return f"{amount} {currency}".strip()


class RegistrationScreen(FlowScreen):
    """Steps and deadlines. Keys on a step: s started, d done, u submitted, b blocked, x not needed,
    o to do."""

    STEP_ID = "registration"
    STEP_TITLE = N_("Registration plan")
    BINDINGS = bindings.REGISTRATION_SCREEN

    context: LegalContext | None = None
    form: LegalForm | None = None
    tracker: TrackerStatus | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="registration-summary")
        with TabbedContent(id="registration-tabs"):
            with TabPane(_("Steps"), id="tab-steps"):
                yield DataTable(id="reg-steps", cursor_type="row", zebra_stripes=True)
                yield Markdown("", id="step-details")
            with TabPane(_("Deadlines"), id="tab-deadlines"):
                yield DataTable(id="reg-deadlines", cursor_type="row", zebra_stripes=True)
        yield Static(_("Legal information, not legal advice."), classes="hint", id="registration-disclaimer")

    def on_mount(self) -> None:
        self.query_one("#reg-steps", DataTable).add_columns(_("Now"), _("Status"), _("Step"))
        self.query_one("#reg-deadlines", DataTable).add_columns(_("Due"), _("What"), _("When"))
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
            summary.update(_("Choose a legal context ({k1}) and a legal form ({k2}) first.").format(
                k1=step("legal_context").key.upper(), k2=step("structure").key.upper()))
            return
        try:
            self.context = contexts.load_context(org.legal_context_id)
        except FormationError as error:
            summary.update(getattr(error, "detail", str(error)))
            return
        self.form = self.context.form(org.legal_form_id)
        if self.form is None:
            summary.update(_("The chosen legal form is not in this legal context any more; choose it again."))
            return
        progress = self.progress() or registration.new_progress(self.context, self.form)
        events: dict[str, list[_dt.date]] = {}
        for name, on in decisions.meeting_events(self.session.all(Meeting), self.session.all(Decision)):
            events.setdefault(name, []).append(on)
        facts = deadlines.facts_from_organization(org, events=events)
        try:
            self.tracker = registration.tracker_status(self.context, self.form, progress, facts, as_of=self.app.today())
        except FormationError as error:
            summary.update(getattr(error, "detail", str(error)))
            return
        t = self.tracker
        summary.update(_("{form} in {context}: {now} step(s) can be done now, {overdue} deadline(s) overdue, "
                         "{soon} due soon. Information checked {date}.").format(
            form=self.form.name, context=self.context.name, now=len(t.can_do_now), overdue=len(t.overdue),
            soon=len(t.due_soon), date=self.context.reviewed_on.isoformat()))
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
        due.clear()
        for label, items in ((_("OVERDUE"), t.overdue), (_("soon"), t.due_soon), (_("later"), t.upcoming)):
            for d in items:
                due.add_row(d.due.isoformat(), d.title, label)
        for missing in t.missing:
            due.add_row("—", missing.title, _("needs a date"))

    @on(DataTable.RowHighlighted, "#reg-steps")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._details(event.cursor_row)

    def _details(self, row: int) -> None:
        if self.tracker is None or self.form is None or not 0 <= row < len(self.tracker.steps):
            return
        self.query_one("#step-details", Markdown).update(step_markdown(self.tracker.steps[row], self.form))

    def action_show_tab(self, tab: str) -> None:
        """Show the steps or the deadlines, and focus its table."""
        self.query_one("#registration-tabs", TabbedContent).active = tab
        self.query_one("#reg-steps" if tab == "tab-steps" else "#reg-deadlines", DataTable).focus()

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
            self.notify(getattr(error, "detail", str(error)), severity="error")
            return
        self.session.put(updated)
        self.changed()
        self.reload()
