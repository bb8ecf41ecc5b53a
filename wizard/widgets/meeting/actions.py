"""Action items: who does what by when (owners by work name)."""

from __future__ import annotations

from textual.widgets import DataTable

from wizard.widgets.plain import PlainDataTable

from formation.models import Member
from formation.models.decisions import ActionItem
from wizard.i18n import N_, _
from wizard.session import Session

STATUS_LABELS = {"open": N_("open"), "done": N_("done"), "dropped": N_("dropped")}


class ActionItemsTable(PlainDataTable):
    """Action items, open ones first."""

    def __init__(self) -> None:
        super().__init__(id="action-items", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.add_columns(_("What"), _("Who"), _("Due"), _("Status"))

    def show(self, session: Session, items: list[ActionItem]) -> None:
        """Redraw with ``items``."""
        names = {m.id: m.work_name for m in session.all(Member)}
        self.clear()
        for item in sorted(items, key=lambda i: (i.status != "open", i.due.isoformat() if i.due else "9999")):
            self.add_row(item.what, names.get(item.owner_id, "—"), item.due.isoformat() if item.due else "—",
                         _(STATUS_LABELS[item.status]), key=str(item.id))
