"""Themes: the default dark theme and a high-contrast one (F2, or the command palette)."""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

HIGH_CONTRAST_THEME = "formation-high-contrast"

_HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFFFF",
    warning="#FFB000",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    variables={
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#FFFF00",
        "input-selection-background": "#FFFF00 50%",
        "border": "#FFFFFF",
        "border-blurred": "#AAAAAA",
    },
)


def register_themes(app: App) -> None:
    """Make the high-contrast theme available to ``app``."""
    app.register_theme(_HIGH_CONTRAST)
