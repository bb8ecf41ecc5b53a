"""The layout lint: bundled layouts are clean; broken, fragile and unsafe layouts are refused."""

from __future__ import annotations

import importlib.resources

import pytest

from documents_support import layout, parts_of, rezip
from formation.documents import BYLAWS_SHAPE, check_layout, lint_layout
from formation.errors import DocumentError

SHAPE = {"organization": {"name": str}, "articles": [{"title": str, "number": int}]}

KNOWN_SHAPES = {"bylaws/layout.docx": BYLAWS_SHAPE}
"""Bundled layouts whose context shape this module knows; the others are linted for structure
and unsafe constructs."""


def _bundled_layouts() -> list[str]:
    root = importlib.resources.files("templates")
    found = []
    for folder in root.iterdir():
        if folder.is_dir():
            found += [f"{folder.name}/{item.name}" for item in folder.iterdir() if item.name.endswith(".docx")]
    return sorted(found)


def test_the_bylaws_layout_is_bundled():
    assert "bylaws/layout.docx" in _bundled_layouts()


@pytest.mark.parametrize("name", _bundled_layouts())
def test_every_bundled_layout_passes_the_strict_lint(name):
    data = importlib.resources.files("templates").joinpath(*name.split("/")).read_bytes()
    problems = lint_layout(data, shape=KNOWN_SHAPES.get(name), source=name)
    assert [str(p) for p in problems] == []


def _messages(data: bytes, shape=SHAPE) -> list[str]:
    return [f"{p.severity}: {p}" for p in lint_layout(data, shape=shape, source="user.docx")]


def test_percent_inside_paragraph_tag_is_reported_as_docxtpl_644():
    messages = _messages(layout("{%p if articles|length % 2 == 0 %}", "x", "{%p endif %}"))
    assert any("holds '%' or '}'" in m and "issue 644" in m for m in messages)


def test_two_paragraph_tags_in_one_paragraph_are_reported():
    messages = _messages(layout("{%p if organization.name %}text{%p endif %}"))
    assert any("two '{%p' tags in one paragraph" in m for m in messages)


def test_tag_split_across_runs_is_a_warning_that_strict_mode_refuses():
    data = layout(["{{ organization.", "name }}"])
    assert _messages(data) == [
        "warning: word/document.xml, at \u201c{{ organization.name }}\u201d: the tag "
        "'{{ organization.name }}' is split across formatting runs; select it, clear its "
        "formatting and type it again in one go"
    ]
    assert check_layout(data, shape=SHAPE, source="user.docx") != []
    with pytest.raises(DocumentError, match="split across formatting runs"):
        check_layout(data, shape=SHAPE, source="user.docx", strict=True)


def test_rich_text_tags_are_reported():
    messages = _messages(layout("{{r organization.name }}", "{{p organization.name }}"))
    assert sum("inserts rich text objects" in m for m in messages) == 2


def test_unclosed_tag_is_reported():
    messages = _messages(layout("{{ organization.name "))
    assert any("is not closed with '}}'" in m for m in messages)


def test_undeclared_variable_and_unknown_field_are_reported():
    messages = _messages(layout("{{ organisation.name }}", "{{ organization.nmae }}",
                                "{% for a in articles %}{{ a.titel }}{% endfor %}"))
    assert "error: word/document.xml, at \u201c{{ organisation.name }}\u201d: uses 'organisation', " \
           "which this document does not provide" in messages
    assert any("'organization.nmae', but 'nmae' is not a field" in m for m in messages)
    assert any("'a.titel', but 'titel' is not a field" in m for m in messages)


def test_loop_variables_are_understood():
    data = layout(
        "{% for a in articles %}{{ loop.index }} {{ a.number }}. {{ a.title|upper }}{% endfor %}",
        "{% set count = articles|length %}{{ count }} {{ organization.name|e }}",
    )
    assert _messages(data) == []


def _loop_nesting(data: bytes) -> int:
    """The deepest nesting of ``{% for %}`` loops in a layout's templated parts."""
    from jinja2 import nodes
    from lxml import etree

    from formation.documents.archive import read_parts
    from formation.documents.docxtpl_loader import load_docxtpl
    from formation.documents.environment import LayoutEnvironment
    from formation.documents.package import parse_xml

    def depth(node, level=0):
        return max([level] + [depth(c, level + isinstance(c, nodes.For)) for c in node.iter_child_nodes()])

    deepest = 0
    for name, part in read_parts(data, source="layout").items():
        if name.startswith("word/") and name.endswith(".xml") and b"{%" in part:
            source = load_docxtpl().patch_xml(None, etree.tostring(parse_xml(part), encoding="unicode"))
            deepest = max(deepest, depth(LayoutEnvironment(guard=False).parse(source)))
    return deepest


def test_bundled_layouts_nest_loops_within_the_bound():
    from formation.documents.template_check import MAX_LOOP_NESTING

    nesting = {name: _loop_nesting(importlib.resources.files("templates").joinpath(*name.split("/")).read_bytes())
               for name in _bundled_layouts()}
    assert nesting["bylaws/layout.docx"] == MAX_LOOP_NESTING == 3  # articles, clauses, paragraphs
    assert max(nesting.values()) == MAX_LOOP_NESTING


def test_loops_nested_three_deep_pass_and_four_deep_are_refused():
    three = "{% for a in articles %}{% for b in articles %}{% for c in articles %}x{% endfor %}{% endfor %}{% endfor %}"
    assert _messages(layout(three)) == []
    four = "{% for d in articles %}" + three + "{% endfor %}"
    assert any("nests more than 3 loops" in m for m in _messages(layout(four)))


@pytest.mark.parametrize("tag, problem", [
    ("{% macro again(n) %}{{ again(n) }}{% endmacro %}{{ again(1) }}", "defines a macro"),
    ("{% macro box() %}{{ caller() }}{% endmacro %}{% call box() %}x{% endcall %}", "uses a {% call %} block"),
    ("{% for a in articles recursive %}{{ loop(articles) }}{% endfor %}", "uses a recursive loop"),
    ("{% for a in articles %}{{ loop(articles) }}{% endfor %}", "calls 'loop(...)'"),
])
def test_constructs_that_can_recurse_are_refused_before_rendering(tag, problem):
    with pytest.raises(DocumentError) as caught:
        check_layout(layout(tag), shape=SHAPE, source="user.docx")
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    "tag, problem",
    [
        ("{{ cycler.__init__.__globals__ }}", "uses 'cycler'"),
        ("{{ joiner() }}", "uses 'joiner'"),
        ("{% set ns = namespace(x=1) %}", "uses 'namespace'"),
        ("{{ lipsum() }}", "uses 'lipsum'"),
        ("{% for i in range(10**9) %}{% endfor %}", "uses 'range'"),
        ("{{ self }}", "uses 'self'"),
        ("{{ organization.__class__ }}", "'__class__'"),
        ("{{ organization['__class__'] }}", "'__class__'"),
        ("{{ organization|attr('name') }}", "filter 'attr'"),
        ("{{ organization.name|safe }}", "filter 'safe'"),
        ("{{ '%s'|format(organization) }}", "filter 'format'"),
        ("{{ articles|map('attr', 'x')|list }}", "maps the filter 'attr'"),
        ("{{ organization.name.upper() }}", "calls 'organization.name.upper(...)'"),
        ("{% import 'x' as y %}", "{% import %}"),
        ("{% include 'x' %}", "{% include %}"),
        ("{% extends 'x' %}", "{% extends %}"),
        ("{% autoescape false %}{{ organization.name }}{% endautoescape %}", "{% autoescape %}"),
        ("{{ 'a' * 10**10 }}", "raises a number to a power"),
        ("{{ 'a' * 10000000000 }}", "larger than 1,000,000"),
        ("{{ organization.name|indent(5) }}", "filter 'indent'"),
    ],
)
def test_unsafe_constructs_are_refused_with_the_file_and_problem(tag, problem):
    with pytest.raises(DocumentError) as caught:
        check_layout(layout(tag), shape=SHAPE, source="/home/group/own-layout.docx")
    message = str(caught.value)
    assert message.startswith("/home/group/own-layout.docx: this layout cannot be used:")
    assert problem in message


def test_tracked_changes_are_refused():
    parts = parts_of(layout("text"))
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:r><w:t>text</w:t></w:r>",
        b'<w:del w:id="1" w:author="Someone" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>text'
        b"</w:delText></w:r></w:del>",
    )
    assert any("tracked changes" in m for m in _messages(rezip(parts)))


def test_linked_picture_and_include_fields_are_refused():
    parts = parts_of(layout("text"))
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId77" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/image" Target="https://tracker.example/pixel.png" TargetMode="External"/>'
        b"</Relationships>",
    )
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:r><w:t>text</w:t></w:r>",
        b'<w:fldSimple w:instr=" INCLUDEPICTURE &quot;https://tracker.example/x.png&quot; ">'
        b"<w:r><w:t>text</w:t></w:r></w:fldSimple>",
    )
    messages = _messages(rezip(parts))
    assert any("links to an outside file or address (image)" in m for m in messages)
    assert any("INCLUDEPICTURE field" in m for m in messages)


def test_template_tags_in_document_properties_are_refused():
    parts = parts_of(layout("text"))
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(
        b"<dc:title/>", b"<dc:title>{{ cycler }}</dc:title>"
    )
    assert any("document properties" in m for m in _messages(rezip(parts)))


def test_row_tag_outside_a_table_is_reported():
    assert any("not inside a table cell" in m for m in _messages(layout("{%tr for a in articles %}")))


def test_jinja_syntax_error_names_the_paragraph():
    messages = _messages(layout("Intro", "{% for a in articles %}{{ a.title }}"))
    assert any("Jinja cannot read a tag here" in m for m in messages)


def test_footer_is_linted_too():
    messages = _messages(layout("body", footer="{{ cycler }}"))
    assert any(m.startswith("error: word/footer1.xml") and "uses 'cycler'" in m for m in messages)
