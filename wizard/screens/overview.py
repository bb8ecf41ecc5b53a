"""The consultant overview: several groups' workspaces, each opened with its own passphrase, side
by side: stage of formation, power audit verdict, next registration step, what is due soon, and
handover items overdue. No member name appears on it.

Each workspace is opened, read into a ``formation.overview.GroupSnapshot`` (which withholds every
member's name) and closed again at once (``wizard.dialogs.open_workspace``); the overview itself
is ``formation.overview.consultant_overview``. Reachable before any workspace is unlocked (from
the first screen) and from the command palette; after inactivity it forgets what it read.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState

from wizard.widgets.plain import plain, PlainDataTable

from formation.overview import NOT_AUDITABLE, GroupOverview, GroupSnapshot, consultant_overview
from wizard import bindings
from wizard.dialogs.open_workspace import OpenWorkspaceDialog
from wizard.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from wizard.session import Session

STAGE_LABELS = {
    "gathering": N_("Gathering"),
    "drafting_bylaws": N_("Drafting bylaws"),
    "founded": N_("Founded"),
    "registering": N_("Registering"),
    "registered": N_("Registered"),
    "unregistered_collective": N_("Unregistered collective"),
}
"""``formation.overview.Stage`` values."""

VERDICT_LABELS = {"community-led": N_("community-led"), "community-based": N_("community-based")}


def audit_cell(line: GroupOverview) -> Text:
    """The audit's verdict, or why there is none."""
    if line.audit_verdict is None:
        return Text(_("not audited yet"))
    if line.audit_verdict == NOT_AUDITABLE:
        return Text(_("cannot be audited"), style="yellow")
    style = "green" if line.audit_verdict == "community-led" else "bold red"
    return Text(_(VERDICT_LABELS.get(line.audit_verdict, line.audit_verdict)), style=style)


def handover_cell(line: GroupOverview) -> Text:
    """How many handover roles are past their date, in red, or a dash."""
    late = len(line.handover_overdue)
    return Text(_("{n} late").format(n=late), style="bold red") if late else Text("—")


def due_cell(line: GroupOverview) -> Text:
    """How many dated items are due soon, and how many are overdue (in red)."""
    late = sum(1 for d in line.due if d.overdue)
    text = Text(str(len(line.due) - late))
    if late:
        text.append(" " + _("+{n} late").format(n=late), style="bold red")
    return text


def group_details(line: GroupOverview) -> Text:
    """The highlighted group in full: next step, each item due, each handover overdue."""
    text = Text()
    text.append((line.organization or _("(no name recorded)")) + f"  [{line.label}]\n", style="bold")
    text.append(_("Stage: {stage}").format(stage=_(STAGE_LABELS.get(line.stage, line.stage))) + "\n")
    if line.audit_verdict is None:
        text.append(_("Power audit: not audited yet (no bylaws)") + "\n")
    elif line.audit_verdict == NOT_AUDITABLE:
        text.append(_("Power audit: the bylaws cannot be audited as they stand; open the workspace to see why") + "\n")
    else:
        text.append(_("Power audit: {verdict}, {findings}").format(
            verdict=_(VERDICT_LABELS.get(line.audit_verdict, line.audit_verdict)),
            findings=ngettext("{n} finding", "{n} findings", line.audit_findings).format(n=line.audit_findings)) + "\n")
    text.append(_("Next registration step: {step}").format(step=line.next_step or _("none that can be done now"))
                + "\n")
    if line.due:
        text.append(_("Due soon or overdue:") + "\n", style="bold")
        for item in line.due:
            flag = _("OVERDUE") + " " if item.overdue else ""
            text.append(f"  {item.due.isoformat()}  ")
            text.append(flag, style="bold red")
            text.append(item.title + "\n")
    else:
        text.append(_("Nothing due in the coming days.") + "\n")
    if line.handover_overdue:
        text.append(_("Handover overdue:") + "\n", style="bold red")
        for h in line.handover_overdue:
            text.append("  " + _("{due}  {role} (held today by {holder})").format(
                due=h.due.isoformat(), role=h.role, holder=h.held_by) + "\n")
    if line.missing_facts:
        text.append(_("Dates still needed: {facts}").format(facts="; ".join(line.missing_facts)) + "\n")
    return text


class OverviewScreen(Screen[None]):
    """The overview of the workspaces added here (and of the one open now, if any).

    Args:
        session: the workspace unlocked in this window, or None (it is then not part of the overview).
    """

    HELP_TOPIC = "overview"
    BINDINGS = bindings.OVERVIEW_SCREEN
    DEFAULT_CSS = """
    OverviewScreen #overview-body { padding: 0 1; height: 1fr; }
    OverviewScreen #overview-table { height: auto; max-height: 10; }
    OverviewScreen #overview-details { height: auto; margin: 1 0 0 0; }
    OverviewScreen #overview-title { padding: 0 1; margin: 0; background: $panel; width: 100%; }
    OverviewScreen #overview-intro { height: auto; }
    """

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self.session = session
        self.entries: list[tuple[Path, GroupSnapshot]] = []
        self.lines: list[GroupOverview] = []

    def compose(self) -> ComposeResult:
        yield Static(_("Consultant overview"), classes="title", id="overview-title")
        with VerticalScroll(id="overview-body"):
            yield Static("", id="overview-intro", classes="hint")
            yield PlainDataTable(id="overview-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="overview-details")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#overview-table", DataTable).add_columns(_("Group"), _("Stage"), _("Audit"), _("Due"),
                                                                 _("Handover"))
        self.set_interval(5.0, self._forget_when_idle, name="overview-idle")
        if self.session is not None and self.session.is_open:
            self._read_current(self.session)
        self.show()
        self.query_one("#overview-table", DataTable).focus()

    @work(thread=True, exclusive=True, group="overview-current", exit_on_error=False)
    def _read_current(self, session: Session) -> GroupSnapshot:
        from formation.overview import read_snapshot

        return read_snapshot(session)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "overview-current" and event.state == WorkerState.SUCCESS and self.session is not None:
            self.entries.insert(0, (self.session.path.resolve(), event.worker.result))
            self.show()

    def show(self) -> None:
        """Recompute the overview as of today and redraw it."""
        today = self.app.today()  # type: ignore[attr-defined]
        self.lines = consultant_overview([s for _p, s in self.entries], as_of=today)
        count = len(self.lines)
        intro = self.query_one("#overview-intro", Static)
        if not count:
            intro.update(_("Press a to add a group's workspace; each opens with its own passphrase and closes again "
                           "once read. No member name is shown here."))
        else:
            intro.update(plain(ngettext("{n} group as of {date}. a adds another; no member name is shown here.",
                                  "{n} groups as of {date}. a adds another; no member name is shown here.",
                                  count).format(n=count, date=today.isoformat())))
        table = self.query_one("#overview-table", DataTable)
        row = table.cursor_row
        table.clear()
        for path_and_snapshot, line in zip(self.entries, self.lines):
            table.add_row(Text(line.organization or _("(no name recorded)")),
                          Text(_(STAGE_LABELS.get(line.stage, line.stage))), audit_cell(line), due_cell(line),
                          handover_cell(line), key=str(path_and_snapshot[0]))
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self._details(table.cursor_row)

    @on(DataTable.RowHighlighted, "#overview-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._details(event.cursor_row)

    def _details(self, row: int) -> None:
        details = self.query_one("#overview-details", Static)
        details.update(plain(group_details(self.lines[row]) if 0 <= row < len(self.lines) else ""))

    def action_add_workspace(self) -> None:
        """Open one more workspace with its own passphrase and add it to the overview."""
        taken = {p for p, _s in self.entries}
        if self.session is not None:
            taken.add(self.session.path.resolve())
        allow = bool(getattr(self.app, "allow_plaintext", False))

        def added(result: tuple[Path, GroupSnapshot] | None) -> None:
            if result is not None:
                self.entries.append(result)
                self.show()
                table = self.query_one("#overview-table", DataTable)
                table.move_cursor(row=table.row_count - 1)

        self.app.push_screen(OpenWorkspaceDialog(taken, allow_plaintext=allow), added)

    def action_remove_workspace(self) -> None:
        """Take the highlighted group off the overview (its workspace is not touched)."""
        table = self.query_one("#overview-table", DataTable)
        if 0 <= table.cursor_row < len(self.entries):
            del self.entries[table.cursor_row]
            self.show()

    def action_back(self) -> None:
        """Leave the overview (what it read is forgotten)."""
        self.entries.clear()
        self.app.pop_screen()

    def _forget_when_idle(self) -> None:
        """After the inactivity delay, forget every group read (as the workspace locks itself)."""
        last = getattr(self.app, "_last_activity", None)
        limit = getattr(self.app, "lock_after", None)
        if self.entries and last is not None and limit is not None and time.monotonic() - last >= limit:
            self.entries.clear()
            self.show()
            self.query_one("#overview-intro", Static).update(
                _("The overview was cleared after a while without use. Press a to add the workspaces again."))
