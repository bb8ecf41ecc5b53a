"""What the capacity screen shows for each handover role, skill, training and chance to practise.

The facts (overdue or not, who took a role over, who trained) come from formation's records and
``formation.capacity``; these functions only lay them out, with work names looked up by id.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from uuid import UUID

from rich.text import Text

from formation.capacity import SkillInfo, SkillProgress
from formation.models import Member
from formation.models.capacity import HandoverItem, PracticeOpportunity, Training
from formation.models.partners import Partner
from wizard.i18n import _, ngettext
from wizard.widgets.partners.labels import HANDOVER_STATUS, label

OVERDUE_STYLE = "bold red"


def work_names(ids: Iterable[UUID], members: dict[UUID, Member]) -> str:
    """The work names of these members, by name (``"a member who left"`` for an unknown id)."""
    names = sorted((members[i].work_name if i in members else _("a former member")) for i in ids)
    return ", ".join(names)


def handover_row(item: HandoverItem, overdue: bool, members: dict[UUID, Member]) -> tuple[Text, ...]:
    """One row of the handover table: due date, role, the member taking over (or who took it
    over), status. An overdue role is in bold red with ``OVERDUE`` as its status."""
    style = OVERDUE_STYLE if overdue else ""
    who_id = item.completion.taken_over_by if item.completion else item.successor_id
    who = work_names([who_id], members) if who_id else _("not chosen yet")
    status = _("OVERDUE") if overdue else label(HANDOVER_STATUS, item.status)
    return (Text(item.due.isoformat(), style=style), Text(item.role_title, style=style), Text(who),
            Text(status, style=style))


def handover_details(item: HandoverItem, overdue: bool, members: dict[UUID, Member], partners: dict[UUID, Partner],
                     skills: dict[str, SkillInfo], today: _dt.date) -> Text:
    """The highlighted role in full: who holds it today, dates, skills, and who took it over."""
    text = Text()
    text.append(item.role_title, style="bold")
    if overdue:
        days = (today - item.due).days
        text.append("  " + ngettext("OVERDUE by {n} day", "OVERDUE by {n} days", days).format(n=days),
                    style=OVERDUE_STYLE)
    text.append("\n")
    holder = item.held_by_label
    if item.partner_id and item.partner_id in partners:
        holder = _("{holder} ({partner})").format(holder=holder, partner=partners[item.partner_id].name)
    text.append(_("Held today by: {holder}").format(holder=holder) + "\n")
    dates = _("Due {due}").format(due=item.due.isoformat())
    if item.starts_on:
        dates += "; " + _("handover started {date}").format(date=item.starts_on.isoformat())
    text.append(dates + "\n")
    if item.skills:
        names = [skills[k].title if k in skills else k for k in item.skills]
        text.append(_("Skills it needs: {skills}").format(skills=", ".join(names)) + "\n")
    if item.completion:
        c = item.completion
        text.append(_("Taken over by {name} on {date}").format(name=work_names([c.taken_over_by], members),
                                                               date=c.completed_on.isoformat()), style="bold green")
        text.append((f": {c.note}" if c.note else "") + "\n")
    elif item.successor_id:
        text.append(_("To be taken over by {name}").format(name=work_names([item.successor_id], members)) + "\n")
    return text


def skill_row(progress: SkillProgress) -> tuple[Text, ...]:
    """One row of the skills table: the skill, how many members trained in it, how many practised it."""
    return (Text(progress.skill.title), Text(str(len(progress.trained_member_ids))),
            Text(str(len(progress.practised_member_ids))))


def skill_details(progress: SkillProgress, members: dict[UUID, Member]) -> Text:
    """The highlighted skill: what it covers, who trained, who practised, the last training."""
    text = Text()
    text.append(progress.skill.title, style="bold")
    text.append("\n" + (progress.skill.description or "") + "\n")
    trained = work_names(progress.trained_member_ids, members) or _("nobody yet")
    practised = work_names(progress.practised_member_ids, members) or _("nobody yet")
    text.append(_("Trained: {names}").format(names=trained) + "\n")
    text.append(_("Practised: {names}").format(names=practised) + "\n")
    text.append(ngettext("{n} training held", "{n} trainings held", progress.trainings).format(n=progress.trainings))
    if progress.last_trained:
        text.append("; " + _("the last on {date}").format(date=progress.last_trained.isoformat()))
    text.append("\n")
    if progress.open_handover_roles:
        text.append(_("Needed for the roles still to hand over: {roles}").format(
            roles=", ".join(progress.open_handover_roles)) + "\n", style="bold")
    if progress.practice_planned:
        text.append(ngettext("{n} chance to practise planned", "{n} chances to practise planned",
                             progress.practice_planned).format(n=progress.practice_planned) + "\n")
    return text


def learning_rows(trainings: list[Training], practice: list[PracticeOpportunity],
                  members: dict[UUID, Member]) -> list[tuple[str, tuple[Text, ...]]]:
    """The trainings and chances to practise, newest first: ``(record id, (date, kind, what, who))``."""
    rows: list[tuple[_dt.date, str, tuple[str, ...]]] = []
    for t in trainings:
        rows.append((t.held_on, str(t.id), (t.held_on.isoformat(), _("training"), t.topic,
                                            work_names(t.participant_ids, members))))
    for p in practice:
        day = p.done_on or p.planned_for
        when = day.isoformat() if day else "—"
        state = {"planned": _("practice, planned"), "done": _("practice, done"), "dropped": _("practice, dropped")}
        rows.append((day or _dt.date.max, str(p.id), (when, state[p.status], p.what, work_names(p.member_ids, members))))
    rows.sort(key=lambda r: r[0], reverse=True)
    return [(record_id, tuple(Text(c) for c in cells)) for _day, record_id, cells in rows]
