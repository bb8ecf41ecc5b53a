"""The review copy going out to a lawyer in Word and coming back with comments (issue 7, item 3)."""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from formation import review
from formation.cli import main
from formation.errors import DocumentError
from formation.models import ReviewNote
from formation.review_import import import_comments
from formation.safe_export import export_checked
from formation.word_exchange import (
    AGE_MAGIC,
    copy_version,
    decrypt_from_reviewer,
    encrypt_for_reviewer,
    format_note_comment,
    new_reviewer_passphrase,
    parse_comment,
    read_review_copy,
    review_copy_docx,
)
from review_helpers import PASSPHRASE, SENTINEL_WORK_NAMES, add_lawyer_comment, make_workspace

ROLE = "partner-NGO lawyer"
QUORUM_PARAGRAPH = "A general meeting is quorate only if, in addition, community members"
NOTICE_PARAGRAPH = "Every member is given at least 14 days notice"


@pytest.fixture
def ws(tmp_path: Path):
    workspace = make_workspace(tmp_path)
    yield workspace
    workspace.close()


def _copy(ws, notes=()) -> tuple[bytes, dict]:  # noqa: ANN001
    context = review.version_context(ws, review.load_draft(ws))
    return review_copy_docx(context, list(notes)), context


def _import(ws, data: bytes, context: dict, **kwargs):  # noqa: ANN001, ANN003, ANN202
    reading = read_review_copy(data, context, source="reviewed.docx")
    return import_comments(ws, reading, version=1, reviewer_role=ROLE, on=_dt.date(2025, 3, 20), **kwargs)


# ------------------------------------------------------------------------------ the round trip


def test_round_trip_two_lawyer_comments_attach_to_their_clauses(ws) -> None:
    data, context = _copy(ws)
    data = add_lawyer_comment(data, QUORUM_PARAGRAPH, "Not allowed: the Act sets no such rule; keep it in the rules.")
    data = add_lawyer_comment(
        data,
        NOTICE_PARAGRAPH,
        "Needs change: 21 days is safer.\nProposed text:\nEvery member is given at least 21 days notice of a general meeting.",
    )
    report = _import(ws, data, context)
    assert [(n.clause_id, n.clause_number, n.status) for n in report.added] == [
        ("general_meetings", "3.1", "needs_change"),
        ("quorum", "3.2", "not_allowed_in_context"),
    ]
    notice, quorum = report.added
    assert quorum.comment == "the Act sets no such rule; keep it in the rules."
    assert quorum.proposed_text == []
    assert notice.comment == "21 days is safer."
    reviewed = _paragraphs(context, "general_meetings")
    assert reviewed[3].startswith(NOTICE_PARAGRAPH)
    # The proposal replaces the paragraph the comment was on; the rest of the clause stays.
    assert notice.proposed_text == [*reviewed[:3], "Every member is given at least 21 days notice of a general meeting.",
                                    *reviewed[4:]]
    assert {n.reviewer_role for n in report.added} == {ROLE}
    assert {n.reviewer_name for n in report.added} == {None}
    assert {n.origin for n in report.added} == {"word_import"}
    stored = {n.id for n in ws.all(ReviewNote)}
    assert stored == {quorum.id, notice.id}
    assert report.placed_outside == [] and report.tracked_changes == 0


def _paragraphs(context: dict, clause_id: str) -> list[str]:
    return next(c["paragraphs"] for a in context["articles"] for c in a["clauses"] if c["id"] == clause_id)


def test_a_proposal_on_the_clause_heading_replaces_the_whole_clause(ws) -> None:
    data, context = _copy(ws)
    data = add_lawyer_comment(data, "3.2", "Needs change: simpler.\nProposed text:\nOne.\nTwo.")
    (note,) = _import(ws, data, context).added
    assert (note.clause_id, note.proposed_text) == ("quorum", ["One.", "Two."])


def test_a_proposal_over_two_paragraphs_replaces_both(ws) -> None:
    from docx import Document

    from review_helpers import paragraph_index

    data, context = _copy(ws)
    document = Document(io.BytesIO(data))
    first = paragraph_index(document, "A general meeting is quorate when")
    runs = [document.paragraphs[first].runs[0], document.paragraphs[first + 1].runs[-1]]
    document.add_comment(runs, text="Proposed text:\nMerged paragraph.", author="A. Lawyer")
    out = io.BytesIO()
    document.save(out)
    (note,) = _import(ws, out.getvalue(), context).added
    reviewed = _paragraphs(context, "quorum")
    assert note.proposed_text == ["Merged paragraph.", *reviewed[2:]]


def test_comment_on_a_clause_heading_attaches_to_that_clause(ws) -> None:
    data, context = _copy(ws)
    data = add_lawyer_comment(data, "3.3", "Fine: consensus is allowed.")
    (note,) = _import(ws, data, context).added
    assert (note.clause_id, note.status, note.comment) == ("voting", "fine", "consensus is allowed.")


def test_comment_outside_every_clause_is_kept_and_reported(ws) -> None:
    data, context = _copy(ws)
    data = add_lawyer_comment(data, "Harbour Lights Collective", "Is this the registered name?")
    data = add_lawyer_comment(data, "Article 3. General meetings", "Move this article first.")
    report = _import(ws, data, context)
    assert [(n.clause_id, where) for n, where in report.placed_outside] == [
        (None, "the cover page"),
        (None, "the heading of article 3"),
    ]
    assert len(ws.all(ReviewNote)) == 2


def test_a_bare_fine_is_kept_and_an_empty_comment_is_skipped(ws) -> None:
    data, context = _copy(ws)
    data = add_lawyer_comment(data, QUORUM_PARAGRAPH, "Fine.")
    data = add_lawyer_comment(data, NOTICE_PARAGRAPH, " ")
    report = _import(ws, data, context)
    assert [(n.clause_id, n.status, n.comment) for n in report.added] == [("quorum", "fine", "")]
    assert report.empty == 1


def test_the_lawyers_name_is_kept_only_when_asked(ws) -> None:
    data, context = _copy(ws)
    data = add_lawyer_comment(data, QUORUM_PARAGRAPH, "Check this.", author="Adv. Ngugi")
    (note,) = _import(ws, data, context, keep_reviewer_names=True).added
    assert note.reviewer_name == "Adv. Ngugi"


def test_open_notes_go_out_as_comments_and_are_not_imported_twice(ws) -> None:
    note = review.add_note(ws, clause_id="quorum", status="needs_change", comment="Too strict?",
                           reviewer_role=ROLE, on=_dt.date(2025, 3, 10))
    data, context = _copy(ws, [note])
    reading = read_review_copy(data, context, source="copy")
    (comment,) = reading.comments
    assert (comment.clause_id, comment.author, comment.date) == ("quorum", ROLE, _dt.date(2025, 3, 10))
    assert comment.content.note_ref == note.short_id
    data = add_lawyer_comment(data, QUORUM_PARAGRAPH, "Agree with the note.")
    first = _import(ws, data, context)
    assert (len(first.added), first.already_known) == (1, 1)
    again = _import(ws, data, context)
    assert (len(again.added), again.already_known) == (0, 2)
    assert len(ws.all(ReviewNote)) == 2


def test_review_copy_shows_each_clause_reference_and_keeps_its_bookmark(ws) -> None:
    from docx import Document

    data, context = _copy(ws)
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "3.2  Quorum [quorum]" in texts
    assert texts[0].startswith("Review copy. Please comment with Word comments")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert 'w:name="c_quorum"' in body


def test_comments_map_by_the_visible_reference_when_bookmarks_are_lost(ws) -> None:
    data, context = _copy(ws)
    data = add_lawyer_comment(data, QUORUM_PARAGRAPH, "Check.")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    body = parts["word/document.xml"].decode()
    body = re.sub(r"<w:bookmark(Start|End)\b[^>]*/>", "", body)
    assert "bookmarkStart" not in body
    parts["word/document.xml"] = body.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    (note,) = _import(ws, out.getvalue(), context).added
    assert note.clause_id == "quorum"


def _rezip(data: bytes, change) -> bytes:  # noqa: ANN001
    """Apply ``change(parts)`` to the parts of a .docx and zip it again."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return out.getvalue()


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def test_a_reply_without_its_own_anchor_lands_on_the_clause_of_the_note_it_answers(ws) -> None:
    note = review.add_note(ws, clause_id="quorum", status="needs_change", comment="Too strict?",
                           reviewer_role=ROLE, on=_dt.date(2025, 3, 10))
    data, context = _copy(ws, [note])

    def add_reply(parts: dict) -> None:
        from lxml import etree

        root = etree.fromstring(parts["word/comments.xml"])
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        # Word links a reply to the last paragraph of the comment it answers.
        root.find(f"{w}comment").findall(f"{w}p")[-1].set(f"{{{W14}}}paraId", "0000AAAA")
        reply = etree.SubElement(root, f"{w}comment", {f"{w}id": "7", f"{w}author": "A. Lawyer"})
        paragraph = etree.SubElement(reply, f"{w}p", {f"{{{W14}}}paraId": "0000BBBB"})
        etree.SubElement(etree.SubElement(paragraph, f"{w}r"), f"{w}t").text = "Needs change: use one third."
        parts["word/comments.xml"] = etree.tostring(root)
        parts["word/commentsExtended.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:commentsEx xmlns:w15="{W15}">'
            '<w15:commentEx w15:paraId="0000AAAA" w15:done="0"/>'
            '<w15:commentEx w15:paraId="0000BBBB" w15:paraIdParent="0000AAAA" w15:done="0"/></w15:commentsEx>'
        ).encode()
        types = parts["[Content_Types].xml"].decode().replace(
            "</Types>",
            '<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.commentsExtended+xml"/></Types>')
        parts["[Content_Types].xml"] = types.encode()

    reading = read_review_copy(_rezip(data, add_reply), context, source="copy")
    reply = next(c for c in reading.comments if c.comment_id == "7")
    assert [c.comment_id for c in reading.comments] == ["0", "7"]
    assert (reply.reply_to, reply.clause_id, reply.where) == ("0", "quorum", "clause 3.2 [quorum]")
    report = _import(ws, _rezip(data, add_reply), context)
    assert [(n.clause_id, n.status, n.comment) for n in report.added] == [("quorum", "needs_change", "use one third.")]
    assert report.already_known == 1


def test_edits_the_reviewer_made_in_the_text_are_counted_and_reported(ws) -> None:
    data, context = _copy(ws)

    def track(parts: dict) -> None:
        from lxml import etree

        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        root = etree.fromstring(parts["word/document.xml"])
        paragraph = next(p for p in root.iter(f"{w}p")
                         if "".join(t.text or "" for t in p.iter(f"{w}t")).startswith("A general meeting is quorate when"))
        inserted = etree.Element(f"{w}ins", {f"{w}id": "901", f"{w}author": "A. Lawyer"})
        etree.SubElement(etree.SubElement(inserted, f"{w}r"), f"{w}t").text = "NEW "
        paragraph.find(f"{w}r").addprevious(inserted)
        parts["word/document.xml"] = etree.tostring(root)

    changed = _rezip(data, track)
    assert b'w:author="A. Lawyer"' in zipfile.ZipFile(io.BytesIO(changed)).read("word/document.xml")
    report = _import(ws, changed, context)
    assert (report.tracked_changes, report.added) == (1, [])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_comments_still_attach_after_libreoffice_saves_the_copy(ws, tmp_path: Path) -> None:
    data, context = _copy(ws)
    data = add_lawyer_comment(data, QUORUM_PARAGRAPH, "Needs change: lower it.")
    data = add_lawyer_comment(data, NOTICE_PARAGRAPH, "Fine: 14 days is enough.")
    source = tmp_path / "reviewed.docx"
    source.write_bytes(data)
    outdir = tmp_path / "saved"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(outdir), str(source)],
        capture_output=True, timeout=180, check=True,
    )
    report = _import(ws, (outdir / "reviewed.docx").read_bytes(), context)
    assert [(n.clause_id, n.status) for n in report.added] == [("general_meetings", "fine"), ("quorum", "needs_change")]


# ------------------------------------------------------------------------------ comment wording


@pytest.mark.parametrize(
    ("text", "status", "comment", "proposal"),
    [
        ("Fine: all good.", "fine", "all good.", ()),
        ("OK - all good.", "fine", "all good.", ()),
        ("needs change: shorter", "needs_change", "shorter", ()),
        ("Needs a change. shorter", "needs_change", "shorter", ()),
        ("Not allowed in this legal context: the registrar refuses it.", "not_allowed_in_context",
         "the registrar refuses it.", ()),
        ("Why 14 days?", None, "Why 14 days?", ()),
        ("Shorter.\nReplace with: One.\nTwo.", None, "Shorter.", ("One.", "Two.")),
        ("Proposed wording:\n\nOne.", None, "", ("One.",)),
    ],
)
def test_comment_wording_gives_status_comment_and_proposal(text: str, status, comment: str, proposal) -> None:  # noqa: ANN001
    content = parse_comment(text)
    assert (content.status, content.comment, content.proposed_text) == (status, comment, proposal)


def test_a_note_written_as_a_comment_reads_back_the_same() -> None:
    note = ReviewNote(draft_id="00000000-0000-4000-8000-000000000000", version=2, clause_id="quorum",
                      status="not_allowed_in_context", comment="The Act requires 10.",
                      proposed_text=["First paragraph.", "Second paragraph."], reviewer_role=ROLE,
                      created_on="2025-03-10")
    content = parse_comment(format_note_comment(note))
    assert (content.status, content.comment, content.proposed_text, content.note_ref) == (
        "not_allowed_in_context", "The Act requires 10.", ("First paragraph.", "Second paragraph."), note.short_id)


# ------------------------------------------------------------------------------ privacy and limits


def test_review_copy_has_no_author_company_or_manager_but_keeps_its_comments(ws) -> None:
    note = review.add_note(ws, clause_id="quorum", status="needs_change", comment="x",
                           reviewer_role=ROLE, on=_dt.date(2025, 3, 10))
    data, _ = _copy(ws, [note])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        core = archive.read("docProps/core.xml").decode()
        app = archive.read("docProps/app.xml").decode()
        comments = archive.read("word/comments.xml").decode()
    assert "<dc:creator></dc:creator>" in core and "<cp:lastModifiedBy></cp:lastModifiedBy>" in core
    assert not any(tag in app for tag in ("<Company>", "<Manager>", "<Template>"))
    assert f'w:author="{ROLE}"' in comments and "w:initials" not in comments
    assert 'w:date="2025-03-10T00:00:00Z"' in comments
    assert "docProps/custom.xml" not in names


def test_review_copy_with_a_member_name_in_a_note_is_blocked_and_not_written(ws, tmp_path: Path) -> None:
    note = review.add_note(ws, clause_id="quorum", status="needs_change",
                           comment=f"Ask {SENTINEL_WORK_NAMES[0]} about this.", reviewer_role=ROLE,
                           on=_dt.date(2025, 3, 10))
    data, _ = _copy(ws, [note])
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DocumentError) as caught:
        export_checked(ws, data, out / "review.docx", what="review copy")
    assert "word/comments.xml" in str(caught.value)
    assert SENTINEL_WORK_NAMES[0] not in str(caught.value)
    assert list(out.iterdir()) == []


def bomb_docx(size: int) -> bytes:
    """A small .docx whose word/document.xml declares ``size`` bytes of spaces (deflated ~1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        info = zipfile.ZipInfo("word/document.xml", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_importing_a_zip_bomb_is_refused_and_changes_nothing(ws) -> None:
    _, context = _copy(ws)
    bomb = bomb_docx(40 * 1024 * 1024)
    assert len(bomb) < 100_000
    with pytest.raises(DocumentError) as caught:
        read_review_copy(bomb, context, source="bomb.docx")
    assert "bomb.docx: part 'word/document.xml' would unpack to 40.0 MiB" in str(caught.value)
    assert ws.all(ReviewNote) == []


# ------------------------------------------------------------------------------ age


def test_age_encrypted_copy_decrypts_to_the_same_bytes(ws) -> None:
    data, _ = _copy(ws)
    passphrase = new_reviewer_passphrase()
    assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){4}", passphrase)
    sealed = encrypt_for_reviewer(data, passphrase)
    assert sealed.startswith(AGE_MAGIC) and b"scrypt" in sealed[:200]
    assert decrypt_from_reviewer(sealed, passphrase, source="copy.age") == data
    with pytest.raises(DocumentError):
        decrypt_from_reviewer(sealed, passphrase + "x", source="copy.age")


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed")
def test_age_copy_opens_with_the_standard_age_tool(ws, tmp_path: Path) -> None:
    import pty  # age reads a passphrase only from a terminal
    import os

    data, _ = _copy(ws)
    passphrase = new_reviewer_passphrase()
    sealed = tmp_path / "copy.age"
    sealed.write_bytes(encrypt_for_reviewer(data, passphrase))
    opened = tmp_path / "copy.docx"
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvp("age", ["age", "-d", "-o", str(opened), str(sealed)])
    output = b""
    sent = False
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not sent and b"passphrase" in output.lower():
            os.write(fd, passphrase.encode() + b"\n")
            sent = True
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert opened.read_bytes() == data


# ------------------------------------------------------------------------------ command line


def test_cli_export_then_import_round_trip(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    make_workspace(tmp_path).close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASSPHRASE)
    base = ["--workspace", str(tmp_path / "harbour.fws")]
    out = tmp_path / "exports"
    out.mkdir()
    assert main(["review", "export", *base, "--out", str(out / "Review copy.docx"), "--on", "2025-03-05",
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    path = Path(result["path"])
    assert path == out / "review-copy.docx"
    assert (path.stat().st_mode & 0o777) == 0o600
    assert result["marked_under_review"] is True and result["version"] == 1
    data = path.read_bytes()
    assert copy_version(data, source="copy") == 1
    data = add_lawyer_comment(data, QUORUM_PARAGRAPH, "Needs change: lower it.")
    data = add_lawyer_comment(data, NOTICE_PARAGRAPH, "Fine: ok.")
    returned = tmp_path / "returned.docx"
    returned.write_bytes(data)
    assert main(["review", "import", *base, str(returned), "--role", ROLE, "--on", "2025-03-20", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [(n["clause"], n["status"]) for n in result["added"]] == [("general_meetings", "fine"), ("quorum", "needs_change")]
    assert result["version"] == 1


def test_cli_export_with_age_prints_a_made_up_passphrase_that_opens_the_file(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    make_workspace(tmp_path).close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("FORMATION_AGE_PASSPHRASE", raising=False)
    assert main(["review", "export", "--workspace", str(tmp_path / "harbour.fws"), "--out", str(tmp_path / "copy.docx"),
                 "--age", "--keep-draft", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    sealed = Path(result["path"])
    assert sealed.name == "copy.docx.age" and (sealed.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(("harbour", "."))) == ["copy.docx.age"]
    data = decrypt_from_reviewer(sealed.read_bytes(), result["passphrase"], source="copy.docx.age")
    assert copy_version(data, source="copy") == 1
    assert result["marked_under_review"] is False


def test_cli_export_never_overwrites_without_being_asked(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    make_workspace(tmp_path).close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASSPHRASE)
    base = ["--workspace", str(tmp_path / "harbour.fws")]
    target = tmp_path / "review.docx"
    target.write_bytes(b"the lawyer's own file")
    assert main(["review", "export", *base, "--out", str(target)]) == 6
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == b"the lawyer's own file"
    from formation.store import Workspace

    with Workspace.open(tmp_path / "harbour.fws", PASSPHRASE) as ws:
        assert review.load_draft(ws).versions[0].status == "draft"  # not marked under review


def test_cli_import_of_a_bomb_exits_6_and_adds_no_note(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    make_workspace(tmp_path).close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASSPHRASE)
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(bomb_docx(25 * 1024 * 1024))
    code = main(["review", "import", "--workspace", str(tmp_path / "harbour.fws"), str(bomb), "--version", "1"])
    assert code == 6
    assert "20 MiB" in capsys.readouterr().err
    main(["review", "list", "--workspace", str(tmp_path / "harbour.fws"), "--json"])
    assert json.loads(capsys.readouterr().out) == []
