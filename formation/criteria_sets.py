"""Criteria sets: named, versioned, sourced definitions of "sex worker-led" / "community-led".

Each set is one file ``formation/criteria/<id>.toml`` (research/domain-legal.md section 1, checked
in research/legal-verification.md): the Red Umbrella Fund (decision-making body >= 60% sex
workers, spokespeople >= 60%, staff >= 33%), CASWLR voting members (>= 51% of the organization
and of its decision-makers), Scarlet Alliance (a majority of staff and committees), NSWP full
members (no published numeric threshold), UNAIDS community-led (a majority of governance,
leadership, staff and spokespeople; wording unverified). A set records its source URL, the date
it was checked, how far it was verified, and what it asks that cannot be checked by numbers.

A criterion compares the community share of one *dimension* with a threshold:

- ``governing_body``: the voting seats of the governing body;
- ``organization``: the current members;
- ``spokespeople``: the people who speak for the organization;
- ``leadership``: the officers (chair or convenor, secretary, treasurer, other officers);
- ``staff``: paid staff.

``at_least`` means share >= threshold, ``more_than`` share > threshold (a majority is
``more_than 0.5``). Shares are compared as exact fractions: 4 of 7 is below 60%, 1 of 3 is at
least 33%.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator

from formation.errors import InputError, ValidationFailed, from_validation_error
from formation.tomlsafe import parse_toml
from formation.models.base import FormationModel, ISODate, Name, PositiveCount, Text

Dimension = Literal["governing_body", "organization", "spokespeople", "leadership", "staff"]
DIMENSIONS: tuple[str, ...] = Dimension.__args__  # type: ignore[attr-defined]

DIMENSION_LABELS = {
    "governing_body": "decision-making body",
    "organization": "members",
    "spokespeople": "spokespeople",
    "leadership": "leadership (officers)",
    "staff": "staff",
}


class Criterion(FormationModel):
    """One numeric criterion of a set.

    Attributes:
        id: stable id within the set.
        dimension: what is counted (see the module docstring).
        comparison: ``at_least`` (>=) or ``more_than`` (>).
        threshold: a fraction 0..1.
        text: the criterion in plain words, as the source states it.
    """

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
    dimension: Dimension
    comparison: Literal["at_least", "more_than"]
    threshold: Annotated[float, Field(ge=0.0, le=1.0)]
    text: Text

    @property
    def fraction(self) -> Fraction:
        """The threshold as an exact fraction (0.6 -> 3/5)."""
        return Fraction(str(self.threshold))

    def met_by(self, share: Fraction) -> bool:
        """True if ``share`` meets the criterion."""
        return share >= self.fraction if self.comparison == "at_least" else share > self.fraction

    def describe_threshold(self) -> str:
        """``"at least 60%"`` / ``"more than 50%"``."""
        percent = f"{self.threshold * 100:g}%"
        return f"at least {percent}" if self.comparison == "at_least" else f"more than {percent}"


class CriteriaSet(FormationModel):
    """A named, versioned, sourced criteria set (one ``formation/criteria/<id>.toml``).

    Attributes:
        id: stable id, equal to the file name (``red_umbrella_fund``).
        order: its place in listings and in the audit matrix.
        name, short_name: its full and short names.
        version: the version of the definition (``"2018"``).
        verification: ``confirmed``, ``partly_confirmed`` or ``unverified`` (the source's own
            text could not be found): shown next to every result.
        source_title, source_url: where the definition is published.
        checked_on: the ISO date the source was last read.
        counts_former: True if former sex workers count.
        summary: the definition in plain words.
        not_checked: what the set also asks that the audit cannot check by numbers.
        criteria: the numeric criteria (may be empty: NSWP publishes none).
    """

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
    order: PositiveCount
    name: Name
    short_name: Name
    version: Name
    verification: Literal["confirmed", "partly_confirmed", "unverified"]
    source_title: Name
    source_url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=1000)]
    checked_on: ISODate
    counts_former: bool = Field(strict=True)
    summary: Annotated[Text, AfterValidator(lambda v: " ".join(v.split()))]
    not_checked: list[Text] = Field(default_factory=list, max_length=20)
    criteria: list[Criterion] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _unique_ids(self) -> "CriteriaSet":
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError("criterion ids must be unique within a set")
        return self


def load_criteria_sets_from(folder: Traversable | Path) -> dict[str, CriteriaSet]:
    """Load and check every ``*.toml`` criteria set in ``folder``.

    Returns:
        ``{id: CriteriaSet}`` in ``order``.

    Raises:
        InputError: a file is not valid TOML (naming file and line), or none is found.
        ValidationFailed: a file breaks the schema (naming file and field), its id differs from
            its file name, or two sets share an id or an order.
    """
    root: Traversable = Path(folder) if isinstance(folder, str) else folder
    sets: list[CriteriaSet] = []
    for file in sorted((f for f in root.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name):
        source = f"criteria/{file.name}"
        data = parse_toml(file.read_text(encoding="utf-8"), source=source)  # InputError naming the line
        try:
            found = CriteriaSet.model_validate(data)
        except ValidationError as exc:
            raise from_validation_error(exc, source=source) from None
        if found.id != file.name[: -len(".toml")]:
            raise ValidationFailed([("id", "must equal the file name without .toml")], source=source)
        sets.append(found)
    if not sets:
        raise InputError("holds no criteria sets", source="criteria/")
    for field in ("id", "order"):
        values = [getattr(s, field) for s in sets]
        if len(values) != len(set(values)):
            raise ValidationFailed([(field, "two criteria sets share the same value")], source="criteria/")
    return {s.id: s for s in sorted(sets, key=lambda s: s.order)}


@functools.lru_cache(maxsize=1)
def load_criteria_sets() -> dict[str, CriteriaSet]:
    """The criteria sets shipped with formation, loaded once per process (see
    ``load_criteria_sets_from``)."""
    return load_criteria_sets_from(files("formation.criteria"))


def find_criteria_set(name: str) -> CriteriaSet:
    """A shipped criteria set by id or short name, ignoring case (``"ruf"``, ``"caswlr"``).

    Raises:
        InputError: no set has that id or short name (the message lists the ids).
    """
    wanted = name.strip().lower()
    for found in load_criteria_sets().values():
        if wanted in (found.id, found.short_name.lower()):
            return found
    known = ", ".join(load_criteria_sets())
    raise InputError(f"is not a criteria set (known: {known})", field="--criteria")
