"""The structure chooser: a few plain questions, then every legal form of the context ranked,
each with its reasons, what becomes public, costs, time and what it means for power."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from formation import contexts, structures
from formation.errors import FormationError
from formation.models import Member
from formation.structures import StructureAnswers, StructureOption
from wizard import bindings
from wizard.i18n import N_, _
from wizard.screens.base import FlowScreen
from wizard.steps import step
from wizard.widgets.fields import FieldError, FormationInput, FormationSelect
from wizard.widgets.plain import plain

YES_NO_UNSURE = [(N_("Yes"), "yes"), (N_("No"), "no"), (N_("Not sure"), "unsure")]
CHECKS = {
    "bank_account": N_("We need a bank account"),
    "employ_staff": N_("We will employ staff"),
    "foreign_funds": N_("We will receive money from abroad"),
    "organize_as_workers": N_("We want to organize as workers (a union)"),
    "member_business": N_("We want a business or savings scheme we own together"),
}


def option_markdown(option: StructureOption) -> str:
    """The details of one ranked legal form, as Markdown."""
    lines = [f"### {option.rank}. {option.name}", "", option.summary, ""]
    if option.does_not_fit:
        lines += ["**" + _("Does not fit now:") + "**", *[f"- {r}" for r in option.does_not_fit], ""]
    if option.reasons_for:
        lines += ["**" + _("For:") + "**", *[f"- {r}" for r in option.reasons_for], ""]
    if option.reasons_against:
        lines += ["**" + _("Against:") + "**", *[f"- {r}" for r in option.reasons_against], ""]
    lines += ["**" + _("Who holds power:") + "** " + option.power, ""]
    if option.public:
        lines += ["**" + _("What becomes public:") + "**", *[f"- {p}" for p in option.public], ""]
    lines += ["**" + _("Minimum members:") + "** " + option.minimum_members, "",
              "**" + _("Cost:") + "** " + "; ".join(option.cost), "",
              "**" + _("Time to register:") + "** " + option.time, ""]
    if option.refusal_risks:
        lines += ["**" + _("Refusals seen in practice:") + "**", *[f"- {r}" for r in option.refusal_risks], ""]
    return "\n".join(lines)


class StructureScreen(FlowScreen):
    """Answer the questions; the ranked forms follow each answer. Enter on a form chooses it."""

    STEP_ID = "structure"
    STEP_TITLE = N_("Structure")
    BINDINGS = bindings.STRUCTURE_SCREEN

    suggestions: list[StructureOption] = []

    def compose_body(self) -> ComposeResult:
        members = [m for m in self.session.all(Member) if m.is_current]
        with VerticalScroll(classes="form"):
            yield Static("", id="structure-context", classes="hint")
            yield Label(_("Can the group register openly where it lives, as what it is?"), classes="field-label")
            yield FormationSelect([(_(label), v) for label, v in YES_NO_UNSURE], value="unsure", allow_blank=False,
                                  id="register_openly")
            yield Label(_("Will members accept their names on a public register?"), classes="field-label")
            yield FormationSelect([(_(label), v) for label, v in YES_NO_UNSURE], value="unsure", allow_blank=False,
                                  id="public_names")
            for key, label in CHECKS.items():
                yield Checkbox(_(label), False, id=key, compact=True)
            yield Label(_("How many founders are there?"), classes="field-label")
            yield FormationInput(str(max(len(members), 1)), id="founders", type="integer", max_length=7)
            yield FieldError(id="founders-error")
            yield Label(_("Legal forms, best fit first (Enter chooses one)"), classes="field-label")
            yield OptionList(id="forms")
            yield Markdown("", id="form-details")
            yield Static(_("Legal information, not legal advice."), classes="hint", id="structure-disclaimer")

    def on_mount(self) -> None:
        self.action_rank()

    def answers(self) -> StructureAnswers | None:
        """The answers as typed, or None (with the field's error shown) when one is invalid."""
        founders_text = self.query_one("#founders", FormationInput).value.strip()
        error = self.query_one("#founders-error", FieldError)
        if not founders_text.isdigit() or int(founders_text) < 1:
            error.update(_("How many founders: a whole number, 1 or more."))
            return None
        error.update("")
        values = {key: self.query_one(f"#{key}", Checkbox).value for key in CHECKS}
        return StructureAnswers(
            register_openly=self.query_one("#register_openly", FormationSelect).value,
            public_names=self.query_one("#public_names", FormationSelect).value,
            founders=int(founders_text),
            **values,
        )

    @on(FormationSelect.Changed)
    @on(Checkbox.Changed)
    @on(FormationInput.Changed, "#founders")
    def action_rank(self) -> None:
        """Rank the legal forms for the answers given."""
        org = self.session.organization
        heading = self.query_one("#structure-context", Static)
        forms = self.query_one("#forms", OptionList)
        if org is None or not org.legal_context_id:
            heading.update(plain(_("Choose the legal context first (Legal context step, {key}).").format(
                key=step("legal_context").key.upper())))
            return
        answers = self.answers()
        if answers is None:
            return
        try:
            context = contexts.load_context(org.legal_context_id)
            also = [contexts.load_context("anywhere")] if org.legal_context_id != "anywhere" else []
            result = structures.suggest_structures(context, answers, also=also)
        except FormationError as error:
            heading.update(plain(getattr(error, "detail", str(error))))
            return
        heading.update(plain(_("Legal forms in {context} (how sex work is treated there: see Legal context, {key}).").format(
            context=result.context_name, key=step("legal_context").key.upper())))
        self.query_one("#structure-disclaimer", Static).update(plain(result.disclaimer))
        self.suggestions = result.options
        highlighted = forms.highlighted
        forms.clear_options()
        for option in result.options:
            chosen = org.legal_form_id == option.form_id and org.legal_context_id in (option.context_id, org.legal_context_id)
            mark = "◉" if chosen else ("✓" if option.fits else "✗")
            fit = _("fits") if option.fits else _("does not fit now")
            forms.add_option(Option(plain(f"{mark} {option.rank}. {option.name} — {fit}"), id=f"{option.context_id}:{option.form_id}"))
        if result.options:
            forms.highlighted = highlighted if highlighted is not None and highlighted < len(result.options) else 0
            self._details(forms.highlighted or 0)

    @on(OptionList.OptionHighlighted, "#forms")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._details(event.option_index)

    def _details(self, index: int) -> None:
        if 0 <= index < len(self.suggestions):
            self.query_one("#form-details", Markdown).update(option_markdown(self.suggestions[index]))

    @on(OptionList.OptionSelected, "#forms")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        org = self.session.organization
        if org is None or not event.option.id:
            return
        context_id, form_id = event.option.id.split(":", 1)
        option = next((o for o in self.suggestions if o.form_id == form_id and o.context_id == context_id), None)
        if option is not None and not option.fits:
            self.notify(_("This form does not fit now: {why}").format(why="; ".join(option.does_not_fit)),
                        severity="warning", markup=False)
        if context_id != org.legal_context_id:
            self.notify(_("This arrangement is usable anywhere: the registration plan now follows it. "
                          "Choose the country again under Legal context to go back."))
        org.legal_context_id = context_id
        org.legal_form_id = form_id
        self.session.put(org)
        self.changed()
        self.action_rank()
