"""The bylaws document: its fixed render context shape, and rendering it to .docx.

The clause library (``formation/clauses.py``, another module) turns a bylaws draft into the
context below, with every parameter already written into the clause text. This module checks
that context and renders it with the bundled layout ``templates/bylaws/layout.docx`` (built by
``templates/bylaws/build_layout.py``) or with a layout the group brings.

Each clause heading is wrapped in a Word bookmark named ``clause_bookmark_name(clause.id)`` so the
clause can be found again in a copy a lawyer edited in Word or LibreOffice (issue 7); the visible
reference ("4.2 Quorum") survives too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from formation.documents.bookmarks import clause_bookmark_name
from formation.documents.render import render_docx
from formation.documents.shape import Shape, check_plain, conform
from formation.errors import DocumentError

BYLAWS_LAYOUT = "bylaws/layout.docx"
"""The bundled bylaws layout, a name under the ``templates`` package."""

BYLAWS_SHAPE: Shape = {
    "organization": {"name": str},
    "document": {
        "title": str,
        "version": str,
        "status": str,
        "status_date": str,
        "checked_on": str,
        "disclaimer": str,
    },
    "articles": [
        {
            "number": int,
            "title": str,
            "clauses": [
                {"number": str, "id": str, "title": str, "paragraphs": [str]},
            ],
        }
    ],
}
"""The bylaws render context, exactly:

``organization.name``; ``document``: ``title``, ``version`` (e.g. "3"), ``status`` (e.g.
"draft"), ``status_date`` and ``checked_on`` (ISO dates, as text), ``disclaimer`` (the "not legal
advice" text); ``articles``: each ``number`` (int), ``title`` and ``clauses``, each clause
``number`` ("4.2"), ``id`` (the clause library's stable id), ``title`` and ``paragraphs`` (the
clause text with parameters filled in, one string per paragraph)."""


def check_bylaws_context(context: dict[str, Any]) -> None:
    """Check a bylaws render context against ``BYLAWS_SHAPE``.

    Args:
        context: the context the clause library produced.

    Raises:
        DocumentError: naming the dotted field path of the first problem: not plain data, a
            missing or unknown field, a wrong type, an empty clause id, or two clauses whose ids
            (or bookmark names) are the same.
    """
    source = "bylaws context"
    check_plain(context, source=source)
    conform(context, BYLAWS_SHAPE, source=source)
    seen: dict[str, str] = {}
    for a, article in enumerate(context["articles"]):
        for c, clause in enumerate(article["clauses"]):
            where = f"articles.{a}.clauses.{c}.id"
            clause_id = clause["id"]
            if not clause_id.strip():
                raise DocumentError(f"{source}: {where}: must not be empty")
            bookmark = clause_bookmark_name(clause_id)
            if bookmark in seen:
                raise DocumentError(f"{source}: {where}: is the same clause id as {seen[bookmark]}")
            seen[bookmark] = where


def render_bylaws_docx(context: dict[str, Any], *, user_layout: Path | None = None) -> bytes:
    """Render the bylaws as a .docx.

    Args:
        context: the bylaws context (``BYLAWS_SHAPE``), parameters already filled in.
        user_layout: a group's own Word layout; it is checked first (archive limits, broken
            tags, unsafe constructs, variables not in ``BYLAWS_SHAPE``) and refused with a
            message naming the file and each problem. Default: the bundled layout.

    Returns:
        The .docx bytes: a cover (organization, title, version, status and date, "not legal
        advice", the date the legal information was checked), then numbered articles and clauses
        with their clause references, each clause heading bookmarked; metadata scrubbed.

    Raises:
        DocumentError: the context does not match ``BYLAWS_SHAPE`` (naming the field), or the
            layout is refused or cannot be filled in. Nothing is written.
    """
    check_bylaws_context(context)
    layout: Path | str = user_layout if user_layout is not None else BYLAWS_LAYOUT
    return render_docx(layout, context, shape=BYLAWS_SHAPE)
