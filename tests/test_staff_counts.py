"""Staff counts are stored with the organization and read by the power audit's staff criteria
(Red Umbrella Fund: at least 33% of staff; Scarlet Alliance and UNAIDS: a majority)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from formation.cli import main
from formation.models import Organization, StaffCount
from formation.overview import read_snapshot, workspace_verdict
from formation.power import StaffCount as AuditStaffCount
from formation.sample import build_sample_workspace
from formation.store import Workspace


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def harbour(tmp_path) -> list[str]:
    """The Harbour Lights sample (plaintext): ``-w PATH --allow-plaintext``."""
    path = build_sample_workspace(tmp_path / "harbour.fws")
    return ["-w", str(path), "--allow-plaintext"]


def _staff_rows(capsys, w: list[str], *extra: str) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    code, out, err = run(capsys, "bylaws", "audit", *w, *extra, "--json")
    assert code == 0, err
    result = json.loads(out)
    return {s["id"]: (c["status"], c["measured"]) for s in result["criteria"] for c in s["criteria"] if c["id"] == "staff"}


# ------------------------------------------------------------------------------ the record


def test_staff_counts_are_an_optional_part_of_the_organization():
    assert AuditStaffCount is StaffCount  # the audit's type is the stored one
    org = Organization(name="Harbour Lights Collective", staff=StaffCount(total=3, community=1))
    assert org.staff == StaffCount(total=3, community=1)
    stored_before = {"name": "Harbour Lights Collective", "objects": [], "kind": "organization"}
    assert Organization.model_validate(stored_before).staff is None  # records written before the field still load


@pytest.mark.parametrize("staff", [{"total": 2, "community": 3}, {"total": -1, "community": 0},
                                   {"total": 3, "community": -1}, {"total": "3", "community": 1},
                                   {"total": 100_001, "community": 0}])
def test_impossible_staff_counts_are_refused(staff):
    with pytest.raises(ValidationError):
        Organization(name="Harbour Lights Collective", staff=staff)


# ------------------------------------------------------------------------------ the command line


def test_organization_set_staff_is_read_by_the_audit(harbour, capsys):
    assert _staff_rows(capsys, harbour) == {"red_umbrella_fund": ("unknown", "staff not recorded"),
                                            "scarlet_alliance": ("unknown", "staff not recorded"),
                                            "unaids_community_led": ("unknown", "staff not recorded")}
    code, out, _ = run(capsys, "organization", "set", *harbour, "--staff", "3:1", "--json")
    assert code == 0 and json.loads(out)["staff"] == {"total": 3, "community": 1}
    rows = _staff_rows(capsys, harbour)
    assert {k: v[0] for k, v in rows.items()} == {"red_umbrella_fund": "pass", "scarlet_alliance": "fail",
                                                  "unaids_community_led": "fail"}  # 1 of 3 is 33%
    flag = _staff_rows(capsys, harbour, "--staff", "3:2")  # a flag still wins for one audit
    assert {k: v[0] for k, v in flag.items()} == {"red_umbrella_fund": "pass", "scarlet_alliance": "pass",
                                                  "unaids_community_led": "pass"}
    assert _staff_rows(capsys, harbour)["scarlet_alliance"][0] == "fail"  # and is not saved


def test_no_staff_and_clearing_the_counts(harbour, capsys):
    assert run(capsys, "organization", "set", *harbour, "--no-staff")[0] == 0
    assert {v[0] for v in _staff_rows(capsys, harbour).values()} == {"not_applicable"}
    code, out, _ = run(capsys, "organization", "show", *harbour)
    assert code == 0 and "Staff: no paid staff" in out
    assert run(capsys, "organization", "set", *harbour, "--clear-staff")[0] == 0
    assert {v[0] for v in _staff_rows(capsys, harbour).values()} == {"unknown"}
    code, out, _ = run(capsys, "organization", "show", *harbour, "--json")
    assert json.loads(out)["staff"] is None and json.loads(out)["legal_form"] == "incorporated_society"


@pytest.mark.parametrize("value", ["2:3", "3", "3:-1", "a:b", "1234567:1", "200000:1", "3:2:1", "²:1"])
def test_a_bad_staff_count_names_the_option_and_changes_nothing(harbour, capsys, value):
    code, _, err = run(capsys, "organization", "set", *harbour, "--staff", value)
    assert code == 3 and "--staff" in err and "TOTAL:COMMUNITY" in err
    code, _, err = run(capsys, "bylaws", "audit", *harbour, "--staff", value)
    assert code == 3 and "--staff" in err
    code, out, _ = run(capsys, "organization", "show", *harbour, "--json")
    assert json.loads(out)["staff"] is None


def test_organization_set_needs_one_choice(harbour, capsys):
    with pytest.raises(SystemExit) as usage:
        main(["organization", "set", *harbour])
    assert usage.value.code == 2
    with pytest.raises(SystemExit):
        main(["organization", "set", *harbour, "--staff", "3:1", "--no-staff"])
    capsys.readouterr()


# ------------------------------------------------------------------------------ the overview


def test_the_overview_audit_reads_the_stored_staff_counts(tmp_path: Path, monkeypatch):
    import formation.partners

    seen: list[object] = []
    real = formation.partners.audit_with_agreements

    def recording(*args, **kwargs):  # noqa: ANN002, ANN003
        seen.append(kwargs.get("staff"))
        return real(*args, **kwargs)

    monkeypatch.setattr(formation.partners, "audit_with_agreements", recording)
    path = build_sample_workspace(tmp_path / "harbour.fws")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        before = workspace_verdict(ws)
        ws.put(ws.organization.model_copy(update={"staff": StaffCount(total=4, community=1)}))
        after = read_snapshot(ws)
    assert seen == [None, StaffCount(total=4, community=1)]
    assert before == ("community-led", 0) and (after.audit_verdict, after.audit_findings) == ("community-led", 0)
