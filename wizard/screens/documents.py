"""Documents: render the bylaws and the meeting records, and say where they went.

The person chooses the folder (by default their Documents folder, made with mode 0700 when it is
missing), the export profile (internal: work names, for the members themselves; shareable: roles
and aliases instead of names; aggregate: counts and outcomes only) and the format (.docx, or PDF
where LibreOffice is installed). Rendering runs in a thread worker; every file is written through
``formation.safe_export.export_checked`` (leak scan of shareable and aggregate copies, safe name
inside the chosen folder, atomic, mode 0600, never over a file without asking).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from formation import bylaws, contexts, minutes
from formation.documents.pdf import find_soffice
from formation.errors import FormationError
from formation.models.bylaws import BylawsDraft
from formation.models.meetings import Meeting
from wizard import bindings
from wizard.dialogs.confirm import ConfirmDialog
from wizard.i18n import N_, _
from wizard.labels import meeting_heading
from wizard.screens.base import FlowScreen
from wizard.session import Session
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard.widgets.plain import plain

DOCUMENT_LABELS = {
    "bylaws": N_("Bylaws (newest version)"),
    "minutes": N_("Minutes: {meeting}"),
    "attendance": N_("Attendance register"),
    "decisions": N_("Decisions register"),
    "actions": N_("Action items"),
}

PROFILE_LABELS = {
    "internal": N_("Internal"),
    "shareable": N_("Shareable"),
    "aggregate": N_("Aggregate"),
}
"""The export profiles (``formation.minutes.PROFILES``)."""

PROFILE_HINTS = {
    "internal": N_("Internal: work names, for the members themselves."),
    "shareable": N_("Shareable: roles and aliases instead of names; checked for every member's name first."),
    "aggregate": N_("Aggregate: counts and outcomes only, no names, aliases or roles; checked for names first."),
}

PROFILE_TITLES = {"internal": "", "shareable": N_("shareable"), "aggregate": N_("aggregate")}
"""What a file's title says about its profile (an internal copy says nothing)."""


@dataclass(frozen=True)
class DocumentRequest:
    """One document to render: ``kind`` (bylaws, minutes, attendance, decisions, actions), its file
    title, the meeting for minutes, the export profile and the file format.

    Attributes:
        kind: the document.
        title: the file title (the file is named by its safe slug).
        meeting_id: the meeting, for minutes.
        profile: ``"internal"``, ``"shareable"`` or ``"aggregate"``.
        suffix: ``".docx"`` or ``".pdf"``.
    """

    kind: str
    title: str
    meeting_id: UUID | None = None
    profile: str = "internal"
    suffix: str = ".docx"


@dataclass(frozen=True)
class Saved:
    """Where a document went, and the folder made for it (or None)."""

    path: Path
    created: Path | None


def default_folder() -> Path:
    """Where documents go unless the person chooses another folder: their Documents folder (made,
    readable only by them, when the first document is saved if it does not exist yet)."""
    from platformdirs import user_documents_path

    return user_documents_path()


def render(session: Session, request: DocumentRequest, today: _dt.date) -> bytes:
    """The .docx bytes of one document (call from a thread worker).

    Args:
        session: the open workspace.
        request: what to render.
        today: today's date (the action list marks overdue items).

    Raises:
        InputError, DocumentError: as ``formation.bylaws.render_context`` /
        ``formation.documents.bylaws.render_bylaws_docx`` / ``formation.minutes.render_document``
        (a shareable or aggregate copy that would show a member's name is refused).
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
    return minutes.render_document(session, request.kind, meeting_id=request.meeting_id, today=today,
                                   profile=request.profile)


def save(session: Session, request: DocumentRequest, folder: Path, *, overwrite: bool, create: bool,
         today: _dt.date) -> Saved:
    """Render ``request`` and write it into ``folder`` (call from a thread worker).

    Args:
        create: make ``folder`` (mode 0700, ``formation.files.ensure_private_dir``) if it is missing.

    Returns:
        Where the file went, and the folder made for it.

    Raises:
        FormationError: as ``render`` and ``formation.safe_export.export_checked``.
        OSError: the folder could not be made.
    """
    from formation.files import ensure_private_dir
    from formation.safe_export import export_checked

    created = None
    if create and not folder.is_dir():
        ensure_private_dir(folder)
        created = folder
    data = render(session, request, today)
    # minutes documents are leak-scanned by render_document; the bylaws are scanned here
    scan = request.kind == "bylaws" and request.profile != "internal"
    path = export_checked(session, data, folder / f"{request.title}{request.suffix}", what=request.kind,
                          overwrite=overwrite, suffix=request.suffix, scan=scan)
    return Saved(path, created)


class DocumentsScreen(FlowScreen):
    """Choose a document and press Enter: it is rendered and saved in the folder shown."""

    STEP_ID = "documents"
    STEP_TITLE = N_("Documents")
    BINDINGS = bindings.DOCUMENTS_SCREEN
    DEFAULT_CSS = """
    DocumentsScreen #choices { height: auto; margin: 1 0 0 0; }
    DocumentsScreen #choices Vertical { height: auto; }
    DocumentsScreen #choices #profile-box { width: 1fr; margin: 0 2 0 0; }
    DocumentsScreen #choices #format-box { width: 18; }
    DocumentsScreen #documents { height: auto; max-height: 8; }
    """

    requests: list[DocumentRequest] = []

    def compose_body(self) -> ComposeResult:
        pdf = find_soffice() is not None
        with VerticalScroll(classes="form"):
            yield Label(_("Save documents in this folder"), classes="field-label")
            yield FormationInput(str(default_folder()), id="folder")
            yield FieldError(id="folder-error")
            yield Static("", id="folder-hint", classes="hint")
            with Horizontal(id="choices"):
                with Vertical(id="profile-box"):
                    yield Label(_("Who it is for"))
                    yield FormationSelect([(_(label), profile) for profile, label in PROFILE_LABELS.items()],
                                          value="internal", allow_blank=False, id="profile")
                with Vertical(id="format-box"):
                    yield Label(_("Format"))
                    formats = [(_("Word (.docx)"), ".docx")] + ([(_("PDF"), ".pdf")] if pdf else [])
                    yield FormationSelect(formats, value=".docx", allow_blank=False, id="format")
            yield Static("", id="profile-hint", classes="hint")
            if not pdf:
                yield Static(_("PDF needs LibreOffice, which is not installed."), classes="hint")
            yield Label(_("Documents (Enter renders one)"), classes="field-label")
            yield Static("", id="documents-result")
            yield OptionList(id="documents")
            yield Static(_("Documents carry no author or editing history. A printed or shared document is "
                           "not protected by the workspace's encryption."), classes="hint")

    def on_mount(self) -> None:
        self.reload()
        self._folder_changed()
        self._profile_changed()
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
            options.add_option(Option(plain(label), id=str(index)))
        if not self.requests:
            options.add_option(Option(_("Nothing to render yet: start the bylaws or record a meeting."), disabled=True))
        else:
            options.highlighted = 0

    def _folder(self) -> Path:
        return Path(self.query_one("#folder", FormationInput).value.strip()).expanduser()

    @on(FormationInput.Changed, "#folder")
    def _folder_changed(self) -> None:
        hint = self.query_one("#folder-hint", Static)
        folder = self._folder()
        if folder.is_dir():
            hint.update("")
        elif folder == default_folder():
            hint.update(_("This folder does not exist yet: it is made, readable only by you, when the first "
                          "document is saved."))
        else:
            hint.update(_("There is no folder there yet: you are asked before it is made."))

    @on(Select.Changed, "#profile")
    def _profile_changed(self) -> None:
        profile = str(self.query_one("#profile", Select).value)
        self.query_one("#profile-hint", Static).update(plain(_(PROFILE_HINTS.get(profile, ""))))

    def action_next_profile(self) -> None:
        """Switch to the next export profile (internal, shareable, aggregate)."""
        select = self.query_one("#profile", Select)
        order = list(PROFILE_LABELS)
        select.value = order[(order.index(str(select.value)) + 1) % len(order)]

    @on(OptionList.OptionSelected, "#documents")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        base = self.requests[int(event.option.id)]
        profile = str(self.query_one("#profile", Select).value)
        suffix = str(self.query_one("#format", Select).value)
        marker = PROFILE_TITLES[profile]
        request = DocumentRequest(base.kind, f"{base.title} {_(marker)}" if marker else base.title, base.meeting_id,
                                  profile, suffix)
        folder = self._folder()
        error = self.query_one("#folder-error", FieldError)
        error.update("")
        if not self.query_one("#folder", FormationInput).value.strip():
            error.update(_("Folder: type the folder the documents go in."))
            return
        if folder.exists() and not folder.is_dir():
            error.update(_("Folder: that is a file, not a folder; type another."))
            return
        if not folder.is_dir():
            if folder == default_folder():
                self._start(request, folder, overwrite=False, create=True)
                return

            def make(yes: bool | None) -> None:
                if yes:
                    self._start(request, folder, overwrite=False, create=True)

            self.app.push_screen(ConfirmDialog(
                _("There is no folder {folder}. Make it (readable only by you) and save the document there?").format(
                    folder=str(folder)), _("Make the folder")), make)
            return
        from formation.documents.export import safe_slug

        target = folder / f"{safe_slug(request.title)}{suffix}"
        if target.exists():
            def answer(replace: bool | None) -> None:
                if replace:
                    self._start(request, folder, overwrite=True, create=False)

            self.app.push_screen(ConfirmDialog(
                _("A file named {name} is already in that folder. Replace it?").format(name=target.name),
                _("Replace")), answer)
            return
        self._start(request, folder, overwrite=False, create=False)

    def _start(self, request: DocumentRequest, folder: Path, *, overwrite: bool, create: bool) -> None:
        self.query_one("#documents-result", Static).update(
            _("Rendering… (a PDF takes a little longer)") if request.suffix == ".pdf" else _("Rendering…"))
        self._render_document(request, folder, overwrite, create)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _render_document(self, request: DocumentRequest, folder: Path, overwrite: bool, create: bool) -> Saved:
        return save(self.session, request, folder, overwrite=overwrite, create=create, today=self.app.today())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "render":
            return
        result = self.query_one("#documents-result", Static)
        if event.state == WorkerState.SUCCESS:
            saved: Saved = event.worker.result  # type: ignore[assignment]
            lines = [_("Saved: {path}").format(path=str(saved.path))]
            if saved.created is not None:
                lines.insert(0, _("Made the folder {folder} (only you can open it).").format(folder=str(saved.created)))
            result.update(plain("\n".join(lines)))
            self._folder_changed()
            if self.session.unsaved:
                self.changed()  # a shareable copy gave members new aliases: keep them
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, FormationError):
                reason = getattr(error, "detail", None) or str(error)
            elif isinstance(error, OSError):
                reason = _("the folder could not be made ({reason})").format(reason=error.strerror or type(error).__name__)
            else:
                reason = _("an unexpected error; nothing was written")
            result.update(plain(_("Not saved: {reason}").format(reason=reason)))
