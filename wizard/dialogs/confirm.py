"""A yes/no question."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from wizard import bindings
from wizard.i18n import _
from wizard.widgets.plain import plain


class ConfirmDialog(ModalScreen[bool]):
    """Ask a question; dismisses True (yes) or False (no, Escape).

    Args:
        question: the question, in plain language (shown exactly as given: brackets are not markup).
        yes: the label of the button that does it (say what it does: "Remove").
    """

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 60; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    """
    BINDINGS = bindings.CONFIRM_DIALOG

    def __init__(self, question: str, yes: str) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.question))
            with Horizontal(classes="buttons"):
                yield Button(self.yes_label, id="yes", variant="warning")
                yield Button(_("Keep it"), id="no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        """Answer yes."""
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        """Answer no."""
        self.dismiss(False)
