"""Export profiles: work names, roles and stable aliases, no names at all."""

from __future__ import annotations

from uuid import UUID

import pytest

from formation.documents import alias_label, assign_aliases, display_names
from formation.errors import DocumentError
from formation.models import RECORD_KINDS, AliasMap, Member

KESTREL = Member(id=UUID(int=3), work_name="Kestrel")
MOANA = Member(id=UUID(int=1), work_name="Moana")
WREN = Member(id=UUID(int=2), work_name="Wren")
MEMBERS = [KESTREL, MOANA, WREN]


def test_alias_labels_run_like_spreadsheet_columns():
    assert [alias_label(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "Member A", "Member B", "Member Z", "Member AA", "Member AB", "Member ZZ", "Member AAA"
    ]


def test_new_aliases_follow_member_ids_not_names_or_list_order():
    aliases = assign_aliases(None, [m.id for m in MEMBERS]).aliases
    assert aliases == {MOANA.id: "Member A", WREN.id: "Member B", KESTREL.id: "Member C"}


def test_existing_aliases_never_change_and_are_never_reused():
    first = assign_aliases(None, [KESTREL.id, MOANA.id])
    # Kestrel leaves; a new member joins: the newcomer gets a fresh letter, not Kestrel's.
    newcomer = UUID(int=0)
    second = assign_aliases(first, [MOANA.id, newcomer])
    assert second.id == first.id
    assert second.aliases[MOANA.id] == first.aliases[MOANA.id] == "Member A"
    assert second.aliases[KESTREL.id] == "Member B"
    assert second.aliases[newcomer] == "Member C"


def test_alias_map_is_a_registered_record_kind_that_refuses_duplicate_aliases():
    assert RECORD_KINDS["alias_map"] is AliasMap
    with pytest.raises(ValueError, match="same alias"):
        AliasMap(aliases={MOANA.id: "Member A", WREN.id: "Member A"})


def test_internal_profile_uses_work_names():
    assert display_names(MEMBERS, "internal") == {
        KESTREL.id: "Kestrel", MOANA.id: "Moana", WREN.id: "Wren"
    }


def test_shareable_profile_uses_roles_then_aliases():
    alias_map = assign_aliases(None, [m.id for m in MEMBERS])
    names = display_names(MEMBERS, "shareable", roles={WREN.id: "Chair"}, alias_map=alias_map)
    assert names == {KESTREL.id: "Member C", MOANA.id: "Member A", WREN.id: "Chair"}
    assert not {"Kestrel", "Moana", "Wren"} & set(names.values())


def test_shareable_profile_refuses_a_member_without_alias_without_naming_them():
    alias_map = assign_aliases(None, [MOANA.id])
    with pytest.raises(DocumentError) as caught:
        display_names(MEMBERS, "shareable", alias_map=alias_map)
    assert "member 1 of 3 has no alias" in str(caught.value)
    assert "Kestrel" not in str(caught.value)
    with pytest.raises(DocumentError, match="needs the workspace's alias map"):
        display_names(MEMBERS, "shareable")


def test_aggregate_profile_prints_no_names():
    with pytest.raises(DocumentError, match="counts and tallies only"):
        display_names(MEMBERS, "aggregate")
    with pytest.raises(DocumentError, match="must be one of internal, shareable, aggregate"):
        display_names(MEMBERS, "public")  # type: ignore[arg-type]
