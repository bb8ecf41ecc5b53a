"""The JSON export format: the whole workspace as one document, and reading it back.

Shape::

    {"format": "formation-export", "schema_version": 1,
     "records": {"organization": [...], "member": [...], "governing_body": [...], ...}}

Every record is the model's JSON form (dates ISO, ids UUID strings); a round trip through
``export_document`` and ``import_document`` is lossless. ``json_schema()`` is the JSON Schema the
export validates against (``formation schema`` prints it).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationError, create_model

from formation.errors import InputError, NewerSchema, ValidationFailed, from_validation_error
from formation.jsonsafe import parse_json
from formation.models import RECORD_KINDS, FormationModel, Record

EXPORT_FORMAT = "formation-export"
EXPORT_SCHEMA_VERSION = 1
MAX_IMPORT_BYTES = 256 * 1024 * 1024


def _export_model() -> type[FormationModel]:
    fields: dict[str, Any] = {
        kind: (list[cls], Field(default_factory=list, max_length=1_000_000))  # type: ignore[valid-type]
        for kind, cls in sorted(RECORD_KINDS.items())
    }
    records = create_model("Records", __base__=FormationModel, **fields)
    return create_model(
        "FormationExport",
        __base__=FormationModel,
        format=(Literal["formation-export"], ...),
        schema_version=(Literal[1], ...),
        records=(records, ...),
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an export document, as a dict."""
    schema = _export_model().model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "formation workspace export"
    return schema


def export_document(records: dict[str, list[Record]]) -> dict[str, Any]:
    """Build the export document from a workspace's records.

    Args:
        records: records by kind, as ``Workspace.records()`` returns them.

    Returns:
        A JSON-ready dict (see the module docstring).
    """
    return {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "records": {kind: [r.model_dump(mode="json") for r in items] for kind, items in sorted(records.items())},
    }


def import_document(raw: bytes | str, *, source: str) -> dict[str, list[Record]]:
    """Parse and validate an export document.

    Args:
        raw: the file's content (UTF-8 JSON).
        source: the file name, for messages.

    Returns:
        The records by kind (kinds with none are left out).

    Raises:
        InputError: not JSON, not an export, too large, duplicate ids, or more than one
            organization (names file and field).
        NewerSchema: written by a newer formation.
        ValidationFailed: a record fails its schema (names ``records.KIND.N.FIELD``).
    """
    if len(raw) > MAX_IMPORT_BYTES:
        raise InputError("the file is larger than 256 MiB; not an export of this program", source=source)
    data = parse_json(raw, source=source)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise InputError("is not a formation export (missing \"format\": \"formation-export\")", source=source,
                         field="format")
    version = data.get("schema_version")
    if isinstance(version, bool):
        raise InputError(f"must be the whole number {EXPORT_SCHEMA_VERSION}, not true or false", source=source,
                         field="schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > EXPORT_SCHEMA_VERSION:
        raise NewerSchema(f"{source}: written by a newer version of formation (export schema {version}); update formation")
    records = data.get("records")
    if isinstance(records, dict):
        unknown = sorted(set(records) - set(RECORD_KINDS))
        if unknown:
            raise NewerSchema(
                f"{source}: holds records of kind '{unknown[0]}', which this version of formation does not know"
            )
    try:
        parsed = _export_model().model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc, source=source) from None
    out: dict[str, list[Record]] = {}
    seen: set[str] = set()
    for kind in RECORD_KINDS:
        items = getattr(parsed.records, kind)
        for index, record in enumerate(items):
            key = str(record.id)
            if key in seen:
                raise InputError("this id is used by two records", source=source, field=f"records.{kind}.{index}.id")
            seen.add(key)
        if items:
            out[kind] = list(items)
    if len(out.get("organization", [])) > 1:
        raise InputError("a workspace holds one organization; this file has more", source=source,
                         field="records.organization")
    _check_bylaws(out.get("bylaws_draft", []), source)
    return out


def _check_bylaws(drafts: list[Any], source: str) -> None:
    """Refuse bylaws whose choices the clause library does not allow (an unknown clause or
    option, a share over 100%, a count of 0 seats, days written as text...), naming
    ``records.bylaws_draft.N.versions.M.clauses.CLAUSE.options|parameters.NAME``: the same checks
    ``formation bylaws set`` makes, so an import cannot store what a person could not type."""
    if not drafts:
        return
    from formation.bylaws_text import resolve_version
    from formation.clauses import load_library

    library = load_library()
    problems: list[tuple[str, str]] = []
    for d, draft in enumerate(drafts):
        for v, version in enumerate(draft.versions):
            try:
                resolve_version(version, library)
            except ValidationFailed as exc:
                base = f"records.bylaws_draft.{d}.versions.{v}.clauses"
                for field, message in exc.problems:
                    clause_id, _, name = field.partition(".")
                    selection = version.clauses.get(clause_id)
                    part = "options" if selection is not None and name in selection.options else "parameters"
                    problems.append((f"{base}.{clause_id}.{part}.{name}" if name else f"{base}.{clause_id}", message))
    if problems:
        raise ValidationFailed(problems, source=source)
