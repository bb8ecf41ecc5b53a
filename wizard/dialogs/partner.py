"""Add or edit a partner organization: what it is to the group and what it provides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, SelectionList, Static

from formation.models.partners import Partner
from wizard import bindings
from wizard.forms import optional
from wizard.i18n import _
from wizard.widgets.fields import FieldError, FormationInput
from wizard.widgets.partners.labels import PARTNER_KINDS, SUPPORT_KINDS

FIELDS = {
    "name": "partner-name",
    "kinds": "partner-kinds",
    "provides": "partner-provides",
    "contact_role": "contact-role",
    "since": "partner-since",
    "ended_on": "partner-ended",
    "notes": "partner-notes",
}
"""``Partner`` field -> widget id (``wizard.forms.show_problems`` writes errors under each)."""


@dataclass(frozen=True)
class PartnerRequest:
    """The partner as typed; ``formation.partners.new_partner`` / ``update_partner`` check it.

    Attributes:
        name, kinds, provides, contact_role, since, ended_on, notes: as ``Partner`` (dates as
            typed, ISO; empty optional fields None).
    """

    name: str
    kinds: list[str]
    provides: list[str]
    contact_role: str | None
    since: str | None
    ended_on: str | None
    notes: str | None


class PartnerDialog(ModalScreen[PartnerRequest | None]):
    """The partner form. The caller sets ``on_submit`` to check the request with formation and
    either dismiss the dialog or show the refusal under the fields (``show_problems``).

    Args:
        partner: the partner to edit, or None to add one.
    """

    DEFAULT_CSS = """
    PartnerDialog { align: center middle; }
    PartnerDialog > VerticalScroll {
        width: 72; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    PartnerDialog SelectionList { height: auto; border: none; padding: 0; }
    """
    BINDINGS = bindings.PARTNER_DIALOG
    HELP_TOPIC = "partners"

    def __init__(self, partner: Partner | None = None) -> None:
        super().__init__()
        self.partner = partner
        self.on_submit: Callable[[PartnerRequest], None] | None = None

    def compose(self) -> ComposeResult:
        p = self.partner
        with VerticalScroll():
            yield Static(_("Edit partner") if p else _("Add a partner organization"), classes="title")
            yield Label(_("Name of the organization"))
            yield FormationInput(p.name if p else "", id="partner-name")
            yield FieldError(id="partner-name-error")
            yield Label(_("What it is to the group (space selects; at least one)"))
            kinds = set(p.kinds) if p else set()
            yield SelectionList[str](*[(_(t), k, k in kinds) for k, t in PARTNER_KINDS.items()], id="partner-kinds",
                                     compact=True)
            yield FieldError(id="partner-kinds-error")
            yield Label(_("What it provides"))
            provides = set(p.provides) if p else set()
            yield SelectionList[str](*[(_(t), k, k in provides) for k, t in SUPPORT_KINDS.items()],
                                     id="partner-provides", compact=True)
            yield FieldError(id="partner-provides-error")
            yield Label(_("Your contact there, as a role (optional; not a person's name)"))
            yield FormationInput((p.contact_role or "") if p else "", id="contact-role",
                                 placeholder=_("for example: Programme manager"))
            yield FieldError(id="contact-role-error")
            yield Label(_("Partnership began on (YYYY-MM-DD, optional)"))
            yield FormationInput(p.since.isoformat() if p and p.since else "", id="partner-since", placeholder="YYYY-MM-DD")
            yield FieldError(id="partner-since-error")
            if p is not None:
                yield Label(_("Partnership ended on (YYYY-MM-DD; empty while it lasts)"))
                yield FormationInput(p.ended_on.isoformat() if p.ended_on else "", id="partner-ended",
                                     placeholder="YYYY-MM-DD")
                yield FieldError(id="partner-ended-error")
            yield Label(_("Notes (kept inside the encrypted workspace)"))
            yield FormationInput((p.notes or "") if p else "", id="partner-notes")
            yield FieldError(id="partner-notes-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#partner-name", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the partner as typed to the caller (which checks it with formation)."""
        ended = self.query("#partner-ended")
        request = PartnerRequest(
            name=self.query_one("#partner-name", Input).value.strip(),
            kinds=list(self.query_one("#partner-kinds", SelectionList).selected),
            provides=list(self.query_one("#partner-provides", SelectionList).selected),
            contact_role=optional(self.query_one("#contact-role", Input).value),
            since=optional(self.query_one("#partner-since", Input).value),
            ended_on=optional(ended.first(Input).value) if ended else None,
            notes=optional(self.query_one("#partner-notes", Input).value),
        )
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
