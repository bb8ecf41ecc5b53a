"""``formation bylaws ...`` and ``formation structure suggest`` from the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from formation.cli import main
from formation.models import GoverningBody, Member, Organization, Seat
from formation.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
NAME = "Rose & Thorn <Co-op>"


@pytest.fixture
def workspace(tmp_path, fast_kdf, monkeypatch):
    """An encrypted workspace: a New Zealand group with 6 community members and a supporter, a
    committee of 5 with 4 community members, and the passphrase in the environment."""
    path = tmp_path / "ws"
    members = [Member(work_name=f"Member {i}", community_member="yes") for i in range(6)]
    members.append(Member(work_name="Ally", community_member="no", membership_class="supporting"))
    organization = Organization(name=NAME, objects=["To uphold the rights of sex workers."],
                                legal_context_id="nz", legal_form_id="incorporated_society")
    with Workspace.create(path, "s3cret", kdf=fast_kdf, organization=organization) as ws:
        ws.put_many(members)
        ws.put(GoverningBody(seats=[Seat(member_id=m.id) for m in members[:4]] + [Seat(member_id=members[6].id)]))
    monkeypatch.setenv("FORMATION_PASSPHRASE", "s3cret")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_set_show_and_versions(workspace, capsys):
    w = str(workspace)
    code, out, _ = run(capsys, "bylaws", "new", "-w", w, "--on", "2026-02-01", "--json")
    assert code == 0 and json.loads(out)["version"] == 1
    assert run(capsys, "bylaws", "set", "-w", w, "quorum.kind", "share_of_voting_members")[0] == 0
    assert run(capsys, "bylaws", "set", "-w", w, "quorum.quorum_share", "40%")[0] == 0
    code, out, _ = run(capsys, "bylaws", "show", "-w", w, "--json")
    context = json.loads(out)
    quorum = next(c for a in context["articles"] for c in a["clauses"] if c["id"] == "quorum")
    assert "at least 40% of the voting members" in quorum["paragraphs"][0]
    code, out, _ = run(capsys, "bylaws", "show", "-w", w)
    assert out.startswith("# Constitution: Rose & Thorn \\<Co-op\\>")
    code, out, _ = run(capsys, "bylaws", "show", "-w", w, "--choices")
    assert "quorum.kind = share_of_voting_members" in out and "Power:" in out
    code, out, _ = run(capsys, "bylaws", "versions", "-w", w, "--json")
    assert json.loads(out)[0]["history"] == [{"status": "draft", "on": "2026-02-01"}]


def test_a_bad_value_exits_3_naming_the_field_and_changes_nothing(workspace, capsys):
    w = str(workspace)
    run(capsys, "bylaws", "new", "-w", w, "--on", "2026-02-01")
    before = workspace.read_bytes()
    code, _, err = run(capsys, "bylaws", "set", "-w", w, "quorum.quorum_share", "1.5")
    assert code == 3 and "quorum.quorum_share: must be a fraction between 0.01 and 1" in err
    code, _, err = run(capsys, "bylaws", "set", "-w", w, "governing_body.community_seats", "9")
    assert code == 3 and "governing_body.community_seats" in err
    assert workspace.read_bytes() == before


def test_audit_text_and_json_with_completeness_against_s26(workspace, capsys):
    w = str(workspace)
    run(capsys, "bylaws", "new", "-w", w, "--on", "2026-02-01")
    code, out, _ = run(capsys, "bylaws", "audit", "-w", w, "--no-staff")
    assert code == 0 and out.startswith("Bylaws v1: COMMUNITY-LED")
    assert "RUF (2018) [partly confirmed]: PASS" in out and "Required contents" in out
    run(capsys, "bylaws", "set", "-w", w, "disputes_and_complaints", "--leave-out")
    run(capsys, "bylaws", "set", "-w", w, "finances.budget", "partner_approves_budget")
    code, out, _ = run(capsys, "bylaws", "audit", "-w", w, "--criteria", "ruf", "--criteria", "caswlr", "--json")
    result = json.loads(out)
    assert result["verdict"]["label"] == "community-based"
    assert [r["id"] for r in result["criteria"]] == ["red_umbrella_fund", "caswlr"]
    assert result["completeness"]["complete"] is False
    assert result["completeness"]["missing"][0].startswith("Incorporated Societies Act 2022 s.26(1)(j)")
    code, _, err = run(capsys, "bylaws", "audit", "-w", w, "--staff", "2:3")
    assert code == 3 and "--staff" in err


def test_adopted_versions_cannot_change_and_new_starts_the_next(workspace, capsys):
    w = str(workspace)
    run(capsys, "bylaws", "new", "-w", w, "--on", "2026-02-01")
    assert run(capsys, "bylaws", "adopt", "-w", w, "--on", "2026-03-14")[0] == 0
    code, _, err = run(capsys, "bylaws", "set", "-w", w, "quorum.kind", "fixed_number")
    assert code == 3 and "can no longer change" in err
    code, out, _ = run(capsys, "bylaws", "new", "-w", w, "--on", "2026-04-01", "--json")
    assert json.loads(out)["version"] == 2


def test_render_docx_holds_every_clause_and_the_values_with_the_name_intact(workspace, capsys, tmp_path):
    w = str(workspace)
    run(capsys, "bylaws", "new", "-w", w, "--on", "2026-02-01")
    run(capsys, "bylaws", "set", "-w", w, "general_meetings.notice_days", "17")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, _ = run(capsys, "bylaws", "render", "-w", w, "--out", str(out_dir / "bylaws.docx"))
    assert code == 0 and (out_dir / "bylaws.docx").is_file()
    document = docx.Document(io.BytesIO((out_dir / "bylaws.docx").read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert NAME in text and "at least 17 days notice" in text
    assert "{{" not in text and "{%" not in text
    code, out, _ = run(capsys, "bylaws", "show", "-w", w, "--json")
    for article in json.loads(out)["articles"]:
        for clause in article["clauses"]:
            assert clause["title"] in text
    code, _, _ = run(capsys, "bylaws", "render", "-w", w, "--out", str(out_dir / "bylaws.md"))
    assert code == 0 and "Rose & Thorn \\<Co-op\\>" in (out_dir / "bylaws.md").read_text(encoding="utf-8")


def test_a_layout_with_a_sandbox_escape_is_refused_and_no_file_is_written(workspace, capsys, tmp_path):
    w = str(workspace)
    run(capsys, "bylaws", "new", "-w", w, "--on", "2026-02-01")
    layout = docx.Document()
    layout.add_paragraph("{{ cycler.__init__.__globals__ }}")
    layout.save(tmp_path / "evil.docx")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, err = run(capsys, "bylaws", "render", "-w", w, "--out", str(out_dir / "bylaws.docx"),
                       "--template", str(tmp_path / "evil.docx"))
    assert code == 6 and err
    assert list(out_dir.iterdir()) == []


def test_commands_without_bylaws_say_how_to_start(workspace, capsys):
    code, _, err = run(capsys, "bylaws", "show", "-w", str(workspace))
    assert code == 3 and "formation bylaws new" in err


def test_structure_suggest_ranks_forms_as_json_and_text(capsys):
    code, out, _ = run(capsys, "structure", "suggest", "--context", "nz", "--founders", "14",
                       "--register-openly", "yes", "--bank-account", "--json")
    result = json.loads(out)
    assert code == 0 and result["options"][0]["form_id"] == "incorporated_society"
    assert any(o["context_id"] == "anywhere" for o in result["options"])
    code, out, _ = run(capsys, "structure", "suggest", "--context", "ke", "--founders", "22", "--register-openly", "no")
    assert code == 0 and "does not fit" in out and "Does not fit: You said the group cannot register openly" in out
    code, _, err = run(capsys, "structure", "suggest", "--context", "nz", "--founders", "0")
    assert code == 3 and "--founders" in err


def test_bylaws_and_structure_commands_import_neither_textual_nor_docxtpl():
    script = (
        "import sys; from formation.cli import main;"
        "main(['bylaws', 'clauses', '--json']);"
        "main(['structure', 'suggest', '--context', 'nz', '--founders', '12', '--json']);"
        "sys.stderr.write(repr(sorted(m for m in ('textual', 'docxtpl', 'docx') if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]"


def test_audit_reads_the_current_partnership_agreement(workspace, capsys):
    import datetime as dt

    from formation.models.partners import DecisionRight, Partner
    from formation.partners import draft_agreement

    w = str(workspace)
    run(capsys, "bylaws", "new", "-w", w, "--on", "2026-02-01")
    partner = Partner(name="Example Trust", kinds=["host"])
    agreement = draft_agreement(
        partner, made_on=dt.date(2026, 2, 1), starts_on=dt.date(2026, 2, 1),
        purpose="To host the collective's peer programme.",
        support=[{"support": "space", "description": "a meeting room two afternoons a week"}],
        handover_starts_on=dt.date(2026, 3, 1), handover_ends_on=dt.date(2027, 3, 1),
        decision_rights=[DecisionRight(power="approve_budget", over="the annual budget")],
    )
    with Workspace.open(workspace, "s3cret") as ws:
        ws.put(partner)
        ws.put(agreement)
    code, out, _ = run(capsys, "bylaws", "audit", "-w", w, "--json")
    result = json.loads(out)
    (finding,) = [f for f in result["findings"] if f["where"] == "agreement"]
    assert finding["severity"] == "critical" and "Example Trust" in finding["reference"]
    assert result["verdict"]["label"] == "community-based"
