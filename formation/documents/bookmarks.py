"""Word bookmarks that mark each clause of a bylaws document, so a reviewed copy can be read back."""

from __future__ import annotations

import hashlib
import re

_BOOKMARK_SAFE = re.compile(r"^[A-Za-z0-9_]{1,38}$")
_BOOKMARK_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9_]")


def clause_bookmark_name(clause_id: str) -> str:
    """The Word bookmark name that marks a clause's heading in a bylaws document.

    Word keeps a bookmark while the text inside it is edited, moved or restyled, and drops it
    only when that text is deleted; LibreOffice keeps bookmarks through a save as .docx. So the
    bookmark is how a clause is found again in a reviewed copy (issue 7). Bookmark names must
    start with a letter, hold only letters, digits and ``_``, and be at most 40 characters.

    Args:
        clause_id: the clause's stable id from the clause library (any text).

    Returns:
        ``"c_" + clause_id`` when the id is 1..38 letters, digits or ``_``; otherwise ``"c_"``,
        the id with other characters turned into ``_`` (cut to 29 characters), ``_`` and the
        first 8 hex digits of the id's SHA-256, so different ids give different names.
    """
    if _BOOKMARK_SAFE.match(clause_id):
        return f"c_{clause_id}"
    digest = hashlib.sha256(clause_id.encode("utf-8")).hexdigest()[:8]
    readable = _BOOKMARK_UNSAFE_CHARS.sub("_", clause_id)[:29]
    return f"c_{readable}_{digest}"
