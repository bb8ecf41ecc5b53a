"""The sidebar: every step of the flow with where the group stands, and the next useful step."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wizard.i18n import _
from wizard.session import Session
from wizard.steps import STEPS, is_done, next_step, step_label
from wizard.widgets.plain import plain


class Sidebar(Vertical):
    """Lists the steps (✓ done, ▸ here, · to do); Enter on one opens it.

    Args:
        session: the open workspace.
        current: the id of the step on screen.
    """

    DEFAULT_CSS = """
    Sidebar {
        width: 24;
        height: 1fr;
        border-right: vkey $secondary;
    }
    Sidebar OptionList {
        height: 1fr;
        border: none;
        padding: 0;
        background: $surface;
    }
    Sidebar #next-step {
        height: auto;
        padding: 0 1;
        color: $success;
    }
    """

    def __init__(self, session: Session, current: str) -> None:
        super().__init__(id="sidebar")
        self.session = session
        self.current = current

    def compose(self) -> ComposeResult:
        yield OptionList(id="steps")
        yield Static("", id="next-step")

    def on_mount(self) -> None:
        self.refresh_steps()

    def refresh_steps(self) -> None:
        """Redraw the step list and the next-step hint from the stored records."""
        if not self.session.is_open:
            return
        steps = self.query_one("#steps", OptionList)
        highlighted = steps.highlighted
        steps.clear_options()
        for item in STEPS:
            if item.id == self.current:
                mark = "▸"
            elif is_done(item.id, self.session):
                mark = "✓"
            else:
                mark = "·"
            steps.add_option(Option(plain(f"{mark} {step_label(item)}"), id=item.id))
        index = next((i for i, s in enumerate(STEPS) if s.id == self.current), 0)
        steps.highlighted = highlighted if highlighted is not None else index
        upcoming = next_step(self.session)
        hint = self.query_one("#next-step", Static)
        if upcoming is None:
            hint.update(_("Every step is done."))
        else:
            hint.update(plain(_("Next: {step}").format(step=step_label(upcoming))))

    @on(OptionList.OptionSelected, "#steps")
    def _open_step(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id != self.current:
            self.app.go_to(event.option.id)  # type: ignore[attr-defined]
