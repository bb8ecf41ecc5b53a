"""The aggregate copies of the minutes layouts: counts and outcomes only.

Built by ``build_layouts.py`` (run that script; it writes ``NAME-aggregate.docx`` beside the
internal and share-safe layouts). The contexts they expect are built by
``formation.minutes_aggregate`` and declared in ``formation.minutes_shapes.AGGREGATE_SHAPES``:
they hold no name, alias, role tied to a person or free text, so these layouts cannot show one.
The tag-writing rules are those of ``build_layouts.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document as DocumentType

if __package__:
    from .build_layouts import (footer, landscape, line, motion_result, new_document, quorum_and_earlier_minutes,
                                set_widths, table, tag)
else:  # imported by build_layouts.py run as a script: this folder is on sys.path
    from build_layouts import (footer, landscape, line, motion_result, new_document, quorum_and_earlier_minutes,
                               set_widths, table, tag)

AGGREGATE_NOTICE = (
    "Aggregate copy: counts and outcomes only. It names nobody and holds no wording from the "
    "meeting's record."
)


def aggregate_header(doc: DocumentType, title: str) -> None:
    """Organization name, the document's title and the aggregate notice."""
    line(doc, "{{ organization.name }}", style="Title")
    doc.add_heading(title, level=1)
    line(doc, (AGGREGATE_NOTICE, "ig"))


def counts_table(doc: DocumentType, rows: list[tuple[str, str]], widths: list[float]) -> None:
    """A two-column table of labels and numbers, its first row the bold header."""
    t = doc.add_table(rows=len(rows), cols=2)
    t.style = doc.styles["Table Grid"]
    t.autofit = False
    for i, (row, (label, value)) in enumerate(zip(t.rows, rows)):
        row.cells[0].paragraphs[0].add_run(label).bold = i == 0
        row.cells[1].paragraphs[0].add_run(value).bold = i == 0
    set_widths(t, widths)


ATTENDANCE_COUNTS = [
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


def minutes_aggregate() -> DocumentType:
    """The minutes as counts and outcomes: attendance, quorum, each motion's kind, counts and result."""
    doc = new_document()
    aggregate_header(doc, "Minutes in figures: {{ meeting.kind }}")
    line(doc, ("{{ meeting.date }}", "b"))
    line(doc, ("Status of these minutes: ", "b"), "{{ meeting.status }}.")

    doc.add_heading("Attendance", level=2)
    line(doc, "{{ attendance.summary }}")

    quorum_and_earlier_minutes(doc)

    doc.add_heading("In figures", level=2)
    counts_table(doc, [
        ("The meeting's record", "Number"),
        ("Agenda items", "{{ tallies.agenda_items }}"),
        ("Motions put", "{{ tallies.motions }}"),
        ("Carried", "{{ tallies.carried }}"),
        ("Lost", "{{ tallies.lost }}"),
        ("Withdrawn", "{{ tallies.withdrawn }}"),
        ("Amendments moved", "{{ tallies.amendments }}"),
        ("Action items agreed", "{{ tallies.actions }}"),
        ("Corrections after locking", "{{ tallies.corrections }}"),
    ], [11.0, 4.0])

    doc.add_heading("Motions and decisions", level=2)
    tag(doc, "{%p if not motions %}")
    line(doc, "No motion was put to this meeting.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for m in motions %}")
    doc.add_heading("{{ m.heading }}{{ ' (' + m.decision + ')' if m.decision else '' }}", level=3)
    line(doc, "Kind of decision: {{ m.kind }}", "{{ '; needed ' + m.rule if m.rule else '' }}.")
    tag(doc, "{%p for a in m.amendments %}")
    line(doc, ("Amendment {{ a.number }}: ", "b"), "{{ a.result }}", "{{ ' (' + a.counts + ')' if a.counts else '' }}.")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if m.has_consensus %}")
    line(doc, ("Consensus test: ", "b"), "{{ m.consensus }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if m.has_vote %}")
    line(doc, ("Vote by {{ m.method }}: ", "b"), "{{ m.counts }}.")
    tag(doc, "{%p endif %}")
    motion_result(doc)
    tag(doc, "{%p endfor %}")

    doc.add_heading("Close of the meeting", level=2)
    line(doc, "{{ meeting.closing }}")
    doc.add_heading("Approval of these minutes", level=2)
    line(doc, "{{ meeting.approval }}")
    footer(doc, "Minutes in figures, {{ meeting.iso_date }}. Aggregate copy")
    return doc


def attendance_aggregate() -> DocumentType:
    """The attendance register as counts, with the quorum."""
    doc = new_document()
    aggregate_header(doc, "Attendance in figures")
    line(doc, ("{{ meeting.kind }}", "b"), ", {{ meeting.date }}")
    counts_table(doc, ATTENDANCE_COUNTS, [11.0, 4.0])
    line(doc, "")
    line(doc, "{{ attendance.summary }}")
    doc.add_heading("Quorum", level=2)
    line(doc, "{{ quorum.text }}")
    footer(doc, "Attendance in figures, {{ meeting.date }}. Aggregate copy")
    return doc


def decisions_aggregate() -> DocumentType:
    """The decisions register without wording: kind, rule, counts and status of each decision."""
    doc = new_document()
    landscape(doc)
    aggregate_header(doc, "Decisions in figures")
    line(doc, "{{ count }} decision{{ '' if count == 1 else 's' }} recorded: {{ tallies.in_force }} in force, "
              "{{ tallies.awaiting_ratification }} awaiting ratification, {{ tallies.ratified }} ratified.")
    table(
        doc,
        ["No.", "Date and meeting", "Kind of decision", "How it was decided", "Clause, and what it starts"],
        ["{{ d.number }}", "{{ d.date }}, {{ d.meeting }}", "{{ d.kind }}",
         "Needed {{ d.rule }}. {{ d.outcome }}", "{{ d.links }}"],
        "d in decisions",
        [1.3, 4.5, 5.5, 8.5, 5.0],
    )
    footer(doc, "Decisions in figures. Aggregate copy")
    return doc


def actions_aggregate() -> DocumentType:
    """The action list as counts: open, overdue, done and dropped."""
    doc = new_document()
    aggregate_header(doc, "Action items in figures")
    line(doc, "As of {{ today }}.")
    counts_table(doc, [
        ("Action items", "Number"),
        ("Open", "{{ open }}"),
        ("Of which overdue", "{{ overdue }}"),
        ("Done", "{{ done }}"),
        ("Dropped", "{{ dropped }}"),
        ("In all", "{{ total }}"),
    ], [11.0, 4.0])
    footer(doc, "Action items in figures, {{ today }}. Aggregate copy")
    return doc


AGGREGATE_LAYOUTS: dict[str, Callable[[], DocumentType]] = {
    "minutes": minutes_aggregate,
    "attendance": attendance_aggregate,
    "decisions": decisions_aggregate,
    "actions": actions_aggregate,
}
"""Layout name -> builder of its aggregate copy, written as ``NAME-aggregate.docx``."""
