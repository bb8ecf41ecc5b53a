"""A member who cannot attend gives their proxy to a voting member present."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Select, Static

from wizard import bindings
from wizard.i18n import _
from wizard.widgets.fields import FieldError, FormationSelect
from wizard.widgets.plain import plain

FIELDS = {"proxy_holder_id": "proxy-holder", "presence": "proxy-holder", "member_ids": "form",
          "attendance": "form", "rules": "form", "status": "form", "minutes": "form"}


class ProxyDialog(ModalScreen[UUID | None]):
    """Who holds the member's proxy. The caller records it with formation and shows any refusal.

    Args:
        principal: the work name of the member giving their proxy.
        holders: ``(work name, member id)`` of the members recorded as present.
    """

    DEFAULT_CSS = """
    ProxyDialog { align: center middle; }
    ProxyDialog > Vertical {
        width: 64; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    ProxyDialog Select { width: 100%; }
    """
    BINDINGS = bindings.PROXY_DIALOG
    HELP_TOPIC = "meeting"

    def __init__(self, principal: str, holders: list[tuple[str, UUID]]) -> None:
        super().__init__()
        self.principal = principal
        self.holders = holders
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(_("{name} votes by proxy").format(name=self.principal)), classes="title")
            yield Label(_("Who holds the proxy? (a voting member recorded as present)"))
            yield FormationSelect(self.holders, id="proxy-holder", prompt=_("choose the holder"))
            yield FieldError(id="proxy-holder-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#proxy-holder", Select).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without recording."""
        self.dismiss(None)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the holder to the caller."""
        holder = self.query_one("#proxy-holder", Select).value
        if not isinstance(holder, UUID):
            self.query_one("#proxy-holder-error", Static).update(_("Choose who holds the proxy."))
            return
        if self.on_submit is not None:
            self.on_submit(holder)
        else:
            self.dismiss(holder)
