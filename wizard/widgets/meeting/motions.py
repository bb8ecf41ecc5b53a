"""The motions of a meeting: number, wording, result; the pending one is marked, and each
amendment is listed under its motion (2.1, 2.2...)."""

from __future__ import annotations

from uuid import UUID

from textual.widgets import DataTable

from wizard.widgets.plain import PlainDataTable

from formation.models.meetings import Meeting, Motion
from wizard.i18n import N_, _

RESULT_LABELS = {
    "pending": N_("PENDING"),
    "carried": N_("carried"),
    "lost": N_("lost"),
    "withdrawn": N_("withdrawn"),
    "fallback_vote_needed": N_("vote needed"),
}


SHOWN_CHARS = 34
"""Motion wording shown in the table (the whole text is in the vote form and the minutes)."""


def pending_motion(meeting: Meeting) -> Motion | None:
    """The motion before the meeting (pending or awaiting a fallback vote), or None."""
    return next((m for m in meeting.motions if m.result in ("pending", "fallback_vote_needed")), None)


class MotionsTable(PlainDataTable):
    """The motions in order."""

    def __init__(self) -> None:
        super().__init__(id="motions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.add_columns(_("No."), _("Motion"), _("Result"))

    def show(self, meeting: Meeting) -> None:
        """Redraw from ``meeting``."""
        self.clear()
        for motion in meeting.motions:
            self.add_row(str(motion.number), _shown(motion.text), _(RESULT_LABELS[motion.result]), key=str(motion.id))
            for index, amendment in enumerate(motion.amendments, start=1):
                self.add_row(f"{motion.number}.{index}", _shown(_("amend: {text}").format(text=amendment.text)),
                             _(RESULT_LABELS[amendment.result]), key=f"{motion.id}:{index}")

    def selected(self) -> UUID | None:
        """The id of the highlighted motion, or None."""
        if not self.row_count:
            return None
        return UUID(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value.split(":")[0])


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
