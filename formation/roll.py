"""Who may vote at a meeting, the quorum as attendance stands, and the rules in force.

Pure functions over a meeting and the member records (``electorate_of``, ``presence_of``,
``quorum_of``, ``voters_present``, ``check_voter``), plus ``load_roll`` and ``rules_for``, which
read the workspace. Used by ``formation.meetings`` and ``formation.voting``.

Sources: Robert's Rules of Order Newly Revised, 12th ed. (RONR): only members entitled to vote
count toward a quorum or vote (40:1-40:3, 45:1); remote attendance and proxies count only as the
bylaws say (RONR 9:30-9:36 on electronic meetings, 45:70-45:71 on proxies).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from pydantic import ValidationError

from formation import procedure
from formation.errors import InputError, from_validation_error
from formation.models import GoverningBody, Member
from formation.models.meetings import GENERAL_MEETING_KINDS, REMOTE, BylawsRef, Meeting, Motion, RollCallEntry
from formation.models.rules import GovernanceRules, MajorityRule
from formation.procedure import Presence, QuorumCheck

SOURCE = "meeting"


def error(message: str, field: str) -> InputError:
    """An ``InputError`` from the meeting record, naming ``field``."""
    return InputError(message, source=SOURCE, field=field)


# ------------------------------------------------------------------------ who may vote


@dataclass(frozen=True)
class Roll:
    """The members of the organization and who is entitled to vote at one meeting.

    Attributes:
        members: every member record, by id.
        electorate: ids of the members entitled to vote at this meeting (the current voting
            members for a general meeting, the voting seats for a governing body meeting, the
            committee's members for a committee; nobody at a gathering).
    """

    members: dict[UUID, Member]
    electorate: frozenset[UUID]


def electorate_of(meeting: Meeting, members: Iterable[Member], governing_body: GoverningBody | None, *,
                  community_only: bool = False) -> frozenset[UUID]:
    """Who is entitled to vote at a meeting (pure).

    Args:
        meeting: the meeting (its kind and date matter).
        members: every member record.
        governing_body: the governing body record, or None.
        community_only: the bylaws give the vote to community members only
            (``GovernanceRules.community_members_only_vote``): a member recorded as not a
            community member (``community_member == "no"``) has no vote at a general meeting or
            on a committee, even when the register puts them in the voting class. A member whose
            status is undisclosed keeps their vote (the register need not say who is a sex worker).

    Returns:
        The ids of the voting members: for a general, founding, AGM or special meeting, the
        members of the voting class who had joined by the meeting's date and not left; for a
        governing body meeting, the members holding its voting seats (who may hold a seat is the
        bylaws' rule on seats, checked when seats are filled); for a committee, its
        ``committee_member_ids`` who are voting members; for a gathering, nobody.
    """
    by_id = {m.id: m for m in members}

    def current_voter(m: Member) -> bool:
        joined = m.joined_on is None or m.joined_on <= meeting.date
        stayed = m.left_on is None or m.left_on > meeting.date
        entitled = not (community_only and m.community_member == "no")
        return m.membership_class == "voting" and joined and stayed and entitled

    if meeting.meeting_kind in GENERAL_MEETING_KINDS:
        return frozenset(m.id for m in by_id.values() if current_voter(m))
    if meeting.meeting_kind == "governing_body":
        seats = governing_body.seats if governing_body else []
        return frozenset(s.member_id for s in seats if s.votes and s.member_id in by_id)
    if meeting.meeting_kind == "committee":
        return frozenset(i for i in meeting.committee_member_ids if i in by_id and current_voter(by_id[i]))
    return frozenset()


def load_roll(ws, meeting: Meeting, rules: GovernanceRules | None = None) -> Roll:  # noqa: ANN001 - a Workspace
    """The ``Roll`` of a meeting, read from the workspace; with ``rules``, the electorate those
    rules give (``community_members_only_vote``). The functions below that take the rules apply
    them to any roll (``under_rules``), so a roll loaded without them is safe to pass there."""
    members = ws.all(Member)
    bodies = ws.all(GoverningBody)
    roll = Roll({m.id: m for m in members}, electorate_of(meeting, members, bodies[0] if bodies else None))
    return under_rules(meeting, roll, rules) if rules is not None else roll


def under_rules(meeting: Meeting, roll: Roll, rules: GovernanceRules) -> Roll:
    """``roll`` with the electorate the bylaws give (pure): when only community members vote
    (``rules.community_members_only_vote``), members recorded as not community members leave the
    electorate of a general meeting or committee. Idempotent.

    Source: the bylaws' membership classes clause ("voting members, who are community members",
    ``templates/bylaws/clauses/membership_classes.toml``); RONR 45:1 (only members entitled to
    vote may vote).
    """
    if not rules.community_members_only_vote or meeting.meeting_kind == "governing_body":
        return roll
    kept = frozenset(i for i in roll.electorate if roll.members[i].community_member != "no")
    return roll if kept == roll.electorate else Roll(roll.members, kept)


def presence_of(meeting: Meeting, roll: Roll) -> Presence:
    """Count the voting members present, remote and by proxy (pure).

    Raises:
        InputError: nobody is entitled to vote at this meeting (field ``attendance``).
    """
    counts = {"in_person": 0, "remote": 0, "proxies": 0}
    community = {"in_person": 0, "remote": 0, "proxies": 0}
    for entry in meeting.attendance:
        if entry.member_id not in roll.electorate:
            continue
        group = ("in_person" if entry.presence == "in_person" else "remote" if entry.presence in REMOTE
                 else "proxies" if entry.presence == "proxy" else None)
        if group is None:
            continue
        counts[group] += 1
        if roll.members[entry.member_id].is_community:
            community[group] += 1
    if not roll.electorate:
        raise error(
            "nobody is entitled to vote at this meeting: there are no voting members"
            + (" on the governing body" if meeting.meeting_kind == "governing_body" else "")
            + (" on this committee" if meeting.meeting_kind == "committee" else ""),
            "attendance",
        )
    return Presence(
        voting_members=len(roll.electorate),
        in_person=counts["in_person"], remote=counts["remote"], proxies=counts["proxies"],
        community_in_person=community["in_person"], community_remote=community["remote"],
        community_proxies=community["proxies"],
    )


def quorum_of(meeting: Meeting, roll: Roll, rules: GovernanceRules) -> QuorumCheck:
    """The quorum check of a meeting as its attendance stands (pure); only members the rules
    let vote count (``under_rules``)."""
    return procedure.meeting_quorum(rules, presence_of(meeting, under_rules(meeting, roll, rules)),
                                    governing_body=meeting.meeting_kind in ("governing_body", "committee"))


def voters_present(meeting: Meeting, roll: Roll, rules: GovernanceRules) -> dict[tuple[UUID, UUID | None], str]:
    """Every vote that may be cast at the meeting (pure).

    Returns:
        ``{(voter_id, proxy_for): how}``: each voting member present (in person, or remotely
        where the bylaws count remote attendance) under ``(id, None)``, and each proxy held by a
        member present, where the bylaws allow proxies, under ``(holder_id, principal_id)``.
        Only members the rules let vote (``under_rules``) have a vote, in person or by proxy.
    """
    roll = under_rules(meeting, roll, rules)
    votes: dict[tuple[UUID, UUID | None], str] = {}
    present = {a.member_id for a in meeting.attendance if a.is_present}
    for entry in meeting.attendance:
        if entry.member_id not in roll.electorate:
            continue
        if entry.presence == "in_person" or (entry.presence in REMOTE and rules.remote_attendance_counts):
            votes[(entry.member_id, None)] = entry.presence
        elif entry.presence == "proxy" and rules.proxies_allowed and entry.proxy_holder_id in present:
            votes[(entry.proxy_holder_id, entry.member_id)] = "proxy"
    return votes


def check_voter(meeting: Meeting, roll: Roll, rules: GovernanceRules, member_id: UUID, field: str,
                proxy_for: UUID | None = None) -> None:
    """Refuse a vote (or a motion) from someone who may not cast it at this meeting.

    Raises:
        InputError: naming ``field``: not a member; a supporting (non-voting) member; a member
        recorded as not a community member where the bylaws give the vote to community members
        only (also as the principal of a proxy); not a voting member of this meeting; not
        recorded as present; present remotely where the bylaws do not count remote members; a
        proxy the bylaws do not allow or that this member does not hold.
    """
    roll = under_rules(meeting, roll, rules)
    member = roll.members.get(member_id)
    if member is None:
        raise error("is not a member of the organization", field)
    if proxy_for is not None:
        if not rules.proxies_allowed:
            raise error("the bylaws do not allow proxies", field)
        principal = roll.members.get(proxy_for)
        if principal is not None and _not_community_where_only_community_votes(meeting, principal, rules):
            raise error("holds a proxy for a member recorded as not a community member, and the bylaws give "
                        "the vote to community members only", field)
        line = meeting.attendance_of(proxy_for)
        if proxy_for not in roll.electorate or line is None or line.presence != "proxy" or line.proxy_holder_id != member_id:
            raise error("this member holds no proxy for that member at this meeting", field)
    if (member_id, proxy_for) in voters_present(meeting, roll, rules):
        return
    if proxy_for is not None:
        raise error("the proxy holder is not recorded as present", field)
    if member.membership_class == "supporting":
        raise error("is a supporting member, who takes part without a vote", field)
    if _not_community_where_only_community_votes(meeting, member, rules):
        raise error("is recorded as not a community member, and the bylaws give the vote to community members "
                    "only (correct the register if that is wrong)", field)
    if member_id not in roll.electorate:
        raise error("is not a voting member at this meeting (not on the register of voting members, "
                     "the governing body or the committee on that date)", field)
    line = meeting.attendance_of(member_id)
    if line is not None and line.presence in REMOTE:
        raise error("is present remotely, and the bylaws do not let remote members vote", field)
    raise error("is not recorded as present at this meeting", field)


def _not_community_where_only_community_votes(meeting: Meeting, member: Member, rules: GovernanceRules) -> bool:
    return (rules.community_members_only_vote and member.community_member == "no"
            and meeting.meeting_kind != "governing_body")


# ------------------------------------------------------------------------ community conditions


def community_votes_of(
    roll: Roll,
    rule: MajorityRule,
    *,
    method: str,
    entries: Iterable[RollCallEntry],
    in_favour: int,
    against: int,
    community_in_favour: int | None,
    community_against: int | None,
    voters: Iterable[tuple[UUID, UUID | None]] = (),
) -> procedure.CommunityVotes | None:
    """How community members voted, when the rule asks (``community_majority_of_votes_cast``).

    Args:
        roll: the meeting's roll (each member's community status).
        rule: the rule the vote is decided by.
        method: ``"counts"``, ``"roll_call"`` or ``"secret_ballot"``.
        entries: the roll call's named votes (empty otherwise).
        in_favour, against: all votes in favour and against.
        community_in_favour, community_against: the community members' votes counted separately
            (counts or ballot only; both or neither).
        voters: the votes that may be cast (``voters_present``); when given, separate counts are
            checked against them: no more community votes than community voters present, no
            more other votes than other voters present.

    Returns:
        For a roll call, the tally of the votes of community members (a member counts only when
        their status is ``"yes"``; ``"undisclosed"`` never does; a proxy vote by its principal's
        status); else the counts given; None when the rule does not ask, or for counts given
        none (``procedure.decide_community_vote`` then refuses a rule that asks).

    Raises:
        InputError: community counts with a roll call, only one of the two, for a rule that does
            not ask for them, more than the votes in favour / against, or more than the voters
            present could cast (field ``community_in_favour`` or ``community_against``).
    """
    if method == "roll_call":
        if community_in_favour is not None or community_against is not None:
            raise error("a roll call shows how community members voted: give no separate community counts",
                        "community_in_favour")
        if not rule.community_majority_of_votes_cast:
            return None
        tally = {"in_favour": 0, "against": 0, "abstain": 0}
        for entry in entries:
            member = roll.members.get(entry.proxy_for or entry.member_id)
            if member is not None and member.is_community:
                tally[entry.vote] += 1
        return procedure.CommunityVotes(tally["in_favour"], tally["against"])
    if community_in_favour is None and community_against is None:
        return None
    if community_in_favour is None or community_against is None:
        raise error("give the community members' votes in favour and against together",
                    "community_in_favour" if community_in_favour is None else "community_against")
    if not rule.community_majority_of_votes_cast:
        raise error("the bylaws do not ask how community members voted on this decision, so their votes are not "
                    "recorded separately", "community_in_favour")
    for value, total, field in ((community_in_favour, in_favour, "community_in_favour"),
                                (community_against, against, "community_against")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise error("must be a whole number, 0 or more", field)
        if value > total:
            raise error(f"{value} community votes {'in favour' if field.endswith('favour') else 'against'}, more "
                        f"than the {total} votes {'in favour' if field.endswith('favour') else 'against'}", field)
    voters = list(voters)
    if voters:
        community_voters = sum(1 for voter, principal in voters
                               if (m := roll.members.get(principal or voter)) is not None and m.is_community)
        if community_in_favour + community_against > community_voters:
            raise error(f"{community_in_favour + community_against} community votes, more than the {community_voters} "
                        "community members present who may vote", "community_in_favour")
        others = in_favour - community_in_favour + against - community_against
        if others > len(voters) - community_voters:
            raise error(f"{others} votes from members not recorded as community members, more than the "
                        f"{len(voters) - community_voters} of them present who may vote", "community_in_favour")
    return procedure.CommunityVotes(community_in_favour, community_against)


def community_presence_of(meeting: Meeting, roll: Roll, rules: GovernanceRules) -> procedure.CommunityPresence:
    """Community members among the voting members present, counted as for the quorum (pure)."""
    check = quorum_of(meeting, roll, rules)
    return procedure.CommunityPresence(check.community_counted, check.counted)


# ------------------------------------------------------------------------ the rules in force


def rules_for(ws, meeting: Meeting, rules: GovernanceRules | None = None, *,  # noqa: ANN001
              adopting: BylawsRef | None = None) -> GovernanceRules:
    """The governance rules that decide this meeting's business.

    Args:
        ws: the workspace.
        meeting: the meeting.
        rules: rules given explicitly (they win), or None.
        adopting: the bylaws version a motion being moved proposes to adopt, or None.

    Returns:
        ``rules`` if given; else the rules of the adopted bylaws (``formation.bylaws``); else,
        at a founding meeting, the rules of the bylaws draft a motion there proposes to adopt
        (the founders decide under the rules they are adopting).

    Raises:
        InputError: no adopted bylaws and no rules given (field ``rules``).
    """
    if rules is not None:
        return rules
    from formation import bylaws_link

    found = bylaws_link.adopted_rules(ws, on=meeting.date)
    if found is None and meeting.meeting_kind == "founding":
        proposed = [adopting] if adopting is not None else []
        proposed += [m.adopts_bylaws for m in meeting.motions if m.adopts_bylaws is not None]
        if proposed:
            found = bylaws_link.draft_rules(ws, proposed[0])
    if found is None:
        raise error("no bylaws are adopted in this workspace, so there are no rules for quorum and "
                     "majorities yet: adopt bylaws first, or give the rules", "rules")
    return found


# ------------------------------------------------------------------------ loading and saving


def load_meeting(ws, meeting_id: UUID | str) -> Meeting:  # noqa: ANN001
    """The meeting with this id (``InputError`` when there is none)."""
    return ws.get(Meeting, meeting_id)


def require_editable(meeting: Meeting) -> None:
    """Refuse changes to a closed meeting or to approved minutes (field ``status``/``minutes``)."""
    if meeting.minutes.status != "draft":
        raise error("the minutes of this meeting are approved and can no longer change; record a "
                    "correction instead", "minutes")
    if meeting.status == "closed":
        raise error("this meeting is closed; its record can no longer take new business", "status")


def save_meeting(ws, meeting: Meeting) -> Meeting:  # noqa: ANN001
    """Validate the whole meeting again and save it (``ValidationFailed`` names the field)."""
    try:
        checked = Meeting.model_validate(meeting.model_dump())
    except ValidationError as exc:
        raise from_validation_error(exc, source=SOURCE) from None
    ws.put(checked)
    return checked


def find_motion(meeting: Meeting, motion_id: UUID | str) -> Motion:
    """The motion with this id at this meeting (``InputError`` on ``motion_id`` otherwise)."""
    try:
        found = meeting.motion(UUID(str(motion_id)))
    except ValueError:
        found = None
    if found is None:
        raise error("no motion with that id at this meeting", "motion_id")
    return found


def require_member(roll: Roll, member_id: UUID | None, field: str) -> None:
    """Refuse an id that is not a member's (``InputError`` on ``field``); None passes."""
    if member_id is not None and member_id not in roll.members:
        raise error("is not a member of the organization", field)
