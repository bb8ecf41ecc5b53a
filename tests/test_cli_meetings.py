"""``formation meetings|decisions|actions|minutes``: a meeting recorded end to end from the command line."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest

from formation.cli import main
from formation.cli.meetings import DECISION_KINDS, MEETING_KINDS
from formation.models.meetings import MEETING_KINDS as MODEL_MEETING_KINDS
from formation.models.rules import DECISION_KINDS as MODEL_DECISION_KINDS
from tests.meetings_support import HARBOUR_COMMUNITY, HARBOUR_RULES, harbour_lights, new_workspace

PASS = "correct horse battery"


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """A Harbour Lights workspace with its members, and a rules file (no bylaws adopted yet)."""
    ws = new_workspace(tmp_path)
    people = harbour_lights(ws)
    ws.close()
    rules = tmp_path / "rules.json"
    rules.write_text(HARBOUR_RULES.model_dump_json(), encoding="utf-8")
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASS)
    return tmp_path / "group.formation", rules, people


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def js(capsys, *argv: str):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_cli_choices_match_the_models():
    assert MEETING_KINDS == MODEL_MEETING_KINDS
    assert DECISION_KINDS == MODEL_DECISION_KINDS


def test_a_meeting_from_new_to_share_safe_minutes(setup, capsys, tmp_path):
    path, rules, people = setup
    w = ["-w", str(path)]
    r = ["--rules", str(rules)]
    meeting = js(capsys, "meetings", "new", *w, "--kind", "general", "--date", "2025-11-20", "--time", "18:00",
                 "--place", "the drop-in space", "--chair", "Kestrel", "--minute-taker", "Moana",
                 "--agenda", "Welcome", "--agenda", "Meeting times")
    mid = meeting["id"][:8]
    js(capsys, "meetings", "attend", mid, *w, *r, "--present", *HARBOUR_COMMUNITY[:9], "Wren", "Sam",
       "--online", "Fern", "--apologies", "Opal", "--guest", "Partner nurse")
    motion = js(capsys, "meetings", "motion", mid, *w, *r, "--text", "That the group meets monthly.",
                "--mover", "Juniper", "--seconder", "Saffron")
    assert motion["number"] == 1
    js(capsys, "meetings", "amend", mid, "1", *w, *r, "--text", "add 'online when needed'",
       "--result", "That the group meets monthly, online when needed.", "--mover", "Tui", "--seconder", "Rook")
    amended = js(capsys, "meetings", "vote", mid, "1", *w, *r, "--amendment", "1", "--for", "7", "--against", "4")
    assert amended["carried"]
    outcome = js(capsys, "meetings", "vote", mid, "1", *w, *r, "--roll-call",
                 *[f"{n}=for" for n in HARBOUR_COMMUNITY[:9]], "Wren=abstain", "Fern=against")
    assert outcome["carried"] and outcome["rule"] == "a majority of votes cast"
    assert "9 in favour, 1 against, 1 abstention" in outcome["explanation"]
    js(capsys, "meetings", "motion", mid, *w, *r, "--text", "That Kestrel, Moana, Juniper, Saffron and Wren form the committee.",
       "--mover", "Tui", "--seconder", "Rook", "--kind", "elect_governing_body")
    js(capsys, "meetings", "vote", mid, "2", *w, *r, "--for", "10", "--abstain", "1")
    item = js(capsys, "actions", "add", *w, "--what", "Book the room for December", "--owner", "Tui",
              "--due", "2025-12-01", "--meeting", mid)
    closed = js(capsys, "meetings", "close", mid, *w, *r, "--end-time", "20:00")
    assert closed["quorum"]["explanation"].startswith("11 of 12 voting members present; quorum is 7.")

    decisions = js(capsys, "decisions", "list", *w)
    assert [d["number"] for d in decisions] == [1, 2]
    assert decisions[0]["text"] == "That the group meets monthly, online when needed."
    assert decisions[1]["triggers"] == [{"obligation": "change_of_officers", "event": "officer_change", "date": "2025-11-20"}]

    overdue = js(capsys, "actions", "list", *w, "--overdue", "--today", "2025-12-02")
    assert [a["id"] for a in overdue] == [item["id"]]

    out = tmp_path / "out"
    out.mkdir()
    written = js(capsys, "minutes", "render", mid, *w, "--out", str(out / "November minutes.docx"))
    assert written["path"].endswith("november-minutes.docx")
    text = "\n".join(p.text for p in docx.Document(written["path"]).paragraphs)
    assert "That the group meets monthly, online when needed." in text and "Moved by Juniper." in text
    safe = js(capsys, "minutes", "render", mid, *w, "--out", str(out / "shared.docx"), "--share-safe")
    with zipfile.ZipFile(safe["path"]) as archive:
        blob = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    for name in people:
        assert name not in blob
    code, _, err = run(capsys, "minutes", "render", mid, *w, "--out", str(out / "shared.docx"), "--share-safe")
    assert code == 6 and "already exists" in err
    assert safe["profile"] == "shareable" and safe["path"].endswith("shared.docx")
    for document in ("attendance", "decisions", "actions"):
        js(capsys, "minutes", "render", mid, *w, "--document", document, "--out", str(out / f"{document}.docx"))
    for document in ("minutes", "attendance", "decisions", "actions"):
        figures = js(capsys, "minutes", "render", mid, *w, "--document", document, "--profile", "aggregate",
                     "--out", str(out / f"{document} in figures.docx"))
        assert figures["profile"] == "aggregate" and figures["path"].endswith(f"{document}-in-figures.docx")
        with zipfile.ZipFile(figures["path"]) as archive:
            blob = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        assert "Aggregate copy" in blob and "Member A" not in blob and "meets monthly" not in blob
        assert not any(name in blob for name in people)
    with pytest.raises(SystemExit) as usage:
        main(["minutes", "render", mid, *w, "--out", str(out / "x.docx"), "--share-safe", "--profile", "aggregate"])
    assert usage.value.code == 2 and "not allowed with argument --share-safe" in capsys.readouterr().err

    nxt = js(capsys, "meetings", "new", *w, "--kind", "general", "--date", "2025-12-18")
    js(capsys, "meetings", "attend", nxt["id"], *w, *r, "--present", *HARBOUR_COMMUNITY[:8])
    approved = js(capsys, "meetings", "approve", mid, *w, *r, "--at", nxt["id"], "--corrections",
                  "Fern joined online.", "--lock")
    assert approved["minutes"] == "Approved as corrected, locked" and len(approved["content_hash"]) == 64
    assert js(capsys, "minutes", "verify", mid, *w)["matches"] is True
    listing = js(capsys, "meetings", "list", *w)
    assert [m["date"] for m in listing] == ["2025-12-18", "2025-11-20"]
    shown = js(capsys, "meetings", "show", mid, *w)
    assert [m["result"] for m in shown["motions"]] == ["carried", "carried"]


def test_cli_errors_name_the_option_and_never_the_member(setup, capsys):
    path, rules, people = setup
    w = ["-w", str(path)]
    r = ["--rules", str(rules)]
    meeting = js(capsys, "meetings", "new", *w, "--kind", "general", "--date", "2025-11-20")
    mid = meeting["id"]
    js(capsys, "meetings", "attend", mid, *w, *r, "--present", *HARBOUR_COMMUNITY[:9], "Sam")
    js(capsys, "meetings", "motion", mid, *w, *r, "--text", "That we meet weekly.", "--mover", "Tui", "--seconder", "Rook")
    code, _, err = run(capsys, "meetings", "vote", mid, "1", *w, *r, "--roll-call", "Tui=for", "Sam=for")
    assert code == 3 and "roll_call.1.member_id" in err and "supporting member" in err
    assert "Sam" not in err
    code, _, err = run(capsys, "meetings", "vote", mid, "1", *w, *r, "--for", "9", "--against", "2")
    assert code == 3 and "votes" in err and "more than the 9 voters present" in err
    code, _, err = run(capsys, "meetings", "vote", mid, "1", *w, *r, "--roll-call", "Nobody-Here=for")
    assert code == 3 and "--roll-call 1" in err
    code, _, err = run(capsys, "meetings", "vote", mid, "1", *w, "--for", "5")
    assert code == 3 and "rules" in err  # no adopted bylaws and no --rules
    code, _, err = run(capsys, "meetings", "new", *w, "--kind", "general", "--date", "2025-02-30")
    assert code == 3 and "date" in err
