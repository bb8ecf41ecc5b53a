"""Render a .docx layout with a context of plain data: sandboxed, escaped, strict, scrubbed.

The pipeline (DESIGN.md, "Documents"; research/security.md sections 4-5):

1. the context is checked to hold plain data only (``shape.check_plain``);
2. the layout is read with a size cap and its zip checked from the central directory
   (``archive``) before anything parses it;
3. a layout given as a file path (a user's own) is linted against the context's shape
   (``lint.check_layout``) and refused with the file name and every problem if wrong; bundled
   layouts are linted by the test suite instead;
4. docxtpl renders it in ``LayoutEnvironment`` (sandbox, autoescape, StrictUndefined), and the
   rendered body is parsed strictly before docxtpl's forgiving parser sees it, so broken XML is
   an error rather than silently lost text (docxtpl issue 634);
5. the result is scrubbed of metadata (``scrub.scrub_metadata``).

docxtpl is imported inside the functions that render, so commands that do not render stay light.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from formation.documents.archive import check_archive, read_docx_file
from formation.documents.lint import check_layout
from formation.documents.scrub import scrub_metadata
from formation.documents.shape import Shape, check_plain, shape_of
from formation.errors import DocumentError
from formation.resources import templates_dir

LayoutRef = Path | str
"""A layout: a ``Path`` to a .docx file (linted before use), or the name of a layout bundled in
the ``templates`` package, such as ``"bylaws/layout.docx"`` or ``"minutes/minutes.docx"``."""

_RESOURCE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.docx$")


def load_layout(layout: LayoutRef) -> tuple[bytes, str]:
    """Read a layout's bytes, with a size cap and the archive checks.

    Args:
        layout: a ``Path`` to a .docx file, or a bundled layout name (``"bylaws/layout.docx"``).

    Returns:
        ``(bytes, source)`` where ``source`` names the layout in messages.

    Raises:
        DocumentError: the file or bundled layout is missing, too big, or not a valid .docx.
    """
    if isinstance(layout, Path):
        source = str(layout)
        data = read_docx_file(layout)
    elif isinstance(layout, str):
        if not _RESOURCE_NAME.match(layout) or ".." in layout.split("/"):
            raise DocumentError(
                f"layout {layout!r}: is not a bundled layout name (such as 'bylaws/layout.docx'); "
                "pass a pathlib.Path for a file"
            )
        source = f"bundled layout {layout}"
        resource = templates_dir()
        for segment in layout.split("/"):
            resource = resource.joinpath(segment)
        try:
            data = resource.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise DocumentError(f"{source}: is not installed with formation") from None
    else:
        raise DocumentError(f"layout: must be a pathlib.Path or a bundled layout name, not a {type(layout).__name__}")
    check_archive(data, source=source)
    return data, source


def render_docx(
    layout: LayoutRef,
    context: dict[str, Any],
    *,
    keep_comments: bool = False,
    shape: Shape | None = None,
) -> bytes:
    """Render a .docx layout with a context of plain data.

    Args:
        layout: a bundled layout name (``"minutes/minutes.docx"``, resolved in the
            ``templates`` package) or a ``Path`` to a user's .docx layout (linted first).
        context: plain data only: dicts with string keys, lists, str, int, float, bool, None.
        keep_comments: keep comments in the output (a review copy); otherwise comments and
            their anchors are removed with the rest of the metadata.
        shape: the context shape a user layout is linted against (``shape.Shape``); default:
            the shape of ``context`` itself.

    Returns:
        The rendered .docx bytes, scrubbed of metadata (``scrub.scrub_metadata``).

    Raises:
        DocumentError: the context holds something other than plain data; the layout is
            missing, too big, or fails the lint (the message names the file and each problem);
            the layout uses a value the context lacks, or something the sandbox refuses.
            No file is written in any case (this function writes none).
    """
    check_plain(context)
    data, source = load_layout(layout)
    if isinstance(layout, Path):
        check_layout(data, shape=shape if shape is not None else shape_of(context), source=source)
    rendered = render_with_docxtpl(data, context, source=source)
    return scrub_metadata(rendered, keep_comments=keep_comments, source=source)


def render_with_docxtpl(data: bytes, context: dict[str, Any], *, source: str) -> bytes:
    """Fill in a layout with docxtpl in ``LayoutEnvironment``; no lint, no scrub.

    Use ``render_docx``; this step is separate so that tests can show the sandbox holds even
    for a layout that skipped the lint.

    Args:
        data: the layout's .docx bytes (already through ``archive.check_archive``).
        context: plain data (already through ``shape.check_plain``).
        source: the layout's name for messages.

    Returns:
        The rendered .docx bytes, not yet scrubbed.

    Raises:
        DocumentError: the sandbox refused something (also text built past the size budgets of
            ``formation.documents.budget``), a value is missing, a tag cannot be read, the
            layout recursed too deeply, or the filled-in document is not well-formed XML.
            Messages name types and tags, never context values.
    """
    from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError
    from lxml import etree

    from formation.documents.docxtpl_loader import load_docxtpl
    from formation.documents.environment import LayoutEnvironment

    DocxTemplate = load_docxtpl()

    class StrictDocxTemplate(DocxTemplate):
        """docxtpl re-parses the rendered body with ``recover=True``, which silently drops text
        after broken XML (docxtpl issues 634, 594); parse it strictly first."""

        def fix_tables(self, xml: str) -> Any:
            try:
                etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
            except etree.XMLSyntaxError:
                raise DocumentError(
                    f"{source}: filling in the layout gave broken document XML; nothing was written"
                ) from None
            return super().fix_tables(xml)

    template = StrictDocxTemplate(io.BytesIO(data))
    env = LayoutEnvironment()
    try:
        template.render(context, jinja_env=env, autoescape=True)
        out = io.BytesIO()
        template.save(out)
    except DocumentError:
        raise
    except SecurityError as exc:
        raise DocumentError(f"{source}: refused: {exc}") from None
    except UndefinedError as exc:
        raise DocumentError(f"{source}: the layout uses a value this document does not provide ({exc})") from None
    except TemplateSyntaxError as exc:
        near = " ".join(getattr(exc, "docx_context", None) or [])
        near = " ".join(near.split())[:60]
        raise DocumentError(
            f"{source}: a tag in the layout cannot be read ({exc.message})" + (f" near \u201c{near}\u201d" if near else "")
        ) from None
    except TemplateError as exc:
        raise DocumentError(f"{source}: the layout could not be filled in ({type(exc).__name__})") from None
    except RecursionError:
        # The lint and LayoutEnvironment refuse what recurses (macros, recursive loops); this is
        # the last line behind them.
        raise DocumentError(f"{source}: refused: the layout nests or repeats itself too deeply to fill in") from None
    except MemoryError:
        raise DocumentError(f"{source}: refused: filling in the layout needs more memory than a document may take") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, etree.LxmlError) as exc:
        # The message of these may quote a context value: give the kind of error only.
        raise DocumentError(
            f"{source}: the layout could not be filled in ({type(exc).__name__} in a tag's expression)"
        ) from None
    return out.getvalue()
