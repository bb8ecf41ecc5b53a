"""Reading the structure of a .docx package: content types, relationships, story parts.

A .docx (Open Packaging Conventions, ECMA-376 Part 2) names each part's type in
``[Content_Types].xml`` and links parts with relationship parts (``_rels/*.rels``). These helpers
work on the ``{part name: bytes}`` mapping that ``archive.read_parts`` returns, with lxml and no
entity resolution or network access.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_SETTINGS = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
CT_COMMENT_PARTS = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtensible+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml",
    }
)
CT_STORY_PARTS = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    }
)
CT_TEMPLATED_PARTS = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    }
)
"""Parts docxtpl renders as templates (the body, headers, footers and footnotes)."""

REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
REL_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False
)
"""The only parser used on package XML: no entities, no network, default size limits."""


def parse_xml(blob: bytes) -> etree._Element:
    """Parse one XML part with ``XML_PARSER``.

    Raises:
        etree.XMLSyntaxError: the part is not well-formed XML.
    """
    return etree.fromstring(blob, parser=XML_PARSER)


def serialize_xml(root: etree._Element) -> bytes:
    """Serialize a part back to bytes with a standalone UTF-8 declaration, as Word writes it."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def content_types(parts: dict[str, bytes]) -> dict[str, str]:
    """Map each part name to its content type.

    Args:
        parts: ``{part name: bytes}`` of a package.

    Returns:
        ``{part name: content type}`` for every part, from the ``Override`` entries and, for the
        rest, the ``Default`` entry of its extension ("" when neither names it).
    """
    blob = parts.get("[Content_Types].xml")
    if blob is None:
        return {name: "" for name in parts}
    root = parse_xml(blob)
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for child in root:
        tag = etree.QName(child).localname
        if tag == "Default":
            defaults[child.get("Extension", "").lower()] = child.get("ContentType", "")
        elif tag == "Override":
            overrides[child.get("PartName", "").lstrip("/")] = child.get("ContentType", "")
    out = {}
    for name in parts:
        if name in overrides:
            out[name] = overrides[name]
        else:
            out[name] = defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")
    return out


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part.

    Attributes:
        rels_part: the name of the ``.rels`` part holding it.
        rid: its ``Id``.
        type: its ``Type`` URI.
        target: the part name it points to (resolved), or the raw target if external.
        external: True for ``TargetMode="External"`` (a URL or a file path outside the package).
    """

    rels_part: str
    rid: str
    type: str
    target: str
    external: bool


def rels_part_for(part_name: str) -> str:
    """The name of the relationships part of ``part_name`` (``""`` for the package)."""
    folder, base = posixpath.split(part_name)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def source_of_rels(rels_name: str) -> str:
    """The part a ``.rels`` part belongs to (``""`` for the package's ``_rels/.rels``)."""
    folder, base = posixpath.split(rels_name)
    parent = posixpath.dirname(folder)
    source = base[: -len(".rels")]
    return posixpath.join(parent, source) if source else ""


def relationships(parts: dict[str, bytes], rels_name: str) -> list[Relationship]:
    """Read the relationships in one ``.rels`` part.

    Args:
        parts: the package parts.
        rels_name: e.g. ``"_rels/.rels"`` or ``"word/_rels/document.xml.rels"``.

    Returns:
        The relationships, with internal targets resolved to part names (``[]`` if absent).
    """
    blob = parts.get(rels_name)
    if blob is None:
        return []
    base = posixpath.dirname(source_of_rels(rels_name))
    out = []
    for rel in parse_xml(blob):
        if etree.QName(rel).localname != "Relationship":
            continue
        target = rel.get("Target", "")
        external = rel.get("TargetMode") == "External"
        if not external:
            target = resolve_target(base, target)
        out.append(Relationship(rels_name, rel.get("Id", ""), rel.get("Type", ""), target, external))
    return out


def resolve_target(base: str, target: str) -> str:
    """Resolve a relationship target against the folder of its source part."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target)) if base else posixpath.normpath(target)


def main_document(parts: dict[str, bytes]) -> str:
    """The name of the main document part (usually ``word/document.xml``).

    Raises:
        KeyError: the package has no main document relationship or part.
    """
    for rel in relationships(parts, "_rels/.rels"):
        if rel.type.endswith("/officeDocument") and not rel.external and rel.target in parts:
            return rel.target
    if "word/document.xml" in parts:
        return "word/document.xml"
    raise KeyError("main document")


def all_rels_parts(parts: dict[str, bytes]) -> list[str]:
    """Every relationships part in the package."""
    return [name for name in parts if name.endswith(".rels") and "/_rels/" in f"/{name}"]


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute (``w("p")``)."""
    return f"{{{W_NS}}}{tag}"
