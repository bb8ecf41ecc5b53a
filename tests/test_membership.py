"""Two current members never share a work name: the rule lives in formation.membership and the
command line's add and edit use it (the wizard's member form is to call the same function)."""

from __future__ import annotations

import datetime as dt

import pytest

from formation.cli import main
from formation.crypto import KdfParams
from formation.errors import InputError
from formation.membership import check_new_work_name, same_work_name
from formation.models import Member, Organization
from formation.store import Workspace

KESTREL = Member(work_name="Kestrel", community_member="yes")
FERN = Member(work_name="Fern", community_member="yes")
GONE = Member(work_name="Moana", joined_on=dt.date(2024, 1, 1), left_on=dt.date(2025, 1, 1))


def test_a_work_name_a_current_member_uses_is_refused_naming_the_field():
    with pytest.raises(InputError) as caught:
        check_new_work_name([KESTREL, FERN], "Kestrel")
    assert caught.value.field == "work_name"
    assert str(caught.value) == "work_name: another current member already uses this work name"


def test_names_that_differ_only_in_case_or_spaces_count_as_the_same():
    assert same_work_name("Kestrel", " kestrel ")
    assert same_work_name("Pi\u0304wakawaka", "P\u012bwakawaka")  # composed and decomposed macron
    with pytest.raises(InputError):
        check_new_work_name([KESTREL], "KESTREL")


def test_a_member_keeps_their_own_name_when_edited():
    check_new_work_name([KESTREL, FERN], "Kestrel", ignore_id=KESTREL.id)
    with pytest.raises(InputError):
        check_new_work_name([KESTREL, FERN], "Fern", ignore_id=KESTREL.id)


def test_a_former_members_name_is_free_and_a_former_members_record_is_not_checked():
    check_new_work_name([KESTREL, GONE], "Moana")
    check_new_work_name([KESTREL], "Kestrel", current=False)


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    path = tmp_path / "ws.formation"
    with Workspace.create(path, "correct horse", kdf=KdfParams(8192, 1, 1), organization=Organization(name="Harbour Lights")) as ws:
        ws.put_many([KESTREL, FERN])
    monkeypatch.setenv("FORMATION_PASSPHRASE", "correct horse")
    return path


def test_cli_edit_refuses_renaming_a_member_to_another_current_members_name(workspace, capsys):
    assert main(["members", "edit", "Fern", "--work-name", "kestrel", "-w", str(workspace)]) == 3
    assert "formation: --work-name: another current member already uses this work name" in capsys.readouterr().err
    with Workspace.open(workspace, "correct horse") as ws:
        assert sorted(m.work_name for m in ws.all(Member)) == ["Fern", "Kestrel"]
    assert main(["members", "edit", "Fern", "--work-name", "Fern T", "-w", str(workspace)]) == 0


def test_cli_add_refuses_a_current_members_name_in_another_case(workspace, capsys):
    assert main(["members", "add", "--work-name", "FERN", "-w", str(workspace)]) == 3
    assert "another current member already uses this work name" in capsys.readouterr().err
