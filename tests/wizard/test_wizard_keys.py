"""Keyboard only: every action of the wizard has a key, and the command palette offers it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import wizard
from wizard_helpers import go_to, sample_path, wait_for  # type: ignore[import-not-found]
from wizard.app import FormationApp
from wizard.commands import palette_commands
from wizard.steps import STEPS


def _wizard_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(wizard.__path__, "wizard."):
        module = importlib.import_module(info.name)
        found += [c for _n, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == info.name]
    return found


def _bound_actions() -> set[str]:
    actions = set()
    for cls in _wizard_classes():
        for entry in cls.__dict__.get("BINDINGS", []):
            actions.add(entry.action.split("(")[0])
    from wizard.bindings import MEETING

    actions |= {b.action.split("(")[0] for b in MEETING}
    return actions


def test_every_action_of_the_wizard_has_a_key() -> None:
    bound = _bound_actions()
    missing = []
    for cls in _wizard_classes():
        for name, _member in inspect.getmembers(cls, inspect.isfunction):
            if name.startswith("action_") and name in vars(cls) and name[len("action_"):] not in bound:
                missing.append(f"{cls.__name__}.{name}")
    assert not missing, f"actions without a key: {missing}"


async def test_palette_offers_each_key_of_the_screen_and_every_step(tmp_path: Path) -> None:
    app = FormationApp(sample_path(tmp_path), demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the sample opened")
        for item in STEPS:
            await go_to(pilot, item.id)
            titles = {c.title for c in palette_commands(app.screen)}
            # every key the footer shows is in the palette too (the palette's own key aside)
            shown = {b.binding.description for b in app.screen.active_bindings.values()
                     if b.binding.show and b.binding.description and b.binding.action != "command_palette"}
            assert shown, item.id
            assert shown <= titles, f"{item.id}: keys missing from the palette: {shown - titles}"
            assert {f"Go to: {s.label}" for s in STEPS} <= titles
            assert {"Lock", "Help", "Quit"} <= titles
