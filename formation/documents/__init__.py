"""Documents: .docx rendering, layout checks, metadata scrub, share-safe profiles and exports.

Every document leaves the workspace through the same steps (DESIGN.md, "Documents"):
``render_docx`` (plain-data context, bounded archive checks, the layout lint for user layouts,
docxtpl in a sandboxed, escaping, strict Jinja environment, metadata scrub), then, for shareable
and aggregate profiles, ``leak_scan``, then ``export_document`` (safe slug, inside the chosen
folder, atomic, 0600). ``docx_to_pdf`` makes a PDF copy when LibreOffice is installed.

docxtpl is imported only inside the functions that render or lint, so importing this package
stays light for commands that do neither.
"""

from formation.documents.archive import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    check_archive,
    read_docx_file,
    read_parts,
)
from formation.documents.bookmarks import clause_bookmark_name
from formation.documents.bylaws import (
    BYLAWS_LAYOUT,
    BYLAWS_SHAPE,
    check_bylaws_context,
    render_bylaws_docx,
)
from formation.documents.export import export_document, safe_slug
from formation.documents.leaks import leak_scan, leak_scan_text
from formation.documents.lint import LayoutProblem, check_layout, lint_layout
from formation.documents.pdf import docx_to_pdf, export_pdf, find_soffice
from formation.documents.profiles import (
    PROFILES,
    Profile,
    alias_label,
    assign_aliases,
    display_names,
)
from formation.documents.render import LayoutRef, load_layout, render_docx
from formation.documents.scrub import FIXED_TIMESTAMP, NEUTRAL_AUTHOR, scrub_metadata
from formation.documents.shape import ANY, Shape, check_plain, conform, shape_of

__all__ = [
    "ANY",
    "ArchiveLimits",
    "BYLAWS_LAYOUT",
    "BYLAWS_SHAPE",
    "DEFAULT_LIMITS",
    "FIXED_TIMESTAMP",
    "LayoutProblem",
    "LayoutRef",
    "NEUTRAL_AUTHOR",
    "PROFILES",
    "Profile",
    "Shape",
    "alias_label",
    "assign_aliases",
    "check_archive",
    "check_bylaws_context",
    "check_layout",
    "check_plain",
    "clause_bookmark_name",
    "conform",
    "display_names",
    "docx_to_pdf",
    "export_document",
    "export_pdf",
    "find_soffice",
    "leak_scan",
    "leak_scan_text",
    "lint_layout",
    "load_layout",
    "read_docx_file",
    "read_parts",
    "render_bylaws_docx",
    "render_docx",
    "safe_slug",
    "scrub_metadata",
    "shape_of",
]
