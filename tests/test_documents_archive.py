"""Bounded .docx checks: zip bombs and hostile part names are refused before anything parses them."""

from __future__ import annotations

import io
import struct
import tracemalloc
import warnings
import zipfile

import pytest

from documents_support import layout, parts_of, rezip
from formation.documents import ArchiveLimits, check_archive, read_docx_file, read_parts, render_docx
from formation.documents.lint import lint_layout
from formation.errors import DocumentError

MiB = 1024 * 1024


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size a zip declares for ``name`` (local and central headers)."""
    blob = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(name).header_offset
    struct.pack_into("<I", blob, local + 22, size)
    position = blob.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack_from("<H", blob, position + 28)[0]
        if bytes(blob[position + 46: position + 46 + name_length]) == name.encode():
            struct.pack_into("<I", blob, position + 24, size)
        position = blob.find(b"PK\x01\x02", position + 4)
    return bytes(blob)


def small_bomb() -> bytes:
    """A .docx of a few KiB whose document.xml declares 400 MiB (ratio far above 100)."""
    parts = parts_of(layout("x"))
    parts["word/document.xml"] = b"<" + b" " * MiB
    return declare_size(rezip(parts), "word/document.xml", 400 * MiB)


def test_small_docx_declaring_400_mib_part_is_refused_without_decompressing(tmp_path):
    bomb = small_bomb()
    assert len(bomb) < 64 * 1024
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError, match=r"word/document\.xml.*400\.0 MiB.*at most 20 MiB"):
            render_docx(path, {"x": "y"})
        with pytest.raises(DocumentError, match="refused"):
            lint_layout(bomb, shape=None, source="bomb.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MiB
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.docx"]


def test_real_highly_compressed_part_is_refused_by_ratio():
    parts = parts_of(layout("x"))
    parts["word/media/blank.bin"] = bytes(10 * MiB)
    with pytest.raises(DocumentError, match=r"word/media/blank\.bin.*compressed more than 100 to 1"):
        check_archive(rezip(parts), source="ratio.docx")


def test_total_uncompressed_size_over_50_mib_is_refused():
    parts = parts_of(layout("x"))
    data = rezip({**parts, **{f"word/media/part{i}.bin": b"ab" for i in range(3)}})
    for i in range(3):
        data = declare_size(data, f"word/media/part{i}.bin", 19 * MiB)
    with pytest.raises(DocumentError, match="more than 50 MiB"):
        check_archive(data, source="big.docx", limits=ArchiveLimits(max_ratio=1e9))


def test_more_than_1000_parts_is_refused():
    parts = parts_of(layout("x"))
    parts.update({f"word/media/p{i}.txt": b"" for i in range(1000)})
    with pytest.raises(DocumentError, match=r"has 1,0\d\d parts; a \.docx may have at most 1,000"):
        check_archive(rezip(parts), source="many.docx")


@pytest.mark.parametrize(
    "name, problem",
    [
        ("/etc/cron.d/x", "absolute"),
        ("../../escape.xml", "climbs out"),
        ("word/../../escape.xml", "climbs out"),
        ("C:/Windows/x.xml", "absolute"),
        ("word\\document.xml", "has a backslash in its name"),
        ("C:\\Windows\\x.xml", "has a backslash in its name"),
    ],
)
def test_absolute_and_climbing_part_names_are_refused(name, problem):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        info = zipfile.ZipInfo("placeholder")
        info.filename = name  # ZipInfo would normalise the name; a hostile file would not
        archive.writestr(info, b"<x/>")
    with pytest.raises(DocumentError, match=problem):
        check_archive(buffer.getvalue(), source="names.docx")


def test_duplicate_part_names_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        archive.writestr("word/document.xml", b"<a/>")
        archive.writestr("word/document.xml", b"<b/>")
    with pytest.raises(DocumentError, match="twice"):
        check_archive(buffer.getvalue(), source="dup.docx")


def test_not_a_zip_is_refused_with_the_file_name():
    with pytest.raises(DocumentError, match=r"notes\.docx: is not a \.docx file"):
        check_archive(b"PK\x03\x04 but not really a zip", source="notes.docx")


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.docx"
    with open(path, "wb") as handle:
        handle.truncate(51 * MiB)  # sparse: costs no disk, and is never read
    with pytest.raises(DocumentError, match="huge.docx: is 51.0 MiB; a .docx may be at most 50 MiB"):
        read_docx_file(path)


def test_part_longer_than_declared_is_not_read_past_its_declared_size():
    parts = parts_of(layout("x"))
    parts["word/media/extra.bin"] = b"x" * 5000
    data = declare_size(rezip(parts), "word/media/extra.bin", 100)
    with pytest.raises(DocumentError, match="damaged|longer than declared"):
        read_parts(data, source="liar.docx")


def test_ordinary_layout_passes_and_reads_every_part():
    data = layout("{{ x }}")
    names = [info.filename for info in check_archive(data, source="ok.docx")]
    assert "word/document.xml" in names
    assert set(read_parts(data, source="ok.docx")) == set(parts_of(data))
