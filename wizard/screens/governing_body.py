"""The governing body and its officers: who holds each seat and office, how the seat is filled, since
when, and whether it votes. Part of the Members step (seats and offices are held by members); the
audit badge follows every change, since the power audit measures the governing body as recorded."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Label, Static, TabbedContent, TabPane

from wizard.widgets.plain import plain, PlainDataTable

from formation.errors import InputError
from formation.models import GoverningBody, Member, Officer, Seat
from formation.models.bylaws import BylawsDraft
from wizard import audit_view, bindings
from wizard.dialogs.confirm import ConfirmDialog
from wizard.dialogs.officer import OfficerDialog, role_label
from wizard.dialogs.seat import SOURCE_LABELS, SeatDialog
from wizard.forms import build
from wizard.i18n import N_, _, ngettext
from wizard.screens.base import FlowScreen
from wizard.widgets.audit_badge import AuditBadge
from wizard.widgets.fields import FieldError, FormationInput

SHORT_SOURCE = {
    "general_meeting": N_("elected"),
    "co_opted": N_("co-opted"),
    "partner_appointed": N_("partner's appointee"),
    "registrar_nominated": N_("registrar's nominee"),
    "ex_officio": N_("ex officio"),
}


class GoverningBodyScreen(FlowScreen):
    """Seats and officers. Keys: a add, e or Enter edit, x remove (on the tab shown), 1 seats,
    2 officers, escape back to the member register. The name is kept when Enter is pressed or the
    field is left."""

    STEP_ID = "members"
    STEP_TITLE = N_("Governing body and officers")
    BINDINGS = bindings.GOVERNING_BODY_SCREEN

    @property
    def HELP_TOPIC(self) -> str:  # noqa: N802
        return "governing_body"

    def compose_body(self) -> ComposeResult:
        yield AuditBadge("", id="audit-badge")
        body = self.body
        yield Label(_("What the group calls it (committee, board, council)"), classes="field-label")
        yield FormationInput(body.name if body else "committee", id="body-name")
        yield FieldError(id="body-name-error")
        yield Static("", id="body-summary", classes="hint")
        with TabbedContent(id="body-tabs"):
            with TabPane(_("Seats"), id="tab-seats"):
                yield PlainDataTable(id="seats", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Officers"), id="tab-officers"):
                yield PlainDataTable(id="officers", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#seats", DataTable).add_columns(_("No."), _("Held by"), _("How filled"), _("Since"), _("Vote"))
        self.query_one("#officers", DataTable).add_columns(_("Role"), _("Held by"), _("Since"))
        self.reload()
        self.query_one("#seats", DataTable).focus()

    @property
    def body(self) -> GoverningBody | None:
        """The governing body as stored, or None before one is recorded."""
        return self.session.first(GoverningBody)

    def _holder(self, member_id: object, external: str | None, names: dict[object, str]) -> str:
        if member_id is not None:
            return names.get(member_id, _("a former member"))
        return external if external else _("vacant")

    def reload(self) -> None:
        """Redraw the seats, the officers, the summary and the audit badge from the session."""
        body = self.body
        names = {m.id: m.work_name for m in self.session.all(Member)}
        seats = self.query_one("#seats", DataTable)
        row = seats.cursor_row
        seats.clear()
        for number, seat in enumerate(body.seats if body else [], start=1):
            seats.add_row(str(number), self._holder(seat.member_id, seat.external_holder, names),
                          _(SHORT_SOURCE[seat.source]), seat.since.isoformat() if seat.since else "—",
                          _("votes") if seat.votes else _("advisory"), key=str(number - 1))
        if seats.row_count:
            seats.move_cursor(row=min(row, seats.row_count - 1))
        officers = self.query_one("#officers", DataTable)
        row = officers.cursor_row
        officers.clear()
        for index, officer in enumerate(body.officers if body else []):
            officers.add_row(role_label(officer), self._holder(officer.member_id, officer.external_holder, names),
                             officer.since.isoformat() if officer.since else "—", key=str(index))
        if officers.row_count:
            officers.move_cursor(row=min(row, officers.row_count - 1))
        summary = self.query_one("#body-summary", Static)
        if body is None or not (body.seats or body.officers):
            summary.update(_("No seats recorded yet. Press a to add the seats as the general meeting filled them."))
        else:
            voting = sum(1 for s in body.seats if s.votes)
            vacant = sum(1 for s in body.seats if s.is_vacant)
            summary.update(plain(" · ".join([
                ngettext("{n} seat", "{n} seats", len(body.seats)).format(n=len(body.seats)),
                ngettext("{n} voting", "{n} voting", voting).format(n=voting),
                ngettext("{n} vacant", "{n} vacant", vacant).format(n=vacant),
                ngettext("{n} officer", "{n} officers", len(body.officers)).format(n=len(body.officers)),
            ])))
        self.refresh_audit()

    def refresh_audit(self) -> None:
        """Show what the power audit says now that the governing body changed."""
        draft = self.session.first(BylawsDraft)
        badge = self.query_one("#audit-badge", AuditBadge)
        badge.show(audit_view.summarize(self.session, draft) if draft is not None else None)

    # ------------------------------------------------------------------ changing
    def _store(self, *, name: str | None = None, seats: list[Seat] | None = None,
               officers: list[Officer] | None = None) -> bool:
        """Keep the governing body with the parts given replaced; False (and the reason shown) if
        formation refuses it."""
        body = self.body
        values = body.model_dump(mode="json") if body is not None else {}
        if name is not None:
            values["name"] = name
        if seats is not None:
            values["seats"] = [s.model_dump(mode="json") for s in seats]
        if officers is not None:
            values["officers"] = [o.model_dump(mode="json") for o in officers]
        error_line = self.query_one("#body-name-error", FieldError)
        try:
            updated = build(GoverningBody, values, source=_("governing body"))
        except InputError as error:
            error_line.update(plain(getattr(error, "detail", str(error)) if not hasattr(error, "problems")
                              else "; ".join(message for _field, message in error.problems)))
            return False
        error_line.update("")
        if updated != body:
            self.session.put(updated)
            self.changed()
            self.reload()
        return True

    def _tab(self) -> str:
        return self.query_one("#body-tabs", TabbedContent).active

    def _selected(self, table_id: str) -> int | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_add(self) -> None:
        """Add a seat or an officer (on the tab shown)."""
        members = self.session.all(Member)
        body = self.body
        if self._tab() == "tab-officers":
            officers = list(body.officers) if body else []
            self.app.push_screen(OfficerDialog(members),
                                 lambda o: self._store(officers=[*officers, o]) if o is not None else None)
        else:
            seats = list(body.seats) if body else []
            self.app.push_screen(SeatDialog(members), lambda s: self._store(seats=[*seats, s]) if s is not None else None)

    def action_edit(self) -> None:
        """Edit the highlighted seat or officer."""
        body = self.body
        if body is None:
            return
        members = self.session.all(Member)
        if self._tab() == "tab-officers":
            index = self._selected("officers")
            if index is None:
                return

            def keep_officer(officer: Officer | None) -> None:
                if officer is not None:
                    self._store(officers=[officer if i == index else o for i, o in enumerate(body.officers)])

            self.app.push_screen(OfficerDialog(members, body.officers[index]), keep_officer)
        else:
            index = self._selected("seats")
            if index is None:
                return

            def keep_seat(seat: Seat | None) -> None:
                if seat is not None:
                    self._store(seats=[seat if i == index else s for i, s in enumerate(body.seats)])

            self.app.push_screen(SeatDialog(members, body.seats[index]), keep_seat)

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_edit()

    def action_remove(self) -> None:
        """Remove the highlighted seat or officer (asks first)."""
        body = self.body
        if body is None:
            return
        officers_tab = self._tab() == "tab-officers"
        index = self._selected("officers" if officers_tab else "seats")
        if index is None:
            return
        if officers_tab:
            question = _("Remove the role {role} from the officers?").format(role=role_label(body.officers[index]))
        else:
            question = _("Remove seat {n} from the {body}? (To record that its holder left, edit the seat and "
                         "choose 'Nobody yet' instead.)").format(n=index + 1, body=body.name)

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            if officers_tab:
                self._store(officers=[o for i, o in enumerate(body.officers) if i != index])
            else:
                self._store(seats=[s for i, s in enumerate(body.seats) if i != index])

        self.app.push_screen(ConfirmDialog(question, _("Remove")), answer)

    @on(Input.Submitted, "#body-name")
    def _name_submitted(self) -> None:
        self.commit_edits()
        self.query_one("#seats" if self._tab() == "tab-seats" else "#officers", DataTable).focus()

    def on_descendant_blur(self, event: object) -> None:
        if getattr(getattr(event, "widget", None), "id", None) == "body-name" and self.is_attached:
            self.commit_edits()

    def commit_edits(self) -> None:
        """Keep the governing body's name as typed (before a lock or quit, on Enter, on leaving it)."""
        if not self.session.is_open:
            return
        typed = self.query_one("#body-name", Input).value
        body = self.body
        if body is None and typed.strip() in ("", "committee"):
            return  # nothing recorded yet, and nothing to record
        if body is None or typed != body.name:
            self._store(name=typed)

    def action_show_tab(self, tab: str) -> None:
        """Show the seats or the officers, and focus its table."""
        self.query_one("#body-tabs", TabbedContent).active = tab
        self.query_one("#seats" if tab == "tab-seats" else "#officers", DataTable).focus()

    def action_back(self) -> None:
        """Back to the member register."""
        self.commit_edits()
        self.app.go_to("members")  # type: ignore[attr-defined]
