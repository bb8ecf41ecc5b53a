"""Jump to a clause of the bylaws."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wizard import bindings
from wizard.i18n import _
from wizard.widgets.plain import plain


class ClauseListDialog(ModalScreen[str | None]):
    """Every clause by title; dismisses with the chosen clause id, or None.

    Args:
        clauses: ``(clause id, title)`` in document order.
        current: the clause on screen now.
    """

    DEFAULT_CSS = """
    ClauseListDialog { align: center middle; }
    ClauseListDialog > Vertical { width: 60; height: 20; border: thick $primary; background: $surface; }
    ClauseListDialog OptionList { height: 1fr; }
    """
    BINDINGS = bindings.CLAUSE_LIST_DIALOG
    HELP_TOPIC = "bylaws"

    def __init__(self, clauses: list[tuple[str, str]], current: str) -> None:
        super().__init__()
        self.clauses = clauses
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Go to a clause"), classes="title")
            yield OptionList(*[Option(plain(f"{i}. {title}"), id=cid) for i, (cid, title) in enumerate(self.clauses, 1)],
                             id="clause-list")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#clause-list", OptionList)
        ids = [cid for cid, _title in self.clauses]
        if self.current in ids:
            options.highlighted = ids.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected, "#clause-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without moving."""
        self.dismiss(None)
