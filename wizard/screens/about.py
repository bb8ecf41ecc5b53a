"""About the group: its name, its objects, how it came to form (alone, or with a partner), its
balance date, the date it was registered (deadlines count from both) and its paid staff counts
(read by the power audit's staff criteria)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from formation.errors import InputError
from formation.models import Organization
from wizard.forms import build, clear_problems, optional, show_problems
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen

KEEP_AFTER_SECONDS = 0.8
"""A valid change is kept once typing pauses this long (or at once on Enter or leaving a field),
so a date half-typed (02-3 on the way to 02-28) is never kept."""

STAFF_DIGITS = 5
"""Staff counts are typed with at most 5 digits (the model allows up to 100,000)."""

FIELDS = {
    "name": "org-name",
    "objects": "objects",
    "formation_pathway": "pathway",
    "financial_year_end": "balance-date",
    "incorporation_date": "incorporated-on",
    "staff": "staff-community",
    "staff_total": "staff-total",
}


def parse_staff(total: str, community: str) -> dict[str, int] | None:
    """Read the two staff fields into ``{"total": T, "community": C}`` (a ``StaffCount``).

    Args:
        total: how many paid staff (empty: not recorded; ``0``: no staff).
        community: how many of them are community members (empty counts as 0).

    Returns:
        The counts, or None when neither field holds anything (staff not recorded).

    Raises:
        InputError: (field ``staff_total`` or ``staff_community``) a field that is not a whole
        number, or community staff given without a total. The model checks that community staff
        are at most the total (field ``staff``, shown under the second field).
    """
    total, community = total.strip(), community.strip()
    if not total and not community:
        return None
    if not total:
        raise InputError(_("type how many paid staff there are first (0 if none)"), field="staff_total")
    for field, text in (("staff_total", total), ("staff_community", community)):
        if text and not (text.isdigit() and len(text) <= STAFF_DIGITS):
            raise InputError(_("must be a whole number (0 or more)"), field=field)
    return {"total": int(total), "community": int(community or "0")}


def parse_balance_date(text: str) -> dict[str, int] | None:
    """Read a balance date typed ``MM-DD`` (``03-31``) into ``{"month": 3, "day": 31}``.

    Args:
        text: what was typed; empty means "not known yet".

    Returns:
        The month and day, or None when nothing was typed.

    Raises:
        InputError: (field ``financial_year_end``) not ``MM-DD``; the model checks the day exists.
    """
    text = text.strip()
    if not text:
        return None
    parts = text.split("-")
    if len(parts) != 2 or not all(p.isdigit() and 1 <= len(p) <= 2 for p in parts):
        raise InputError(_("must be a month and day written MM-DD (for example 03-31)"), field="financial_year_end")
    return {"month": int(parts[0]), "day": int(parts[1])}


class AboutScreen(FlowScreen):
    """The organization record: each valid change is kept at once (and saved shortly after);
    a field that is not valid shows its error and is not kept until fixed."""

    STEP_ID = "about"
    DEFAULT_CSS = """
    AboutScreen #objects { height: auto; min-height: 3; max-height: 10; }
    """
    _keep_timer = None
    STEP_TITLE = N_("About the group")

    def compose_body(self) -> ComposeResult:
        org = self.session.organization
        pathway = org.formation_pathway if org else None
        with VerticalScroll(classes="form"):
            yield Label(_("Name of the group"), classes="field-label")
            yield FormationInput(org.name if org else "", id="org-name", placeholder=_("the name you use"))
            yield FieldError(id="org-name-error")
            yield Label(_("Objects: what the group is for (one per line)"), classes="field-label")
            yield TextArea("\n".join(org.objects) if org else "", id="objects", soft_wrap=True)
            yield FieldError(id="objects-error")
            yield Label(_("How is the group forming?"), classes="field-label")
            yield FormationSelect(
                [
                    (_("Independently, on our own"), "independent"),
                    (_("With a partner organization's support"), "partner_supported"),
                ],
                value=pathway.pathway if pathway else "independent",
                allow_blank=False,
                id="pathway",
            )
            yield FieldError(id="pathway-error")
            yield Label(_("Partner organization's name"), classes="field-label partner")
            yield FormationInput(pathway.partner_name or "" if pathway else "", id="partner-name", classes="partner")
            yield Label(_("What the partner does (fund, host, train, advise)"), classes="field-label partner")
            yield FormationInput(pathway.partner_role or "" if pathway else "", id="partner-role", classes="partner")
            yield Static(
                _("A partner may fund, host, train and advise. In a community-led group, ownership "
                  "and decisions stay with the community; the power audit checks this."),
                classes="hint partner",
            )
            yield Label(_("Financial year ends on (MM-DD, optional)"), classes="field-label")
            fye = org.financial_year_end if org else None
            yield FormationInput(f"{fye.month:02d}-{fye.day:02d}" if fye else "", id="balance-date", placeholder="MM-DD")
            yield FieldError(id="balance-date-error")
            yield Label(_("Registered (incorporated) on (YYYY-MM-DD, empty until the registrar has done it)"),
                        classes="field-label")
            incorporated = org.incorporation_date if org else None
            yield FormationInput(incorporated.isoformat() if incorporated else "", id="incorporated-on",
                                 placeholder="YYYY-MM-DD")
            yield FieldError(id="incorporated-on-error")
            staff = org.staff if org else None
            yield Label(_("Paid staff: how many people the group employs (empty: not recorded; 0: none)"),
                        classes="field-label")
            yield FormationInput(str(staff.total) if staff else "", id="staff-total", placeholder=_("not recorded"),
                                 max_length=STAFF_DIGITS)
            yield FieldError(id="staff-total-error")
            yield Label(_("Of the paid staff, how many are community members?"), classes="field-label")
            yield FormationInput(str(staff.community) if staff else "", id="staff-community", max_length=STAFF_DIGITS)
            yield FieldError(id="staff-community-error")
            yield Static(_("Counts only, never who. The power audit's staff criteria use them."), classes="hint")
            yield FieldError(id="form-error")

    def on_mount(self) -> None:
        self._show_partner_fields()
        self.query_one("#org-name", Input).focus()

    def _show_partner_fields(self) -> None:
        partner = self.query_one("#pathway", Select).value == "partner_supported"
        for widget in self.query(".partner"):
            widget.display = partner

    @on(Select.Changed, "#pathway")
    def _pathway_changed(self) -> None:
        self._show_partner_fields()
        self.keep()

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _field_changed(self) -> None:
        """Check at once (errors show while typing); keep once typing pauses."""
        if self._keep_timer is not None:
            self._keep_timer.stop()
        if self.checked() is not None:
            self._keep_timer = self.set_timer(KEEP_AFTER_SECONDS, self.keep)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.keep()

    def on_descendant_blur(self) -> None:
        self.keep()

    def commit_edits(self) -> None:
        """Keep what is typed now (called before the workspace locks or the app quits)."""
        self.keep()

    def keep(self) -> bool:
        """Keep the organization if the form is valid and changed.

        Returns:
            True if the form is valid (kept, or unchanged).
        """
        if self._keep_timer is not None:
            self._keep_timer.stop()
            self._keep_timer = None
        if not self.session.is_open:
            return False
        org = self.session.organization
        updated = self.checked()
        if updated is None:
            return False
        if org is not None and updated == org:
            return True
        self.session.put(updated)
        self.changed()
        return True

    def checked(self) -> Organization | None:
        """Validate the form and show each field's error.

        Returns:
            The organization as typed, or None when a field is not valid (or the name is missing).
        """
        org = self.session.organization
        clear_problems(self, FIELDS)
        name = self.query_one("#org-name", Input).value
        if not name.strip():
            if org is None:
                self.query_one("#org-name-error", Static).update(_("Type the group's name to begin."))
                return None
        objects = [line.strip() for line in self.query_one("#objects", TextArea).text.splitlines() if line.strip()]
        pathway = self.query_one("#pathway", Select).value
        try:
            values = {
                "name": name,
                "objects": objects,
                "formation_pathway": {
                    "pathway": pathway,
                    "partner_name": optional(self.query_one("#partner-name", Input).value) if pathway == "partner_supported" else None,
                    "partner_role": optional(self.query_one("#partner-role", Input).value) if pathway == "partner_supported" else None,
                },
                "financial_year_end": parse_balance_date(self.query_one("#balance-date", Input).value),
                "incorporation_date": optional(self.query_one("#incorporated-on", Input).value),
                "staff": parse_staff(self.query_one("#staff-total", Input).value,
                                     self.query_one("#staff-community", Input).value),
            }
            if org is not None:
                base = org.model_dump(mode="json")
                base.update(values)
                values = base
            return build(Organization, values, source=_("about the group"))
        except InputError as error:
            show_problems(self, error, {**FIELDS, "staff_community": "staff-community"}, focus=False)
            return None
