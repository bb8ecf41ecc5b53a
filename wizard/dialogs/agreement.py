"""Draft or revise a partnership agreement: support, powers (none, in a fair agreement), the
collective's information, networks, and the handover plan's dates.

Beside each power a partner asks for, the form shows what it means for who holds power (the
power audit's own reason, ``formation.audit_findings.grant_reason``), so the group sees the
consequence before it agrees to anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, SelectionList, Static

from formation.audit_findings import grant_reason
from formation.models.partners import PartnershipAgreement
from wizard import bindings
from wizard.forms import optional
from wizard.i18n import _
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard.widgets.form_paths import show_nested_problems
from wizard.widgets.partners.labels import CONSENT_BY, POWERS, SUPPORT_KINDS
from wizard.widgets.plain import plain

GRANTABLE = [p for p in POWERS if p != "data_without_consent"]
"""The powers a partner can ask for in section 4 (data access is asked separately)."""

SEATED = ("vote", "appoint_seats")


@dataclass
class AgreementRequest:
    """The agreement as typed; ``formation.partners.draft_agreement`` / ``revise_agreement`` check it.

    Attributes:
        purpose, starts_on, ends_on: as typed (dates ISO; ``ends_on`` None when empty).
        support: ``[{"support", "description", "amount", "currency"}]`` for each kind selected.
        decision_rights: ``[{"power", "over", "seats"}]`` for each power selected.
        data_access: ``{"requires_consent", "consent_by", "shared_with_consent", "never_shared"}``.
        link_networks: True to name the legal context's networks.
        exit_plan: ``{"handover_starts_on", "handover_ends_on", "notice_days", "on_exit",
            "review_every_months"}`` (numbers as int when typed as digits).
    """

    purpose: str
    starts_on: str
    ends_on: str | None
    support: list[dict[str, Any]] = field(default_factory=list)
    decision_rights: list[dict[str, Any]] = field(default_factory=list)
    data_access: dict[str, Any] = field(default_factory=dict)
    link_networks: bool = True
    exit_plan: dict[str, Any] = field(default_factory=dict)

    def error_fields(self) -> dict[str, str]:
        """Dotted field paths of formation's errors -> the widget that shows them."""
        fields = {
            "purpose": "purpose", "starts_on": "starts-on", "ends_on": "ends-on", "made_on": "starts-on",
            "support": "support-kinds", "decision_rights": "powers", "data_access": "shared",
            "network_links": "networks", "exit_plan": "handover-ends",
            "exit_plan.handover_starts_on": "handover-starts", "exit_plan.handover_ends_on": "handover-ends",
            "exit_plan.notice_days": "notice-days", "exit_plan.review_every_months": "review-months",
            "exit_plan.on_exit": "on-exit",
        }
        for index, item in enumerate(self.support):
            fields[f"support.{index}"] = f"support-{item['support']}"
        for index, right in enumerate(self.decision_rights):
            fields[f"decision_rights.{index}"] = f"power-{right['power']}"
        return fields


def _number(text: str) -> int | str:
    """Digits as an int; anything else as typed (formation refuses it with a message)."""
    stripped = text.strip()
    return int(stripped) if stripped.isdigit() else stripped


class AgreementDialog(ModalScreen[AgreementRequest | None]):
    """The agreement form. The caller sets ``on_submit``: it builds the version with formation and
    either dismisses the dialog or calls ``show_refusal``.

    Args:
        base: the version to start from (a revision), or None for a first draft.
        holder: who the audit says holds a partner's powers (``formation.partners.audit_holder``).
        network_names: the national and regional networks of the group's legal context.
        today: today's date, the default for a new draft's dates.
    """

    DEFAULT_CSS = """
    AgreementDialog { align: center middle; }
    AgreementDialog > VerticalScroll {
        width: 76; max-height: 22; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    AgreementDialog SelectionList { height: auto; border: none; padding: 0; }
    AgreementDialog .consequence { color: $warning; height: auto; }
    AgreementDialog .detail { margin: 0 0 0 2; }
    AgreementDialog .row { height: 1; }
    AgreementDialog .row-label { width: 14; }
    AgreementDialog .row FormationInput { width: 1fr; }
    """
    BINDINGS = bindings.AGREEMENT_DIALOG
    HELP_TOPIC = "partners"

    def __init__(self, base: PartnershipAgreement | None, *, holder: str, network_names: list[str], today: str) -> None:
        super().__init__()
        self.base = base
        self.holder = holder
        self.network_names = network_names
        self.today = today
        self.on_submit: Callable[[AgreementRequest], None] | None = None

    def compose(self) -> ComposeResult:
        a = self.base
        plan = a.exit_plan if a else None
        support = {s.support: s for s in a.support} if a else {}
        rights = {r.power: r for r in a.decision_rights} if a else {}
        with VerticalScroll():
            title = _("Revise agreement v{n} (saved as v{m})").format(n=a.version, m=a.version + 1) if a else \
                _("Draft a partnership agreement")
            yield Static(plain(title), classes="title")
            yield Label(_("Why the partnership exists"))
            yield FormationInput(a.purpose if a else "", id="purpose")
            yield FieldError(id="purpose-error")
            yield Label(_("Takes effect on (YYYY-MM-DD)"))
            yield FormationInput(a.starts_on.isoformat() if a else self.today, id="starts-on")
            yield FieldError(id="starts-on-error")
            yield Label(_("Ends on (YYYY-MM-DD; empty: open-ended, the exit plan dates its end)"))
            yield FormationInput(a.ends_on.isoformat() if a and a.ends_on else "", id="ends-on", placeholder="YYYY-MM-DD")
            yield FieldError(id="ends-on-error")

            yield Label(_("What the partner provides (space selects; describe each)"))
            yield SelectionList[str](*[(_(t), k, k in support) for k, t in SUPPORT_KINDS.items()],
                                     id="support-kinds", compact=True)
            yield FieldError(id="support-kinds-error")
            for kind, title in SUPPORT_KINDS.items():
                item = support.get(kind)
                with Horizontal(classes=f"detail row support-{kind}"):
                    yield Label(plain(_(title)), classes="row-label")
                    yield FormationInput(item.description if item else "", id=f"support-{kind}",
                                         placeholder=_("what exactly"))
                if kind == "money":
                    with Horizontal(classes=f"detail row support-{kind}", id="money-row"):
                        yield Label(_("Amount"), classes="row-label")
                        yield FormationInput(str(item.amount) if item and item.amount is not None else "", id="amount",
                                             placeholder=_("optional"))
                        yield FormationInput((item.currency or "") if item else "", id="currency",
                                             placeholder=_("currency, e.g. KES"))
                yield FieldError(id=f"support-{kind}-error")

            yield Label(_("Powers the partner asks for (a fair agreement gives none)"))
            yield SelectionList[str](*[(_("The partner {power}").format(power=_(POWERS[p])), p, p in rights)
                                       for p in GRANTABLE], id="powers", compact=True)
            yield FieldError(id="powers-error")
            for power in GRANTABLE:
                right = rights.get(power)
                with Horizontal(classes=f"detail row power-{power}"):
                    yield Label(_("Over what"), classes="row-label")
                    yield FormationInput(right.over if right else "", id=f"power-{power}",
                                         placeholder=_("for example: the annual budget"))
                if power in SEATED:
                    with Horizontal(classes=f"detail row power-{power}"):
                        yield Label(_("Seats"), classes="row-label")
                        yield FormationInput(str(right.seats) if right and right.seats else "", id=f"seats-{power}",
                                             placeholder=_("how many seats"))
                yield Static("", id=f"power-{power}-consequence", classes=f"detail consequence power-{power}",
                             markup=False)
                yield FieldError(id=f"power-{power}-error")

            access = a.data_access if a else None
            yield Checkbox(_("The partner sees our information only with our consent"),
                           access.requires_consent if access else True, id="requires-consent", compact=True)
            yield Label(_("Who gives consent for the collective"))
            yield FormationSelect([(_(t), k) for k, t in CONSENT_BY.items()],
                                  value=access.consent_by if access else "governing_body", allow_blank=False,
                                  id="consent-by")
            yield Label(_("Shared with consent (separate items with ;)"))
            yield FormationInput("; ".join(access.shared_with_consent) if access else "", id="shared")
            yield FieldError(id="shared-error")
            names = ", ".join(self.network_names) or _("none listed for this legal context")
            linked = bool(a.network_links) if a else bool(self.network_names)
            yield Checkbox(_("The partner links us to sex worker-led networks: {names}").format(names=names), linked,
                           id="networks", compact=True)
            yield FieldError(id="networks-error")

            yield Label(_("Handover plan starts on (YYYY-MM-DD)"))
            yield FormationInput(plan.handover_starts_on.isoformat() if plan else self.today, id="handover-starts")
            yield FieldError(id="handover-starts-error")
            yield Label(_("Every role held by members by (YYYY-MM-DD)"))
            yield FormationInput(plan.handover_ends_on.isoformat() if plan else "", id="handover-ends",
                                 placeholder="YYYY-MM-DD")
            yield FieldError(id="handover-ends-error")
            yield Label(_("Days of notice to end the agreement"))
            yield FormationInput(str(plan.notice_days) if plan else "90", id="notice-days")
            yield FieldError(id="notice-days-error")
            yield Label(_("Progress reviewed every … months"))
            yield FormationInput(str(plan.review_every_months) if plan else "3", id="review-months")
            yield FieldError(id="review-months-error")
            yield Label(_("On exit: what happens to shared things (optional)"))
            yield FormationInput((plan.on_exit or "") if plan else "", id="on-exit")
            yield FieldError(id="on-exit-error")
            yield FieldError(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Keep"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self._show_details()
        self.query_one("#purpose", Input).focus()

    def _show_details(self) -> None:
        """Show the description of each support kind chosen and the consequence of each power."""
        chosen = set(self.query_one("#support-kinds", SelectionList).selected)
        for kind in SUPPORT_KINDS:
            for widget in self.query(f".support-{kind}"):
                widget.display = kind in chosen
        powers = set(self.query_one("#powers", SelectionList).selected)
        for power in GRANTABLE:
            for widget in self.query(f".power-{power}"):
                widget.display = power in powers
            if power in powers:
                self._consequence(power)

    def _consequence(self, power: str) -> None:
        over = self.query_one(f"#power-{power}", Input).value.strip() or _("…")
        seats_text = self.query(f"#seats-{power}")
        seats = _number(seats_text.first(Input).value) if seats_text else None
        _severity, reason = grant_reason(self.holder, power, over, seats if isinstance(seats, int) else None,
                                         "governing body")
        self.query_one(f"#power-{power}-consequence", Static).update(plain("⚖ " + reason))

    @on(SelectionList.SelectedChanged)
    def _selection_changed(self) -> None:
        self._show_details()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        widget_id = event.input.id or ""
        for prefix in ("power-", "seats-"):
            if widget_id.startswith(prefix) and widget_id[len(prefix):] in GRANTABLE:
                self._consequence(widget_id[len(prefix):])

    def request(self) -> AgreementRequest:
        """The form as typed."""
        value = lambda widget_id: self.query_one(f"#{widget_id}", Input).value  # noqa: E731
        support = []
        for kind in self.query_one("#support-kinds", SelectionList).selected:
            item: dict[str, Any] = {"support": kind, "description": value(f"support-{kind}").strip()}
            if kind == "money" and (value("amount").strip() or value("currency").strip()):
                item["amount"] = value("amount").strip() or None
                item["currency"] = value("currency").strip().upper() or None
            support.append(item)
        rights = []
        for power in self.query_one("#powers", SelectionList).selected:
            right: dict[str, Any] = {"power": power, "over": value(f"power-{power}").strip()}
            if power in SEATED:
                right["seats"] = _number(value(f"seats-{power}")) or None
            rights.append(right)
        base_access = self.base.data_access if self.base else None
        consent_by = self.query_one("#consent-by", Select).value
        return AgreementRequest(
            purpose=value("purpose").strip(),
            starts_on=value("starts-on").strip(),
            ends_on=optional(value("ends-on")),
            support=support,
            decision_rights=rights,
            data_access={
                "requires_consent": self.query_one("#requires-consent", Checkbox).value,
                "consent_by": consent_by if isinstance(consent_by, str) else "governing_body",
                "shared_with_consent": [s.strip() for s in value("shared").split(";") if s.strip()],
                **({"never_shared": list(base_access.never_shared)} if base_access else {}),
            },
            link_networks=self.query_one("#networks", Checkbox).value,
            exit_plan={
                "handover_starts_on": value("handover-starts").strip(),
                "handover_ends_on": value("handover-ends").strip(),
                "notice_days": _number(value("notice-days")),
                "on_exit": optional(value("on-exit")),
                "review_every_months": _number(value("review-months")),
            },
        )

    def show_refusal(self, error: Any, request: AgreementRequest) -> None:
        """Show formation's refusal under the fields at fault."""
        show_nested_problems(self, error, request.error_fields())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Hand the agreement as typed to the caller (which builds it with formation)."""
        request = self.request()
        if self.on_submit is not None:
            self.on_submit(request)
        else:
            self.dismiss(request)
