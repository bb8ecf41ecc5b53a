"""Leak scan: search every part of a finished .docx for members' names.

After a shareable or aggregate export, the file is unzipped (within the archive limits) and
every part (body, headers, footers, footnotes, comments, people, core, app and custom
properties, relationships, media) is searched for every name given: work names and legal names
(research/security.md section 4 and requirement 13; issue 7). A hit blocks the export.

A name is found:
- in a part's text with XML character references and entities decoded (``Rose &amp; Thorn``);
- in each paragraph's text joined across runs (Word splits ``Kes`` and ``trel`` into two runs
  when one letter is formatted differently);
- in binary parts as UTF-8 or UTF-16 text (picture metadata);
- regardless of case, Unicode composition (NFC) and runs of white space;
- as a whole word: not inside a longer word ("Sam" is not found in "same"), except for names
  in scripts written without spaces between words (Thai, Lao, Khmer, Myanmar, Chinese,
  Japanese), which are found anywhere.
"""

from __future__ import annotations

import html
import re
import unicodedata

from lxml import etree

from formation.documents.archive import OUTPUT_LIMITS, read_parts
from formation.documents.package import parse_xml, w

_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_UNSPACED_SCRIPTS = ("THAI", "LAO", "KHMER", "MYANMAR", "CJK", "HIRAGANA", "KATAKANA", "TIBETAN")
_PARAGRAPH_TEXT = (w("t"), w("delText"), w("instrText"))


def leak_scan(data: bytes, names: list[str]) -> list[tuple[str, str]]:
    """Find which names occur in which parts of a .docx.

    Args:
        data: the finished .docx bytes.
        names: the names to look for (every member's work name and legal name); empty or
            blank names are ignored.

    Returns:
        ``(part name, name)`` pairs, one per part and name found, in part order; the name is
        returned exactly as given so the caller can map it back to a member and report the hit
        by alias or index. Never print the name itself. Empty when nothing is found.

    Raises:
        DocumentError: the data is not a .docx within ``OUTPUT_LIMITS`` (the import sizes: 50 MiB
            in all, 20 MiB a part, 1,000 parts).
    """
    needles = []
    for name in names:
        needle = _normalize(name)
        if needle:
            needles.append((name, needle, _unspaced(needle[0]) or _unspaced(needle[-1])))
    if not needles:
        return []
    hits: list[tuple[str, str]] = []
    parts = read_parts(data, source="document being checked for names", limits=OUTPUT_LIMITS)
    for part_name, blob in parts.items():
        haystack = _normalize(_part_text(blob))
        words = set(_WORD.findall(haystack))
        for original, needle, unspaced in needles:
            if not unspaced and not all(word in words for word in _WORD.findall(needle)):
                continue
            if _contains(haystack, needle):
                hit = (part_name, original)
                if hit not in hits:
                    hits.append(hit)
    return hits


def leak_scan_text(text: str, names: list[str]) -> list[str]:
    """Find which names occur in a plain-text export (Markdown, an .ics calendar).

    The same matching as ``leak_scan`` (case, Unicode composition and runs of white space
    ignored; whole words, except in scripts written without spaces). The caller removes the
    format's own escapes first (Markdown backslashes, iCalendar line folding and escapes).

    Args:
        text: the finished text.
        names: the names to look for; empty or blank names are ignored.

    Returns:
        The names found, each once, in the order given (never print them: map them back to a
        member). Empty when nothing is found.
    """
    haystack = _normalize(text)
    found: list[str] = []
    for name in names:
        needle = _normalize(name)
        if needle and name not in found and _contains(haystack, needle):
            found.append(name)
    return found


def _normalize(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


def _unspaced(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(_UNSPACED_SCRIPTS)


def _part_text(blob: bytes) -> str:
    """A part's searchable text: decoded XML plus per-paragraph joined runs, or binary as text."""
    if blob.lstrip()[:1] == b"<":
        raw = blob.decode("utf-8", errors="replace")
        pieces = [html.unescape(raw)]
        try:
            root = parse_xml(blob)
        except etree.XMLSyntaxError:
            return pieces[0]
        paragraphs: dict[etree._Element, list[str]] = {}
        for element in root.iter(*_PARAGRAPH_TEXT):
            paragraph = next(element.iterancestors(w("p")), None)
            if paragraph is not None:
                paragraphs.setdefault(paragraph, []).append(element.text or "")
        pieces.extend("".join(texts) for texts in paragraphs.values())
        return "\n".join(pieces)
    text = blob.decode("utf-8", errors="ignore")
    even = blob[: len(blob) - len(blob) % 2]
    return text + "\n" + even.decode("utf-16-le", errors="ignore")


def _contains(haystack: str, needle: str) -> bool:
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = haystack[start - 1] if start > 0 else " "
        after = haystack[end] if end < len(haystack) else " "
        if _boundary(before, needle[0]) and _boundary(after, needle[-1]):
            return True
        start = haystack.find(needle, start + 1)
    return False


def _boundary(neighbour: str, edge: str) -> bool:
    if not edge.isalnum() or not neighbour.isalnum():
        return True
    return _unspaced(neighbour) or _unspaced(edge)
