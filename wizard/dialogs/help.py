"""F1: plain-language help for the screen on view, and the glossary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown, TabPane, TabbedContent

from wizard import bindings
from wizard.i18n import _, help_text


class HelpDialog(ModalScreen[None]):
    """Help for ``topic`` (a screen's ``HELP_TOPIC``) and the glossary in a second tab.

    Args:
        topic: the help topic (a file under ``wizard/help/<lang>/``).
    """

    DEFAULT_CSS = """
    HelpDialog { align: center middle; }
    HelpDialog > Vertical {
        width: 78; height: 22; border: thick $primary; background: $surface;
    }
    HelpDialog Markdown { margin: 0 1; }
    HelpDialog TabbedContent, HelpDialog TabPane { height: 1fr; }
    """
    BINDINGS = bindings.HELP_DIALOG

    def __init__(self, topic: str) -> None:
        super().__init__()
        self.topic = topic

    def compose(self) -> ComposeResult:
        body = help_text(self.topic) or help_text("start")
        with Vertical():
            with TabbedContent(id="help-tabs"):
                with TabPane(_("This screen"), id="help-screen"):
                    with VerticalScroll():
                        yield Markdown(body, id="help-body")
                with TabPane(_("Glossary"), id="help-glossary"):
                    with VerticalScroll():
                        yield Markdown(help_text("glossary"), id="glossary-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-screen VerticalScroll").focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)

    def action_glossary(self) -> None:
        """Show the glossary tab."""
        self.query_one("#help-tabs", TabbedContent).active = "help-glossary"
