"""Unlock a workspace: ask for the passphrase, with an honest note on what encryption protects."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static
from textual.worker import Worker, WorkerState

from formation.errors import (
    FormationError,
    NewerSchema,
    NotAWorkspace,
    WorkspaceLocked,
    WrongPassphraseOrDamaged,
)
from wizard.widgets.fields import FieldError, FormationInput
from wizard import bindings
from wizard.i18n import _
from wizard.widgets.encryption_note import EncryptionNote
from wizard.widgets.plain import plain

if TYPE_CHECKING:
    from wizard.session import Session


def describe_open_error(error: BaseException) -> str:
    """A plain sentence for a failure to open a workspace (never quoting the passphrase)."""
    if isinstance(error, WrongPassphraseOrDamaged):
        return _("That passphrase does not open this workspace (or the file is damaged). Try again.")
    if isinstance(error, WorkspaceLocked):
        return _("This workspace is open in another formation window. Close it there first.")
    if isinstance(error, NotAWorkspace):
        return _("This file is not a formation workspace, or it is an unencrypted sample (open samples with 'formation demo').")
    if isinstance(error, NewerSchema):
        return _("This workspace was written by a newer version of formation. Update formation to open it.")
    if isinstance(error, FormationError):
        return _("The workspace cannot be opened: {reason}").format(reason=str(error))
    return _("The workspace cannot be opened (an unexpected error; nothing was changed).")


class UnlockScreen(Screen[None]):
    """The passphrase prompt. Before unlock the screen shows no organization name.

    Args:
        path: the workspace file.
        try_without_passphrase: first try to open it as an unencrypted sample (``formation demo``).
        locked: True when shown because the workspace locked itself (says so).
    """

    HELP_TOPIC = "unlock"
    BINDINGS = bindings.UNLOCK_SCREEN

    def __init__(self, path: Path, *, try_without_passphrase: bool = False, locked: bool = False) -> None:
        super().__init__()
        self.path = path
        self.try_without_passphrase = try_without_passphrase
        self.locked = locked

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(_("Unlock workspace"), classes="title")
            if self.locked:
                yield Static(_("The workspace was locked. Type the passphrase to go on."), classes="hint")
            yield Static(plain(_("File: {name}").format(name=self.path.name)), classes="hint")
            yield Label(_("Passphrase"), classes="field-label")
            yield FormationInput(password=True, id="passphrase")
            yield FieldError(id="passphrase-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Unlock"), id="unlock", variant="primary")
            yield EncryptionNote()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()
        if self.try_without_passphrase:
            self._open(None)

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, "#unlock")
    def action_unlock(self) -> None:
        """Try the typed passphrase (in a thread worker: key derivation takes a moment)."""
        field = self.query_one("#passphrase", Input)
        if not field.value:
            self.query_one("#passphrase-error", Static).update(_("Passphrase: type the workspace's passphrase."))
            return
        self.query_one("#passphrase-error", Static).update(_("Unlocking…"))
        self.query_one("#unlock", Button).disabled = True
        passphrase = field.value
        field.value = ""
        self._open(passphrase)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open(self, passphrase: str | None) -> "Session":
        from formation.store import Workspace
        from wizard.session import Session

        allow = passphrase is None
        workspace = Workspace.open(self.path, passphrase, allow_plaintext=allow)
        try:
            return Session(workspace)
        except BaseException:
            workspace.close()
            raise

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "open":
            return
        if event.state == WorkerState.SUCCESS:
            self.app.unlocked(event.worker.result)  # type: ignore[attr-defined]
        elif event.state == WorkerState.ERROR:
            self.query_one("#unlock", Button).disabled = False
            error = event.worker.error
            message = describe_open_error(error) if error is not None else ""
            if self.try_without_passphrase and isinstance(error, WrongPassphraseOrDamaged):
                self.try_without_passphrase = False
                message = ""
            self.query_one("#passphrase-error", Static).update(plain(message))
            self.query_one("#passphrase", Input).focus()
