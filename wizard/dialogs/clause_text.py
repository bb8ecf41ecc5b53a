"""The group's own wording for one clause of the bylaws (or back to the library's text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static, TextArea

from wizard import bindings
from wizard.i18n import _
from wizard.widgets.fields import FieldError
from wizard.widgets.plain import plain


@dataclass(frozen=True)
class ClauseWording:
    """What the person asked for: ``paragraphs`` to replace the clause's text, or None to go back
    to the library's text."""

    paragraphs: list[str] | None


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs typed in the editor: blocks separated by an empty line (spaces inside a
    paragraph are tidied by ``formation.bylaws.set_custom_text``)."""
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


class ClauseTextDialog(ModalScreen[ClauseWording | None]):
    """An editor for a clause's wording. The caller keeps it with ``formation.bylaws.set_custom_text``
    and, on a refusal, calls ``show_error``.

    Args:
        title: the clause's title.
        paragraphs: the text to start from (the clause's own wording, or the library's text as
            it reads with the choices made).
        custom: True when the clause already has the group's own wording.
    """

    DEFAULT_CSS = """
    ClauseTextDialog { align: center middle; }
    ClauseTextDialog > Vertical {
        width: 76; height: 22; border: thick $primary; background: $surface; padding: 0 1;
    }
    ClauseTextDialog TextArea { height: 1fr; }
    """
    BINDINGS = bindings.CLAUSE_TEXT_DIALOG
    HELP_TOPIC = "bylaws"

    def __init__(self, title: str, paragraphs: list[str], *, custom: bool) -> None:
        super().__init__()
        self.clause_title = title
        self.paragraphs = paragraphs
        self.custom = custom
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(_("Own wording: {clause}").format(clause=self.clause_title)), classes="title")
            yield Static(_("One paragraph per block, an empty line between paragraphs. The power audit still "
                           "reads the options chosen, so the wording must say the same thing."), classes="hint")
            yield TextArea("\n\n".join(self.paragraphs), id="clause-text", soft_wrap=True)
            yield FieldError(id="clause-text-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                if self.custom:
                    yield Button(_("Library text"), id="library")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#clause-text", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "library text" only when the clause has its own wording."""
        return self.custom if action == "library_text" else True

    def show_error(self, message: str) -> None:
        """Show why formation refused the wording."""
        self.query_one("#clause-text-error", FieldError).update(plain(message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the paragraphs to the caller."""
        self._submit(ClauseWording(paragraphs_of(self.query_one("#clause-text", TextArea).text)))

    @on(Button.Pressed, "#library")
    def action_library_text(self) -> None:
        """Go back to the library's text for this clause."""
        self._submit(ClauseWording(None))

    def _submit(self, wording: ClauseWording) -> None:
        if self.on_submit is not None:
            self.on_submit(wording)
        else:
            self.dismiss(wording)
