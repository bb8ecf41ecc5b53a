"""Build the bylaws layout, ``templates/bylaws/layout.docx``, from code.

The layout is a docxtpl template made with python-docx, so that it can be reviewed as text here
instead of as a binary Word file (DESIGN.md; research/libraries.md section 3.2): each Jinja tag
sits alone in one run, and each ``{%p %}`` tag alone in its own paragraph. The build is
deterministic (fixed zip dates, scrubbed metadata): ``tests/test_documents_bylaws.py`` checks that
the committed file holds exactly the parts of a fresh build.

Run ``python -m templates.bylaws.build_layout`` after changing this file, and commit both.

The context it expects is ``formation.documents.bylaws.BYLAWS_SHAPE``.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from formation.documents.scrub import scrub_metadata

LAYOUT_PATH = Path(__file__).with_name("layout.docx")

INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x55, 0x55, 0x55)
TEXT_WIDTH = Mm(160)  # A4 (210 mm) less two 25 mm margins


def build_layout() -> bytes:
    """Build the bylaws layout.

    Returns:
        The .docx bytes of the layout (the same bytes on every run).
    """
    doc = Document()
    _page_setup(doc)
    _styles(doc)
    _cover(doc)
    _articles(doc)
    _footer(doc)
    _drop_unused_parts(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return scrub_metadata(buffer.getvalue(), source="bylaws layout")


def _page_setup(doc: Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = Mm(25)
    section.bottom_margin = Mm(22)
    section.footer_distance = Mm(10)


def _styles(doc: Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(11)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    title = styles["Title"]
    title.font.size = Pt(28)
    title.font.color.rgb = INK
    title.font.bold = True
    title.paragraph_format.space_before = Pt(120)
    title.paragraph_format.space_after = Pt(6)
    _remove_border(title)

    subtitle = styles["Subtitle"]
    subtitle.font.size = Pt(18)
    subtitle.font.italic = False
    subtitle.font.color.rgb = MUTED
    subtitle.paragraph_format.space_after = Pt(36)

    for name, size, before, after in (("Heading 1", 15, 18, 6), ("Heading 2", 12, 12, 4)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = INK
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True

    notice = styles.add_style("Cover Notice", WD_STYLE_TYPE.PARAGRAPH)
    notice.base_style = normal
    notice.font.size = Pt(10)
    notice.font.color.rgb = MUTED
    notice.paragraph_format.space_after = Pt(4)

    contents = styles.add_style("Contents Entry", WD_STYLE_TYPE.PARAGRAPH)
    contents.base_style = normal
    contents.paragraph_format.space_after = Pt(2)

    clause_text = styles.add_style("Clause Text", WD_STYLE_TYPE.PARAGRAPH)
    clause_text.base_style = normal
    clause_text.paragraph_format.left_indent = Mm(10)

    footer = styles["Footer"]
    footer.font.size = Pt(8.5)
    footer.font.color.rgb = MUTED
    # The default Footer style has US Letter tab stops (centre 3", right 6"); use one right
    # stop at the A4 text width instead, so "Page 1 of 9" sits at the right margin.
    footer.paragraph_format.tab_stops.clear_all()
    footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def _remove_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _tag_paragraph(doc: Document, tag: str) -> None:
    """A paragraph holding one docxtpl paragraph tag and nothing else (docxtpl removes it)."""
    doc.add_paragraph().add_run(tag)


def _labelled(doc: Document, label: str, value_tag: str, style: str = "Normal") -> Paragraph:
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(label).bold = True
    paragraph.add_run(value_tag)
    return paragraph


def _cover(doc: Document) -> None:
    doc.add_paragraph(style="Title").add_run("{{ organization.name }}")
    doc.add_paragraph(style="Subtitle").add_run("{{ document.title }}")
    _labelled(doc, "Version: ", "{{ document.version }}")
    status = _labelled(doc, "Status: ", "{{ document.status }}")
    status.add_run(", ")
    status.add_run("{{ document.status_date }}")

    contents = doc.add_paragraph(style="Normal")
    contents.paragraph_format.space_before = Pt(30)
    contents.add_run("Contents").bold = True
    _tag_paragraph(doc, "{%p for article in articles %}")
    entry = doc.add_paragraph(style="Contents Entry")
    entry.paragraph_format.tab_stops.add_tab_stop(Mm(25), WD_TAB_ALIGNMENT.LEFT)
    entry.add_run("Article ")
    entry.add_run("{{ article.number }}")
    entry.add_run("\t")
    entry.add_run("{{ article.title }}")
    _tag_paragraph(doc, "{%p endfor %}")

    notice = doc.add_paragraph(style="Cover Notice")
    notice.paragraph_format.space_before = Pt(36)
    notice.add_run("Not legal advice. ").bold = True
    notice.add_run("{{ document.disclaimer }}")
    checked = doc.add_paragraph(style="Cover Notice")
    checked.add_run("Legal information checked on ")
    checked.add_run("{{ document.checked_on }}")
    checked.add_run(".")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _articles(doc: Document) -> None:
    _tag_paragraph(doc, "{%p for article in articles %}")
    heading = doc.add_paragraph(style="Heading 1")
    heading.add_run("Article ")
    heading.add_run("{{ article.number }}")
    heading.add_run(". ")
    heading.add_run("{{ article.title }}")
    _tag_paragraph(doc, "{%p for clause in article.clauses %}")
    clause = doc.add_paragraph(style="Heading 2")
    clause.add_run("{{ clause.number }}")
    clause.add_run("  ")
    clause.add_run("{{ clause.title }}")
    _bookmark(clause, name="{{ clause.id|bookmark_name }}", ident="{{ article.number * 1000 + loop.index }}")
    _tag_paragraph(doc, "{%p for paragraph in clause.paragraphs %}")
    doc.add_paragraph(style="Clause Text").add_run("{{ paragraph }}")
    _tag_paragraph(doc, "{%p endfor %}")
    _tag_paragraph(doc, "{%p endfor %}")
    _tag_paragraph(doc, "{%p endfor %}")


def _bookmark(paragraph: Paragraph, *, name: str, ident: str) -> None:
    """Wrap the paragraph's runs in a bookmark whose name and id are Jinja expressions.

    The clause's bookmark lets a reviewed copy be matched back to its clause (issue 7); ids are
    unique per document because each article holds fewer than 1,000 clauses.
    """
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), ident)
    p = paragraph._p
    first_run = p.find(qn("w:r"))
    first_run.addprevious(start)
    p.append(end)


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footer(doc: Document) -> None:
    footer = doc.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"]
    paragraph.add_run("{{ document.title }}")
    paragraph.add_run(", version ")
    paragraph.add_run("{{ document.version }}")
    paragraph.add_run(" (")
    paragraph.add_run("{{ document.status }}")
    paragraph.add_run(")\tPage ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "1")


def _drop_unused_parts(doc: Document) -> None:
    """Drop python-docx's ``stylesWithEffects`` part (430 KB Word 2010 leftovers)."""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rid)


def layout_parts(data: bytes) -> dict[str, bytes]:
    """The parts of a built layout, uncompressed: what "the same layout" means (the compressed
    bytes may differ between zlib versions)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def main(argv: list[str] | None = None) -> int:
    """Write ``layout.docx`` next to this script; with ``--check``, only compare (exit 1 if stale)."""
    args = sys.argv[1:] if argv is None else argv
    data = build_layout()
    if "--check" in args:
        current = LAYOUT_PATH.read_bytes() if LAYOUT_PATH.exists() else b""
        if not current or layout_parts(current) != layout_parts(data):
            print(f"{LAYOUT_PATH} is out of date; run python -m templates.bylaws.build_layout")
            return 1
        return 0
    LAYOUT_PATH.write_bytes(data)
    print(f"wrote {LAYOUT_PATH} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
