"""Bounded checks of .docx (zip) files before anything parses them.

A .docx is a zip archive, and python-docx reads each part whole with ``ZipFile.read``. A small
file can declare a 400 MiB part that drives the process to hundreds of MB before lxml gives up
(research/security.md section 5, "Zip bombs in .docx imports"; Python's zipfile documentation,
"Decompression pitfalls"). So every .docx that comes in (a user's layout, a review copy coming
back, a rendered document being scrubbed or scanned) is first checked from the zip's central
directory alone, with no decompression:

- at most ``max_parts`` parts (1,000), ``max_part`` bytes uncompressed each (20 MiB) and
  ``max_total`` bytes uncompressed together (50 MiB);
- a compression ratio of at most ``max_ratio`` (100) for the archive and for each part of
  64 KiB or more (a small part cannot be a bomb, and tiny parts compress oddly);
- no absolute names, no ``..`` steps, no backslashes or drive letters, no duplicate names, no
  encrypted parts.

Reading then never trusts the data further than the declared sizes: ``zipfile`` stops each part
at its declared size and checks its CRC.
"""

from __future__ import annotations

import io
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from formation.errors import DocumentError

MiB = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """Limits for a .docx archive (sizes in bytes).

    Attributes:
        max_total: uncompressed size of all parts together (default 50 MiB).
        max_part: uncompressed size of any one part (default 20 MiB).
        max_parts: number of parts (default 1,000).
        max_ratio: uncompressed / compressed size, for the archive and each part >= 64 KiB (100).
        max_file: size of the .docx file itself (default 50 MiB).
    """

    max_total: int = 50 * MiB
    max_part: int = 20 * MiB
    max_parts: int = 1000
    max_ratio: float = 100.0
    max_file: int = 50 * MiB


DEFAULT_LIMITS = ArchiveLimits()
"""The limits every import uses (research/security.md, requirement 16)."""

OUTPUT_LIMITS = ArchiveLimits(max_ratio=10_000.0)
"""The limits for re-reading a document formation has just rendered (scrub, leak scan). The
sizes stay bounded; the ratio is relaxed because a long table of similar rows (a 2,000-person
roll call) legitimately compresses close to 100 to 1, and this file is not an import."""

_RATIO_FLOOR = 64 * 1024


def read_docx_file(path: Path, *, limits: ArchiveLimits = DEFAULT_LIMITS) -> bytes:
    """Read a .docx file from disk, refusing anything too big to be a document.

    Args:
        path: the file; it must be a regular file (a symbolic link to one is read).
        limits: the size limits; only ``max_file`` is used here.

    Returns:
        The file's bytes (check them with ``check_archive`` before parsing).

    Raises:
        DocumentError: the file is missing, not a regular file, unreadable, or over the limit.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"{path}: is not a regular file")
    if info.st_size > limits.max_file:
        raise DocumentError(
            f"{path}: is {info.st_size / MiB:.1f} MiB; a .docx may be at most {limits.max_file // MiB} MiB"
        )
    try:
        chunks = []
        total = 0
        with open(path, "rb") as handle:
            # In chunks: read(n) would reserve n bytes up front, whatever the file's size.
            while total <= limits.max_file:
                chunk = handle.read(MiB)
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror})") from None
    if len(data) > limits.max_file:
        raise DocumentError(f"{path}: grew while being read; a .docx may be at most {limits.max_file // MiB} MiB")
    return data


def check_archive(
    data: bytes, *, source: str, limits: ArchiveLimits = DEFAULT_LIMITS
) -> list[zipfile.ZipInfo]:
    """Check a .docx archive from its central directory, decompressing nothing.

    Args:
        data: the bytes of the .docx file.
        source: the file name to put in error messages.
        limits: the limits to apply (see ``ArchiveLimits``).

    Returns:
        The archive's entries (``zipfile.ZipInfo``), in archive order.

    Raises:
        DocumentError: naming ``source`` and the problem (which limit, which part name) when the
            data is not a zip archive or breaks a limit. Part names inside a .docx are fixed by
            the format (``word/document.xml``) and are safe to show.
    """
    if len(data) > limits.max_file:
        raise DocumentError(f"{source}: is larger than {limits.max_file // MiB} MiB; refused")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise DocumentError(f"{source}: is not a .docx file (it is not a valid zip archive)") from None
    with archive:
        infos = archive.infolist()
    if len(infos) > limits.max_parts:
        raise DocumentError(
            f"{source}: has {len(infos):,} parts; a .docx may have at most {limits.max_parts:,}; refused"
        )
    seen: set[str] = set()
    total = 0
    total_compressed = 0
    for info in infos:
        name = info.filename
        _check_name(name, source)
        if name in seen:
            raise DocumentError(f"{source}: holds the part {_show(name)} twice; refused")
        seen.add(name)
        if info.flag_bits & 0x1:
            raise DocumentError(f"{source}: part {_show(name)} is encrypted; refused")
        if info.file_size > limits.max_part:
            raise DocumentError(
                f"{source}: part {_show(name)} would unpack to {info.file_size / MiB:.1f} MiB; "
                f"a part may be at most {limits.max_part // MiB} MiB; refused"
            )
        if info.file_size >= _RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise DocumentError(
                f"{source}: part {_show(name)} is compressed more than {limits.max_ratio:g} to 1 "
                "(a zip bomb?); refused"
            )
        total += info.file_size
        total_compressed += info.compress_size
        if total > limits.max_total:
            raise DocumentError(
                f"{source}: would unpack to more than {limits.max_total // MiB} MiB; refused"
            )
    if total >= _RATIO_FLOOR and total > limits.max_ratio * max(total_compressed, 1):
        raise DocumentError(
            f"{source}: is compressed more than {limits.max_ratio:g} to 1 overall (a zip bomb?); refused"
        )
    return infos


def _check_name(name: str, source: str) -> None:
    if not name or "\x00" in name:
        raise DocumentError(f"{source}: holds a part with an empty or invalid name; refused")
    if "\\" in name:
        raise DocumentError(f"{source}: part {_show(name)} has a backslash in its name (a Windows path, "
                            "which a .docx never holds; it could climb out of a folder when unpacked); refused")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise DocumentError(f"{source}: part {_show(name)} has an absolute name; refused")
    if ".." in name.split("/"):
        raise DocumentError(f"{source}: part {_show(name)} climbs out of the archive ('..'); refused")


def _show(name: str) -> str:
    shown = name if len(name) <= 80 else name[:77] + "..."
    return repr(shown)


def read_parts(
    data: bytes, *, source: str, limits: ArchiveLimits = DEFAULT_LIMITS
) -> dict[str, bytes]:
    """Check a .docx archive (``check_archive``), then read every part.

    Args:
        data: the bytes of the .docx file.
        source: the file name to put in error messages.
        limits: the limits to apply.

    Returns:
        ``{part name: bytes}`` in archive order (directory entries left out).

    Raises:
        DocumentError: as ``check_archive``, or when a part is damaged (bad CRC, truncated).
    """
    infos = check_archive(data, source=source, limits=limits)
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in infos:
                if info.is_dir():
                    continue
                with archive.open(info) as member:
                    # zipfile stops at the declared size; read one byte more to be certain.
                    blob = member.read(info.file_size + 1)
                if len(blob) > info.file_size:
                    raise DocumentError(f"{source}: part {_show(info.filename)} is longer than declared; refused")
                parts[info.filename] = blob
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise DocumentError(
            f"{source}: is damaged ({type(exc).__name__}); open and save it again in Word or LibreOffice"
        ) from None
    return parts


FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The timestamp every part of a written .docx carries, so a file does not reveal when it was
made and the same content gives the same bytes."""


def write_parts(parts: dict[str, bytes]) -> bytes:
    """Write parts into a new .docx archive, deterministically.

    Args:
        parts: ``{part name: bytes}``; ``[Content_Types].xml`` is written first, the rest in
            the given order.

    Returns:
        The bytes of the zip archive; every entry deflated, dated ``FIXED_ZIP_TIME``, mode 0600.
    """
    buffer = io.BytesIO()
    names = sorted(parts, key=lambda n: n != "[Content_Types].xml")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o600) << 16
            info.create_system = 3
            archive.writestr(info, parts[name], compresslevel=3)
    return buffer.getvalue()


__all__ = [
    "ArchiveLimits",
    "DEFAULT_LIMITS",
    "OUTPUT_LIMITS",
    "FIXED_ZIP_TIME",
    "MiB",
    "check_archive",
    "read_docx_file",
    "read_parts",
    "write_parts",
]
