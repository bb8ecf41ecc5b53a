"""Exchange with Word: send a review copy of the bylaws, read a reviewed copy back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from wizard import bindings
from wizard.dialogs.handover import select_value
from wizard.dialogs.save_to_folder import documents_folder
from wizard.i18n import _
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard.widgets.plain import plain


@dataclass(frozen=True)
class ExportRequest:
    """The review copy to write.

    Attributes:
        version: the bylaws version sent.
        folder: an existing folder.
        mark_under_review: freeze the version's text as it goes out (a draft becomes under review).
        encrypt: seal the file with age (the reviewer opens it with ``age -d`` and a passphrase).
    """

    version: int
    folder: Path
    mark_under_review: bool
    encrypt: bool


class ExportCopyDialog(ModalScreen[ExportRequest | None]):
    """Where and how to write the review copy.

    Args:
        versions: ``(number, status)`` of every version, oldest first (the newest is chosen).
    """

    DEFAULT_CSS = """
    ExportCopyDialog { align: center middle; }
    ExportCopyDialog > VerticalScroll {
        width: 72; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.REVIEW_COPY_DIALOG
    HELP_TOPIC = "review"

    def __init__(self, versions: list[tuple[int, str]]) -> None:
        super().__init__()
        self.versions = versions

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Write a review copy for a reviewer"), classes="title")
            yield Static(plain(_("A Word file: each clause shows its reference ([quorum]), each open note is a comment. "
                           "It is checked for member names before it is written.")), classes="hint")
            yield Label(_("Version to send"))
            yield FormationSelect([(f"v{n}", str(n)) for n, _status in reversed(self.versions)],
                                  value=str(self.versions[-1][0]), allow_blank=False, id="copy-version")
            yield Label(_("Save in this folder"))
            yield FormationInput(str(documents_folder()), id="folder")
            yield FieldError(id="folder-error")
            yield Checkbox(_("Freeze this version's text while it is reviewed (a draft becomes 'under review')"),
                           True, id="under-review", compact=True)
            yield Checkbox(_("Encrypt the file with age; a passphrase to give the reviewer another way is shown"),
                           False, id="encrypt", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(_("Write"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Check the folder and hand the request to the caller."""
        raw = self.query_one("#folder", Input).value.strip()
        folder = Path(raw).expanduser()
        if not raw or not folder.is_dir():
            self.query_one("#folder-error", FieldError).update(
                _("Folder: there is no folder there; create it first or type another."))
            return
        version = select_value(self.query_one("#copy-version", Select))
        self.dismiss(ExportRequest(int(version) if version else self.versions[-1][0], folder,
                                   self.query_one("#under-review", Checkbox).value,
                                   self.query_one("#encrypt", Checkbox).value))


@dataclass(frozen=True)
class ImportRequest:
    """A reviewed copy to read.

    Attributes:
        file: the .docx (or .age) file.
        reviewer_role: the role recorded on each note.
        passphrase: for an age-encrypted copy, or None.
        keep_names: keep the comment authors' names (off by default: only the role is kept).
    """

    file: Path
    reviewer_role: str
    passphrase: str | None
    keep_names: bool


class ImportCopyDialog(ModalScreen[ImportRequest | None]):
    """Which reviewed copy to read back; the caller reads it in a thread worker and sets
    ``on_submit``, showing any refusal with ``show_error``."""

    DEFAULT_CSS = """
    ImportCopyDialog { align: center middle; }
    ImportCopyDialog > VerticalScroll {
        width: 72; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.REVIEW_COPY_DIALOG
    HELP_TOPIC = "review"

    def __init__(self) -> None:
        super().__init__()
        self.on_submit: Callable[[ImportRequest], None] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Read a reviewed Word copy"), classes="title")
            yield Static(_("Each Word comment becomes a note on the clause it is anchored in. The file is checked "
                           "for size and shape first; on any problem nothing changes."), classes="hint")
            yield Label(_("The reviewed file (.docx, or .age)"))
            yield FormationInput(str(documents_folder()) + "/", id="copy-file")
            yield FieldError(id="copy-file-error")
            yield Label(_("Reviewer's role, e.g. partner-NGO lawyer"))
            yield FormationInput(_("reviewer"), id="copy-role")
            yield FieldError(id="copy-role-error")
            yield Label(_("Passphrase, if the file is encrypted with age"))
            yield FormationInput("", id="copy-passphrase", password=True)
            yield Checkbox(_("Keep the comment authors' names (by default only the role is kept)"), False,
                           id="keep-names", compact=True)
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Read"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#copy-file", Input).focus()

    def show_error(self, message: str) -> None:
        """Show why the copy was not read (nothing changed)."""
        self.query_one("#form-error", FieldError).update(plain(message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without reading."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the request to the caller."""
        raw = self.query_one("#copy-file", Input).value.strip()
        path = Path(raw).expanduser()
        if not raw or not path.is_file():
            self.query_one("#copy-file-error", FieldError).update(_("File: there is no file there."))
            return
        self.query_one("#copy-file-error", FieldError).update("")
        passphrase_field = self.query_one("#copy-passphrase", Input)
        request = ImportRequest(path, self.query_one("#copy-role", Input).value.strip(),
                                passphrase_field.value or None, self.query_one("#keep-names", Checkbox).value)
        passphrase_field.value = ""
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
