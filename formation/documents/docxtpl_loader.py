"""Import docxtpl lazily, and undo the change its import makes to python-docx.

Importing docxtpl imports docxcompose (for sub-documents), whose ``utils`` module rebinds
python-docx's global ``cp`` namespace prefix from core properties
(``.../package/2006/metadata/core-properties``) to custom properties
(``.../officeDocument/2006/custom-properties``). From then on, in the whole process, python-docx
reads every core property as missing (``core_properties.revision`` is 0, ``author`` is "" even
when set) and writes new ones in the wrong namespace. formation's own scrub rewrites core.xml as
bytes and is not affected, but review import, tests and anything else using python-docx are.
``load_docxtpl`` puts the prefix back after the import; docxcompose's own queries use their own
namespace table and keep working.
"""

from __future__ import annotations

from typing import Any

CORE_PROPERTIES_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def load_docxtpl() -> Any:
    """Import docxtpl and return its ``DocxTemplate`` class, with python-docx's ``cp`` prefix intact."""
    from docx.oxml import ns
    from docxtpl import DocxTemplate

    if ns.nsmap.get("cp") != CORE_PROPERTIES_NS:
        ns.nsmap["cp"] = CORE_PROPERTIES_NS
    return DocxTemplate
