"""Who holds power: the facts the bylaws establish, and the community share of each body.

``power_profile`` reads the ``effects`` of a version's chosen clause options (see
``formation.clauses.PowerEffects``) into one ``PowerProfile``, remembering which clause set each
fact, so every audit finding can name its clause. ``measure`` counts community members in a
dimension (governing body, members, spokespeople, leadership, staff) from the workspace records,
falling back on the minimum the bylaws guarantee when nothing is recorded yet.

Counting rule: only a member whose ``community_member`` is ``"yes"`` counts as a community
member. ``"undisclosed"`` is never counted (research/domain-legal.md, "Risks": an undisclosed
status weakens audits, and guessing would out people); neither is a seat or office held by
someone outside the membership.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal
from uuid import UUID

from formation.bylaws_text import ResolvedClause
from formation.clause_text import fill
from formation.clauses import GrantSpec, resolve_refs
from formation.models.governing_body import GoverningBody
from formation.models.members import Member
from formation.models.organization import StaffCount  # re-exported: the audit's staff counts live on the organization


@dataclass(frozen=True)
class Fact:
    """A power fact and the clause that set it."""

    value: Any
    clause_id: str


@dataclass(frozen=True)
class ResolvedGrant:
    """A power a clause gives someone outside the membership, parameters filled in.

    Attributes:
        holder, power, statutory: as in ``formation.clauses.GrantSpec``.
        over: what it covers, in plain words.
        seats: how many seats, or None.
        clause_id: the clause that grants it.
        choice_id: the clause choice whose option grants it, or None for the clause itself.
    """

    holder: str
    power: str
    over: str
    seats: int | None
    statutory: bool
    clause_id: str
    choice_id: str | None


@dataclass
class PowerProfile:
    """The power facts of one bylaws version.

    Attributes:
        facts: ``{PowerEffects field: Fact}`` (the last clause in document order wins).
        grants: every power given to someone outside the membership.
        included: ids of the clauses the version includes.
        numbers: ``{clause id: "4.2"}``, the clause numbers as the document prints them.
        titles: ``{clause id: title}``.
        body_name: what the group calls its governing body.
        option_labels: ``{(clause id, choice id): default option label}`` to name fixes.
    """

    facts: dict[str, Fact] = field(default_factory=dict)
    grants: list[ResolvedGrant] = field(default_factory=list)
    included: set[str] = field(default_factory=set)
    numbers: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    body_name: str = "committee"
    option_labels: dict[tuple[str, str], str] = field(default_factory=dict)

    def value(self, name: str, default: Any = None) -> Any:
        """The value of a fact, or ``default`` when no included clause sets it."""
        found = self.facts.get(name)
        return default if found is None else found.value

    def clause_of(self, name: str) -> str | None:
        """The id of the clause that set a fact, or None."""
        found = self.facts.get(name)
        return None if found is None else found.clause_id

    def label(self, clause_id: str) -> str:
        """``"clause 5.1 (Partners and advisors)"``."""
        return f"clause {self.numbers.get(clause_id, '?')} ({self.titles.get(clause_id, clause_id)})"


def _grant(spec: GrantSpec, clause: ResolvedClause, choice_id: str | None) -> ResolvedGrant:
    seats = resolve_refs(spec.seats, clause.values) if spec.seats is not None else None
    types = {n: p.type for n, p in clause.spec.parameters.items()}
    return ResolvedGrant(
        holder=spec.holder,
        power=spec.power,
        over=fill(spec.over, clause.values, types, sentences=False),
        seats=int(seats) if seats is not None else None,
        statutory=spec.statutory,
        clause_id=clause.spec.id,
        choice_id=choice_id,
    )


def power_profile(resolved: Sequence[ResolvedClause], article_order: Sequence[str]) -> PowerProfile:
    """Collect the power facts of a resolved version.

    Args:
        resolved: the version's clauses (``formation.bylaws_text.resolve_version``), in order.
        article_order: the library's article ids in order, to number clauses as printed.

    Returns:
        The ``PowerProfile``.
    """
    profile = PowerProfile()
    article_numbers: dict[str, int] = {}
    clause_counts: dict[str, int] = {}
    for clause in resolved:
        spec = clause.spec
        profile.included.add(spec.id)
        profile.titles[spec.id] = spec.title
        if spec.article not in article_numbers:
            article_numbers[spec.article] = len(article_numbers) + 1
        clause_counts[spec.article] = clause_counts.get(spec.article, 0) + 1
        profile.numbers[spec.id] = f"{article_numbers[spec.article]}.{clause_counts[spec.article]}"
        if spec.id == "governing_body" and "body_name" in clause.values:
            profile.body_name = str(clause.values["body_name"])
        sources: list[tuple[str | None, Any]] = [(None, spec.effects)]
        for part in spec.choices:
            option = clause.options[part.choice]  # type: ignore[index]
            sources.append((part.choice, option.effects))
            profile.option_labels[(spec.id, part.choice)] = part.default_option.label  # type: ignore[index]
        for choice_id, effects in sources:
            for name, raw in effects.set_fields().items():
                if name == "grants":
                    continue
                profile.facts[name] = Fact(resolve_refs(raw, clause.values), spec.id)
            profile.grants.extend(_grant(g, clause, choice_id) for g in effects.grants)
    return profile


# ----------------------------------------------------------------------------- measures
MeasureStatus = Literal["measured", "unknown", "not_applicable"]
Basis = Literal["recorded", "bylaws_minimum", "none"]


@dataclass(frozen=True)
class Measure:
    """The community share of one dimension.

    Attributes:
        dimension: governing_body, organization, spokespeople, leadership or staff.
        status: ``measured``, ``unknown`` (nothing recorded), ``not_applicable`` (e.g. no staff).
        community, total: the counts, or None when the share comes from the bylaws' minimum.
        share: the share as an exact fraction, or None when not measured.
        basis: ``recorded`` (the workspace records), ``bylaws_minimum`` (what the bylaws
            guarantee, used before anything is recorded) or ``none``.
        note: a plain explanation ("4 of 7 seats (57%)", "no staff recorded").
    """

    dimension: str
    status: MeasureStatus
    community: int | None
    total: int | None
    share: Fraction | None
    basis: Basis
    note: str


def percent(share: Fraction) -> str:
    """A share as a percentage to one decimal (4/7 -> ``"57.1%"``, 8/9 -> ``"88.9%"``, 4/5 ->
    ``"80%"``), rounded half up, except that a share just below a whole percentage is never
    rounded up onto it (0.5996 -> ``"59.9%"``, not ``"60%"``): thresholds are whole percentages,
    and a failing share must not look like a passing one."""
    tenths = Fraction(share) * 1000
    rounded = math.floor(tenths + Fraction(1, 2))
    if rounded % 10 == 0 and rounded > tenths:
        rounded = math.floor(tenths)
    whole, decimal = divmod(rounded, 10)
    return f"{whole}%" if decimal == 0 else f"{whole}.{decimal}%"


def _counted(dimension: str, community: int, total: int, what: str) -> Measure:
    share = Fraction(community, total)
    return Measure(dimension, "measured", community, total, share, "recorded", f"{community} of {total} {what} ({percent(share)})")


def _is_community(member_id: UUID | None, members: Mapping[UUID, Member]) -> bool:
    member = members.get(member_id) if member_id is not None else None
    return member is not None and member.is_current and member.is_community


def measure_governing_body(
    body: GoverningBody | None, members: Mapping[UUID, Member], profile: PowerProfile
) -> Measure:
    """Community share of the governing body's filled voting seats; before any seat is filled,
    the share of seats the bylaws reserve for community members."""
    seats = [s for s in (body.seats if body else []) if s.votes and not s.is_vacant]
    if seats:
        community = sum(_is_community(s.member_id, members) for s in seats)
        return _counted("governing_body", community, len(seats), "voting seats held by community members")
    total, reserved = profile.value("gb_seats"), profile.value("gb_community_seats")
    if total:
        share = Fraction(int(reserved or 0), int(total))
        return Measure("governing_body", "measured", None, None, share, "bylaws_minimum",
                       f"no seats filled yet; the bylaws reserve {reserved} of {total} seats ({percent(share)})")
    return Measure("governing_body", "unknown", None, None, None, "none", "no governing body recorded")


def measure_organization(members: Iterable[Member]) -> Measure:
    """Community share of the current members (all classes)."""
    current = [m for m in members if m.is_current]
    if not current:
        return Measure("organization", "unknown", None, None, None, "none", "no members recorded")
    return _counted("organization", sum(m.is_community for m in current), len(current), "members are community members")


def _officer_measure(
    dimension: str,
    holders: list[Any],
    members: Mapping[UUID, Member],
    fallback: Fraction | None,
    what: str,
    fallback_note: str,
) -> Measure:
    if holders:
        community = sum(_is_community(o.member_id, members) for o in holders)
        return _counted(dimension, community, len(holders), what)
    if fallback is not None:
        return Measure(dimension, "measured", None, None, fallback, "bylaws_minimum", fallback_note)
    return Measure(dimension, "unknown", None, None, None, "none", "none recorded")


def measure_spokespeople(body: GoverningBody | None, members: Mapping[UUID, Member], profile: PowerProfile) -> Measure:
    """Community share of the recorded spokespeople; before any is recorded, the bylaws' minimum."""
    holders = [o for o in (body.officers if body else []) if o.role == "spokesperson"]
    raw = profile.value("spokespeople_community_share")
    fallback = Fraction(str(raw)) if raw is not None else None
    note = f"none recorded yet; the bylaws require at least {percent(fallback)}" if fallback is not None else ""
    return _officer_measure("spokespeople", holders, members, fallback, "spokespeople are community members", note)


LEADERSHIP_ROLES = ("chair", "convenor", "secretary", "treasurer", "other")


def measure_leadership(body: GoverningBody | None, members: Mapping[UUID, Member], profile: PowerProfile) -> Measure:
    """Community share of the officers (chair or convenor, secretary, treasurer, other officers);
    before any is recorded, 100% when the bylaws reserve the offices for community members."""
    holders = [o for o in (body.officers if body else []) if o.role in LEADERSHIP_ROLES]
    fallback = Fraction(1) if profile.value("officers_community") is True else None
    return _officer_measure("leadership", holders, members, fallback, "officers are community members",
                            "none recorded yet; the bylaws reserve the offices for community members")


def measure_staff(staff: StaffCount | None) -> Measure:
    """Community share of paid staff: not applicable with no staff, unknown when not recorded."""
    if staff is None:
        return Measure("staff", "unknown", None, None, None, "none", "staff not recorded")
    if staff.total == 0:
        return Measure("staff", "not_applicable", 0, 0, None, "recorded", "no paid staff")
    return _counted("staff", staff.community, staff.total, "staff are community members")
