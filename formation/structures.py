"""The structure chooser: plain-language answers -> every legal form of a context, ranked, explained.

``suggest_structures`` is a pure, deterministic function. It scores each legal form of a legal
context (``formation.contexts.load_context``) against the group's answers, giving each point its
reason, and says plainly when a form does not fit and why (too few founders, the group cannot
register openly, the form can no longer be formed, a trade union for a group not organizing as
workers). Each suggestion carries what becomes public, the minimum number of members, the fees
and typical time where the context knows them ("unknown" where it does not), the refusal risks
seen in practice, and what the form means for who holds power (``formation/form_kinds.toml``).

Forms that fit come first, then by score, then in the order the context file lists them; the
score is a guide with every point explained, not a verdict. Legal information, not legal advice.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from importlib.resources import files
from typing import Literal

from pydantic import BaseModel, Field

from formation.models.base import FormationModel, PositiveCount
from formation.models.legal import LegalContext, LegalForm, MemberMinimum, TypicalTime

YesNoUnsure = Literal["yes", "no", "unsure"]


class StructureAnswers(FormationModel):
    """The group's answers to the chooser's questions.

    Attributes:
        register_openly: can the group register openly where it lives (as what it is, with the
            names a registrar asks for)? ``yes`` / ``no`` / ``unsure``.
        bank_account: does it need a bank account?
        employ_staff: will it employ staff?
        foreign_funds: will it receive money from abroad?
        organize_as_workers: does it want to organize as workers (a union)?
        member_business: does it want a business or savings scheme its members own (a cooperative)?
        public_names: will members accept their names on a public register? ``yes`` / ``no`` /
            ``unsure``.
        founders: how many founders there are (>= 1).
    """

    register_openly: YesNoUnsure = "unsure"
    bank_account: bool = Field(default=False, strict=True)
    employ_staff: bool = Field(default=False, strict=True)
    foreign_funds: bool = Field(default=False, strict=True)
    organize_as_workers: bool = Field(default=False, strict=True)
    member_business: bool = Field(default=False, strict=True)
    public_names: YesNoUnsure = "unsure"
    founders: PositiveCount


QUESTIONS: dict[str, str] = {
    "register_openly": "Can the group register openly where it lives, as what it is?",
    "bank_account": "Does the group need a bank account?",
    "employ_staff": "Will the group employ staff?",
    "foreign_funds": "Will the group receive money from abroad?",
    "organize_as_workers": "Do the members want to organize as workers, in a union?",
    "member_business": "Do the members want a business or savings scheme they own together (a cooperative)?",
    "public_names": "Will members accept their names on a public register?",
    "founders": "How many founders are there?",
}
"""Each answer's question in plain language, for forms and ``--help``."""


class StructureOption(BaseModel):
    """One legal form, scored and explained.

    Attributes:
        rank: 1 = the best fit.
        context_id, form_id, name, kind, summary: the form.
        fits: False when the form cannot work for the group now (see ``does_not_fit``).
        score: the sum of the points below (a guide, not a verdict).
        reasons_for, reasons_against: each point's reason, ``"+2: ..."`` / ``"-1: ..."``.
        does_not_fit: why the form does not fit, or empty.
        public: what becomes visible, and to whom.
        minimum_members: in words (``"10 (at all times; ...)"``, ``"none set by law"``,
            ``"unknown"``).
        cost: each fee (``"Application to incorporate: 88.89 NZD (as of 2026-11-30)"``), or
            ``["unknown"]``.
        time: the typical time to register, or ``"unknown"``.
        power: what the form means for who holds power.
        refusal_risks: ``"risk - mitigation"`` for each risk seen in practice.
    """

    rank: int
    context_id: str
    form_id: str
    name: str
    kind: str
    summary: str
    fits: bool
    score: int
    reasons_for: list[str]
    reasons_against: list[str]
    does_not_fit: list[str]
    public: list[str]
    minimum_members: str
    cost: list[str]
    time: str
    power: str
    refusal_risks: list[str]


class StructureSuggestions(BaseModel):
    """The chooser's answer for one legal context.

    Attributes:
        context_id, context_name: the context.
        reviewed_on: the ISO date the context's facts were last reviewed.
        sex_work: how sex work is treated there, and what registering openly means.
        options: every form, best first.
        disclaimer: "legal information, not legal advice" with the review date.
    """

    context_id: str
    context_name: str
    reviewed_on: str
    sex_work: str
    options: list[StructureOption]
    disclaimer: str


@functools.lru_cache(maxsize=1)
def form_kinds() -> dict[str, dict]:
    """``formation/form_kinds.toml``: for each kind of legal form, its label, whether it is
    registered, what it means for power (``power``, a one-line ``power_reason`` and
    ``power_points`` for the ranking) and sources."""
    data = tomllib.loads((files("formation") / "form_kinds.toml").read_text(encoding="utf-8"))
    return data["kinds"]


def _minimum(form: LegalForm) -> tuple[int | None, str]:
    minimum: MemberMinimum | None = form.min_founders or form.min_members
    if minimum is None:
        return None, "none set by law"
    if minimum.count == "unknown":
        return None, "unknown"
    note = f" ({' '.join(minimum.note.split())})" if minimum.note else ""
    return int(minimum.count), f"{minimum.count}{note}"


def _time(time: TypicalTime | None) -> str:
    if time is None or time.max == "unknown":
        return "unknown"
    low = f"{time.min} to " if time.min is not None else "up to "
    return f"{low}{time.max} {time.unit}"


def _cost(form: LegalForm) -> list[str]:
    out = []
    for fee in form.fees:
        if fee.amount == "unknown":
            out.append(f"{fee.label}: unknown")
        else:
            when = f" (as of {fee.as_of.isoformat()})" if fee.as_of else ""
            out.append(f"{fee.label}: {fee.amount} {fee.currency}{when}")
    return out or ["unknown"]


def _score(form: LegalForm, context: LegalContext, answers: StructureAnswers) -> tuple[int, list[str], list[str], list[str]]:
    kind = form_kinds().get(form.kind, {})
    registered = bool(kind.get("registered", form.registrar is not None))
    points: list[tuple[int, str]] = []
    blockers: list[str] = []
    if not form.open_to_new:
        blockers.append("This form can no longer be formed; it is listed for groups that already hold it.")
    count, _ = _minimum(form)
    if count is not None and answers.founders < count:
        blockers.append(f"It needs at least {count} founding members; you have {answers.founders}.")
    if registered:
        if answers.register_openly == "no":
            blockers.append("You said the group cannot register openly, and this form is registered with "
                            f"{form.registrar.name if form.registrar else 'a registrar'}.")
        elif answers.register_openly == "yes":
            points.append((2, "It gives the group legal standing of its own, which you can register openly for."))
        else:
            points.append((-1, "Registering is public: check below what it exposes before deciding."))
        if context.sex_work.treatment in ("criminalised", "partly_criminalised"):
            points.append((-1, f"Sex work is {context.sex_work.treatment.replace('_', ' ')} in {context.name}: an "
                               "open registration can draw attention (see the refusal risks)."))
    else:
        if answers.register_openly == "no":
            points.append((3, "It works without registering, so nobody has to be named to a registrar."))
        elif answers.register_openly == "unsure":
            points.append((1, "It can start now, without registering, while you find out more."))
    if answers.bank_account:
        if registered:
            points.append((2, "It can hold a bank account in its own name."))
        elif form.kind == "fiscally_sponsored_project":
            points.append((1, "The host holds the money in its account for the group."))
        else:
            points.append((-2, "Without legal standing of its own, an account is usually held by members personally "
                               "or by a host."))
    if answers.employ_staff:
        if registered:
            points.append((2, "It can employ staff itself."))
        elif form.kind == "fiscally_sponsored_project":
            points.append((1, "The host can employ staff for the group, which puts the staff under the host."))
        else:
            points.append((-2, "Members would have to employ staff personally."))
    if answers.foreign_funds:
        if registered:
            points.append((1, "Funders can pay a registered body directly (check any national rules on foreign funds)."))
        elif form.kind == "fiscally_sponsored_project":
            points.append((1, "The host can receive grants for the group."))
    if form.kind == "trade_union":
        if answers.organize_as_workers:
            points.append((4, "You want to organize as workers: a union is made for that."))
        else:
            blockers.append("A trade union is for organizing as workers; you did not choose that.")
    if form.kind == "cooperative":
        if answers.member_business:
            points.append((4, "You want a business or savings scheme the members own: a cooperative is made for that."))
        else:
            points.append((-1, "A cooperative suits a business or savings scheme the members own, which you did not choose."))
    exposed = [e for e in form.public_exposure if e.visible_to == "anyone" and e.identifies_people]
    if exposed and answers.public_names == "no":
        points.append((-3, "People's names go on a public register, and members do not accept that; it can work only "
                           "if members willing to be named take those roles."))
    elif exposed and answers.public_names == "unsure":
        points.append((-1, "Some people's names go on a public register: ask members before choosing."))
    power_points = int(kind.get("power_points", 0))
    if power_points:
        points.append((power_points, "Power: " + str(kind.get("power_reason", "see below"))))
    score = sum(p for p, _ in points)
    reasons_for = [f"+{p}: {text}" for p, text in points if p > 0]
    reasons_against = [f"{p}: {text}" for p, text in points if p < 0]
    return score, reasons_for, reasons_against, blockers


def suggest_structures(
    context: LegalContext, answers: StructureAnswers, *, also: Sequence[LegalContext] = ()
) -> StructureSuggestions:
    """Rank every legal form of a context for a group's answers.

    Args:
        context: the group's legal context.
        answers: the answers to ``QUESTIONS``.
        also: further contexts whose forms are offered too, e.g. the context usable anywhere
            (an unregistered collective, with or without a fiscal host).

    Returns:
        ``StructureSuggestions``, every form ranked (those that fit first), each with reasons.
    """
    scored = []
    position = 0
    for ctx in (context, *also):
        for form in ctx.forms:
            score, pros, cons, blockers = _score(form, ctx, answers)
            scored.append((not blockers, score, position, ctx, form, pros, cons, blockers))
            position += 1
    scored.sort(key=lambda row: (not row[0], -row[1], row[2]))
    options = []
    for rank, (fits, score, _, ctx, form, pros, cons, blockers) in enumerate(scored, 1):
        kind = form_kinds().get(form.kind, {})
        options.append(StructureOption(
            rank=rank, context_id=ctx.id, form_id=form.id, name=form.name, kind=form.kind,
            summary=" ".join(form.summary.split()), fits=fits, score=score, reasons_for=pros,
            reasons_against=cons, does_not_fit=blockers,
            public=[f"{' '.join(e.what.split())} (visible to: {e.visible_to})" for e in form.public_exposure],
            minimum_members=_minimum(form)[1], cost=_cost(form), time=_time(form.typical_time),
            power=" ".join(str(kind.get("power", "unknown")).split()),
            refusal_risks=[f"{' '.join(r.risk.split())} - {' '.join(r.mitigation.split())}" for r in form.refusal_risks],
        ))
    reviewed = context.reviewed_on.isoformat()
    return StructureSuggestions(
        context_id=context.id,
        context_name=context.name,
        reviewed_on=reviewed,
        sex_work=" ".join(f"{context.sex_work.summary} {context.sex_work.registering_openly}".split()),
        options=options,
        disclaimer=f"Legal information, not legal advice; the facts for {context.name} were reviewed on {reviewed}.",
    )
