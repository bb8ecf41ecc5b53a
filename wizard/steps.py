"""The steps of the formation flow, in order, and which screen shows each.

The sidebar lists them; ``FormationApp.go_to`` opens one. Whether a step is done is read from
the records the group has stored (what exists), never decided here by governance rules.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from wizard.i18n import N_, _

if TYPE_CHECKING:
    from textual.screen import Screen

    from wizard.session import Session


@dataclass(frozen=True)
class Step:
    """One step of the flow.

    Attributes:
        id: a stable id (``"members"``), also the help topic.
        label: the untranslated label (shown through ``_()``).
        screen: ``"module:Class"`` under ``wizard.screens`` of the screen that shows it.
        key: the key that opens it from anywhere (shown in the sidebar).
    """

    id: str
    label: str
    screen: str
    key: str


STEPS: tuple[Step, ...] = (
    Step("about", N_("About the group"), "about:AboutScreen", "f3"),
    Step("legal_context", N_("Legal context"), "legal_context:LegalContextScreen", "f4"),
    Step("structure", N_("Structure"), "structure:StructureScreen", "f5"),
    Step("bylaws", N_("Bylaws"), "bylaws:BylawsScreen", "f6"),
    Step("audit", N_("Power audit"), "audit:AuditScreen", "f7"),
    Step("members", N_("Members"), "members:MembersScreen", "f8"),
    Step("founding_meeting", N_("Founding meeting"), "founding_meeting:FoundingMeetingScreen", "f9"),
    Step("registration", N_("Registration plan"), "registration:RegistrationScreen", "f10"),
    Step("documents", N_("Documents"), "documents:DocumentsScreen", "f11"),
    Step("meetings", N_("Meetings"), "meetings:MeetingsScreen", "f12"),
    Step("partners", N_("Partners"), "partners:PartnersScreen", "ctrl+t"),
    Step("capacity", N_("Skills and handover"), "capacity:CapacityScreen", "ctrl+g"),
    Step("review", N_("Review and versions"), "review:ReviewScreen", "ctrl+f"),
)
"""The flow, in the order a founding group usually goes through it."""

HOME_STEP = "meetings"
"""The step shown after unlock once every step is done."""

DoneCheck = Callable[["Session"], bool]
_DONE: dict[str, DoneCheck] = {}


def done_check(step_id: str) -> Callable[[DoneCheck], DoneCheck]:
    """Decorator: register how to tell from the stored records that a step is done."""

    def deco(fn: DoneCheck) -> DoneCheck:
        _DONE[step_id] = fn
        return fn

    return deco


@done_check("about")
def _about_done(session: "Session") -> bool:
    org = session.organization
    return bool(org and org.objects)


@done_check("legal_context")
def _context_done(session: "Session") -> bool:
    org = session.organization
    return bool(org and org.legal_context_id)


@done_check("structure")
def _structure_done(session: "Session") -> bool:
    org = session.organization
    return bool(org and org.legal_form_id)


@done_check("bylaws")
def _bylaws_done(session: "Session") -> bool:
    from formation.models.bylaws import BylawsDraft

    draft = session.first(BylawsDraft)
    return bool(draft and draft.latest.status != "draft")


@done_check("audit")
def _audit_done(session: "Session") -> bool:
    from formation.models.bylaws import BylawsDraft

    draft = session.first(BylawsDraft)
    if draft is None:
        return False
    from wizard.audit_view import summarize

    return summarize(session, draft).community_led


@done_check("members")
def _members_done(session: "Session") -> bool:
    from formation.models import Member

    return bool(session.all(Member))


@done_check("founding_meeting")
def _founding_done(session: "Session") -> bool:
    from formation.models.meetings import Meeting

    return any(m.meeting_kind == "founding" and m.status == "closed" for m in session.all(Meeting))


@done_check("registration")
def _registration_done(session: "Session") -> bool:
    from formation.models.registration_progress import RegistrationProgress

    return any(p.steps and all(s.status in ("done", "not_applicable") for s in p.steps)
               for p in session.all(RegistrationProgress))


@done_check("meetings")
def _meetings_done(session: "Session") -> bool:
    from formation.models.meetings import Meeting

    return any(m.meeting_kind != "founding" for m in session.all(Meeting))


@done_check("partners")
def _partners_done(session: "Session") -> bool:
    """Done when every current partner's agreement is signed (a group forming alone needs none)."""
    from formation.partners import current_agreement
    from formation.models.partners import Partner, PartnershipAgreement

    current = [p for p in session.all(Partner) if p.is_current]
    agreements = session.all(PartnershipAgreement)
    if not current:
        org = session.organization
        return bool(org and org.formation_pathway.pathway == "independent")
    return all((a := current_agreement(agreements, p.id)) is not None and a.status == "signed" for p in current)


@done_check("capacity")
def _capacity_done(session: "Session") -> bool:
    """Done when a handover plan exists and every role in it was taken over (or dropped)."""
    from formation.models.capacity import HandoverItem

    items = session.all(HandoverItem)
    return bool(items) and not any(i.is_open for i in items)


@done_check("review")
def _review_done(session: "Session") -> bool:
    """Done when the bylaws were reviewed and the group decided on every note."""
    from formation.models.review import ReviewNote

    notes = session.all(ReviewNote)
    return bool(notes) and not any(n.is_open for n in notes)


def step(step_id: str) -> Step:
    """The step with this id.

    Raises:
        KeyError: no such step.
    """
    for candidate in STEPS:
        if candidate.id == step_id:
            return candidate
    raise KeyError(step_id)


_DONE_CACHE: dict[tuple[int, str], tuple[int, bool]] = {}


def is_done(step_id: str, session: "Session") -> bool:
    """True when the stored records show the step was completed (remembered until the next change)."""
    check = _DONE.get(step_id)
    if check is None:
        return False
    key = (id(session), step_id)
    cached = _DONE_CACHE.get(key)
    if cached is not None and cached[0] == session.generation:
        return cached[1]
    done = bool(check(session))
    _DONE_CACHE[key] = (session.generation, done)
    return done


def next_step(session: "Session") -> Step | None:
    """The first step not yet done, or None when every step is done."""
    for candidate in STEPS:
        if not is_done(candidate.id, session):
            return candidate
    return None


def screen_for(step_id: str, session: "Session") -> "Screen":
    """A new screen for the step ``step_id``."""
    module_name, class_name = step(step_id).screen.split(":")
    module = importlib.import_module(f"wizard.screens.{module_name}")
    return getattr(module, class_name)(session)


def first_step_screen(session: "Session") -> "Screen":
    """The screen to show right after unlock: the next useful step, or the first one."""
    upcoming = next_step(session)
    return screen_for(upcoming.id if upcoming else HOME_STEP, session)


def step_label(item: Step) -> str:
    """The translated label of a step."""
    return _(item.label)
