"""The workspace store: one encrypted file per organization, behind TinyDB.

TinyDB holds the document model (one table per record kind); ``WorkspaceStorage`` is the only
Storage it is ever given. It keeps the decrypted data in memory and, on every write, seals the
whole JSON with AES-256-GCM (``formation.crypto``) and replaces the file atomically:

1. write a temp file in the same folder (mode 0600 whatever the umask),
2. fsync it, 3. ``os.replace`` it over the workspace, 4. fsync the folder.

A crash at any step leaves exactly the old or the new file (tested by fault injection and by
random SIGKILLs). TinyDB's own JSONStorage (in-place writes, 0644 files) and CachingMiddleware
(writes lost on a crash) are never used: research/libraries.md section 4.

Next to ``NAME`` the store keeps ``.NAME.lock`` (an ``flock`` that the kernel releases if the
process dies, so a second process is refused and a crash leaves no stale lock) and
``.NAME.backups/`` with five rotating encrypted copies (1 = newest), taken before the first save
of each session and before a passphrase change.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

from pydantic import TypeAdapter, ValidationError
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from formation import crypto
from formation.files import (  # noqa: F401  (atomic_write and the paths are part of this module's API)
    DIR_MODE,
    FILE_MODE,
    FileLock,
    atomic_write,
    backups_dir,
    clean_stale_temps,
    ensure_private_dir,
    lock_path,
)
from formation.errors import (
    InputError,
    NewerSchema,
    NotAWorkspace,
    WorkspaceError,
    WrongPassphraseOrDamaged,
    from_validation_error,
)
from formation.jsonsafe import parse_json
from formation.models import RECORD_KINDS, Organization, Record

WORKSPACE_SCHEMA = 1
"""The version of the workspace's overall layout (tables and meta), separate from each record
kind's own ``SCHEMA_VERSION``."""

META_TABLE = "_meta"
BACKUPS_KEPT = 5

R = TypeVar("R", bound=Record)

WORKSPACE_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""Whole-workspace upgrade steps: ``from_version -> function(tables) -> tables``."""


class WorkspaceStorage(Storage):
    """TinyDB storage that keeps the data in memory and seals it to disk on every write.

    Constructed by ``Workspace`` only (TinyDB passes the keyword arguments through).

    Args:
        workspace: the owning ``Workspace`` (holds path, key and the decrypted tables).
    """

    def __init__(self, workspace: "Workspace") -> None:
        self._ws = workspace

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._ws._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._ws._persist(data)

    def close(self) -> None:
        return None


class Workspace:
    """An open workspace: the organization's records, decrypted in memory, saved on every change.

    Open one with ``Workspace.open`` or ``Workspace.create`` (use it as a context manager, or
    call ``close``). Only one process may hold a workspace open.

    Attributes:
        path: the workspace file (``pathlib.Path``).
        plaintext: True for an explicitly unencrypted sample workspace.
        backed_up: True once this session's backup was taken.
    """

    def __init__(self, path: Path, lock: FileLock, key: bytes | None, salt: bytes, kdf: crypto.KdfParams,
                 tables: dict[str, dict[str, Any]], *, plaintext: bool) -> None:
        self.path = path
        self.plaintext = plaintext
        self._lock = lock
        self._key = key
        self._salt = salt
        self._kdf = kdf
        self._tables = tables
        self._committed = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._deferred = 0
        self.backed_up = False
        self.db = TinyDB(storage=WorkspaceStorage, workspace=self)

    # ----------------------------------------------------------------- opening and creating
    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        passphrase: str | None,
        *,
        plaintext: bool = False,
        kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
        organization: Organization | None = None,
    ) -> "Workspace":
        """Create a new workspace file and open it.

        Args:
            path: where to create it; must not exist. A missing folder is created with mode 0700.
            passphrase: the passphrase (non-empty), or None only together with ``plaintext=True``.
            plaintext: write an unencrypted workspace (for the bundled fictional sample only).
            kdf: Argon2id parameters (tests pass cheaper ones; the default is 64 MiB, t=3, p=4).
            organization: an ``Organization`` record to store at once, or None.

        Returns:
            The open ``Workspace``.

        Raises:
            InputError: the file exists already, or a passphrase is missing or empty.
            WorkspaceLocked: another process holds the lock for that path.
        """
        target = Path(path)
        if plaintext and passphrase:
            raise InputError("a plaintext workspace takes no passphrase", field="passphrase")
        if not plaintext and not passphrase:
            raise InputError("a passphrase is required (it must not be empty)", field="passphrase")
        if target.exists():
            raise InputError(f"{target}: a file already exists there; choose another path")
        ensure_private_dir(target.parent)
        lock = FileLock(target)
        try:
            salt = os.urandom(16)
            key = None if plaintext else crypto.derive_key(passphrase or "", salt, kdf)
            tables: dict[str, dict[str, Any]] = {
                META_TABLE: {"1": {"workspace_schema": WORKSPACE_SCHEMA}}
            }
            ws = cls(target, lock, key, salt, kdf, tables, plaintext=plaintext)
            ws.backed_up = True  # nothing to back up yet
            ws._persist(tables)
            if organization is not None:
                ws.put(organization)
            return ws
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        passphrase: str | None,
        *,
        allow_plaintext: bool = False,
    ) -> "Workspace":
        """Open an existing workspace, decrypting and validating every record.

        Args:
            path: the workspace file.
            passphrase: its passphrase (ignored for a plaintext sample).
            allow_plaintext: True to accept an unencrypted sample workspace.

        Returns:
            The open ``Workspace``; the file is not written until something changes.

        Raises:
            InputError: the file does not exist.
            WorkspaceLocked: another process has it open.
            NotAWorkspace: not a workspace, or plaintext where encryption was expected.
            TruncatedWorkspace, TamperedHeader: the file is cut off or its header was changed.
            WrongPassphraseOrDamaged: the passphrase is wrong or the ciphertext was changed.
            NewerSchema: written by a newer formation.
            In every case the file is left byte-for-byte untouched. A record whose fields fail
            their schema raises ``ValidationFailed`` when its kind is read (see ``verify_tables``).
        """
        target = Path(path)
        if not target.is_file():
            raise InputError(f"{target}: no workspace file there")
        lock = FileLock(target)
        try:
            clean_stale_temps(target)
            blob = target.read_bytes()
            header = crypto.parse_header(blob, source=str(target))
            if header.plaintext and not allow_plaintext:
                raise NotAWorkspace(
                    f"{target}: this workspace is NOT encrypted (a sample). It was not opened; "
                    "open samples with 'formation demo'"
                )
            key = None
            if not header.plaintext:
                if not passphrase:
                    raise WrongPassphraseOrDamaged(f"{target}: a passphrase is needed to open this workspace")
                key = crypto.derive_key(passphrase, header.salt, header.kdf)
            plain = crypto.open_sealed(blob, header, key, source=str(target))
            tables = load_tables(plain, source=str(target))
            return cls(target, lock, key, header.salt, header.kdf, tables, plaintext=header.plaintext)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def restore_backup(cls, path: str | os.PathLike[str], passphrase: str | None) -> tuple[int, Path]:
        """Replace a damaged workspace with its newest backup that opens with ``passphrase``.

        The damaged file is kept beside it as ``.NAME.damaged-YYYYMMDDTHHMMSS`` (never deleted).

        Args:
            path: the workspace file (may be missing or damaged).
            passphrase: the passphrase of the backups.

        Returns:
            ``(n, damaged_copy)``: the backup number used (1 = newest) and where the damaged file
            went (or the workspace path itself if there was no file to keep).

        Raises:
            WorkspaceError: no backup opens with this passphrase (the file is then untouched).
            WorkspaceLocked: the workspace is open elsewhere.
        """
        target = Path(path)
        ensure_private_dir(target.parent)
        lock = FileLock(target)
        try:
            folder = backups_dir(target)
            for n in range(1, BACKUPS_KEPT + 1):
                candidate = folder / str(n)
                if not candidate.is_file():
                    continue
                blob = candidate.read_bytes()
                try:
                    header = crypto.parse_header(blob, source=str(candidate))
                    key = None
                    if not header.plaintext:
                        if not passphrase:
                            continue
                        key = crypto.derive_key(passphrase, header.salt, header.kdf)
                    tables = load_tables(crypto.open_sealed(blob, header, key, source=str(candidate)),
                                         source=str(candidate))
                    verify_tables(tables, source=str(candidate))
                except WorkspaceError:
                    continue
                except InputError:
                    continue
                kept = target
                if target.exists():
                    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%S")
                    kept = target.parent / f".{target.name}.damaged-{stamp}"
                    os.replace(target, kept)
                atomic_write(target, blob)
                return n, kept
            raise WorkspaceError(f"{target}: no backup opens with this passphrase; nothing was changed")
        finally:
            lock.release()

    # ----------------------------------------------------------------- life cycle
    def close(self) -> None:
        """Drop the key and the decrypted data, and release the lock. Safe to call twice."""
        self._key = None
        self._tables = {}
        self._committed = b""
        self._lock.release()

    @property
    def is_open(self) -> bool:
        """True until ``close`` is called."""
        return self._lock.fd >= 0

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt the workspace under a new passphrase with a fresh salt.

        The previous file is first kept as a backup; note that backups (and any copies made
        elsewhere) still open with the old passphrase until they rotate out: use
        ``purge_backups`` when the old passphrase must stop working everywhere.

        Raises:
            InputError: the new passphrase is empty, or the workspace is a plaintext sample.
        """
        if self.plaintext:
            raise InputError("a plaintext sample workspace has no passphrase", field="passphrase")
        if not new_passphrase:
            raise InputError("the new passphrase must not be empty", field="passphrase")
        self._require_open()
        salt = os.urandom(16)
        self._key = crypto.derive_key(new_passphrase, salt, self._kdf)
        self._salt = salt
        self._persist(self._tables)

    def purge_backups(self) -> int:
        """Delete this workspace's backups (e.g. after a handover); returns how many went."""
        count = 0
        folder = backups_dir(self.path)
        for n in range(1, BACKUPS_KEPT + 1):
            with contextlib.suppress(FileNotFoundError):
                (folder / str(n)).unlink()
                count += 1
        return count

    # ----------------------------------------------------------------- records
    def all(self, cls: type[R]) -> list[R]:
        """Every record of a kind, in the order they were added.

        Args:
            cls: a registered Record subclass (e.g. ``Member``).

        Returns:
            A list of validated model instances (copies: change them, then ``put`` them back).

        Raises:
            ValidationFailed: a stored record fails its schema (names kind, index and field).
        """
        self._require_open()
        kind = _kind(cls)
        docs = list(self._tables.get(kind, {}).values())
        try:
            return TypeAdapter(list[cls]).validate_python(docs)  # type: ignore[valid-type]
        except ValidationError as exc:
            raise from_validation_error(exc, source=str(self.path), prefix=kind) from None

    def get(self, cls: type[R], record_id: UUID | str) -> R:
        """The record of kind ``cls`` with this UUID.

        Raises:
            InputError: there is none (names the kind and id; ids are not personal data).
        """
        self._require_open()
        found = self.db.table(_kind(cls)).get(Query().id == str(record_id))
        if found is None:
            raise InputError(f"no {_kind(cls).replace('_', ' ')} with id {record_id}")
        return cls.model_validate(dict(found))

    def put(self, record: Record) -> Record:
        """Insert ``record``, or replace the stored record with the same id; saves at once.

        Returns:
            The record as given.
        """
        self._require_open()
        doc = record.model_dump(mode="json")
        table = self.db.table(record.kind)
        with self.batch():
            if not table.contains(Query().id == doc["id"]):
                table.insert(doc)
            else:
                table.update(doc, Query().id == doc["id"])
        return record

    def put_many(self, records: list[Record]) -> None:
        """Insert or replace several records with one save (all or nothing)."""
        with self.batch():
            for record in records:
                self.put(record)

    def remove(self, cls: type[Record], record_id: UUID | str) -> None:
        """Delete one record by id; saves at once.

        Raises:
            InputError: there is no such record.
        """
        self._require_open()
        removed = self.db.table(_kind(cls)).remove(Query().id == str(record_id))
        if not removed:
            raise InputError(f"no {_kind(cls).replace('_', ' ')} with id {record_id}")

    @property
    def organization(self) -> Organization | None:
        """The organization record, or None in a workspace created without one."""
        found = self.all(Organization)
        return found[0] if found else None

    def records(self) -> dict[str, list[Record]]:
        """Every record, by kind (kinds with no records are left out)."""
        self._require_open()
        out: dict[str, list[Record]] = {}
        for kind, cls in RECORD_KINDS.items():
            items = self.all(cls)
            if items:
                out[kind] = items
        return out

    def replace_all(self, records: dict[str, list[Record]]) -> None:
        """Replace the whole content with ``records`` (by kind) in one save (used by import)."""
        self._require_open()
        tables: dict[str, dict[str, Any]] = {META_TABLE: self._tables.get(META_TABLE, {"1": {"workspace_schema": WORKSPACE_SCHEMA}})}
        for kind, items in records.items():
            tables[kind] = {str(i + 1): r.model_dump(mode="json") for i, r in enumerate(items)}
        self.db.clear_cache()
        self._persist(tables)
        self._tables = tables
        self.db = TinyDB(storage=WorkspaceStorage, workspace=self)

    @contextlib.contextmanager
    def batch(self) -> Iterator["Workspace"]:
        """Group several changes into one save. If the block raises, every change in it is
        undone and nothing is written."""
        self._require_open()
        snapshot = self._committed if self._deferred == 0 else None
        self._deferred += 1
        try:
            yield self
        except BaseException:
            self._deferred -= 1
            if snapshot is not None:
                self._restore(snapshot)
            raise
        self._deferred -= 1
        if self._deferred == 0:
            self._persist(self._tables)

    # ----------------------------------------------------------------- saving
    def _require_open(self) -> None:
        if not self.is_open:
            raise WorkspaceError(f"{self.path}: the workspace is closed (locked); unlock it again")

    def _restore(self, committed: bytes) -> None:
        self._tables.clear()
        self._tables.update(json.loads(committed))
        self.db.clear_cache()
        for table in self.db.tables():
            self.db.table(table).clear_cache()
        self.db = TinyDB(storage=WorkspaceStorage, workspace=self)

    def _persist(self, tables: dict[str, dict[str, Any]]) -> None:
        self._require_open()
        if tables is not self._tables:
            self._tables = tables
        if self._deferred:
            return
        plain = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            if not self.backed_up:
                self._rotate_backups()
            blob = crypto.seal(plain, self._key, self._salt, self._kdf)
            atomic_write(self.path, blob)
        except OSError as exc:
            self._restore(self._committed)
            raise WorkspaceError(
                f"{self.path}: could not save ({exc.strerror or exc}); the last saved state is kept"
            ) from None
        self._committed = plain

    def _rotate_backups(self) -> None:
        if not self.path.exists():
            self.backed_up = True
            return
        folder = backups_dir(self.path)
        ensure_private_dir(folder)
        os.chmod(folder, DIR_MODE)
        oldest = folder / str(BACKUPS_KEPT)
        with contextlib.suppress(FileNotFoundError):
            oldest.unlink()
        for n in range(BACKUPS_KEPT - 1, 0, -1):
            src = folder / str(n)
            if src.exists():
                os.replace(src, folder / str(n + 1))
        atomic_write(folder / "1", self.path.read_bytes())
        self.backed_up = True


def _kind(cls: type[Record]) -> str:
    return cls.model_fields["kind"].default


def load_tables(plain: bytes, *, source: str) -> dict[str, dict[str, Any]]:
    """Parse and validate decrypted workspace JSON.

    Args:
        plain: the JSON bytes: ``{table: {doc_id: record}}`` with a ``_meta`` table.
        source: the file name, for messages.

    Returns:
        The tables, every record validated against its kind's schema and upgraded in place to
        the current schema versions.

    Raises:
        WrongPassphraseOrDamaged: the JSON does not parse or has the wrong shape.
        NewerSchema: a newer workspace schema, or a record kind this version does not know.
    Records are upgraded to current schema versions when read (``Workspace.all``), and written
    back in their current form the next time they are saved.
    """
    try:
        tables = parse_json(plain, source=source)
    except InputError:  # not JSON, nested too deeply, or a number too long for Python to read
        raise WrongPassphraseOrDamaged(f"{source}: the workspace content is damaged (not valid JSON)") from None
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise WrongPassphraseOrDamaged(f"{source}: the workspace content has the wrong shape")
    meta = tables.get(META_TABLE, {}).get("1", {})
    version = meta.get("workspace_schema") if isinstance(meta, dict) else None
    if not isinstance(version, int) or version < 1:
        raise WrongPassphraseOrDamaged(f"{source}: the workspace has no valid schema version")
    if version > WORKSPACE_SCHEMA:
        raise NewerSchema(
            f"{source}: written by a newer version of formation (workspace schema {version}); update formation"
        )
    while version < WORKSPACE_SCHEMA:
        tables = WORKSPACE_MIGRATIONS[version](tables)
        version += 1
        tables[META_TABLE] = {"1": {"workspace_schema": version}}
    for kind, docs in tables.items():
        if kind == META_TABLE:
            continue
        cls = RECORD_KINDS.get(kind)
        if cls is None:
            raise NewerSchema(
                f"{source}: holds records of kind '{kind}', which this version of formation does not know; update formation"
            )
        current = cls.SCHEMA_VERSION
        for index, doc in enumerate(docs.values()):
            if not isinstance(doc, dict):
                raise WrongPassphraseOrDamaged(f"{source}: record {kind}.{index} is damaged (not an object)")
            version = doc.get("schema_version")
            if isinstance(version, int) and version > current:
                raise NewerSchema(
                    f"{source}: {kind}.{index} was written by a newer version of formation "
                    f"(schema {version} > {current}); update formation"
                )
    return tables


def verify_tables(tables: dict[str, dict[str, Any]], *, source: str) -> None:
    """Validate every record of decrypted tables against its kind's schema.

    ``load_tables`` checks the structure, the kinds and the schema versions when a workspace is
    opened; the fields of each record are validated whenever a kind is read (``Workspace.all``).
    The data is authenticated by AES-GCM, so only formation itself can have written it; this full
    check is for restores and imports, where a file from elsewhere is about to become the
    workspace.

    Raises:
        ValidationFailed: the first kind with an invalid record (names kind, index and field,
            never the value).
    """
    for kind, docs in tables.items():
        if kind == META_TABLE:
            continue
        adapter = TypeAdapter(list[RECORD_KINDS[kind]])  # type: ignore[misc]
        try:
            adapter.validate_python(list(docs.values()))
        except ValidationError as exc:
            raise from_validation_error(exc, source=source, prefix=kind) from None
