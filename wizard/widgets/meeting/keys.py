"""The keys of a screen that holds one meeting (``wizard.bindings.MEETING``), passed to its panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.widgets.meeting.panel import MeetingPanel


class MeetingKeys:
    """Mixin for a screen holding one ``MeetingPanel``: the actions of ``wizard.bindings.MEETING``."""

    def _panel(self) -> MeetingPanel | None:
        from wizard.widgets.meeting.panel import MeetingPanel

        found = self.query(MeetingPanel)  # type: ignore[attr-defined]
        return found.first() if found else None

    def action_move_motion(self) -> None:
        """Move a motion."""
        if (panel := self._panel()) is not None:
            panel.action_move_motion()

    def action_vote(self) -> None:
        """Record the vote on the pending motion."""
        if (panel := self._panel()) is not None:
            panel.action_vote()

    def action_amend(self) -> None:
        """Move an amendment to the pending motion."""
        if (panel := self._panel()) is not None:
            panel.action_amend()

    def action_roll_call(self) -> None:
        """Record the vote on the pending motion (or its amendment) as a roll call."""
        if (panel := self._panel()) is not None:
            panel.action_roll_call()

    def action_adjourn(self) -> None:
        """Put a motion to adjourn."""
        if (panel := self._panel()) is not None:
            panel.action_adjourn()

    def action_withdraw(self) -> None:
        """Withdraw the pending motion."""
        if (panel := self._panel()) is not None:
            panel.action_withdraw()

    def action_add_action(self) -> None:
        """Add an action item."""
        if (panel := self._panel()) is not None:
            panel.action_add_action()

    def action_close_meeting(self) -> None:
        """Close the meeting."""
        if (panel := self._panel()) is not None:
            panel.action_close_meeting()

    def action_approve_previous(self) -> None:
        """Approve the previous meeting's minutes."""
        if (panel := self._panel()) is not None:
            panel.action_approve_previous()

    def action_meeting_tab(self, tab: str) -> None:
        """Show the attendance, motions or actions tab (and focus its table)."""
        if (panel := self._panel()) is not None:
            panel.show_tab(tab)
