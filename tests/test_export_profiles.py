"""Every document formation exports, under every export profile it offers (issue 7, items 4 and 5).

Members carry sentinel work and legal names that occur nowhere else. Every layout in
``templates/`` and every document built in code (the redline, the review copy) is rendered from a
workspace holding them:

- shareable (and aggregate) documents hold none of the names in any part (``leak_scan`` unzips and
  searches every part: body, headers, footers, comments, people, properties, relationships);
- internal documents that list people do hold them (so the scan is shown to find what it must);
- no document's ``core.xml`` or ``app.xml`` carries an author, last editor, company, manager or
  template.

A small .docx declaring a 400 MiB part is refused at every entry point that reads a .docx (a
review copy coming back, a user's own layout, a scrub, a leak scan) without decompressing it,
checked in a separate process whose peak memory is measured with ``resource.getrusage``.
"""

from __future__ import annotations

import datetime as _dt
import importlib.resources
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from formation import bylaws, decisions, meetings, minutes, review
from formation.documents import leak_scan, render_bylaws_docx
from formation.models import Member
from formation.models.meetings import RollCallEntry
from formation.redline import redline_docx
from formation.versions import compare_contexts
from formation.word_exchange import review_copy_docx
from review_helpers import SENTINEL_LEGAL_NAMES, SENTINEL_WORK_NAMES, STARTED, make_workspace

ROOT = Path(__file__).resolve().parents[1]
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
ALL_NAMES = list(SENTINEL_WORK_NAMES) + list(SENTINEL_LEGAL_NAMES)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple[str, str, str], bytes]:
    """``{(document, layout, profile): .docx bytes}`` for every document and profile."""
    ws = make_workspace(tmp_path_factory.mktemp("profiles"))
    try:
        yield _render_everything(ws)
    finally:
        ws.close()


def _render_everything(ws) -> dict[tuple[str, str, str], bytes]:  # noqa: ANN001
    people = {m.work_name: m.id for m in ws.all(Member)}
    chair, secretary, supporter = (people[n] for n in SENTINEL_WORK_NAMES)
    draft = review.load_draft(ws)

    rules = bylaws.governance_rules(draft)  # the draft's rules, given explicitly (none adopted yet)
    # Free text names members too (place, notes, agenda, wording, an action): the shareable copy
    # must replace them and the aggregate copy must leave the text out altogether.
    meeting = meetings.new_meeting(ws, meeting_kind="general", date="2025-03-20", start_time="18:00",
                                   place=f"{SENTINEL_WORK_NAMES[0]}'s kitchen", chair_id=chair,
                                   minute_taker_id=secretary, notes=f"{SENTINEL_WORK_NAMES[2]} sent apologies.",
                                   agenda=["Meeting times", f"Thanks to {SENTINEL_WORK_NAMES[1]}"])
    meetings.attend(ws, meeting.id, [chair, secretary], "in_person", rules=rules)
    meetings.attend(ws, meeting.id, [supporter], "remote_online", rules=rules)
    motion = meetings.add_motion(ws, meeting.id, "That the group meets monthly.", mover_id=chair,
                                 seconder_id=secretary, rules=rules)
    meetings.record_vote(ws, meeting.id, motion.id, in_favour=2, against=0, rules=rules)
    named = meetings.add_motion(ws, meeting.id, f"That {SENTINEL_WORK_NAMES[1]} keeps the keys.",
                                mover_id=secretary, seconder_id=chair, rules=rules)
    meetings.record_vote(ws, meeting.id, named.id, roll_call=[
        RollCallEntry(member_id=chair, vote="in_favour"), RollCallEntry(member_id=secretary, vote="abstain")],
        rules=rules)
    decisions.add_action_item(ws, "Book the room", secretary, due="2025-04-01", meeting_id=meeting.id)
    decisions.add_action_item(ws, f"Ask {SENTINEL_WORK_NAMES[2]} about the grant", chair, due="2025-03-25",
                              meeting_id=meeting.id)
    meetings.close_meeting(ws, meeting.id, end_time="19:00", rules=rules)

    out: dict[tuple[str, str, str], bytes] = {}
    context = review.version_context(ws, draft)
    bylaws_docx = render_bylaws_docx(context)
    for profile in ("internal", "shareable", "aggregate"):
        # The bylaws name no member under any profile: one rendering serves all three.
        out[("bylaws", "bylaws/layout.docx", profile)] = bylaws_docx

    for document in minutes.DOCUMENTS:
        for profile in ("internal", "shareable", "aggregate"):
            data = minutes.render_document(ws, document, meeting_id=meeting.id, profile=profile,
                                           today=_dt.date(2025, 4, 10))
            out[(document, minutes.layout_for(document, profile=profile), profile)] = data

    out[("partnership agreement", "partnership/agreement.docx", "shareable")] = _agreement(ws, secretary)

    updated = bylaws.new_version(draft, on=STARTED)
    updated = bylaws.set_parameter(updated, "general_meetings", "notice_days", 21, version=2)
    ws.put(updated)
    diff = compare_contexts(review.version_context(ws, updated, 1), review.version_context(ws, updated, 2))
    out[("redline", "(built in code)", "shareable")] = redline_docx(diff)
    note = review.add_note(ws, clause_id="quorum", status="needs_change", comment="Ask the treasurer.",
                           reviewer_role="partner-NGO lawyer", on=_dt.date(2025, 3, 21), version=1)
    out[("review copy", "(built in code)", "shareable")] = review_copy_docx(context, [note])
    return out


def _agreement(ws, successor) -> bytes:  # noqa: ANN001
    from formation.capacity import plan_handover_item
    from formation.partners import draft_agreement, new_partner
    from formation.partnership_document import agreement_document, render_agreement

    partner = new_partner("Mwanga Health Trust", ["host"], ["space", "staff_time"])
    agreement = draft_agreement(partner, made_on="2025-03-01", starts_on="2025-04-01",
                                purpose="To support the collective's peer programme.",
                                support=[{"support": "space", "description": "a meeting room"}],
                                handover_starts_on="2025-04-01", handover_ends_on="2026-03-31")
    members = ws.all(Member)
    item = plan_handover_item(role="bookkeeping", held_by_label="the partner's bookkeeper", due="2026-03-31",
                              partner=partner, successor_id=successor, members=members)
    document = agreement_document(agreement, partner, ws.organization, handover_items=[item], members=members)
    return render_agreement(document)


def _cases(rendered: dict) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return sorted(rendered)


def test_every_bundled_layout_is_exported_under_a_profile(rendered) -> None:  # noqa: ANN001
    root = importlib.resources.files("templates")
    layouts = set()
    for folder in root.iterdir():
        if folder.is_dir():
            layouts.update(f"{folder.name}/{f.name}" for f in folder.iterdir() if f.name.endswith(".docx"))
    covered = {layout for _, layout, _ in rendered}
    assert layouts, "no layouts found"
    assert layouts <= covered, f"layouts without an export-profile test: {sorted(layouts - covered)}"


def test_shareable_and_aggregate_exports_hold_no_member_name_in_any_part(rendered) -> None:  # noqa: ANN001
    leaks = {}
    for (document, layout, profile), data in rendered.items():
        if profile == "internal":
            continue
        hits = leak_scan(data, ALL_NAMES)
        if hits:
            leaks[(document, profile)] = sorted({part for part, _ in hits})
    assert leaks == {}
    assert sum(1 for key in rendered if key[2] != "internal") == 13  # bylaws 2, minutes 4 + 4, agreement, redline, review copy


def test_every_minutes_document_is_exported_under_all_three_profiles(rendered) -> None:  # noqa: ANN001
    layouts = {(document, profile): layout for document, layout, profile in rendered}
    for document in minutes.DOCUMENTS:
        assert layouts[(document, "internal")] == f"minutes/{document}.docx"
        assert layouts[(document, "shareable")] == f"minutes/{document}-share-safe.docx"
        assert layouts[(document, "aggregate")] == f"minutes/{document}-aggregate.docx"


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(data: bytes) -> str:
    """The body's paragraphs (table cells included), each joined across its runs, one a line."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))


@pytest.mark.parametrize("document", ["minutes", "attendance", "decisions", "actions"])
def test_aggregate_minutes_documents_hold_no_alias_role_or_wording(rendered, document: str) -> None:  # noqa: ANN001
    text = _text(rendered[(document, minutes.layout_for(document, profile="aggregate"), "aggregate")])
    for person_word in ("Member A", "Member B", "Member C", "Chair", "Minute-taker", "Secretary", "Moved by",
                        "Who"):
        assert person_word not in text, person_word
    for wording in ("meets monthly", "keeps the keys", "kitchen", "Book the room", "Meeting times", "grant"):
        assert wording not in text, wording
    shareable = _text(rendered[(document, minutes.layout_for(document, profile="shareable"), "shareable")])
    assert "Aggregate copy" in text and "Aggregate copy" not in shareable


def test_aggregate_minutes_keep_the_counts_and_outcomes(rendered) -> None:  # noqa: ANN001
    text = _text(rendered[("minutes", "minutes/minutes-aggregate.docx", "aggregate")])
    assert "Voting members: 2 present (2 in person, 0 by phone or online)" in text
    assert "Without a vote: 1 supporters and 0 observers present." in text
    assert "Vote by show of hands (counted): 2 in favour, 0 against, 0 abstaining." in text
    assert "Vote by roll call: 1 in favour, 0 against, 1 abstaining." in text
    assert text.count("Result: Carried.") == 2
    attendance = _text(rendered[("attendance", "minutes/attendance-aggregate.docx", "aggregate")])
    assert "2 of 2 voting members present" in attendance
    actions = _text(rendered[("actions", "minutes/actions-aggregate.docx", "aggregate")])
    assert "As of 10 April 2025." in actions
    assert "Open\n2\nOf which overdue\n2\nDone\n0\nDropped\n0\nIn all\n2" in actions
    assert "Agenda items\n2\nMotions put\n2\nCarried\n2\nLost\n0" in text
    assert "Action items agreed\n2" in text
    decisions_text = _text(rendered[("decisions", "minutes/decisions-aggregate.docx", "aggregate")])
    assert "2 decisions recorded: 2 in force, 0 awaiting ratification, 0 ratified." in decisions_text


def test_internal_minutes_and_attendance_do_name_the_members(rendered) -> None:  # noqa: ANN001
    """The sentinel names are really in the data: the internal documents show them."""
    for document in ("minutes", "attendance"):
        data = rendered[(document, minutes.layout_for(document, share_safe=False), "internal")]
        found = {name for _, name in leak_scan(data, ALL_NAMES)}
        assert set(SENTINEL_WORK_NAMES) <= found
        assert not found & set(SENTINEL_LEGAL_NAMES)  # legal names never, even internally


@pytest.mark.parametrize("part", ["docProps/core.xml", "docProps/app.xml"])
def test_no_export_carries_an_author_company_or_manager(rendered, part: str) -> None:  # noqa: ANN001
    for key, data in rendered.items():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert "docProps/custom.xml" not in archive.namelist(), key
            if part not in archive.namelist():
                continue
            root = etree.fromstring(archive.read(part))
        if part.endswith("core.xml"):
            for tag in (f"{DC}creator", f"{CP}lastModifiedBy", f"{DC}title", f"{DC}description", f"{CP}keywords"):
                element = root.find(tag)
                assert element is None or not (element.text or "").strip(), (key, tag)
        else:
            for tag in ("Company", "Manager", "Template", "Application", "TotalTime"):
                assert root.find(f"{EP}{tag}") is None, (key, tag)


# ------------------------------------------------------------------------------ a 400 MiB part

_BOMB_PROBE = r"""
import json, resource, sys, time, zipfile
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from formation.documents import read_docx_file, render_bylaws_docx, scrub_metadata, leak_scan
from formation.errors import DocumentError
from formation.word_exchange import read_review_copy

decompressed = []
original = zipfile._get_decompressor
def counting(compress_type):
    decompressed.append(compress_type)
    return original(compress_type)
zipfile._get_decompressor = counting

path = Path(sys.argv[1])
context = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
entries = {
    "review import": lambda: read_review_copy(read_docx_file(path), context, source=str(path)),
    "user layout": lambda: render_bylaws_docx(context, user_layout=path),
    "scrub": lambda: scrub_metadata(read_docx_file(path)),
    "leak scan": lambda: leak_scan(read_docx_file(path), ["x"]),
}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
results = {}
for name, call in entries.items():
    start = time.perf_counter()
    try:
        call()
        results[name] = {"refused": False}
    except DocumentError as exc:
        results[name] = {"refused": True, "message": str(exc)}
    results[name]["seconds"] = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"results": results, "rss_before_kib": before, "rss_after_kib": after,
                  "decompressed": len(decompressed)}))
"""


def write_bomb(path: Path, declared: int) -> None:
    """Write a .docx whose ``word/document.xml`` holds ``declared`` bytes of spaces, deflated."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        info = zipfile.ZipInfo("word/document.xml", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            chunk = b" " * (4 * 1024 * 1024)
            for _ in range(declared // len(chunk)):
                member.write(chunk)


def _bylaws_context() -> dict:
    """A valid bylaws render context (so a layout is refused for its size, not its context)."""
    return {
        "organization": {"name": "Harbour Lights Collective"},
        "document": {"title": "Constitution", "version": "v1", "status": "draft", "status_date": "2025-03-01",
                     "checked_on": "unknown", "disclaimer": "Legal information, not legal advice."},
        "articles": [{"number": 1, "title": "Name", "clauses": [
            {"number": "1.1", "id": "name", "title": "Name", "paragraphs": ["The name is Harbour Lights."]}]}],
    }


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "reviewed.docx"
    write_bomb(path, 400 * 1024 * 1024)
    return path


def test_a_small_docx_declaring_a_400_mib_part_is_refused_everywhere_without_unpacking(bomb: Path) -> None:
    assert bomb.stat().st_size < 1024 * 1024  # a small file...
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("word/document.xml").file_size == 400 * 1024 * 1024  # ...declaring 400 MiB
    context = bomb.parent / "context.json"
    context.write_text(json.dumps(_bylaws_context()), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", _BOMB_PROBE, str(bomb), str(ROOT), str(context)],
                            capture_output=True, text=True, timeout=120, check=True)
    report = json.loads(result.stdout)
    for name, outcome in report["results"].items():
        assert outcome["refused"], name
        assert "would unpack to 400.0 MiB" in outcome["message"], (name, outcome["message"])
    assert report["decompressed"] == 0  # refused from the central directory alone
    grown_mib = (report["rss_after_kib"] - report["rss_before_kib"]) / 1024
    assert grown_mib < 20, f"peak memory grew by {grown_mib:.1f} MiB"
