"""The partners screen (partnership agreements and their audit), the skills and handover screen,
and the sex worker-led networks of the legal context, on the partner-supported sample."""

from __future__ import annotations

import datetime as _dt
import zipfile
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Select, SelectionList, Static

from formation.models import Member, Partner, PartnershipAgreement
from formation.models.capacity import HandoverItem, Training
from formation.store import Workspace
from partner_helpers import TODAY, names_in, screen_text, shown, tumaini_app  # type: ignore[import-not-found]
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp


@pytest.fixture
def documents_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A documents folder of the test's own (the default is the person's Documents folder)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder))
    return folder


async def _opened(pilot, step_id: str) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: pilot.app.session is not None, "the sample opened")
    await go_to(pilot, step_id)


def _stored(path: Path, cls):  # type: ignore[no-untyped-def]
    with Workspace.open(path, None, allow_plaintext=True) as ws:
        return ws.all(cls)


# ---------------------------------------------------------------------------- partners
async def test_signed_agreement_passes_the_audit_and_the_partners_first_draft_is_flagged_at_clause_4_1(
        tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "partners")
        summary = shown(app.screen.query_one("#partners-summary", Static))
        assert "Mwanga Health Trust: agreement v2 signed; passes the power audit." in summary
        await pilot.press("2")
        versions = app.screen.query_one("#agreement-versions", OptionList)
        assert versions.highlighted == 0
        details = shown(app.screen.query_one("#agreement-details"))
        assert "Agreement v2 with Mwanga Health Trust · signed 2026-05-16" in details
        assert "Passes the power audit" in details
        assert "bylaws v2 are: community-led" in details
        await pilot.press("down")  # v1, as the partner proposed it
        details = shown(app.screen.query_one("#agreement-details"))
        assert "Agreement v1 with Mwanga Health Trust · superseded" in details
        assert "The power audit flags 1 power in this version." in details
        assert "Clause 4.1: the partner approves the budget" in details
        # the consequence for who holds power, beside the power, naming the agreement's clause
        assert "must approve the collective's annual budget" in details
        assert "so the members do not have the last word" in details
        assert "Partnership agreement v1 with Mwanga Health Trust, clause 4.1" in details
        assert "bylaws v2 are: community-based" in details


async def test_revising_the_agreement_so_the_host_approves_the_budget_is_flagged_naming_the_clause(
        tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    path = app.workspace_path
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "partners")
        await pilot.press("d")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "AgreementDialog", "the agreement form")
        dialog = app.screen
        assert dialog.query_one("#purpose", Input).value.startswith("To support the collective's peer programme")
        dialog.query_one("#powers", SelectionList).select("approve_budget")
        await pilot.pause()
        over = dialog.query_one("#power-approve_budget", Input)
        assert over.display
        over.focus()
        await pilot.press(*"the annual budget")
        consequence = shown(dialog.query_one("#power-approve_budget-consequence", Static))
        assert "The fiscal host must approve the annual budget" in consequence
        assert "the members do not have the last word" in consequence
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PartnersScreen", "the agreement kept")
        details = shown(app.screen.query_one("#agreement-details"))
        assert "Agreement v3 with Mwanga Health Trust · draft" in details
        assert "Clause 4.1: the partner approves the budget (the annual budget)" in details
        assert "Partnership agreement v3 with Mwanga Health Trust, clause 4.1" in details
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "saved")
    stored = {a.version: a for a in _stored(path, PartnershipAgreement)}
    assert stored[3].status == "draft" and stored[2].status == "signed"
    assert [(r.power, r.over) for r in stored[3].decision_rights] == [("approve_budget", "the annual budget")]
    assert [n.name for n in stored[3].network_links] == [n.name for n in stored[2].network_links]


async def test_agreement_form_refuses_an_empty_purpose_beside_the_field_and_keeps_nothing(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    path = app.workspace_path
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "partners")
        await pilot.press("d")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "AgreementDialog", "the agreement form")
        app.screen.query_one("#purpose", Input).value = "   "
        app.screen.query_one("#handover-ends", Input).value = "2026-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "AgreementDialog"
        assert shown(app.screen.query_one("#purpose-error", Static)) == "must not be empty"
        assert shown(app.screen.query_one("#handover-ends-error", Static))
        await pilot.press("escape")
    assert sorted(a.version for a in _stored(path, PartnershipAgreement)) == [1, 2]


async def test_signing_the_new_draft_supersedes_the_signed_version(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    path = app.workspace_path
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "partners")
        await pilot.press("d")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "AgreementDialog", "the agreement form")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PartnersScreen", "v3 drafted")
        await pilot.press("g")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog", "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PartnersScreen", "signed")
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "saved")
        assert "agreement v3 signed; passes the power audit" in shown(app.screen.query_one("#partners-summary"))
    stored = {a.version: a for a in _stored(path, PartnershipAgreement)}
    assert (stored[3].status, stored[3].signed_on) == ("signed", TODAY)
    assert stored[2].status == "superseded"


async def test_agreement_docx_is_saved_says_where_and_asks_before_replacing(tmp_path: Path,
                                                                            documents_folder: Path) -> None:
    app = tumaini_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "partners")
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SaveToFolderDialog", "the folder question")
        assert app.screen.query_one("#folder", Input).value == str(documents_folder)
        await pilot.press("enter")
        result = app.screen.query_one("#partners-result", Static)
        await wait_for(pilot, lambda: "Saved:" in shown(result), "the agreement saved", tries=1500)
        written = documents_folder / "partnership-agreement-v2.docx"
        assert str(written) in shown(result)
        assert written.stat().st_mode & 0o777 == 0o600
        with zipfile.ZipFile(written) as docx:
            body = docx.read("word/document.xml").decode()
        assert "Mwanga Health Trust" in body and "Kenya Sex Workers Alliance" in body
        # members who did not agree to be named are not in it
        assert not names_in(body, ["Baraka", "Neema"])
        before = written.read_bytes()

        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SaveToFolderDialog", "the folder question")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog", "the replace question")
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PartnersScreen", "back")
        assert written.read_bytes() == before


async def test_a_partner_is_added_and_a_first_agreement_names_the_networks_of_the_legal_context(
        tmp_path: Path) -> None:
    path = sample_path(tmp_path)  # Harbour Lights, New Zealand: formed independently, no partner
    app = FormationApp(path, demo=True)
    app.clock = lambda: TODAY
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "partners")
        assert "A group forming on its own needs none" in shown(app.screen.query_one("#partners-summary"))
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PartnerDialog", "the partner form")
        await pilot.press(*"Harbour Health Trust")
        await pilot.press("ctrl+s")  # no kind chosen yet: refused beside the field
        await pilot.pause()
        assert shown(app.screen.query_one("#partner-kinds-error", Static))
        kinds = app.screen.query_one("#partner-kinds", SelectionList)
        kinds.focus()
        await pilot.press("down", "space")  # Host
        app.screen.query_one("#partner-provides", SelectionList).select("space")
        app.screen.query_one("#contact-role", Input).value = "Community programme lead"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PartnersScreen", "the partner kept")
        table = app.screen.query_one("#partners-table", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == ["Harbour Health Trust", "none yet", "Host"]
        assert "Provides: Space" in shown(app.screen.query_one("#partner-details"))

        await pilot.press("d")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "AgreementDialog", "the agreement form")
        dialog = app.screen
        await pilot.press(*"To lend the collective a meeting room for its first year.")
        dialog.query_one("#support-kinds", SelectionList).select("space")
        await pilot.pause()
        dialog.query_one("#support-space", Input).value = "the meeting room on Tuesdays"
        dialog.query_one("#handover-ends", Input).value = "2027-11-30"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PartnersScreen", "the agreement kept")
        details = shown(app.screen.query_one("#agreement-details"))
        assert "Passes the power audit" in details
        assert "NZPC: Aotearoa New Zealand Sex Workers' Collective (national, New Zealand)" in details
        assert "Asia Pacific Network of Sex Workers (APNSW) (regional" in details
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "saved")
    (partner,) = _stored(path, Partner)
    assert (partner.name, partner.kinds, partner.provides) == ("Harbour Health Trust", ["host"], ["space"])
    (agreement,) = _stored(path, PartnershipAgreement)
    assert agreement.partner_id == partner.id and agreement.version == 1 and agreement.status == "draft"
    assert agreement.decision_rights == [] and agreement.data_access.requires_consent
    assert [(s.support, s.description) for s in agreement.support] == [("space", "the meeting room on Tuesdays")]
    assert [n.scope for n in agreement.network_links] == ["national", "regional"]
    assert agreement.exit_plan.handover_ends_on == _dt.date(2027, 11, 30)


# ---------------------------------------------------------------------------- networks
async def test_legal_context_shows_the_national_and_regional_sex_worker_led_networks(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "legal_context")
        networks = shown(app.screen.query_one("#context-networks"))
        national = networks.index("National")
        regional = networks.index("Regional")
        assert national < networks.index("Kenya Sex Workers Alliance (KESWA)") < regional
        assert regional < networks.index("African Sex Workers Alliance (ASWA)")
        assert "checked 20" in networks
        await pilot.press("n")
        await pilot.pause(0.3)
        assert "Kenya Sex Workers Alliance" in screen_text(app)


# ---------------------------------------------------------------------------- skills and handover
async def test_overdue_handover_item_is_in_red_and_completing_it_records_who_took_the_role_over(
        tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    path = app.workspace_path
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "capacity")
        assert "1 OVERDUE" in shown(app.screen.query_one("#capacity-summary"))
        table = app.screen.query_one("#handover-table", DataTable)
        due, role, member, status = table.get_row_at(0)
        assert (str(due), str(role), str(member), str(status)) == ("2026-09-30", "Bank signatory", "Neema", "OVERDUE")
        assert "red" in str(status.style) and "red" in str(role.style)
        assert "OVERDUE by 62 days" in shown(app.screen.query_one("#handover-details"))
        assert "OVERDUE" in screen_text(app)

        await pilot.press("c")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TakenOverDialog", "the taken-over form")
        members = {m.work_name: m.id for m in app.session.all(Member)}
        # a supporter cannot take a role over: refused under the field, nothing kept
        app.screen.query_one("#taken-by", Select).value = str(members["Kamau"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "is a supporter" in shown(app.screen.query_one("#taken-by-error", Static))
        app.screen.query_one("#taken-by", Select).value = str(members["Imani"])  # not the planned Neema
        app.screen.query_one("#taken-note", Input).value = "added to the bank mandate"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CapacityScreen", "recorded")
        details = shown(app.screen.query_one("#handover-details"))
        assert "Taken over by Imani on 2026-12-01: added to the bank mandate" in details
        assert "OVERDUE" not in shown(app.screen.query_one("#capacity-summary"))
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "saved")
    items = {i.role: i for i in _stored(path, HandoverItem)}
    done = items["bank_signatory"]
    assert done.status == "done"
    assert (done.completion.taken_over_by, done.completion.completed_on) == (members["Imani"], TODAY)
    assert items["bookkeeping"].status == "planned"


async def test_a_training_is_recorded_with_who_took_part(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    path = app.workspace_path
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "capacity")
        await pilot.press("t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "LearningDialog", "the training form")
        await pilot.press(*"Speaking to the press")
        members = {m.work_name: m.id for m in app.session.all(Member)}
        app.screen.query_one("#skills", SelectionList).select("communication")
        people = app.screen.query_one("#people", SelectionList)
        people.select(str(members["Zawadi"]))
        people.select(str(members["Pendo"]))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CapacityScreen", "recorded")
        await pilot.press("2")
        skills = app.screen.query_one("#skills-table", DataTable)
        assert [str(c) for c in skills.get_row_at(3)] == ["Communication", "2", "0"]
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "saved")
    (training,) = [t for t in _stored(path, Training) if t.topic == "Speaking to the press"]
    assert training.held_on == TODAY and training.skills == ["communication"]
    assert set(training.participant_ids) == {members["Zawadi"], members["Pendo"]}


# ---------------------------------------------------------------------------- snapshots (80x24)
def _at(step_id: str, *keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _opened(pilot, step_id)
        for key in keys:
            await pilot.press(key)
        app = pilot.app
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "every change saved")
        await pilot.pause(0.2)

    return run_before


class TestSnapshots:
    """Reviewed baselines in ``__snapshots__/test_partners_screens/``; refresh with
    ``--snapshot-update`` after an intended change, and review the report."""

    @pytest.fixture(autouse=True)
    def _no_animation(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")

    def test_partners_list(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(tumaini_app(tmp_path), terminal_size=(80, 24), run_before=_at("partners"))

    def test_agreement_the_partner_proposed_with_its_budget_approval_flagged(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(tumaini_app(tmp_path), terminal_size=(80, 24), run_before=_at("partners", "2", "down"))

    def test_handover_plan_with_an_overdue_role(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(tumaini_app(tmp_path), terminal_size=(80, 24), run_before=_at("capacity"))

    def test_skills(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(tumaini_app(tmp_path), terminal_size=(80, 24), run_before=_at("capacity", "2", "down"))

    def test_networks_of_the_legal_context(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(tumaini_app(tmp_path), terminal_size=(80, 24), run_before=_at("legal_context", "n"))


async def test_a_role_is_planned_refused_without_its_date_then_started(tmp_path: Path) -> None:
    app = tumaini_app(tmp_path)
    path = app.workspace_path
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot, "capacity")
        await pilot.press("h")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HandoverDialog", "the handover form")
        dialog = app.screen
        members = {m.work_name: m.id for m in app.session.all(Member)}
        dialog.query_one("#role", Select).value = "report_writing"
        dialog.query_one("#held-by-label", Input).value = "the partner's programme manager"
        dialog.query_one("#successor", Select).value = str(members["Subira"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HandoverDialog"
        assert shown(dialog.query_one("#due-error", Static))
        dialog.query_one("#due", Input).value = "2027-03-31"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CapacityScreen", "the role planned")
        table = app.screen.query_one("#handover-table", DataTable)
        row = next(i for i in range(table.row_count) if str(table.get_row_at(i)[1]) == "Report writing")
        assert [str(c) for c in table.get_row_at(row)] == ["2027-03-31", "Report writing", "Subira", "planned"]
        assert table.cursor_row == row
        await pilot.press("s")
        await pilot.pause()
        assert str(table.get_row_at(table.cursor_row)[3]) == "in progress"
        await wait_for(pilot, lambda: app.save_state == "saved" and not app.session.unsaved, "saved")
    item = next(i for i in _stored(path, HandoverItem) if i.role == "report_writing")
    (partner,) = _stored(path, Partner)
    assert (item.status, item.starts_on, item.successor_id) == ("in_progress", TODAY, members["Subira"])
    assert item.partner_id == partner.id and item.skills == ["monitoring_and_reporting"]
