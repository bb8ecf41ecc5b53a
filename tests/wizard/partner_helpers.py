"""Shared steps for the tests of the partners, capacity, review and overview screens."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from textual.app import App
from textual.widget import Widget

TODAY = _dt.date(2026, 12, 1)
"""The tests' today: the sample's bank signatory handover (due 2026-09-30) is overdue by then."""


def tumaini_path(tmp_path: Path, *, passphrase: str | None = None) -> Path:
    """The partner-supported sample (``formation demo --sample tumaini``), built fresh."""
    from formation.sample_partner import build_partner_sample_workspace
    from wizard_helpers import FAST_KDF  # type: ignore[import-not-found]

    return build_partner_sample_workspace(tmp_path / "tumaini-workspace", passphrase=passphrase, kdf=FAST_KDF)


def tumaini_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The wizard on the partner-supported sample, with today fixed at ``TODAY``."""
    from wizard.app import FormationApp

    app = FormationApp(tumaini_path(tmp_path), demo=True)
    app.clock = lambda: TODAY
    return app


def screen_text(app: App) -> str:  # type: ignore[type-arg]
    """Every character on the terminal right now, line by line (what a person sees)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def shown(widget: Widget) -> str:
    """The whole text a widget shows (also the part scrolled out of view)."""
    return str(widget.render())


def names_in(text: str, names: list[str]) -> list[str]:
    """The names of ``names`` that occur in ``text`` as whole words."""
    return [n for n in names if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text)]
