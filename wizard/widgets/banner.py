"""The banner every screen shows over an unencrypted fictional sample."""

from __future__ import annotations

from textual.widgets import Static

from wizard.i18n import _


class PlaintextBanner(Static):
    """A one-line warning: this workspace is NOT encrypted and holds a fictional sample."""

    DEFAULT_CSS = """
    PlaintextBanner {
        width: 100%;
        height: 1;
        background: $error;
        color: $text;
        text-style: bold;
        content-align: center middle;
    }
    """

    def __init__(self) -> None:
        super().__init__(_("NOT ENCRYPTED — fictional sample. Do not enter real people here."), id="plaintext-banner")
