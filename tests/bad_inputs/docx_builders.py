"""Word files for the corpus, made in code: layouts with template tags, and damaged or hostile
archives (zip bombs, climbing part names, entity bombs, no main document).

``build(spec)`` takes a case's ``docx`` value: a builder name (``"zip-bomb"``) or a table
(``{ layout = ["paragraph", ...] }``; ``{ comment = "text", paragraphs = [...] }``: a Word comment
on the first paragraph; ``{ age = "passphrase", of = SPEC }``: SPEC encrypted for a reviewer).
"""

from __future__ import annotations

import functools
import io
import zipfile
from typing import Any

import docx

MiB = 1024 * 1024
ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&" + chr(97 + i).encode() + b";") * 10) for i in range(7))
    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    b"<w:t>&h;</w:t></w:r></w:p></w:body></w:document>"
)
"""A "billion laughs" main document: seven levels of entities, each ten of the one before."""


def layout(paragraphs: list[str]) -> bytes:
    """A .docx whose body holds these paragraphs (one run each)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return _save(document)


def commented(paragraphs: list[str], comment: str, *, author: str = "A. Lawyer") -> bytes:
    """A .docx with these paragraphs and one Word comment on the first; no clause headings."""
    document = docx.Document()
    first = document.add_paragraph(paragraphs[0])
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    document.add_comment(first.runs, text=comment, author=author, initials="AL")
    return _save(document)


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    """Every part of one of these test files (no limits: the files are our own)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    """A deflated zip of these parts, in this order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return buffer.getvalue()


def _padded(size: int) -> bytes:
    """A valid .docx whose main document is padded with spaces to ``size`` bytes: tiny on disk."""
    parts = parts_of(layout(["Padded."]))
    body = parts["word/document.xml"]
    parts["word/document.xml"] = body[:-20] + b" " * (size - len(body)) + body[-20:]
    return rezip(parts)


@functools.cache
def named(name: str) -> bytes:
    """The file a builder name stands for."""
    base = layout(["A plain document."])
    if name == "not-a-zip":
        return b"Dear committee, this is a letter saved as text, not a Word document.\n"
    if name == "truncated":
        return base[: len(base) // 2]
    if name == "empty-file":
        return b""
    if name == "zip-bomb":  # 400 MiB of spaces in a file of about 400 KiB
        return _padded(400 * MiB)
    if name == "ratio-bomb":  # under every size limit, compressed more than 100 to 1
        return _padded(15 * MiB)
    parts = parts_of(base)
    if name == "climbing-part-name":
        parts["../../evil.txt"] = b"x"
    elif name == "absolute-part-name":
        parts["/etc/evil.txt"] = b"x"
    elif name == "backslash-part-name":
        parts["..\\..\\evil.txt"] = b"x"
    elif name == "no-main-document":
        del parts["word/document.xml"]
    elif name == "too-many-parts":
        parts.update({f"customXml/item{i}.xml": b"<a/>" for i in range(1001)})
    elif name == "entity-bomb":
        parts["word/document.xml"] = ENTITY_BOMB
    elif name == "deeply-nested-xml":
        body = parts["word/document.xml"]
        parts["word/document.xml"] = body.replace(b"<w:body>", b"<w:body>" + b"<w:tbl>" * 3_000 + b"</w:tbl>" * 3_000, 1)
    else:
        raise AssertionError(f"unknown docx builder {name!r}")
    return rezip(parts)


def build(spec: Any) -> bytes:
    """The bytes for a case's ``docx`` value."""
    from .corpus import expand

    if isinstance(spec, str):
        return named(spec)
    if "age" in spec:
        from formation.word_exchange import encrypt_for_reviewer

        return encrypt_for_reviewer(build(spec["of"]), spec["age"])
    if "comment" in spec:
        return commented(expand(spec.get("paragraphs", ["A letter about something else."])), expand(spec["comment"]))
    return layout(expand(spec["layout"]))
