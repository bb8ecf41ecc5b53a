"""The bylaws editor's changes to a whole clause or version: leave an optional clause out or put it
back, give a clause the group's own wording, send the version for review. Each goes through
``formation.bylaws`` (``leave_out``, ``include``, ``set_custom_text``, ``submit_for_review``)."""

from __future__ import annotations

from textual.widgets import Static

from formation import bylaws
from formation.errors import FormationError
from formation.models.bylaws import BylawsDraft
from wizard.dialogs.clause_text import ClauseTextDialog, ClauseWording
from wizard.dialogs.confirm import ConfirmDialog
from wizard.i18n import _
from wizard.widgets.plain import plain


class BylawsEdits:
    """Mixin of ``BylawsScreen`` (which provides ``session``, ``library``, ``draft``, ``clause``,
    ``show_clause`` and ``changed``): the actions bound to o, t and r."""

    def _keep(self, updated: BylawsDraft, message: str = "") -> None:
        self.session.put(updated)
        self.changed()
        self.show_clause()
        if message:
            self.query_one("#clause-message", Static).update(plain(message))
        self.refresh_bindings()

    def _refused(self, error: FormationError) -> None:
        self.query_one("#clause-message", Static).update(plain(getattr(error, "detail", str(error))))

    def action_leave_out_or_include(self) -> None:
        """Leave the clause on screen out of the draft (optional clauses only), or put a left-out
        clause back with its default choices."""
        draft = self.draft
        if draft is None:
            return
        spec = self.clause
        try:
            if spec.id in draft.latest.clauses:
                updated = bylaws.leave_out(draft, spec.id, library=self.library)
                message = _("Left out. Press o to put it back (with its default choices).")
            else:
                updated = bylaws.include(draft, spec.id, organization=self.session.organization, library=self.library)
                message = _("Put back, with its default choices.")
        except FormationError as error:
            self._refused(error)
            return
        self._keep(updated, message)

    def action_own_wording(self) -> None:
        """Give the clause on screen the group's own wording, or go back to the library's text."""
        draft = self.draft
        if draft is None:
            return
        spec = self.clause
        selection = draft.latest.clauses.get(spec.id)
        if selection is None:
            self.query_one("#clause-message", Static).update(_("Put the clause back (o) before changing its wording."))
            return
        custom = selection.custom_paragraphs is not None
        dialog = ClauseTextDialog(spec.title, list(selection.custom_paragraphs or self._library_paragraphs(spec.id)),
                                  custom=custom)

        def submit(wording: ClauseWording) -> None:
            current = self.draft
            if current is None:
                return
            try:
                updated = bylaws.set_custom_text(current, spec.id, wording.paragraphs, library=self.library)
            except FormationError as error:
                dialog.show_error(getattr(error, "detail", str(error)))
                return
            dialog.dismiss(wording)
            self._keep(updated)

        dialog.on_submit = submit
        self.app.push_screen(dialog)

    def _library_paragraphs(self, clause_id: str) -> list[str]:
        """The clause's text as the library words it with the choices made (``version_text``)."""
        draft = self.draft
        org = self.session.organization
        if draft is None:
            return []
        try:
            articles = bylaws.version_text(draft.latest, self.library, organization_name=org.name if org else "",
                                           objects=org.objects if org else [], document_title=draft.title)
        except FormationError:
            return []  # a choice is invalid: start from an empty text
        for article in articles:
            for clause in article.clauses:
                if clause.id == clause_id:
                    return list(clause.paragraphs)
        return []

    def action_send_for_review(self) -> None:
        """Send the draft version for review (asks first: its text no longer changes afterwards)."""
        draft = self.draft
        org = self.session.organization
        if draft is None or draft.latest.status != "draft":
            return
        if org is None:
            self.query_one("#clause-message", Static).update(_("Describe the group first (About the group)."))
            return
        number = draft.latest.number

        def answer(yes: bool | None) -> None:
            current = self.draft
            if not yes or current is None:
                return
            try:
                updated = bylaws.submit_for_review(current, on=self.app.today(), organization=org, library=self.library)
            except FormationError as error:
                self._refused(error)
                return
            self._keep(updated, _("Version {n} is sent for review. Its text no longer changes; press ctrl+n for a new "
                                  "version.").format(n=number))

        self.app.push_screen(ConfirmDialog(
            _("Send version {n} for review? Its text is then frozen: to change it, start a new version.").format(
                n=number), _("Send for review")), answer)
