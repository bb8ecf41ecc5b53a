"""A seat on the governing body: who holds it (a member, someone outside the membership, or
nobody yet), how it is filled, since when, and whether it votes."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from formation.errors import InputError
from formation.models import Member, Seat
from wizard import bindings
from wizard.forms import build, clear_problems, optional, show_problems
from wizard.i18n import N_, _
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect

EXTERNAL = "external"
VACANT = "vacant"
MEMBER_PREFIX = "member:"

SOURCE_LABELS = {
    "general_meeting": N_("elected by the general meeting"),
    "co_opted": N_("co-opted by the governing body (a casual vacancy)"),
    "partner_appointed": N_("appointed by a partner organization"),
    "registrar_nominated": N_("nominated by the registrar"),
    "ex_officio": N_("ex officio (held because of another position)"),
}
"""How a seat is filled (``formation.models.governing_body.SeatSource``)."""

FIELDS = {"member_id": "holder", "external_holder": "external-holder", "source": "source", "since": "since",
          "votes": "votes"}


def holder_options(members: list[Member], keep: object = None) -> list[tuple[str, str]]:
    """The choices for who holds a seat or an office: each current member by work name (and the
    present holder even if they left), someone outside the membership, nobody yet."""
    shown = sorted((m for m in members if m.is_current or m.id == keep), key=lambda m: m.work_name.casefold())
    options = [(m.work_name if m.is_current else _("{name} (left)").format(name=m.work_name), f"{MEMBER_PREFIX}{m.id}")
               for m in shown]
    return options + [(_("Someone outside the membership"), EXTERNAL), (_("Nobody yet (vacant)"), VACANT)]


def holder_value(member_id: object, external_holder: str | None) -> str:
    """The holder choice for a stored seat or office."""
    if member_id is not None:
        return f"{MEMBER_PREFIX}{member_id}"
    return EXTERNAL if external_holder else VACANT


def holder_fields(choice: Any, external_label: str) -> dict[str, Any]:
    """``member_id`` and ``external_holder`` for the model, from the holder choice and the label typed."""
    if isinstance(choice, str) and choice.startswith(MEMBER_PREFIX):
        return {"member_id": choice.removeprefix(MEMBER_PREFIX), "external_holder": None}
    if choice == EXTERNAL:
        return {"member_id": None, "external_holder": optional(external_label) or ""}
    return {"member_id": None, "external_holder": None}


class SeatDialog(ModalScreen[Seat | None]):
    """The seat form; dismisses with the validated ``Seat`` or None (cancelled).

    Args:
        members: the member register.
        seat: the seat to edit, or None for a new one.
    """

    DEFAULT_CSS = """
    SeatDialog { align: center middle; }
    SeatDialog > VerticalScroll {
        width: 72; height: auto; max-height: 22; border: thick $primary; background: $surface; padding: 0 1;
    }
    SeatDialog Input, SeatDialog Select { width: 100%; }
    """
    BINDINGS = bindings.SEAT_DIALOG
    HELP_TOPIC = "governing_body"

    def __init__(self, members: list[Member], seat: Seat | None = None) -> None:
        super().__init__()
        self.members = members
        self.seat = seat

    def compose(self) -> ComposeResult:
        s = self.seat
        with VerticalScroll():
            yield Static(_("Edit the seat") if s else _("Add a seat"), classes="title")
            yield Label(_("Who holds the seat?"))
            yield FormationSelect(holder_options(self.members, s.member_id if s else None),
                                  value=holder_value(s.member_id, s.external_holder) if s else VACANT,
                                  allow_blank=False, id="holder")
            yield FieldError(id="holder-error")
            yield Label(_("Their role, never a legal name (e.g. Partner appointee)"), classes="external")
            yield FormationInput(s.external_holder or "" if s else "", id="external-holder", classes="external")
            yield FieldError(id="external-holder-error")
            yield Label(_("How is the seat filled?"))
            yield FormationSelect([(_(label), source) for source, label in SOURCE_LABELS.items()],
                                  value=s.source if s else "general_meeting", allow_blank=False, id="source")
            yield FieldError(id="source-error")
            yield Label(_("Held since (YYYY-MM-DD, optional)"))
            yield FormationInput(s.since.isoformat() if s and s.since else "", id="since", placeholder="YYYY-MM-DD")
            yield FieldError(id="since-error")
            yield Checkbox(_("Votes on the governing body (untick for an advisory seat)"), s.votes if s else True,
                           id="votes", compact=True)
            yield FieldError(id="votes-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self._show_external()
        self.query_one("#holder", Select).focus()

    @on(Select.Changed, "#holder")
    def _show_external(self) -> None:
        external = self.query_one("#holder", Select).value == EXTERNAL
        for widget in self.query(".external"):
            widget.display = external

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Validate; show each field's error, or return the seat."""
        values: dict[str, Any] = {
            **holder_fields(self.query_one("#holder", Select).value, self.query_one("#external-holder", Input).value),
            "source": self.query_one("#source", Select).value,
            "since": optional(self.query_one("#since", Input).value),
            "votes": self.query_one("#votes", Checkbox).value,
        }
        clear_problems(self, FIELDS)
        if values["external_holder"] == "":
            self.query_one("#external-holder-error", Static).update(
                _("Say who holds it by their role (for example Partner appointee)."))
            self.query_one("#external-holder").focus()
            return
        try:
            seat = build(Seat, values, source=_("seat"))
        except InputError as error:
            show_problems(self, error, FIELDS)
            return
        self.dismiss(seat)
