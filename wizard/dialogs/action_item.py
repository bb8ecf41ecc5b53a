"""Add an action item: what, who (a member), and by when."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard import bindings
from wizard.i18n import _

FIELDS = {"what": "action-what", "owner_id": "owner", "due": "due", "meeting_id": "form", "completed_on": "due"}


@dataclass(frozen=True)
class ActionRequest:
    """The action item as typed (checked by ``formation.decisions.add_action_item``)."""

    what: str
    owner_id: UUID | None
    due: str | None


class ActionItemDialog(ModalScreen[ActionRequest | None]):
    """The action item form; the caller saves it with formation and shows any refusal here.

    Args:
        members: ``(work name, member id)`` of current members.
    """

    DEFAULT_CSS = """
    ActionItemDialog { align: center middle; }
    ActionItemDialog > VerticalScroll {
        width: 70; height: auto; max-height: 20; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.ACTION_ITEM_DIALOG
    HELP_TOPIC = "meeting"

    def __init__(self, members: list[tuple[str, UUID]]) -> None:
        super().__init__()
        self.members = members
        self.on_submit = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Add an action item"), classes="title")
            yield Label(_("What needs doing"))
            yield FormationInput("", id="action-what")
            yield FieldError(id="action-what-error")
            yield Label(_("Who does it"))
            yield FormationSelect(self.members, id="owner", prompt=_("choose a member"))
            yield FieldError(id="owner-error")
            yield Label(_("Due on (YYYY-MM-DD, optional)"))
            yield FormationInput("", id="due", placeholder="YYYY-MM-DD")
            yield FieldError(id="due-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#action-what", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without adding."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the item to the caller."""
        owner = self.query_one("#owner", Select).value
        due = self.query_one("#due", Input).value.strip() or None
        request = ActionRequest(self.query_one("#action-what", Input).value,
                                owner if isinstance(owner, UUID) else None, due)
        if request.owner_id is None:
            self.query_one("#owner-error", Static).update(_("Who does it: choose a member."))
            return
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
