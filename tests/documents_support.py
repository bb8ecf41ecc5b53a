"""Helpers for the documents tests: small .docx layouts made in code, and zip surgery."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import docx

DATA = Path(__file__).parent / "data" / "documents"

HOSTILE_NAME = "Rose & Thorn <Co-op>"
SCRIPTS = {
    "devanagari": "नमस्ते समिति",
    "thai": "สวัสดีชุมชน",
    "arabic": "مرحبا بالمجتمع",
    "accents": "Pīwakawaka Ñandú Zoë",
}


def bylaws_context() -> dict[str, Any]:
    """A full bylaws context (16 articles, 31 clauses), as the clause library would make it."""
    return json.loads((DATA / "bylaws_context.json").read_text(encoding="utf-8"))


def layout(*paragraphs: str | list[str], footer: str | None = None) -> bytes:
    """A .docx whose paragraphs hold the given texts; a list makes one run per item (bold runs
    alternate, so Word would keep them as separate runs)."""
    document = docx.Document()
    for item in paragraphs:
        paragraph = document.add_paragraph()
        runs = item if isinstance(item, list) else [item]
        for index, text in enumerate(runs):
            run = paragraph.add_run(text)
            if index % 2:
                run.bold = True
    if footer is not None:
        document.sections[0].footer.paragraphs[0].add_run(footer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    """Every part of a zip, read without limits (the tests' own files only)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    """A zip of the given parts (deflated)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return buffer.getvalue()


def all_text(data: bytes) -> str:
    """The text of every paragraph of the body, headers and footers, one per line."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for section in document.sections:
        lines += [p.text for p in section.footer.paragraphs]
        lines += [p.text for p in section.header.paragraphs]
    return "\n".join(lines)
