"""``& < > " ' ]]>`` in every text field that reaches a document: render, reopen, the text is intact.

docxtpl re-parses rendered XML with lxml's ``recover=True``, so an unescaped ``<`` or ``&`` in a
value silently cuts the rest of a paragraph away (research/security.md section 5). Each case of
``cases/document_text.toml`` names a ``document`` and a ``field``; one workspace per document is
filled with every field set to ``MARKUP + " " + field`` (work names, titles, motion wording,
clause parameters, notes...), the document is rendered the way the command line and the wizard
render it, reopened with python-docx, and the field's text must be there, character for
character.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import docx
import pytest
from lxml import etree

from formation.crypto import KdfParams
from formation.models import Member, Organization
from formation.store import Workspace

from .corpus import MARKUP, PASSPHRASE, case_params
from .setups import prepare

D = dt.date(2026, 10, 10)
FAST_KDF = KdfParams(8192, 1, 1)


def marked(field: str) -> str:
    """The text a field holds in these documents: the markup, then the field's own name."""
    return f"{MARKUP} {field}"


def document_text(data: bytes) -> str:
    """Every piece of text a reader sees: body paragraphs and tables, headers, footers and Word
    comments, one paragraph per line (runs joined)."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("word/comments") and name.endswith(".xml"):
                root = etree.fromstring(archive.read(name))
                for p in root.iter("{*}p"):
                    lines.append("".join(t.text or "" for t in p.iter("{*}t")))
    return "\n".join(lines)


def _workspace(tmp_path_factory) -> Any:
    path = tmp_path_factory.mktemp("text") / "data" / "ws"
    with Workspace.create(path, PASSPHRASE, kdf=FAST_KDF, organization=Organization(name="Harbour Lights")) as ws:
        ws.put(Member(work_name="Kestrel", community_member="yes"))
    prepare(path, "sample")
    return path


def _bylaws(ws: Workspace) -> bytes:
    from formation import bylaws
    from formation.documents import render_bylaws_docx
    from formation.models.bylaws import BylawsDraft

    org = ws.organization.model_copy(update={"name": marked("organization.name"),
                                             "objects": [marked("organization.objects")]})
    ws.put(org)
    [draft] = ws.all(BylawsDraft)
    draft = bylaws.new_version(draft, on=D).model_copy(update={"title": marked("bylaws.title")})
    draft = bylaws.include(draft, "registered_office", organization=org)
    for target, value in (
        ("governing_body.body_name", marked("governing_body.body_name")),
        ("name.other_name", "also_known_as"),
        ("name.also_known_as", marked("name.also_known_as")),
        ("registered_office.office_area", marked("registered_office.office_area")),
        ("finances.financial_year_end", marked("finances.financial_year_end")),
        ("partners_and_advisors.partner_role", "partner_veto"),
        ("partners_and_advisors.veto_matters", marked("partners_and_advisors.veto_matters")),
    ):
        draft = bylaws.set_value(draft, target, value)
    draft = bylaws.set_custom_text(draft, "disputes_and_complaints", [marked("clause.custom_paragraphs")])
    ws.put(draft)
    context = bylaws.render_context(draft, None, organization=org, checked_on="2026-11-30")
    return render_bylaws_docx(context)


def _meeting(ws: Workspace) -> Any:
    from formation import decisions, meetings

    people = {m.work_name: m for m in ws.all(Member)}
    chair = people["Kestrel"].model_copy(update={"work_name": marked("member.work_name")})
    ws.put(chair)
    meeting = meetings.new_meeting(ws, meeting_kind="general", date=D, start_time="18:30",
                                   place=marked("meeting.place"), title=marked("meeting.title"), chair_id=chair.id,
                                   minute_taker_id=people["Moana"].id, agenda=[marked("meeting.agenda")],
                                   notes=marked("meeting.notes"))
    present = [chair.id] + [people[n].id for n in ("Moana", "Juniper", "Saffron", "Tui", "Rook", "Indigo", "Opal")]
    meetings.attend(ws, meeting.id, present, "in_person")
    meetings.add_guest(ws, meeting.id, marked("attendance.guest"))
    motion = meetings.add_motion(ws, meeting.id, marked("motion.text"), mover_id=people["Juniper"].id,
                                 seconder_id=people["Saffron"].id)
    amendment = meetings.add_amendment(ws, meeting.id, motion.id, marked("amendment.text"),
                                       marked("amendment.resulting_text"), mover_id=people["Tui"].id,
                                       seconder_id=people["Rook"].id)
    meetings.record_vote(ws, meeting.id, motion.id, in_favour=6, against=1, abstentions=1, amendment_id=amendment.id)
    meetings.record_vote(ws, meeting.id, motion.id, in_favour=7, against=0, abstentions=1)
    decisions.add_action_item(ws, marked("action.what"), people["Moana"].id, due=dt.date(2026, 11, 1), meeting_id=meeting.id)
    meetings.close_meeting(ws, meeting.id, end_time="19:30")
    return meeting.id


def _minutes(kind: str):
    def render(ws: Workspace) -> bytes:
        from formation.minutes import render_document

        meeting_id = _meeting(ws)
        return render_document(ws, kind, meeting_id=meeting_id if kind in ("minutes", "attendance") else None,
                               profile="internal", today=D)
    return render


def _review_copy(ws: Workspace) -> bytes:
    from formation import bylaws, review
    from formation.models.bylaws import BylawsDraft
    from formation.word_exchange import review_copy_docx

    [draft] = ws.all(BylawsDraft)
    ws.put(bylaws.new_version(draft, on=D))
    [draft] = ws.all(BylawsDraft)
    note = review.add_note(ws, version=2, clause_id="quorum", status="needs_change",
                           comment=marked("review_note.comment"), proposed_text=[marked("review_note.proposed_text")],
                           reviewer_role=marked("review_note.reviewer_role"), on=D)
    return review_copy_docx(review.version_context(ws, draft, 2), [note])


def _agreement(ws: Workspace) -> bytes:
    from formation.partners import draft_agreement, new_partner
    from formation.partnership_document import agreement_document, render_agreement

    partner = new_partner(marked("partner.name"), ["host"], ["space"], contact_role=marked("partner.contact_role"))
    agreement = draft_agreement(
        partner, made_on=D, starts_on=D, purpose=marked("agreement.purpose"),
        support=[{"support": "space", "description": marked("agreement.support.description")}],
        handover_starts_on=D, handover_ends_on=dt.date(2027, 10, 10),
        on_exit=marked("agreement.on_exit"),
    )
    return render_agreement(agreement_document(agreement, partner, ws.organization))


RENDERERS = {
    "bylaws": _bylaws,
    "minutes": _minutes("minutes"),
    "attendance": _minutes("attendance"),
    "decisions": _minutes("decisions"),
    "actions": _minutes("actions"),
    "review_copy": _review_copy,
    "partnership_agreement": _agreement,
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    """``{document: its text}``, each rendered once from its own workspace."""
    out: dict[str, str] = {}
    for name, render in RENDERERS.items():
        path = _workspace(tmp_path_factory)
        with Workspace.open(path, PASSPHRASE) as ws:
            try:
                out[name] = document_text(render(ws))
            except Exception as exc:  # a failure to render is reported by each case of that document
                out[name] = f"RENDER FAILED: {type(exc).__name__}: {exc}"
    return out


@pytest.mark.parametrize("case", case_params("document_text"))
def test_markup_survives_rendering(case, rendered):
    text = rendered[case["document"]]
    assert not text.startswith("RENDER FAILED"), text
    assert marked(case["field"]) in text
