"""export_document: safe slugs, inside the chosen folder, never overwriting, atomic, 0600."""

from __future__ import annotations

import os
import stat

import pytest

from formation.documents import export_document, safe_slug
from formation.errors import DocumentError


@pytest.mark.parametrize(
    "title, slug",
    [
        ("../../x", "x"),
        ("AGM 2026: Minutes (draft)", "agm-2026-minutes-draft"),
        ("Réunion générale — été", "reunion-generale-ete"),
        ("/etc/passwd", "etc-passwd"),
        ("..", "document"),
        ("नमस्ते समिति", "document"),
        ("a" * 200, "a" * 80),
        ("--Hello--World--", "hello-world"),
        ("CON", "con-document"),
        ("aux", "aux-document"),
        ("Nul", "nul-document"),
        ("COM1", "com1-document"),
        ("LPT9:", "lpt9-document"),
        ("prn.docx", "prn-docx"),
        ("Console", "console"),
        ("com10", "com10"),
    ],
)
def test_safe_slug_keeps_only_lowercase_letters_digits_and_hyphens(title, slug):
    assert safe_slug(title) == slug


def test_meeting_titled_dot_dot_slash_lands_inside_the_folder(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    written = export_document(b"data", folder, "../../x")
    assert written == folder.resolve() / "x.docx"
    assert written.read_bytes() == b"data"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]
    assert sorted(p.name for p in folder.iterdir()) == ["x.docx"]


def test_existing_file_is_not_overwritten_without_confirmation(tmp_path):
    first = export_document(b"first", tmp_path, "Minutes")
    with pytest.raises(DocumentError, match=r"minutes\.docx: already exists; choose another name or confirm"):
        export_document(b"second", tmp_path, "Minutes")
    assert first.read_bytes() == b"first"
    export_document(b"second", tmp_path, "Minutes", overwrite=True)
    assert first.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.docx"]


def test_export_is_mode_0600_under_umask_022(tmp_path):
    old = os.umask(0o022)
    try:
        written = export_document(b"data", tmp_path, "bylaws")
        replaced = export_document(b"data2", tmp_path, "bylaws", overwrite=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(replaced.stat().st_mode) == 0o600


def test_symbolic_link_in_the_way_is_never_written_through(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "bylaws.docx").symlink_to(outside)
    for overwrite in (False, True):
        with pytest.raises(DocumentError, match="symbolic link"):
            export_document(b"evil", folder, "bylaws", overwrite=overwrite)
    assert outside.read_bytes() == b"precious"


def test_folder_given_through_a_symbolic_link_is_resolved(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    written = export_document(b"data", link, "bylaws")
    assert written == real.resolve() / "bylaws.docx"


def test_missing_folder_and_bad_suffix_are_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(DocumentError, match="no such folder"):
        export_document(b"data", tmp_path / "missing", "x")
    with pytest.raises(DocumentError, match="extension"):
        export_document(b"data", tmp_path, "x", suffix="/../.docx")
    assert list(tmp_path.iterdir()) == []


def test_directory_in_the_way_is_refused(tmp_path):
    (tmp_path / "bylaws.docx").mkdir()
    with pytest.raises(DocumentError, match="not a regular file"):
        export_document(b"data", tmp_path, "bylaws", overwrite=True)


def test_no_staging_file_is_left_behind(tmp_path):
    export_document(b"data", tmp_path, "one")
    with pytest.raises(DocumentError):
        export_document(b"data", tmp_path, "one")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.docx"]
