"""Minutes: their lifecycle (draft, approved, locked with a hash, corrected) and their documents.

Lifecycle, following Robert's Rules of Order Newly Revised, 12th ed. (RONR), section 48 and
section 35:

1. **draft**: written from the meeting record; it changes while the meeting is open.
2. **approved** at a later meeting, by a meeting with a quorum (RONR 40:6: no business without
   one); "approved as corrected" when corrections were made at approval (RONR 48; the
   corrections are recorded with the approval).
3. **locked**: a SHA-256 fingerprint of the minutes' content is stored; ``verify_minutes``
   recomputes it, so any later change to the record shows.
4. **corrected after locking**: a ``MinutesCorrection`` record linked to the locked minutes and
   their fingerprint (RONR 35: amending something previously adopted), never an edit.

Documents: ``render_document`` fills one of the layouts in ``templates/minutes/`` (the minutes,
the attendance register, the decisions register, the action list; each under the three export
profiles of ``formation.documents.profiles``) through ``formation.documents.render_docx``:

- ``internal``: work names;
- ``shareable`` (share-safe): people named by role or by their stable alias from the workspace's
  alias map, counts instead of lists of names;
- ``aggregate``: counts and outcomes only (``formation.minutes_aggregate``): no names, no
  aliases, no roles tied to persons, no free text.

Shareable and aggregate documents are leak-scanned for every member's name before they are
returned.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from typing import Any, Literal
from uuid import UUID

from pydantic import ValidationError

from formation.errors import DocumentError, InputError, from_validation_error
from formation.minutes_aggregate import (
    aggregate_actions_context,
    aggregate_attendance_context,
    aggregate_decisions_context,
    aggregate_minutes_context,
)
from formation.minutes_context import minutes_context
from formation.registers_context import actions_context, attendance_context, decisions_context
from formation.models import AliasMap, GoverningBody, Member, Organization
from formation.models.base import parse_iso_date
from formation.models.decisions import ActionItem, Decision, MinutesCorrection
from formation.models.meetings import Meeting
from formation.models.rules import GovernanceRules
from formation.roll import electorate_of, error, load_meeting, load_roll, quorum_of, rules_for, save_meeting

Document = Literal["minutes", "attendance", "decisions", "actions"]
DOCUMENTS: tuple[str, ...] = ("minutes", "attendance", "decisions", "actions")
"""The minutes documents: the minutes of a meeting, its attendance register, the decisions
register and the action list."""

PROFILES: tuple[str, ...] = ("internal", "shareable", "aggregate")
"""The export profiles every minutes document offers (``formation.documents.profiles``)."""

_LAYOUT_SUFFIX = {"internal": "", "shareable": "-share-safe", "aggregate": "-aggregate"}


def profile_of(share_safe: bool = False, profile: str | None = None) -> str:
    """The export profile asked for: ``profile`` when given, else ``"shareable"`` for
    ``share_safe=True`` (the older flag, kept as an alias), else ``"internal"``.

    Raises:
        InputError: an unknown profile, or ``share_safe=True`` with a profile other than
            ``"shareable"`` (field ``profile``).
    """
    if profile is None:
        return "shareable" if share_safe else "internal"
    if profile not in PROFILES:
        raise InputError(f"must be one of {', '.join(PROFILES)}", source="minutes", field="profile")
    if share_safe and profile != "shareable":
        raise InputError("share-safe is the shareable profile; give one or the other", source="minutes",
                         field="profile")
    return profile


def layout_for(document: str, *, share_safe: bool = False, profile: str | None = None) -> str:
    """The bundled layout name: ``"minutes/minutes.docx"`` (internal),
    ``"minutes/minutes-share-safe.docx"`` (shareable), ``"minutes/minutes-aggregate.docx"``.

    Raises:
        InputError: an unknown document (field ``document``) or profile (field ``profile``).
    """
    if document not in DOCUMENTS:
        raise InputError(f"must be one of {', '.join(DOCUMENTS)}", source="minutes", field="document")
    return f"minutes/{document}{_LAYOUT_SUFFIX[profile_of(share_safe, profile)]}.docx"


# ---------------------------------------------------------------------------- lifecycle


def minutes_content(meeting: Meeting, actions: list[ActionItem]) -> bytes:
    """The canonical bytes the minutes' fingerprint is taken over (pure).

    Everything the minutes record: the meeting (attendance, motions, votes, quorum, times,
    place, notes) without its minutes state, and each action item agreed there (what, who, by
    when; not its later status). Canonical JSON: sorted keys, no spaces, UTF-8.
    """
    record = _without_unset_later_fields(meeting.model_dump(mode="json", exclude={"minutes", "schema_version"}))
    agreed = sorted(
        ({"id": str(a.id), "what": a.what, "owner_id": str(a.owner_id), "due": a.due.isoformat() if a.due else None}
         for a in actions if a.meeting_id == meeting.id),
        key=lambda item: item["id"],
    )
    return json.dumps({"meeting": record, "actions": agreed}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


LATER_FIELDS = frozenset({"community_in_favour", "community_against"})
"""Fields added to the meeting record after minutes were first locked (a vote's community counts).
Left out of the canonical content while they hold nothing, so minutes locked before they existed
keep their fingerprint."""


def _without_unset_later_fields(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_unset_later_fields(v) for k, v in value.items() if not (k in LATER_FIELDS and v is None)}
    if isinstance(value, list):
        return [_without_unset_later_fields(v) for v in value]
    return value


def content_hash(meeting: Meeting, actions: list[ActionItem]) -> str:
    """SHA-256 (64 hex digits) of ``minutes_content`` (pure)."""
    return hashlib.sha256(minutes_content(meeting, actions)).hexdigest()


def approve_minutes(
    ws,  # noqa: ANN001
    meeting_id: UUID | str,
    *,
    at_meeting_id: UUID | str,
    corrections: str | None = None,
    rules: GovernanceRules | None = None,
) -> Meeting:
    """Record that a later meeting approved these minutes, "as corrected" when corrections are given.

    Args:
        ws: the open workspace.
        meeting_id: the meeting whose minutes are approved (closed, minutes in draft).
        at_meeting_id: the later meeting approving them (not a gathering; quorate).
        corrections: the corrections made at approval, in words, or None.
        rules: the governance rules, when not taken from the adopted bylaws.

    Returns:
        The meeting, its minutes approved.

    Raises:
        InputError: the meeting is still open (``status``); the minutes are already approved
        (``minutes``); the approving meeting is the same one, earlier, a gathering, or without
        a quorum (``at_meeting_id``).
    """
    meeting = load_meeting(ws, meeting_id)
    if meeting.status != "closed":
        raise error("close the meeting before its minutes are approved", "status")
    if meeting.minutes.status != "draft":
        raise error("these minutes are already approved", "minutes")
    at = load_meeting(ws, at_meeting_id)
    if at.id == meeting.id or at.date < meeting.date:
        raise error("minutes are approved at a later meeting", "at_meeting_id")
    if at.meeting_kind == "gathering":
        raise error("a gathering or training cannot approve minutes", "at_meeting_id")
    quorate = at.quorum.quorate if at.quorum is not None else quorum_of(at, load_roll(ws, at), rules_for(ws, at, rules)).quorate
    if not quorate:
        raise error("the approving meeting has no quorum, so it cannot approve minutes "
                    "(Robert's Rules 40:6-40:7)", "at_meeting_id")
    text = (corrections or "").strip()
    meeting.minutes = meeting.minutes.model_copy(update={
        "status": "approved", "as_corrected": bool(text), "corrections": text or None,
        "approved_at_meeting_id": at.id, "approved_on": at.date,
    })
    return save_meeting(ws, meeting)


def lock_minutes(ws, meeting_id: UUID | str, *, on: _dt.date | str) -> Meeting:  # noqa: ANN001
    """Lock approved minutes: store the SHA-256 fingerprint of their content.

    Args:
        on: the ISO date of locking (not before the approval).

    Raises:
        InputError: not approved yet, or already locked (``minutes``); a date before the approval (``on``).
    """
    meeting = load_meeting(ws, meeting_id)
    if meeting.minutes.status != "approved":
        raise error("only approved minutes can be locked", "minutes")
    if meeting.minutes.locked:
        raise error("these minutes are already locked", "minutes")
    day = _date(on, "on")
    if meeting.minutes.approved_on and day < meeting.minutes.approved_on:
        raise error("is before the minutes were approved", "on")
    digest = content_hash(meeting, ws.all(ActionItem))
    meeting.minutes = meeting.minutes.model_copy(update={"locked_on": day, "content_hash": digest})
    return save_meeting(ws, meeting)


def verify_minutes(ws, meeting_id: UUID | str) -> bool:  # noqa: ANN001
    """True if locked minutes still match their fingerprint.

    Raises:
        InputError: the minutes are not locked (``minutes``).
    """
    meeting = load_meeting(ws, meeting_id)
    if not meeting.minutes.locked:
        raise error("these minutes are not locked, so they have no fingerprint yet", "minutes")
    return content_hash(meeting, ws.all(ActionItem)) == meeting.minutes.content_hash


def correct_locked_minutes(
    ws,  # noqa: ANN001
    meeting_id: UUID | str,
    text: str,
    *,
    on: _dt.date | str,
    at_meeting_id: UUID | str | None = None,
) -> MinutesCorrection:
    """Record a correction to locked minutes as a new record linked to them (they never change).

    Raises:
        InputError: the minutes are not locked (``minutes``: correct them at approval instead);
        a date before the locking (``on``); an unknown meeting.
    """
    meeting = load_meeting(ws, meeting_id)
    if not meeting.minutes.locked:
        raise error("these minutes are not locked: make corrections when they are approved", "minutes")
    day = _date(on, "on")
    if meeting.minutes.locked_on and day < meeting.minutes.locked_on:
        raise error("is before the minutes were locked", "on")
    at = load_meeting(ws, at_meeting_id).id if at_meeting_id is not None else None
    try:
        correction = MinutesCorrection(meeting_id=meeting.id, corrects_hash=meeting.minutes.content_hash,
                                       made_on=day, at_meeting_id=at, text=text)
    except ValidationError as exc:
        raise from_validation_error(exc, source="minutes") from None
    ws.put(correction)
    return correction


def _date(value: _dt.date | str, field: str) -> _dt.date:
    try:
        return parse_iso_date(value)
    except Exception:  # PydanticCustomError: message without the value
        raise error("must be a date written YYYY-MM-DD", field) from None


# ---------------------------------------------------------------------------- documents


def _alias_map(ws, members: list[Member]) -> AliasMap:  # noqa: ANN001
    """The workspace's alias map with every member in it (saved when new aliases were given)."""
    from formation.documents import assign_aliases

    existing = ws.all(AliasMap)
    current = existing[0] if existing else None
    updated = assign_aliases(current, [m.id for m in members])
    if current is None or updated.aliases != current.aliases:
        ws.put(updated)
    return updated


def document_context(
    ws,  # noqa: ANN001
    document: str,
    *,
    meeting_id: UUID | str | None = None,
    share_safe: bool = False,
    today: _dt.date | None = None,
    profile: str | None = None,
) -> dict[str, Any]:
    """The render context of one minutes document, read from the workspace.

    Args:
        document: ``"minutes"``, ``"attendance"`` (both need ``meeting_id``), ``"decisions"``
            or ``"actions"`` (the action list needs ``today``, an ISO date).
        share_safe: names by role or alias, counts only (saves new aliases to the alias map);
            the same as ``profile="shareable"``.
        profile: ``"internal"``, ``"shareable"`` or ``"aggregate"`` (counts and outcomes only,
            ``formation.minutes_aggregate``; no alias is given or saved); None: by ``share_safe``.

    Returns:
        Plain data of the shape ``formation.minutes_shapes.shape_for(document, profile)``.

    Raises:
        InputError: an unknown document or profile, or a missing ``meeting_id`` / ``today``.
    """
    chosen = profile_of(share_safe, profile)
    layout_for(document, profile=chosen)
    share_safe = chosen != "internal"
    aggregate = chosen == "aggregate"
    members = ws.all(Member)
    bodies = ws.all(GoverningBody)
    body = bodies[0] if bodies else None
    org = ws.organization
    org_name = org.name if isinstance(org, Organization) else "Organization"
    aliases = _alias_map(ws, members) if chosen == "shareable" else None
    common = {"organization_name": org_name, "members": members, "governing_body": body,
              "share_safe": share_safe, "alias_map": aliases}
    if document in ("minutes", "attendance"):
        if meeting_id is None:
            raise InputError("a meeting is needed for this document", source="minutes", field="meeting_id")
        every_meeting = ws.all(Meeting)  # read once: a meeting with a large roll call is costly to validate
        meeting = next((m for m in every_meeting if str(m.id) == str(meeting_id)), None)
        if meeting is None:
            raise InputError(f"no meeting with id {meeting_id}", source="minutes", field="meeting_id")
        electorate = electorate_of(meeting, members, body, community_only=_community_only_vote(ws, meeting))
        if document == "attendance":
            if aggregate:
                return aggregate_attendance_context(meeting, organization_name=org_name, members=members,
                                                    electorate=electorate)
            return attendance_context(meeting, electorate=electorate, **common)
        actions = [a for a in ws.all(ActionItem) if a.meeting_id == meeting.id]
        approved_here = sorted((m for m in every_meeting if m.minutes.approved_at_meeting_id == meeting.id),
                               key=lambda m: m.date)
        corrections = sorted((c for c in ws.all(MinutesCorrection) if c.meeting_id == meeting.id),
                             key=lambda c: c.made_on)
        if aggregate:
            return aggregate_minutes_context(meeting, organization_name=org_name, members=members,
                                             decisions=ws.all(Decision), actions=actions,
                                             approved_here=approved_here, corrections=corrections,
                                             electorate=electorate)
        return minutes_context(meeting, decisions=ws.all(Decision), actions=actions, approved_here=approved_here,
                               corrections=corrections, electorate=electorate, **common)
    if document == "decisions":
        decisions = sorted(ws.all(Decision), key=lambda d: d.number)
        meetings = {m.id: m for m in ws.all(Meeting)}
        if aggregate:
            return aggregate_decisions_context(decisions, organization_name=org_name, meetings=meetings)
        return decisions_context(decisions, meetings=meetings, **common)
    if today is None:
        raise InputError("today's date is needed to mark overdue action items", source="minutes", field="today")
    if aggregate:
        return aggregate_actions_context(ws.all(ActionItem), organization_name=org_name, today=today)
    return actions_context(ws.all(ActionItem), today=today, **common)


def render_document(
    ws,  # noqa: ANN001
    document: str,
    *,
    meeting_id: UUID | str | None = None,
    share_safe: bool = False,
    today: _dt.date | None = None,
    profile: str | None = None,
) -> bytes:
    """Render a minutes document to .docx bytes (nothing is written to disk).

    Args:
        document, meeting_id, share_safe, today, profile: as for ``document_context``.

    Returns:
        The .docx bytes, scrubbed of metadata; when shareable or aggregate, leak-scanned for
        every member's work name and legal name.

    Raises:
        InputError: as for ``document_context``.
        DocumentError: rendering failed, or a shareable or aggregate document would contain a
            member's name (the message names the part and the member's alias, or the member's
            position in the register for an aggregate document, never the name).
    """
    from formation.documents import leak_scan, render_docx

    chosen = profile_of(share_safe, profile)
    context = document_context(ws, document, meeting_id=meeting_id, today=today, profile=chosen)
    data = render_docx(layout_for(document, profile=chosen), context)
    if chosen != "internal":
        members = ws.all(Member)
        names: dict[str, str] = {}
        aliases = _alias_map(ws, members).aliases if chosen == "shareable" else {}
        for position, member in enumerate(members, start=1):
            for name in (member.work_name, member.legal_name):
                if name:
                    names.setdefault(name, aliases.get(member.id, f"member {position} of {len(members)}"))
        hits = leak_scan(data, list(names))
        if hits:
            where = "; ".join(f"{part} (the name of {names[name]})" for part, name in hits[:5])
            label = "share-safe" if chosen == "shareable" else chosen
            raise DocumentError(f"the {label} {document} would show a member's name: {where}; nothing was written")
    return data


def render_minutes(ws, meeting_id: UUID | str, *, share_safe: bool = False,  # noqa: ANN001
                   profile: str | None = None) -> bytes:
    """The minutes of one meeting as .docx bytes (``render_document(ws, "minutes", ...)``)."""
    return render_document(ws, "minutes", meeting_id=meeting_id, share_safe=share_safe, profile=profile)


def _community_only_vote(ws, meeting: Meeting) -> bool:  # noqa: ANN001
    """True when the bylaws in force at the meeting give the vote to community members only;
    False when no bylaws decide it (none adopted yet): the register's voting class stands."""
    try:
        return rules_for(ws, meeting).community_members_only_vote
    except InputError:
        return False
