"""A review note as the review screen lists and shows it."""

from __future__ import annotations

from rich.text import Text

from formation import review
from formation.models.bylaws import BylawsDraft
from formation.models.review import ReviewNote
from wizard.dialogs.review_note import STATUS_LABELS
from wizard.i18n import N_, _

STATE_LABELS = {"open": N_("open"), "accepted": N_("accepted"), "rejected": N_("rejected"), "noted": N_("noted")}


def note_state(note: ReviewNote) -> str:
    """``"open"``, ``"accepted"``, ``"rejected"``, or ``"noted"`` (a "fine" note asks for nothing)."""
    if note.resolution is not None:
        return note.resolution.decision
    return "open" if note.is_open else "noted"


def note_details(note: ReviewNote) -> Text:
    """The highlighted note in full: who, what, the proposed wording, the decision."""
    text = Text()
    where = f"{note.clause_number} [{note.clause_id}]" if note.clause_id else _("the document as a whole")
    text.append(_("{role} on v{n}, {where}: {status}").format(role=note.reviewer_role, n=note.version, where=where,
                                                              status=_(STATUS_LABELS[note.status])), style="bold")
    text.append("\n" + _("Made {date}").format(date=note.created_on.isoformat()))
    if note.origin == "word_import":
        text.append(" " + _("(read from a Word copy)"))
    text.append("\n" + note.comment + "\n")
    if note.has_proposal:
        text.append(_("Proposed wording:") + "\n", style="bold")
        for paragraph in note.proposed_text:
            text.append("  " + paragraph + "\n", style="italic")
    r = note.resolution
    if r is not None:
        line = _("{who} {decision} it on {date}").format(who=r.decided_by, decision=_(STATE_LABELS[r.decision]),
                                                         date=r.decided_on.isoformat())
        if r.new_version:
            line += "; " + _("v{n} was started with the proposed wording").format(n=r.new_version)
        if r.reason:
            line += f" ({r.reason})"
        text.append(line + "\n", style="bold green" if r.decision == "accepted" else "bold")
    return text


def clause_options(session: object, draft: BylawsDraft, version: int) -> list[tuple[Text, str]]:
    """The clauses of a version as select options: ``("4.1 The governing body", "governing_body")``."""
    context = review.version_context(session, draft, version)
    return [(Text(f"{c['number']} {c['title']}"), c["id"]) for a in context["articles"] for c in a["clauses"]]
