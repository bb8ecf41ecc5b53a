"""Lookups and JSON summaries shared by the meeting commands (``formation.cli.meetings`` and
``formation.cli.meeting_records``). Nothing heavy is imported until a function runs."""

from __future__ import annotations

import argparse
from typing import Any

from formation.errors import InputError

MAX_RULES_BYTES = 1024 * 1024
"""The largest ``--rules`` file read (a ``GovernanceRules`` document is a few kilobytes)."""


def load_rules(args: argparse.Namespace) -> Any:
    """The ``GovernanceRules`` from ``--rules FILE``, or None when no file is given.

    Raises:
        InputError: the file is missing, unreadable, over ``MAX_RULES_BYTES``, not JSON, nested
            too deeply or holding a number too long to read (``formation.jsonsafe.parse_json``).
        ValidationFailed: the JSON is not a valid ``GovernanceRules`` (names the field).
    """
    path = getattr(args, "rules", None)
    if path is None:
        return None
    from pydantic import ValidationError

    from formation.errors import from_validation_error
    from formation.jsonsafe import parse_json
    from formation.models import GovernanceRules

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_RULES_BYTES + 1)
    except FileNotFoundError:
        raise InputError("no such file", source=str(path), field="--rules") from None
    except OSError:
        raise InputError("is not a readable JSON file", source=str(path), field="--rules") from None
    if len(raw) > MAX_RULES_BYTES:
        raise InputError("is larger than 1 MiB; not a rules file", source=str(path), field="--rules")
    try:
        data = parse_json(raw, source=str(path))
    except InputError as exc:
        if exc.detail != "is not valid JSON":
            raise  # nested too deeply, or a number too long: parse_json's message names the file
        raise InputError("is not a readable JSON file", source=str(path), field="--rules") from None
    try:
        return GovernanceRules.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc, source=str(path)) from None


def find_meeting(ws: Any, ref: str) -> Any:
    """A meeting by id or id prefix (8 characters or more)."""
    from formation.models import Meeting

    ref = ref.strip()
    found = [m for m in ws.all(Meeting) if str(m.id) == ref or (len(ref) >= 8 and str(m.id).startswith(ref))]
    if len(found) != 1:
        raise InputError("no single meeting matches (give the id shown by 'meetings list')", field="meeting")
    return found[0]


def member_id(ws: Any, ref: str | None, field: str) -> Any:
    """A member's UUID by id, id prefix or exact work name; None for None."""
    if ref is None:
        return None
    from formation.cli.members import find_member
    from formation.models import Member

    try:
        return find_member(ws.all(Member), ref).id
    except InputError as exc:
        raise InputError(exc.detail, field=field) from None


def motion_of(meeting: Any, number: str) -> Any:
    """A motion by its number at the meeting (or its id)."""
    for motion in meeting.motions:
        if str(motion.number) == number.strip() or str(motion.id) == number.strip():
            return motion
    raise InputError("no motion with that number at this meeting", field="motion")


def work_names(ws: Any) -> dict[Any, str]:
    """Member id -> work name (for text output)."""
    from formation.models import Member

    return {m.id: m.work_name for m in ws.all(Member)}


def meeting_summary(meeting: Any, names: dict[Any, str]) -> dict[str, Any]:
    """A meeting as JSON (work names for the internal command line)."""
    return {
        "id": str(meeting.id),
        "kind": meeting.meeting_kind,
        "title": meeting.heading,
        "date": meeting.date.isoformat(),
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "place": meeting.place,
        "chair": names.get(meeting.chair_id),
        "minute_taker": names.get(meeting.minute_taker_id),
        "status": meeting.status,
        "minutes": meeting.minutes.label,
        "attendance": [
            {"member": names.get(a.member_id) if a.member_id else None, "guest": a.guest, "presence": a.presence,
             "proxy_holder": names.get(a.proxy_holder_id) if a.proxy_holder_id else None}
            for a in meeting.attendance
        ],
        "quorum": meeting.quorum.model_dump(mode="json") if meeting.quorum else None,
        "motions": [
            {"number": m.number, "id": str(m.id), "type": m.motion_type, "text": m.text, "mover": names.get(m.mover_id),
             "decision_kind": m.decision_kind, "result": m.result, "rule": m.rule, "outcome": m.outcome,
             "amendments": [{"number": i + 1, "text": a.text, "result": a.result} for i, a in enumerate(m.amendments)]}
            for m in meeting.motions
        ],
    }


def outcome_summary(outcome: Any) -> dict[str, Any]:
    """An ``Outcome`` as JSON."""
    return {"result": outcome.result, "carried": outcome.carried, "rule": outcome.rule, "needed": outcome.needed,
            "explanation": outcome.explanation}
