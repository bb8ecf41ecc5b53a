"""When a recurring obligation falls due: the rule format of ``legal_contexts/*.toml``.

An obligation's ``due`` table says how its deadlines are dated from the organization's own facts:

- ``repeat = "once"``: one deadline, e.g. 27 months after the end of the month of formation.
- ``repeat = "yearly"``: one deadline per financial year or per anniversary, e.g. 9 months after
  each financial year end; ``every_months`` (1..120) is the interval between anchors.
- ``repeat = "each_event"``: one deadline per dated event, e.g. 14 days after each AGM, 15 days
  after each change of officers.
- ``repeat = "cycle"``: a chain of meetings, each dated from the one before, e.g. an AGM within
  6 months after the balance date and within 15 months after the previous AGM; the first within
  18 months after incorporation.

Each deadline is the earliest (or, with ``combine = "latest"``, the latest) of its ``limits``;
each limit is an anchor plus an offset in years, months and days. Rules are validated before use
so that none can loop: intervals are at least 1 month, cycles always move forward, offsets are
bounded (research/libraries.md section 5: dateutil issue 1441, an interval of 0 loops forever).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from formation.models.base import FormationModel, ISODate

Identifier = str
"""Type alias for ids in context files: lower-case letters, digits and underscores."""

ID_PATTERN = r"^[a-z0-9][a-z0-9_]{0,63}$"

EventName = Literal[
    "agm",
    "general_meeting",
    "officer_change",
    "special_resolution",
    "committee_departure",
    "membership_below_minimum",
    "host_agreement_signed",
    "host_agreement_end",
    "funder_report_due",
    "grant_period_end",
]
"""Dated events an organization records (or another part of formation supplies) and that
obligations are dated from: ``agm`` (each annual general meeting held), ``officer_change`` (each
election or change of officers), ``special_resolution`` (e.g. a change of name, objects or
constitution), ``committee_departure``, ``membership_below_minimum`` (the day membership fell
below the legal minimum), and, for groups without a statute, the host agreement's and funders'
own dates."""

Anchor = Literal[
    "incorporation",
    "founding",
    "anniversary",
    "financial_year_end",
    "previous",
    "event",
    "agm_after",
    "date",
]
"""What a limit counts from:

- ``incorporation`` / ``founding``: the organization's incorporation or founding date.
- ``anniversary``: in a ``yearly`` rule, the anniversary of incorporation that the occurrence
  belongs to (the first is one year after incorporation).
- ``financial_year_end``: in a ``yearly`` rule, the balance date of the occurrence; in a
  ``cycle``, the first balance date after the previous meeting (or after incorporation).
- ``previous``: in a ``cycle``, the previous meeting (held, or assumed held on its last day).
- ``event``: in an ``each_event`` rule, the event itself.
- ``agm_after``: in a ``yearly`` rule, the first AGM held after the occurrence's anchor.
- ``date``: a fixed calendar date given in ``date`` (a transition deadline).
"""

MAX_OFFSET_MONTHS = 120
MAX_OFFSET_DAYS = 3660


class Limit(FormationModel):
    """One "no later than ... after ..." part of a due rule.

    Attributes:
        after: the anchor (see ``Anchor``).
        years, months, days: the offset after the anchor; negative for "before" (e.g. -21 days
            before a meeting). Bounded: |months + 12 * years| <= 120, |days| <= 3660.
        business_days: further weekdays (Monday to Friday) after the rest of the offset, for rules
            in business or working days. Public holidays are not known here and are not skipped,
            so the date shown is never later than the legal one (it may be earlier).
        day_of_month: after adding the months, use this day of the month (clipped to the month's
            length): the IRS's "15th day of the 5th month after the year end" is
            ``from_end_of_month = true, months = 5, day_of_month = 15``.
        date: the fixed date when ``after = "date"``.
        from_end_of_month: count from the last day of the anchor's month (US Form 1023: "27 months
            from the end of the month in which it was formed").
        month_end: ``"clip"`` (default): the same day number, moved back to the month's last day
            where the month is shorter (30 June + 6 months = 30 December; 29 February + 1 year =
            28 February): the earlier reading wherever a law is silent. ``"last_day"``: when the
            anchor is the last day of its month, the deadline is the last day of the target month
            (30 June + 6 months = 31 December), as the Companies Act 2006 s.443 provides for UK
            company accounts.
    """

    after: Anchor
    years: int = Field(default=0, strict=True, ge=-10, le=10)
    months: int = Field(default=0, strict=True, ge=-MAX_OFFSET_MONTHS, le=MAX_OFFSET_MONTHS)
    days: int = Field(default=0, strict=True, ge=-MAX_OFFSET_DAYS, le=MAX_OFFSET_DAYS)
    business_days: int = Field(default=0, strict=True, ge=0, le=260)
    day_of_month: int | None = Field(default=None, strict=True, ge=1, le=31)
    date: ISODate | None = None
    from_end_of_month: bool = Field(default=False, strict=True)
    month_end: Literal["clip", "last_day"] = "clip"

    @model_validator(mode="after")
    def _date_when_fixed(self) -> "Limit":
        if self.after == "date" and self.date is None:
            raise ValueError("a limit counted from a fixed date needs 'date'")
        if self.after != "date" and self.date is not None:
            raise ValueError("'date' is only used with after = \"date\"")
        if abs(self.years * 12 + self.months) > MAX_OFFSET_MONTHS:
            raise ValueError("the offset is longer than 10 years")
        return self

    @property
    def total_months(self) -> int:
        """The offset's whole months (years counted as 12)."""
        return self.years * 12 + self.months

    @property
    def moves_forward(self) -> bool:
        """True if the offset is strictly positive (at least one day later than the anchor)."""
        if self.total_months > 0 and self.days >= 0:
            return True
        if self.total_months == 0 and (self.days > 0 or (self.days == 0 and self.business_days > 0)):
            return True
        return self.total_months > 0 and self.total_months * 28 + self.days > 0


_ANCHORS_BY_REPEAT: dict[str, set[str]] = {
    "once": {"incorporation", "founding", "date"},
    "yearly": {"financial_year_end", "anniversary", "agm_after"},
    "each_event": {"event"},
    "cycle": {"incorporation", "founding", "financial_year_end", "previous"},
}


class DueRule(FormationModel):
    """How an obligation's deadlines are dated.

    Attributes:
        repeat: ``"once"``, ``"yearly"``, ``"each_event"`` or ``"cycle"`` (see the module doc).
        limits: one or more limits; the deadline is the earliest of them (or the latest with
            ``combine = "latest"``).
        first: for ``yearly`` and ``cycle`` rules, limits for the first occurrence instead (e.g.
            the first AGM within 18 months after incorporation), or None.
        combine: ``"earliest"`` (default: "no later than X and no later than Y") or ``"latest"``
            ("whichever last expires", Companies Act 2006 s.442(3)).
        event: for ``each_event`` rules, the event that triggers a deadline; for ``cycle`` rules,
            the event that fulfils an occurrence (``"agm"``).
        every_months: for ``yearly`` rules, the months between anchors (1..120; 12 for a
            financial year or an anniversary). 0 is refused: it would never move forward.
        first_balance: for ``yearly`` rules counted from the balance date, which balance date
            ends the first financial year: ``"next"`` (the first after incorporation) or
            ``"after_first_anniversary"`` (the first on or after the first anniversary, as for a
            UK company whose first accounting reference date is the last day of the month of its
            first anniversary: Companies Act 2006 s.391(4)).
        max_occurrences: a bound on how many deadlines one obligation may produce (1..500).
    """

    repeat: Literal["once", "yearly", "each_event", "cycle"]
    limits: list[Limit] = Field(min_length=1, max_length=4)
    first: list[Limit] | None = Field(default=None, min_length=1, max_length=4)
    combine: Literal["earliest", "latest"] = "earliest"
    event: EventName | None = None
    every_months: int = Field(default=12, strict=True, ge=1, le=120)
    first_balance: Literal["next", "after_first_anniversary"] = "next"
    max_occurrences: int = Field(default=200, strict=True, ge=1, le=500)

    @model_validator(mode="after")
    def _consistent(self) -> "DueRule":
        allowed = _ANCHORS_BY_REPEAT[self.repeat]
        for limit in self.limits:
            if limit.after not in allowed:
                raise ValueError(
                    f"a '{self.repeat}' rule cannot count from '{limit.after}' "
                    f"(use one of: {', '.join(sorted(allowed))})"
                )
        if self.first is not None:
            if self.repeat not in ("yearly", "cycle"):
                raise ValueError("'first' is only used in 'yearly' and 'cycle' rules")
            for limit in self.first:
                if limit.after not in {"incorporation", "founding", "date"}:
                    raise ValueError("a 'first' limit counts from incorporation, founding or a date")
        if self.repeat in ("each_event", "cycle") and self.event is None:
            raise ValueError(f"a '{self.repeat}' rule needs 'event' (such as \"agm\")")
        if self.repeat in ("once", "yearly") and self.event is not None:
            raise ValueError(f"'event' is not used in a '{self.repeat}' rule")
        if self.repeat == "cycle":
            for limit in [*self.limits, *(self.first or [])]:
                if not limit.moves_forward:
                    raise ValueError(
                        "every limit of a 'cycle' rule needs an interval of at least 1 day after its "
                        "anchor; an interval of 0 would never move forward"
                    )
            if not any(limit.after == "previous" for limit in self.limits) and not any(
                limit.after == "financial_year_end" for limit in self.limits
            ):
                raise ValueError("a 'cycle' rule needs a limit after 'previous' or 'financial_year_end'")
        return self
