"""Partners and partnership agreements: records, versions, the powers the audit reads, the document."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from formation.capacity import plan_handover_item
from formation.contexts import load_context
from formation.errors import DocumentError, InputError, ValidationFailed
from formation.models import PartnershipAgreement
from formation.partners import (
    agreement_document,
    agreement_power_grants,
    agreement_text,
    current_agreement,
    describe_grant,
    export_agreement,
    network_links_from_context,
    new_partner,
    render_agreement,
    revise_agreement,
    sign_agreement,
    update_partner,
)
from formation.partnership_document import LAYOUT, load_wording
from tests.partner_support import agreement, by_name, members, organization, partner


def _clauses(document: dict) -> dict[str, str]:
    return {c["number"]: c["text"] for s in document["sections"] for c in s["clauses"]}


def _docx_text(data: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


# ----------------------------------------------------------------------------- records
def test_a_second_current_partner_with_the_same_name_is_refused():
    first = partner()
    with pytest.raises(InputError) as caught:
        new_partner("mwanga health trust", ["funder"], existing=[first])
    assert caught.value.field == "name"


def test_a_partner_that_ended_does_not_block_its_name():
    old = update_partner(partner(), since="2020-01-01", ended_on="2021-01-01")
    assert new_partner("Mwanga Health Trust", ["funder"], existing=[old]).name == "Mwanga Health Trust"


def test_partner_kinds_may_not_repeat_and_name_the_field():
    with pytest.raises(ValidationFailed) as caught:
        new_partner("Example Trust", ["host", "host"])
    assert "kinds lists the same value twice" in str(caught.value)


def test_a_partner_needs_at_least_one_kind():
    with pytest.raises(ValidationFailed) as caught:
        new_partner("Example Trust", [])
    assert "kinds" in str(caught.value)


def test_an_amount_of_support_needs_its_currency():
    with pytest.raises(ValidationFailed) as caught:
        agreement(partner(), support=[{"support": "money", "description": "a grant", "amount": "1000"}])
    assert "support.0" in str(caught.value)


def test_appointing_seats_needs_the_number_of_seats():
    with pytest.raises(ValidationFailed):
        agreement(partner(), decision_rights=[{"power": "appoint_seats", "over": "seats on the board"}])


def test_a_handover_plan_cannot_end_before_it_starts():
    with pytest.raises(ValidationFailed) as caught:
        agreement(partner(), handover_starts_on="2026-06-01", handover_ends_on="2026-05-01")
    assert "exit_plan" in str(caught.value)


def test_a_twelve_month_plan_from_1_june_to_31_may_counts_12_months():
    assert agreement(partner()).exit_plan.months == 12


# ----------------------------------------------------------------------------- fair by default
def test_a_draft_gives_the_partner_no_decision_rights_and_data_only_with_consent():
    a = agreement(partner())
    assert a.decision_rights == []
    assert a.data_access.requires_consent is True
    assert a.status == "draft"


def test_a_fair_agreement_gives_the_audit_no_power_grants():
    assert agreement_power_grants(agreement(partner()), partner()) == []


def test_a_host_that_approves_the_budget_is_a_grant_naming_clause_4_1():
    p = partner(("host", "trainer"))
    a = agreement(p, decision_rights=[{"power": "approve_budget", "over": "the annual budget"}])
    [grant] = agreement_power_grants(a, p)
    assert (grant.holder, grant.power, grant.clause) == ("fiscal_host", "approve_budget", "4.1")
    assert grant.reference == "Partnership agreement v1 with Mwanga Health Trust, clause 4.1"
    assert describe_grant(grant).startswith("Mwanga Health Trust approves the budget: the annual budget")


def test_each_power_gets_its_own_clause_in_section_4_in_order():
    p = partner(("funder",))
    a = agreement(p, decision_rights=[
        {"power": "hire_fire", "over": "the coordinator"},
        {"power": "sign_alone", "over": "payments from the grant"},
        {"power": "appoint_seats", "over": "seats on the board", "seats": 3},
    ])
    grants = agreement_power_grants(a, p)
    assert [(g.power, g.clause, g.holder) for g in grants] == [
        ("hire_fire", "4.1", "funder"), ("sign_alone", "4.2", "funder"), ("appoint_seats", "4.3", "funder")]
    assert grants[2].seats == 3
    clauses = _clauses(agreement_document(a, p, organization()))
    assert clauses["4.1"] == "The partner hires or fires the coordinator or staff: the coordinator."
    assert clauses["4.3"] == "The partner appoints seats on the governing body (3 seats): seats on the board."


def test_data_access_without_consent_is_a_grant_at_clause_5_1():
    p = partner(("trainer",))
    a = agreement(p, data_access={"requires_consent": False})
    [grant] = agreement_power_grants(a, p)
    assert (grant.power, grant.clause, grant.holder) == ("data_without_consent", "5.1", "partner")
    assert _clauses(agreement_document(a, p, organization()))["5.1"].startswith("The partner may see the collective's records")


# ----------------------------------------------------------------------------- the document
def test_the_fair_agreement_states_no_vote_no_veto_no_appointing_and_consent():
    p = partner()
    text = agreement_text(agreement_document(agreement(p), p, organization()))
    assert "The partner has no vote in the collective's general meeting" in text
    assert "The partner has no veto over any decision of the collective." in text
    assert "no power to appoint or remove any member, officer or member of the governing body" in text
    assert "4.1  None. This agreement gives the partner no power over the collective's decisions." in text
    assert "only with the collective's consent" in text


def test_a_granted_power_replaces_the_statement_it_contradicts():
    p = partner()
    fair = _clauses(agreement_document(agreement(p), p, organization()))
    flagged = _clauses(agreement_document(
        agreement(p, decision_rights=[{"power": "approve_budget", "over": "the annual budget"}]), p, organization()))
    budget = "The collective approves its own budget and plans."
    assert any(t.startswith(budget) for t in fair.values())
    assert not any(t.startswith(budget) for t in flagged.values())
    assert "The partner has no veto over any decision of the collective." in flagged.values()


def test_kenya_networks_are_linked_national_first_then_regional():
    links = network_links_from_context(load_context("ke"))
    assert [(n.name, n.scope) for n in links] == [
        ("Kenya Sex Workers Alliance (KESWA)", "national"),
        ("African Sex Workers Alliance (ASWA)", "regional"),
    ]


def test_without_national_or_regional_networks_the_global_ones_are_linked():
    ke = load_context("ke")
    only_global = ke.model_copy(update={"networks": [n for n in ke.networks if n.scope == "global"]})
    assert [n.scope for n in network_links_from_context(only_global)] == ["global"]


def test_the_handover_plan_lists_each_role_with_its_date_and_names_only_consenting_members():
    people = members()
    named = by_name(people)
    p = partner()
    items = [
        plan_handover_item(role="bookkeeping", held_by_label="the partner's part-time bookkeeper", due="2027-05-31",
                           partner=p, successor_id=named["Baraka"].id, members=people),
        plan_handover_item(role="bank_signatory", held_by_label="the partner's finance officer", due="2026-09-30",
                           partner=p, successor_id=named["Neema"].id, members=people),
    ]
    document = agreement_document(agreement(p), p, organization(), handover_items=items, members=people)
    clauses = _clauses(document)
    assert clauses["7.1"].endswith("between 1 June 2026 and 31 May 2027 (12 months), as follows.")
    assert clauses["7.2"] == ("Bank signatory: held today by the partner's finance officer; passes to Neema, a member "
                              "of the collective by 30 September 2026.")
    assert clauses["7.3"] == ("Bookkeeping: held today by the partner's part-time bookkeeper; passes to a member the "
                              "collective has chosen by 31 May 2027.")
    assert "Baraka" not in agreement_text(document)


def test_the_agreement_renders_without_member_names_and_without_metadata():
    from formation.documents.leaks import leak_scan

    people = members()
    p = partner()
    item = plan_handover_item(role="bookkeeping", held_by_label="the partner's bookkeeper", due="2027-05-31",
                              partner=p, successor_id=by_name(people)["Baraka"].id, members=people)
    data = render_agreement(agreement_document(agreement(p), p, organization(), handover_items=[item], members=people))
    text = _docx_text(data)
    assert "4.1\tNone. This agreement gives the partner no power over the collective's decisions." in text
    assert "9. Signatures" in text
    assert leak_scan(data, ["Baraka", "Siri", "Kamau", "Old Timer"]) == []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        core = z.read("docProps/core.xml").decode() if "docProps/core.xml" in z.namelist() else ""
    assert "python-docx" not in core


def test_text_with_markup_characters_renders_as_text():
    p = new_partner("Rose & Thorn <Trust>", ["funder"])
    a = agreement(p, purpose="To fund <safe> spaces & peer work.")
    text = _docx_text(render_agreement(agreement_document(a, p, organization())))
    assert "Rose & Thorn <Trust>" in text
    assert "To fund <safe> spaces & peer work." in text


def test_export_refuses_a_document_that_would_print_a_non_consenting_member_name(tmp_path: Path):
    people = members()
    p = partner()
    document = agreement_document(agreement(p), p, organization("Baraka Collective"), members=people)
    with pytest.raises(DocumentError) as caught:
        export_agreement(document, tmp_path, members=people)
    assert "Baraka" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_export_writes_a_private_file_under_a_safe_name(tmp_path: Path):
    people = members()
    p = partner()
    document = agreement_document(agreement(p), p, organization(), members=people)
    path = export_agreement(document, tmp_path, members=people)
    assert path.name == "partnership-agreement-v1.docx"
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_document_belongs_to_the_agreements_own_partner():
    with pytest.raises(InputError):
        agreement_document(agreement(partner()), partner(), organization())


# ----------------------------------------------------------------------------- versions
def test_revising_makes_the_next_version_a_draft_without_the_old_powers():
    p = partner()
    v1 = agreement(p, decision_rights=[{"power": "approve_budget", "over": "the annual budget"}])
    v2 = revise_agreement(v1, made_on="2026-05-01", decision_rights=[])
    assert (v2.version, v2.status, v2.decision_rights, v2.signed_on) == (2, "draft", [], None)
    assert v2.id != v1.id and v2.partner_id == v1.partner_id


def test_signing_supersedes_the_earlier_signed_version_and_becomes_current():
    p = partner()
    [v1] = sign_agreement(agreement(p), [], on="2026-05-01")
    v2 = revise_agreement(v1, made_on="2026-06-01")
    stored = sign_agreement(v2, [v1, v2], on="2026-06-02")
    assert [(a.version, a.status) for a in stored] == [(2, "signed"), (1, "superseded")]
    assert current_agreement(stored, p.id).version == 2


def test_a_signed_agreement_cannot_be_signed_again():
    [signed] = sign_agreement(agreement(partner()), [], on="2026-05-01")
    with pytest.raises(InputError):
        sign_agreement(signed, [], on="2026-05-02")


def test_the_current_agreement_is_the_signed_one_before_a_newer_draft():
    p = partner()
    [v1] = sign_agreement(agreement(p), [], on="2026-05-01")
    v2 = revise_agreement(v1, made_on="2026-06-01")
    assert current_agreement([v1, v2], p.id).version == 1
    assert current_agreement([v2], p.id).version == 2
    assert current_agreement([], p.id) is None


# ----------------------------------------------------------------------------- layout and wording
def test_the_wording_file_has_its_source_and_checked_on_date():
    wording = load_wording()
    assert wording.source.startswith("WHO/UNFPA/UNAIDS/NSWP/World Bank")
    assert wording.checked_on.isoformat() == "2026-11-30"
    assert len(wording.decisions.statements) == 6


def test_the_bundled_layout_passes_the_lint_with_no_warnings():
    from formation.documents.lint import check_layout
    from formation.documents.render import load_layout
    from formation.documents.shape import shape_of

    p = partner()
    data, source = load_layout(LAYOUT)
    shape = shape_of(agreement_document(agreement(p), p, organization()))
    assert check_layout(data, shape=shape, source=source, strict=True) == []


def test_the_shipped_layout_is_what_the_build_script_makes():
    from templates.partnership.build_layout import OUTPUT, build_layout

    def body(data: bytes) -> bytes:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.read("word/document.xml")

    assert body(build_layout()) == body(OUTPUT.read_bytes())


def test_agreement_records_round_trip_through_json():
    a = agreement(partner(), decision_rights=[{"power": "veto", "over": "grant budgets"}])
    assert PartnershipAgreement.model_validate_json(a.model_dump_json()) == a


# ----------------------------------------------------------------------------- the Tumaini sample
@pytest.fixture(scope="module")
def tumaini(tmp_path_factory):
    """Scenario 2: the Tumaini Peer Network sample, and its records read back."""
    from formation.models import GoverningBody, HandoverItem, Member, Partner
    from formation.models.bylaws import BylawsDraft
    from formation.sample_partner import build_partner_sample_workspace
    from formation.store import Workspace
    from tests.partner_support import fast_kdf

    path = build_partner_sample_workspace(tmp_path_factory.mktemp("tumaini") / "t.fmws", passphrase="pw",
                                          kdf=fast_kdf())
    with Workspace.open(path, "pw") as ws:
        return {
            "path": path,
            "organization": ws.organization,
            "members": ws.all(Member),
            "partner": ws.all(Partner)[0],
            "agreements": ws.all(PartnershipAgreement),
            "items": ws.all(HandoverItem),
            "draft": ws.all(BylawsDraft)[0],
            "body": ws.all(GoverningBody)[0],
        }


def _audit(t, agreements):
    from formation.partners import audit_with_agreements

    return audit_with_agreements(t["draft"], members=t["members"], partners=[t["partner"]], agreements=agreements,
                                 governing_body=t["body"])


def test_the_tumaini_sample_has_a_signed_v2_with_a_12_month_plan_passing_two_roles_to_two_members(tumaini):
    current = current_agreement(tumaini["agreements"], tumaini["partner"].id)
    assert (current.version, current.status, current.decision_rights) == (2, "signed", [])
    assert current.exit_plan.months == 12
    named = {m.id: m.work_name for m in tumaini["members"]}
    assert sorted((i.role, named[i.successor_id]) for i in tumaini["items"]) == [
        ("bank_signatory", "Neema"), ("bookkeeping", "Baraka")]
    assert tumaini["draft"].adopted.number == 2


def test_the_tumaini_agreement_renders_and_passes_the_audit(tumaini):
    from formation.documents.leaks import leak_scan

    current = current_agreement(tumaini["agreements"], tumaini["partner"].id)
    document = agreement_document(current, tumaini["partner"], tumaini["organization"],
                                  handover_items=tumaini["items"], members=tumaini["members"])
    data = render_agreement(document)
    text = _docx_text(data)
    assert "Kenya Sex Workers Alliance (KESWA) (national, Kenya)" in text
    assert "between 1 June 2026 and 31 May 2027 (12 months)" in text
    assert "Staff time: a part-time bookkeeper, two days a week, until bookkeeping passes to a member." in text
    assert leak_scan(data, [m.work_name for m in tumaini["members"]]) == []
    result = _audit(tumaini, tumaini["agreements"])
    assert result.verdict.label == "community-led"
    assert [f for f in result.findings if f.where == "agreement"] == []


def test_the_same_agreement_with_a_host_that_approves_the_budget_is_flagged_naming_the_clause(tumaini):
    from formation.models import DecisionRight

    current = current_agreement(tumaini["agreements"], tumaini["partner"].id)
    flagged = current.model_copy(update={"decision_rights": [DecisionRight(power="approve_budget", over="the annual budget")]})
    result = _audit(tumaini, [flagged])
    assert result.verdict.label == "community-based"
    [finding] = [f for f in result.findings if f.where == "agreement"]
    assert (finding.code, finding.severity) == ("fiscal_host_approve_budget", "critical")
    assert finding.reference == "Partnership agreement v2 with Mwanga Health Trust, clause 4.1"
    assert finding.fix.startswith("Change Partnership agreement v2 with Mwanga Health Trust, clause 4.1")
    assert _clauses(agreement_document(flagged, tumaini["partner"], tumaini["organization"]))["4.1"] == (
        "The partner approves the budget: the annual budget.")


def test_the_partners_own_v1_with_budget_approval_was_flagged_before_the_group_revised_it(tumaini):
    v1 = next(a for a in tumaini["agreements"] if a.version == 1)
    assert v1.status == "superseded"
    [grant] = agreement_power_grants(v1, tumaini["partner"])
    assert (grant.power, grant.clause) == ("approve_budget", "4.1")


# ----------------------------------------------------------------------------- the command line
def test_cli_partners_add_draft_sign_and_write_the_agreement(tmp_path: Path, capsys, monkeypatch):
    import json

    from tests.partner_support import run_cli, write_workspace

    path = write_workspace(tmp_path / "g.fmws", "pw", [organization(), *members()])
    monkeypatch.setenv("FORMATION_PASSPHRASE", "pw")
    ws = ["--workspace", str(path)]
    code, out, err = run_cli(["partners", "add", *ws, "--name", "Mwanga Health Trust", "--kind", "host",
                              "--provides", "space", "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["kinds"] == ["host"]
    code, out, err = run_cli(["partners", "draft", *ws, "Mwanga Health Trust", "--made-on", "2026-04-25",
                              "--starts-on", "2026-06-01", "--purpose", "To host the collective.",
                              "--support", "space:the meeting room", "--handover-from", "2026-06-01",
                              "--handover-to", "2027-05-31", "--grant", "approve_budget:the annual budget"], capsys)
    assert code == 0, err
    assert "the audit will flag them" in out
    code, out, _ = run_cli(["partners", "agreement", *ws, "--text"], capsys)
    assert "4.1  The partner approves the budget: the annual budget." in out
    assert "Kenya Sex Workers Alliance (KESWA)" in out
    assert run_cli(["partners", "sign", *ws, "Mwanga Health Trust", "--on", "2026-05-16"], capsys)[0] == 0
    code, out, err = run_cli(["partners", "agreement", *ws, "--out", str(tmp_path / "Agreement v1.docx")], capsys)
    assert code == 0, err
    assert (tmp_path / "agreement-v1.docx").is_file()
    code, out, _ = run_cli(["partners", "list", *ws], capsys)
    assert "agreement v1 signed; gives powers: approve_budget" in out


def test_cli_refuses_an_unknown_kind_of_support_naming_the_option(tmp_path: Path, capsys, monkeypatch):
    from tests.partner_support import run_cli, write_workspace

    path = write_workspace(tmp_path / "g.fmws", "pw", [organization(), partner()])
    monkeypatch.setenv("FORMATION_PASSPHRASE", "pw")
    before = path.read_bytes()
    code, _, err = run_cli(["partners", "draft", "--workspace", str(path), "Mwanga Health Trust", "--made-on",
                            "2026-04-25", "--starts-on", "2026-06-01", "--purpose", "x", "--support", "cash:a grant",
                            "--handover-from", "2026-06-01", "--handover-to", "2027-05-31"], capsys)
    assert code == 3 and "--support 1" in err
    assert path.read_bytes() == before


def test_the_tumaini_sample_can_be_written_as_an_unencrypted_demo(tmp_path: Path):
    from formation.errors import NotAWorkspace
    from formation.models import Partner
    from formation.sample_partner import build_partner_sample_workspace
    from formation.store import Workspace

    path = build_partner_sample_workspace(tmp_path / "demo.fmws")
    with pytest.raises(NotAWorkspace):
        Workspace.open(path, "anything")
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        assert ws.plaintext and [p.name for p in ws.all(Partner)] == ["Mwanga Health Trust"]
