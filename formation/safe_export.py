"""Writing a shareable document: leak scan for every member's name, then a safe, atomic write.

Used for the review copy and the redline (``formation review export``, ``formation versions diff
--out``): the finished .docx is searched in every part for every member's work and legal name
(``formation.documents.leak_scan``); a hit blocks the export and says in which part, never which
name. Then ``formation.documents.export_document`` writes it: a safe slug inside the chosen
folder, never over an existing file unless confirmed, atomically, mode 0600.
"""

from __future__ import annotations

from typing import Any


def member_names(ws) -> list[str]:  # noqa: ANN001
    """Every member's work name and legal name (current and former members), for the leak scan."""
    from formation.models import Member

    names: list[str] = []
    for member in ws.all(Member):
        names.append(member.work_name)
        if member.legal_name:
            names.append(member.legal_name)
    return names


def check_no_member_names(data: bytes, names: list[str], *, what: str) -> None:
    """Leak-scan a finished .docx (``formation.documents.leak_scan``) and refuse it on a hit.

    Args:
        data: the .docx bytes (scrubbed, before any encryption).
        names: ``member_names(ws)``.
        what: the document's name for the message (``"review copy"``, ``"redline"``).

    Raises:
        DocumentError: a member's name occurs in the file; the message names the part
            (``word/comments.xml``) and how many names, never a name. Nothing is written.
    """
    from formation.documents import leak_scan
    from formation.errors import DocumentError

    hits = leak_scan(data, names)
    if hits:
        parts = sorted({part for part, _ in hits})
        count = len({name for _, name in hits})
        raise DocumentError(
            f"{what}: {count} member name(s) found in {', '.join(parts)}; nothing was written. "
            "Take the name out of the review note or clause text (use a role such as 'the treasurer') and export again"
        )


def export_checked(
    ws,  # noqa: ANN001
    data: bytes,
    out: Any,
    *,
    what: str,
    overwrite: bool = False,
    suffix: str = ".docx",
    encrypted: bytes | None = None,
) -> Any:
    """Leak-scan a finished .docx, then write it (or its encrypted form) safely.

    Args:
        ws: the open workspace (for the members' names).
        data: the scrubbed .docx bytes.
        out: the requested ``pathlib.Path``; the file is written in its folder, named by the safe
            slug of its stem (``export_document``), with mode 0600, atomically.
        what: the document's name for messages.
        overwrite: replace an existing file (the user confirmed).
        suffix: the extension written.
        encrypted: when given, these bytes are written instead of ``data`` (the age-encrypted
            copy of ``data``); the scan still runs on ``data``.

    Returns:
        The ``pathlib.Path`` written.

    Raises:
        DocumentError: a member's name in the file (``check_no_member_names``), or as
            ``export_document`` (no folder, the file exists, a link in the way).
    """
    from formation.documents import export_document

    check_no_member_names(data, member_names(ws), what=what)
    stem = out.name[: -len(suffix)] if out.name.lower().endswith(suffix) else out.stem
    return export_document(encrypted if encrypted is not None else data, out.parent, stem, overwrite=overwrite, suffix=suffix)


__all__ = ["check_no_member_names", "export_checked", "member_names"]
