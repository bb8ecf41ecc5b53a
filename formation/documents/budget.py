"""Size budgets that hold while a layout renders: the second line of defence behind the lint.

The lint (``template_check``) refuses the constructs that can run without end (macros, ``{% call %}``
blocks, recursive loops) and loops nested more than ``MAX_LOOP_NESTING`` deep. What is left can
still build large text from small text: ``a ~ a``, ``a + a``, ``items|join``, ``s|replace(x, y)``
or ``lists|sum(start=[])``, repeated through ``{% set %}``, doubles its size with each line. So
``LayoutEnvironment`` checks every such result against ``MAX_TEXT`` before or as it is built, and
the text a layout part renders to against ``MAX_OUTPUT`` while it is produced. A layout that
passes a budget is refused with a ``SecurityError`` (a ``DocumentError`` naming the layout), and
memory stays bounded: each value at most ``MAX_TEXT``, the output at most ``MAX_OUTPUT``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jinja2 import pass_environment, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.nodes import Concat, EvalContext

MAX_TEXT = 1_000_000
"""The longest text or list (characters or items) one expression, filter or ``{% set %}`` may build."""

MAX_OUTPUT = 20_000_000
"""The most characters of document XML one layout part may render to (a 300-page document is a
few megabytes)."""

def too_big(what: str) -> SecurityError:
    """The refusal for a layout that builds ``what`` past its budget."""
    return SecurityError(f"the layout builds {what} longer than formation allows in a document "
                         f"({MAX_TEXT:,} characters or items); simplify the layout")


def sized(value: Any, limit: int = MAX_TEXT) -> Any:
    """``value`` itself, after checking a text or list is at most ``limit`` long."""
    if isinstance(value, (str, list, tuple)) and len(value) > limit:
        raise too_big("text or a list")
    return value


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else len(str(value))


def bounded_concat(pieces: Iterable[str]) -> str:
    """``"".join(pieces)``, stopping as soon as the text passes ``MAX_OUTPUT`` (the environment's
    ``concat``: a layout part's whole output, and each ``{% set %}...{% endset %}`` block)."""
    kept: list[str] = []
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > MAX_OUTPUT:
            raise SecurityError(f"the layout fills in more than {MAX_OUTPUT:,} characters of document "
                                "text; simplify its loops")
        kept.append(piece)
    return "".join(kept)


@pass_eval_context
def bounded_join(eval_ctx: EvalContext, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    """The ``join`` filter, refusing a result longer than ``MAX_TEXT``."""
    items = list(value)
    if attribute is not None:
        from jinja2.filters import make_attrgetter

        getter = make_attrgetter(eval_ctx.environment, attribute)
        items = [getter(item) for item in items]
    if sum(_length(item) for item in items) + _length(d) * max(len(items) - 1, 0) > MAX_TEXT:
        raise too_big("joined text")
    return FILTERS["join"](eval_ctx, items, d)


@pass_eval_context
def bounded_replace(eval_ctx: EvalContext, s: Any, old: Any, new: Any, count: int | None = None) -> str:
    """The ``replace`` filter, refusing a result longer than ``MAX_TEXT`` before it is built."""
    text, old_text, new_text = str(s), str(old), str(new)
    found = text.count(old_text) if old_text else len(text) + 1
    if count is not None and count >= 0:
        found = min(found, count)
    if len(text) + found * (len(new_text) - len(old_text)) > MAX_TEXT:
        raise too_big("replaced text")
    return FILTERS["replace"](eval_ctx, s, old, new, count)


@pass_environment
def bounded_sum(environment: Any, iterable: Iterable[Any], attribute: Any = None, start: Any = 0) -> Any:
    """The ``sum`` filter, refusing to add up texts or lists to more than ``MAX_TEXT``."""
    items = list(iterable)
    if attribute is not None:
        from jinja2.filters import make_attrgetter

        getter = make_attrgetter(environment, attribute)
        items = [getter(item) for item in items]
    sequences = [x for x in [start, *items] if isinstance(x, (str, list, tuple))]
    if sum(len(x) for x in sequences) > MAX_TEXT:
        raise too_big("a sum of texts or lists")
    return FILTERS["sum"](environment, items, start=start)


BOUNDED_FILTERS = {"join": bounded_join, "replace": bounded_replace, "sum": bounded_sum}
"""Filters that can build text much longer than their input, in their bounded form."""


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation checked by ``sized``."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's visitor name
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")
