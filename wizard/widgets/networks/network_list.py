"""The national and regional sex worker-led networks a group can connect to, from its legal
context (``formation.models.legal.LegalContext.networks``, each with its sources and the date they
were checked), then the global ones."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from formation.models.legal import LegalContext
from wizard.i18n import N_, _
from wizard.widgets.plain import plain

SCOPE_ORDER = ("national", "regional", "local", "global")
SCOPE_HEADINGS = {
    "national": N_("National"),
    "regional": N_("Regional"),
    "local": N_("Local"),
    "global": N_("Global"),
}


def networks_text(context: LegalContext) -> Text:
    """The networks of ``context``, national first, each with where it works, what it is, its
    address and when the information was checked."""
    text = Text()
    text.append(_("Sex worker-led networks you can connect to") + "\n", style="bold")
    if not context.networks:
        text.append(_("This legal context lists no network yet.") + "\n")
        return text
    text.append(_("Groups that grow out of a partner's programme should be linked to them; a fair partnership "
                  "agreement says so.") + "\n", style="italic")
    for scope in SCOPE_ORDER:
        found = [n for n in context.networks if n.scope == scope]
        if not found:
            continue
        text.append("\n" + _(SCOPE_HEADINGS[scope]) + "\n", style="bold")
        for network in found:
            text.append("• " + network.name, style="bold")
            text.append(f" ({network.area})\n")
            text.append("  " + network.description + "\n")
            checked = [context.sources[s].checked_on for s in network.sources if s in context.sources]
            line = "  " + network.url
            if checked:
                line += "  " + _("checked {date}").format(date=min(checked).isoformat())
            text.append(line + "\n", style="dim")
    return text


class NetworkList(Static):
    """The networks of the chosen legal context (empty until one is chosen)."""

    DEFAULT_CSS = """
    NetworkList { height: auto; margin: 1 0 0 0; }
    """

    def show(self, context: LegalContext | None) -> None:
        """Show the networks of ``context``, or nothing when no context is chosen."""
        self.update(plain(networks_text(context) if context is not None else ""))
