"""A partner-supported sample: Tumaini Peer Network, a fictional group in a real legal context.

Built from scenario 2 of the founding stories (Nairobi, Kenya): the group grew out of a partner
NGO's drop-in centre programme. The partner (the fictional Mwanga Health Trust) provides the
space, a part-time bookkeeper, and training in financial management and in monitoring and
reporting. Bylaws v1, as the partner proposed, gave it 3 appointed seats on a 7-seat board; the
group's own v2 has 5 seats, all community members, and the partner as a non-voting adviser.
The partnership agreement v1 the partner proposed had it approve the budget; v2, signed at the
founding meeting, gives it no power over decisions and has a 12-month handover plan:
bookkeeping and bank signatory pass to two members.

22 members with work names only (20 community members, 2 partner staff who are supporting
members); no legal names. Every person, organization and number here is invented; the legal
context (``legal_contexts/ke.toml``) is real.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from formation.models import (
    FormationPathway,
    GoverningBody,
    Member,
    Officer,
    Organization,
    Seat,
)

FOUNDING_DATE = _dt.date(2026, 5, 16)
AGREEMENT_V1_DATE = _dt.date(2026, 3, 2)
HANDOVER_STARTS = _dt.date(2026, 6, 1)
HANDOVER_ENDS = _dt.date(2027, 5, 31)
BANK_SIGNATORY_DUE = _dt.date(2026, 9, 30)
BOOKKEEPING_DUE = HANDOVER_ENDS

COMMUNITY_MEMBERS = (
    "Amani", "Baraka", "Neema", "Zawadi", "Imani", "Furaha", "Subira", "Nuru", "Upendo", "Rehema",
    "Pendo", "Faraja", "Malaika", "Shani", "Waridi", "Jasiri", "Bahati", "Msafiri", "Tabasamu", "Kito",
)
PARTNER_STAFF = ("Kamau", "Achieng")
"""The two partner staff who are supporting members (work names; no legal names stored)."""

BOARD = ("Amani", "Baraka", "Neema", "Zawadi", "Imani")
BOOKKEEPING_SUCCESSOR = "Baraka"
BANK_SIGNATORY_SUCCESSOR = "Neema"
PARTNER_NAME = "Mwanga Health Trust"


def partner_sample_organization() -> Organization:
    """Tumaini Peer Network's organization record (Kenya; a public benefit organization later,
    under a neutral name; for now an unregistered collective hosted by its partner)."""
    return Organization(
        name="Tumaini Peer Network",
        objects=[
            "To support the health, safety, rights and dignity of sex workers in Nairobi, run by and for sex workers.",
            "To offer peer support, information and a safe place to meet.",
            "To speak for sex workers on the laws and services that affect them.",
        ],
        legal_context_id="ke",
        legal_form_id="public_benefit_organization",
        formation_pathway=FormationPathway(
            pathway="partner_supported",
            partner_name=PARTNER_NAME,
            partner_role="hosts the drop-in centre, lends a part-time bookkeeper, trains in financial management and reporting",
        ),
        founding_date=FOUNDING_DATE,
        languages=["sw", "en"],
    )


def partner_sample_members() -> list[Member]:
    """The 22 members: 20 community voting members, then the 2 partner staff (supporting)."""
    joined = _dt.date(2026, 2, 7)
    members = [Member(work_name=n, community_member="yes", membership_class="voting", joined_on=joined)
               for n in COMMUNITY_MEMBERS]
    members += [Member(work_name=n, community_member="no", membership_class="supporting", joined_on=joined)
                for n in PARTNER_STAFF]
    return members


def partner_sample_governing_body(members: list[Member]) -> GoverningBody:
    """The board of 5 elected at the founding meeting, all community members."""
    by_name = {m.work_name: m for m in members}
    return GoverningBody(
        name="board",
        seats=[Seat(member_id=by_name[n].id, source="general_meeting", since=FOUNDING_DATE) for n in BOARD],
        officers=[
            Officer(role="chair", member_id=by_name["Amani"].id, since=FOUNDING_DATE),
            Officer(role="treasurer", member_id=by_name["Baraka"].id, since=FOUNDING_DATE),
            Officer(role="secretary", member_id=by_name["Neema"].id, since=FOUNDING_DATE),
            Officer(role="spokesperson", member_id=by_name["Zawadi"].id, since=FOUNDING_DATE),
        ],
    )


def partner_sample_bylaws(organization: Organization):  # noqa: ANN201 - BylawsDraft
    """Bylaws v1 as the partner proposed (7 seats, 4 community, 3 appointed by the partner) and
    v2, the group's own (5 seats, all community, the partner an adviser only); neither adopted
    (the founding meeting adopts v2)."""
    from formation import bylaws

    draft = bylaws.new_draft(on=_dt.date(2026, 3, 2), organization=organization)
    draft = bylaws.set_parameter(draft, "governing_body", "body_name", "board")
    draft = bylaws.set_parameter(draft, "governing_body", "seats", 7)
    draft = bylaws.set_parameter(draft, "governing_body", "community_seats", 4)
    draft = bylaws.set_option(draft, "partners_and_advisors", "partner_role", "partner_appoints_seats")
    draft = bylaws.set_parameter(draft, "partners_and_advisors", "partner_seats", 3)
    draft = bylaws.new_version(draft, on=_dt.date(2026, 4, 11), note="The group's own review: all seats for community members.")
    draft = bylaws.set_parameter(draft, "governing_body", "seats", 5)
    draft = bylaws.set_parameter(draft, "governing_body", "community_seats", 5)
    draft = bylaws.set_option(draft, "partners_and_advisors", "partner_role", "advisory_only")
    return draft


def partner_sample_agreements(partner, context):  # noqa: ANN001, ANN201
    """The agreement v1 the partner proposed (it approves the budget; superseded) and v2, the
    group's, signed at the founding meeting (no powers; 12-month handover plan)."""
    from formation.partners import draft_agreement, network_links_from_context, revise_agreement

    support = [
        {"support": "space", "description": "the drop-in centre's meeting room, two afternoons a week and for general meetings"},
        {"support": "staff_time", "description": "a part-time bookkeeper, two days a week, until bookkeeping passes to a member"},
        {"support": "training", "description": "training in financial management and in monitoring and reporting"},
    ]
    v1 = draft_agreement(
        partner, made_on=AGREEMENT_V1_DATE, starts_on=HANDOVER_STARTS, purpose=(
            "To support the collective's peer programme at the drop-in centre while it builds its own organization."),
        support=support, handover_starts_on=HANDOVER_STARTS, handover_ends_on=HANDOVER_ENDS,
        network_links=network_links_from_context(context),
        decision_rights=[{"power": "approve_budget", "over": "the collective's annual budget, to protect the grant"}],
    )
    v1 = v1.model_copy(update={"status": "superseded"})
    v2 = revise_agreement(
        v1, made_on=_dt.date(2026, 4, 25), decision_rights=[],
        data_access={"requires_consent": True, "consent_by": "governing_body",
                     "shared_with_consent": ["the quarterly financial report", "attendance numbers without names"]},
    )
    v2 = v2.model_copy(update={"status": "signed", "signed_on": FOUNDING_DATE})
    return [v1, v2]


def build_partner_sample_workspace(path: Path, *, passphrase: str | None = None, kdf=None) -> Path:  # noqa: ANN001
    """Create the Tumaini Peer Network sample workspace at ``path``.

    Args:
        path: where to create it (must not exist; a missing folder is created with mode 0700).
        passphrase: a passphrase to encrypt it with, or None for an UNENCRYPTED sample (it holds
            no real data; formation says so wherever it is shown).
        kdf: Argon2id parameters (``formation.crypto.KdfParams``; tests pass cheap ones), or None
            for the default.

    Returns:
        ``path``.

    Raises:
        InputError: a file exists at ``path``.
    """
    from formation import capacity, crypto, meetings
    from formation.contexts import load_context
    from formation.decisions import add_action_item
    from formation.models import Partner, RegistrationProgress
    from formation.models.legal import StepProgress
    from formation.models.motions import BylawsRef
    from formation.models.bylaws import BylawsDraft
    from formation.partners import new_partner
    from formation.store import Workspace

    context = load_context("ke")
    org = partner_sample_organization()
    members = partner_sample_members()
    by_name = {m.work_name: m for m in members}
    partner: Partner = new_partner(PARTNER_NAME, ["host", "trainer"], ["space", "staff_time", "training"],
                                   contact_role="Programme manager", since=_dt.date(2025, 3, 1))
    draft: BylawsDraft = partner_sample_bylaws(org)
    options = {"plaintext": passphrase is None, "kdf": kdf or crypto.DEFAULT_KDF}
    with Workspace.create(path, passphrase, **options) as ws:
        with ws.batch():
            ws.put(org)
            ws.put_many(members)
            ws.put(draft)
            ws.put(partner)
            ws.put_many(partner_sample_agreements(partner, context))
        _founding_meeting(ws, by_name, draft, BylawsRef)
        ws.put(partner_sample_governing_body(members))
        add_action_item(ws, "Open a bank account with the fiscal host", by_name["Baraka"].id,
                        due=FOUNDING_DATE + _dt.timedelta(days=31))
        ws.put(RegistrationProgress(
            legal_context_id="ke", legal_form_id="public_benefit_organization",
            steps=[StepProgress(step_id="constitution", status="done", done_on=FOUNDING_DATE)],
        ))
        items = [
            capacity.plan_handover_item(
                role="bank_signatory", held_by_label="the partner's finance officer", due=BANK_SIGNATORY_DUE,
                partner=partner, successor_id=by_name[BANK_SIGNATORY_SUCCESSOR].id, members=members,
                starts_on=HANDOVER_STARTS),
            capacity.plan_handover_item(
                role="bookkeeping", held_by_label="the partner's part-time bookkeeper", due=BOOKKEEPING_DUE,
                partner=partner, successor_id=by_name[BOOKKEEPING_SUCCESSOR].id, members=members,
                starts_on=HANDOVER_STARTS),
        ]
        training_day = _dt.date(2026, 6, 20)
        gathering = meetings.new_meeting(ws, meeting_kind="gathering", date=training_day,
                                         title="Training: bookkeeping basics", place="the usual place")
        meetings.close_meeting(ws, gathering.id)
        gathering = ws.get(type(gathering), gathering.id)
        trained = [by_name[n].id for n in ("Baraka", "Neema", "Imani", "Furaha")]
        trainings = [
            capacity.record_training(
                held_on=training_day, topic="Bookkeeping basics", skills=["financial_management"],
                participant_ids=trained, members=members, meeting=gathering,
                trainer="Partner finance officer", partner=partner),
            capacity.record_training(
                held_on=_dt.date(2026, 7, 18), topic="Writing the quarterly report",
                skills=["monitoring_and_reporting"], members=members, trainer="Partner programme manager",
                participant_ids=[by_name[n].id for n in ("Neema", "Subira", "Nuru")], partner=partner),
        ]
        practice = [
            capacity.record_practice(
                what="Prepared the quarterly financial report with the partner's finance officer",
                skills=["financial_management", "monitoring_and_reporting"],
                member_ids=[by_name["Baraka"].id, by_name["Neema"].id], members=members,
                alongside="the partner's finance officer", partner=partner, done_on=_dt.date(2026, 7, 10)),
            capacity.record_practice(
                what="Reconcile the bank statement each month with the bookkeeper",
                skills=["financial_management"], member_ids=[by_name["Baraka"].id], members=members,
                alongside="the partner's part-time bookkeeper", partner=partner, planned_for=_dt.date(2026, 8, 5)),
        ]
        ws.put_many([*items, *trainings, *practice])
    return path


def _founding_meeting(ws, by_name: dict[str, Member], draft, bylaws_ref) -> None:  # noqa: ANN001
    """The founding meeting: 15 present (13 community voting members and the 2 partner staff);
    the motion to adopt bylaws v2 carried 12-0-1 (which adopts v2)."""
    from formation import meetings

    meeting = meetings.new_meeting(ws, meeting_kind="founding", date=FOUNDING_DATE, start_time="10:00",
                                   place="the drop-in centre", chair_id=by_name["Amani"].id,
                                   minute_taker_id=by_name["Neema"].id,
                                   agenda=["Adopt the constitution", "Elect the board", "Partnership agreement"])
    present = [by_name[n].id for n in COMMUNITY_MEMBERS[:13]] + [by_name[n].id for n in PARTNER_STAFF]
    meetings.attend(ws, meeting.id, present, "in_person")
    motion = meetings.add_motion(
        ws, meeting.id, "That the collective adopts version 2 of its constitution.",
        mover_id=by_name["Zawadi"].id, seconder_id=by_name["Imani"].id,
        adopts_bylaws=bylaws_ref(draft_id=draft.id, version=2),
    )
    meetings.record_vote(ws, meeting.id, motion.id, in_favour=12, against=0, abstentions=1)
    meetings.close_meeting(ws, meeting.id, end_time="12:30")
