"""The power audit: the verdict, the findings (each jumps to the clause that fixes it), the
criteria matrix of every criteria set, and completeness against the legal form."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from wizard.widgets.plain import plain, PlainDataTable

from formation.audit import PowerAudit
from formation.errors import FormationError
from formation.models.bylaws import BylawsDraft
from wizard import audit_view
from wizard import bindings
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.steps import step

SEVERITY = {"critical": ("✗", "bold red"), "warning": ("!", "yellow"), "info": ("i", "")}
STATUS_LABELS = {
    "pass": N_("pass"), "fail": N_("FAIL"), "unknown": N_("unknown"), "not_applicable": N_("n/a"),
    "incomplete": N_("incomplete"), "not_checkable": N_("not checkable"),
    "covered": N_("covered"), "missing": N_("MISSING"), "to_check": N_("to check"),
}


def finding_prompt(severity: str, reference: str, reason: str, fix: str) -> Text:
    """A finding as listed: severity mark, where, why, and the fix."""
    mark, style = SEVERITY.get(severity, ("·", ""))
    text = Text()
    text.append(f"{mark} ", style=style)
    text.append(reference, style="bold")
    text.append("\n  " + reason)
    text.append("\n  → " + fix, style="italic")
    return text


class AuditScreen(FlowScreen):
    """The audit of the newest bylaws version. Enter on a finding opens its clause."""

    STEP_ID = "audit"
    STEP_TITLE = N_("Power audit")
    BINDINGS = bindings.AUDIT_SCREEN

    result: PowerAudit | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="verdict")
        with TabbedContent(id="audit-tabs"):
            with TabPane(_("Findings"), id="tab-findings"):
                yield OptionList(id="findings")
            with TabPane(_("Criteria"), id="tab-criteria"):
                yield PlainDataTable(id="criteria", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Required"), id="tab-complete"):
                yield PlainDataTable(id="completeness", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#criteria", DataTable).add_columns(_("Criteria set"), _("Criterion"), _("Result"), _("Measured"))
        self.query_one("#completeness", DataTable).add_columns(_("Required content"), _("Status"), _("Where"))
        self.reload()
        self.query_one("#findings", OptionList).focus()

    def reload(self) -> None:
        """Run the audit and show it."""
        verdict = self.query_one("#verdict", Static)
        draft = self.session.first(BylawsDraft)
        if draft is None:
            verdict.update(plain(_("There are no bylaws to audit yet. Start them in the Bylaws step ({key}).").format(
                key=step("bylaws").key.upper())))
            return
        try:
            result = audit_view.run_audit(self.session, draft)
        except FormationError as error:
            verdict.update(plain(_("The audit could not run: {reason}").format(reason=getattr(error, "detail", str(error)))))
            return
        self.result = result
        label = _("COMMUNITY-LED") if result.verdict.community_led else _("COMMUNITY-BASED")
        lines = [_("Bylaws v{n}: {label}").format(n=result.version, label=label)]
        lines += [f"• {reason}" for reason in result.verdict.reasons[:3]]
        verdict.update(plain("\n".join(lines)))
        verdict.set_class(result.verdict.community_led, "-led")
        verdict.set_class(not result.verdict.community_led, "-not-led")
        findings = self.query_one("#findings", OptionList)
        findings.clear_options()
        for index, f in enumerate(result.findings):
            findings.add_option(Option(plain(finding_prompt(f.severity, f.reference, f.reason, f.fix)), id=str(index)))
        if not result.findings:
            findings.add_option(Option(_("No findings: nothing in these bylaws puts power outside the community."),
                                       disabled=True))
        criteria = self.query_one("#criteria", DataTable)
        criteria.clear()
        for row in result.criteria:
            criteria.add_row(row.short_name, _("set verdict"), _(STATUS_LABELS.get(row.verdict, row.verdict)), "",
                             key=f"{row.id}")
            for c in row.criteria:
                criteria.add_row("", c.text, _(STATUS_LABELS.get(c.status, c.status)), c.measured, key=f"{row.id}.{c.id}")
        complete = self.query_one("#completeness", DataTable)
        complete.clear()
        if result.completeness is None:
            complete.add_row(_("Choose a legal form (Structure) to check the required contents."), "", "")
        else:
            for item in result.completeness.items:
                complete.add_row(item.title, _(STATUS_LABELS.get(item.status, item.status)), item.reference)

    @on(OptionList.OptionSelected, "#findings")
    def _open_finding(self, event: OptionList.OptionSelected) -> None:
        if self.result is None or event.option.id is None:
            return
        finding = self.result.findings[int(event.option.id)]
        if finding.clause_id:
            self.app.open_clause(finding.clause_id)  # type: ignore[attr-defined]
        elif finding.where == "members":
            self.app.go_to("members")  # type: ignore[attr-defined]
        elif finding.where == "governing_body":
            from wizard.screens.governing_body import GoverningBodyScreen

            self.app.switch_screen(GoverningBodyScreen(self.session))
        else:
            self.notify(_("This finding is about {where}, not a bylaws clause: {fix}").format(
                where=finding.reference, fix=finding.fix), markup=False)

    def action_show_tab(self, tab: str) -> None:
        """Show one of the tabs."""
        self.query_one("#audit-tabs", TabbedContent).active = tab
