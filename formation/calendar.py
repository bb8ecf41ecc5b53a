"""Deadlines as an iCalendar (.ics) file, built with the ``icalendar`` library.

The calendar holds obligations, their due dates and their legal basis, the handover plan's dates
(by role, ``handover_calendar_deadlines``), and, on request, three community dates. It never
holds a member's name, a work name, the organization's name or any
other record from the workspace: a calendar is easily shared or synced to a phone. Event UIDs are
derived from the obligation id and due date, so exporting again updates events instead of
duplicating them. Nothing here reads the clock: the generation date is a parameter.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import icalendar

from formation.deadlines import Deadline

PRODID = "-//formation//registration deadlines//EN"
UID_DOMAIN = "formation.invalid"
NOT_ADVICE = "Legal information, not legal advice: check the source and its date before relying on it."


@dataclass(frozen=True, slots=True)
class CommunityDate:
    """A yearly date of the sex workers' rights movement.

    Attributes:
        id: stable id.
        title: its name.
        month, day: when it falls each year.
        about: one sentence on its origin.
        source: a public page describing it (checked 2026-11-30).
    """

    id: str
    title: str
    month: int
    day: int
    about: str
    source: str


COMMUNITY_DATES: tuple[CommunityDate, ...] = (
    CommunityDate(
        "end_violence_against_sex_workers",
        "International Day to End Violence against Sex Workers",
        12,
        17,
        "First held in 2003 by Annie Sprinkle and SWOP-USA as a memorial for victims of violence.",
        "https://holidaytoday.org/international-day-to-end-violence-against-sex-workers",
    ),
    CommunityDate(
        "sex_worker_rights_day",
        "International Sex Worker Rights Day",
        3,
        3,
        "Marks the gathering of more than 25,000 sex workers organised by Durbar Mahila Samanwaya "
        "Committee in Kolkata on 3 March 2001.",
        "http://caribbeansexworkcollective.org/index.php/en/campaigns-and-upcoming-events/94-march-3rd-international-sex-worker-rights-day",
    ),
    CommunityDate(
        "international_sex_workers_day",
        "International Sex Workers' Day",
        6,
        2,
        "Marks the occupation of the Saint-Nizier church in Lyon by sex workers on 2 June 1975.",
        "https://anydayguide.com/calendar/3259",
    ),
)
"""The community dates the calendar can add (``community_years``)."""


def handover_calendar_deadlines(
    items: Iterable[Any],
    *,
    member_names: Iterable[str] = (),
    since: _dt.date | None = None,
    until: _dt.date | None = None,
) -> list[Deadline]:
    """The handover plan's open items as deadlines fit for a calendar: no one is named.

    Args:
        items: ``formation.models.HandoverItem`` records (done and dropped ones are left out).
        member_names: every member's work and legal name; withheld from an ``"other"`` role's own
            title (``"[name withheld]"``).
        since, until: ISO dates bounding the due dates kept (inclusive), or None.

    Returns:
        One ``Deadline`` per open item (``formation.handover_plan.handover_deadline``), titled
        ``"Handover: <role>"``, with a basis that never repeats who holds the role today (free
        text that may name a partner's staff) and an id carrying the item's first 8 hex digits,
        so two roles due on one day stay two events. Sorted by due date.
    """
    from formation.handover_plan import handover_deadline
    from formation.overview import withhold_names

    names = [n for n in member_names if n]
    out = []
    for item in items:
        if not item.is_open or (since and item.due < since) or (until and item.due > until):
            continue
        deadline = handover_deadline(item)
        out.append(dataclasses.replace(
            deadline,
            obligation_id=f"{deadline.obligation_id}-{item.id.hex[:8]}",
            title=f"Handover: {withhold_names(item.role_title, names)}",
            basis="the handover plan's date by which a member holds this role",
        ))
    return sorted(out, key=lambda d: (d.due, d.obligation_id))


def calendar_ics(
    deadlines: Iterable[Deadline],
    *,
    generated_on: _dt.date,
    community_years: Iterable[int] = (),
    reminder_days: int = 14,
) -> bytes:
    """Build an .ics calendar of deadlines and, optionally, community dates.

    Args:
        deadlines: deadlines from ``formation.deadlines`` (obligation id, title, due date, basis,
            reference); each becomes an all-day event on its due date.
        generated_on: the ISO date the file is made (its DTSTAMP, at 00:00 UTC).
        community_years: years for which to add the community dates (17 December, 3 March,
            2 June); empty for none.
        reminder_days: days before each deadline for a display alarm (0..365; 0 for none).

    Returns:
        The calendar as RFC 5545 bytes (UTF-8, CRLF line ends). It holds no member data.

    Raises:
        ValueError: ``reminder_days`` out of range.
    """
    if not 0 <= reminder_days <= 365:
        raise ValueError("reminder_days must be between 0 and 365")
    stamp = _dt.datetime.combine(generated_on, _dt.time(0, 0), tzinfo=_dt.timezone.utc)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Deadlines")
    for deadline in sorted(deadlines, key=lambda d: (d.due, d.obligation_id)):
        event = _all_day(
            uid=f"{deadline.obligation_id}-{deadline.due.isoformat()}@{UID_DOMAIN}",
            day=deadline.due,
            summary=f"Due: {deadline.title}",
            description="\n".join(
                part
                for part in (
                    f"Deadline: {deadline.basis}.",
                    f"Basis: {deadline.reference}." if deadline.reference else "",
                    "Assumes earlier meetings are held on their last allowed day." if deadline.projected else "",
                    NOT_ADVICE,
                )
                if part
            ),
            stamp=stamp,
        )
        event.add("categories", ["Deadline"])
        if reminder_days:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Due in {reminder_days} days: {deadline.title}")
            alarm.add("trigger", _dt.timedelta(days=-reminder_days))
            event.add_component(alarm)
        cal.add_component(event)
    for year in sorted(set(community_years)):
        for cd in COMMUNITY_DATES:
            event = _all_day(
                uid=f"{cd.id}-{year}@{UID_DOMAIN}",
                day=_dt.date(year, cd.month, cd.day),
                summary=cd.title,
                description=f"{cd.about}\nSource: {cd.source}",
                stamp=stamp,
            )
            event.add("categories", ["Community date"])
            cal.add_component(event)
    return cal.to_ical()


def _all_day(*, uid: str, day: _dt.date, summary: str, description: str, stamp: _dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + _dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event
