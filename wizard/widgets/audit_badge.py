"""The live audit badge: what the power audit says about the bylaws as they stand right now."""

from __future__ import annotations

from textual.widgets import Static

from wizard.audit_view import AuditSummary
from wizard.i18n import _, ngettext
from wizard.widgets.plain import plain


class AuditBadge(Static):
    """One line: the verdict (community-led or not) and how many findings; updated on each change."""

    DEFAULT_CSS = """
    AuditBadge { height: auto; padding: 0 1; text-style: bold; }
    AuditBadge.-led { background: $success 30%; }
    AuditBadge.-not-led { background: $error 30%; }
    AuditBadge.-unknown { background: $warning 30%; }
    """

    def show(self, summary: AuditSummary | None) -> None:
        """Show ``summary`` (None when the audit could not run: the reason is in the summary's place)."""
        if summary is None:
            self.set_classes("-unknown")
            self.update(_("Audit: start the bylaws to see who holds power"))
            return
        if summary.error:
            self.set_classes("-unknown")
            self.update(plain(_("Audit: {reason}").format(reason=summary.error)))
            return
        self.set_classes("-led" if summary.community_led else "-not-led")
        verdict = _("community-led") if summary.community_led else _("community-based")
        findings = ngettext("{n} finding", "{n} findings", summary.findings).format(n=summary.findings)
        from wizard.steps import step

        self.update(plain(_("Audit: {verdict} · {findings} · {key} for details").format(
            verdict=verdict, findings=findings, key=step("audit").key.upper())))
