"""Build the partnership agreement's .docx layout (``agreement.docx``) from code.

Run from the repository root::

    .venv/bin/python -m templates.partnership.build_layout

The layout is generic: the wording lives in ``wording.toml`` and is numbered by
``formation.partnership_document.agreement_document``; this layout only prints the numbered
sections, the signature blocks and the disclaimer. Each docxtpl tag sits alone in one run of its
own paragraph, so Word never splits it (the layout lint checks that). Document properties are
left empty: nothing about who built it travels with the file.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "agreement.docx"


def build_layout() -> bytes:
    """The layout as .docx bytes (python-docx), with docxtpl tags for the agreement's context.

    The context it expects is ``agreement_document``'s result: ``title``, ``collective``,
    ``partner``, ``version``, ``status``, ``made_on``, ``disclaimer``, ``sections`` (each with
    ``number``, ``heading``, ``clauses`` of ``number`` and ``text``) and ``signatures`` (each with
    ``side``, ``signed_by``, ``name_line``, ``date_line``).
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    props = doc.core_properties
    for field in ("author", "last_modified_by", "title", "subject", "keywords", "comments", "category"):
        setattr(props, field, "")
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)

    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)

    title = doc.add_paragraph("{{ title }}", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.add_paragraph("{{ collective }} and {{ partner }}", style="Subtitle")
    meta = doc.add_paragraph()
    meta.add_run("Version {{ version }}, {{ made_on }}. {{ status }}.").italic = True

    doc.add_paragraph("{%p for section in sections %}")
    doc.add_paragraph("{{ section.number }}. {{ section.heading }}", style="Heading 1")
    doc.add_paragraph("{%p for clause in section.clauses %}")
    clause = doc.add_paragraph("{{ clause.number }}\t{{ clause.text }}")
    clause.paragraph_format.left_indent = Cm(1.2)
    clause.paragraph_format.first_line_indent = Cm(-1.2)
    clause.paragraph_format.tab_stops.add_tab_stop(Cm(1.2))
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("9. Signatures", style="Heading 1")
    doc.add_paragraph("{%p for signature in signatures %}")
    side = doc.add_paragraph()
    side.add_run("{{ signature.side }}").bold = True
    side.paragraph_format.space_before = Pt(12)
    for field in ("signed_by", "name_line", "date_line"):
        doc.add_paragraph("{{ signature." + field + " }} ________________________________")
    doc.add_paragraph("{%p endfor %}")

    note = doc.add_paragraph()
    note.paragraph_format.space_before = Pt(18)
    run = note.add_run("{{ disclaimer }}")
    run.italic = True
    run.font.size = Pt(9)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main() -> int:
    """Write ``agreement.docx`` next to this script."""
    OUTPUT.write_bytes(build_layout())
    print(f"wrote {OUTPUT.relative_to(Path.cwd()) if OUTPUT.is_relative_to(Path.cwd()) else OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
