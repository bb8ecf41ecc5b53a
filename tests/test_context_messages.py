"""Schema errors of a legal context name the real field, and a union's errors read as one sentence."""

from __future__ import annotations

import pytest

from formation.context_messages import field_parts
from formation.errors import InputError
from formation.models.legal import LegalContext
from formation.tomlsafe import parse_toml


def test_field_parts_drop_the_branch_name_of_a_union():
    loc = ("forms", 0, "min_members", "count", "literal['unknown']")
    assert field_parts(LegalContext, loc) == ["forms", "0", "min_members", "count"]
    loc = ("forms", 0, "fees", 1, "amount", "decimal")
    assert field_parts(LegalContext, loc) == ["forms", "0", "fees", "1", "amount"]


def test_field_parts_keep_fields_named_like_a_branch():
    loc = ("forms", 0, "obligations", 2, "due", "limits", 0, "date")
    assert field_parts(LegalContext, loc) == ["forms", "0", "obligations", "2", "due", "limits", "0", "date"]


def test_field_parts_keep_an_unknown_field_and_what_is_below_it():
    assert field_parts(LegalContext, ("forms", 0, "integer_rule", "x")) == ["forms", "0", "integer_rule", "x"]


def test_parse_toml_names_the_field_of_a_number_too_long_to_read():
    with pytest.raises(InputError) as exc:
        parse_toml('a = 1\n[t]\nlist = [1, ' + "5" * 5000 + "]\n", source="c.toml")
    assert (exc.value.field, exc.value.line) == ("t.list.1", 3)
    assert "5555" not in str(exc.value)


def test_parse_toml_gives_the_line_where_nesting_gets_too_deep():
    with pytest.raises(InputError) as exc:
        parse_toml('a = "[[[["\n# [[[[\nb = ' + "[" * 3000 + "]" * 3000 + "\n", source="c.toml")
    assert exc.value.line == 3
    assert "nested too deeply" in exc.value.detail
