"""leak_scan: every part, escaped forms, names split across runs, whole words only."""

from __future__ import annotations

from documents_support import layout, parts_of, rezip
from formation.documents import leak_scan, render_docx


def test_name_split_across_runs_is_found_in_the_body():
    data = layout(["Minutes taken by Kes", "trel", " today"])
    assert b"Kestrel" not in parts_of(data)["word/document.xml"]
    assert leak_scan(data, ["Kestrel"]) == [("word/document.xml", "Kestrel")]


def test_name_is_found_case_insensitively_and_with_runs_of_spaces():
    data = layout(["DR ", "  ANA", " spoke"])
    assert leak_scan(data, ["Dr Ana"]) == [("word/document.xml", "Dr Ana")]


def test_xml_escaped_name_is_found():
    data = layout("Signed for Rose & Thorn <Co-op>")
    assert b"Rose &amp; Thorn &lt;Co-op&gt;" in parts_of(data)["word/document.xml"]
    assert leak_scan(data, ["Rose & Thorn <Co-op>"]) == [("word/document.xml", "Rose & Thorn <Co-op>")]


def test_numeric_character_reference_is_found():
    parts = parts_of(layout("x"))
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(
        b"<dc:creator>python-docx</dc:creator>", b"<dc:creator>P&#299;wakawaka</dc:creator>"
    )
    assert leak_scan(rezip(parts), ["Pīwakawaka"]) == [("docProps/core.xml", "Pīwakawaka")]


def test_every_part_is_searched_including_footers_and_comments(tmp_path):
    data = layout("body", footer="Prepared by Saffron")
    parts = parts_of(data)
    parts["word/comments.xml"] = b"<w:comments xmlns:w='urn:x'><w:comment w:author='Moana'/></w:comments>"
    found = leak_scan(rezip(parts), ["Saffron", "Moana", "Juniper"])
    assert ("word/footer1.xml", "Saffron") in found
    assert ("word/comments.xml", "Moana") in found
    assert all(name != "Juniper" for _, name in found)


def test_name_inside_a_longer_word_is_not_a_hit():
    data = layout("The same rules apply to all members; the samba night is cancelled.")
    assert leak_scan(data, ["Sam"]) == []
    assert leak_scan(layout("Sam seconded."), ["Sam"]) == [("word/document.xml", "Sam")]


def test_thai_name_is_found_inside_unspaced_text():
    data = layout("ประชุมโดยสมชายและเพื่อน")
    assert leak_scan(data, ["สมชาย"]) == [("word/document.xml", "สมชาย")]


def test_devanagari_and_arabic_names_are_found():
    data = layout(["बैठक में ", "किरण", " ने प्रस्ताव रखा"], "وافقت ليلى على الاقتراح")
    assert {name for _, name in leak_scan(data, ["किरण", "ليلى"])} == {"किरण", "ليلى"}


def test_name_in_binary_picture_metadata_is_found():
    parts = parts_of(layout("x"))
    parts["word/media/image1.jpeg"] = b"\xff\xd8\xff\xe1" + "Author: Opal".encode("utf-16-le") + b"\x00\xff"
    assert leak_scan(rezip(parts), ["Opal"]) == [("word/media/image1.jpeg", "Opal")]


def test_rendered_shareable_document_with_aliases_has_no_hits(tmp_path):
    path = tmp_path / "layout.docx"
    path.write_bytes(layout("{% for m in members %}{{ m }}, {% endfor %}"))
    data = render_docx(path, {"members": ["Member A", "Member B", "Chair"]})
    assert leak_scan(data, ["Kestrel", "Moana", "Wren", "  "]) == []


def test_empty_name_list_finds_nothing():
    assert leak_scan(layout("anything"), []) == []
