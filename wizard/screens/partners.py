"""Partners: the organizations that fund, host, train and advise the group, and each partnership
agreement, version by version, with the power audit's verdict on it and its .docx.

Everything is recorded and checked by ``formation.partners``; the screen shows it. Rendering runs
in a thread worker and writes through ``formation.partners.export_agreement`` (safe name, inside
the chosen folder, atomic, 0600, checked for the names of members who did not agree to be named).
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from wizard.widgets.plain import plain, PlainDataTable

from formation import contexts, partners
from formation.errors import FormationError, InputError
from formation.models import Member
from formation.models.capacity import HandoverItem
from formation.models.partners import NetworkLink, Partner, PartnershipAgreement
from wizard import bindings
from wizard.dialogs.agreement import AgreementDialog, AgreementRequest
from wizard.dialogs.confirm import ConfirmDialog
from wizard.dialogs.partner import FIELDS as PARTNER_FIELDS
from wizard.dialogs.partner import PartnerDialog, PartnerRequest
from wizard.dialogs.save_to_folder import SaveToFolderDialog
from wizard.forms import show_problems
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.widgets.partners.agreement_view import AgreementAudit, AgreementDetails, agreement_audit, agreement_details
from wizard.widgets.partners import texts
from wizard.widgets.partners.labels import AGREEMENT_STATUS, PARTNER_KINDS, label, labels


class PartnersScreen(FlowScreen):
    """Partners and their agreements. Keys: a add, e / Enter edit, d draft or revise the agreement,
    g sign the draft, w save it as .docx; 1 and 2 switch between the partners and the agreement."""

    STEP_ID = "partners"
    STEP_TITLE = N_("Partners")
    BINDINGS = bindings.PARTNERS_SCREEN
    DEFAULT_CSS = """
    PartnersScreen #partners-tabs { height: 1fr; }
    PartnersScreen TabPane { height: 1fr; padding: 0; }
    PartnersScreen #agreement-versions { height: auto; max-height: 4; border: none; padding: 0; }
    PartnersScreen #agreement-scroll, PartnersScreen #partner-scroll { height: 1fr; }
    PartnersScreen #partners-table { height: auto; max-height: 7; }
    PartnersScreen #partner-details { margin: 1 0 0 0; }
    PartnersScreen #partners-summary, PartnersScreen #partners-result { height: auto; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static("", id="partners-summary", markup=False)
        with TabbedContent(id="partners-tabs"):
            with TabPane(_("Partners"), id="tab-partners"):
                yield PlainDataTable(id="partners-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="partner-scroll"):
                    yield Static("", id="partner-details", markup=False)
            with TabPane(_("Agreement"), id="tab-agreement"):
                yield OptionList(id="agreement-versions")
                with VerticalScroll(id="agreement-scroll"):
                    yield AgreementDetails("", id="agreement-details")
        yield Static("", id="partners-result", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#partners-table", DataTable).add_columns(_("Partner"), _("Agreement"), _("Is"))
        self._audits: dict[tuple[UUID, int], AgreementAudit] = {}
        self.reload()
        self.query_one("#partners-table", DataTable).focus()

    # ------------------------------------------------------------------ reading
    def partners_listed(self) -> list[Partner]:
        """The partners, current ones first, by name."""
        return sorted(self.session.all(Partner), key=lambda p: (not p.is_current, p.name.casefold()))

    def versions_listed(self) -> list[PartnershipAgreement]:
        """Every agreement version, partner by partner (as listed), newest version first."""
        order = {p.id: i for i, p in enumerate(self.partners_listed())}
        return sorted(self.session.all(PartnershipAgreement),
                      key=lambda a: (order.get(a.partner_id, len(order)), -a.version))

    def audit_of(self, agreement: PartnershipAgreement, partner: Partner) -> AgreementAudit:
        """The power audit of one version (kept until the next change)."""
        key = (agreement.id, self.session.generation)
        if key not in self._audits:
            self._audits = {k: v for k, v in self._audits.items() if k[1] == self.session.generation}
            self._audits[key] = agreement_audit(self.session, agreement, partner)
        return self._audits[key]

    def _partner(self, partner_id: UUID) -> Partner | None:
        return self.session.find(Partner, partner_id)

    # ------------------------------------------------------------------ showing
    def reload(self, select: UUID | None = None) -> None:
        """Redraw the partners, the agreement versions and the summary from the session.

        Args:
            select: an agreement version to highlight (after it was made or signed).
        """
        listed = self.partners_listed()
        agreements = self.session.all(PartnershipAgreement)
        table = self.query_one("#partners-table", DataTable)
        row = table.cursor_row
        table.clear()
        for p in listed:
            current = partners.current_agreement(agreements, p.id)
            state = _("none yet") if current is None else f"v{current.version} {label(AGREEMENT_STATUS, current.status)}"
            name = p.name if p.is_current else _("{name} (ended)").format(name=p.name)
            table.add_row(Text(name), Text(state), Text(labels(PARTNER_KINDS, list(p.kinds))), key=str(p.id))
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self._show_partner()
        versions = self.query_one("#agreement-versions", OptionList)
        highlighted = versions.highlighted
        versions.clear_options()
        listed_versions = self.versions_listed()
        for a in listed_versions:
            partner = self._partner(a.partner_id)
            if partner is None:
                continue
            prompt = texts.version_prompt(a, partner, self.audit_of(a, partner), with_partner=len(listed) > 1)
            versions.add_option(Option(plain(prompt), id=str(a.id)))
        if not listed_versions:
            versions.add_option(Option(_("No agreement yet: press d to draft one with the highlighted partner."),
                                       disabled=True))
            self.query_one("#agreement-details", AgreementDetails).update("")
        else:
            ids = [str(a.id) for a in listed_versions]
            index = ids.index(str(select)) if select is not None and str(select) in ids else (highlighted or 0)
            versions.highlighted = min(index, len(ids) - 1)
            self._show_version(versions.highlighted)
        self.query_one("#partners-summary", Static).update(
            plain(texts.summary(listed, agreements, self.audit_of, self.session.organization)))

    @on(DataTable.RowHighlighted, "#partners-table")
    def _show_partner(self) -> None:
        """Show what the highlighted partner provides, the contact's role and the dates."""
        partner = self.highlighted_partner()
        self.query_one("#partner-details", Static).update(plain(texts.partner_details(partner) if partner else ""))

    @on(OptionList.OptionHighlighted, "#agreement-versions")
    def _version_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_version(event.option_index)

    def _show_version(self, index: int | None) -> None:
        agreement = self._version_at(index)
        details = self.query_one("#agreement-details", AgreementDetails)
        if agreement is None:
            details.update("")
            return
        partner = self._partner(agreement.partner_id)
        if partner is not None:
            details.update(plain(agreement_details(agreement, partner, self.audit_of(agreement, partner))))

    def _version_at(self, index: int | None) -> PartnershipAgreement | None:
        versions = self.query_one("#agreement-versions", OptionList)
        if index is None or not 0 <= index < versions.option_count:
            return None
        option_id = versions.get_option_at_index(index).id
        return self.session.find(PartnershipAgreement, option_id) if option_id else None

    def action_show_tab(self, tab: str) -> None:
        """Show the partners or the agreement."""
        self.query_one("#partners-tabs", TabbedContent).active = tab
        if tab == "tab-agreement":
            self._follow_partner()
            self.query_one("#agreement-versions", OptionList).focus()
        else:
            self.query_one("#partners-table", DataTable).focus()

    @on(TabbedContent.TabActivated, "#partners-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-agreement":
            self._follow_partner()

    def _follow_partner(self) -> None:
        """Highlight the newest version of the partner highlighted in the partners table."""
        partner = self.highlighted_partner()
        versions = self.query_one("#agreement-versions", OptionList)
        current = self._version_at(versions.highlighted)
        if partner is None or (current is not None and current.partner_id == partner.id):
            return
        for index, a in enumerate(self.versions_listed()):
            if a.partner_id == partner.id:
                versions.highlighted = index
                return

    # ------------------------------------------------------------------ which partner, which version
    def highlighted_partner(self) -> Partner | None:
        """The partner highlighted in the partners table, or None."""
        table = self.query_one("#partners-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._partner(UUID(key)) if key else None

    def chosen_agreement(self) -> PartnershipAgreement | None:
        """The version the actions apply to: the one highlighted on the agreement tab, else the
        agreement that governs the highlighted partner's partnership."""
        if self.query_one("#partners-tabs", TabbedContent).active == "tab-agreement":
            return self._version_at(self.query_one("#agreement-versions", OptionList).highlighted)
        partner = self.highlighted_partner()
        if partner is None:
            return None
        return partners.current_agreement(self.session.all(PartnershipAgreement), partner.id)

    def chosen_partner(self) -> Partner | None:
        """The partner the actions apply to (of the chosen version on the agreement tab)."""
        if self.query_one("#partners-tabs", TabbedContent).active == "tab-agreement":
            agreement = self.chosen_agreement()
            if agreement is not None:
                return self._partner(agreement.partner_id)
        return self.highlighted_partner()

    # ------------------------------------------------------------------ partners
    def action_add_partner(self) -> None:
        """Record a partner organization (a form)."""
        dialog = PartnerDialog(None)

        def submit(request: PartnerRequest) -> None:
            try:
                partner = partners.new_partner(request.name, request.kinds, request.provides,
                                               contact_role=request.contact_role, since=request.since,
                                               notes=request.notes, existing=self.session.all(Partner))
            except InputError as error:
                show_problems(dialog, error, PARTNER_FIELDS)
                return
            self._keep([partner])
            dialog.dismiss(None)

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    @on(DataTable.RowSelected, "#partners-table")
    def action_edit_partner(self) -> None:
        """Edit the highlighted partner (also to record that a partnership ended)."""
        partner = self.highlighted_partner()
        if partner is None:
            return
        dialog = PartnerDialog(partner)

        def submit(request: PartnerRequest) -> None:
            try:
                updated = partners.update_partner(partner, name=request.name, kinds=request.kinds,
                                                  provides=request.provides, contact_role=request.contact_role,
                                                  since=request.since, ended_on=request.ended_on, notes=request.notes)
            except InputError as error:
                show_problems(dialog, error, PARTNER_FIELDS)
                return
            self._keep([updated])
            dialog.dismiss(None)

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    def _keep(self, records: list, select: UUID | None = None) -> None:  # type: ignore[type-arg]
        self.session.put_many(records)
        self.changed()
        self.reload(select)

    # ------------------------------------------------------------------ agreements
    def _context_links(self) -> list[NetworkLink]:
        """The national and regional networks of the group's legal context, as agreement links."""
        org = self.session.organization
        if org is None or not org.legal_context_id:
            return []
        try:
            return partners.network_links_from_context(contexts.load_context(org.legal_context_id))
        except FormationError:
            return []

    def action_draft_agreement(self) -> None:
        """Draft the agreement with the chosen partner, or its next version from the newest one."""
        partner = self.chosen_partner()
        if partner is None:
            self.notify(_("Add the partner first (a)."), severity="warning")
            return
        mine = [a for a in self.session.all(PartnershipAgreement) if a.partner_id == partner.id]
        latest = max(mine, key=lambda a: a.version) if mine else None
        links = self._context_links()
        dialog = AgreementDialog(latest, holder=partners.audit_holder(partner), network_names=[n.name for n in links],
                                 today=self.app.today().isoformat())

        def submit(request: AgreementRequest) -> None:
            try:
                agreement = texts.build_agreement(partner, latest, request, links, self.app.today())
            except InputError as error:
                dialog.show_refusal(error, request)
                return
            self._keep([agreement], select=agreement.id)
            dialog.dismiss(None)
            self.action_show_tab("tab-agreement")
            self._show_version(self.query_one("#agreement-versions", OptionList).highlighted)

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    def action_sign_agreement(self) -> None:
        """Record that the chosen draft was signed today (an earlier signed version is superseded)."""
        agreement = self.chosen_agreement()
        if agreement is None:
            self.notify(_("There is no agreement to sign yet: press d to draft one."), severity="warning")
            return
        partner = self._partner(agreement.partner_id)
        if agreement.status != "draft" or partner is None:
            self.notify(_("Only a draft can be signed; v{n} is {status}.").format(
                n=agreement.version, status=label(AGREEMENT_STATUS, agreement.status)), severity="warning", markup=False)
            return
        today = self.app.today()
        question = _("Record that agreement v{n} with {partner} was signed today ({date})? "
                     "Any earlier signed version becomes superseded.").format(
            n=agreement.version, partner=partner.name, date=today.isoformat())
        if not self.audit_of(agreement, partner).passes:
            question += " " + _("The power audit flags powers in this version.")

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                records = partners.sign_agreement(agreement, self.session.all(PartnershipAgreement), on=today)
            except InputError as error:
                self.notify(getattr(error, "detail", str(error)), severity="error", markup=False)
                return
            self._keep(list(records), select=agreement.id)

        self.app.push_screen(ConfirmDialog(Text(question), _("Signed")), answer)  # type: ignore[arg-type]

    def action_write_agreement(self) -> None:
        """Save the chosen version as a .docx (asks for the folder, and before replacing a file)."""
        agreement = self.chosen_agreement()
        if agreement is None:
            self.notify(_("There is no agreement yet: press d to draft one."), severity="warning")
            return
        if self.session.organization is None:
            self.notify(_("Describe the group first (About the group)."), severity="warning")
            return
        from formation.documents.export import safe_slug

        name = f"partnership-agreement-v{agreement.version}"
        file_name = f"{safe_slug(name)}.docx"

        def chosen(folder: Path | None) -> None:
            if folder is None:
                return
            if (folder / file_name).exists():
                def replace(yes: bool | None) -> None:
                    if yes:
                        self._start(agreement.id, folder, name, overwrite=True)

                self.app.push_screen(ConfirmDialog(
                    _("A file named {name} is already in that folder. Replace it?").format(name=file_name),
                    _("Replace")), replace)
                return
            self._start(agreement.id, folder, name, overwrite=False)

        self.app.push_screen(SaveToFolderDialog(
            _("Save agreement v{n} as a Word document").format(n=agreement.version),
            _("File: {name}. A member is named only if they agreed to be named in shared documents.").format(
                name=file_name), help_topic="partners"), chosen)

    def _start(self, agreement_id: UUID, folder: Path, name: str, *, overwrite: bool) -> None:
        self.query_one("#partners-result", Static).update(_("Rendering…"))
        self._render_agreement(agreement_id, folder, name, overwrite)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _render_agreement(self, agreement_id: UUID, folder: Path, name: str, overwrite: bool) -> Path:
        session = self.session
        agreement = session.get(PartnershipAgreement, agreement_id)
        partner = session.get(Partner, agreement.partner_id)
        organization = session.organization
        if organization is None:
            raise FormationError(_("describe the group first (About the group)"))
        members = session.all(Member)
        document = partners.agreement_document(agreement, partner, organization,
                                               handover_items=session.all(HandoverItem), members=members)
        return partners.export_agreement(document, folder, name=name, overwrite=overwrite, members=members)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "render":
            return
        result = self.query_one("#partners-result", Static)
        if event.state == WorkerState.SUCCESS:
            result.update(plain(_("Saved: {path}").format(path=str(event.worker.result))))
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            reason = getattr(error, "detail", None) or (str(error) if isinstance(error, FormationError) else
                                                       _("an unexpected error; nothing was written"))
            result.update(plain(_("Not saved: {reason}").format(reason=reason)))
