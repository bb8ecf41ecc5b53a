"""Write a finished document into a folder the user chose: safe name, never outside, 0600.

research/security.md requirement 17 and issue 7: the file name is a ``[a-z0-9-]`` slug made from
any title (a meeting titled ``../../x`` still lands inside the folder); the canonical path is
resolved and checked to lie inside the folder (checking a string prefix before resolving is the
classic traversal bug); an existing file or a symbolic link in the way is never overwritten
without ``overwrite=True`` (a link never at all); the write is atomic (temp file, fsync, rename,
fsync the folder) with mode 0600 whatever the umask.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import unicodedata
from pathlib import Path

from formation.errors import DocumentError
from formation.store import atomic_write

MAX_SLUG = 80
"""The longest file name stem an export gets (characters)."""

_SUFFIX = re.compile(r"^(?:\.[a-z0-9]{1,8}){1,3}$")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$")
"""Device names Windows reserves whatever the extension ("con.docx" opens the console, not a
file). Source: Microsoft, "Naming Files, Paths, and Namespaces",
https://learn.microsoft.com/en-us/windows/win32/fileio/naming-a-file (checked 2026-11-30)."""


def safe_slug(name: str, *, fallback: str = "document") -> str:
    """Turn any title into a file name stem of ``[a-z0-9-]``.

    Args:
        name: any text (a meeting title, a document name); accents are folded to ASCII letters
            (``"Réunion"`` -> ``"reunion"``), every other run of characters becomes ``-``.
        fallback: the stem when nothing is left (a title in a script without ASCII letters).

    Returns:
        1..``MAX_SLUG`` characters of ``a-z``, ``0-9`` and ``-``, with no leading, trailing or
        doubled ``-`` (``"../../x"`` -> ``"x"``), never a name Windows reserves for a device
        (``"CON"`` -> ``"con-document"``, ``"LPT1"`` -> ``"lpt1-document"``).
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG.sub("-", folded).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    slug = slug or fallback
    if _WINDOWS_RESERVED.match(slug):
        slug = f"{slug}-{fallback}" if not _WINDOWS_RESERVED.match(fallback) else f"{slug}-document"
    return slug


def export_folder(folder: Path) -> Path:
    """The canonical path of an existing folder that documents are exported into.

    Raises:
        DocumentError: no such folder, not a folder, or it cannot be opened.
    """
    try:
        base = folder.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        raise DocumentError(f"{folder}: no such folder; create it first") from None
    except (OSError, RuntimeError):
        raise DocumentError(f"{folder}: cannot be opened as a folder") from None
    if not base.is_dir():
        raise DocumentError(f"{folder}: is not a folder")
    return base


def export_document(
    data: bytes,
    folder: Path,
    name: str,
    *,
    overwrite: bool = False,
    suffix: str = ".docx",
) -> Path:
    """Write a document into ``folder`` under a safe name, atomically, with mode 0600.

    Args:
        data: the finished document (already rendered, scrubbed and, for shareable or aggregate
            profiles, leak-scanned by the caller).
        folder: an existing folder (a symbolic link to a folder is fine: it is resolved first).
        name: any title; the file is named ``safe_slug(name) + suffix``.
        overwrite: replace an existing regular file of that name (after the user confirmed).
        suffix: the extension: one to three parts, each ``.`` and 1..8 lower-case letters or
            digits (``".docx"``, ``".pdf"``, ``".docx.age"`` for an age-encrypted .docx).

    Returns:
        The absolute path written, inside ``folder`` (resolved).

    Raises:
        DocumentError: the folder does not exist or is not a folder; the suffix is not allowed;
            the file exists and ``overwrite`` is False ("... already exists; choose another name
            or confirm overwriting"); a symbolic link or something other than a regular file is
            in the way; the disk refused the write. The folder is unchanged in every case.
    """
    if not _SUFFIX.fullmatch(suffix):
        raise DocumentError(f"export: the file extension {suffix!r} is not allowed (use e.g. '.docx', '.pdf' or '.docx.age')")
    base = export_folder(folder)
    target = base / f"{safe_slug(name)}{suffix}"
    if target.is_symlink():
        raise DocumentError(f"{target}: is a symbolic link; formation does not write through links")
    # The slug cannot hold '/' or '..', but check the canonical path anyway.
    if target.parent != base or not target.resolve(strict=False).is_relative_to(base):
        raise DocumentError(f"{target}: would lie outside {base}; refused")
    if target.exists():
        if not target.is_file():
            raise DocumentError(f"{target}: exists and is not a regular file; refused")
        if not overwrite:
            raise DocumentError(f"{target}: already exists; choose another name or confirm overwriting it")
    try:
        if overwrite:
            atomic_write(target, data)
        else:
            _write_new(target, data)
    except FileExistsError:
        raise DocumentError(f"{target}: already exists; choose another name or confirm overwriting it") from None
    except OSError as exc:
        raise DocumentError(f"{target}: could not be written ({exc.strerror or type(exc).__name__})") from None
    return target


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(target: Path, data: bytes) -> None:
    """Write ``data`` to a file that must not exist yet, atomically.

    The data goes to a staging file (``atomic_write``: 0600, fsynced), which is then hard-linked
    to the target name: the link fails if the name was taken meanwhile, so an existing file is
    never replaced. On file systems without hard links (FAT, exFAT memory sticks) it falls back
    to a rename after checking again.

    Raises:
        FileExistsError: the target appeared meanwhile.
        OSError: the disk refused.
    """
    staging = target.with_name(f".{target.name}.staging-{os.getpid()}")
    atomic_write(staging, data)
    try:
        try:
            os.link(staging, target, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            if os.path.lexists(target):
                raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
            os.replace(staging, target)
        _fsync_dir(target.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staging)
