"""Translatable names for the values formation stores (meeting kinds, minutes states)."""

from __future__ import annotations

from formation.models.meetings import Meeting
from wizard.i18n import N_, _

MEETING_KIND_TITLES = {
    "founding": N_("Founding meeting"),
    "general": N_("General meeting"),
    "agm": N_("Annual general meeting"),
    "special_general": N_("Special general meeting"),
    "governing_body": N_("Governing body meeting"),
    "committee": N_("Committee meeting"),
    "gathering": N_("Gathering or training"),
}

MINUTES_STATES = {
    ("draft", False): N_("Draft"),
    ("approved", False): N_("Approved"),
    ("approved", True): N_("Approved as corrected"),
}


def meeting_heading(meeting: Meeting) -> str:
    """The meeting's own title, or its kind's name in the current language."""
    if meeting.title:
        return meeting.title
    return _(MEETING_KIND_TITLES.get(meeting.meeting_kind, meeting.meeting_kind))


def minutes_label(meeting: Meeting) -> str:
    """"Draft", "Approved", "Approved as corrected", with ", locked" once locked."""
    state = meeting.minutes
    text = _(MINUTES_STATES.get((state.status, state.as_corrected and state.status == "approved"), state.status))
    return _("{state}, locked").format(state=text) if state.locked else text
