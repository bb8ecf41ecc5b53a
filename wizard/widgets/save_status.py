"""Shows whether every change is saved: Saved / Unsaved changes / Saving / Not saved."""

from __future__ import annotations

from textual.widgets import Static

from wizard.i18n import N_, _
from wizard.widgets.plain import plain

STATE_LABELS = {
    "saved": N_("✓ Saved"),
    "unsaved": N_("● Unsaved changes"),
    "saving": N_("… Saving"),
    "error": N_("✗ NOT SAVED — see the message"),
}


class SaveStatus(Static):
    """A label that follows ``FormationApp.save_state``."""

    DEFAULT_CSS = """
    SaveStatus { width: auto; padding: 0 1; }
    SaveStatus.-unsaved { color: $warning; }
    SaveStatus.-error { color: $error; text-style: bold; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "save_state", self._show, init=True)

    def _show(self, state: str) -> None:
        self.update(plain(_(STATE_LABELS.get(state, STATE_LABELS["saved"]))))
        self.set_class(state == "unsaved" or state == "saving", "-unsaved")
        self.set_class(state == "error", "-error")
