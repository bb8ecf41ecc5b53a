"""The one Jinja environment every layout renders in.

docxtpl's ``render()`` uses a plain ``jinja2.Environment()`` with escaping off unless it is given
another: template code can then reach Python internals (``cycler.__init__.__globals__``), and a
``<`` or ``&`` in a name silently cuts the document short (docxtpl issues 634 and 594;
research/security.md section 5, libraries.md section 3.3). ``LayoutEnvironment`` is a
``jinja2.sandbox.SandboxedEnvironment`` with ``autoescape=True`` and ``StrictUndefined`` (a
missing value is an error, not blank text), without Jinja's global helpers, with only
``ALLOWED_FILTERS``, and it refuses to compile a template holding an unsafe construct.
"""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from formation.documents.bookmarks import clause_bookmark_name
from formation.documents.budget import (
    BOUNDED_FILTERS,
    MAX_TEXT,
    BoundedCodeGenerator,
    bounded_concat,
    sized,
    too_big,
)
from formation.documents.template_check import ALLOWED_FILTERS, check_template


MAX_REPEAT = MAX_TEXT
"""The longest string or list a layout may build with ``*`` or ``+`` (characters or items)."""


class LayoutEnvironment(SandboxedEnvironment):
    """The sandboxed, escaping, strict Jinja environment for rendering layouts.

    Args:
        guard: refuse (``SecurityError``) to compile a template with an unsafe construct (see
            ``template_check``); the lint turns it off to collect every problem at once.

    ``**`` is refused and ``*`` or ``+`` may not build a string or list longer than
    ``MAX_REPEAT``; ``~``, ``join``, ``replace`` and ``sum`` are held to the same size, and each
    rendered part to ``budget.MAX_OUTPUT`` characters (``formation.documents.budget``).
    The environment has no globals (``range``, ``dict``, ``cycler``, ``joiner``, ``namespace``,
    ``lipsum`` are gone), only ``ALLOWED_FILTERS`` plus ``bookmark_name``
    (``clause_bookmark_name``), ``autoescape=True`` and ``undefined=StrictUndefined``.
    """

    code_generator_class = BoundedCodeGenerator
    concat = staticmethod(bounded_concat)  # type: ignore[assignment]
    sized = staticmethod(sized)

    def __init__(self, *, guard: bool = True) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.guard = guard
        self.globals.clear()
        self.filters = {name: func for name, func in self.filters.items() if name in ALLOWED_FILTERS}
        self.filters.update(BOUNDED_FILTERS)
        self.filters["bookmark_name"] = clause_bookmark_name

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        ast = super()._parse(source, name, filename)
        if self.guard:
            for problem in check_template(ast, None):
                if problem.kind == "unsafe":
                    raise SecurityError(f"the layout {problem.message}")
        return ast

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse ``**`` and any ``*`` or ``+`` that would build a string or list longer than
        ``MAX_REPEAT`` items (``'a' * 10000000000`` would exhaust memory)."""
        if operator == "**":
            raise SecurityError("the layout raises a number to a power, which layouts may not do")
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) \
                and len(left) + len(right) > MAX_REPEAT:
            raise too_big("text or a list")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) \
                        and len(sequence) * times > MAX_REPEAT:
                    raise SecurityError(
                        f"the layout repeats text or a list more than {MAX_REPEAT:,} times over"
                    )
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Refuse every attribute starting with ``_`` (the sandbox refuses only some)."""
        if attr.startswith("_"):
            return False
        return super().is_safe_attribute(obj, attr, value)
