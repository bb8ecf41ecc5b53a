"""Writing a shareable document: leak scan for every member's name, then a safe, atomic write.

Used for every export the command line writes: the review copy and the redline (``formation
review export``, ``formation versions diff --out``), the bylaws (``formation bylaws render``:
.docx, .md, PDF) and the calendar (``formation calendar --out``). The finished .docx is searched
in every part for every member's work and legal name (``formation.documents.leak_scan``; text
exports with ``leak_scan_text``); a hit blocks the export and says in which part, never which
name. Then ``formation.documents.export_document`` writes it: a safe slug inside the chosen
folder, never over an existing file unless confirmed, atomically, mode 0600. A PDF is converted
from the scanned .docx, staged in the chosen folder (``formation.documents.export_pdf``).
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


def check_text_has_no_member_names(text: str, names: list[str], *, what: str) -> None:
    """Leak-scan a finished text export (``formation.documents.leak_scan_text``) and refuse it on a hit.

    Args:
        text: the text as a reader sees it (the format's escapes and line folding removed).
        names: ``member_names(ws)``.
        what: the document's name for the message (``"bylaws"``, ``"calendar"``).

    Raises:
        DocumentError: a member's name occurs in the text; the message says how many names,
            never a name. Nothing is written.
    """
    from formation.documents import leak_scan_text
    from formation.errors import DocumentError

    found = leak_scan_text(text, names)
    if found:
        raise DocumentError(
            f"{what}: {len(found)} member name(s) found in the text; nothing was written. "
            "Take the name out (use a role such as 'the treasurer') and export again"
        )


def _stem(out: Any, suffix: str) -> str:
    """The requested file's name without ``suffix`` (or without its last extension)."""
    return out.name[: -len(suffix)] if out.name.lower().endswith(suffix) else out.stem


def export_checked(
    ws,  # noqa: ANN001
    data: bytes,
    out: Any,
    *,
    what: str,
    overwrite: bool = False,
    suffix: str = ".docx",
    encrypted: bytes | None = None,
    scan: bool = True,
) -> Any:
    """Leak-scan a finished .docx, then write it (its PDF copy, or its encrypted form) safely.

    Args:
        ws: the open workspace (for the members' names).
        data: the scrubbed .docx bytes.
        out: the requested ``pathlib.Path``; the file is written in its folder, named by the safe
            slug of its stem (``export_document``), with mode 0600, atomically.
        what: the document's name for messages.
        overwrite: replace an existing file (the user confirmed).
        suffix: the extension written: ``".docx"``; ``".pdf"`` converts the scanned .docx with
            LibreOffice, staged in the chosen folder (``formation.documents.export_pdf``);
            ``".docx.age"`` with ``encrypted``.
        encrypted: when given, these bytes are written instead of ``data`` (the age-encrypted
            copy of ``data``); the scan still runs on ``data``.
        scan: False for the internal export profile only (a copy for the members themselves).

    Returns:
        The ``pathlib.Path`` written.

    Raises:
        DocumentError: a member's name in the file (``check_no_member_names``), or as
            ``export_document`` / ``export_pdf`` (no folder, the file exists, a link in the way,
            LibreOffice missing or failing).
    """
    from formation.documents import export_document, export_pdf

    if scan:
        check_no_member_names(data, member_names(ws), what=what)
    if suffix == ".pdf":
        return export_pdf(data, out.parent, _stem(out, suffix), overwrite=overwrite)
    return export_document(encrypted if encrypted is not None else data, out.parent, _stem(out, suffix),
                           overwrite=overwrite, suffix=suffix)


def export_checked_text(
    ws,  # noqa: ANN001
    text: str,
    out: Any,
    *,
    what: str,
    suffix: str,
    overwrite: bool = False,
    readable: str | None = None,
    scan: bool = True,
) -> Any:
    """Leak-scan a finished text export (Markdown, .ics), then write it safely as UTF-8.

    Args:
        ws: the open workspace (for the members' names).
        text: the file's text.
        out: the requested ``pathlib.Path`` (written as for ``export_checked``).
        what: the document's name for messages.
        suffix: the extension written (``".md"``, ``".ics"``).
        overwrite: replace an existing file (the user confirmed).
        readable: the text as a reader sees it, when the format escapes or folds it (scanned
            instead of ``text``), or None.
        scan: False for the internal export profile only.

    Returns:
        The ``pathlib.Path`` written.

    Raises:
        DocumentError: a member's name in the text (``check_text_has_no_member_names``), or as
            ``export_document``.
    """
    from formation.documents import export_document

    if scan:
        check_text_has_no_member_names(readable if readable is not None else text, member_names(ws), what=what)
    return export_document(text.encode("utf-8"), out.parent, _stem(out, suffix), overwrite=overwrite, suffix=suffix)


__all__ = ["check_no_member_names", "check_text_has_no_member_names", "export_checked", "export_checked_text",
           "member_names"]
