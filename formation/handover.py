"""Handing a workspace over from a consultant to the group.

A consultant who set up a group's workspace hands it over: the group sets a new passphrase that
the consultant does not learn, and the consultant's access ends. ``hand_over_workspace`` does it
in one step on the open workspace:

1. checks the group's decision to take the workspace over is in its decisions register (a
   ``Decision`` carried at one of its meetings; one awaiting ratification is not enough);
2. re-encrypts the workspace under the new passphrase with a fresh salt
   (``Workspace.change_passphrase``);
3. deletes every copy the old passphrase still opens that formation keeps beside it: the rotating
   backups (``Workspace.purge_backups``) and any ``.NAME.damaged-*`` copy a restore set aside;
4. records the act as a ``WorkspaceHandoverRecord`` linked to the decision (saved under the new
   passphrase).

Copies made elsewhere (a consultant's own backup drive, an e-mailed export) are outside
formation's reach: the result says so, and the group should ask for them to be deleted.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from formation import crypto
from formation.errors import InputError, WorkspaceError
from formation.models.capacity import WorkspaceHandoverRecord
from formation.models import Decision

SOURCE = "workspace handover"

OUTSIDE_COPIES_NOTE = (
    "Copies made outside formation (backup drives, exports, e-mailed files) still open with the old "
    "passphrase or hold the data in the clear: ask the consultant to delete them."
)


@dataclass(frozen=True, slots=True)
class HandoverResult:
    """What a workspace handover did.

    Attributes:
        path: the workspace file.
        handed_over_on: the ISO date of the handover.
        decision_id, decision_number: the decisions-register entry it carries out.
        backups_purged: old backups deleted.
        damaged_copies_removed: ``.NAME.damaged-*`` copies deleted.
        record: the ``WorkspaceHandoverRecord`` stored.
        note: the reminder about copies outside formation (``OUTSIDE_COPIES_NOTE``).
    """

    path: Path
    handed_over_on: _dt.date
    decision_id: UUID
    decision_number: int
    backups_purged: int
    damaged_copies_removed: int
    record: WorkspaceHandoverRecord
    note: str = OUTSIDE_COPIES_NOTE


def find_decision(decisions: list[Decision], ref: str) -> Decision:
    """A decision by its register number (``"7"``), full id, or id prefix of 8+ characters.

    Raises:
        InputError: none matches, or more than one (field ``decision``).
    """
    ref = ref.strip()
    if ref.isdigit():
        found = [d for d in decisions if d.number == int(ref)]
    else:
        found = [d for d in decisions if str(d.id) == ref or (len(ref) >= 8 and str(d.id).startswith(ref))]
    if len(found) != 1:
        raise InputError(
            "no single decision in the register matches (give its number in the decisions register)",
            source=SOURCE,
            field="decision",
        )
    return found[0]


def _opens_with(path: Path, passphrase: str) -> bool:
    blob = path.read_bytes()
    header = crypto.parse_header(blob, source=str(path))
    if header.plaintext:
        return False
    try:
        crypto.open_sealed(blob, header, crypto.derive_key(passphrase, header.salt, header.kdf), source=str(path))
    except WorkspaceError:
        return False
    return True


def damaged_copies(path: Path) -> list[Path]:
    """The ``.NAME.damaged-*`` copies a restore set aside beside the workspace ``path``."""
    return sorted(path.parent.glob(f".{path.name}.damaged-*"))


def hand_over_workspace(
    ws,  # noqa: ANN001 - formation.store.Workspace (imported lazily by callers)
    new_passphrase: str,
    *,
    decision_id: UUID | str,
    on: _dt.date | str,
    note: str | None = None,
) -> HandoverResult:
    """Hand an open workspace over to the group: new passphrase, old copies gone, act recorded.

    Args:
        ws: the open ``formation.store.Workspace`` (opened with the consultant's passphrase).
        new_passphrase: the passphrase the group chose (non-empty, different from the old one).
        decision_id: the ``Decision`` in the register by which the group took the workspace over.
        on: the ISO date of the handover (not before the decision).
        note: free text for the record, or None.

    Returns:
        A ``HandoverResult``. After it, the old passphrase opens neither the workspace nor any
        backup formation keeps; the new one opens the workspace.

    Raises:
        InputError: a plaintext sample; no such decision (``decision_id``); a decision awaiting
            ratification; a date before the decision (``on``); an empty new passphrase, or one
            that opens the workspace already (``passphrase``: it must be new).
        WorkspaceError: the workspace could not be saved (it is then unchanged).
    """
    if ws.plaintext:
        raise InputError("a plaintext sample workspace has no passphrase to hand over", source=SOURCE)
    day = on if isinstance(on, _dt.date) else _parse_day(on)
    try:
        decision = ws.get(Decision, decision_id)
    except InputError:
        raise InputError("is not a decision in the decisions register", source=SOURCE, field="decision_id") from None
    if decision.needs_ratification and decision.ratified_by is None:
        raise InputError(
            "was taken at an inquorate meeting and is not ratified yet; ratify it first",
            source=SOURCE,
            field="decision_id",
        )
    if day < decision.decided_on:
        raise InputError("is before the decision to hand the workspace over", source=SOURCE, field="on")
    if not new_passphrase:
        raise InputError("the new passphrase must not be empty", source=SOURCE, field="passphrase")
    if _opens_with(ws.path, new_passphrase):
        raise InputError(
            "already opens this workspace: the group must choose a passphrase the consultant does not know",
            source=SOURCE,
            field="passphrase",
        )
    ws.change_passphrase(new_passphrase)
    purged = ws.purge_backups()
    removed = 0
    for copy in damaged_copies(ws.path):
        with contextlib.suppress(FileNotFoundError):
            copy.unlink()
            removed += 1
    record = WorkspaceHandoverRecord(
        handed_over_on=day, decision_id=decision.id, backups_purged=purged + removed, note=note
    )
    ws.put(record)
    return HandoverResult(
        path=ws.path,
        handed_over_on=day,
        decision_id=decision.id,
        decision_number=decision.number,
        backups_purged=purged,
        damaged_copies_removed=removed,
        record=record,
    )


def _parse_day(value: str) -> _dt.date:
    from pydantic_core import PydanticCustomError

    from formation.models.base import parse_iso_date

    try:
        return parse_iso_date(value)
    except PydanticCustomError as exc:
        raise InputError(exc.message(), source=SOURCE, field="on") from None
