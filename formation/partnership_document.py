"""The partnership agreement as a document: numbered sections from the agreement's data.

The wording is data (``templates/partnership/wording.toml``, with its source and checked-on
date); ``agreement_document`` fills it in from the records and numbers every clause, so that
the .docx (``templates/partnership/agreement.docx``), the plain-text preview and the power audit
all cite the same clause numbers. Sections are fixed: 1 parties and purpose, 2 support,
3 decisions stay with the collective, 4 powers given to the partner, 5 the collective's
information, 6 networks, 7 handover and exit, 8 changes and ending.

Members appear only through the handover plan, and only by a work name the member agreed to have
printed (``Member.consent_to_be_named``); otherwise as "a member the collective has chosen". The
render context is plain data; docxtpl is imported only when rendering.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from pydantic import Field

from formation.errors import InputError, from_validation_error
from formation.tomlsafe import parse_toml
from formation.models.base import FormationModel, ISODate, Name, Text
from formation.models.capacity import HandoverItem
from formation.models.members import Member
from formation.models.organization import Organization
from formation.models.partners import (
    AGREEMENT_POWER_TITLES,
    PARTNER_KIND_TITLES,
    SUPPORT_KIND_TITLES,
    Partner,
    PartnershipAgreement,
)

LAYOUT = "partnership/agreement.docx"
"""The bundled layout's name for ``formation.documents.render.render_docx``."""

WORDING_FILE = "wording.toml"

POWERS_SECTION = 4
"""The section that lists powers given to the partner (clause numbers ``4.1``, ``4.2``...)."""

DATA_SECTION = 5

SECTION_ORDER = ("parties", "support", "decisions", "powers", "data", "networks", "handover", "ending")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

_SCOPE_TITLES = {"global": "global", "regional": "regional", "national": "national", "local": "local"}
_CONSENT_BY = {"general_meeting": "general meeting", "governing_body": "governing body"}


class _Statement(FormationModel):
    unless: list[str] = Field(min_length=1)
    text: Text


class _Decisions(FormationModel):
    members_decide: Text
    advice: Text
    statements: list[_Statement]


class AgreementWording(FormationModel):
    """The content of ``templates/partnership/wording.toml`` (every sentence of the agreement).

    Attributes:
        format: 1.  title, disclaimer: the document's title and its not-legal-advice note.
        source, checked_on: where the terms come from, and when that was checked.
        sections: section headings by key (``SECTION_ORDER``).
        parties, support, powers, data, networks, handover, ending, signatures: sentences with
            ``{placeholders}``, by key.
        decisions: the standard statements of section 3, each with the powers that cancel it.
    """

    format: int = Field(ge=1, le=1)
    title: Name
    disclaimer: Text
    source: Text
    checked_on: ISODate
    sections: dict[str, Name]
    parties: dict[str, Text]
    support: dict[str, Text]
    decisions: _Decisions
    powers: dict[str, Text]
    data: dict[str, Text]
    networks: dict[str, Text]
    handover: dict[str, Text]
    ending: dict[str, Text]
    signatures: dict[str, Text]


@functools.lru_cache(maxsize=1)
def load_wording() -> AgreementWording:
    """Read and validate the agreement's wording from the bundled ``partnership/wording.toml``.

    Raises:
        InputError / ValidationFailed: the file is missing, not TOML, or a field is wrong (names
            the file and the field).
    """
    from formation.resources import templates_dir

    source = "templates/partnership/wording.toml"
    try:
        text = templates_dir().joinpath("partnership").joinpath(WORDING_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("is not installed with formation", source=source) from None
    data = parse_toml(text, source=source)  # InputError naming the line
    from pydantic import ValidationError

    try:
        wording = AgreementWording.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc, source=source) from None
    missing = [k for k in SECTION_ORDER if k not in wording.sections]
    if missing:
        raise InputError(f"has no heading for {', '.join(missing)}", source=source, field="sections")
    return wording


def long_date(day: _dt.date) -> str:
    """An ISO date written out: ``date(2026, 7, 1)`` -> ``"1 July 2026"``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}".removesuffix(".00")


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return "; ".join(items[:-1]) + "; and " + items[-1]


def _successor(item: HandoverItem, members: dict[UUID, Member], wording: AgreementWording) -> str:
    who = item.completion.taken_over_by if item.completion else item.successor_id
    if who is None:
        return wording.handover["successor_open"]
    member = members.get(who)
    if member is not None and member.consent_to_be_named:
        return wording.handover["successor_named"].format(name=member.work_name)
    return wording.handover["successor_chosen"]


def _handover_clause(item: HandoverItem, members: dict[UUID, Member], wording: AgreementWording) -> str:
    h = wording.handover
    fields = {
        "role": item.role_title,
        "held_by": item.held_by_label,
        "successor": _successor(item, members, wording),
        "due": long_date(item.due),
        "starts_on": long_date(item.starts_on) if item.starts_on else "",
    }
    if item.status == "done" and item.completion is not None:
        return h["item_done"].format(**fields, completed_on=long_date(item.completion.completed_on))
    if item.status == "dropped":
        return h["item_dropped"].format(**fields)
    if item.status == "in_progress" and item.starts_on:
        return h["item_started"].format(**fields)
    return h["item"].format(**fields)


def agreement_document(
    agreement: PartnershipAgreement,
    partner: Partner,
    organization: Organization,
    *,
    handover_items: Iterable[HandoverItem] = (),
    members: Iterable[Member] = (),
    wording: AgreementWording | None = None,
) -> dict[str, Any]:
    """The agreement as plain data: numbered sections of clauses, ready for the layout.

    Args:
        agreement: the agreement version to print.
        partner: its partner (``agreement.partner_id``).
        organization: the collective.
        handover_items: handover items; those of this partner and those held by consultants are
            printed in section 7, by due date.
        members: the members, to print a successor's work name where the member consented to be
            named (never otherwise).
        wording: the wording (default: the bundled ``load_wording()``).

    Returns:
        ``{"title", "collective", "partner", "version", "status", "made_on", "disclaimer",
        "sections": [{"number": "1", "heading", "clauses": [{"number": "1.1", "text"}]}],
        "signatures": [{"side", "signed_by", "name_line", "date_line"}]}``: strings only.

    Raises:
        InputError: ``partner`` is not the agreement's partner.
    """
    if partner.id != agreement.partner_id:
        raise InputError("is not the partner of this agreement", source="partnership agreement", field="partner_id")
    w = wording or load_wording()
    by_id = {m.id: m for m in members}
    granted = {r.power for r in agreement.decision_rights}
    consent_by = _CONSENT_BY[agreement.data_access.consent_by]
    plan = agreement.exit_plan

    parties = [
        w.parties["parties"].format(
            collective=organization.name,
            partner=partner.name,
            partner_kinds=", ".join(PARTNER_KIND_TITLES[k].lower() for k in partner.kinds),
        ),
        w.parties["purpose"].format(purpose=agreement.purpose.strip()),
        w.parties["term"].format(
            version=agreement.version,
            made_on=long_date(agreement.made_on),
            starts_on=long_date(agreement.starts_on),
            term_end=(w.parties["term_until"].format(ends_on=long_date(agreement.ends_on))
                      if agreement.ends_on else w.parties["term_open"]),
        ),
        w.parties["ownership"],
    ]

    support = []
    for item in agreement.support:
        support.append(
            w.support["item"].format(
                support=SUPPORT_KIND_TITLES[item.support],
                description=item.description.strip().rstrip("."),
                amount=(w.support["amount"].format(amount=_amount(item.amount), currency=item.currency)
                        if item.amount is not None else ""),
                until=w.support["until"].format(until=long_date(item.until)) if item.until else "",
            )
        )
    if not granted:
        support.append(w.support["no_conditions"])

    decisions = [w.decisions.members_decide]
    decisions += [s.text for s in w.decisions.statements if not granted.intersection(s.unless)]
    decisions.append(w.decisions.advice)

    powers = []
    for right in agreement.decision_rights:
        key = "item_seats" if right.seats else "item"
        powers.append(w.powers[key].format(power=AGREEMENT_POWER_TITLES[right.power], over=right.over.strip().rstrip("."),
                                           seats=right.seats or ""))
    if not powers:
        powers.append(w.powers["none"])

    access = agreement.data_access
    data = [w.data["consent"].format(consent_by=consent_by) if access.requires_consent else w.data["no_consent"]]
    if access.shared_with_consent:
        data.append(w.data["shared"].format(items=_join(access.shared_with_consent)))
    if access.never_shared:
        data.append(w.data["never"].format(items=_join(access.never_shared)))
    data.append(w.data["care"])

    networks = []
    if agreement.network_links:
        networks.append(w.networks["intro"])
        for link in agreement.network_links:
            networks.append(
                w.networks["item"].format(
                    name=link.name,
                    scope=_SCOPE_TITLES[link.scope],
                    area=link.area,
                    url=f", {link.url}" if link.url else "",
                    commitment=(link.commitment or w.networks["default_commitment"]).strip(),
                )
            )
    else:
        networks.append(w.networks["none"])

    mine = sorted(
        (i for i in handover_items if i.partner_id == partner.id or (i.held_by == "consultant" and i.partner_id is None)),
        key=lambda i: (i.due, i.role),
    )
    handover = []
    if mine:
        handover.append(w.handover["plan"].format(starts_on=long_date(plan.handover_starts_on),
                                                  ends_on=long_date(plan.handover_ends_on), months=plan.months))
        handover += [_handover_clause(i, by_id, w) for i in mine]
        handover.append(w.handover["training"])
    else:
        handover.append(w.handover["no_items"].format(ends_on=long_date(plan.handover_ends_on)))
    handover.append(w.handover["review"].format(months=plan.review_every_months))
    handover.append(w.handover["on_exit"].format(on_exit=plan.on_exit.strip()) if plan.on_exit else w.handover["on_exit_default"])

    ending = [
        w.ending["changes"].format(consent_by=consent_by),
        w.ending["notice"].format(notice_days=plan.notice_days),
        w.ending["survive"],
    ]

    bodies = {"parties": parties, "support": support, "decisions": decisions, "powers": powers, "data": data,
              "networks": networks, "handover": handover, "ending": ending}
    sections = []
    for number, key in enumerate(SECTION_ORDER, start=1):
        clauses = [{"number": f"{number}.{i}", "text": text} for i, text in enumerate(bodies[key], start=1)]
        sections.append({"number": str(number), "heading": w.sections[key], "clauses": clauses})

    status = {"draft": "Draft for discussion", "signed": "Signed", "superseded": "Superseded by a later version",
              "ended": "Ended"}[agreement.status]
    if agreement.signed_on:
        status += f" on {long_date(agreement.signed_on)}" if agreement.status == "signed" else ""
    sig = w.signatures
    return {
        "title": w.title,
        "collective": organization.name,
        "partner": partner.name,
        "version": str(agreement.version),
        "status": status,
        "made_on": long_date(agreement.made_on),
        "disclaimer": w.disclaimer,
        "sections": sections,
        "signatures": [
            {"side": sig["collective"], "signed_by": sig["signed_by"], "name_line": sig["name_line"],
             "date_line": sig["date_line"]},
            {"side": sig["partner"], "signed_by": sig["signed_by"], "name_line": sig["name_line"],
             "date_line": sig["date_line"]},
        ],
    }


def agreement_text(document: dict[str, Any]) -> str:
    """The agreement document (``agreement_document``'s result) as plain text, for a preview."""
    lines = [f"{document['title']}: {document['collective']} and {document['partner']}",
             f"Version {document['version']}, {document['made_on']}. {document['status']}.", ""]
    for section in document["sections"]:
        lines.append(f"{section['number']}. {section['heading']}")
        lines += [f"  {c['number']}  {c['text']}" for c in section["clauses"]]
        lines.append("")
    lines.append(document["disclaimer"])
    return "\n".join(lines)


def render_agreement(document: dict[str, Any], *, layout: Path | None = None) -> bytes:
    """Render the agreement document into a .docx (sandboxed, escaped, scrubbed of metadata).

    Args:
        document: ``agreement_document``'s result.
        layout: a user's own layout file (linted first), or None for the bundled
            ``partnership/agreement.docx``.

    Returns:
        The .docx bytes.

    Raises:
        DocumentError: the layout is missing or refused, or rendering failed (nothing written).
    """
    from formation.documents.render import render_docx

    return render_docx(layout if layout is not None else LAYOUT, document)


def export_agreement(
    document: dict[str, Any],
    folder: Path,
    *,
    name: str | None = None,
    overwrite: bool = False,
    members: Iterable[Member] = (),
) -> Path:
    """Render the agreement and write it into ``folder`` under a safe file name.

    Args:
        document: ``agreement_document``'s result.
        folder: an existing folder.
        name: the file's title (default ``"partnership-agreement-vN"``; made safe by
            ``export.safe_slug``).
        overwrite: replace an existing file of that name.
        members: every member; the finished file is scanned for the work and legal names of
            those who did not consent to be named, and is not written if one is found.

    Returns:
        The path written (mode 0600).

    Raises:
        DocumentError: rendering failed, a name leaked (the message gives only a count), or the
            file could not be written.
    """
    from formation.documents.export import export_document
    from formation.documents.leaks import leak_scan
    from formation.errors import DocumentError

    data = render_agreement(document)
    private = []
    for m in members:
        if not m.consent_to_be_named:
            private.append(m.work_name)
        if m.legal_name:
            private.append(m.legal_name)
    hits = leak_scan(data, private)
    if hits:
        raise DocumentError(
            f"the agreement would show {len(hits)} member name(s) that may not be printed; nothing was written"
        )
    return export_document(data, folder, name or f"partnership-agreement-v{document['version']}", overwrite=overwrite)
