"""Layout lint: check a .docx layout before it is used to render anything.

Runs in the tests on every bundled layout, and on any layout a user brings before it is used
(issue 4: "checked first ... and refused with a clear message if wrong"). It finds:

- archive problems (size limits, part names: ``archive.check_archive``);
- tags that are opened and not closed in their paragraph, and tags split across formatting runs
  (Word splits a tag typed in pieces; docxtpl usually repairs it, so for a user layout this is a
  warning; bundled layouts, built in code, must have none);
- ``%`` or ``}`` inside a ``{%p ... %}`` / ``{%tr``/``{%tc``/``{%r`` tag (docxtpl issue 644: the
  tag is not recognised and Jinja fails with "unknown tag 'p'");
- ``{{r ...}}`` and ``{{p ...}}`` tags (they expect docxtpl rich-text objects, which a context of
  plain data never holds: a plain string there lands outside any run and is lost);
- two ``{%p`` tags in one paragraph (docxtpl's documentation: the paragraph is removed, so the
  second tag is lost with it) and ``{%tr``/``{%tc`` outside a table;
- tracked changes (deleted text and its author would travel with every document);
- links to outside files or addresses other than hyperlinks (a linked picture or a remote
  template makes Word contact a server when the document opens: a tracking beacon), and
  ``INCLUDETEXT``/``INCLUDEPICTURE``/``LINK``/``DDE`` fields;
- template tags in the document properties (docxtpl renders them as templates);
- Jinja syntax errors, unsafe constructs and variables the context does not provide
  (``template_check``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from formation.documents.archive import DEFAULT_LIMITS, ArchiveLimits, read_parts
from formation.documents.package import (
    CT_CORE,
    CT_TEMPLATED_PARTS,
    REL_HYPERLINK,
    all_rels_parts,
    content_types,
    main_document,
    parse_xml,
    relationships,
    rels_part_for,
    w,
)
from formation.documents.shape import Shape
from formation.errors import DocumentError

Severity = Literal["error", "warning"]

_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENER = re.compile(r"\{[{%#]")
_SPECIAL_TAG = re.compile(r"^\{([%{#])(p|tr|tc|r)\s(.*)[%}#]\}$", re.DOTALL)
_DANGEROUS_FIELD = re.compile(r"\b(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|DDE|DDEAUTO|IMPORT)\b", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_MAX_SHOWN = 12


@dataclass(frozen=True)
class LayoutProblem:
    """One problem in a layout.

    Attributes:
        part: the part of the .docx (``"word/document.xml"``, ``"word/footer1.xml"``), or
            ``"package"`` for the archive as a whole.
        where: the layout's own text around the problem (a paragraph, cut to 60 characters), or "".
        message: what is wrong and, where possible, how to fix it.
        severity: ``"error"`` (the layout is refused) or ``"warning"`` (it renders, but is
            fragile; bundled layouts must have none).
    """

    part: str
    where: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        place = self.part if not self.where else f"{self.part}, at \u201c{self.where}\u201d"
        return f"{place}: {self.message}"


def lint_layout(
    data: bytes,
    *,
    shape: Shape | None,
    source: str,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> list[LayoutProblem]:
    """Check a .docx layout.

    Args:
        data: the .docx bytes.
        shape: the context shape the layout will be rendered with (``shape.Shape``); None skips
            the check for variables the context does not provide.
        source: the file name, for the archive-limit errors.
        limits: the archive limits.

    Returns:
        Every problem found (errors and warnings), in part order.

    Raises:
        DocumentError: the file is not a .docx within the archive limits (nothing else is read).
    """
    parts = read_parts(data, source=source, limits=limits)
    try:
        return _lint_parts(parts, shape)
    except etree.XMLSyntaxError:
        return [LayoutProblem("package", "", "holds a part that is not well-formed XML; open and save it again in Word")]


def check_layout(
    data: bytes,
    *,
    shape: Shape | None,
    source: str,
    strict: bool = False,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> list[LayoutProblem]:
    """Lint a layout and refuse it if it has errors (or, with ``strict``, warnings).

    Args:
        data, shape, source, limits: as ``lint_layout``.
        strict: treat warnings as errors (bundled layouts).

    Returns:
        The warnings that did not refuse the layout.

    Raises:
        DocumentError: ``"SOURCE: this layout cannot be used: ..."`` listing up to 12 problems,
            each with its part, the layout text near it and what to do.
    """
    problems = lint_layout(data, shape=shape, source=source, limits=limits)
    refusing = [p for p in problems if strict or p.severity == "error"]
    if refusing:
        lines = [f"  - {problem}" for problem in refusing[:_MAX_SHOWN]]
        if len(refusing) > _MAX_SHOWN:
            lines.append(f"  ... and {len(refusing) - _MAX_SHOWN} more")
        raise DocumentError(f"{source}: this layout cannot be used:\n" + "\n".join(lines))
    return problems


def _lint_parts(parts: dict[str, bytes], shape: Shape | None) -> list[LayoutProblem]:
    problems: list[LayoutProblem] = []
    types = content_types(parts)
    try:
        main = main_document(parts)
    except KeyError:
        return [LayoutProblem("package", "", "has no main document (word/document.xml); it is not a Word document")]
    problems += _check_relationships(parts)
    for name, ctype in types.items():
        if ctype == CT_CORE and re.search(rb"\{[{%#]", parts[name]):
            problems.append(LayoutProblem(
                name, "", "the document properties (File > Properties) hold template tags; clear them"
            ))
    templated = [main] + [
        rel.target for rel in relationships(parts, rels_part_for(main))
        if not rel.external and rel.target in parts and types.get(rel.target) in CT_TEMPLATED_PARTS
    ]
    templated += [n for n, t in types.items() if t in CT_TEMPLATED_PARTS and n not in templated and "footnotes" in t]
    for name in templated:
        root = parse_xml(parts[name])
        problems += _check_revisions_and_fields(name, root)
        problems += _check_paragraph_tags(name, root)
        problems += _check_jinja(name, root, shape)
    return problems


def _check_relationships(parts: dict[str, bytes]) -> list[LayoutProblem]:
    problems = []
    for rels_name in all_rels_parts(parts):
        for rel in relationships(parts, rels_name):
            if not rel.external or rel.type == REL_HYPERLINK:
                continue
            kind = rel.type.rsplit("/", 1)[-1]
            if kind == "attachedTemplate":
                problems.append(LayoutProblem(
                    rels_name, "", "is attached to an outside template; the link is removed from "
                    "every document made with it", "warning"))
            else:
                problems.append(LayoutProblem(
                    rels_name, "", f"links to an outside file or address ({kind}); Word would fetch it "
                    "whenever the document is opened. Embed the item instead of linking it"))
    return problems


def _check_revisions_and_fields(name: str, root: etree._Element) -> list[LayoutProblem]:
    problems = []
    for tag in ("ins", "del", "moveFrom", "moveTo"):
        if next(root.iter(w(tag)), None) is not None:
            problems.append(LayoutProblem(
                name, "", "has tracked changes; accept or reject all changes in Word "
                "(Review > Accept > Accept All Changes) and save it again"))
            break
    instructions = [el.text or "" for el in root.iter(w("instrText"))]
    instructions += [el.get(w("instr"), "") for el in root.iter(w("fldSimple"))]
    for instruction in instructions:
        found = _DANGEROUS_FIELD.search(instruction)
        if found:
            problems.append(LayoutProblem(
                name, "", f"has a {found.group(1).upper()} field, which pulls in outside content "
                "when the document is opened; remove it"))
    return problems


def _paragraph_runs(root: etree._Element) -> list[tuple[etree._Element, list[str]]]:
    """Each paragraph with the texts of its own ``w:t`` elements, in order."""
    order: list[etree._Element] = []
    texts: dict[etree._Element, list[str]] = {}
    for t in root.iter(w("t")):
        paragraph = next(t.iterancestors(w("p")), None)
        if paragraph is None:
            continue
        if paragraph not in texts:
            texts[paragraph] = []
            order.append(paragraph)
        texts[paragraph].append(t.text or "")
    return [(p, texts[p]) for p in order]


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _check_paragraph_tags(name: str, root: etree._Element) -> list[LayoutProblem]:
    problems = []
    for paragraph, runs in _paragraph_runs(root):
        joined = "".join(runs)
        if "{" not in joined:
            continue
        bounds = []
        position = 0
        for text in runs:
            bounds.append((position, position + len(text)))
            position += len(text)
        where = _snippet(joined)
        paragraph_tags = 0
        row_tags = 0
        for match in _OPENER.finditer(joined):
            start = match.start()
            closer = _OPENERS[match.group()]
            end = joined.find(closer, start + 2)
            if end < 0:
                problems.append(LayoutProblem(
                    name, where, f"a tag opened with '{match.group()}' is not closed with '{closer}' "
                    "in the same paragraph"))
                continue
            end += 2
            tag = joined[start:end]
            if _run_index(bounds, start) != _run_index(bounds, end - 1):
                problems.append(LayoutProblem(
                    name, where, f"the tag '{_snippet(tag)}' is split across formatting runs; select it, "
                    "clear its formatting and type it again in one go", "warning"))
            special = _SPECIAL_TAG.match(tag)
            if special:
                kind, body = special.group(2), special.group(3)
                if "%" in body or "}" in body:
                    problems.append(LayoutProblem(
                        name, where, f"the '{{{special.group(1)}{kind}' tag holds '%' or '}}', which docxtpl "
                        "cannot read (docxtpl issue 644); move the calculation into a {% set %} tag first"))
                if special.group(1) == "{" and kind in ("r", "p"):
                    problems.append(LayoutProblem(
                        name, where, f"the '{{{{{kind}' tag inserts rich text objects, which formation does not "
                        "pass to layouts; use a plain '{{ ... }}' tag"))
                if kind == "p" and special.group(1) == "%":
                    paragraph_tags += 1
                if kind in ("tr", "tc"):
                    row_tags += 1
                    if next(paragraph.iterancestors(w("tc")), None) is None:
                        problems.append(LayoutProblem(
                            name, where, f"the '{{%{kind}' tag is not inside a table cell; use '{{%p' outside tables"))
        if paragraph_tags > 1:
            problems.append(LayoutProblem(
                name, where, "holds two '{%p' tags in one paragraph; docxtpl removes the whole paragraph "
                "for each, so put each '{%p' tag in its own paragraph"))
    return problems


def _run_index(bounds: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(bounds):
        if start <= offset < end:
            return index
    return len(bounds) - 1


def _check_jinja(name: str, root: etree._Element, shape: Shape | None) -> list[LayoutProblem]:
    from jinja2.exceptions import TemplateSyntaxError

    from formation.documents.docxtpl_loader import load_docxtpl  # lazily: only render and lint need it
    from formation.documents.environment import LayoutEnvironment
    from formation.documents.template_check import check_template

    xml = etree.tostring(root, encoding="unicode")
    source = load_docxtpl().patch_xml(None, xml)  # type: ignore[arg-type]  # patch_xml uses no state
    # docxtpl renders with one paragraph per line; do the same so line numbers find paragraphs.
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    lines = source.split("\n")
    env = LayoutEnvironment(guard=False)
    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        return [LayoutProblem(name, _line_text(lines, exc.lineno), f"Jinja cannot read a tag here: {exc.message}")]
    problems = []
    for problem in check_template(ast, shape):
        problems.append(LayoutProblem(name, _line_text(lines, problem.lineno), problem.message))
    return problems


def _line_text(lines: list[str], lineno: int | None) -> str:
    if not lineno or lineno > len(lines):
        return ""
    return _snippet(_TAGS.sub("", lines[lineno - 1]))
