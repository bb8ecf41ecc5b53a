"""The bundled sample: Harbour Lights Collective, a fictional group in a real legal context.

Built from scenario 1 of the founding stories (Wellington, New Zealand; an incorporated society
under the Incorporated Societies Act 2022): 14 founding members with work names only, of whom 11
community members, 2 supporters and Wren, a voting member whose community status is undisclosed.
Every person and number here is invented. The sample workspace is written UNENCRYPTED (it holds
no real data) and says so wherever it is shown.

The story it holds, so that every screen of the wizard has real content:

- a constitution drafted on 2026-01-20 and adopted at the founding meeting;
- the founding meeting on 2026-03-14: 13 present (11 of 12 voting members; community members 10
  of the 11 voting members present), the constitution adopted 9-0-1 under two-thirds of votes
  cast, the committee of five elected (four community members and Wren);
- a general meeting on 2026-09-12 that approves and locks the founding minutes and decides the
  first public event for 17 December;
- action items, one done and one open;
- the registration plan: every step done up to the application to the Companies Office,
  submitted on 2026-11-20 and waiting for the Registrar.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from formation.models import (
    FinancialYearEnd,
    FormationPathway,
    GoverningBody,
    Member,
    Officer,
    Organization,
    Seat,
)
from formation.store import Workspace

FOUNDING_DATE = _dt.date(2026, 3, 14)
DRAFTED_ON = _dt.date(2026, 1, 20)
GENERAL_MEETING_DATE = _dt.date(2026, 9, 12)
APPLIED_ON = _dt.date(2026, 11, 20)
REGISTRATION_DONE = {
    "draft_constitution": _dt.date(2026, 2, 28),
    "gather_member_consents": FOUNDING_DATE,
    "founding_meeting": FOUNDING_DATE,
    "contact_persons": FOUNDING_DATE,
    "officer_consents": _dt.date(2026, 4, 10),
}

COMMUNITY_MEMBERS = (
    "Kestrel", "Moana", "Juniper", "Saffron", "Tui", "Rook", "Indigo", "Pīwakawaka", "Marlowe", "Opal", "Fern",
)
SUPPORTERS = ("Dr Ana", "Sam")
UNDISCLOSED = ("Wren",)


def sample_organization() -> Organization:
    """Harbour Lights Collective's organization record."""
    return Organization(
        name="Harbour Lights Collective",
        objects=[
            "To uphold the rights, health, safety and dignity of sex workers in the Wellington region.",
            "To provide peer support, information and a safe place to meet, run by and for sex workers.",
            "To speak for sex workers on laws, policies and services that affect them.",
        ],
        legal_context_id="nz",
        legal_form_id="incorporated_society",
        formation_pathway=FormationPathway(pathway="independent"),
        founding_date=FOUNDING_DATE,
        financial_year_end=FinancialYearEnd(month=3, day=31),
        languages=["en", "mi"],
    )


def sample_members() -> list[Member]:
    """The 14 founding members (work names only), in the order of the scenario."""
    members = [
        Member(work_name=name, community_member="yes", membership_class="voting", joined_on=FOUNDING_DATE)
        for name in COMMUNITY_MEMBERS
    ]
    members += [
        Member(work_name=name, community_member="no", membership_class="supporting", joined_on=FOUNDING_DATE)
        for name in SUPPORTERS
    ]
    members += [
        Member(work_name=name, community_member="undisclosed", membership_class="voting", joined_on=FOUNDING_DATE)
        for name in UNDISCLOSED
    ]
    return members


def sample_governing_body(members: list[Member]) -> GoverningBody:
    """The committee of 5 elected at the founding meeting: 4 community members and Wren."""
    by_name = {m.work_name: m for m in members}
    holders = ["Kestrel", "Moana", "Juniper", "Saffron", "Wren"]
    return GoverningBody(
        name="committee",
        seats=[Seat(member_id=by_name[n].id, source="general_meeting", since=FOUNDING_DATE) for n in holders],
        officers=[
            Officer(role="chair", member_id=by_name["Kestrel"].id, since=FOUNDING_DATE),
            Officer(role="secretary", member_id=by_name["Moana"].id, since=FOUNDING_DATE),
            Officer(role="treasurer", member_id=by_name["Juniper"].id, since=FOUNDING_DATE),
            Officer(role="spokesperson", member_id=by_name["Saffron"].id, since=FOUNDING_DATE),
            Officer(role="contact_person", member_id=by_name["Moana"].id, since=FOUNDING_DATE),
        ],
    )


def build_sample_workspace(path: Path) -> Path:
    """Create the plaintext Harbour Lights sample workspace at ``path`` (the story above).

    Args:
        path: where to create it (must not exist; a missing folder is created with mode 0700).

    Returns:
        ``path``.

    Raises:
        InputError: a file exists at ``path``.
    """
    members = sample_members()
    with Workspace.create(path, None, plaintext=True) as ws:
        with ws.batch():
            ws.put(sample_organization())
            for m in members:
                ws.put(m)
            ws.put(sample_governing_body(members))
        _bylaws_and_meetings(ws, {m.work_name: m for m in members})
        _registration(ws)
    return path


def _bylaws_and_meetings(ws: Workspace, people: dict[str, Member]) -> None:
    from formation import bylaws, decisions, meetings, minutes
    from formation.models.meetings import BylawsRef

    draft = bylaws.new_draft(on=DRAFTED_ON, organization=ws.organization)
    ws.put(draft)
    founding = meetings.new_meeting(
        ws, meeting_kind="founding", date=FOUNDING_DATE, start_time="18:30", place="the drop-in space",
        chair_id=people["Kestrel"].id, minute_taker_id=people["Moana"].id,
        agenda=["Welcome and attendance", "Adopt the constitution", "Elect the committee", "Next steps"],
    )
    rules = bylaws.governance_rules(draft)
    present = [people[n].id for n in COMMUNITY_MEMBERS[:10]] + [people[n].id for n in ("Wren", *SUPPORTERS)]
    meetings.attend(ws, founding.id, present, "in_person", rules=rules)
    meetings.attend(ws, founding.id, [people["Fern"].id], "apologies", rules=rules)
    adopt = meetings.add_motion(
        ws, founding.id, "That the constitution (version 1) be adopted as the constitution of Harbour Lights Collective.",
        mover_id=people["Juniper"].id, seconder_id=people["Saffron"].id, decision_kind="amend_bylaws",
        adopts_bylaws=BylawsRef(draft_id=draft.id, version=1),
    )
    meetings.record_vote(ws, founding.id, adopt.id, in_favour=9, against=0, abstentions=1)
    elect = meetings.add_motion(
        ws, founding.id, "That Kestrel, Moana, Juniper, Saffron and Wren form the committee until the first AGM.",
        mover_id=people["Tui"].id, seconder_id=people["Rook"].id, decision_kind="elect_governing_body",
    )
    meetings.record_vote(ws, founding.id, elect.id, in_favour=10, against=0, abstentions=1)
    decisions.add_action_item(ws, "Collect each officer's written consent for the application",
                              people["Moana"].id, due=_dt.date(2026, 4, 15), meeting_id=founding.id)
    meetings.close_meeting(ws, founding.id, end_time="20:10")

    general = meetings.new_meeting(
        ws, meeting_kind="general", date=GENERAL_MEETING_DATE, start_time="18:30", place="the drop-in space",
        chair_id=people["Kestrel"].id, minute_taker_id=people["Moana"].id,
        agenda=["Minutes of the founding meeting", "First public event", "Registration"],
    )
    later_present = [people[n].id for n in ("Kestrel", "Moana", "Juniper", "Saffron", "Tui", "Rook", "Indigo",
                                           "Opal", "Wren", "Sam")]
    meetings.attend(ws, general.id, later_present, "in_person")
    meetings.attend(ws, general.id, [people["Marlowe"].id], "remote_phone")
    minutes.approve_minutes(ws, founding.id, at_meeting_id=general.id)
    minutes.lock_minutes(ws, founding.id, on=GENERAL_MEETING_DATE)
    event = meetings.add_motion(
        ws, general.id,
        "That the collective hold its first public event on 17 December, the International Day to End Violence "
        "against Sex Workers.",
        mover_id=people["Indigo"].id, seconder_id=people["Opal"].id, decision_kind="ordinary",
    )
    meetings.record_vote(ws, general.id, event.id, in_favour=8, against=1, abstentions=1)
    decisions.add_action_item(ws, "Book the drop-in space and a sign language interpreter for 17 December",
                              people["Tui"].id, due=_dt.date(2026, 12, 1), meeting_id=general.id)
    meetings.close_meeting(ws, general.id, end_time="19:45")
    first_item = ws.all(decisions.ActionItem)[0]
    decisions.complete_action_item(ws, first_item.id, on=_dt.date(2026, 4, 10))


def _registration(ws: Workspace) -> None:
    from formation import contexts, registration

    context, form = contexts.find_form("nz", "incorporated_society")
    progress = registration.new_progress(context, form)
    for step, on in REGISTRATION_DONE.items():
        progress = registration.set_step_status(progress, form, step, "done", on=on)
    progress = registration.set_step_status(
        progress, form, "apply_to_registrar", "submitted", on=APPLIED_ON,
        note="Submitted online; waiting for the Registrar.",
    )
    ws.put(progress)
