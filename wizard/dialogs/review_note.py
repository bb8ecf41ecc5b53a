"""A reviewer's note on a clause, and the group's decision on a note's proposal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from formation.models.review import ReviewNote
from wizard import bindings
from wizard.dialogs.handover import select_value
from wizard.forms import optional
from wizard.i18n import N_, _
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard.widgets.plain import plain

WHOLE_DOCUMENT = "-"
"""The clause select's value for a remark on the document as a whole."""

STATUS_LABELS = {
    "needs_change": N_("Needs change"),
    "not_allowed_in_context": N_("Not allowed in this legal context"),
    "fine": N_("Fine"),
}
NOTE_FIELDS = {"version": "note-version", "clause": "note-clause", "clause_id": "note-clause", "status": "note-status",
               "comment": "note-comment", "proposed_text": "note-proposal", "reviewer_role": "reviewer-role",
               "reviewer_name": "reviewer-role", "draft": "form", "created_on": "form"}
DECIDE_FIELDS = {"decided_by": "decided-by", "reason": "reason", "note": "form", "on": "form", "resolution": "decided-by"}


@dataclass(frozen=True)
class NoteRequest:
    """A note as typed (``formation.review.add_note`` checks it).

    Attributes:
        version: the version reviewed.  clause_id: the clause, or None for the whole document.
        status, comment, reviewer_role: as typed.  proposed_text: paragraphs (empty: no proposal).
    """

    version: int
    clause_id: str | None
    status: str
    comment: str
    proposed_text: list[str]
    reviewer_role: str


class ReviewNoteDialog(ModalScreen[NoteRequest | None]):
    """Record what a reviewer says of a clause, and the wording they propose (optional).

    Args:
        versions: the draft's version numbers, oldest first (the newest is chosen).
        clause_options: for a version number, its clauses as ``(label, clause id)``.
    """

    DEFAULT_CSS = """
    ReviewNoteDialog { align: center middle; }
    ReviewNoteDialog > VerticalScroll {
        width: 76; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    ReviewNoteDialog TextArea { height: 3; background: $boost; }
    ReviewNoteDialog TextArea:focus { background: $primary 25%; }
    """
    BINDINGS = bindings.REVIEW_NOTE_DIALOG
    HELP_TOPIC = "review"

    def __init__(self, versions: list[int], clause_options: Callable[[int], list[tuple[Any, str]]]) -> None:
        super().__init__()
        self.versions = versions
        self.clause_options = clause_options
        self.on_submit: Callable[[NoteRequest], None] | None = None

    def compose(self) -> ComposeResult:
        newest = self.versions[-1]
        with VerticalScroll():
            yield Static(_("A reviewer's note"), classes="title")
            yield Label(_("Version reviewed"))
            yield FormationSelect([(f"v{n}", str(n)) for n in reversed(self.versions)], value=str(newest),
                                  allow_blank=False, id="note-version")
            yield FieldError(id="note-version-error")
            yield Label(_("Clause"))
            yield FormationSelect(self._clauses(newest), value=WHOLE_DOCUMENT, allow_blank=False, id="note-clause")
            yield FieldError(id="note-clause-error")
            yield Label(_("The reviewer says"))
            yield FormationSelect([(_(t), k) for k, t in STATUS_LABELS.items()], value="needs_change",
                                  allow_blank=False, id="note-status")
            yield FieldError(id="note-status-error")
            yield Label(_("Comment"))
            yield TextArea("", id="note-comment", soft_wrap=True, compact=True)
            yield FieldError(id="note-comment-error")
            yield Label(_("Proposed wording (optional; one paragraph per line)"))
            yield TextArea("", id="note-proposal", soft_wrap=True, compact=True)
            yield FieldError(id="note-proposal-error")
            yield Label(_("Reviewer's role (not a name), e.g. partner-NGO lawyer"))
            yield FormationInput("", id="reviewer-role")
            yield FieldError(id="reviewer-role-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def _clauses(self, version: int) -> list[tuple[Any, str]]:
        return [(_("The document as a whole"), WHOLE_DOCUMENT), *self.clause_options(version)]

    def on_mount(self) -> None:
        self.query_one("#note-clause", Select).focus()

    @on(Select.Changed, "#note-version")
    def _version_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            clause = self.query_one("#note-clause", Select)
            chosen = clause.value
            options = self._clauses(int(event.value))
            clause.set_options(options)
            clause.value = chosen if chosen in {v for _l, v in options} else WHOLE_DOCUMENT

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without recording."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the note as typed to the caller (which records it with formation)."""
        clause = select_value(self.query_one("#note-clause", Select))
        proposal = [line.strip() for line in self.query_one("#note-proposal", TextArea).text.splitlines() if line.strip()]
        request = NoteRequest(
            version=int(select_value(self.query_one("#note-version", Select)) or self.versions[-1]),
            clause_id=None if clause in (None, WHOLE_DOCUMENT) else clause,
            status=select_value(self.query_one("#note-status", Select)) or "needs_change",
            comment=self.query_one("#note-comment", TextArea).text.strip(),
            proposed_text=proposal,
            reviewer_role=self.query_one("#reviewer-role", Input).value.strip(),
        )
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)


@dataclass(frozen=True)
class DecisionRequest:
    """The group's decision as typed: who decided (a role) and why (optional)."""

    decided_by: str
    reason: str | None


class DecideNoteDialog(ModalScreen[DecisionRequest | None]):
    """Accept or reject a note's proposal (``formation.review.accept`` / ``reject`` record it).

    Args:
        note: the note decided on.
        accept: True to accept, False to reject.
    """

    DEFAULT_CSS = """
    DecideNoteDialog { align: center middle; }
    DecideNoteDialog > VerticalScroll {
        width: 72; max-height: 20; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = bindings.DECIDE_NOTE_DIALOG
    HELP_TOPIC = "review"

    def __init__(self, note: ReviewNote, *, accept: bool) -> None:
        super().__init__()
        self.note = note
        self.accept = accept
        self.on_submit: Callable[[DecisionRequest], None] | None = None

    def compose(self) -> ComposeResult:
        where = self.note.clause_number or _("the document as a whole")
        if self.accept:
            title = _("Accept the note on {where}").format(where=where)
            hint = (_("A new bylaws version starts, with this clause's text replaced by the proposed wording.")
                    if self.note.has_proposal else _("The note proposes no wording: the bylaws do not change."))
        else:
            title = _("Reject the note on {where}").format(where=where)
            hint = _("The decision is recorded; the bylaws do not change.")
        with VerticalScroll():
            yield Static(plain(title), classes="title")
            yield Static(plain(hint), classes="hint")
            yield Label(_("Who decided, as a role"))
            yield FormationInput(_("general meeting"), id="decided-by")
            yield FieldError(id="decided-by-error")
            yield Label(_("Why (optional)"))
            yield FormationInput("", id="reason")
            yield FieldError(id="reason-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Accept") if self.accept else _("Reject"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#decided-by", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without deciding."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the decision to the caller (which records it with formation)."""
        request = DecisionRequest(self.query_one("#decided-by", Input).value.strip(),
                                  optional(self.query_one("#reason", Input).value))
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
