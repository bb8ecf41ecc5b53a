"""Properties of the JSON export/import round trip and the workspace file, with any Unicode.

``formation export --json`` then ``formation import`` must give back exactly what was stored
(formation.exchange), and so must saving and reopening an encrypted workspace (formation.store):
any script, combining marks, emoji, right-to-left letters and markup characters. Text the models
refuse (control characters, direction overrides, lone surrogates, over-long names) is refused
with an error naming the field, never stored; multi-line text keeps its lines, with ``\r\n`` and
``\r`` stored as ``\n``.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from formation.errors import from_validation_error
from formation.exchange import export_document, import_document
from formation.models import Member, Organization
from formation.store import Workspace

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.sampled_from(
    ["& < > \" ]]>", "Pīwakawaka", "מרים", "مريم", "Ngā Hau 🌊", "e\u0301", "\u200d", "x" * 200, "x" * 201, " "]
)


def _refused_because(text: str, *, one_line: bool, max_length: int) -> str | None:
    """Why the models refuse this text, or None when they must accept it."""
    cleaned = unicodedata.normalize("NFC", text.strip() if one_line else text)
    if len(text) > max_length:
        return "String should have at most"
    if any(unicodedata.category(c) == "Cs" for c in text):
        return "contains a damaged character that is not valid text (a lone surrogate); retype it"
    if set(text) & BIDI_CONTROLS:
        return "contains an invisible direction-override character; retype it"
    controls = [c for c in cleaned if unicodedata.category(c) == "Cc" and (one_line or c not in "\t\n\r")]
    if one_line and not cleaned:
        return "must not be empty"
    if controls:
        return "contains a control character (such as a tab or line break)"
    return None


def _member(work_name: str, notes: str) -> Member:
    return Member(work_name=work_name, notes=notes, community_member="yes")


@given(work_name=texts, notes=texts)
def test_member_text_is_stored_normalised_or_refused_naming_the_field(work_name, notes):
    name_reason = _refused_because(work_name, one_line=True, max_length=200)
    notes_reason = _refused_because(notes, one_line=False, max_length=20_000)
    try:
        member = _member(work_name, notes)
    except ValidationError as exc:
        failed = from_validation_error(exc, source="form")
        fields = {field for field, _ in failed.problems}
        assert fields == {f for f, r in (("work_name", name_reason), ("notes", notes_reason)) if r}
        for field, message in failed.problems:
            assert message.startswith((name_reason if field == "work_name" else notes_reason)[:20])
        return
    assert name_reason is None and notes_reason is None
    assert member.work_name == unicodedata.normalize("NFC", work_name.strip())
    assert member.notes == unicodedata.normalize("NFC", _newlines(notes))


def _newlines(text: str) -> str:
    """Multi-line text as stored: Windows and old Mac line endings become ``\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@given(names=st.lists(texts, min_size=1, max_size=5), objects=st.lists(texts, max_size=3), org_name=texts)
def test_export_then_import_gives_back_every_record_exactly(names, objects, org_name):
    members = []
    for i, name in enumerate(names):
        try:
            members.append(_member(name, name))
        except ValidationError:
            members.append(_member(f"member {i}", ""))
    try:
        organization = Organization(name=org_name, objects=objects)
    except ValidationError:
        organization = Organization(name="Harbour Lights", objects=[])
    records = {"member": members, "organization": [organization]}
    raw = json.dumps(export_document(records), ensure_ascii=False).encode("utf-8")
    back = import_document(raw, source="export.json")
    assert back == {"member": members, "organization": [organization]}
    again = json.dumps(export_document(back), ensure_ascii=False).encode("utf-8")
    assert again == raw


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(texts, min_size=1, max_size=4))
def test_saving_and_reopening_an_encrypted_workspace_keeps_every_character(names, tmp_path_factory, fast_kdf):
    members = []
    for i, name in enumerate(names):
        try:
            members.append(_member(name, name))
        except ValidationError:
            members.append(_member(f"member {i}", "& < > \" ]]>"))
    path = tmp_path_factory.mktemp("ws") / "workspace"
    with Workspace.create(path, "a long passphrase", kdf=fast_kdf, organization=Organization(name="Tumaini")) as ws:
        ws.put_many(members)
    with Workspace.open(path, "a long passphrase") as ws:
        assert sorted(ws.all(Member), key=lambda m: str(m.id)) == sorted(members, key=lambda m: str(m.id))


@pytest.mark.parametrize("text", ["\u202eevil", "Tui\u0007", "a\u0000b", "\ud800"])
def test_an_import_holding_refused_text_names_the_record_and_field(text):
    document = {"format": "formation-export", "schema_version": 1,
                "records": {"member": [{"kind": "member", "work_name": text}]}}
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    with pytest.raises(Exception) as caught:
        import_document(raw, source="export.json")
    assert str(caught.value).startswith("export.json: records.member.0.work_name: ")
