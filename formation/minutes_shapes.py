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


# ------------------------------------------------------------------------------ aggregate

TALLIES: Shape = {
    "agenda_items": int, "motions": int, "carried": int, "lost": int, "withdrawn": int,
    "amendments": int, "actions": int, "corrections": int,
}
"""How many of each thing the meeting's record holds (the aggregate minutes' summary)."""

AGGREGATE_MOTION: Shape = {
    "number": int, "heading": str, "kind": str, "rule": str, "has_vote": bool, "method": str, "counts": str,
    "in_favour": int, "against": int, "abstentions": int, "has_consensus": bool, "consensus": str,
    "amendments": [{"number": int, "result": str, "counts": str}],
    "result": str, "carried": bool, "explanation": str, "decision": str, "ratification": str,
}
"""A motion in the aggregate minutes: its kind, the rule, the counts and the result; never its
wording, its mover or a voter (free text and people are left out of the data)."""

AGGREGATE_MINUTES: Shape = {
    "organization": ORGANIZATION,
    "profile": str,
    "meeting": {"kind": str, "date": str, "iso_date": str, "status": str, "closing": str, "approval": str},
    "quorum": QUORUM,
    "attendance": {"counts": ATTENDANCE["counts"], "summary": str},
    "previous_minutes": [{"text": str}],
    "motions": [AGGREGATE_MOTION],
    "tallies": TALLIES,
}
"""``minutes/minutes-aggregate.docx``: counts and outcomes only."""

AGGREGATE_ATTENDANCE: Shape = {
    "organization": ORGANIZATION,
    "profile": str,
    "meeting": {"kind": str, "date": str},
    "quorum": QUORUM,
    "attendance": {"counts": ATTENDANCE["counts"], "summary": str},
}
"""``minutes/attendance-aggregate.docx``: the attendance counts and the quorum."""

AGGREGATE_DECISIONS: Shape = {
    "organization": ORGANIZATION,
    "profile": str,
    "decisions": [{
        "number": int, "date": str, "meeting": str, "kind": str, "rule": str, "outcome": str, "links": str,
        "status": str,
    }],
    "count": int,
    "tallies": {"in_force": int, "awaiting_ratification": int, "ratified": int},
}
"""``minutes/decisions-aggregate.docx``: each decision's kind, rule, counts and status, without its wording."""

AGGREGATE_ACTIONS: Shape = {
    "organization": ORGANIZATION,
    "profile": str,
    "today": str,
    "total": int,
    "open": int,
    "overdue": int,
    "done": int,
    "dropped": int,
}
"""``minutes/actions-aggregate.docx``: how many action items are open, overdue, done and dropped."""

AGGREGATE_SHAPES: dict[str, Shape] = {
    "minutes": AGGREGATE_MINUTES,
    "attendance": AGGREGATE_ATTENDANCE,
    "decisions": AGGREGATE_DECISIONS,
    "actions": AGGREGATE_ACTIONS,
}
"""Document name -> the shape of its aggregate context (``formation.minutes_aggregate``): no key
holds a name, an alias, a role tied to a person or any free text from the workspace."""


def shape_for(document: str, profile: str) -> Shape:
    """The shape of ``document``'s context under an export profile (``"internal"``,
    ``"shareable"`` or ``"aggregate"``); raises ``KeyError`` for an unknown document."""
    return AGGREGATE_SHAPES[document] if profile == "aggregate" else SHAPES[document]
