"""Documents: render the bylaws and the meeting records to .docx, and say where they went.

Rendering runs in a thread worker (docxtpl can take a while); the file is written by
``formation.documents.export_document`` (safe name, inside the chosen folder, atomic, 0600).
Share-safe copies replace names with roles and are checked for every member's name first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from formation import bylaws, contexts, minutes
from formation.errors import FormationError
from formation.models.bylaws import BylawsDraft
from formation.models.meetings import Meeting
from wizard.labels import meeting_heading
from wizard import bindings
from wizard.dialogs.confirm import ConfirmDialog
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.session import Session
from wizard.widgets.fields import FieldError, FormationInput

DOCUMENT_LABELS = {
    "bylaws": N_("Bylaws (newest version)"),
    "minutes": N_("Minutes: {meeting}"),
    "attendance": N_("Attendance register"),
    "decisions": N_("Decisions register"),
    "actions": N_("Action items"),
}


@dataclass(frozen=True)
class DocumentRequest:
    """One document to render: ``kind`` (bylaws, minutes, attendance, decisions, actions), the
    meeting for minutes, its file title, and whether it is the share-safe copy."""

    kind: str
    title: str
    meeting_id: UUID | None = None
    share_safe: bool = False


def default_folder() -> Path:
    """Where documents go unless the person chooses another folder: their Documents folder."""
    from platformdirs import user_documents_path

    return user_documents_path()


def render(session: Session, request: DocumentRequest) -> bytes:
    """The .docx bytes of one document (call from a thread worker).

    Raises:
        InputError, DocumentError: as ``formation.bylaws.render_context`` /
        ``formation.documents.bylaws.render_bylaws_docx`` / ``formation.minutes.render_document``.
    """
    if request.kind == "bylaws":
        from formation.documents.bylaws import render_bylaws_docx

        draft = session.first(BylawsDraft)
        org = session.organization
        if draft is None or org is None:
            raise FormationError(_("there are no bylaws to render yet"))
        checked_on = "unknown"
        if org.legal_context_id:
            try:
                checked_on = contexts.load_context(org.legal_context_id).reviewed_on.isoformat()
            except FormationError:
                checked_on = "unknown"
        context = bylaws.render_context(draft, None, organization=org, checked_on=checked_on)
        return render_bylaws_docx(context)
    return minutes.render_document(session, request.kind, meeting_id=request.meeting_id, share_safe=request.share_safe)


class DocumentsScreen(FlowScreen):
    """Choose a document and press Enter: it is rendered and saved in the folder shown."""

    STEP_ID = "documents"
    STEP_TITLE = N_("Documents")
    BINDINGS = bindings.DOCUMENTS_SCREEN

    requests: list[DocumentRequest] = []

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Label(_("Save documents in this folder"), classes="field-label")
            yield FormationInput(str(default_folder()), id="folder")
            yield FieldError(id="folder-error")
            yield Checkbox(_("Share-safe copy: roles instead of names (for minutes and registers)"), False,
                           id="share-safe", compact=True)
            yield Label(_("Documents (Enter renders one)"), classes="field-label")
            yield OptionList(id="documents")
            yield Static("", id="documents-result")
            yield Static(_("Documents carry no author or editing history. A printed or shared document is "
                           "not protected by the workspace's encryption."), classes="hint")

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#documents", OptionList).focus()

    def reload(self) -> None:
        """List what can be rendered from the records there are."""
        self.requests = []
        if self.session.first(BylawsDraft) is not None:
            self.requests.append(DocumentRequest("bylaws", _("bylaws")))
        meetings_done = sorted((m for m in self.session.all(Meeting)), key=lambda m: m.date, reverse=True)
        for m in meetings_done:
            self.requests.append(DocumentRequest("minutes", _("minutes {date}").format(date=m.date.isoformat()), m.id))
        if meetings_done:
            for kind in ("attendance", "decisions", "actions"):
                self.requests.append(DocumentRequest(kind, _(DOCUMENT_LABELS[kind])))
        options = self.query_one("#documents", OptionList)
        options.clear_options()
        by_id = {m.id: m for m in meetings_done}
        for index, r in enumerate(self.requests):
            if r.kind == "minutes" and r.meeting_id in by_id:
                m = by_id[r.meeting_id]
                label = _(DOCUMENT_LABELS["minutes"]).format(meeting=f"{meeting_heading(m)} {m.date.isoformat()}")
            else:
                label = _(DOCUMENT_LABELS[r.kind])
            options.add_option(Option(label, id=str(index)))
        if not self.requests:
            options.add_option(Option(_("Nothing to render yet: start the bylaws or record a meeting."), disabled=True))
        else:
            options.highlighted = 0

    def action_toggle_share_safe(self) -> None:
        """Switch between the internal and the share-safe copy."""
        box = self.query_one("#share-safe", Checkbox)
        box.value = not box.value

    @on(OptionList.OptionSelected, "#documents")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        base = self.requests[int(event.option.id)]
        share_safe = self.query_one("#share-safe", Checkbox).value and base.kind != "bylaws"
        request = DocumentRequest(base.kind, base.title + (_(" share-safe") if share_safe else ""), base.meeting_id,
                                  share_safe)
        folder = Path(self.query_one("#folder", FormationInput).value.strip()).expanduser()
        error = self.query_one("#folder-error", FieldError)
        if not folder.is_dir():
            error.update(_("Folder: there is no folder there; create it first or type another."))
            return
        error.update("")
        from formation.documents.export import safe_slug

        target = folder / f"{safe_slug(request.title)}.docx"
        if target.exists():
            def answer(replace: bool | None) -> None:
                if replace:
                    self._start(request, folder, overwrite=True)

            self.app.push_screen(ConfirmDialog(
                _("A file named {name} is already in that folder. Replace it?").format(name=target.name),
                _("Replace")), answer)
            return
        self._start(request, folder, overwrite=False)

    def _start(self, request: DocumentRequest, folder: Path, *, overwrite: bool) -> None:
        self.query_one("#documents-result", Static).update(_("Rendering…"))
        self._render_document(request, folder, overwrite)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _render_document(self, request: DocumentRequest, folder: Path, overwrite: bool) -> Path:
        from formation.documents.export import export_document

        data = render(self.session, request)
        return export_document(data, folder, request.title, overwrite=overwrite)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "render":
            return
        result = self.query_one("#documents-result", Static)
        if event.state == WorkerState.SUCCESS:
            result.update(_("Saved: {path}").format(path=str(event.worker.result)))
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            reason = getattr(error, "detail", None) or (str(error) if isinstance(error, FormationError) else
                                                       _("an unexpected error; nothing was written"))
            result.update(_("Not saved: {reason}").format(reason=reason))
