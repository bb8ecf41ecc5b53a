"""Add or edit a member: work name first; community status asked with its reason."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from formation.errors import InputError
from formation.membership import check_new_work_name
from formation.models import Member
from wizard.forms import build, clear_problems, optional, show_problems
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard import bindings
from wizard.i18n import _

FIELDS = {
    "work_name": "work-name",
    "membership_class": "membership-class",
    "community_member": "community",
    "joined_on": "joined-on",
    "left_on": "left-on",
    "consent_to_be_named": "consent",
}


class MemberDialog(ModalScreen[Member | None]):
    """A form for one member; dismisses with the validated ``Member`` or None (cancelled).

    Args:
        member: the member to edit, or None to add a new one.
        register: every member record (two current members never share a work name:
            ``formation.membership.check_new_work_name``, as ``formation members add|edit``).
    """

    DEFAULT_CSS = """
    MemberDialog { align: center middle; }
    MemberDialog > VerticalScroll {
        width: 72; max-height: 22; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    MemberDialog Input, MemberDialog Select { width: 100%; }
    """
    BINDINGS = bindings.MEMBER_DIALOG
    HELP_TOPIC = "members"

    def __init__(self, member: Member | None = None, register: list[Member] | None = None) -> None:
        super().__init__()
        self.member = member
        self.register = register or []

    def compose(self) -> ComposeResult:
        m = self.member
        with VerticalScroll():
            yield Static(_("Edit member") if m else _("Add a member"), classes="title")
            yield Label(_("Work name (the name used in the group)"))
            yield FormationInput(m.work_name if m else "", id="work-name")
            yield FieldError(id="work-name-error")
            yield Label(_("Membership"))
            yield FormationSelect(
                [(_("Voting member"), "voting"), (_("Supporting member (no vote)"), "supporting")],
                value=m.membership_class if m else "voting",
                allow_blank=False,
                id="membership-class",
            )
            yield FieldError(id="membership-class-error")
            yield Label(_("Community member? (used only by the power audit; never printed)"))
            yield FormationSelect(
                [
                    (_("Yes: is or was a sex worker"), "yes"),
                    (_("No: supporter or ally"), "no"),
                    (_("Not recorded (undisclosed)"), "undisclosed"),
                ],
                value=m.community_member if m else "undisclosed",
                allow_blank=False,
                id="community",
            )
            yield FieldError(id="community-error")
            yield Label(_("Joined on (YYYY-MM-DD, optional)"))
            yield FormationInput(m.joined_on.isoformat() if m and m.joined_on else "", id="joined-on", placeholder="YYYY-MM-DD")
            yield FieldError(id="joined-on-error")
            yield Label(_("Left on (YYYY-MM-DD, empty while a member)"))
            yield FormationInput(m.left_on.isoformat() if m and m.left_on else "", id="left-on", placeholder="YYYY-MM-DD")
            yield FieldError(id="left-on-error")
            yield Checkbox(_("Agrees to be named in shared documents"), m.consent_to_be_named if m else False, id="consent",
                           compact=True)
            yield FieldError(id="consent-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#work-name", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Validate; show each field's error, or return the member."""
        values = {
            "work_name": self.query_one("#work-name", Input).value,
            "membership_class": self.query_one("#membership-class", Select).value,
            "community_member": self.query_one("#community", Select).value,
            "joined_on": optional(self.query_one("#joined-on", Input).value),
            "left_on": optional(self.query_one("#left-on", Input).value),
            "consent_to_be_named": self.query_one("#consent", Checkbox).value,
        }
        if self.member is not None:
            base = self.member.model_dump(mode="json")
            base.update(values)
            values = base
        clear_problems(self, FIELDS)
        try:
            member = build(Member, values, source=_("member form"))
        except InputError as error:
            show_problems(self, error, FIELDS)
            return
        try:
            check_new_work_name(self.register, member.work_name, ignore_id=member.id, current=member.is_current)
        except InputError as error:
            show_problems(self, error, FIELDS)
            return
        self.dismiss(member)
