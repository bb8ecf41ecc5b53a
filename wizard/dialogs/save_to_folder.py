"""Ask which folder a document goes to (the person's Documents folder unless they type another)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from wizard import bindings
from wizard.i18n import _
from wizard.widgets.fields import FieldError, FormationInput


def documents_folder() -> Path:
    """The person's Documents folder (``platformdirs``), where documents go by default."""
    from platformdirs import user_documents_path

    return user_documents_path()


class SaveToFolderDialog(ModalScreen[Path | None]):
    """Dismisses with an existing folder, or None (cancelled).

    Args:
        title: what is being saved (``"Save the partnership agreement"``).
        note: a line under the title (what the file will be called, who may read it).
        help_topic: the help shown with F1.
    """

    DEFAULT_CSS = """
    SaveToFolderDialog { align: center middle; }
    SaveToFolderDialog > Vertical {
        width: 72; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.SAVE_TO_FOLDER_DIALOG

    def __init__(self, title: str, note: str, *, help_topic: str) -> None:
        super().__init__()
        self.title_text = title
        self.note = note
        self.HELP_TOPIC = help_topic

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            yield Static(self.note, classes="hint", markup=False)
            yield Label(_("Save in this folder"), classes="field-label")
            yield FormationInput(str(documents_folder()), id="folder")
            yield FieldError(id="folder-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the folder exists and hand it to the caller."""
        raw = self.query_one("#folder", Input).value.strip()
        folder = Path(raw).expanduser()
        if not raw or not folder.is_dir():
            self.query_one("#folder-error", FieldError).update(
                _("Folder: there is no folder there; create it first or type another."))
            return
        self.dismiss(folder)
