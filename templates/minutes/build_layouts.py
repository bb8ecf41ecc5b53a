"""Build the minutes layouts (.docx) from code, so that they can be read and reviewed as text.

Run from the repository root:  python templates/minutes/build_layouts.py

It writes twelve layouts beside this script: the minutes, the attendance register, the decisions
register and the action list, each in an internal version (work names), a share-safe version
(roles or "Member A", counts instead of lists of names) and an aggregate version (counts and
outcomes only: no names, no aliases, no roles tied to persons, no free text). The render contexts
they expect are built by ``formation.minutes_context`` and ``formation.registers_context``
(internal, share-safe) and ``formation.minutes_aggregate`` (aggregate); every variable a layout
uses must exist there (rendering uses ``StrictUndefined``).

How the tags are written (docxtpl, research/libraries.md section 3): every tag sits whole inside
one run (one ``add_paragraph``/``add_run`` call each); ``{%p ... %}`` tags stand alone in their
own paragraph, which docxtpl removes; ``{%tr ... %}`` tags stand alone in the first cell of their
own table row; no ``%`` or ``}`` inside a ``{%p`` tag. Numbers are written into the text, not
Word numbering, which does not restart inside loops (docxtpl issue 425).

The output is reproducible: fixed document properties and fixed zip timestamps, so a rebuild with
no change to this script gives identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FIXED_TIME = (2025, 1, 1, 0, 0, 0)
GREY = RGBColor(0x55, 0x55, 0x55)

SHARE_SAFE_NOTICE = (
    "Share-safe copy: people are named by their role or as Member A, Member B; lists of names are "
    "replaced by counts. It holds no member's name."
)


# ------------------------------------------------------------------------------ helpers


def new_document() -> DocumentType:
    """A blank document with plain, readable styles and empty properties."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        doc.styles[name].font.name = "Calibri"
        doc.styles[name].font.size = Pt(size)
    props = doc.core_properties
    for field in ("author", "last_modified_by", "title", "subject", "keywords", "comments", "category"):
        setattr(props, field, "")
    props.revision = 1
    props.created = props.modified = dt.datetime(2025, 1, 1)
    return doc


def tag(doc: DocumentType, text: str) -> None:
    """A paragraph holding one ``{%p ... %}`` tag (docxtpl removes the paragraph)."""
    doc.add_paragraph(text)


def line(doc: DocumentType, *runs: str | tuple[str, str], style: str | None = None, size: int | None = None,
         space_before: int | None = None) -> None:
    """A paragraph of runs; a run is text, or ``(text, fmt)`` where fmt holds ``b`` (bold), ``i``
    (italic), ``g`` (grey); ``space_before`` in points."""
    paragraph = doc.add_paragraph(style=style)
    if space_before is not None:
        paragraph.paragraph_format.space_before = Pt(space_before)
    for run in runs:
        text, fmt = (run, "") if isinstance(run, str) else run
        r = paragraph.add_run(text)
        r.bold = "b" in fmt or None
        r.italic = "i" in fmt or None
        if "g" in fmt:
            r.font.color.rgb = GREY
        if size:
            r.font.size = Pt(size)


def table(doc: DocumentType, headers: list[str], cells: list[str], loop: str, widths: list[float] | None = None) -> None:
    """A table: a bold header row, then ``{%tr for ... %}``, one row of cells, ``{%tr endfor %}``."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.autofit = False
    for i, header in enumerate(headers):
        t.rows[0].cells[i].paragraphs[0].add_run(header).bold = True
    repeat_header(t.rows[0])
    t.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    for i, cell in enumerate(cells):
        t.rows[2].cells[i].paragraphs[0].add_run(cell)
    t.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    if widths:
        set_widths(t, widths)


def repeat_header(row) -> None:  # noqa: ANN001 - a docx table row
    """Repeat this row at the top of every page the table runs onto (a long roll call)."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def set_widths(t, widths: list[float]) -> None:  # noqa: ANN001 - a docx Table
    """Fix column widths in cm (the grid and every cell, which Word and LibreOffice both read)."""
    for i, w in enumerate(widths):
        t.columns[i].width = Cm(w)
        for cell in t.columns[i].cells:
            cell.width = Cm(w)


def landscape(doc: DocumentType) -> None:
    """Turn the page sideways (for wide registers)."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def header_block(doc: DocumentType, title: str, share_safe: bool) -> None:
    """Organization name, the document's title, and the share-safe notice where it applies."""
    line(doc, "{{ organization.name }}", style="Title")
    doc.add_heading(title, level=1)
    if share_safe:
        line(doc, (SHARE_SAFE_NOTICE, "ig"))


def footer(doc: DocumentType, text: str) -> None:
    """A small grey footer line."""
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = GREY


def save_reproducibly(doc: DocumentType, path: Path) -> None:
    """Save with fixed zip timestamps and order, so identical layouts give identical bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    path.write_bytes(out.getvalue())


# ------------------------------------------------------------------------------ the minutes


def quorum_and_earlier_minutes(doc: DocumentType) -> None:
    """The quorum section and the minutes of earlier meetings approved at this one (every profile)."""
    doc.add_heading("Quorum", level=2)
    line(doc, "{{ quorum.text }}")
    tag(doc, "{%p if quorum.rule %}")
    line(doc, ("The bylaws' quorum: {{ quorum.rule }}.", "ig"))
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if previous_minutes %}")
    doc.add_heading("Minutes of earlier meetings", level=2)
    tag(doc, "{%p for p in previous_minutes %}")
    line(doc, "{{ p.text }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def motion_result(doc: DocumentType) -> None:
    """Inside the loop over motions: the result, how it was reached, and any ratification."""
    line(doc, ("Result: {{ m.result }}.", "b"), space_before=6)
    line(doc, ("How the result was reached: {{ m.explanation }}", "ig"))
    tag(doc, "{%p if m.ratification %}")
    line(doc, ("{{ m.ratification }}", "i"))
    tag(doc, "{%p endif %}")


def minutes(share_safe: bool) -> DocumentType:
    """The minutes of one meeting (RONR section 48)."""
    doc = new_document()
    header_block(doc, "Minutes: {{ meeting.heading }}", share_safe)
    line(doc, ("{{ meeting.subtitle }}", "b"), "{{ ', ' + meeting.time if meeting.time else '' }}")
    line(doc, ("Place: ", "b"), "{{ meeting.place }}")
    line(doc, ("Chair: ", "b"), "{{ meeting.chair }}. ", ("Minute-taker: ", "b"), "{{ meeting.minute_taker }}.")
    line(doc, ("Status of these minutes: ", "b"), "{{ meeting.status }}.")

    doc.add_heading("Attendance", level=2)
    line(doc, "{{ attendance.summary }}")
    if not share_safe:
        for key, label in (
            ("present", "Present in person"),
            ("remote", "Present by phone or online"),
            ("proxies", "Represented by proxy"),
            ("apologies", "Apologies"),
            ("absent", "Absent"),
            ("without_vote", "Also present, without a vote"),
        ):
            tag(doc, f"{{%p if attendance.{key} %}}")
            line(doc, (f"{label}: ", "b"), f"{{{{ attendance.{key} }}}}.")
            tag(doc, "{%p endif %}")

    quorum_and_earlier_minutes(doc)

    tag(doc, "{%p if agenda %}")
    doc.add_heading("Agenda", level=2)
    tag(doc, "{%p for a in agenda %}")
    line(doc, "{{ a.number }}. {{ a.title }}", "{{ ': ' + a.notes if a.notes else '' }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    doc.add_heading("Motions and decisions", level=2)
    tag(doc, "{%p if not motions %}")
    line(doc, "No motion was put to this meeting.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for m in motions %}")
    doc.add_heading("{{ m.heading }}{{ ' (' + m.decision + ')' if m.decision else '' }}", level=3)
    line(doc, ("{{ m.text }}", "i"))
    tag(doc, "{%p if m.amended %}")
    line(doc, ("As first moved: ", "b"), "{{ m.original_text }}")
    tag(doc, "{%p endif %}")
    line(doc, "Moved by {{ m.mover }}. Kind of decision: {{ m.kind }}", "{{ '; needed ' + m.rule if m.rule else '' }}.")
    tag(doc, "{%p for a in m.amendments %}")
    line(doc, ("Amendment ", "b"), "moved by {{ a.mover }}: {{ a.text }}. {{ a.result }}",
         "{{ ' (' + a.counts + ')' if a.counts else '' }}.")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if m.has_consensus %}")
    line(doc, ("Consensus test: ", "b"), "{{ m.consensus }}.")
    tag(doc, "{%p endif %}")
    if not share_safe:
        tag(doc, "{%p for s in m.stand_asides %}")
        line(doc, "{{ s.name }} stood aside: {{ s.reason }}")
        tag(doc, "{%p endfor %}")
        tag(doc, "{%p for b in m.blocks %}")
        line(doc, "{{ b.name }} blocked", "{{ ': ' + b.reason if b.reason else '.' }}")
        tag(doc, "{%p endfor %}")
    tag(doc, "{%p if m.has_vote %}")
    line(doc, ("Vote by {{ m.method }}: ", "b"), "{{ m.counts }}.")
    tag(doc, "{%p endif %}")
    if not share_safe:
        tag(doc, "{%p if m.has_roll_call %}")
        table(doc, ["Member", "Vote"], ["{{ v.name }}", "{{ v.vote }}"], "v in m.roll_call", [9.0, 5.0])
        tag(doc, "{%p endif %}")
    motion_result(doc)
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if actions %}")
    doc.add_heading("Action items", level=2)
    table(doc, ["What", "Who", "By when"], ["{{ a.what }}", "{{ a.owner }}", "{{ a.due }}"], "a in actions",
          [9.0, 4.0, 3.5])
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if meeting.notes %}")
    doc.add_heading("Notes", level=2)
    line(doc, "{{ meeting.notes }}")
    tag(doc, "{%p endif %}")

    doc.add_heading("Close of the meeting", level=2)
    line(doc, "{{ meeting.closing }}")

    doc.add_heading("Approval of these minutes", level=2)
    line(doc, "{{ meeting.approval }}")
    tag(doc, "{%p if corrections %}")
    line(doc, ("Corrections recorded after the minutes were locked:", "b"))
    tag(doc, "{%p for c in corrections %}")
    line(doc, "{{ c.date }}: {{ c.text }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    line(doc, "")
    line(doc, "Signed (chair): ______________________    Date: ______________")
    footer(doc, "Minutes of {{ meeting.iso_date }}. {{ meeting.status }}" + (". Share-safe copy" if share_safe else ""))
    return doc


# ------------------------------------------------------------------------------ the registers


def attendance(share_safe: bool) -> DocumentType:
    """The attendance register of one meeting (counts only when share-safe)."""
    doc = new_document()
    header_block(doc, "Attendance register", share_safe)
    line(doc, ("{{ meeting.heading }}", "b"), ", {{ meeting.date }}")
    if share_safe:
        t = doc.add_table(rows=9, cols=2)
        t.style = doc.styles["Table Grid"]
        rows = [
            ("Attendance", "Number"),
            ("Voting members present in person", "{{ attendance.counts.in_person }}"),
            ("Voting members present by phone or online", "{{ attendance.counts.remote }}"),
            ("Voting members represented by proxy", "{{ attendance.counts.proxies }}"),
            ("Apologies", "{{ attendance.counts.apologies }}"),
            ("Absent", "{{ attendance.counts.absent }}"),
            ("Supporters present (no vote)", "{{ attendance.counts.supporters }}"),
            ("Observers present (no vote)", "{{ attendance.counts.observers }}"),
            ("Voting members present in total", "{{ attendance.counts.voting_present }}"),
        ]
        t.autofit = False
        for row, (label, value) in zip(t.rows, rows):
            row.cells[0].paragraphs[0].add_run(label).bold = label == "Attendance"
            row.cells[1].paragraphs[0].add_run(value).bold = value == "Number"
        set_widths(t, [11.0, 4.0])
    else:
        table(doc, ["Name", "Membership", "Attendance"], ["{{ r.name }}", "{{ r.role }}", "{{ r.presence }}"],
              "r in attendance.register", [6.0, 6.0, 4.5])
    line(doc, "")
    line(doc, "{{ attendance.summary }}")
    doc.add_heading("Quorum", level=2)
    line(doc, "{{ quorum.text }}")
    footer(doc, "Attendance register, {{ meeting.date }}" + (". Share-safe copy" if share_safe else ""))
    return doc


def decisions(share_safe: bool) -> DocumentType:
    """The decisions register: every carried motion, numbered."""
    doc = new_document()
    landscape(doc)
    header_block(doc, "Decisions register", share_safe)
    line(doc, "{{ count }} decision{{ '' if count == 1 else 's' }} recorded.")
    table(
        doc,
        ["No.", "Date and meeting", "Decision", "How it was decided", "Clause, and what it starts"],
        ["{{ d.number }}", "{{ d.date }}, {{ d.meeting }}", "{{ d.text }}",
         "{{ d.kind }}: needed {{ d.rule }}. {{ d.outcome }}", "{{ d.links }}"],
        "d in decisions",
        [1.3, 3.5, 8.5, 6.5, 5.0],
    )
    footer(doc, "Decisions register" + (". Share-safe copy" if share_safe else ""))
    return doc


def actions(share_safe: bool) -> DocumentType:
    """The action list: who does what by when, overdue items marked."""
    doc = new_document()
    header_block(doc, "Action list", share_safe)
    line(doc, "As of {{ today }}: {{ open }} open, {{ overdue }} overdue.")
    table(doc, ["What", "Who", "By when", "Status"],
          ["{{ a.what }}", "{{ a.owner }}", "{{ a.due }}", "{{ a.status }}{{ ', ' + a.completed if a.completed else '' }}"],
          "a in actions", [7.5, 3.5, 3.0, 3.0])
    footer(doc, "Action list, {{ today }}" + (". Share-safe copy" if share_safe else ""))
    return doc


LAYOUTS: dict[str, Callable[[bool], DocumentType]] = {
    "minutes": minutes,
    "attendance": attendance,
    "decisions": decisions,
    "actions": actions,
}
"""Layout name -> builder; each is written as ``NAME.docx`` and ``NAME-share-safe.docx``."""

def aggregate_layouts() -> dict[str, Callable[[], DocumentType]]:
    """Layout name -> builder of its aggregate copy (``aggregate_layouts.py`` beside this script)."""
    if __package__:
        from .aggregate_layouts import AGGREGATE_LAYOUTS
    else:  # run as a script: this folder is on sys.path
        from aggregate_layouts import AGGREGATE_LAYOUTS
    return AGGREGATE_LAYOUTS


def build(folder: Path = HERE) -> list[Path]:
    """Write every layout into ``folder`` (internal, share-safe and aggregate copies); returns the
    paths written."""
    aggregate = aggregate_layouts()
    written = []
    for name, builder in LAYOUTS.items():
        for share_safe in (False, True):
            path = folder / f"{name}{'-share-safe' if share_safe else ''}.docx"
            save_reproducibly(builder(share_safe), path)
            written.append(path)
        path = folder / f"{name}-aggregate.docx"
        save_reproducibly(aggregate[name](), path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
