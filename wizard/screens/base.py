"""The frame shared by every step of the flow: title bar, save state, sidebar, body, footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from wizard import bindings
from wizard.i18n import _
from wizard.session import Session
from wizard.widgets.banner import PlaintextBanner
from wizard.widgets.save_status import SaveStatus
from wizard.widgets.sidebar import Sidebar
from wizard.widgets.plain import plain


class FlowScreen(Screen[None]):
    """Base of the step screens. Subclasses set ``STEP_ID`` and ``STEP_TITLE`` and implement
    ``compose_body``; they read and change records through ``self.session`` and call
    ``self.changed()`` after each change (the app then saves, debounced).

    Args:
        session: the open workspace.
    """

    STEP_ID = ""
    STEP_TITLE = ""
    AUTO_FOCUS = "#body *"
    """Open with the focus in the step's own content, not in the sidebar (ctrl+b goes there)."""
    BINDINGS = bindings.FLOW_SCREEN

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    @property
    def HELP_TOPIC(self) -> str:  # noqa: N802 - read like the class constant of the entry screens
        return self.STEP_ID

    def compose(self) -> ComposeResult:
        if self.session.plaintext:
            yield PlaintextBanner()
        with Horizontal(id="topbar"):
            yield Static(plain(_(self.STEP_TITLE)), id="step-title")
            yield SaveStatus(id="save-status")
        with Horizontal():
            yield Sidebar(self.session, self.STEP_ID)
            with Vertical(id="body"):
                yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        """The widgets of this step (override)."""
        yield from ()

    def commit_edits(self) -> None:
        """Keep what is being typed now (before a lock or quit). Screens that keep edits after a
        pause override this."""

    def changed(self) -> None:
        """Tell the app something was changed (it shows "unsaved" and saves shortly)."""
        self.app.changed()  # type: ignore[attr-defined]

    def action_focus_sidebar(self) -> None:
        """Move the focus to the list of steps."""
        self.query_one("#steps").focus()
