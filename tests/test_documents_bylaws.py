"""The bylaws document: the layout build, the render, a user's own layout, the PDF copy."""

from __future__ import annotations

import copy
import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from documents_support import HOSTILE_NAME, SCRIPTS, all_text, bylaws_context, layout
from formation.documents import (
    BYLAWS_SHAPE,
    check_bylaws_context,
    clause_bookmark_name,
    docx_to_pdf,
    export_document,
    find_soffice,
    leak_scan,
    lint_layout,
    render_bylaws_docx,
)
from formation.errors import DocumentError
from templates.bylaws.build_layout import LAYOUT_PATH, build_layout, layout_parts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def context() -> dict:
    ctx = bylaws_context()
    ctx["organization"]["name"] = HOSTILE_NAME
    ctx["articles"][0]["clauses"][0]["paragraphs"].append(" · ".join(SCRIPTS.values()))
    return ctx


@pytest.fixture(scope="module")
def rendered(context) -> bytes:
    return render_bylaws_docx(context)


def test_committed_layout_equals_a_fresh_build():
    assert layout_parts(LAYOUT_PATH.read_bytes()) == layout_parts(build_layout())


def test_layout_build_is_deterministic():
    assert build_layout() == build_layout()


def test_bundled_bylaws_layout_passes_strict_lint_against_the_bylaws_shape():
    assert lint_layout(LAYOUT_PATH.read_bytes(), shape=BYLAWS_SHAPE, source="layout.docx") == []


def test_every_clause_heading_and_exact_parameter_text_is_in_the_document(context, rendered):
    document = docx.Document(io.BytesIO(rendered))
    headings = {p.text for p in document.paragraphs if p.style.name == "Heading 2"}
    articles = {p.text for p in document.paragraphs if p.style.name == "Heading 1"}
    body = [p.text for p in document.paragraphs]
    assert len(headings) == 31
    for article in context["articles"]:
        assert f"Article {article['number']}. {article['title']}" in articles
        for clause in article["clauses"]:
            assert f"{clause['number']}  {clause['title']}" in headings
            for paragraph in clause["paragraphs"]:
                assert paragraph in body
    assert "4.2  Admission" in headings and "6.4  Quorum" in headings
    assert ("The quorum for a general meeting is a majority (more than half) of voting members, and "
            "community members must be a majority of the voting members present.") in body
    assert ("The committee has 5 members elected by the general meeting, of whom at least 4 must be "
            "community members.") in body


def test_no_template_tag_is_left_anywhere(rendered):
    with zipfile.ZipFile(io.BytesIO(rendered)) as archive:
        for name in archive.namelist():
            blob = archive.read(name)
            assert b"{{" not in blob and b"{%" not in blob and b"{#" not in blob, name


def test_hostile_name_and_other_scripts_come_out_intact(rendered):
    text = all_text(rendered)
    document = docx.Document(io.BytesIO(rendered))
    assert document.paragraphs[0].text == HOSTILE_NAME
    for value in SCRIPTS.values():
        assert value in text


def test_cover_states_version_status_and_legal_information_date(rendered):
    lines = all_text(rendered).splitlines()
    assert lines[1] == "Bylaws"
    assert "Version: 2" in lines
    assert "Status: under review, 2026-03-01" in lines
    assert "Legal information checked on 2026-02-15." in lines
    assert any(line.startswith("Not legal advice. This document gives legal information") for line in lines)
    assert "Article 14\tDisputes and complaints" in lines


def test_footer_has_title_version_status_and_page_numbers_but_not_the_organization(rendered):
    footer = docx.Document(io.BytesIO(rendered)).sections[0].footer
    xml = footer._element.xml
    assert footer.paragraphs[0].text.startswith("Bylaws, version 2 (under review)\tPage ")
    assert 'w:instr=" PAGE "' in xml and 'w:instr=" NUMPAGES "' in xml
    assert "Rose" not in xml


def test_each_clause_heading_is_wrapped_in_a_bookmark_named_after_its_id(context, rendered):
    document = docx.Document(io.BytesIO(rendered))
    marks = {}
    ids = set()
    for paragraph in document.paragraphs:
        for start in paragraph._p.iter(f"{W}bookmarkStart"):
            marks[start.get(f"{W}name")] = paragraph.text
            ids.add(start.get(f"{W}id"))
        ends = list(paragraph._p.iter(f"{W}bookmarkEnd"))
        starts = list(paragraph._p.iter(f"{W}bookmarkStart"))
        assert [e.get(f"{W}id") for e in ends] == [s.get(f"{W}id") for s in starts]
    expected = {
        clause_bookmark_name(c["id"]): f"{c['number']}  {c['title']}"
        for a in context["articles"] for c in a["clauses"]
    }
    assert marks == expected
    assert len(ids) == len(expected)
    assert marks["c_general_meetings_quorum_" + clause_bookmark_name("general_meetings.quorum")[-8:]] == "6.4  Quorum"


def test_clause_bookmark_names_are_valid_for_word():
    assert clause_bookmark_name("quorum") == "c_quorum"
    long_id = "general-meetings.special.called-by-members.notice-period"
    for clause_id in ("quorum", "general_meetings.quorum", long_id, "قواعد", "x" * 60):
        name = clause_bookmark_name(clause_id)
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name), name
    assert clause_bookmark_name("a.b") != clause_bookmark_name("a-b")


def test_bylaws_context_errors_name_the_field():
    ctx = bylaws_context()
    del ctx["articles"][2]["clauses"][0]["title"]
    with pytest.raises(DocumentError, match=r"bylaws context: articles\.2\.clauses\.0\.title: is required"):
        check_bylaws_context(ctx)
    ctx = bylaws_context()
    ctx["articles"][1]["number"] = "2"
    with pytest.raises(DocumentError, match=r"articles\.1\.number: must be a whole number"):
        check_bylaws_context(ctx)
    ctx = bylaws_context()
    ctx["document"]["author"] = "someone"
    with pytest.raises(DocumentError, match=r"document\.author: is not a known field"):
        check_bylaws_context(ctx)
    ctx = bylaws_context()
    ctx["articles"][3]["clauses"][1]["id"] = ctx["articles"][0]["clauses"][0]["id"]
    with pytest.raises(DocumentError, match=r"articles\.3\.clauses\.1\.id: is the same clause id as articles\.0\.clauses\.0\.id"):
        check_bylaws_context(ctx)


def test_user_layout_with_cycler_is_refused_and_no_file_is_written(tmp_path, context):
    evil = tmp_path / "our-layout.docx"
    evil.write_bytes(layout("{{ organization.name }}", "{{ cycler.__init__.__globals__ }}"))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DocumentError) as caught:
        export_document(render_bylaws_docx(context, user_layout=evil), out, "bylaws")
    message = str(caught.value)
    assert message.startswith(f"{evil}: this layout cannot be used:")
    assert "uses 'cycler'" in message and "'__init__'" in message
    assert list(out.iterdir()) == []


def test_user_layout_with_undeclared_variables_is_refused_naming_them(tmp_path, context):
    own = tmp_path / "own.docx"
    own.write_bytes(layout("{{ organization.name }}", "{{ members }}", "{{ document.adopted_on }}"))
    with pytest.raises(DocumentError) as caught:
        render_bylaws_docx(context, user_layout=own)
    assert "uses 'members', which this document does not provide" in str(caught.value)
    assert "'adopted_on' is not a field" in str(caught.value)


def test_good_user_layout_renders(tmp_path, context):
    own = tmp_path / "own.docx"
    own.write_bytes(layout(
        "{{ organization.name }}",
        "{%p for article in articles %}",
        "{{ article.number }}. {{ article.title|upper }}",
        "{%p endfor %}",
    ))
    text = all_text(render_bylaws_docx(context, user_layout=own))
    assert text.splitlines()[:2] == [HOSTILE_NAME, "1. NAME"]


def test_rendered_bylaws_hold_no_sentinel_member_names(rendered):
    assert leak_scan(rendered, ["Kestrel", "Moana", "Wren", "Dr Ana"]) == []


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_pdf_copy_is_made_with_mode_0600(tmp_path, rendered):
    source = export_document(rendered, tmp_path, "bylaws")
    pdf = docx_to_pdf(source, tmp_path)
    assert pdf == tmp_path.resolve() / "bylaws.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bylaws.docx", "bylaws.pdf"]
    pdftotext = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    if pdftotext.returncode == 0:
        assert "6.4 Quorum" in " ".join(pdftotext.stdout.split())


def test_pdf_without_libreoffice_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr("formation.documents.pdf.find_soffice", lambda: None)
    with pytest.raises(DocumentError, match="LibreOffice is not installed"):
        docx_to_pdf(tmp_path / "x.docx", tmp_path)


def test_context_is_not_modified_by_rendering(context):
    before = copy.deepcopy(context)
    render_bylaws_docx(context)
    assert context == before


def test_committed_layout_is_what_the_build_script_checks(tmp_path):
    result = subprocess.run(
        ["python", "-m", "templates.bylaws.build_layout", "--check"],
        cwd=Path(__file__).parents[1], capture_output=True, text=True,
        env={"PATH": str(Path(__import__("sys").executable).parent)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
