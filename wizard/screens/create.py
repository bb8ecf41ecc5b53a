"""Create a new workspace: choose a passphrase (typed twice), after reading what it protects."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static
from textual.worker import Worker, WorkerState

from formation.errors import FormationError
from wizard.widgets.fields import FieldError, FormationInput
from wizard import bindings
from wizard.i18n import _
from wizard.widgets.encryption_note import EncryptionNote
from wizard.widgets.plain import plain

if TYPE_CHECKING:
    from wizard.session import Session


MIN_PASSPHRASE_LENGTH = 8
"""A floor, not a guarantee: several unrelated words make a strong passphrase."""


def check_new_passphrase(first: str, second: str) -> tuple[str, str] | None:
    """Check a new passphrase typed twice.

    Args:
        first: the passphrase.
        second: the same, typed again.

    Returns:
        None when acceptable, else ``(field_id, message)`` for the field to mark.
    """
    if not first:
        return "passphrase", _("Passphrase: choose a passphrase.")
    if len(first) < MIN_PASSPHRASE_LENGTH:
        return "passphrase", _("Passphrase: use at least {n} characters; several unrelated words are best.").format(
            n=MIN_PASSPHRASE_LENGTH
        )
    if first != second:
        return "passphrase2", _("Repeat passphrase: the two passphrases differ.")
    return None


class CreateScreen(Screen[None]):
    """The new-workspace form.

    Args:
        path: where the workspace file will be created (must not exist).
    """

    HELP_TOPIC = "create"
    BINDINGS = bindings.CREATE_SCREEN

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(_("Create a workspace"), classes="title")
            yield Static(plain(_("New file: {path}").format(path=str(self.path))), classes="hint")
            yield Label(_("Passphrase"), classes="field-label")
            yield FormationInput(password=True, id="passphrase")
            yield Label(_("Repeat passphrase"), classes="field-label")
            yield FormationInput(password=True, id="passphrase2")
            yield FieldError(id="create-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Create"), id="create", variant="primary")
            yield EncryptionNote()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def _next_field(self) -> None:
        self.query_one("#passphrase2", Input).focus()

    @on(Input.Submitted, "#passphrase2")
    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        """Create the workspace (in a thread worker: key derivation takes a moment)."""
        first = self.query_one("#passphrase", Input)
        second = self.query_one("#passphrase2", Input)
        problem = check_new_passphrase(first.value, second.value)
        error = self.query_one("#create-error", Static)
        if problem is not None:
            field_id, message = problem
            error.update(plain(message))
            self.query_one(f"#{field_id}", Input).focus()
            return
        error.update(_("Creating…"))
        self.query_one("#create", Button).disabled = True
        passphrase = first.value
        first.value = ""
        second.value = ""
        self._create(passphrase)

    @work(thread=True, exclusive=True, group="create", exit_on_error=False)
    def _create(self, passphrase: str) -> "Session":
        from formation import crypto
        from formation.store import Workspace
        from wizard.session import Session

        kdf = getattr(self.app, "kdf", None) or crypto.DEFAULT_KDF
        workspace = Workspace.create(self.path, passphrase, kdf=kdf)
        try:
            return Session(workspace)
        except BaseException:
            workspace.close()
            raise

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "create":
            return
        if event.state == WorkerState.SUCCESS:
            self.app.unlocked(event.worker.result)  # type: ignore[attr-defined]
        elif event.state == WorkerState.ERROR:
            self.query_one("#create", Button).disabled = False
            error = event.worker.error
            if isinstance(error, FormationError):
                message = _("The workspace was not created: {reason}").format(reason=str(error))
            else:
                message = _("The workspace was not created (an unexpected error; nothing was written).")
            self.query_one("#create-error", Static).update(plain(message))
