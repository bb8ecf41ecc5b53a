"""Rendering holds every layout to size budgets, even one that skipped the lint: text doubled line
by line, joined, replaced or summed past ``MAX_TEXT``, and loops that fill in more than
``MAX_OUTPUT`` characters, are refused with the layout's name instead of exhausting memory."""

from __future__ import annotations

import pytest

from documents_support import layout
from formation.documents.budget import MAX_OUTPUT, MAX_TEXT
from formation.documents.environment import LayoutEnvironment
from formation.documents.render import render_with_docxtpl
from formation.errors import DocumentError

DOUBLINGS = "".join("{% set t = t ~ t %}" for _ in range(40))


@pytest.mark.parametrize("tag", [
    "{% set t = name %}" + DOUBLINGS + "{{ t|length }}",
    "{% set t = name %}" + DOUBLINGS.replace("t ~ t", "t + t") + "{{ t|length }}",
    "{% set l = [name] %}" + "".join("{% set l = [l, l]|sum(start=[]) %}" for _ in range(40)) + "{{ l|length }}",
    "{{ ([name] * 1000000)|join }}",
    "{% set t = name * 1000 %}{{ t|replace('a', t) }}",
])
def test_text_built_past_the_budget_is_refused_at_render_time(tag):
    with pytest.raises(DocumentError) as caught:
        render_with_docxtpl(layout(tag), {"name": "ab" * 500}, source="evil.docx")
    assert str(caught.value).startswith("evil.docx: refused: the layout builds")
    assert f"{MAX_TEXT:,}" in str(caught.value)


def test_loops_filling_in_more_than_the_output_budget_are_stopped():
    three = ("{% for a in items %}{% for b in items %}{% for c in items %}0123456789{% endfor %}{% endfor %}"
             "{% endfor %}")
    with pytest.raises(DocumentError) as caught:
        render_with_docxtpl(layout(three), {"items": list(range(300))}, source="evil.docx")
    assert f"more than {MAX_OUTPUT:,} characters" in str(caught.value)


def test_ordinary_text_work_is_unchanged():
    env = LayoutEnvironment()
    rendered = env.from_string("{{ a ~ '<' ~ b }}|{{ [a, b]|join(', ') }}|{{ a|replace('x', 'y') }}|"
                               "{{ [[1], [2]]|sum(start=[]) }}|{{ a + b }}|{{ n + 1 }}").render(a="x&", b="z", n=1)
    assert rendered == "x&amp;&lt;z|x&amp;, z|y&amp;|[1, 2]|x&amp;z|2"
