"""The first screen when no workspace was named: choose a file to open, or a new one to create."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from wizard.widgets.fields import FieldError, FormationInput
from wizard import bindings
from wizard.i18n import _


class StartScreen(Screen[None]):
    """Ask which workspace file to use. Shows no organization name (nothing is unlocked yet).

    Args:
        suggested: the path to offer (a neutral name in the user's data folder).
    """

    HELP_TOPIC = "start"
    BINDINGS = bindings.START_SCREEN

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(_("formation"), classes="title")
            yield Static(
                _("Form and run your group's own organization: structure, bylaws, meetings and "
                  "registration. Everything stays in one encrypted file on this device."),
                classes="hint",
            )
            yield Label(_("Workspace file"), classes="field-label")
            yield FormationInput(str(self.suggested), id="path")
            yield FieldError(id="path-error")
            yield Static(
                _("If the file exists, you will be asked for its passphrase; if not, a new "
                  "workspace is created there. Keep the file name neutral."),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button(_("Continue"), id="continue", variant="primary")
        yield Footer()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#continue")
    def action_choose(self) -> None:
        """Open or create the workspace at the typed path."""
        from wizard.screens.create import CreateScreen
        from wizard.screens.unlock import UnlockScreen

        raw = self.query_one("#path", Input).value.strip()
        error = self.query_one("#path-error", Static)
        if not raw:
            error.update(_("Workspace file: type where the workspace is, or where to create it."))
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            error.update(_("Workspace file: that is a folder; add a file name (for example 'workspace')."))
            return
        error.update("")
        if path.exists():
            self.app.push_screen(UnlockScreen(path, try_without_passphrase=getattr(self.app, "allow_plaintext", False)))
        else:
            self.app.push_screen(CreateScreen(path))
