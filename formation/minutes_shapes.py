"""The declared shapes of the minutes documents' render contexts (``formation.documents.shape``).

Each layout in ``templates/minutes/`` may use exactly these variables: the tests lint every
bundled layout against its shape (strict: warnings are errors) and check every context the code
builds against it (``conform``), so a layout and its context cannot drift apart unnoticed.
"""

from __future__ import annotations

from formation.documents.shape import Shape

ORGANIZATION: Shape = {"name": str}

QUORUM: Shape = {"known": bool, "quorate": bool, "text": str, "rule": str}

ATTENDANCE: Shape = {
    "present": str,
    "remote": str,
    "proxies": str,
    "apologies": str,
    "absent": str,
    "without_vote": str,
    "register": [{"name": str, "role": str, "presence": str}],
    "counts": {
        "in_person": int, "remote": int, "proxies": int, "apologies": int, "absent": int,
        "supporters": int, "observers": int, "voting_present": int,
    },
    "summary": str,
}
"""Each group of names is one line of text (empty when share-safe); ``register`` is filled for
the attendance register only."""

ACTION: Shape = {"what": str, "owner": str, "due": str, "status": str, "completed": str}

MOTION: Shape = {
    "number": int, "heading": str, "text": str, "amended": bool, "original_text": str, "mover": str,
    "kind": str, "rule": str, "has_vote": bool, "method": str, "counts": str, "in_favour": int,
    "against": int, "abstentions": int, "has_roll_call": bool, "roll_call": [{"name": str, "vote": str}],
    "has_consensus": bool, "consensus": str, "stand_asides": [{"name": str, "reason": str}],
    "blocks": [{"name": str, "reason": str}],
    "amendments": [{"text": str, "mover": str, "result": str, "counts": str}],
    "result": str, "carried": bool, "explanation": str, "decision": str, "ratification": str,
}

MINUTES: Shape = {
    "organization": ORGANIZATION,
    "share_safe": bool,
    "meeting": {
        "heading": str, "kind": str, "date": str, "subtitle": str, "iso_date": str, "time": str,
        "place": str, "chair": str, "minute_taker": str, "notes": str, "closing": str, "status": str,
        "approval": str,
    },
    "quorum": QUORUM,
    "attendance": ATTENDANCE,
    "previous_minutes": [{"text": str}],
    "agenda": [{"number": int, "title": str, "notes": str}],
    "motions": [MOTION],
    "actions": [ACTION],
    "corrections": [{"date": str, "text": str}],
}
"""``minutes/minutes.docx`` and ``minutes/minutes-share-safe.docx``."""

ATTENDANCE_REGISTER: Shape = {
    "organization": ORGANIZATION,
    "share_safe": bool,
    "meeting": {"heading": str, "kind": str, "date": str},
    "quorum": QUORUM,
    "attendance": ATTENDANCE,
}
"""``minutes/attendance.docx`` and its share-safe variant."""

DECISIONS_REGISTER: Shape = {
    "organization": ORGANIZATION,
    "share_safe": bool,
    "decisions": [{
        "number": int, "date": str, "meeting": str, "text": str, "kind": str, "rule": str,
        "outcome": str, "links": str, "status": str,
    }],
    "count": int,
}
"""``minutes/decisions.docx`` and its share-safe variant."""

ACTION_LIST: Shape = {
    "organization": ORGANIZATION,
    "share_safe": bool,
    "today": str,
    "actions": [ACTION],
    "open": int,
    "overdue": int,
}
"""``minutes/actions.docx`` and its share-safe variant."""

SHAPES: dict[str, Shape] = {
    "minutes": MINUTES,
    "attendance": ATTENDANCE_REGISTER,
    "decisions": DECISIONS_REGISTER,
    "actions": ACTION_LIST,
}
"""Document name -> the shape of its context (internal and share-safe layouts alike)."""
