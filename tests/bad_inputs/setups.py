"""Workspaces in the states the corpus cases need, built from the bundled Harbour Lights sample.

``prepare(path, setup)`` fills an empty encrypted workspace and returns the names a case may use
in braces inside its arguments (``{meeting}``, ``{member:Kestrel}``...):

- ``"plain"``: the organization and two members (Kestrel, a community member; Dr Ana, a
  supporting member), as the ``workspace`` fixture makes it: nothing to add.
- ``"sample"``: the whole Harbour Lights sample (14 members, the adopted constitution, the
  founding and general meetings with locked minutes, action items, the New Zealand incorporated
  society's registration plan), copied into the encrypted workspace.
- ``"draft"``: the sample plus version 2 of the constitution in draft (clause parameters can
  change).
- ``"review"``: the sample with version 2 sent out for review on 2026-10-02 (a reviewed copy of
  it can be imported).
- ``"voting_supporter"``: ``"open_meeting"`` with one more person present: Alex, recorded as not
  a community member but (wrongly, under Harbour Lights' bylaws, where voting members are
  community members only) in the voting class.
- ``"no_members"``: the organization alone, no member at all.
- ``"open_meeting"``: the sample plus an open special general meeting on 2026-10-10 with nine
  voting members present (Kestrel, Moana, Juniper, Saffron, Tui, Rook, Indigo, Opal, Wren), Dr Ana
  (a supporter) present, Fern absent, and motion 1 pending (moved by Juniper, seconded by Saffron).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import tempfile
from pathlib import Path
from typing import Any

from formation.exchange import export_document, import_document
from formation.store import Workspace

from .corpus import PASSPHRASE

OPEN_MEETING_PRESENT = ("Kestrel", "Moana", "Juniper", "Saffron", "Tui", "Rook", "Indigo", "Opal", "Wren", "Dr Ana")


@functools.cache
def _sample_export() -> bytes:
    from formation.sample import build_sample_workspace

    with tempfile.TemporaryDirectory() as tmp:
        path = build_sample_workspace(Path(tmp) / "sample")
        with Workspace.open(path, None, allow_plaintext=True) as ws:
            return json.dumps(export_document(ws.records())).encode("utf-8")


def prepare(path: Path, setup: str) -> dict[str, Any]:
    """Bring the workspace at ``path`` (holding the ``plain`` content) into ``setup``'s state.

    Returns:
        ``{name: value}`` for the braces in a case's arguments: ``workspace``, ``folder`` (the
        workspace's folder), ``member:<work name>`` (member ids), ``meeting`` (the open meeting),
        ``founding`` and ``general`` (the sample's closed meetings).
    """
    places: dict[str, Any] = {"workspace": path, "folder": path.parent}
    if setup == "plain":
        return places
    if setup == "no_members":
        from formation.models import Member

        with Workspace.open(path, PASSPHRASE) as ws:
            for member in ws.all(Member):
                ws.remove(Member, member.id)
        return places
    from formation.models import Meeting, Member

    with Workspace.open(path, PASSPHRASE) as ws:
        ws.replace_all(import_document(_sample_export(), source="sample"))
        people = {m.work_name: m for m in ws.all(Member)}
        places.update({f"member:{name}": str(m.id) for name, m in people.items()})
        for meeting in ws.all(Meeting):
            places["founding" if meeting.meeting_kind == "founding" else "general"] = str(meeting.id)
        if setup == "draft":
            _new_draft_version(ws)
        elif setup == "review":
            _new_draft_version(ws, review=True)
        elif setup in ("open_meeting", "voting_supporter"):
            if setup == "voting_supporter":
                alex = Member(work_name="Alex", community_member="no", membership_class="voting")
                ws.put(alex)
                people["Alex"] = alex
            places["meeting"] = _open_meeting(ws, people)
        elif setup != "sample":
            raise AssertionError(f"unknown setup {setup!r}")
    return places


def _new_draft_version(ws: Workspace, *, review: bool = False) -> None:
    from formation import bylaws
    from formation.models.bylaws import BylawsDraft

    [draft] = ws.all(BylawsDraft)
    draft = bylaws.new_version(draft, on=dt.date(2026, 10, 1), note="Changes proposed at the AGM")
    if review:
        draft = bylaws.submit_for_review(draft, on=dt.date(2026, 10, 2), organization=ws.organization, version=2)
    ws.put(draft)


def _open_meeting(ws: Workspace, people: dict[str, Any]) -> str:
    from formation import meetings

    meeting = meetings.new_meeting(ws, meeting_kind="special_general", date=dt.date(2026, 10, 10), start_time="18:30",
                                   place="the drop-in space", chair_id=people["Kestrel"].id,
                                   minute_taker_id=people["Moana"].id, agenda=["Fees"])
    present = [people[n].id for n in OPEN_MEETING_PRESENT] + ([people["Alex"].id] if "Alex" in people else [])
    meetings.attend(ws, meeting.id, present, "in_person")
    meetings.attend(ws, meeting.id, [people["Fern"].id], "absent")
    meetings.add_motion(ws, meeting.id, "That membership stay free of charge.", mover_id=people["Juniper"].id,
                        seconder_id=people["Saffron"].id)
    return str(meeting.id)
