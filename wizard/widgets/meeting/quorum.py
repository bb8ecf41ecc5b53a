"""The quorum indicator: is the meeting quorate right now, and why (from formation.roll)."""

from __future__ import annotations

from textual.widgets import Static

from formation import roll as meeting_roll
from formation.errors import FormationError
from formation.models.meetings import Meeting
from formation.procedure import QuorumCheck
from wizard.i18n import _
from wizard.session import Session
from wizard.widgets.plain import plain


def current_quorum(session: Session, meeting: Meeting) -> tuple[QuorumCheck | None, str]:
    """The quorum check as attendance stands, or None with the reason it cannot be computed.

    Args:
        session: the open workspace.
        meeting: the meeting.

    Returns:
        ``(check, "")`` or ``(None, reason)`` (no bylaws adopted yet, nobody entitled to vote).
    """
    if meeting.quorum is not None and meeting.status == "closed":
        q = meeting.quorum
        return QuorumCheck(q.quorate, q.required, q.counted, q.voting_members, q.community_counted,
                           q.community_required, q.explanation), ""
    try:
        rules = meeting_roll.rules_for(session, meeting)
        return meeting_roll.quorum_of(meeting, meeting_roll.load_roll(session, meeting), rules), ""
    except FormationError as error:
        return None, getattr(error, "detail", str(error))


class QuorumIndicator(Static):
    """One or two lines: ● QUORATE / ● NOT QUORATE, with formation's explanation."""

    DEFAULT_CSS = """
    QuorumIndicator { height: auto; padding: 0 1; }
    QuorumIndicator.-quorate { color: $success; }
    QuorumIndicator.-inquorate { color: $error; text-style: bold; }
    QuorumIndicator.-unknown { color: $warning; }
    """

    def show(self, session: Session, meeting: Meeting) -> QuorumCheck | None:
        """Recompute and show the quorum of ``meeting``; returns the check (or None)."""
        check, reason = current_quorum(session, meeting)
        self.set_class(check is not None and check.quorate, "-quorate")
        self.set_class(check is not None and not check.quorate, "-inquorate")
        self.set_class(check is None, "-unknown")
        if check is None:
            self.update(plain(_("Quorum unknown: {reason}").format(reason=reason)))
        elif check.quorate:
            self.update(plain(_("● QUORATE — {explanation}").format(explanation=check.explanation)))
        else:
            self.update(plain(_("● NOT QUORATE — {explanation}").format(explanation=check.explanation)))
        return check
