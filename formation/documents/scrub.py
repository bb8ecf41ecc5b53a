"""Remove identifying metadata from a .docx before it leaves the workspace.

A docxtpl render copies the template's author, last editor and comments into its output, and a
Word-made layout also carries its Company, Manager and Template in ``app.xml``, custom
properties, a thumbnail of its first page, a link to the author's ``Normal.dotm`` path and the
editing-session ids Word stamps on every paragraph (research/security.md section 4, requirement
14). ``scrub_metadata`` rewrites the package so that none of it survives:

- ``docProps/core.xml`` is replaced: empty title, subject, creator, keywords, description,
  lastModifiedBy and category; ``revision`` 1; ``created`` and ``modified`` fixed at
  ``FIXED_TIMESTAMP``; no ``lastPrinted``;
- ``docProps/app.xml`` is replaced by one that holds no Company, Manager, Template, TotalTime,
  Application or document titles;
- custom properties, the thumbnail and custom XML data parts are removed with their
  relationships and content types;
- comments (``comments``, ``commentsExtended``, ``commentsIds``, ``commentsExtensible``,
  ``people``) and their anchors in the text are removed, unless ``keep_comments`` (a review copy);
- tracked-change authors become ``NEUTRAL_AUTHOR`` (unless ``keep_comments``);
- in ``settings.xml``: the attached-template link, document variables, revision-session ids and
  document ids and the request to save a first-page thumbnail are removed, and ``removePersonalInformation`` and ``removeDateAndTime`` are set so
  Word strips a later editor's name on save;
- ``w:rsid*`` attributes are removed everywhere; every zip entry gets a fixed date.
"""

from __future__ import annotations

import re

from lxml import etree

from formation.documents.archive import OUTPUT_LIMITS, read_parts, write_parts
from formation.documents.package import (
    CT_APP,
    CT_COMMENT_PARTS,
    CT_CORE,
    CT_CUSTOM,
    CT_SETTINGS,
    CT_STORY_PARTS,
    REL_THUMBNAIL,
    W_NS,
    all_rels_parts,
    content_types,
    parse_xml,
    relationships,
    serialize_xml,
    w,
)
from formation.errors import DocumentError

FIXED_TIMESTAMP = "2000-01-01T00:00:00Z"
"""The created and modified date every exported document carries (it reveals nothing)."""

NEUTRAL_AUTHOR = "formation"
"""The author name tracked changes carry in an exported document."""

CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title></dc:title><dc:subject></dc:subject><dc:creator></dc:creator><cp:keywords></cp:keywords>"
    "<dc:description></dc:description><cp:lastModifiedBy></cp:lastModifiedBy><cp:revision>1</cp:revision>"
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIMESTAMP}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIMESTAMP}</dcterms:modified>'
    "<cp:category></cp:category></cp:coreProperties>"
).encode("utf-8")

APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<DocSecurity>0</DocSecurity><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
).encode("utf-8")

_RSID_ATTR = re.compile(rb'\sw:rsid[A-Za-z]*="[^"]*"')
_AUTHOR_ATTR = re.compile(rb'(\sw:author=")[^"]*(")')
_INITIALS_ATTR = re.compile(rb'\sw:initials="[^"]*"')
_COMMENT_ANCHORS = ("commentRangeStart", "commentRangeEnd", "commentReference")
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
# Elements that come before removePersonalInformation in CT_Settings (ECMA-376 Part 1, 17.15.1.78).
_SETTINGS_BEFORE = ("writeProtection", "view", "zoom")


def scrub_metadata(data: bytes, *, keep_comments: bool = False, source: str = "document") -> bytes:
    """Return a copy of a .docx with its identifying metadata removed (see the module docstring).

    Args:
        data: the .docx bytes (checked with ``OUTPUT_LIMITS`` before reading: sizes as for an
            import, a relaxed compression ratio).
        keep_comments: keep comment parts, anchors and tracked-change authors (a review copy,
            whose comments formation wrote itself).
        source: what to call the document in error messages.

    Returns:
        The scrubbed .docx bytes; the same input always gives the same bytes.

    Raises:
        DocumentError: the data is not a readable .docx within the archive limits.
    """
    parts = read_parts(data, source=source, limits=OUTPUT_LIMITS)
    try:
        types = content_types(parts)
        drop = _parts_to_drop(parts, types, keep_comments)
        for name in drop:
            parts.pop(name, None)
        _prune_relationships(parts, drop)
        _prune_content_types(parts, drop)
        for name, ctype in types.items():
            if name not in parts:
                continue
            if ctype == CT_CORE:
                parts[name] = CORE_XML
            elif ctype == CT_APP:
                parts[name] = APP_XML
            elif ctype == CT_SETTINGS:
                parts[name] = _scrub_settings(parts[name])
            elif ctype in CT_STORY_PARTS or (keep_comments and ctype in CT_COMMENT_PARTS):
                parts[name] = _scrub_story(parts[name], keep_comments=keep_comments)
    except etree.XMLSyntaxError:
        raise DocumentError(f"{source}: holds a part that is not well-formed XML") from None
    return write_parts(parts)


def _parts_to_drop(parts: dict[str, bytes], types: dict[str, str], keep_comments: bool) -> set[str]:
    drop = set()
    for name, ctype in types.items():
        if ctype == CT_CUSTOM or name.startswith("customXml/"):
            drop.add(name)
        elif ctype in CT_COMMENT_PARTS and not keep_comments:
            drop.add(name)
    for rel in relationships(parts, "_rels/.rels"):
        if rel.type == REL_THUMBNAIL and not rel.external:
            drop.add(rel.target)
    # A dropped part's own relationships go with it.
    for name in list(drop):
        folder, base = name.rsplit("/", 1) if "/" in name else ("", name)
        drop.add(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
    return {name for name in drop if name in parts}


def _prune_relationships(parts: dict[str, bytes], drop: set[str]) -> None:
    for rels_name in all_rels_parts(parts):
        rels = relationships(parts, rels_name)
        doomed = {
            rel.rid
            for rel in rels
            if (not rel.external and rel.target in drop)
            or (rel.external and rel.type.endswith("/attachedTemplate"))
        }
        if not doomed:
            continue
        root = parse_xml(parts[rels_name])
        for child in list(root):
            if child.get("Id") in doomed:
                root.remove(child)
        parts[rels_name] = serialize_xml(root)


def _prune_content_types(parts: dict[str, bytes], drop: set[str]) -> None:
    blob = parts.get("[Content_Types].xml")
    if blob is None:
        return
    root = parse_xml(blob)
    changed = False
    for child in list(root):
        if etree.QName(child).localname == "Override" and child.get("PartName", "").lstrip("/") in drop:
            root.remove(child)
            changed = True
    if changed:
        parts["[Content_Types].xml"] = serialize_xml(root)


def _scrub_settings(blob: bytes) -> bytes:
    root = parse_xml(blob)
    for tag in (w("attachedTemplate"), w("docVars"), w("rsids"), w("savePreviewPicture"),
                f"{{{_W14}}}docId", f"{{{_W15}}}docId"):
        for element in root.findall(tag):
            root.remove(element)
    for tag in ("removePersonalInformation", "removeDateAndTime"):
        for element in root.findall(w(tag)):
            root.remove(element)
    index = 0
    for position, child in enumerate(root):
        if isinstance(child.tag, str) and etree.QName(child).localname in _SETTINGS_BEFORE \
                and etree.QName(child).namespace == W_NS:
            index = position + 1
    root.insert(index, etree.Element(w("removeDateAndTime")))
    root.insert(index, etree.Element(w("removePersonalInformation")))
    return serialize_xml(root)


def _scrub_story(blob: bytes, *, keep_comments: bool) -> bytes:
    blob = _RSID_ATTR.sub(b"", blob)
    if keep_comments:
        return blob
    blob = _AUTHOR_ATTR.sub(rb"\g<1>" + NEUTRAL_AUTHOR.encode() + rb"\g<2>", blob)
    blob = _INITIALS_ATTR.sub(b"", blob)
    if not any(anchor.encode() in blob for anchor in _COMMENT_ANCHORS):
        return blob
    root = parse_xml(blob)
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for element in list(root.iter(w(tag))):
            element.getparent().remove(element)
    for reference in list(root.iter(w("commentReference"))):
        run = reference.getparent()
        run.remove(reference)
        if etree.QName(run).localname == "r" and all(
            etree.QName(child).localname == "rPr" for child in run if isinstance(child.tag, str)
        ):
            run.getparent().remove(run)
    return serialize_xml(root)
