"""The bylaws, clause by clause: what each clause does, its options, and beside each option what
it means for who holds power. Optional clauses can be left out or put back, a clause can take the
group's own wording, and a version can be sent for review. The audit badge follows every change."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from formation import bylaws, contexts
from formation.clauses import ClauseLibrary, ClauseSpec, load_library
from formation.errors import FormationError, InputError, ValidationFailed
from formation.models.bylaws import BylawsDraft
from wizard import audit_view
from wizard.dialogs.clause_list import ClauseListDialog
from wizard.widgets.fields import FieldError, FormationInput
from wizard import bindings
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.screens.bylaws_edits import BylawsEdits
from wizard.widgets.audit_badge import AuditBadge
from wizard.widgets.plain import plain

STATUS_LABELS = {"draft": N_("draft"), "under_review": N_("under review"), "adopted": N_("adopted")}


def option_prompt(label: str, power: str, chosen: bool) -> Text:
    """An option as shown: a mark, its label, and under it the consequence for power."""
    text = Text()
    text.append("◉ " if chosen else "○ ", style="bold")
    text.append(label, style="bold" if chosen else "")
    text.append("\n   ⚖ " + power, style="italic")
    return text


class BylawsScreen(BylawsEdits, FlowScreen):
    """Edit the newest version of the bylaws, one clause at a time.

    Keys: n / p next and previous clause, l list of clauses, Enter chooses the highlighted option,
    o leaves an optional clause out (or puts a left-out clause back), t gives a clause the group's
    own wording, r sends the version for review, ctrl+n starts a new version (when the newest is
    adopted or under review).

    Args:
        session: the open workspace.
        clause_id: the clause to show first (the audit screen jumps here with one), or None.
    """

    STEP_ID = "bylaws"
    STEP_TITLE = N_("Bylaws")
    BINDINGS = bindings.BYLAWS_SCREEN

    def __init__(self, session, clause_id: str | None = None) -> None:  # noqa: ANN001 - a Session
        super().__init__(session)
        self.library_error = ""
        try:
            self.library = load_library()
        except FormationError as error:
            self.library = ClauseLibrary(articles=(), clauses={})
            self.library_error = str(error)
        self.clause_ids = list(self.library.clauses)
        self._parts_lock = asyncio.Lock()
        self.index = self.clause_ids.index(clause_id) if clause_id in self.clause_ids else 0

    # ------------------------------------------------------------------ layout
    def compose_body(self) -> ComposeResult:
        yield AuditBadge("", id="audit-badge")
        yield Static("", id="clause-heading")
        with VerticalScroll(id="clause-body"):
            yield Static("", id="clause-explanation", classes="hint")
            yield Static("", id="clause-message", classes="field-error")
            yield VerticalScroll(id="clause-parts")
        with Horizontal(id="start-bylaws", classes="buttons"):
            yield Button(_("Start the bylaws from the clause library"), id="start", variant="primary")

    def on_mount(self) -> None:
        self.show_clause()

    @property
    def draft(self) -> BylawsDraft | None:
        """The group's bylaws, or None before they are started."""
        return self.session.first(BylawsDraft)

    @property
    def clause(self) -> ClauseSpec:
        """The clause on screen."""
        return self.library.clauses[self.clause_ids[self.index]]

    def show_clause(self) -> None:
        """Rebuild the clause on screen from the library and the stored draft."""
        draft = self.draft
        if self.library_error:
            self.query_one("#start-bylaws").display = False
            self.query_one("#clause-body").display = False
            self.query_one("#clause-heading", Static).update(
                plain(_("The clause library could not be read, so the bylaws cannot be edited: {reason}").format(
                    reason=self.library_error)))
            return
        self.query_one("#start-bylaws").display = draft is None
        self.query_one("#clause-body").display = draft is not None
        badge = self.query_one("#audit-badge", AuditBadge)
        if draft is None:
            self.query_one("#clause-heading", Static).update(
                _("Your bylaws start from a library of clauses written for community-led groups. "
                  "You then go through them one by one and choose."))
            badge.show(None)
            return
        spec = self.clause
        version = draft.latest
        status = _(STATUS_LABELS[version.status])
        self.query_one("#clause-heading", Static).update(
            plain(_("Clause {i} of {n}: {title}  (v{v}, {status})").format(
                i=self.index + 1, n=len(self.clause_ids), title=spec.title, v=version.number, status=status)))
        self.query_one("#clause-explanation", Static).update(plain(spec.explanation))
        selection = version.clauses.get(spec.id)
        self.query_one("#clause-message", Static).update(plain(self._clause_state(spec, selection, status)))
        self.query_one("#clause-parts", VerticalScroll).display = selection is not None
        widgets: list[Widget] = []
        self._shown_values: dict[str, str] = {}
        for part in spec.choices:
            chosen = (selection.options.get(part.choice or "") if selection else None) or part.default_option.id
            widgets.append(Label(plain(part.question or ""), classes="field-label"))
            options = [Option(plain(option_prompt(o.label, o.power, o.id == chosen)), id=f"{part.choice}::{o.id}")
                       for o in part.options]
            widgets.append(OptionList(*options, id=f"choice-{part.choice}", classes="choice"))
        for name, pspec in spec.parameters.items():
            value = selection.parameters.get(name, pspec.default) if selection else pspec.default
            widgets.append(Label(plain(pspec.label), classes="field-label"))
            if pspec.help:
                widgets.append(Static(plain(pspec.help), classes="hint"))
            shown = _format_value(pspec.type, value)
            self._shown_values[name] = shown
            widgets.append(FormationInput(shown, id=f"param-{name}", classes="parameter"))
            widgets.append(FieldError(id=f"param-{name}-error"))
        self._show_parts(widgets)
        self.refresh_audit()

    @work(group="clause-parts")
    async def _show_parts(self, widgets: list[Widget]) -> None:
        """Replace the choices and parameters on screen, one replacement at a time: the old
        widgets are gone before the new ones (with the same ids) are mounted."""
        async with self._parts_lock:
            parts = self.query_one("#clause-parts", VerticalScroll)
            await parts.remove_children()
            await parts.mount_all(widgets)

    def _clause_state(self, spec: ClauseSpec, selection: object, status: str) -> str:
        """The line under the explanation: left out, own wording, or a version that no longer changes."""
        draft = self.draft
        editable = draft is not None and draft.latest.status == "draft"
        lines = []
        if not editable:
            lines.append(_("This version is {status} and can no longer change. Press ctrl+n to start a new "
                           "version.").format(status=status))
        if selection is None:
            lines.append(_("This clause is left out of this version.") +
                         (" " + _("Press o to put it back.") if editable else ""))
        elif getattr(selection, "custom_paragraphs", None) is not None:
            lines.append(_("This clause uses your own wording (t to see or change it)."))
        elif spec.optional and editable:
            lines.append(_("Optional: press o to leave it out."))
        return "\n".join(lines)

    def refresh_audit(self) -> None:
        """Run the power audit on the draft as it stands and show the badge."""
        draft = self.draft
        if draft is not None:
            self.query_one("#audit-badge", AuditBadge).show(audit_view.summarize(self.session, draft))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "start" only before the bylaws exist, and clause moves only after."""
        if action == "start":
            return self.draft is None and not self.library_error
        if action in ("next_clause", "previous_clause", "list_clauses", "new_version"):
            return self.draft is not None
        if action in ("leave_out_or_include", "own_wording", "send_for_review"):
            draft = self.draft
            return draft is not None and draft.latest.status == "draft" and not self.library_error
        return True

    # ------------------------------------------------------------------ changing
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        """Start the bylaws: version 1 with every clause's default choices, and the clauses the
        chosen legal form requires (``formation.bylaws.clauses_for_form``), such as the head
        office clause a Thai association's regulations need."""
        if self.draft is not None:
            return
        org = self.session.organization
        draft = bylaws.new_draft(on=self.app.today(), organization=org, include=self._required_clauses(),
                                 library=self.library)
        self.session.put(draft)
        self.changed()
        self.show_clause()
        self.refresh_bindings()

    def _required_clauses(self) -> list[str]:
        """The clauses the group's legal form requires, or none before a form is chosen."""
        org = self.session.organization
        if org is None or not org.legal_context_id or not org.legal_form_id:
            return []
        try:
            return bylaws.clauses_for_form(contexts.load_context(org.legal_context_id), org.legal_form_id,
                                           library=self.library)
        except FormationError:
            return []  # the legal form is not in its context any more: the Structure step says so

    @on(OptionList.OptionSelected, ".choice")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "steps":
            return
        draft = self.draft
        if draft is None or not event.option.id:
            return
        choice_id, option_id = event.option.id.split("::", 1)
        try:
            updated = bylaws.set_option(draft, self.clause.id, choice_id, option_id, library=self.library)
        except FormationError as error:
            self.query_one("#clause-message", Static).update(plain(getattr(error, "detail", str(error))))
            return
        self.session.put(updated)
        part = self.clause.choice(choice_id)
        if part is not None:
            for index, option in enumerate(part.options):
                event.option_list.replace_option_prompt_at_index(
                    index, option_prompt(option.label, option.power, option.id == option_id))
        self.refresh_audit()
        self.changed()

    @on(Input.Changed, ".parameter")
    def _parameter_changed(self, event: Input.Changed) -> None:
        draft = self.draft
        if draft is None or event.input.id is None:
            return
        name = event.input.id.removeprefix("param-")
        if self._shown_values.get(name) == event.value:
            return  # the value as shown, not a change
        self._shown_values[name] = event.value
        error_line = self.query_one(f"#param-{name}-error", Static)
        try:
            updated = bylaws.set_parameter(draft, self.clause.id, name, event.value, library=self.library)
        except ValidationFailed as error:
            error_line.update(plain("; ".join(msg for _field, msg in error.problems)))
            return
        except InputError as error:
            error_line.update(plain(error.detail))
            return
        error_line.update("")
        if updated == draft:
            return
        self.session.put(updated)
        self.refresh_audit()
        self.changed()

    def action_new_version(self) -> None:
        """Start a new version from the newest one (to change adopted bylaws)."""
        draft = self.draft
        if draft is None or draft.latest.status == "draft":
            return
        self.session.put(bylaws.new_version(draft, on=self.app.today()))
        self.changed()
        self.show_clause()

    # ------------------------------------------------------------------ moving
    def go_to_clause(self, clause_id: str) -> None:
        """Show the clause with this id."""
        if clause_id in self.clause_ids:
            self.index = self.clause_ids.index(clause_id)
            self.show_clause()

    def action_next_clause(self) -> None:
        """Show the next clause."""
        if self.index < len(self.clause_ids) - 1:
            self.index += 1
            self.show_clause()

    def action_previous_clause(self) -> None:
        """Show the previous clause."""
        if self.index > 0:
            self.index -= 1
            self.show_clause()

    def action_list_clauses(self) -> None:
        """Pick a clause from the list."""
        if not self.clause_ids:
            return
        items = [(spec.id, spec.title) for spec in self.library.clauses.values()]
        self.app.push_screen(ClauseListDialog(items, self.clause.id),
                             lambda chosen: self.go_to_clause(chosen) if chosen else None)


def _format_value(ptype: str, value: object) -> str:
    from formation.clause_text import format_value

    try:
        return format_value(ptype, value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
