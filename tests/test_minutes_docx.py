"""The minutes documents: what a reader finds in the .docx, and what a share-safe copy never holds."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import io
import zipfile

import docx
import pytest

from formation import bylaws, decisions, meetings, minutes
from formation.documents import check_layout, conform, leak_scan
from formation.minutes_context import long_date
from formation.errors import InputError
from formation.minutes_shapes import AGGREGATE_SHAPES, SHAPES
from formation.models import BylawsDraft, MajorityRule
from formation.models.meetings import BylawsRef, RollCallEntry
from tests.meetings_support import HARBOUR_COMMUNITY, harbour_lights, new_workspace

HOSTILE_PLACE = "Kestrel's kitchen, Rose & Thorn <Co-op> building"
NOTES = "Marlowe thanked Pīwakawaka and Dr Ana for the kai."


@pytest.fixture(scope="module")
def founding(tmp_path_factory):
    """Harbour Lights' founding meeting, with every kind of record the minutes show."""
    ws = new_workspace(tmp_path_factory.mktemp("minutes"))
    people = harbour_lights(ws)
    draft = bylaws.new_draft(on=dt.date(2025, 10, 1), organization=ws.organization)
    ws.put(draft)
    p = {name: member.id for name, member in people.items()}
    m = meetings.new_meeting(ws, meeting_kind="founding", date="2025-11-20", start_time="18:00", place=HOSTILE_PLACE,
                             chair_id=p["Kestrel"], minute_taker_id=p["Moana"], notes=NOTES,
                             agenda=["Welcome", "Adopt the constitution", "Elect the committee"])
    in_person = [p[n] for n in HARBOUR_COMMUNITY[:10] if n != "Opal"] + [p["Wren"], p["Dr Ana"], p["Sam"]]
    meetings.attend(ws, m.id, in_person, "in_person")  # rules come from the draft being adopted
    adopt = meetings.add_motion(ws, m.id, "That the constitution (version 1) be adopted.", mover_id=p["Juniper"],
                                seconder_id=p["Saffron"], decision_kind="amend_bylaws",
                                adopts_bylaws=BylawsRef(draft_id=draft.id, version=1))
    meetings.attend(ws, m.id, [p["Opal"]], "remote_online")
    meetings.attend(ws, m.id, [p["Fern"]], "apologies")
    meetings.add_guest(ws, m.id, "Partner nurse")
    meetings.record_vote(ws, m.id, adopt.id, in_favour=9, against=0, abstentions=1)
    committee = meetings.add_motion(ws, m.id, "That Kestrel, Moana, Juniper, Saffron and Wren form the first committee.",
                                    mover_id=p["Opal"], seconder_id=p["Indigo"], decision_kind="elect_governing_body")
    voters = [n for n in HARBOUR_COMMUNITY[:10]] + ["Wren"]
    roll = [RollCallEntry(member_id=p[n], vote="abstain" if n == "Wren" else "in_favour") for n in voters]
    meetings.record_vote(ws, m.id, committee.id, roll_call=roll)
    consensus_rules = bylaws.governance_rules(ws.get(BylawsDraft, draft.id))
    consensus_rules = consensus_rules.model_copy(update={"majorities": {
        **consensus_rules.majorities, "ordinary": MajorityRule(kind="consensus")}})
    safety = meetings.add_motion(ws, m.id, "That members look out for each other after events.", mover_id=p["Rook"],
                                 seconder_id=p["Tui"], rules=consensus_rules)
    meetings.record_consensus(ws, m.id, safety.id, agree=9, rules=consensus_rules,
                              stand_asides=[(p["Tui"], "Tui wants to talk it over with Rook first")])
    monthly = meetings.add_motion(ws, m.id, "That the group meets monthly at the drop-in.", mover_id=p["Indigo"],
                                  seconder_id=p["Marlowe"])
    amendment = meetings.add_amendment(ws, m.id, monthly.id, "add 'or online when needed'",
                                       "That the group meets monthly at the drop-in, or online when needed.",
                                       mover_id=p["Tui"], seconder_id=p["Rook"])
    meetings.record_vote(ws, m.id, monthly.id, amendment_id=amendment.id, in_favour=7, against=3, abstentions=1)
    meetings.record_vote(ws, m.id, monthly.id, in_favour=10, against=1)
    decisions.add_action_item(ws, "Kestrel to apply to the Companies Office", p["Kestrel"], due="2025-12-17",
                              meeting_id=m.id)
    meetings.close_meeting(ws, m.id, end_time="20:10")
    yield ws, m.id, people
    ws.close()


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        texts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(texts)


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()}


def test_minutes_hold_attendance_wording_movers_counts_and_outcomes(founding):
    ws, meeting_id, people = founding
    text = _docx_text(minutes.render_minutes(ws, meeting_id))
    present = [n for n in HARBOUR_COMMUNITY[:10] if n != "Opal"] + ["Wren"]
    line = next(t for t in text.splitlines() if t.startswith("Present in person:"))
    for name in present:
        assert name in line
    assert "Present by phone or online: Opal (online)." in text
    assert "Apologies: Fern." in text
    assert "Also present, without a vote: Dr Ana (supporter, no vote), Sam (supporter, no vote), Partner nurse" in text
    assert "11 of 12 voting members present; quorum is 7." in text
    # each motion's final wording, mover, counts and outcome
    assert "That the constitution (version 1) be adopted." in text
    assert "Moved by Juniper." in text
    assert "Vote by show of hands (counted): 9 in favour, 0 against, 1 abstaining." in text
    assert "needed two-thirds of votes cast" in text
    assert "That Kestrel, Moana, Juniper, Saffron and Wren form the first committee." in text
    assert "Moved by Opal." in text
    assert "Vote by roll call: 10 in favour, 0 against, 1 abstaining." in text
    assert "Wren | abstained" in text and "Kestrel | in favour" in text
    assert "Consensus test: 9 agreed, 1 stood aside, 0 blocked." in text
    assert "Tui stood aside: Tui wants to talk it over with Rook first" in text
    assert "That the group meets monthly at the drop-in, or online when needed." in text
    assert "As first moved: That the group meets monthly at the drop-in." in text
    assert "Amendment moved by Tui: add 'or online when needed'. Carried (7 in favour, 3 against, 1 abstaining)." in text
    assert text.count("Result: Carried.") == 4
    assert "Kestrel to apply to the Companies Office | Kestrel | 17 December 2025" in text
    assert "The meeting closed at 20:10." in text
    assert "{{" not in text and "{%" not in text


def test_minutes_keep_hostile_text_intact(founding):
    ws, meeting_id, _ = founding
    text = _docx_text(minutes.render_minutes(ws, meeting_id))
    assert f"Place: {HOSTILE_PLACE}" in text
    assert NOTES in text


def test_minutes_of_the_founding_meeting_record_the_adopted_bylaws(founding):
    ws, meeting_id, _ = founding
    [draft] = ws.all(BylawsDraft)
    assert draft.versions[0].status == "adopted"
    assert ws.organization.founding_date == dt.date(2025, 11, 20)
    text = _docx_text(minutes.render_document(ws, "decisions"))
    assert "Adopts the bylaws (version 1)." in text
    assert "Starts the notice of a change of officers from 20 November 2025." in text


@pytest.mark.parametrize("document", ["minutes", "attendance", "decisions", "actions"])
def test_share_safe_documents_hold_no_member_name_in_any_part(founding, document):
    ws, meeting_id, people = founding
    data = minutes.render_document(ws, document, meeting_id=meeting_id, share_safe=True, today=dt.date(2026, 1, 1))
    parts = _parts(data)
    for part, content in parts.items():
        for name in people:
            assert name not in content, f"{part} holds a member's name"
    assert leak_scan(data, list(people)) == []
    internal = minutes.render_document(ws, document, meeting_id=meeting_id, today=dt.date(2026, 1, 1))
    assert leak_scan(internal, list(people)) != []  # the scan is not blind: the internal copy has names


def test_share_safe_minutes_keep_counts_and_roles_only(founding):
    ws, meeting_id, _ = founding
    text = _docx_text(minutes.render_minutes(ws, meeting_id, share_safe=True))
    assert "Chair: Chair. Minute-taker: Minute-taker." in text
    assert "Vote by roll call: 10 in favour, 0 against, 1 abstaining." in text
    assert "Voting members: 11 present (10 in person, 1 by phone or online)" in text
    assert "Community members are" not in text  # community status is never shared, not even as counts
    assert "condition that community members be a majority of those present was met" in text
    assert "Place: Chair's kitchen, Rose & Thorn <Co-op> building" in text
    assert "Moved by Member " in text


def test_share_safe_attendance_register_is_counts(founding):
    ws, meeting_id, _ = founding
    text = _docx_text(minutes.render_document(ws, "attendance", meeting_id=meeting_id, share_safe=True))
    assert "Voting members present in person | 10" in text
    assert "Supporters present (no vote) | 2" in text
    assert "Observers present (no vote) | 1" in text


def test_action_list_marks_overdue_items(founding):
    ws, _, _ = founding
    text = _docx_text(minutes.render_document(ws, "actions", today=dt.date(2026, 1, 1)))
    assert "As of 1 January 2026: 1 open, 1 overdue." in text
    assert "open (overdue)" in text
    with pytest.raises(Exception) as caught:
        minutes.render_document(ws, "actions")
    assert getattr(caught.value, "field", None) == "today"


@pytest.mark.parametrize("share_safe", [False, True])
@pytest.mark.parametrize("document", ["minutes", "attendance", "decisions", "actions"])
def test_contexts_conform_to_the_declared_shapes(founding, document, share_safe):
    ws, meeting_id, _ = founding
    context = minutes.document_context(ws, document, meeting_id=meeting_id, share_safe=share_safe,
                                       today=dt.date(2026, 1, 1))
    conform(context, SHAPES[document])


@pytest.mark.parametrize("share_safe", [False, True])
@pytest.mark.parametrize("document", ["minutes", "attendance", "decisions", "actions"])
def test_bundled_layouts_pass_the_strict_lint(document, share_safe):
    name = minutes.layout_for(document, share_safe=share_safe)
    data = importlib.resources.files("templates").joinpath(*name.split("/")).read_bytes()
    assert check_layout(data, shape=SHAPES[document], source=name, strict=True) == []


@pytest.mark.parametrize("document", ["minutes", "attendance", "decisions", "actions"])
def test_aggregate_contexts_conform_to_their_declared_shapes(founding, document):
    ws, meeting_id, _ = founding
    context = minutes.document_context(ws, document, meeting_id=meeting_id, profile="aggregate",
                                       today=dt.date(2026, 1, 1))
    conform(context, AGGREGATE_SHAPES[document])
    assert context["profile"] == "aggregate"


@pytest.mark.parametrize("document", ["minutes", "attendance", "decisions", "actions"])
def test_aggregate_layouts_pass_the_strict_lint(document):
    name = minutes.layout_for(document, profile="aggregate")
    assert name == f"minutes/{document}-aggregate.docx"
    data = importlib.resources.files("templates").joinpath(*name.split("/")).read_bytes()
    assert check_layout(data, shape=AGGREGATE_SHAPES[document], source=name, strict=True) == []


@pytest.mark.parametrize("document", ["minutes", "attendance", "decisions", "actions"])
def test_aggregate_documents_hold_no_member_name_and_no_alias(founding, document):
    ws, meeting_id, people = founding
    data = minutes.render_document(ws, document, meeting_id=meeting_id, profile="aggregate", today=dt.date(2026, 1, 1))
    assert leak_scan(data, list(people)) == []
    text = _docx_text(data)
    assert "Member A" not in text and "Chair" not in text and "Moved by" not in text


def test_aggregate_minutes_of_the_founding_meeting_are_counts_and_outcomes(founding):
    ws, meeting_id, _ = founding
    context = minutes.document_context(ws, "minutes", meeting_id=meeting_id, profile="aggregate")
    assert context["attendance"]["counts"] == {"in_person": 10, "remote": 1, "proxies": 0, "apologies": 1,
                                               "absent": 0, "supporters": 2, "observers": 1, "voting_present": 11}
    assert [m["counts"] for m in context["motions"][:2]] == ["9 in favour, 0 against, 1 abstaining",
                                                             "10 in favour, 0 against, 1 abstaining"]
    assert context["motions"][2]["consensus"] == "9 agreed, 1 stood aside, 0 blocked"
    assert context["tallies"]["agenda_items"] == 3
    assert "text" not in context["motions"][0] and "mover" not in context["motions"][0]
    text = _docx_text(minutes.render_minutes(ws, meeting_id, profile="aggregate"))
    assert HOSTILE_PLACE not in text and "Rose & Thorn" not in text and "kai" not in text
    assert "Vote by roll call: 10 in favour, 0 against, 1 abstaining." in text


def test_share_safe_is_the_shareable_profile_and_refuses_another(founding):
    ws, meeting_id, _ = founding
    assert minutes.layout_for("minutes", share_safe=True) == minutes.layout_for("minutes", profile="shareable")
    with pytest.raises(InputError) as caught:
        minutes.render_document(ws, "minutes", meeting_id=meeting_id, share_safe=True, profile="aggregate")
    assert caught.value.field == "profile"
    with pytest.raises(InputError) as caught:
        minutes.layout_for("minutes", profile="public")
    assert caught.value.field == "profile"


def test_layouts_are_built_reproducibly_by_the_script(tmp_path):
    from templates.minutes.build_layouts import build

    for path in build(tmp_path):
        bundled = importlib.resources.files("templates").joinpath("minutes", path.name).read_bytes()
        assert path.read_bytes() == bundled, f"{path.name} differs from the committed layout: rebuild it"


def test_long_date_is_unambiguous():
    assert long_date(dt.date(2025, 12, 17)) == "17 December 2025"
