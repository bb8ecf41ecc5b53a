"""The power audit: does a bylaws version keep power with community members, and by whose measure?

``audit`` is a pure function over a bylaws draft (one version), the current members, the
governing body as recorded, and optionally paid staff counts, a legal context's form and powers
read from outside the bylaws (a partnership agreement). It returns a ``PowerAudit``:

1. **findings** (``formation.audit_findings``): each with a severity, the clause to change, a
   plain reason and the fix;
2. **the criteria matrix**: every criteria set (``formation.criteria_sets``: Red Umbrella Fund,
   CASWLR, Scarlet Alliance, NSWP, UNAIDS), each criterion pass / fail / unknown / not applicable
   with the measured share, and the set's verdict. A set fails when a criterion fails or when a
   critical finding puts power outside the community (a partner's veto fails every set);
3. **the verdict**: community-led or community-based, with its reasons. Any critical finding
   makes it community-based (SWIT 2013, section 1.2.3, pp. 31-32:
   http://www.who.int/hiv/pub/sti/sex_worker_implementation/en/);
4. **completeness** against the legal form's required contents (e.g. New Zealand's Incorporated
   Societies Act 2022 s.26), each missing item named with its statute reference.

Only members recorded ``community_member="yes"`` count as community members; ``"undisclosed"``
never does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel

from formation.audit_findings import (
    Finding,
    GrantLike,
    bylaws_grant_findings,
    bylaws_rule_findings,
    describe,
    extra_grant_findings,
    record_findings,
    sort_findings,
)
from formation.bylaws import governance_rules, version_of
from formation.bylaws_text import ResolvedClause, resolve_version
from formation.clauses import ClauseLibrary, load_library
from formation.criteria_sets import DIMENSION_LABELS, CriteriaSet, load_criteria_sets
from formation.errors import InputError
from formation.models.bylaws import BylawsDraft
from formation.models.governing_body import GoverningBody
from formation.models.legal import LegalContext
from formation.models.members import Member
from formation.power import (
    Measure,
    PowerProfile,
    StaffCount,
    measure_governing_body,
    measure_leadership,
    measure_organization,
    measure_spokespeople,
    measure_staff,
    percent,
    power_profile,
)

__all__ = [
    "CriteriaSetResult",
    "CriterionResult",
    "Completeness",
    "Finding",
    "PowerAudit",
    "RequiredContentResult",
    "StaffCount",
    "Verdict",
    "audit",
    "completeness",
]


class CriterionResult(BaseModel):
    """One criterion of a set, checked.

    Attributes:
        id, text, dimension: the criterion (see ``formation.criteria_sets.Criterion``).
        threshold: ``"at least 60%"``.
        status: ``pass``, ``fail``, ``unknown`` (nothing recorded to count) or ``not_applicable``
            (e.g. no paid staff).
        measured: what was counted, ``"4 of 7 voting seats held by community members (57%)"``.
        basis: ``recorded``, ``bylaws_minimum`` or ``none``.
    """

    id: str
    text: str
    dimension: str
    threshold: str
    status: Literal["pass", "fail", "unknown", "not_applicable"]
    measured: str
    basis: str


class CriteriaSetResult(BaseModel):
    """One row of the criteria matrix.

    Attributes:
        id, name, short_name, version, verification, source_url, checked_on: the set.
        verdict: ``pass`` (every criterion met, nothing critical), ``fail`` (a criterion failed or
            a critical finding puts power outside the community), ``incomplete`` (nothing failed,
            something could not be counted), ``not_checkable`` (the set publishes no numeric
            criteria and nothing critical was found: the body itself judges).
        criteria: each criterion's result.
        blocked_by: the codes of critical findings that fail the set whatever the numbers.
        not_checked: what the set asks that numbers cannot show.
    """

    id: str
    name: str
    short_name: str
    version: str
    verification: str
    source_url: str
    checked_on: str
    verdict: Literal["pass", "fail", "incomplete", "not_checkable"]
    criteria: list[CriterionResult]
    blocked_by: list[str]
    not_checked: list[str]


class Verdict(BaseModel):
    """The overall verdict.

    Attributes:
        community_led: True when no critical finding puts power outside the community.
        label: ``"community-led"`` or ``"community-based"``.
        reasons: why, in plain sentences (each critical finding with its clause, or what keeps
            power with the community).
        watch: warnings worth acting on.
    """

    community_led: bool
    label: Literal["community-led", "community-based"]
    reasons: list[str]
    watch: list[str]


class RequiredContentResult(BaseModel):
    """One item the law requires in the governing document.

    Attributes:
        id, title, reference: the item (``reference`` names the statute and section).
        confirmed: False when its wording was not confirmed from the statute.
        status: ``covered``, ``missing``, or ``to_check`` (not covered, and its wording is
            unconfirmed: check it by hand).
        covered_by: ids of the clauses that cover it.
    """

    id: str
    title: str
    reference: str
    confirmed: bool
    status: Literal["covered", "missing", "to_check"]
    covered_by: list[str]


class Completeness(BaseModel):
    """The version checked against a legal form's required contents.

    Attributes:
        context_id, form_id, form_name: the legal form.
        complete: True when nothing is missing, None when the context lists no required contents
            for the form (nothing to check against).
        items: every required content with its status.
        missing: ``"<reference>: <title>"`` for each missing item.
    """

    context_id: str
    form_id: str
    form_name: str
    complete: bool | None
    items: list[RequiredContentResult]
    missing: list[str]


class PowerAudit(BaseModel):
    """The audit of one bylaws version (see the module docstring).

    Attributes:
        version: the version number audited.
        findings: most severe first.
        measures: ``{dimension: {status, basis, note, share, community, total}}``.
        criteria: the criteria matrix, one row per set.
        verdict: community-led or community-based, with reasons.
        completeness: against the legal form, or None when no form was given.
    """

    version: int
    findings: list[Finding]
    measures: dict[str, dict[str, Any]]
    criteria: list[CriteriaSetResult]
    verdict: Verdict
    completeness: Completeness | None

    def criteria_set(self, set_id: str) -> CriteriaSetResult:
        """The matrix row of a set, by id.

        Raises:
            KeyError: the set was not part of this audit.
        """
        for row in self.criteria:
            if row.id == set_id:
                return row
        raise KeyError(set_id)

    def by_code(self, code: str) -> list[Finding]:
        """The findings with this code."""
        return [f for f in self.findings if f.code == code]


def _criteria_rows(
    sets: Sequence[CriteriaSet], measures: dict[str, Measure], critical: list[Finding]
) -> list[CriteriaSetResult]:
    blocked = [f.code for f in critical]
    rows = []
    for cset in sets:
        results = []
        for criterion in cset.criteria:
            m = measures[criterion.dimension]
            if m.status == "measured" and m.share is not None:
                status = "pass" if criterion.met_by(m.share) else "fail"
            else:
                status = m.status
            results.append(CriterionResult(
                id=criterion.id, text=criterion.text, dimension=DIMENSION_LABELS[criterion.dimension],
                threshold=criterion.describe_threshold(), status=status, measured=m.note, basis=m.basis,
            ))
        statuses = {r.status for r in results}
        if blocked or "fail" in statuses:
            verdict = "fail"
        elif "unknown" in statuses:
            verdict = "incomplete"
        elif not results:
            verdict = "not_checkable"
        else:
            verdict = "pass"
        rows.append(CriteriaSetResult(
            id=cset.id, name=cset.name, short_name=cset.short_name, version=cset.version,
            verification=cset.verification, source_url=cset.source_url, checked_on=cset.checked_on.isoformat(),
            verdict=verdict, criteria=results, blocked_by=blocked, not_checked=list(cset.not_checked),
        ))
    return rows


def _positive_reasons(profile: PowerProfile, gb: Measure) -> list[str]:
    body = profile.body_name
    reasons = []
    if gb.share is not None:
        if gb.basis == "recorded":
            reasons.append(f"Community members hold {gb.community} of {gb.total} seats on the {body} ({percent(gb.share)}).")
        else:
            reasons.append(f"The bylaws reserve {percent(gb.share)} of the seats on the {body} for community members.")
    if profile.value("voting_members") == "community_only":
        reasons.append("Only community members vote at general meetings.")
    if profile.value("amendments_by") == "general_meeting":
        entrenched = profile.value("community_clauses_entrenched") is True
        reasons.append("Only a general meeting can amend the bylaws" + (", and the community-led clauses are entrenched."
                                                                        if entrenched else "."))
    if not any(g.power != "attend" and not g.statutory for g in profile.grants):
        reasons.append("No partner or outsider has a vote, a veto or the power to appoint.")
    return reasons


def completeness(
    resolved: Sequence[ResolvedClause], context: LegalContext, form_id: str
) -> Completeness:
    """Check a resolved version against a legal form's required contents.

    Args:
        resolved: the version's clauses (``formation.bylaws_text.resolve_version``).
        context: the legal context (``formation.contexts.load_context``).
        form_id: the id of one of its legal forms.

    Returns:
        A ``Completeness``: an item is covered when an included clause (or its chosen option)
        lists ``"<context id>:<item id>"`` in ``satisfies``.

    Raises:
        InputError: the context has no such form.
    """
    form = context.form(form_id)
    if form is None:
        raise InputError(f"is not a legal form of {context.id}", field="legal_form_id")
    covering: dict[str, list[str]] = {}
    for clause in resolved:
        refs = list(clause.spec.satisfies)
        for option in clause.options.values():
            refs.extend(option.satisfies)
        for ref in refs:
            ctx, _, item = ref.partition(":")
            if ctx == context.id and clause.spec.id not in covering.setdefault(item, []):
                covering[item].append(clause.spec.id)
    items = []
    for rc in form.required_contents:
        by = covering.get(rc.id, [])
        status = "covered" if by else ("missing" if rc.confirmed else "to_check")
        items.append(RequiredContentResult(id=rc.id, title=" ".join(rc.title.split()), reference=rc.reference,
                                           confirmed=rc.confirmed, status=status, covered_by=by))
    missing = [f"{i.reference}: {i.title}" for i in items if i.status == "missing"]
    return Completeness(context_id=context.id, form_id=form.id, form_name=form.name,
                        complete=(not missing) if items else None, items=items, missing=missing)


def _gb_quorum(draft: BylawsDraft, version: int, seats: Any, library: ClauseLibrary) -> int | None:
    if not seats:
        return None
    rule = governance_rules(draft, version, library=library).governing_body_quorum
    n = int(seats)
    if rule.kind == "majority_of_voting_members":
        need = n // 2 + 1
    elif rule.kind == "share_of_voting_members":
        need = math.ceil(Fraction(str(rule.share)) * n)
    else:
        need = int(rule.number or 1)
    return max(need, int(rule.minimum or 0))


def audit(
    draft: BylawsDraft,
    *,
    members: Sequence[Member],
    governing_body: GoverningBody | None = None,
    version: int | None = None,
    staff: StaffCount | None = None,
    criteria: Sequence[str] | None = None,
    context: LegalContext | None = None,
    form_id: str | None = None,
    extra_grants: Sequence[GrantLike] = (),
    library: ClauseLibrary | None = None,
) -> PowerAudit:
    """Audit one bylaws version.

    Args:
        draft: the bylaws.
        members: the members (current ones are counted; only ``community_member="yes"`` counts).
        governing_body: the governing body as recorded, or None before it is elected (the
            bylaws' reserved seats are then measured).
        version: the version number, or None for the newest.
        staff: paid staff counts, or None when not recorded (staff criteria are then "unknown";
            ``StaffCount(total=0, community=0)`` makes them "not applicable").
        criteria: ids of the criteria sets to check, or None for all.
        context, form_id: a legal context and one of its forms for the completeness check, or
            None to skip it.
        extra_grants: powers read from outside the bylaws, e.g.
            ``formation.partners.agreement_power_grants(agreement, partner)``.
        library: the clause library (default: the shipped one).

    Returns:
        The ``PowerAudit``.

    Raises:
        InputError: no such version, unknown criteria set, or unknown legal form.
        ValidationFailed: the version's choices are invalid.
    """
    lib = library if library is not None else load_library()
    target = version_of(draft, version)
    resolved = resolve_version(target, lib)
    profile = power_profile(resolved, [a.id for a in lib.articles])
    by_id = {m.id: m for m in members}
    measures = {
        "governing_body": measure_governing_body(governing_body, by_id, profile),
        "organization": measure_organization(members),
        "spokespeople": measure_spokespeople(governing_body, by_id, profile),
        "leadership": measure_leadership(governing_body, by_id, profile),
        "staff": measure_staff(staff),
    }
    gb_quorum = _gb_quorum(draft, target.number, profile.value("gb_seats"), lib)
    findings = (bylaws_grant_findings(profile)
                + bylaws_rule_findings(profile, gb_quorum=gb_quorum)
                + record_findings(profile, members, by_id, governing_body, measures["governing_body"])
                + extra_grant_findings(extra_grants, profile.body_name))
    gb = measures["governing_body"]
    if gb.basis == "bylaws_minimum" and gb.share is not None and gb.share * 2 <= 1:
        findings.append(Finding(code="governing_body_not_community_majority", severity="critical",
                                clause_id=profile.clause_of("gb_community_seats"), where="bylaws",
                                reference=profile.label(profile.clause_of("gb_community_seats") or "governing_body"),
                                reason=f"{gb.note}: nothing keeps a community majority on the {profile.body_name}.",
                                fix="Reserve more than half of the seats for community members."))
    findings = sort_findings(findings)
    all_sets = load_criteria_sets()
    if criteria is None:
        chosen = list(all_sets.values())
    else:
        unknown = [c for c in criteria if c not in all_sets]
        if unknown:
            raise InputError(f"is not a criteria set (known: {', '.join(all_sets)})", field="criteria")
        chosen = [all_sets[c] for c in criteria]
    critical = [f for f in findings if f.severity == "critical"]
    rows = _criteria_rows(chosen, measures, critical)
    if critical:
        reasons = [f"{f.reason} ({f.reference})" if f.where != "agreement" else f.reason for f in critical]
    else:
        reasons = _positive_reasons(profile, gb)
    verdict = Verdict(
        community_led=not critical,
        label="community-led" if not critical else "community-based",
        reasons=reasons,
        watch=[f"{f.reason} ({f.reference})" for f in findings if f.severity == "warning"],
    )
    done = completeness(resolved, context, form_id) if context is not None and form_id else None
    return PowerAudit(version=target.number, findings=findings, measures={k: describe(m) for k, m in measures.items()},
                      criteria=rows, verdict=verdict, completeness=done)
