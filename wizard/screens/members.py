"""Members: work names, membership class, and (only when asked) community status. The governing
body and its officers (g) are part of this step: members hold the seats and offices."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from wizard.widgets.plain import plain, PlainDataTable

from formation.models import Member
from wizard.dialogs.confirm import ConfirmDialog
from wizard.dialogs.member import MemberDialog
from wizard import bindings
from wizard.i18n import N_, _, ngettext
from wizard.screens.base import FlowScreen

CLASS_LABELS = {"voting": N_("voting"), "supporting": N_("supporting")}
COMMUNITY_LABELS = {"yes": N_("community"), "no": N_("supporter"), "undisclosed": N_("not recorded")}


class MembersScreen(FlowScreen):
    """The member register, by work name. Community status is hidden unless shown with ``c``
    (the power audit uses it; nobody needs to see it to run a meeting)."""

    STEP_ID = "members"
    STEP_TITLE = N_("Members")
    BINDINGS = bindings.MEMBERS_SCREEN

    show_community = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="members-summary", classes="hint")
        yield PlainDataTable(id="members-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Redraw the register from the session."""
        table = self.query_one("#members-table", DataTable)
        table.clear(columns=True)
        columns = [_("Work name"), _("Membership"), _("Joined"), _("Left")]
        if self.show_community:
            columns.append(_("Community status"))
        table.add_columns(*columns)
        members = sorted(self.session.all(Member), key=lambda m: (not m.is_current, m.work_name.casefold()))
        for m in members:
            row = [
                m.work_name,
                _(CLASS_LABELS[m.membership_class]),
                m.joined_on.isoformat() if m.joined_on else "—",
                m.left_on.isoformat() if m.left_on else "",
            ]
            if self.show_community:
                row.append(_(COMMUNITY_LABELS[m.community_member]))
            table.add_row(*row, key=str(m.id))
        current = [m for m in members if m.is_current]
        voting = sum(1 for m in current if m.is_voting)
        summary = ngettext("{n} member", "{n} members", len(current)).format(n=len(current))
        summary += " · " + ngettext("{n} voting", "{n} voting", voting).format(n=voting)
        summary += " · " + _("g: governing body and officers")
        if not members:
            summary = _("No members yet. Press 'a' to add the first one (a work name is enough).")
        self.query_one("#members-summary", Static).update(plain(summary))

    def _selected(self) -> Member | None:
        table = self.query_one("#members-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        for m in self.session.all(Member):
            if str(m.id) == key:
                return m
        return None

    def action_add_member(self) -> None:
        """Add a member (a form)."""
        self.app.push_screen(MemberDialog(None, self.session.all(Member)), self._keep)

    def action_edit_member(self) -> None:
        """Edit the highlighted member."""
        member = self._selected()
        if member is not None:
            self.app.push_screen(MemberDialog(member, self.session.all(Member)), self._keep)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_member()

    def _keep(self, member: Member | None) -> None:
        if member is None:
            return
        self.session.put(member)
        self.changed()
        self.reload()

    def action_remove_member(self) -> None:
        """Remove the highlighted member from the register (asks first)."""
        member = self._selected()
        if member is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.session.remove(Member, member.id)
                self.changed()
                self.reload()

        self.app.push_screen(
            ConfirmDialog(
                _("Remove {name} from the register? To record that someone left, edit them and set 'Left on' instead.").format(
                    name=member.work_name
                ),
                _("Remove"),
            ),
            answer,
        )

    def action_governing_body(self) -> None:
        """Show the governing body and its officers (seats and offices are held by members)."""
        from wizard.screens.governing_body import GoverningBodyScreen

        self.app.switch_screen(GoverningBodyScreen(self.session))

    def action_toggle_community(self) -> None:
        """Show or hide the community status column."""
        self.show_community = not self.show_community
        self.reload()
