"""Add a workspace to the consultant overview: its file and its own passphrase.

The workspace is opened in a thread worker, read into a ``formation.overview.GroupSnapshot`` (no
member names) and closed again at once; only the snapshot comes back. The passphrase is cleared
from the field as soon as it is read and is never kept or reused for another workspace.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static
from textual.worker import Worker, WorkerState

from formation.overview import GroupSnapshot
from wizard import bindings
from wizard.i18n import _
from wizard.screens.unlock import describe_open_error
from wizard.widgets.encryption_note import EncryptionNote
from wizard.widgets.fields import FieldError, FormationInput
from wizard.widgets.plain import plain


class OpenWorkspaceDialog(ModalScreen[tuple[Path, GroupSnapshot] | None]):
    """Dismisses with ``(resolved path, snapshot)``, or None (cancelled).

    Args:
        taken: resolved paths already in the overview (refused a second time).
        allow_plaintext: accept an unencrypted sample workspace (``formation demo``).
    """

    DEFAULT_CSS = """
    OpenWorkspaceDialog { align: center middle; }
    OpenWorkspaceDialog > VerticalScroll {
        width: 72; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.OPEN_WORKSPACE_DIALOG
    HELP_TOPIC = "overview"

    def __init__(self, taken: set[Path], *, allow_plaintext: bool = False) -> None:
        super().__init__()
        self.taken = taken
        self.allow_plaintext = allow_plaintext
        self.path: Path | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Add a workspace to the overview"), classes="title")
            yield Label(_("Workspace file"))
            yield FormationInput("", id="overview-path")
            yield FieldError(id="overview-path-error")
            yield Label(_("Its own passphrase"))
            yield FormationInput("", password=True, id="overview-passphrase")
            yield FieldError(id="overview-passphrase-error")
            yield Static(_("Each workspace is opened with its own passphrase, read, and closed again at once. "
                           "The overview keeps no passphrase, no key and no member name."), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(_("Open and read"), id="read", variant="primary")
                yield Button(_("Cancel"), id="cancel")
            yield EncryptionNote()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#overview-path", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without adding a workspace."""
        self.dismiss(None)

    @on(Input.Submitted, "#overview-path")
    def _path_typed(self) -> None:
        self.query_one("#overview-passphrase", Input).focus()

    @on(Input.Submitted, "#overview-passphrase")
    @on(Button.Pressed, "#read")
    def _read(self) -> None:
        path_error = self.query_one("#overview-path-error", FieldError)
        pass_error = self.query_one("#overview-passphrase-error", FieldError)
        path_error.update("")
        pass_error.update("")
        raw = self.query_one("#overview-path", Input).value.strip()
        path = Path(raw).expanduser()
        if not raw or not path.is_file():
            path_error.update(_("Workspace file: there is no workspace file there."))
            self.query_one("#overview-path", Input).focus()
            return
        if path.resolve() in self.taken:
            path_error.update(_("This workspace is already in the overview."))
            return
        field = self.query_one("#overview-passphrase", Input)
        passphrase = field.value or None
        field.value = ""
        if passphrase is None and not self.allow_plaintext:
            pass_error.update(_("Passphrase: type this workspace's own passphrase."))
            field.focus()
            return
        pass_error.update(_("Opening…"))
        self.query_one("#read", Button).disabled = True
        self.path = path
        self._open_and_read(path, passphrase)

    @work(thread=True, exclusive=True, group="overview-open", exit_on_error=False)
    def _open_and_read(self, path: Path, passphrase: str | None) -> GroupSnapshot:
        from formation.overview import read_snapshot
        from formation.store import Workspace

        workspace = Workspace.open(path, passphrase, allow_plaintext=self.allow_plaintext)
        try:
            return read_snapshot(workspace)
        finally:
            workspace.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "overview-open":
            return
        if event.state == WorkerState.SUCCESS and self.path is not None:
            self.dismiss((self.path.resolve(), event.worker.result))
        elif event.state == WorkerState.ERROR:
            self.query_one("#read", Button).disabled = False
            error = event.worker.error
            self.query_one("#overview-passphrase-error", FieldError).update(
                plain(describe_open_error(error) if error is not None else ""))
            self.query_one("#overview-passphrase", Input).focus()
