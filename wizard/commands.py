"""The command palette (ctrl+p): every action of the screen on view, every step, and the app's
own actions. Built from the same bindings the footer shows, so each action has a key AND a
palette entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widget import Widget

from wizard.i18n import _
from wizard.steps import STEPS, step_label


@dataclass(frozen=True)
class PaletteCommand:
    """One palette entry.

    Attributes:
        title: what the person reads (translated).
        help: a short line under it (the key that does the same).
        run: what it does.
    """

    title: str
    help: str
    run: Callable[[], object]


def _declared_by_wizard(node: object, action: str) -> bool:
    """True when a wizard class (not a Textual base class) declares a binding for ``action``."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("wizard."):
            continue
        for entry in cls.__dict__.get("BINDINGS", []):
            if getattr(entry, "action", None) == action:
                return True
    return False


def palette_commands(screen: Screen) -> list[PaletteCommand]:
    """The commands offered on ``screen``.

    Args:
        screen: the screen the palette was opened from.

    Returns:
        The screen's and the app's bound actions (with their keys), then one entry per step of
        the flow when a workspace is unlocked.
    """
    app = screen.app
    commands: list[PaletteCommand] = []
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        node = active.node
        if not binding.description or binding.action in seen:
            continue
        if not _declared_by_wizard(node, binding.action):
            continue  # Textual's own keys (cursor moves, focus next, copy) are not the group's commands
        if binding.action == "command_palette":
            continue
        seen.add(binding.action)
        target: Widget | object = node
        commands.append(
            PaletteCommand(
                binding.description,
                _("key: {key}").format(key=app.get_key_display(binding)),
                partial(target.run_action, binding.action),  # type: ignore[attr-defined]
            )
        )
    if getattr(app, "session", None) is not None:
        for item in STEPS:
            commands.append(
                PaletteCommand(
                    _("Go to: {step}").format(step=step_label(item)),
                    _("a step of the formation (key: {key})").format(key=item.key.upper()),
                    partial(app.go_to, item.id),  # type: ignore[attr-defined]
                )
            )
    unique: dict[str, PaletteCommand] = {}
    for command in commands:
        unique.setdefault(command.title, command)
    return list(unique.values())


class FormationCommands(Provider):
    """The palette provider for the wizard's own commands."""

    async def discover(self) -> Hits:
        for command in palette_commands(self.screen):
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in palette_commands(self.screen):
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)
