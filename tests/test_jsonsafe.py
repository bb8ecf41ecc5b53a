"""Outside JSON is read by one function that turns every parser failure into a plain refusal."""

from __future__ import annotations

import pytest

from formation.errors import InputError
from formation.jsonsafe import NESTED_TOO_DEEPLY, NUMBER_TOO_LONG, parse_json


def test_parse_json_reads_utf8_with_a_byte_order_mark():
    assert parse_json('\ufeff{"a": [1, "Tāne"]}'.encode("utf-8"), source="x.json") == {"a": [1, "Tāne"]}


def test_parse_json_names_the_file_and_line_of_bad_json():
    with pytest.raises(InputError) as exc:
        parse_json(b'{\n"a": 1,\n}', source="rules.json")
    assert str(exc.value) == "rules.json, line 3: is not valid JSON"


@pytest.mark.parametrize("nested", ["[" * 100_000, '{"a":' * 50_000])
def test_parse_json_refuses_nesting_deeper_than_the_parser_can_follow(nested):
    with pytest.raises(InputError) as exc:
        parse_json(nested, source="deep.json")
    assert exc.value.detail == NESTED_TOO_DEEPLY and exc.value.source == "deep.json"


def test_parse_json_refuses_an_integer_longer_than_python_converts():
    with pytest.raises(InputError) as exc:
        parse_json('{"n": ' + "7" * 5000 + "}", source="big.json")
    assert exc.value.detail == NUMBER_TOO_LONG
    assert "7777" not in str(exc.value)


def test_parse_json_refuses_bytes_that_are_not_utf8():
    with pytest.raises(InputError, match="is not valid JSON"):
        parse_json(b'{"a": "\xff"}', source="x.json")
