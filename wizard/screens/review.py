"""Review and versions: a reviewer's notes on the bylaws and the group's decisions, the exchange
with Word (a review copy out, a lawyer's commented copy back), the draft's history, and two
versions compared clause by clause, with a redline .docx.

Notes, decisions and imports are ``formation.review`` / ``formation.review_import``; the copy is
``formation.word_exchange``; the comparison ``formation.review.diff_versions`` and the redline
``formation.redline.redline_docx``. Files are written through ``formation.safe_export``
(checked for every member's name, safe name, atomic, 0600) in thread workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Label, Select, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from wizard.widgets.plain import plain, PlainDataTable

from formation import review
from formation.errors import FormationError, InputError
from formation.models.bylaws import BylawsDraft
from formation.models.review import ReviewNote
from wizard import bindings
from wizard.dialogs.confirm import ConfirmDialog
from wizard.dialogs.handover import select_value
from wizard.dialogs.review_copy import ExportCopyDialog, ExportRequest, ImportCopyDialog, ImportRequest
from wizard.dialogs.review_note import DECIDE_FIELDS, NOTE_FIELDS, STATUS_LABELS, DecideNoteDialog, DecisionRequest
from wizard.dialogs.review_note import NoteRequest, ReviewNoteDialog
from wizard.dialogs.save_to_folder import SaveToFolderDialog
from wizard.forms import show_problems
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.steps import step
from wizard.widgets.fields import FormationSelect
from wizard.widgets.review import copies
from wizard.widgets.review.diff_view import diff_body, diff_summary
from wizard.widgets.review.notes import STATE_LABELS, clause_options, note_details, note_state

class ReviewScreen(FlowScreen):
    """Notes, comparison and history. Keys: a add a note, y accept, r reject, x write a review copy,
    i read a reviewed copy, w save the redline; 1 2 3 switch tabs."""

    STEP_ID = "review"
    STEP_TITLE = N_("Review and versions")
    BINDINGS = bindings.REVIEW_SCREEN
    DEFAULT_CSS = """
    ReviewScreen #review-tabs { height: 1fr; }
    ReviewScreen TabPane { height: 1fr; padding: 0; }
    ReviewScreen #notes-table { height: auto; max-height: 8; }
    ReviewScreen .details { height: 1fr; }
    ReviewScreen #compare-choice { height: 1; }
    ReviewScreen #compare-choice Label { width: auto; padding: 0 1; }
    ReviewScreen #compare-choice FormationSelect { width: 12; }
    ReviewScreen #review-summary, ReviewScreen #review-result, ReviewScreen #diff-summary { height: auto; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static("", id="review-summary", markup=False)
        with TabbedContent(id="review-tabs"):
            with TabPane(_("Notes"), id="tab-notes"):
                yield PlainDataTable(id="notes-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(classes="details"):
                    yield Static("", id="note-details")
            with TabPane(_("Compare"), id="tab-compare"):
                with Horizontal(id="compare-choice"):
                    yield Label(_("Compare"))
                    yield FormationSelect([], allow_blank=True, prompt="v?", id="before")
                    yield Label(_("with"))
                    yield FormationSelect([], allow_blank=True, prompt="v?", id="after")
                yield Static("", id="diff-summary", markup=False)
                with VerticalScroll(classes="details"):
                    yield Static("", id="diff-body")
            with TabPane(_("History"), id="tab-history"):
                yield PlainDataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="review-result", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#notes-table", DataTable).add_columns(_("Ver"), _("Clause"), _("Says"), _("State"))
        self.query_one("#history-table", DataTable).add_columns(_("Date"), _("Ver"), _("What"))
        self.diff: Any = None
        self.reload()
        self.query_one("#notes-table", DataTable).focus()

    # ------------------------------------------------------------------ reading
    @property
    def draft(self) -> BylawsDraft | None:
        """The group's bylaws, or None before they are started."""
        return self.session.first(BylawsDraft)

    def notes(self) -> list[ReviewNote]:
        """The draft's notes, oldest first (``formation.review.notes_of``)."""
        draft = self.draft
        return review.notes_of(self.session, draft) if draft is not None else []

    # ------------------------------------------------------------------ showing
    def reload(self) -> None:
        """Redraw the notes, the version choice, the comparison and the history."""
        draft = self.draft
        summary = self.query_one("#review-summary", Static)
        table = self.query_one("#notes-table", DataTable)
        row = table.cursor_row
        table.clear()
        if draft is None:
            summary.update(plain(_("There are no bylaws to review yet. Start them in the Bylaws step ({key}).").format(
                key=step("bylaws").key.upper())))
            return
        notes = self.notes()
        for note in notes:
            where = note.clause_number or _("whole")
            table.add_row(Text(f"v{note.version}"), Text(f"{where} {note.clause_id or ''}".strip()),
                          Text(_(STATUS_LABELS[note.status])), Text(_(STATE_LABELS[note_state(note)])), key=str(note.id))
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self._show_note(table.cursor_row)
        open_notes = sum(1 for n in notes if n.is_open)
        summary.update(plain(_("Bylaws v{n} ({status}); {total} note(s), {open} open. a adds a note, x writes a review "
                         "copy for Word, i reads one back.").format(
            n=draft.latest.number, status=draft.latest.status.replace("_", " "), total=len(notes), open=open_notes)))
        self._version_choice(draft)
        history = self.query_one("#history-table", DataTable)
        history.clear()
        for event in review.review_history(draft, notes):
            history.add_row(Text(event.on.isoformat()), Text(f"v{event.version}"), Text(event.text))

    def _version_choice(self, draft: BylawsDraft) -> None:
        numbers = [v.number for v in draft.versions]
        options = [(f"v{n}", str(n)) for n in numbers]
        before, after = self.query_one("#before", Select), self.query_one("#after", Select)
        old = (select_value(before), select_value(after))
        if len(numbers) != getattr(self, "_version_count", None):
            old = (None, None)  # a new version: compare the two newest
            self._version_count = len(numbers)
        with self.prevent(Select.Changed):
            before.set_options(options)
            after.set_options(options)
            if len(numbers) >= 2:
                before.value = old[0] if old[0] in {str(n) for n in numbers} else str(numbers[-2])
                after.value = old[1] if old[1] in {str(n) for n in numbers} and old[1] != before.value \
                    else str(numbers[-1])
        self.compare()

    @on(Select.Changed, "#before")
    @on(Select.Changed, "#after")
    def _versions_chosen(self) -> None:
        self.compare()

    def compare(self) -> None:
        """Compare the two chosen versions clause by clause and show which clauses changed."""
        draft = self.draft
        summary = self.query_one("#diff-summary", Static)
        body = self.query_one("#diff-body", Static)
        before = select_value(self.query_one("#before", Select))
        after = select_value(self.query_one("#after", Select))
        self.diff = None
        if draft is None or len(draft.versions) < 2:
            summary.update(_("There is one version only; a new version (Bylaws step, ctrl+n) can be compared "
                             "with it."))
            body.update("")
            return
        if before is None or after is None:
            summary.update(_("Choose two versions."))
            body.update("")
            return
        try:
            self.diff = review.diff_versions(self.session, draft, int(before), int(after))
        except FormationError as error:
            summary.update(plain(getattr(error, "detail", str(error))))
            body.update("")
            return
        summary.update(plain(diff_summary(self.diff) + "\n" + _("w saves this comparison as a redline .docx.")))
        body.update(plain(diff_body(self.diff)))

    @on(DataTable.RowHighlighted, "#notes-table")
    def _note_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_note(event.cursor_row)

    def _show_note(self, row: int) -> None:
        note = self._note_at(row)
        self.query_one("#note-details", Static).update(plain(note_details(note) if note is not None else ""))

    def _note_at(self, row: int) -> ReviewNote | None:
        table = self.query_one("#notes-table", DataTable)
        if not 0 <= row < table.row_count:
            return None
        key = table.coordinate_to_cell_key((row, 0)).row_key.value
        return self.session.find(ReviewNote, key) if key else None

    def highlighted_note(self) -> ReviewNote | None:
        """The note highlighted in the list, or None."""
        return self._note_at(self.query_one("#notes-table", DataTable).cursor_row)

    def action_show_tab(self, tab: str) -> None:
        """Show the notes, the comparison or the history."""
        self.query_one("#review-tabs", TabbedContent).active = tab
        focus = {"tab-notes": "#notes-table", "tab-compare": "#before", "tab-history": "#history-table"}[tab]
        self.query_one(focus).focus()

    def _result(self, message: str) -> None:
        self.query_one("#review-result", Static).update(plain(message))

    # ------------------------------------------------------------------ notes and decisions
    def action_add_note(self) -> None:
        """Record a reviewer's note on a clause (a form)."""
        draft = self.draft
        if draft is None:
            self.notify(_("Start the bylaws first."), severity="warning")
            return
        dialog = ReviewNoteDialog([v.number for v in draft.versions],
                                  lambda version: clause_options(self.session, draft, version))

        def submit(request: NoteRequest) -> None:
            try:
                review.add_note(self.session, clause_id=request.clause_id, status=request.status,
                                comment=request.comment, reviewer_role=request.reviewer_role, on=self.app.today(),
                                proposed_text=request.proposed_text, version=request.version)
            except InputError as error:
                show_problems(dialog, error, NOTE_FIELDS)
                return
            dialog.dismiss(None)
            self.changed()
            self.action_show_tab("tab-notes")
            self.reload()
            table = self.query_one("#notes-table", DataTable)
            table.move_cursor(row=table.row_count - 1)

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    def action_accept_note(self) -> None:
        """Accept the highlighted note's proposal (a new bylaws version with its wording)."""
        self._decide(accept=True)

    def action_reject_note(self) -> None:
        """Reject the highlighted note's proposal."""
        self._decide(accept=False)

    def _decide(self, *, accept: bool) -> None:
        note = self.highlighted_note()
        if note is None:
            self.notify(_("There is no note to decide on."), severity="warning")
            return
        if note.resolution is not None:
            self.notify(_("This note was already {decision}.").format(decision=_(STATE_LABELS[note.resolution.decision])),
                        severity="warning", markup=False)
            return
        dialog = DecideNoteDialog(note, accept=accept)

        def submit(request: DecisionRequest) -> None:
            try:
                if accept:
                    done = review.accept(self.session, str(note.id), on=self.app.today(), decided_by=request.decided_by,
                                         reason=request.reason)
                else:
                    review.reject(self.session, str(note.id), on=self.app.today(), decided_by=request.decided_by,
                                  reason=request.reason)
                    done = None
            except InputError as error:
                show_problems(dialog, error, DECIDE_FIELDS)
                return
            dialog.dismiss(None)
            self.changed()
            self.reload()
            if done is not None and done.new_version:
                message = _("Accepted: bylaws v{n} was started with the proposed wording.").format(n=done.new_version)
                if done.clause_changed_since_review:
                    message += " " + _("The clause had changed since the review; check the new wording.")
                self._result(message)
            else:
                self._result(_("Recorded."))

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    # ------------------------------------------------------------------ files
    def action_export_copy(self) -> None:
        """Write a review copy of a version for Word (asks where, and before replacing a file)."""
        draft = self.draft
        if draft is None:
            self.notify(_("Start the bylaws first."), severity="warning")
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            target = copies.review_copy_path(request)
            if target.exists():
                def replace(yes: bool | None) -> None:
                    if yes:
                        self._start_export(request, overwrite=True)

                self.app.push_screen(ConfirmDialog(
                    _("A file named {name} is already in that folder. Replace it?").format(name=target.name),
                    _("Replace")), replace)
                return
            self._start_export(request, overwrite=False)

        self.app.push_screen(ExportCopyDialog([(v.number, v.status) for v in draft.versions]), chosen)

    def _start_export(self, request: ExportRequest, *, overwrite: bool) -> None:
        self._result(_("Writing the review copy…"))
        self._export_copy(request, overwrite)

    @work(thread=True, exclusive=True, group="files", exit_on_error=False)
    def _export_copy(self, request: ExportRequest, overwrite: bool) -> copies.ExportResult:
        return copies.write_review_copy(self.session, request, on=self.app.today(), overwrite=overwrite)

    def action_import_copy(self) -> None:
        """Read a reviewer's commented Word copy: each comment becomes a note on its clause."""
        if self.draft is None:
            self.notify(_("Start the bylaws first."), severity="warning")
            return
        dialog = ImportCopyDialog()

        def submit(request: ImportRequest) -> None:
            self._import_dialog = dialog
            dialog.show_error(_("Reading…"))
            self._import_copy(request)

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _import_copy(self, request: ImportRequest) -> Any:
        return copies.read_reviewed_copy(self.session, request, on=self.app.today())

    def action_write_redline(self) -> None:
        """Save the comparison on screen as a redline .docx (tracked changes)."""
        diff = self.diff
        if diff is None:
            self.action_show_tab("tab-compare")
            self.notify(_("Choose two different versions to compare first."), severity="warning")
            return
        from formation.documents.export import safe_slug

        name = f"redline-{diff.before_label}-{diff.after_label}"
        file_name = f"{safe_slug(name)}.docx"

        def chosen(folder: Path | None) -> None:
            if folder is None:
                return
            if (folder / file_name).exists():
                def replace(yes: bool | None) -> None:
                    if yes:
                        self._start_redline(diff, folder / file_name, overwrite=True)

                self.app.push_screen(ConfirmDialog(
                    _("A file named {name} is already in that folder. Replace it?").format(name=file_name),
                    _("Replace")), replace)
                return
            self._start_redline(diff, folder / file_name, overwrite=False)

        self.app.push_screen(SaveToFolderDialog(
            _("Save the comparison as a redline"),
            _("File: {name}. Every change is a Word tracked change.").format(name=file_name), help_topic="review"),
            chosen)

    def _start_redline(self, diff: Any, target: Path, *, overwrite: bool) -> None:
        self._result(_("Writing the redline…"))
        self._write_redline(diff, target, overwrite)

    @work(thread=True, exclusive=True, group="files", exit_on_error=False)
    def _write_redline(self, diff: Any, target: Path, overwrite: bool) -> copies.ExportResult:
        return copies.write_redline(self.session, diff, target, overwrite=overwrite)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        group = event.worker.group
        if group not in ("files", "import"):
            return
        if event.state == WorkerState.SUCCESS:
            if group == "import":
                self._imported(event.worker.result)
                return
            result: copies.ExportResult = event.worker.result
            if result.draft is not None:
                self.session.put(result.draft)
                self.changed()
                self.reload()
            self._result(copies.export_message(result))
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            reason = getattr(error, "detail", None) or (str(error) if isinstance(error, FormationError) else
                                                       _("an unexpected error; nothing was changed"))
            if group == "import":
                dialog = getattr(self, "_import_dialog", None)
                if dialog is not None and dialog.is_attached:
                    dialog.show_error(_("Not read: {reason}").format(reason=reason))
                return
            self._result(_("Not saved: {reason}").format(reason=reason))

    def _imported(self, report: Any) -> None:
        dialog = getattr(self, "_import_dialog", None)
        if dialog is not None and dialog.is_attached:
            dialog.dismiss(None)
        self.changed()
        self.action_show_tab("tab-notes")
        self.reload()
        self._result(copies.import_message(report))
