"""The power audit's findings: each rule that shows where power sits outside the community.

Pure functions over a ``PowerProfile`` (the bylaws' power facts), the members, the governing body
and any extra power grants (a partnership agreement, ``formation.partners.agreement_power_grants``).
Each finding has a severity:

- ``critical``: power or decisions lie with people outside the community (a partner's vote, veto,
  appointed seats or budget approval; supporters voting; amendments by the governing body alone; a
  governing body without a community majority...). Any critical finding makes the organization
  community-based rather than community-led (SWIT 2013, section 1.2.3, pp. 31-32: "in a
  community-led organization, power and decision-making lie with community members";
  http://www.who.int/hiv/pub/sti/sex_worker_implementation/en/).
- ``warning``: community control is weaker than it should be, or the law imposes an outside seat.
- ``info``: worth knowing; nothing to fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from formation.models.governing_body import GoverningBody
from formation.models.members import Member
from formation.power import Measure, PowerProfile, percent

Severity = Literal["critical", "warning", "info"]
SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


class Finding(BaseModel):
    """One audit finding.

    Attributes:
        code: a stable code naming the rule (``"partner_approve_budget"``).
        severity: ``critical``, ``warning`` or ``info`` (see the module docstring).
        clause_id: the bylaws clause to change, or None when the finding is about the records or
            an agreement.
        where: ``bylaws``, ``governing_body``, ``members`` or ``agreement``.
        reference: where to look, for a reader: ``"clause 6.1 (Finances)"``, ``"the governing
            body record"``, ``"Partnership agreement v1 with X, clause 4.1"``.
        reason: why it matters, in plain language.
        fix: what to change.
    """

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    clause_id: str | None
    where: Literal["bylaws", "governing_body", "members", "agreement"]
    reference: str
    reason: str
    fix: str


class GrantLike(Protocol):
    """A power read from outside the bylaws (``formation.models.partners.PowerGrant``)."""

    holder: str
    power: str
    over: str
    seats: int | None
    reference: str


HOLDER_WORDS = {
    "partner": "a partner",
    "funder": "a funder",
    "fiscal_host": "the fiscal host",
    "registrar": "the registrar",
    "government": "a government authority",
    "staff": "the staff",
}

_FIX_PARTNER = "a partner supports and advises, with no vote, no veto and no power to appoint or remove anyone"

_FIX_BY_POWER = {
    "vote": "partners advise, with no vote and no power to appoint",
    "appoint_seats": "partners advise, with no vote and no power to appoint",
    "veto": "partners advise, and the members and their {body} have the last word",
    "approve_budget": "the members approve the budget; a partner may advise on it and receive reports",
    "sign_alone": "only people the members elected sign, and a community member signs every payment",
    "hire_fire": "the {body} hires and fires; a partner may advise",
    "amend_bylaws": "only the members change their bylaws",
    "remove": "only the members decide who stays",
}


def _seats(n: int | None) -> str:
    return "seats" if n is None else f"{n} seat" + ("" if n == 1 else "s")


def grant_reason(holder: str, power: str, over: str, seats: int | None, body: str) -> tuple[Severity, str]:
    """The severity and plain reason for a power held outside the membership."""
    who = HOLDER_WORDS.get(holder, holder)
    who_cap = who[0].upper() + who[1:]
    reasons: dict[str, tuple[Severity, str]] = {
        "vote": ("critical", f"{who_cap} names {_seats(seats)} with a vote on the {body}: people answerable to "
                 f"{who}, not to the members, vote on the organization's decisions."),
        "appoint_seats": ("critical", f"{who_cap} appoints {_seats(seats)} on the {body} and can replace them: people "
                          f"answerable to {who}, not to the members, vote on the organization's decisions."),
        "veto": ("critical", f"{who_cap} must agree to decisions on {over}: it holds a veto, so the members do not "
                 "have the last word."),
        "approve_budget": ("critical", f"{who_cap} must approve {over}: a veto over the organization's plans and "
                           "money, so the members do not have the last word."),
        "sign_alone": ("critical", f"{who_cap} can approve {over} alone: it controls the organization's money."),
        "hire_fire": ("critical", f"{who_cap} can hire or fire {over}: the people who do the work answer to it, "
                      "not to the members."),
        "amend_bylaws": ("critical", f"{who_cap} must approve changes to {over}: it can stop the members changing "
                         "their own rules."),
        "remove": ("critical", f"{who_cap} can remove {over}: the members do not decide who stays."),
        "data_without_consent": ("warning", f"{who_cap} may see {over} without the collective's consent: members' "
                                 "identities are exposed to it."),
        "attend": ("info", f"{who_cap} may attend {over}; it decides nothing."),
    }
    return reasons.get(power, ("critical", f"{who_cap} holds a power over {over} ({power})."))


def bylaws_grant_findings(profile: PowerProfile) -> list[Finding]:
    """Findings for every power the bylaws give someone outside the membership."""
    out = []
    for grant in profile.grants:
        if grant.statutory:
            continue  # reported with the governing body's seats (external_appointment)
        severity, reason = grant_reason(grant.holder, grant.power, grant.over, grant.seats, profile.body_name)
        label = profile.label(grant.clause_id)
        default = profile.option_labels.get((grant.clause_id, grant.choice_id or ""), "the default option")
        out.append(Finding(code=f"{grant.holder}_{grant.power}", severity=severity, clause_id=grant.clause_id,
                           where="bylaws", reference=label, reason=reason,
                           fix="Nothing to change." if severity == "info"
                           else f"In {label}, choose \"{default}\": "
                           + _FIX_BY_POWER.get(grant.power, _FIX_PARTNER).format(body=profile.body_name) + "."))
    return out


def extra_grant_findings(grants: Sequence[GrantLike], body: str) -> list[Finding]:
    """Findings for powers read from outside the bylaws (a partnership agreement)."""
    out = []
    for grant in grants:
        severity, reason = grant_reason(grant.holder, grant.power, grant.over, grant.seats, body)
        out.append(Finding(code=f"{grant.holder}_{grant.power}", severity=severity, clause_id=None, where="agreement",
                           reference=grant.reference, reason=f"{reason} ({grant.reference})",
                           fix="Nothing to change." if severity == "info"
                           else f"Change {grant.reference}: {_FIX_PARTNER}; data is shared only with the "
                           "collective's consent."))
    return out


def _f(profile: PowerProfile, code: str, severity: Severity, fact: str, reason: str, fix: str) -> Finding:
    clause = profile.clause_of(fact)
    return Finding(code=code, severity=severity, clause_id=clause, where="bylaws",
                   reference=profile.label(clause) if clause else "the bylaws", reason=reason, fix=fix)


def _missing(profile: PowerProfile, clause_id: str, code: str, reason: str, fix: str) -> Finding:
    return Finding(code=code, severity="warning", clause_id=clause_id, where="bylaws",
                   reference=f"the {clause_id.replace('_', ' ')} clause (left out)", reason=reason, fix=fix)


def bylaws_rule_findings(profile: PowerProfile, *, gb_quorum: int | None) -> list[Finding]:
    """Findings from the bylaws' rules on votes, quorum, amendments, seats, money and safety.

    Args:
        profile: the version's power facts.
        gb_quorum: how many seats make a quorum of the governing body (from the governance rules),
            or None.
    """
    v, body = profile.value, profile.body_name
    out: list[Finding] = []
    supporters_vote = v("voting_members") == "all_members"
    if supporters_vote:
        out.append(_f(profile, "supporters_vote", "critical", "voting_members",
                      "Supporters vote at general meetings, on every decision including amendments: people "
                      "outside the community decide alongside community members and, if their numbers grow, can "
                      "outvote them.",
                      "Choose \"Community members vote; supporters do not\": supporters still take part and speak."))
    if v("amendment_voters") == "all_members":
        out.append(_f(profile, "supporters_vote_on_amendments", "critical", "amendment_voters",
                      "Supporters vote on amendments to the bylaws: people outside the community could change "
                      "the rules that keep it in charge.",
                      "Choose \"Voting members\" for who votes on an amendment, with voting members being "
                      "community members."))
    if v("amendments_by") == "governing_body":
        out.append(_f(profile, "amendments_by_governing_body", "critical", "amendments_by",
                      f"The {body} can amend the bylaws alone: it can change every rule, including who votes and "
                      f"who sits on the {body}, without the members.",
                      "Choose amendment by a general meeting by two-thirds of the votes cast, with notice."))
    if v("community_clauses_entrenched") is False:
        out.append(_f(profile, "no_entrenchment", "warning", "community_clauses_entrenched",
                      "The clauses that keep the organization community-led are not entrenched: a future "
                      "majority on one day could take it away from the community.",
                      "Entrench them: three-quarters of the votes cast, with community members a majority of "
                      "those present."))
    if v("quorum_community_majority") is False:
        if supporters_vote:
            out.append(_f(profile, "quorum_without_community", "critical", "quorum_community_majority",
                          "Supporters vote and the quorum does not require community members to be a majority of "
                          "those present: a general meeting can be quorate, and decide, without the community.",
                          "Choose \"Yes\": community members must be more than half of the voting members present."))
        else:
            out.append(_f(profile, "quorum_without_community_majority_rule", "info", "quorum_community_majority",
                          "Only community members vote today, so a quorum is always of community members; if "
                          "supporters are ever given a vote, nothing in the quorum keeps the community in the "
                          "majority.",
                          "Consider requiring community members to be a majority of those present."))
    seats, reserved = v("gb_seats"), v("gb_community_seats")
    if seats:
        if int(reserved or 0) * 2 <= int(seats):
            out.append(_f(profile, "bylaws_no_community_majority_of_seats", "warning", "gb_community_seats",
                          f"The bylaws reserve {reserved or 0} of {seats} seats on the {body} for community "
                          "members: they do not guarantee a community majority, so it can be lost at any election.",
                          f"Reserve more than half of the seats (at least {int(seats) // 2 + 1} of {seats})."))
        outside = int(seats) - int(reserved or 0) + sum(g.seats or 0 for g in profile.grants
                                                         if g.power in ("vote", "appoint_seats"))
        if v("gb_community_majority_present") is False and gb_quorum is not None and outside >= gb_quorum:
            out.append(_f(profile, "governing_body_quorum_without_community", "warning",
                          "gb_community_majority_present",
                          f"{outside} seats on the {body} may be held by people who are not community members, "
                          f"enough for a quorum of {gb_quorum}: it could meet and decide without the community.",
                          "Require community members to be more than half of those present."))
    share = v("spokespeople_community_share")
    if share is not None and float(share) <= 0.5:
        out.append(_f(profile, "spokespeople_not_community_majority", "warning", "spokespeople_community_share",
                      f"The bylaws require only {float(share) * 100:g}% of spokespeople to be community members: "
                      "others could speak for the community.",
                      "Require at least 60% (the Red Umbrella Fund's threshold)."))
    if v("officers_community") is False:
        out.append(_f(profile, "officers_may_be_supporters", "info", "officers_community",
                      "Supporters may hold the offices of chair, secretary and treasurer.",
                      "Consider reserving the offices for community members."))
    if v("officer_removal_by") == "governing_body":
        out.append(_f(profile, "removal_by_governing_body", "warning", "officer_removal_by",
                      f"The {body} removes its own members and officers: a majority on it can push someone out; "
                      "only the appeal brings the members in.",
                      "Choose removal by a general meeting after a fair hearing."))
    if v("officer_removal_hearing") is False:
        out.append(_f(profile, "removal_without_hearing", "warning", "officer_removal_hearing",
                      "Officers can be removed without being told why or heard (natural justice).",
                      "Choose removal after a fair hearing."))
    minimum = v("signatories_community_min")
    if minimum is not None and int(minimum) < 1:
        out.append(_f(profile, "no_community_signatory", "warning", "signatories_community_min",
                      "Payments can be approved without any community member signing: the money can move "
                      "without the community.",
                      "Require at least one community member among the signatories to every payment."))
    if v("third_parties_are_community") is True:
        out.append(_f(profile, "third_parties_count_as_community", "warning", "third_parties_are_community",
                      "Managers and owners of sex work businesses count as community members: an employer could "
                      "hold a community seat or vote as the community.",
                      "Count only people who do or did sex work themselves."))
    if v("conflicts_third_parties") == "declare":
        out.append(_f(profile, "third_parties_on_governing_body", "info", "conflicts_third_parties",
                      f"Third parties (managers and owners) may sit on the {body}, standing back only from "
                      "decisions on working conditions.",
                      "Consider keeping third parties off the governing body and out of offices."))
    if v("conflicted_may_vote") is True:
        out.append(_f(profile, "conflicted_members_vote", "info", "conflicted_may_vote",
                      "People with a declared conflict of interest still vote on the matter.",
                      "Consider having them leave the discussion and not vote."))
    if v("dissolution_recipient") == "not_for_profit":
        out.append(_f(profile, "assets_may_leave_community", "warning", "dissolution_recipient",
                      "On winding up, the remaining assets may go to an organization that sex workers do not lead.",
                      "Give them to sex worker-led not-for-profits chosen by community members."))
    if v("dissolution_chosen_by") == "governing_body":
        out.append(_f(profile, "assets_chosen_by_governing_body", "warning", "dissolution_chosen_by",
                      f"On winding up, the last {body}, not the community members, chooses who receives the "
                      "remaining assets.",
                      "Let the community members choose."))
    if v("register_access") == "open_to_members":
        out.append(_f(profile, "register_open_to_all_members", "warning", "register_access",
                      "Every member can see every other member's contact details: one lost phone or one "
                      "falling-out can expose people.",
                      "Let only the secretary and the governing body see the register."))
    if v("community_definition") == "current_only":
        out.append(_f(profile, "former_sex_workers_not_counted", "info", "community_definition",
                      "Former sex workers stop counting as community members; funders such as the Red Umbrella "
                      "Fund count them.",
                      "Consider counting current and former sex workers."))
    if "confidentiality_and_safety" not in profile.included:
        out.append(_missing(profile, "confidentiality_and_safety", "no_confidentiality_clause",
                            "Nothing in the bylaws makes confidentiality a duty: members' identities have no "
                            "protection in the rules.", "Include the confidentiality and safety clause."))
    if "disputes_and_complaints" not in profile.included:
        out.append(_missing(profile, "disputes_and_complaints", "no_disputes_clause",
                            "There is no fair way to raise and decide complaints; some laws require one (New "
                            "Zealand: Incorporated Societies Act 2022 s.26).",
                            "Include the disputes and complaints clause."))
    return out


def record_findings(
    profile: PowerProfile,
    members: Sequence[Member],
    by_id: Mapping[UUID, Member],
    body: GoverningBody | None,
    gb_measure: Measure,
) -> list[Finding]:
    """Findings from the members and governing body as recorded."""
    out: list[Finding] = []
    name = profile.body_name
    current = [m for m in members if m.is_current]
    voting = [m for m in current if m.is_voting]
    undisclosed = sum(m.community_member == "undisclosed" for m in current)
    record = f"the {name} record"
    if profile.value("voting_members") == "community_only":
        outsiders = sum(m.community_member == "no" for m in voting)
        if outsiders:
            clause = profile.clause_of("voting_members")
            out.append(Finding(code="voting_members_not_community", severity="warning", clause_id=clause,
                               where="members", reference="the register of members",
                               reason=f"{outsiders} voting member(s) are recorded as not community members, but the "
                               "bylaws give the vote to community members only.",
                               fix="Record them as supporting members, or correct their community status."))
    elif voting:
        community = sum(m.is_community for m in voting)
        if community * 2 <= len(voting):
            out.append(Finding(code="voting_members_not_community_majority", severity="critical",
                               clause_id=profile.clause_of("voting_members"), where="members",
                               reference="the register of members",
                               reason=f"Only {community} of {len(voting)} voting members are recorded as community "
                               "members: people outside the community can outvote them.",
                               fix="Give the vote to community members only."))
    if undisclosed:
        on_body = sum(1 for s in (body.seats if body else []) if s.member_id in by_id
                      and by_id[s.member_id].community_member == "undisclosed")
        where = f", {on_body} of them on the {name}" if on_body else ""
        out.append(Finding(code="undisclosed_not_counted", severity="info", clause_id=None, where="members",
                           reference="the register of members",
                           reason=f"{undisclosed} member(s) have not disclosed whether they are community "
                           f"members{where}; the audit never counts them as community members.",
                           fix="Nothing to change: disclosure is each member's choice."))
    registrar = [s for s in (body.seats if body else []) if s.source == "registrar_nominated"]
    statutory = [g for g in profile.grants if g.statutory]
    if registrar or statutory:
        clause = statutory[0].clause_id if statutory else None
        if registrar:
            verb = "is" if len(registrar) == 1 else "are"
            detail = f"{len(registrar)} of {len(body.seats) if body else 0} seats on the {name} {verb} nominated by the registrar"
        else:
            detail = f"The bylaws let the registrar nominate up to {statutory[0].seats} seat(s) on the {name}"
        out.append(Finding(code="external_appointment", severity="warning", clause_id=clause, where="governing_body",
                           reference=profile.label(clause) if clause else record,
                           reason=f"{detail}: an external appointment the members do not control, imposed by law.",
                           fix=f"Keep the elected community seats a clear majority of the {name}, and give the "
                           "nominee no office."))
    if body is None:
        return out
    if gb_measure.basis == "recorded" and gb_measure.share is not None and gb_measure.share * 2 <= 1:
        out.append(Finding(code="governing_body_not_community_majority", severity="critical",
                           clause_id=profile.clause_of("gb_community_seats"), where="governing_body",
                           reference=record,
                           reason=f"Community members hold {gb_measure.community} of the {gb_measure.total} voting "
                           f"seats on the {name} ({percent(gb_measure.share)}): power on the {name} lies with "
                           "people outside the community.",
                           fix=f"Elect community members to more than half of the seats on the {name}."))
    partner_seats = [s for s in body.seats if s.source == "partner_appointed"]
    if partner_seats and not any(g.power in ("appoint_seats", "vote") and not g.statutory for g in profile.grants):
        out.append(Finding(code="partner_seats_without_bylaws", severity="critical", clause_id=None,
                           where="governing_body", reference=record,
                           reason=f"{len(partner_seats)} seat(s) on the {name} are appointed by a partner, which "
                           "the bylaws do not provide for: people answerable to the partner vote on the "
                           "organization's decisions.",
                           fix="Fill those seats by election at a general meeting."))
    ex_officio = [s for s in body.seats if s.source == "ex_officio" and s.external_holder]
    if ex_officio:
        out.append(Finding(code="ex_officio_outsider", severity="warning", clause_id=None, where="governing_body",
                           reference=record, reason=f"{len(ex_officio)} seat(s) on the {name} are held ex officio by "
                           "people outside the membership.", fix="Make them non-voting, or fill them by election."))
    reserved = profile.value("gb_community_seats")
    if gb_measure.basis == "recorded" and reserved is not None and (gb_measure.community or 0) < int(reserved):
        out.append(Finding(code="reserved_seats_not_held_by_community", severity="warning",
                           clause_id=profile.clause_of("gb_community_seats"), where="governing_body", reference=record,
                           reason=f"The bylaws reserve {reserved} seats for community members, but only "
                           f"{gb_measure.community} are held by members recorded as community members.",
                           fix="Fill the reserved seats with community members."))
    vacant = sum(s.is_vacant for s in body.seats)
    if vacant:
        out.append(Finding(code="vacant_seats", severity="info", clause_id=None, where="governing_body",
                           reference=record, reason=f"{vacant} seat(s) are vacant; shares are of the filled seats.",
                           fix="Fill them as the casual vacancies rule says."))
    for officer in body.officers:
        if officer.external_holder:
            role = officer.title or officer.role.replace("_", " ")
            out.append(Finding(code="officer_outside_membership", severity="warning", clause_id=None,
                               where="governing_body", reference=record,
                               reason=f"The {role} is held by someone outside the membership.",
                               fix="Hand the role to a member, with a date, in the handover plan."))
    gone = [s for s in body.seats if s.member_id is not None and not (s.member_id in by_id and by_id[s.member_id].is_current)]
    if gone:
        out.append(Finding(code="seat_holder_not_current_member", severity="warning", clause_id=None,
                           where="governing_body", reference=record,
                           reason=f"{len(gone)} seat(s) are held by someone who is not a current member.",
                           fix="Record the vacancy and fill it."))
    return out


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first; otherwise in the order the rules found them."""
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


def describe(measure: Measure) -> dict[str, Any]:
    """A measure as plain data for output."""
    return {"status": measure.status, "basis": measure.basis, "note": measure.note,
            "share": None if measure.share is None else percent(measure.share),
            "community": measure.community, "total": measure.total}

