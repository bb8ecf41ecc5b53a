"""Comparing bylaws versions clause by clause, and the redline .docx (issue 7, item 2)."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from formation import bylaws, review
from formation.redline import diff_text, redline_docx
from formation.versions import compare_contexts, paragraph_diff, word_diff
from review_helpers import STARTED, make_workspace

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def ws(tmp_path: Path):
    workspace = make_workspace(tmp_path)
    yield workspace
    workspace.close()


def _second_version(ws):  # noqa: ANN001, ANN202
    """v1 with the (optional) registered office clause; v2: 21 days' notice (general_meetings),
    the registered office clause left out, and the quorum clause in a reviewer's words."""
    draft = review.load_draft(ws)
    draft = bylaws.include(draft, "registered_office", version=1, organization=ws.organization)
    draft = bylaws.new_version(draft, on=STARTED)
    draft = bylaws.set_parameter(draft, "general_meetings", "notice_days", 21, version=2)
    draft = bylaws.leave_out(draft, "registered_office", version=2)
    draft = bylaws.set_custom_text(
        draft,
        "quorum",
        [
            "A general meeting is quorate when more than half of the voting members are present.",
            "Community members must be more than half of the voting members present.",
        ],
        version=2,
    )
    ws.put(draft)
    return draft


def _contexts(ws):  # noqa: ANN001, ANN202
    draft = _second_version(ws)
    return review.version_context(ws, draft, 1), review.version_context(ws, draft, 2)


# ------------------------------------------------------------------------------ the diff


def test_diff_names_exactly_the_clauses_that_changed(ws) -> None:
    v1, v2 = _contexts(ws)
    diff = compare_contexts(v1, v2)
    assert diff.changed == ["general_meetings", "quorum"]
    assert diff.removed == ["registered_office"]
    assert diff.added == []
    assert (diff.before_label, diff.after_label) == ("v1", "v2")
    data = diff.to_json()
    assert [c["id"] for c in data["clauses"]] == ["registered_office", "general_meetings", "quorum"]


def test_diff_the_other_way_round_names_the_left_out_clause_as_added(ws) -> None:
    v1, v2 = _contexts(ws)
    diff = compare_contexts(v2, v1)
    assert diff.added == ["registered_office"]
    assert diff.removed == []
    assert diff.changed == ["general_meetings", "quorum"]


def test_same_version_compared_with_itself_has_no_changes(ws) -> None:
    v1, _ = _contexts(ws)
    diff = compare_contexts(v1, copy.deepcopy(v1))
    assert diff.identical
    assert diff_text(diff) == "v1 and v1 have the same clauses and text."


def test_notice_period_change_shows_the_old_and_new_number_in_its_paragraph(ws) -> None:
    v1, v2 = _contexts(ws)
    clause = next(c for c in compare_contexts(v1, v2).clauses if c.clause_id == "general_meetings")
    edited = [p for p in clause.paragraphs if p.op == "changed"]
    assert len(edited) == 1
    changes = [(s.op, s.text) for s in edited[0].segments if s.op != "equal"]
    assert changes == [("delete", "14"), ("insert", "21")]
    assert edited[0].before.startswith("Every member is given at least 14 days notice")
    assert edited[0].after.startswith("Every member is given at least 21 days notice")


def test_a_clause_that_only_moved_is_renumbered_not_changed() -> None:
    def ctx(clauses: list[tuple[str, str]]) -> dict:
        return {
            "organization": {"name": "Org"},
            "document": {"version": "v1"},
            "articles": [{"number": 1, "title": "A", "clauses": [
                {"number": f"1.{i}", "id": cid, "title": cid.title(), "paragraphs": [text]}
                for i, (cid, text) in enumerate(clauses, 1)
            ]}],
        }

    before = ctx([("name", "Name text."), ("objects", "Objects text.")])
    after = ctx([("name", "Name text."), ("office", "Office text."), ("objects", "Objects text.")])
    diff = compare_contexts(before, after)
    assert diff.added == ["office"]
    assert diff.changed == []
    objects = next(c for c in diff.clauses if c.clause_id == "objects")
    assert (objects.number_before, objects.number_after, objects.renumbered) == ("1.2", "1.3", True)
    assert diff.to_json()["renumbered"] == ["objects"]


def test_diff_text_marks_words_and_paragraphs(ws) -> None:
    v1, v2 = _contexts(ws)
    text = diff_text(compare_contexts(v1, v2))
    assert text.splitlines()[0] == "v1 -> v2: 2 changed, 1 removed clause(s)."
    assert "Removed: 1.3 Office [registered_office]" in text
    assert "Changed: 3.1 General meetings [general_meetings] (was 3.2)" not in text
    assert "~ Every member is given at least [-14-]{+21+} days notice" in text


def test_word_diff_keeps_unchanged_words_and_groups_a_replaced_phrase() -> None:
    segments = word_diff("The quorum is a majority of voting members.", "The quorum is one third of voting members.")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "The quorum is "),
        ("delete", "a majority"),
        ("insert", "one third"),
        ("equal", " of voting members."),
    ]


def test_word_diff_works_in_scripts_without_latin_letters() -> None:
    segments = word_diff("समिति में पाँच सदस्य", "समिति में सात सदस्य")
    assert [(s.op, s.text) for s in segments if s.op != "equal"] == [("delete", "पाँच"), ("insert", "सात")]


def test_a_rewritten_paragraph_is_shown_deleted_and_inserted_not_as_a_patchwork() -> None:
    before = ["The organization holds an annual general meeting once in each financial year.",
              "Every member is given at least 14 days notice of a general meeting."]
    after = ["Every member is given at least 21 days notice of a general meeting.",
             "Members may vote by post."]
    assert [p.op for p in paragraph_diff(before, after)] == ["delete", "changed", "insert"]


@given(st.text(max_size=80), st.text(max_size=80))
def test_word_diff_segments_rebuild_both_texts(before: str, after: str) -> None:
    segments = word_diff(before, after)
    assert "".join(s.text for s in segments if s.op != "insert") == before
    assert "".join(s.text for s in segments if s.op != "delete") == after


@given(st.lists(st.sampled_from(["a b.", "c d.", "e f.", "a b c."]), max_size=6),
       st.lists(st.sampled_from(["a b.", "c d.", "e f.", "a x c."]), max_size=6))
def test_paragraph_diff_rebuilds_both_clause_texts(before: list[str], after: list[str]) -> None:
    diffs = paragraph_diff(before, after)
    assert [p.before for p in diffs if p.before is not None] == before
    assert [p.after for p in diffs if p.after is not None] == after


# ------------------------------------------------------------------------------ the redline


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _texts_after_all(body: etree._Element, *, accept: bool) -> list[str]:
    """Paragraph texts as Word shows them after accepting (or rejecting) every tracked change."""
    body = copy.deepcopy(body)
    drop, keep = (f"{W}del", f"{W}ins") if accept else (f"{W}ins", f"{W}del")
    paragraphs = []
    for p in body.iter(f"{W}p"):
        mark = p.find(f"{W}pPr/{W}rPr/{drop}")
        if mark is not None:
            continue  # the whole paragraph goes
        for element in list(p.iter(drop)):
            element.getparent().remove(element)
        text = "".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText"))
        paragraphs.append(text)
    return paragraphs


def _clause_texts(context: dict) -> list[str]:
    out = []
    for article in context["articles"]:
        for clause in article["clauses"]:
            out.append(f"{clause['number']} {clause['title']} [{clause['id']}]")
            out.extend(clause["paragraphs"])
    return out


def test_redline_marks_the_notice_change_as_tracked_deletion_and_insertion(ws) -> None:
    v1, v2 = _contexts(ws)
    body = _body(redline_docx(compare_contexts(v1, v2)))
    deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in body.iter(f"{W}del")]
    inserted = ["".join(t.text for t in i.iter(f"{W}t")) for i in body.iter(f"{W}ins")]
    assert "14" in deleted and "21" in inserted
    assert "1.3 " in deleted and "Office" in deleted  # the removed clause's heading
    for mark in list(body.iter(f"{W}ins")) + list(body.iter(f"{W}del")):
        assert mark.get(f"{W}author") == "formation"
        assert mark.get(f"{W}date") is None


def _clause_part(texts: list[str]) -> list[str]:
    """The paragraphs from the first clause heading on, without the article headings ("3. General meetings")."""
    start = texts.index("1.1 Name [name]")
    return [t for t in texts[start:] if not re.match(r"^\d+\. ", t)]


def test_redline_accepting_every_change_gives_the_later_version_and_rejecting_gives_the_earlier(ws) -> None:
    v1, v2 = _contexts(ws)
    body = _body(redline_docx(compare_contexts(v1, v2)))
    assert _clause_part(_texts_after_all(body, accept=True)) == _clause_texts(v2)
    assert _clause_part(_texts_after_all(body, accept=False)) == _clause_texts(v1)


def test_redline_summary_names_the_changed_clauses(ws) -> None:
    from docx import Document

    v1, v2 = _contexts(ws)
    document = Document(io.BytesIO(redline_docx(compare_contexts(v1, v2), full=False)))
    texts = [p.text for p in document.paragraphs]
    assert "Changed: 3.1 General meetings [general_meetings]; 3.2 Quorum [quorum]." in texts
    assert "Removed: 1.3 Office [registered_office]." in texts
    assert not any(t.startswith("1.1") for t in texts)  # only changed clauses with full=False


def test_redline_carries_no_author_or_company_metadata(ws) -> None:
    v1, v2 = _contexts(ws)
    with zipfile.ZipFile(io.BytesIO(redline_docx(compare_contexts(v1, v2)))) as archive:
        core = archive.read("docProps/core.xml").decode()
        app = archive.read("docProps/app.xml").decode()
    assert "<dc:creator></dc:creator>" in core and "python-docx" not in core
    assert "Company" not in app and "Manager" not in app and "Template" not in app


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_redline_opens_in_libreoffice(ws, tmp_path: Path) -> None:
    v1, v2 = _contexts(ws)
    path = tmp_path / "redline.docx"
    path.write_bytes(redline_docx(compare_contexts(v1, v2)))
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        capture_output=True, timeout=180, check=False,
    )
    pdf = tmp_path / "redline.pdf"
    assert result.returncode == 0 and pdf.is_file()
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
        assert "General meetings [general_meetings]" in text
        assert "1421" in text.replace(" ", "")  # deleted 14 and inserted 21 both shown, marked


def test_cli_diff_names_the_changes_and_writes_the_redline_with_mode_0600(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    import json

    from formation.cli import main
    from review_helpers import PASSPHRASE

    ws = make_workspace(tmp_path)
    _second_version(ws)
    ws.close()
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "Redline v1-v2.docx"
    assert main(["versions", "diff", "--workspace", str(tmp_path / "harbour.fws"), "v1", "2",
                 "--out", str(target), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["changed"], result["removed"], result["added"]) == (["general_meetings", "quorum"], ["registered_office"], [])
    written = Path(result["redline"])
    assert written == tmp_path / "redline-v1-v2.docx"
    assert (written.stat().st_mode & 0o777) == 0o600
    assert b"w:del " in zipfile.ZipFile(written).read("word/document.xml")
