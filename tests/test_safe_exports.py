"""Every export goes through the safe path: ``bylaws render`` (.docx, .md, PDF), ``calendar --out``
and the age-encrypted review copy (issue 7 item 4: leak scan, safe slug inside the chosen folder,
0600, atomic, never overwriting without confirmation; PDF staged in the chosen folder)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

import docx
import icalendar
import pytest

from formation.calendar import calendar_ics
from formation.cli import main
from formation.cli.calendar import readable_ics
from formation.deadlines import Deadline
from formation.documents import export_document, leak_scan_text
from formation.errors import DocumentError
from formation.models import FinancialYearEnd, Member, Organization
from formation.store import Workspace

PASS = "s3cret"
GROUP = "Rose & Thorn <Co-op>"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workspace(tmp_path, fast_kdf, monkeypatch):
    """A New Zealand group whose name holds the work name of one of its members ("Thorn"), with
    bylaws v1 drafted, and the passphrase in the environment."""
    path = tmp_path / "ws"
    organization = Organization(name=GROUP, objects=["To uphold the rights of sex workers."],
                                legal_context_id="nz", legal_form_id="incorporated_society",
                                incorporation_date="2024-02-29", financial_year_end=FinancialYearEnd(month=3, day=31))
    with Workspace.create(path, PASS, kdf=fast_kdf, organization=organization) as ws:
        ws.put_many([Member(work_name="Kestrel", community_member="yes"), Member(work_name="Annie")])
    monkeypatch.setenv("FORMATION_PASSPHRASE", PASS)
    assert main(["bylaws", "new", "-w", str(path), "--on", "2026-02-01"]) == 0
    return path


@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _add_member(path: Path, work_name: str) -> None:
    with Workspace.open(path, PASS) as ws:
        ws.put(Member(work_name=work_name))


# ------------------------------------------------------------------------------ export_document


def test_an_age_encrypted_copy_keeps_both_extensions(tmp_path):
    written = export_document(b"age-encryption.org/v1\n", tmp_path, "Review copy (v2)", suffix=".docx.age")
    assert written == tmp_path.resolve() / "review-copy-v2.docx.age"
    assert written.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("suffix", [".docx.age.x.y", ".docx/../x", ".docx\n", "docx", ".DOCX", ".docx..age", ".",
                                    ".toolongext"])
def test_export_document_refuses_a_suffix_that_is_not_one_to_three_plain_parts(tmp_path, suffix):
    with pytest.raises(DocumentError, match="extension"):
        export_document(b"x", tmp_path, "copy", suffix=suffix)
    assert list(tmp_path.iterdir()) == []


def test_leak_scan_text_finds_whole_names_whatever_their_case_and_spacing():
    text = "The   committee thanks ANNIE sprinkle.\nSamuel came; Wren did not."
    assert leak_scan_text(text, ["Annie Sprinkle", "Sam", "Wren", "", "Tui"]) == ["Annie Sprinkle", "Wren"]


# ------------------------------------------------------------------------------ bylaws render


def test_bylaws_docx_is_written_with_a_safe_name_and_mode_0600(workspace, out_dir, capsys):
    code, out, _ = run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / "Our Rules (v1)!.docx"))
    assert code == 0
    written = out_dir / "our-rules-v1.docx"
    assert out.strip() == f"Wrote {written.resolve()}"
    assert written.stat().st_mode & 0o777 == 0o600
    assert GROUP in "\n".join(p.text for p in docx.Document(io.BytesIO(written.read_bytes())).paragraphs)
    code, _, err = run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / "our-rules-v1.docx"))
    assert code == 6 and "already exists" in err
    assert run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / "our-rules-v1.docx"),
               "--overwrite")[0] == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["our-rules-v1.docx"]


@pytest.mark.parametrize("name", ["bylaws.docx", "bylaws.md"])
def test_bylaws_naming_a_member_are_refused_unless_internal(workspace, out_dir, capsys, name):
    _add_member(workspace, "Thorn")  # the group is named after a founder
    code, _, err = run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / name))
    assert code == 6
    assert "bylaws: 1 member name(s) found in" in err and "nothing was written" in err
    assert "Thorn" not in err.replace(GROUP, "")
    assert list(out_dir.iterdir()) == []
    code, _, err = run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / name),
                       "--profile", "aggregate")
    assert code == 6 and list(out_dir.iterdir()) == []
    assert run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / name),
               "--profile", "internal")[0] == 0
    assert [p.name for p in out_dir.iterdir()] == [name]


def test_bylaws_markdown_is_scanned_as_a_reader_sees_it(workspace, out_dir, capsys):
    _add_member(workspace, "Thorn <Co-op>")  # written "Thorn \\<Co-op\\>" in the Markdown source
    code, _, err = run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / "bylaws.md"))
    assert code == 6 and "1 member name(s)" in err and list(out_dir.iterdir()) == []


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_bylaws_pdf_is_staged_in_the_chosen_folder_and_the_staged_docx_removed(workspace, out_dir, capsys,
                                                                                 monkeypatch, tmp_path):
    import formation.documents.pdf as pdf

    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    staged: list[tuple[Path, list[str], int, int]] = []
    convert = pdf.docx_to_pdf

    def watching(path, outdir, *, overwrite=False):  # noqa: ANN001
        staged.append((path, sorted(p.name for p in path.parent.iterdir()), path.stat().st_mode & 0o777,
                       path.parent.stat().st_mode & 0o777))
        return convert(path, outdir, overwrite=overwrite)

    monkeypatch.setattr(pdf, "docx_to_pdf", watching)
    code, out, err = run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / "Bylaws v1.pdf"))
    assert code == 0, err
    [(docx_path, beside, file_mode, folder_mode)] = staged
    assert docx_path.parent.parent == out_dir.resolve() and docx_path.parent.name.startswith(".formation-stage-")
    assert docx_path.name == "bylaws-v1.docx" and beside == ["bylaws-v1.docx"]
    assert (file_mode, folder_mode) == (0o600, 0o700)
    assert not docx_path.exists() and not docx_path.parent.exists()
    pdf_path = out_dir / "bylaws-v1.pdf"
    assert sorted(p.name for p in out_dir.iterdir()) == ["bylaws-v1.pdf"]  # no staged .docx or folder left
    assert pdf_path.read_bytes().startswith(b"%PDF") and pdf_path.stat().st_mode & 0o777 == 0o600
    assert list(system_temp.iterdir()) == []
    code, _, err = run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / "Bylaws v1.pdf"))
    assert code == 6 and "already exists" in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["bylaws-v1.pdf"]


def test_bylaws_pdf_naming_a_member_is_refused_before_libreoffice_runs(workspace, out_dir, capsys, monkeypatch):
    import formation.documents.pdf as pdf

    monkeypatch.setattr(pdf, "docx_to_pdf", lambda *a, **k: pytest.fail("converted a document that names a member"))
    _add_member(workspace, "Thorn")
    code, _, err = run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / "bylaws.pdf"))
    assert code == 6 and "member name(s) found in word/document.xml" in err
    assert list(out_dir.iterdir()) == []


def test_bylaws_pdf_without_libreoffice_leaves_nothing_behind(workspace, out_dir, capsys, monkeypatch):
    monkeypatch.setattr("formation.documents.pdf.find_soffice", lambda: None)
    code, _, err = run(capsys, "bylaws", "render", "-w", str(workspace), "--out", str(out_dir / "bylaws.pdf"))
    assert code == 6 and "LibreOffice is not installed" in err
    assert list(out_dir.iterdir()) == []


# ------------------------------------------------------------------------------ calendar


def test_readable_ics_unfolds_lines_and_undoes_text_escapes():
    deadline = Deadline("agm", "Annual general meeting", dt.date(2025, 8, 29), dt.date(2024, 2, 29),
                        "a basis; with, escapes \\ here", 1)
    data = calendar_ics([deadline], generated_on=dt.date(2025, 1, 1), community_years=[2025])
    assert b"\r\n " in data  # icalendar folds the long description lines
    text = readable_ics(data)
    assert "First held in 2003 by Annie Sprinkle and SWOP-USA as a memorial for victims of violence." in text
    assert "Deadline: a basis; with, escapes \\ here." in text


def test_calendar_is_written_with_a_safe_name_mode_0600_and_never_over_a_file(workspace, out_dir, capsys):
    code, out, err = run(capsys, "calendar", "-w", str(workspace), "--out", str(out_dir / "Our Deadlines.ics"),
                         "--as-of", "2025-01-01")
    assert code == 0, err
    written = out_dir / "our-deadlines.ics"
    assert out.strip().endswith(str(written.resolve()))
    assert written.stat().st_mode & 0o777 == 0o600
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")]
    assert "Due: Annual general meeting" in summaries
    before = written.read_bytes()
    code, _, err = run(capsys, "calendar", "-w", str(workspace), "--out", str(written), "--as-of", "2026-01-01")
    assert code == 6 and "already exists" in err and written.read_bytes() == before
    assert run(capsys, "calendar", "-w", str(workspace), "--out", str(written), "--as-of", "2026-01-01",
               "--overwrite")[0] == 0
    assert written.read_bytes() != before
    assert sorted(p.name for p in out_dir.iterdir()) == ["our-deadlines.ics"]


def test_calendar_holding_a_members_name_is_refused(workspace, out_dir, capsys):
    # "Annie" is a member's work name and also in a community date's description (folded in the file).
    code, _, err = run(capsys, "calendar", "-w", str(workspace), "--out", str(out_dir / "deadlines.ics"),
                       "--as-of", "2025-01-01", "--community-dates")
    assert code == 6 and "calendar: 1 member name(s) found in the text; nothing was written" in err
    assert "Annie" not in err
    assert list(out_dir.iterdir()) == []
    assert run(capsys, "calendar", "-w", str(workspace), "--out", str(out_dir / "deadlines.ics"),
               "--as-of", "2025-01-01")[0] == 0
