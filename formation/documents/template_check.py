"""Static checks of a layout's Jinja code: unsafe constructs and variables the context lacks.

Jinja's sandbox blocks ``__class__``-style attribute access at render time, but its own
documentation calls it "only as good as the configuration", and sandbox escapes were fixed as
late as Jinja 3.1.6 (the ``|attr`` filter, CVE-2025-27516; research/security.md section 5). So a
layout is also checked before it runs, on its parsed syntax tree:

- *unsafe*: a name or string starting with ``_`` or holding ``__``; ``**`` and numbers over
  ``MAX_CONSTANT`` (memory exhaustion); the helpers ``cycler``,
  ``joiner``, ``namespace``, ``lipsum``, ``range``, ``dict`` and ``self``; any filter outside
  ``ALLOWED_FILTERS`` (``attr``, ``format``, ``safe``, ``tojson``...); calls other than
  ``loop.cycle`` and ``loop.changed``; ``import``, ``include``, ``extends``;
  ``{% autoescape %}`` blocks (turning escaping off lets text break the document's XML);
  ``{% macro %}`` and ``{% call %}`` blocks and recursive loops (a macro that calls itself, or
  ``loop(...)`` on the same list, runs until Python's stack is exhausted); loops nested more
  than ``MAX_LOOP_NESTING`` deep (each level multiplies the work: ten loops over a document's
  articles ran past 19 GB of memory);
- *undeclared* / *unknown field*: a variable or field the declared context shape does not have
  (``organization.nmae``), found before rendering instead of as a render error.

``LayoutEnvironment`` runs the unsafe check on every template it compiles, so even a layout
that skipped the lint cannot run those constructs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from jinja2 import nodes

from formation.documents.shape import ANY, Shape

ALLOWED_FILTERS = frozenset(
    {
        "abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first",
        "float", "groupby", "int", "items", "join", "last", "length", "list", "lower", "map",
        "max", "min", "reject", "rejectattr", "replace", "reverse", "round", "select",
        "selectattr", "sort", "string", "sum", "title", "trim", "truncate", "unique", "upper",
        "wordcount", "wordwrap", "bookmark_name",
    }
)
"""Filters a layout may use: text and list helpers that return plain values. Left out on
purpose: ``attr`` (sandbox escape CVE-2025-27516), ``format``, ``safe``/``forceescape``,
``tojson``, ``urlize``, ``xmlattr`` (they emit markup that skips escaping), ``random``,
``pprint``, ``urlencode``, ``filesizeformat``, ``striptags``, and ``center``, ``indent``,
``batch``, ``slice`` (a large width or count in them builds huge strings or lists)."""

MAX_CONSTANT = 1_000_000
"""The largest number a layout may write in a tag."""

MAX_LOOP_NESTING = 3
"""The most ``{% for %}`` loops a layout may nest inside one another. The bundled layouts need 3 at
most (the bylaws: articles, their clauses, each clause's paragraphs); measured by
``tests/test_documents_lint.py::test_bundled_layouts_nest_loops_within_the_bound``."""

UNSAFE_NAMES = frozenset({"cycler", "joiner", "namespace", "lipsum", "range", "dict", "self"})
"""Jinja's global helpers and ``self``: removed from the environment and refused by the lint."""

LOOP_FIELDS = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0",
     "previtem", "nextitem", "cycle", "changed"}
)

ProblemKind = Literal["unsafe", "undeclared", "unknown-field"]


@dataclass(frozen=True)
class TemplateProblem:
    """One problem found in a layout's Jinja code.

    Attributes:
        kind: ``"unsafe"``, ``"undeclared"`` (a variable the context lacks) or
            ``"unknown-field"`` (a field a mapping in the context lacks).
        message: a plain sentence naming the construct (never a context value).
        lineno: the line in the template source (for docxtpl sources: the paragraph index + 1).
    """

    kind: ProblemKind
    message: str
    lineno: int


class _Loop:
    def __repr__(self) -> str:
        return "LOOP"


class _Macro:
    def __repr__(self) -> str:
        return "MACRO"


_LOOP = _Loop()
_MACRO = _Macro()
_CALLER = _Macro()


def check_template(ast: nodes.Template, shape: Shape | None) -> list[TemplateProblem]:
    """Check a parsed template.

    Args:
        ast: the syntax tree from ``Environment.parse``.
        shape: the declared context shape (a dict at the top); None checks only for unsafe
            constructs.

    Returns:
        The problems found, in source order (empty when the template is fine).
    """
    walker = _Walker(shape)
    walker.visit_body(ast.body, [{}])
    return sorted(walker.problems, key=lambda p: p.lineno)


class _Walker:
    def __init__(self, shape: Shape | None) -> None:
        self.shape = shape
        self.problems: list[TemplateProblem] = []
        self._seen: set[tuple[str, str]] = set()
        self.loop_depth = 0

    def report(self, kind: ProblemKind, message: str, node: nodes.Node) -> None:
        key = (kind, message)
        if key in self._seen:
            return
        self._seen.add(key)
        self.problems.append(TemplateProblem(kind, message, getattr(node, "lineno", 0) or 0))

    # Statements -------------------------------------------------------------------------
    def visit_body(self, body: list[nodes.Node], scopes: list[dict[str, Any]]) -> None:
        for node in body:
            self.visit_stmt(node, scopes)

    def visit_stmt(self, node: nodes.Node, scopes: list[dict[str, Any]]) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                self.expr(child, scopes)
        elif isinstance(node, nodes.For):
            item = self.expr(node.iter, scopes)
            if node.recursive:
                self.report("unsafe", "uses a recursive loop ({% for ... recursive %}), which layouts may not use: "
                            "a loop that calls itself can run without end", node)
            if self.loop_depth >= MAX_LOOP_NESTING:
                self.report("unsafe", f"nests more than {MAX_LOOP_NESTING} loops ({{% for %}} inside "
                            f"{{% for %}}); each level multiplies the work, so layouts may nest {MAX_LOOP_NESTING} "
                            "at most", node)
            inner: dict[str, Any] = {"loop": _LOOP}
            element = item[0] if isinstance(item, list) else ANY
            self.bind(node.target, element, inner)
            if node.test is not None:
                self.expr(node.test, scopes + [inner])
            self.loop_depth += 1
            try:
                self.visit_body(node.body, scopes + [inner])
            finally:
                self.loop_depth -= 1
            self.visit_body(node.else_, scopes)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scopes)
            self.visit_body(node.body, scopes)
            for branch in node.elif_:
                self.visit_stmt(branch, scopes)
            self.visit_body(node.else_, scopes)
        elif isinstance(node, nodes.Assign):
            value = self.expr(node.node, scopes)
            self.bind(node.target, value, scopes[-1])
        elif isinstance(node, nodes.AssignBlock):
            if node.filter is not None:
                self.filter_node(node.filter, scopes)
            self.visit_body(node.body, scopes)
            self.bind(node.target, str, scopes[-1])
        elif isinstance(node, nodes.Macro):
            self.report("unsafe", "defines a macro ({% macro %}), which layouts may not do: a macro can call "
                        "itself without end; write the text out, or use a loop", node)
            self.check_name(node.name, node)
            scopes[-1][node.name] = _MACRO
            inner = {"varargs": [ANY], "kwargs": ANY, "caller": _CALLER}
            for arg in node.args:
                self.bind(arg, ANY, inner)
            for default in node.defaults:
                self.expr(default, scopes)
            self.visit_body(node.body, scopes + [inner])
        elif isinstance(node, nodes.CallBlock):
            self.report("unsafe", "uses a {% call %} block, which layouts may not use (it calls a macro)", node)
            self.expr(node.call, scopes)
            inner = {}
            for arg in node.args:
                self.bind(arg, ANY, inner)
            self.visit_body(node.body, scopes + [inner])
        elif isinstance(node, nodes.FilterBlock):
            self.filter_node(node.filter, scopes)
            self.visit_body(node.body, scopes)
        elif isinstance(node, nodes.With):
            inner = {}
            for target, value in zip(node.targets, node.values):
                self.bind(target, self.expr(value, scopes), inner)
            self.visit_body(node.body, scopes + [inner])
        elif isinstance(node, (nodes.Block, nodes.Scope)):
            self.visit_body(node.body, scopes + [{}])
        elif isinstance(node, (nodes.Import, nodes.FromImport)):
            self.report("unsafe", "imports another template ({% import %}), which layouts may not do", node)
        elif isinstance(node, nodes.Include):
            self.report("unsafe", "includes another template ({% include %}), which layouts may not do", node)
        elif isinstance(node, nodes.Extends):
            self.report("unsafe", "extends another template ({% extends %}), which layouts may not do", node)
        elif isinstance(node, (nodes.EvalContextModifier, nodes.ScopedEvalContextModifier)):
            self.report(
                "unsafe",
                "changes escaping ({% autoescape %}); layouts must keep escaping on, or text "
                "such as '<' or '&' in a name would break the document",
                node,
            )
        elif isinstance(node, (nodes.Break, nodes.Continue)):
            return
        else:
            self.report("unsafe", f"uses a construct layouts may not use ({type(node).__name__})", node)

    def bind(self, target: nodes.Node, value: Any, scope: dict[str, Any]) -> None:
        if isinstance(target, nodes.Name):
            self.check_name(target.name, target)
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, ANY, scope)
        elif isinstance(target, nodes.NSRef):
            self.report("unsafe", "assigns to a namespace, which layouts may not use", target)
        else:
            self.report("unsafe", f"assigns to something layouts may not assign to ({type(target).__name__})", target)

    def check_name(self, name: str, node: nodes.Node) -> None:
        if name.startswith("_"):
            self.report("unsafe", f"uses the name '{name}' (names starting with '_' are not allowed)", node)

    # Expressions ------------------------------------------------------------------------
    def expr(self, node: nodes.Node, scopes: list[dict[str, Any]]) -> Any:
        if isinstance(node, (nodes.TemplateData,)):
            return str
        if isinstance(node, nodes.Const):
            if isinstance(node.value, str) and ("__" in node.value):
                self.report("unsafe", "holds the text '__' inside a tag, which layouts may not use", node)
            if isinstance(node.value, (int, float)) and not isinstance(node.value, bool) \
                    and abs(node.value) > MAX_CONSTANT:
                self.report("unsafe", f"writes a number larger than {MAX_CONSTANT:,} in a tag", node)
            return type(node.value) if node.value is not None else ANY
        if isinstance(node, nodes.Name):
            return self.lookup(node, scopes)
        if isinstance(node, nodes.Getattr):
            return self.field(node, self.expr(node.node, scopes), node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scopes)
            arg = node.arg
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                return self.field(node, base, arg.value)
            self.expr(arg, scopes)
            if isinstance(arg, nodes.Slice):
                return base
            return base[0] if isinstance(base, list) else ANY
        if isinstance(node, nodes.Filter):
            return self.filter_node(node, scopes)
        if isinstance(node, nodes.Test):
            if node.node is not None:
                self.expr(node.node, scopes)
            self.args(node, scopes)
            return bool
        if isinstance(node, nodes.Call):
            return self.call(node, scopes)
        if isinstance(node, (nodes.List, nodes.Tuple)):
            for item in node.items:
                self.expr(item, scopes)
            return [ANY]
        if isinstance(node, nodes.Dict):
            for pair in node.items:
                self.expr(pair.key, scopes)
                self.expr(pair.value, scopes)
            return ANY
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test, scopes)
            self.expr(node.expr1, scopes)
            if node.expr2 is not None:
                self.expr(node.expr2, scopes)
            return ANY
        if isinstance(node, nodes.Compare):
            self.expr(node.expr, scopes)
            for operand in node.ops:
                self.expr(operand.expr, scopes)
            return bool
        if isinstance(node, nodes.Pow):
            self.report("unsafe", "raises a number to a power (**), which layouts may not do", node)
        if isinstance(node, nodes.BinExpr):
            self.expr(node.left, scopes)
            self.expr(node.right, scopes)
            return ANY
        if isinstance(node, nodes.UnaryExpr):
            self.expr(node.node, scopes)
            return ANY
        if isinstance(node, nodes.Concat):
            for item in node.nodes:
                self.expr(item, scopes)
            return str
        if isinstance(node, nodes.Slice):
            for part in (node.start, node.stop, node.step):
                if part is not None:
                    self.expr(part, scopes)
            return ANY
        if isinstance(node, (nodes.MarkSafe, nodes.MarkSafeIfAutoescape)):
            self.report("unsafe", "marks text as safe markup, which layouts may not do", node)
            return ANY
        self.report("unsafe", f"uses an expression layouts may not use ({type(node).__name__})", node)
        return ANY

    def lookup(self, node: nodes.Name, scopes: list[dict[str, Any]]) -> Any:
        name = node.name
        if name.startswith("_"):
            self.check_name(name, node)
            return ANY
        for scope in reversed(scopes):
            if name in scope:
                return scope[name]
        if isinstance(self.shape, dict) and name in self.shape:
            return self.shape[name]
        if name in UNSAFE_NAMES:
            self.report(
                "unsafe",
                f"uses '{name}', a template helper layouts may not use (it can reach program internals)",
                node,
            )
            return ANY
        if self.shape is None:
            return ANY
        if self.shape is ANY:
            return ANY
        self.report("undeclared", f"uses '{name}', which this document does not provide", node)
        return ANY

    def field(self, node: nodes.Node, base: Any, attr: str) -> Any:
        if attr.startswith("_"):
            self.report("unsafe", f"reads the attribute '{attr}' (names starting with '_' are not allowed)", node)
            return ANY
        if base is _LOOP:
            if attr not in LOOP_FIELDS:
                self.report("unknown-field", f"uses 'loop.{attr}', which Jinja loops do not have", node)
            return ANY
        if base is ANY or self.shape is None:
            return ANY
        if isinstance(base, dict):
            if attr in base:
                return base[attr]
            self.report(
                "unknown-field", f"uses '{_describe(node)}', but '{attr}' is not a field this document provides", node
            )
            return ANY
        if base in (_MACRO, _CALLER):
            self.report("unsafe", f"reads '{attr}' from a macro, which layouts may not do", node)
            return ANY
        self.report("unknown-field", f"uses '{_describe(node)}', but that value has no field '{attr}'", node)
        return ANY

    def filter_node(self, node: nodes.Filter, scopes: list[dict[str, Any]]) -> Any:
        base = self.expr(node.node, scopes) if node.node is not None else ANY
        if node.name not in ALLOWED_FILTERS:
            self.report("unsafe", f"uses the filter '{node.name}', which layouts may not use", node)
        self.args(node, scopes)
        for arg in list(node.args) + [kw.value for kw in node.kwargs]:
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str) and arg.value.startswith("_"):
                self.report("unsafe", f"passes '{arg.value}' to a filter (names starting with '_' are not allowed)", node)
        if node.name == "map" and node.args and isinstance(node.args[0], nodes.Const) \
                and node.args[0].value not in ALLOWED_FILTERS:
            self.report("unsafe", f"maps the filter '{node.args[0].value}', which layouts may not use", node)
        if node.name in ("e", "escape", "default", "d", "trim", "upper", "lower", "title",
                         "capitalize", "replace", "truncate", "wordwrap", "indent", "string"):
            return str if base is not ANY else ANY
        if node.name in ("sort", "reverse", "unique", "list", "select", "reject", "selectattr", "rejectattr"):
            return base if isinstance(base, list) else ANY
        if node.name in ("first", "last", "min", "max"):
            return base[0] if isinstance(base, list) else ANY
        if node.name in ("length", "count", "wordcount", "int"):
            return int
        return ANY

    def args(self, node: nodes.Node, scopes: list[dict[str, Any]]) -> None:
        for arg in node.args:
            self.expr(arg, scopes)
        for keyword in node.kwargs:
            self.expr(keyword.value, scopes)
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            self.report("unsafe", "passes *args or **kwargs, which layouts may not do", node)

    def call(self, node: nodes.Call, scopes: list[dict[str, Any]]) -> Any:
        target = node.node
        allowed = False
        if isinstance(target, nodes.Name):
            resolved = self.lookup(target, scopes)
            if resolved in (_MACRO, _CALLER, _LOOP):  # macros and recursive loops are refused where defined
                return self._called_anyway(node, scopes)
        elif isinstance(target, nodes.Getattr) and isinstance(target.node, nodes.Name) \
                and target.attr in ("cycle", "changed"):
            allowed = self.lookup(target.node, scopes) is _LOOP
        else:
            self.expr(target, scopes)
        if not allowed:
            self.report(
                "unsafe",
                f"calls '{_describe(target)}(...)'; layouts may call only loop.cycle and loop.changed",
                node,
            )
        self.args(node, scopes)
        return ANY

    def _called_anyway(self, node: nodes.Call, scopes: list[dict[str, Any]]) -> Any:
        """A call of a macro, ``caller()`` or ``loop(...)``: refused where the macro, call block or
        recursive loop is defined; ``loop(...)`` in a loop that is not recursive is refused here."""
        if isinstance(node.node, nodes.Name) and node.node.name == "loop":
            self.report("unsafe", "calls 'loop(...)', which only a recursive loop has; layouts may not use "
                        "recursive loops", node)
        self.args(node, scopes)
        return ANY


def _describe(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_describe(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        if isinstance(node.arg, nodes.Const):
            return f"{_describe(node.node)}[{node.arg.value!r}]"
        return f"{_describe(node.node)}[...]"
    if isinstance(node, nodes.Call):
        return f"{_describe(node.node)}(...)"
    if isinstance(node, nodes.Const):
        return repr(node.value)[:40]
    return "an expression"
