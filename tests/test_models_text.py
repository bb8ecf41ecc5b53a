"""Free text keeps its line breaks whatever system wrote them; other control characters are refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from formation.exchange import import_document
from formation.models.meetings import AgendaItem


def test_windows_and_old_mac_line_endings_in_text_are_stored_as_newlines():
    item = AgendaItem(title="Fees", notes="First line\r\nsecond line\rthird line\n\tindented")
    assert item.notes == "First line\nsecond line\nthird line\n\tindented"


def test_a_note_imported_from_windows_keeps_its_lines():
    raw = ('{"format": "formation-export", "schema_version": 1, "records": {"member": '
           '[{"kind": "member", "work_name": "Fern", "notes": "Met at the drop-in.\\r\\nPrefers text messages."}]}}')
    [member] = import_document(raw.encode("utf-8"), source="windows.json")["member"]
    assert member.notes == "Met at the drop-in.\nPrefers text messages."


@pytest.mark.parametrize("text", ["bell\x07", "escape\x1b[31m", "null\x00", "form feed\x0c"])
def test_other_control_characters_in_text_are_still_refused(text):
    with pytest.raises(ValidationError, match="contains a control character"):
        AgendaItem(title="Fees", notes=text)


def test_a_one_line_name_still_refuses_any_line_break():
    for title in ("Fees\r\nand dues", "Fees\rand dues", "Fees\nand dues"):
        with pytest.raises(ValidationError, match="contains a control character"):
            AgendaItem(title=title)
