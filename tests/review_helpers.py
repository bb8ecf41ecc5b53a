"""Shared set-up for the review, versions, Word exchange and export-profile tests.

A fictional Harbour Lights Collective (scenarios.md, story 1) in a workspace with cheap KDF
parameters, a bylaws draft at version 1 with the library defaults, and members whose work and
legal names are sentinels that must never appear in a shareable file.
"""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path

from formation.crypto import KdfParams
from formation.models import Member, Organization
from formation.store import Workspace

PASSPHRASE = "correct horse battery staple"
FAST_KDF = KdfParams(memory_kib=8192, iterations=1, lanes=1)
STARTED = _dt.date(2025, 3, 1)

SENTINEL_WORK_NAMES = ("Zqxkestrel", "Vwmoana", "Jyxjuniper")
SENTINEL_LEGAL_NAMES = ("Pqrlegalname Zzsurname",)


def make_workspace(folder: Path) -> Workspace:
    """A new workspace with the organization, three sentinel members and a bylaws draft v1."""
    from formation import bylaws

    organization = Organization(
        name="Harbour Lights Collective",
        objects=["to support sex workers in Wellington", "to advocate for sex workers' rights"],
        legal_context_id="nz",
    )
    ws = Workspace.create(folder / "harbour.fws", PASSPHRASE, kdf=FAST_KDF, organization=organization)
    ws.put(Member(work_name=SENTINEL_WORK_NAMES[0], community_member="yes"))
    ws.put(Member(work_name=SENTINEL_WORK_NAMES[1], community_member="yes", legal_name=SENTINEL_LEGAL_NAMES[0]))
    ws.put(Member(work_name=SENTINEL_WORK_NAMES[2], community_member="no", membership_class="supporting"))
    ws.put(bylaws.new_draft(on=STARTED, organization=organization))
    return ws


def paragraph_index(document, text_start: str) -> int:  # noqa: ANN001
    """The index in ``document.paragraphs`` of the first paragraph starting with ``text_start``."""
    for index, paragraph in enumerate(document.paragraphs):
        if paragraph.text.startswith(text_start):
            return index
    raise AssertionError(f"no paragraph starts with {text_start!r}")


def add_lawyer_comment(data: bytes, paragraph_start: str, text: str, *, author: str = "A. Lawyer") -> bytes:
    """Add a Word comment with python-docx, as a lawyer would in Word: select a paragraph, comment.

    Args:
        data: the .docx bytes.
        paragraph_start: the start of the paragraph to select.
        text: the comment.
        author: the comment's author (a person's name, as Word fills it in).

    Returns:
        The saved .docx bytes.
    """
    from docx import Document

    document = Document(io.BytesIO(data))
    paragraph = document.paragraphs[paragraph_index(document, paragraph_start)]
    document.add_comment(paragraph.runs, text=text, author=author, initials="AL")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
