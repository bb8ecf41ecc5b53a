"""The formation wizard application.

``run_wizard(path, demo=...)`` is the entry point the ``formation`` command calls. The app opens
or creates a workspace (storage runs in thread workers, so the screen never freezes), then walks
the group through forming its organization. Every change is kept in a ``Session`` and saved by a
debounced background save; inactivity locks the workspace (the key and the decrypted data are
dropped). The window title stays neutral ("formation") and an unhandled error never shows
local variables or member data.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import App
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from formation.crash import format_crash
from formation.errors import FormationError
from wizard.commands import FormationCommands
from wizard import bindings
from wizard.i18n import _
from wizard.steps import STEPS
from wizard.themes import HIGH_CONTRAST_THEME, register_themes

if TYPE_CHECKING:
    from formation.crypto import KdfParams
    from wizard.session import Session

AUTOLOCK_ENV = "FORMATION_AUTOLOCK_MINUTES"
WORKSPACE_ENV = "FORMATION_WORKSPACE"
DEFAULT_AUTOLOCK_SECONDS = 600.0
SAVE_DELAY_SECONDS = 0.6


def default_workspace_path() -> Path:
    """Where a new workspace goes when none is named: ``$FORMATION_WORKSPACE``, or a neutral
    ``workspace`` file in the user's data folder (no organization name in the file name)."""
    env = os.environ.get(WORKSPACE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("formation") / "workspace"


def autolock_seconds_from_env() -> float:
    """The inactivity lock delay: ``$FORMATION_AUTOLOCK_MINUTES`` (a number above 0), else 10 minutes."""
    raw = os.environ.get(AUTOLOCK_ENV, "").strip()
    if raw:
        try:
            minutes = float(raw)
        except ValueError:
            minutes = 0
        if minutes > 0:
            return minutes * 60
    return DEFAULT_AUTOLOCK_SECONDS


class FormationApp(App[int]):
    """The wizard.

    Args:
        path: the workspace file to open (or create, if it does not exist), or None to ask.
        demo: True when opened by ``formation demo`` on the bundled fictional sample.
        allow_plaintext: accept an unencrypted workspace (implied by ``demo``).
        lock_after: seconds of inactivity before the workspace locks itself (default: 10 minutes
            or ``$FORMATION_AUTOLOCK_MINUTES``).
        kdf: key-derivation parameters for a workspace created here (tests pass cheap ones;
            default: the strong ``formation.crypto.DEFAULT_KDF``).

    Attributes:
        session: the unlocked workspace, or None while locked.
        save_state: ``"saved"``, ``"unsaved"``, ``"saving"`` or ``"error"``.
    """

    TITLE = "formation"
    SUB_TITLE = ""
    CSS_PATH = ["app.tcss"]
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {FormationCommands}
    BINDINGS = bindings.FORMATION_APP

    save_state: reactive[str] = reactive("saved")

    def __init__(
        self,
        path: Path | None,
        *,
        demo: bool = False,
        allow_plaintext: bool = False,
        lock_after: float | None = None,
        kdf: KdfParams | None = None,
    ) -> None:
        super().__init__()
        self.workspace_path = Path(path) if path is not None else None
        self.demo = demo
        self.allow_plaintext = allow_plaintext or demo
        self.lock_after = lock_after if lock_after is not None else autolock_seconds_from_env()
        self.kdf = kdf
        self.clock: Callable[[], _dt.date] = _dt.date.today
        self.session: Session | None = None
        self.last_error: str | None = None
        self._last_activity = time.monotonic()
        self._save_timer = None
        register_themes(self)

    def today(self) -> _dt.date:
        """Today's date for the screens (rules get it as a parameter; tests fix ``clock``)."""
        return self.clock()

    # ------------------------------------------------------------------ start-up
    def on_mount(self) -> None:
        self.title = "formation"
        self.set_interval(5.0, self._check_idle, name="autolock")

    def get_default_screen(self) -> Screen:
        """The first screen, composed directly (no blank screen first): choose a file, unlock
        it, or create it. No organization name is shown on any of them."""
        from wizard.screens.create import CreateScreen
        from wizard.screens.start import StartScreen
        from wizard.screens.unlock import UnlockScreen

        path = self.workspace_path
        if path is None:
            return StartScreen(default_workspace_path())
        if path.exists():
            return UnlockScreen(path, try_without_passphrase=self.allow_plaintext)
        return CreateScreen(path)

    def unlocked(self, session: Session) -> None:
        """Called once a workspace is open: keep it and show the group's first useful step.

        Args:
            session: the open workspace.
        """
        self.session = session
        self.workspace_path = session.path
        self.save_state = "saved"
        self._last_activity = time.monotonic()
        from wizard.steps import first_step_screen

        self._replace_stack(first_step_screen(session))

    def _replace_stack(self, screen: Screen) -> None:
        """Show ``screen`` above the entry screen, closing any screen or dialog in between."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def go_to(self, step_id: str) -> None:
        """Show the screen of a step of the flow (from the sidebar or the command palette).

        Args:
            step_id: a step id from ``wizard.steps.STEPS``.
        """
        if self.session is None or isinstance(self.screen, ModalScreen):
            return
        self._commit_screen_edits()
        from wizard.steps import screen_for

        self._replace_stack(screen_for(step_id, self.session))

    def open_clause(self, clause_id: str) -> None:
        """Show the bylaws editor at one clause (the audit's findings jump here).

        Args:
            clause_id: a clause id of the library.
        """
        if self.session is None:
            return
        from wizard.screens.bylaws import BylawsScreen

        self._replace_stack(BylawsScreen(self.session, clause_id=clause_id))

    def action_go_to(self, step_id: str) -> None:
        """Open a step of the flow (keys F3..F12, the sidebar, the command palette)."""
        self.go_to(step_id)

    # ------------------------------------------------------------------ saving
    def changed(self) -> None:
        """Tell the app a record changed: it shows "unsaved" and saves shortly (debounced)."""
        self.save_state = "unsaved"
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY_SECONDS, self._save_soon, name="save")
        self.refresh_sidebar()

    def refresh_sidebar(self) -> None:
        """Ask the current screen's sidebar (if any) to show the latest progress."""
        from wizard.widgets.sidebar import Sidebar

        for sidebar in self.screen.query(Sidebar):
            sidebar.refresh_steps()

    def _save_soon(self) -> None:
        self._save_timer = None
        self.save_in_background()

    def action_save(self) -> None:
        """Save now (every change is also saved automatically)."""
        self.save_in_background()

    @work(thread=True, group="save", exit_on_error=False)
    def save_in_background(self) -> bool:
        """Write pending changes in a thread worker; the result updates ``save_state``."""
        session = self.session
        if session is None:
            return False
        self.call_from_thread(setattr, self, "save_state", "saving")
        return session.flush()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "save":
            return
        if event.state == WorkerState.SUCCESS:
            session = self.session
            self.save_state = "unsaved" if session is not None and session.unsaved else "saved"
            if session is not None and session.unsaved:
                self.changed()
        elif event.state == WorkerState.ERROR:
            self.save_state = "error"
            error = event.worker.error
            message = str(error) if isinstance(error, FormationError) else _("the disk refused the save")
            self.notify(_("Not saved: {reason}. Your changes are kept; they will be saved again.").format(reason=message),
                        severity="error", timeout=10, markup=False)

    # ------------------------------------------------------------------ locking
    def on_event(self, event: events.Event):  # type: ignore[no-untyped-def]
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self._last_activity = time.monotonic()
        return super().on_event(event)

    def _check_idle(self) -> None:
        if self.session is not None and time.monotonic() - self._last_activity >= self.lock_after:
            self.action_lock()

    def action_lock(self) -> None:
        """Lock now: save, then drop the key and every decrypted record, and ask for the passphrase."""
        session = self.session
        if session is None:
            return
        self._commit_screen_edits()
        self.session = None
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._close_in_background(session)
        from wizard.screens.unlock import UnlockScreen

        path = session.path
        self._replace_stack(UnlockScreen(path, try_without_passphrase=self.allow_plaintext, locked=True))

    @work(thread=True, group="close", exit_on_error=False)
    def _close_in_background(self, session: Session) -> None:
        session.close()

    def _commit_screen_edits(self) -> None:
        for screen in self.screen_stack:
            commit = getattr(screen, "commit_edits", None)
            if commit is not None:
                commit()

    async def action_quit(self) -> None:
        """Save what is pending, close the workspace, and leave."""
        if self.session is not None:
            self._commit_screen_edits()
        session = self.session
        self.session = None
        if session is not None:
            worker = self._close_in_background(session)
            await worker.wait()
            if worker.state == WorkerState.ERROR:
                self.exit(4)
                return
        self.exit(0)

    def on_unmount(self) -> None:
        """Leaving by any path: save what is pending and close the workspace (drops the key)."""
        session = self.session
        self.session = None
        if session is not None:
            try:
                session.close()
            except FormationError:
                self.save_state = "error"

    def action_consultant_overview(self) -> None:
        """Open the consultant overview: several workspaces, each unlocked with its own passphrase,
        with no member names (from the first screen, or from the palette)."""
        from wizard.screens.overview import OverviewScreen

        if isinstance(self.screen, (OverviewScreen, ModalScreen)):
            return
        self._commit_screen_edits()
        self.push_screen(OverviewScreen(self.session))

    # ------------------------------------------------------------------ help and theme
    def action_help(self) -> None:
        """Show plain-language help for the current screen, and the glossary."""
        from wizard.dialogs.help import HelpDialog

        topic = getattr(self.screen, "HELP_TOPIC", "start")
        if isinstance(self.screen, HelpDialog):
            return
        self.push_screen(HelpDialog(topic))

    def action_toggle_contrast(self) -> None:
        """Switch between the normal and the high-contrast theme."""
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST_THEME else HIGH_CONTRAST_THEME

    def get_system_commands(self, screen):  # type: ignore[no-untyped-def]
        # Textual's own entries, less "Screenshot": an SVG of a screen can hold member data.
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command

    # ------------------------------------------------------------------ crashes
    def _handle_exception(self, error: Exception) -> None:
        """Every unhandled error takes the same path: no locals, no message, no member data."""
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._fatal_error()

    def _fatal_error(self) -> None:
        """Leave after an unhandled error, printing ``formation.crash.format_crash`` (no values)."""
        error = self._exception
        if error is not None:
            report = format_crash(type(error), error, error.__traceback__)
        else:
            exc_type, exc, tb = sys.exc_info()
            report = format_crash(exc_type or RuntimeError, exc or RuntimeError(), tb)
        self._exit_renderables.append(Text(report))
        session = self.session
        self.session = None
        if session is not None:
            try:
                session.close()
            except Exception:  # noqa: BLE001 - already leaving after a crash; the file keeps its last state
                pass
        self._close_messages_no_wait()


def run_wizard(path: Path | None, *, demo: bool = False) -> int:
    """Run the wizard in the terminal until the person quits.

    Args:
        path: the workspace file to open or create, or None to ask for one.
        demo: True for ``formation demo`` (a plaintext fictional sample is accepted and labelled).

    Returns:
        The process exit code: 0 after a normal quit, 1 after an unexpected error (reported
        without values), 4 if the last save failed.
    """
    app = FormationApp(path, demo=demo, allow_plaintext=demo)
    try:
        result = app.run()
    finally:
        session = app.session
        app.session = None
        if session is not None:
            session.close()
    if app.return_code not in (None, 0):
        return int(app.return_code)
    return int(result or 0)
