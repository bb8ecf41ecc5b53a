"""Files on disk: atomic durable writes, private folders, the lock, backup and temp paths.

The save sequence (research/security.md section 3): write a temp file in the same folder with
mode 0600 whatever the umask, fsync it, ``os.replace`` it over the target, fsync the folder. A
crash at any step leaves exactly the old or the new file; leftover temp files are removed when
the workspace is next opened (``clean_stale_temps``).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from formation.errors import WorkspaceLocked

FILE_MODE = 0o600
DIR_MODE = 0o700

# Fault injection for the crash-safety tests: called with the name of each step of a save
# ("write", "fsync", "replace", "fsync_dir"). Never set outside tests.
_fault_hook: Callable[[str], None] | None = None


def _fault(step: str) -> None:
    if _fault_hook is not None:
        _fault_hook(step)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically and durably, with mode 0600.

    Args:
        path: the destination; its folder must exist.
        data: the bytes to write.

    Raises:
        OSError: if the disk refuses (the destination is then unchanged and no temp file stays).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.tmp-", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        _fault("write")
        while view:
            written = os.write(fd, view)
            view = view[written:]
        _fault("fsync")
        os.fsync(fd)
        os.close(fd)
        fd = -1
        _fault("replace")
        os.replace(tmp, path)
        _fault("fsync_dir")
        _fsync_dir(path.parent)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) if missing; a folder created here gets mode 0700."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, DIR_MODE)


def backups_dir(path: Path) -> Path:
    """The folder holding ``path``'s rotating backups: ``.NAME.backups`` beside it."""
    return path.parent / f".{path.name}.backups"


def lock_path(path: Path) -> Path:
    """The lock file beside ``path``: ``.NAME.lock``."""
    return path.parent / f".{path.name}.lock"


class FileLock:
    """An exclusive, non-blocking ``flock`` on the workspace's lock file."""

    def __init__(self, path: Path) -> None:
        self.file = lock_path(path)
        self.fd = os.open(self.file, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(self.fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise WorkspaceLocked(
                    f"{path}: this workspace is open in another formation window or process; "
                    "close it there first"
                ) from None
            raise
        os.fchmod(self.fd, FILE_MODE)

    def release(self) -> None:
        if self.fd >= 0:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = -1


def clean_stale_temps(path: Path) -> list[Path]:
    """Delete leftover temp files of interrupted saves of ``path``; returns those removed."""
    removed = []
    for stale in path.parent.glob(f".{path.name}.tmp-*"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
            removed.append(stale)
    return removed
