"""The open workspace as the wizard sees it: an in-memory copy, saved by a background worker.

Screens read and change records through ``Session`` on the UI thread; nothing there touches the
disk. ``Session`` offers the same record API as ``Workspace`` (``all``, ``get``, ``put``,
``put_many``, ``remove``, ``batch``, ``organization``, ``records``), so the operations of
``formation`` (meetings, bylaws, registration) run on it unchanged and in memory. Each change marks the session unsaved; the app then calls ``flush`` from a thread worker
(debounced), which writes every pending change in one atomic, encrypted save
(``formation.store.Workspace.batch``). ``close`` saves what is pending, then drops the key and the
decrypted data (``Workspace.close``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar
from uuid import UUID

from formation.errors import InputError, WorkspaceError
from formation.models import RECORD_KINDS, Organization, Record
from formation.store import Workspace

R = TypeVar("R", bound=Record)


def _kind(cls: type[Record]) -> str:
    return cls.model_fields["kind"].default


class Session:
    """An unlocked workspace with its records cached in memory.

    Args:
        workspace: an open ``formation.store.Workspace`` (the session owns it from now on).

    Attributes:
        path: the workspace file.
        plaintext: True for an unencrypted fictional sample.
        generation: a counter bumped by every change (screens use it to refresh).
    """

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self.path: Path = workspace.path
        self.plaintext: bool = workspace.plaintext
        self._lock = threading.RLock()
        self._save_lock = threading.Lock()
        self._cache: dict[str, dict[UUID, Record]] = {}
        for kind, records in workspace.records().items():
            self._cache[kind] = {r.id: r for r in records}
        self._pending: dict[tuple[str, UUID], Record | None] = {}
        self.generation = 0

    # ------------------------------------------------------------------ reading
    @property
    def is_open(self) -> bool:
        """True until ``close``."""
        return self._workspace.is_open

    def all(self, cls: type[R]) -> list[R]:
        """Every record of kind ``cls`` (copies: change one, then ``put`` it back)."""
        with self._lock:
            return [r.model_copy(deep=True) for r in self._cache.get(_kind(cls), {}).values()]  # type: ignore[misc]

    def get(self, cls: type[R], record_id: UUID | str) -> R:
        """The record of kind ``cls`` with this id (a copy).

        Raises:
            InputError: there is none (names the kind and id, as ``Workspace.get`` does).
        """
        found = self.find(cls, record_id)
        if found is None:
            raise InputError(f"no {_kind(cls).replace('_', ' ')} with id {record_id}")
        return found

    def find(self, cls: type[R], record_id: UUID | str) -> R | None:
        """The record of kind ``cls`` with this id (a copy), or None."""
        try:
            key = record_id if isinstance(record_id, UUID) else UUID(str(record_id))
        except ValueError:
            return None
        with self._lock:
            found = self._cache.get(_kind(cls), {}).get(key)
            return found.model_copy(deep=True) if found is not None else None  # type: ignore[return-value]

    def records(self) -> dict[str, list[Record]]:
        """Every record, by kind (kinds with no records are left out)."""
        with self._lock:
            return {k: [r.model_copy(deep=True) for r in v.values()] for k, v in self._cache.items() if v}

    def first(self, cls: type[R]) -> R | None:
        """The first record of kind ``cls`` (for kinds a workspace holds once), or None."""
        items = self.all(cls)
        return items[0] if items else None

    @property
    def organization(self) -> Organization | None:
        """The organization record, or None before the group is described."""
        return self.first(Organization)

    # ------------------------------------------------------------------ changing
    def put(self, record: Record) -> Record:
        """Keep ``record`` (insert or replace by id); saved by the next ``flush``.

        Returns:
            The record as given.
        """
        self._require_open()
        with self._lock:
            self._cache.setdefault(record.kind, {})[record.id] = record.model_copy(deep=True)
            self._pending[(record.kind, record.id)] = record.model_copy(deep=True)
            self.generation += 1
        return record

    def put_many(self, records: list[Record]) -> None:
        """Keep several records at once (all or nothing)."""
        with self.batch():
            for record in records:
                self.put(record)

    def remove(self, cls: type[Record], record_id: UUID | str) -> None:
        """Delete a record; saved by the next ``flush``.

        Raises:
            InputError: there is no such record (as ``Workspace.remove``).
        """
        self._require_open()
        kind = _kind(cls)
        key = record_id if isinstance(record_id, UUID) else UUID(str(record_id))
        with self._lock:
            if self._cache.get(kind, {}).pop(key, None) is None:
                raise InputError(f"no {kind.replace('_', ' ')} with id {record_id}")
            self._pending[(kind, key)] = None
            self.generation += 1

    @contextlib.contextmanager
    def batch(self) -> Iterator["Session"]:
        """Group changes: if the block raises, every change made in it is undone."""
        self._require_open()
        with self._lock:
            cache = {k: dict(v) for k, v in self._cache.items()}
            pending = dict(self._pending)
            generation = self.generation
            try:
                yield self
            except BaseException:
                self._cache = cache
                self._pending = pending
                self.generation = generation
                raise

    def _require_open(self) -> None:
        if not self._workspace.is_open:
            raise WorkspaceError(f"{self.path}: the workspace is locked; unlock it again")

    @property
    def unsaved(self) -> bool:
        """True while changes wait for ``flush``."""
        with self._lock:
            return bool(self._pending)

    # ------------------------------------------------------------------ saving
    def flush(self) -> bool:
        """Write every pending change in one atomic save. Call from a thread worker.

        Returns:
            True if something was written, False if nothing was pending.

        Raises:
            formation.errors.WorkspaceError: the disk refused; the changes stay pending (nothing
            is lost from memory and the file keeps its last saved state).
        """
        with self._save_lock:
            with self._lock:
                if not self._pending:
                    return False
                pending = dict(self._pending)
                self._pending.clear()
            try:
                ws = self._workspace
                with ws.batch():
                    for (kind, record_id), record in pending.items():
                        if record is None:
                            _remove_if_present(ws, kind, record_id)
                        else:
                            ws.put(record)
            except BaseException:
                with self._lock:
                    for key, value in pending.items():
                        self._pending.setdefault(key, value)
                raise
            return True

    def close(self) -> None:
        """Save what is pending, then drop the key and every decrypted record. Safe to call twice.

        Raises:
            formation.errors.WorkspaceError: the final save failed (the workspace is closed
            anyway; the file keeps its last saved state).
        """
        if not self._workspace.is_open:
            return
        try:
            self.flush()
        finally:
            with self._lock:
                self._cache.clear()
                self._pending.clear()
            self._workspace.close()


def _remove_if_present(ws: Workspace, kind: str, record_id: UUID) -> None:
    cls = RECORD_KINDS[kind]
    try:
        ws.remove(cls, record_id)
    except InputError:
        return  # never saved: nothing to delete on disk
