"""render_docx: plain-data contexts, the sandbox, escaping, strict variables, metadata scrub."""

from __future__ import annotations

import io
import subprocess
import sys
from collections import OrderedDict
from pathlib import Path

import docx
import pytest
from lxml import etree

from documents_support import HOSTILE_NAME, SCRIPTS, all_text, layout, parts_of, rezip
from formation.documents import FIXED_TIMESTAMP, check_plain, render_docx, scrub_metadata
from formation.documents.render import render_with_docxtpl
from formation.errors import DocumentError

CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _write(tmp_path: Path, data: bytes, name: str = "layout.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_hostile_characters_and_scripts_render_literally(tmp_path):
    values = {"org": HOSTILE_NAME, "quote": 'She said "no" & left', "cdata": "end ]]> here", **SCRIPTS}
    path = _write(tmp_path, layout(*(f"{{{{ {key} }}}}" for key in values)))
    text = all_text(render_docx(path, values))
    for value in values.values():
        assert value in text.splitlines()


def test_line_breaks_in_values_become_line_breaks_not_lost_text(tmp_path):
    path = _write(tmp_path, layout("{{ body }}", "after"))
    data = render_docx(path, {"body": "Smith & Co\nLine 2"})
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "Smith & Co\nLine 2"
    assert document.paragraphs[1].text == "after"


def test_context_with_an_object_is_refused_naming_the_field(tmp_path):
    class Secretive:
        pass

    with pytest.raises(DocumentError, match=r"members\.1\.who: must be plain data"):
        check_plain({"members": [{"who": "A"}, {"who": Secretive()}]})
    with pytest.raises(DocumentError, match="must be plain data"):
        render_docx(_write(tmp_path, layout("{{ x }}")), {"x": (1, 2)})


def test_context_rejects_str_subclass_that_would_skip_escaping():
    from markupsafe import Markup

    with pytest.raises(DocumentError, match="plain string"):
        check_plain({"name": Markup("<w:p/>")})


def test_context_rejects_dict_subclasses_and_non_string_keys():
    with pytest.raises(DocumentError, match="must be plain data"):
        check_plain({"a": OrderedDict(b=1)})
    with pytest.raises(DocumentError, match="key that is not a string"):
        check_plain({"a": {1: "x"}})


def test_context_rejects_control_characters_without_echoing_them():
    with pytest.raises(DocumentError) as caught:
        check_plain({"members": ["Kestrel\x0cSecret"]})
    assert "members.0" in str(caught.value)
    assert "Kestrel" not in str(caught.value)


def test_missing_variable_is_an_error_not_blank_text(tmp_path):
    path = _write(tmp_path, layout("{{ present }}", "{{ absent }}"))
    data = layout("{{ present }}", "{{ absent }}")
    with pytest.raises(DocumentError, match="absent"):
        render_docx(path, {"present": "x"}, shape={"present": str, "absent": str})
    # Even without the lint (a bundled layout), StrictUndefined refuses to render blank text.
    with pytest.raises(DocumentError, match="does not provide"):
        render_with_docxtpl(data, {"present": "x"}, source="layout")


def test_sandbox_refuses_internals_even_when_lint_is_skipped():
    for tag in (
        "{{ cycler.__init__.__globals__ }}",
        "{{ name.__class__.__mro__ }}",
        "{{ name|attr('__class__') }}",
        "{% for c in ''.__class__.__mro__ %}{{ c }}{% endfor %}",
    ):
        with pytest.raises(DocumentError, match="refused|not allowed|may not"):
            render_with_docxtpl(layout(tag), {"name": "x"}, source="evil.docx")


def test_repeating_text_into_gigabytes_is_refused_at_render_time():
    with pytest.raises(DocumentError, match="more than 1,000,000 times"):
        render_with_docxtpl(layout("{{ name * count }}"), {"name": "ab", "count": 10**9}, source="evil.docx")
    with pytest.raises(DocumentError, match="refused"):
        render_with_docxtpl(layout("{{ count ** count }}"), {"count": 10**6}, source="evil.docx")


def test_unescaped_markup_filter_is_not_available():
    with pytest.raises(DocumentError, match="refused"):
        render_with_docxtpl(layout("{{ name|safe }}"), {"name": "<w:p/>"}, source="evil.docx")


def test_bundled_layout_names_cannot_climb_out_of_templates():
    for name in ("../formation/x.docx", "/etc/passwd.docx", "bylaws/../../x.docx", "bylaws\\layout.docx"):
        with pytest.raises(DocumentError, match="not a bundled layout name"):
            render_docx(name, {})
    with pytest.raises(DocumentError, match="not installed"):
        render_docx("bylaws/no-such-layout.docx", {})


def _layout_with_metadata() -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("{{ org }}")
    document.add_comment(run, text="Sentinel comment text", author="Sentinel Author", initials="SA")
    props = document.core_properties
    props.author = "Sentinel Author"
    props.last_modified_by = "Sentinel Editor"
    props.title = "Sentinel Title"
    props.subject = "Sentinel Subject"
    props.keywords = "Sentinel Keywords"
    props.comments = "Sentinel Description"
    props.category = "Sentinel Category"
    props.revision = 42
    buffer = io.BytesIO()
    document.save(buffer)
    parts = parts_of(buffer.getvalue())
    parts["docProps/app.xml"] = parts["docProps/app.xml"].replace(
        b"<Manager/>", b"<Manager>Sentinel Manager</Manager>"
    ).replace(b"<Company/>", b"<Company>Sentinel Company</Company>").replace(
        b"Normal.dotm", b"Sentinel.dotm"
    )
    parts["docProps/custom.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner">'
        b"<vt:lpwstr>Sentinel Custom</vt:lpwstr></property></Properties>"
    )
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.custom-properties+xml"/></Types>',
    )
    return rezip(parts)


def test_output_carries_no_author_company_manager_comments_or_custom_properties(tmp_path):
    path = _write(tmp_path, _layout_with_metadata())
    data = render_docx(path, {"org": HOSTILE_NAME})
    parts = parts_of(data)
    everything = b"".join(parts.values())
    assert b"Sentinel" not in everything
    assert not any("comments" in name or "custom" in name.lower() or "people" in name for name in parts)
    core = etree.fromstring(parts["docProps/core.xml"])
    for tag in (f"{DC}creator", f"{CP}lastModifiedBy", f"{DC}title", f"{DC}subject", f"{CP}keywords",
                f"{DC}description", f"{CP}category"):
        element = core.find(tag)
        assert element is None or not (element.text or "").strip(), tag
    assert core.find(f"{CP}revision").text == "1"
    assert core.find(f"{DCTERMS}created").text == FIXED_TIMESTAMP
    assert core.find(f"{DCTERMS}modified").text == FIXED_TIMESTAMP
    assert core.find(f"{CP}lastPrinted") is None
    app = parts["docProps/app.xml"].decode()
    for field in ("Company", "Manager", "Template", "TotalTime", "Application"):
        assert f"<{field}>" not in app
    body = parts["word/document.xml"]
    assert b"commentRangeStart" not in body and b"commentReference" not in body
    reopened = docx.Document(io.BytesIO(data))
    assert reopened.core_properties.author == ""
    assert reopened.core_properties.revision == 1
    assert reopened.paragraphs[0].text == HOSTILE_NAME


def test_review_copy_keeps_comments_but_not_the_template_author(tmp_path):
    path = _write(tmp_path, _layout_with_metadata())
    data = render_docx(path, {"org": "Harbour Lights"}, keep_comments=True)
    parts = parts_of(data)
    assert "word/comments.xml" in parts
    assert b"Sentinel comment text" in parts["word/comments.xml"]
    assert b"commentRangeStart" in parts["word/document.xml"]
    assert b"Sentinel" not in parts["docProps/core.xml"] + parts["docProps/app.xml"]


def test_settings_ask_word_to_remove_personal_information_on_save(tmp_path):
    data = render_docx(_write(tmp_path, layout("{{ x }}")), {"x": "y"})
    settings = etree.fromstring(parts_of(data)["word/settings.xml"])
    names = [etree.QName(child).localname for child in settings]
    assert names.index("removePersonalInformation") < names.index("removeDateAndTime")
    assert names.index("zoom") < names.index("removePersonalInformation")
    assert "rsids" not in names and "docId" not in names and "attachedTemplate" not in names


def test_scrub_is_deterministic_and_dates_every_zip_entry_1980(tmp_path):
    path = _write(tmp_path, layout("{{ x }}"))
    first = render_docx(path, {"x": "same"})
    second = render_docx(path, {"x": "same"})
    assert first == second
    import zipfile

    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_scrub_removes_tracked_change_authors():
    parts = parts_of(layout("text"))
    assert b"<w:r><w:t>text</w:t></w:r>" in parts["word/document.xml"]
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:r><w:t>text</w:t></w:r>",
        b'<w:ins w:id="1" w:author="Sentinel Reviewer" w:date="2026-01-01T00:00:00Z">'
        b"<w:r><w:t>text</w:t></w:r></w:ins>",
    )
    scrubbed = parts_of(scrub_metadata(rezip(parts)))
    assert b"Sentinel" not in scrubbed["word/document.xml"]
    assert b'w:author="formation"' in scrubbed["word/document.xml"]


def test_importing_documents_does_not_import_docxtpl_or_textual():
    code = (
        "import sys, formation.documents, formation.cli; "
        "print(sorted(m for m in ('docxtpl', 'textual', 'docx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[1])
    assert out.stdout.strip() == "[]"


def test_rendering_leaves_python_docx_core_properties_working(tmp_path):
    # Importing docxtpl (through docxcompose) rebinds python-docx's "cp" prefix; render_docx
    # puts it back, or python-docx would read revision 0 and an empty author from any file.
    data = render_docx(_write(tmp_path, layout("{{ x }}")), {"x": "y"})
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.revision == 1
    document.core_properties.author = "Check"
    buffer = io.BytesIO()
    document.save(buffer)
    assert b"<dc:creator>Check</dc:creator>" in parts_of(buffer.getvalue())["docProps/core.xml"]


def test_long_table_of_similar_rows_compressing_over_100_to_1_is_still_rendered(tmp_path):
    # A 2,000-person roll call compresses close to 100 to 1; that is the app's own output, not a
    # zip bomb, so the scrub and leak scan must accept it (imports keep the strict ratio).
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "{%tr for m in members %}"
    row = table.add_row().cells
    row[0].text = "{{ m }}"
    row[1].text = "present"
    table.add_row().cells[0].text = "{%tr endfor %}"
    buffer = io.BytesIO()
    document.save(buffer)
    data = render_docx(_write(tmp_path, buffer.getvalue()), {"members": ["Member"] * 3000})
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
    assert info.file_size > 100 * info.compress_size
    assert len(docx.Document(io.BytesIO(data)).tables[0].rows) == 3000
