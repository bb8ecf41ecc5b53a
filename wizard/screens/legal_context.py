"""Legal context: where the group is, how sex work is treated there, what registering exposes,
and how old that information is. Legal information, not legal advice."""

from __future__ import annotations

import datetime as _dt

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Markdown, Select, Static

from formation import contexts
from formation.errors import FormationError
from formation.models import Organization
from formation.models.legal import LegalContext
from wizard import bindings
from wizard.widgets.fields import FormationSelect
from wizard.widgets.networks.network_list import NetworkList
from wizard.i18n import N_, _, ngettext
from wizard.screens.base import FlowScreen
from wizard.widgets.plain import plain

TREATMENT_LABELS = {
    "criminalised": N_("criminalised"),
    "partly_criminalised": N_("partly criminalised"),
    "decriminalised": N_("decriminalised"),
    "regulated": N_("regulated (legal under a licensing or registration regime)"),
    "unknown": N_("unknown: we could not confirm it"),
}
VISIBLE_TO = {
    "anyone": N_("anyone"),
    "members": N_("members"),
    "registrar": N_("the registrar and other authorities"),
    "funders": N_("funders"),
}


def age_text(checked_on: _dt.date, today: _dt.date) -> str:
    """'checked 2026-01-10, 4 months ago' in plain words."""
    days = (today - checked_on).days
    if days < 0:
        return _("checked {date}").format(date=checked_on.isoformat())
    months = days // 30
    if months < 1:
        ago = ngettext("{n} day ago", "{n} days ago", days).format(n=days)
    elif months < 24:
        ago = ngettext("{n} month ago", "{n} months ago", months).format(n=months)
    else:
        ago = ngettext("{n} year ago", "{n} years ago", months // 12).format(n=months // 12)
    return _("checked {date}, {ago}").format(date=checked_on.isoformat(), ago=ago)


def context_markdown(context: LegalContext, today: _dt.date) -> str:
    """What the screen says about a legal context, as Markdown (plain language).

    Args:
        context: a loaded legal context.
        today: today's date, for the age of the information.

    Returns:
        Markdown text: the treatment of sex work, what registering openly exposes, each legal
        form's public exposure, the sources' ages, and the not-legal-advice note.
    """
    sw = context.sex_work
    lines = [
        f"## {context.name}",
        "",
        _("**Sex work here is:** {treatment}").format(treatment=_(TREATMENT_LABELS[sw.treatment])),
        "",
        sw.summary,
        "",
        "### " + _("What registering openly may expose"),
        "",
        sw.registering_openly,
        "",
    ]
    for form in context.forms:
        if not form.public_exposure:
            continue
        lines.append("### " + _("If you register as: {form}").format(form=form.name))
        lines.append("")
        for item in form.public_exposure:
            who = _(VISIBLE_TO[item.visible_to])
            flag = _(" (can identify people)") if item.identifies_people else ""
            lines.append(f"- {item.what} — " + _("visible to {who}").format(who=who) + flag)
        lines.append("")
    checked = sorted((s.checked_on for s in context.sources.values()))
    lines.append("### " + _("How old this information is"))
    lines.append("")
    lines.append(_("Whole file reviewed: {age}.").format(age=age_text(context.reviewed_on, today)))
    if checked:
        lines.append("")
        lines.append(_("Oldest source {oldest}; newest {newest}.").format(
            oldest=age_text(checked[0], today), newest=age_text(checked[-1], today)))
    lines.append("")
    lines.append(_("**This is legal information, not legal advice.** Laws and practice change; "
                   "check with a lawyer or a sex worker-led organization you trust before you register."))
    return "\n".join(lines)


class LegalContextScreen(FlowScreen):
    """Choose the legal context and read what it means for the group."""

    STEP_ID = "legal_context"
    STEP_TITLE = N_("Legal context")
    BINDINGS = bindings.LEGAL_CONTEXT_SCREEN

    def compose_body(self) -> ComposeResult:
        org = self.session.organization
        options: list[tuple[str, str]] = []
        problem = ""
        try:
            for summary in contexts.list_contexts():
                options.append((summary.name, summary.id))
        except FormationError as error:
            problem = _("The legal contexts could not be read: {reason}").format(reason=str(error))
        with VerticalScroll(classes="form"):
            yield Label(_("Where will the group work?"), classes="field-label")
            current = org.legal_context_id if org and org.legal_context_id in {v for _l, v in options} else Select.NULL
            yield FormationSelect(options, value=current, prompt=_("choose a legal context"), id="context")
            yield Static(plain(problem or ("" if org else _("Describe the group first (About the group)."))),
                         id="context-error", classes="field-error")
            yield Markdown("", id="context-info")
            yield NetworkList("", id="context-networks")

    def on_mount(self) -> None:
        self._show()

    @on(Select.Changed, "#context")
    def _chosen(self, event: Select.Changed) -> None:
        value = event.value
        org = self.session.organization
        if org is None or value is Select.NULL or not isinstance(value, str):
            self._show()
            return
        if org.legal_context_id != value:
            org.legal_context_id = value
            if org.legal_form_id is not None:
                org.legal_form_id = None  # a form belongs to one context
            self.session.put(org)
            self.changed()
        self._show()

    def _show(self) -> None:
        value = self.query_one("#context", Select).value
        info = self.query_one("#context-info", Markdown)
        networks = self.query_one("#context-networks", NetworkList)
        networks.show(None)
        if not isinstance(value, str):
            info.update(_("Choose where the group will work to see how sex work is treated there, "
                          "what registering may expose, and how old our information is."))
            return
        try:
            context = contexts.load_context(value)
        except FormationError as error:
            self.query_one("#context-error", Static).update(plain(str(error)))
            return
        info.update(context_markdown(context, self.app.today()))
        networks.show(context)

    def action_show_networks(self) -> None:
        """Scroll to the sex worker-led networks of the chosen legal context."""
        self.query_one("#context-networks", NetworkList).scroll_visible(top=True)
