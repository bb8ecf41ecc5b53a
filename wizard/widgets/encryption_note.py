"""An honest note on what the workspace encryption protects, and what it does not."""

from __future__ import annotations

from textual.widgets import Static

from wizard.i18n import _


def encryption_note_text() -> str:
    """The note shown beside every passphrase field (plain language, translated)."""
    return "\n".join(
        [
            _("What the passphrase protects:"),
            _("  • the workspace file at rest, and its backups, if the device or a copy is taken."),
            _("What it does not protect:"),
            _("  • this device while the workspace is unlocked (it locks itself after a while);"),
            _("  • screenshots, and anything you print, export or share;"),
            _("  • the fact that an encrypted file exists may itself draw attention."),
            _("There is no way to recover a forgotten passphrase."),
        ]
    )


class EncryptionNote(Static):
    """The note as a widget."""

    DEFAULT_CSS = """
    EncryptionNote {
        border: round $secondary;
        padding: 0 1;
        margin: 1 0 0 0;
        height: auto;
    }
    """

    def __init__(self) -> None:
        super().__init__(encryption_note_text(), classes="note")
