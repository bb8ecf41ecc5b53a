"""Where the bundled data lives: the clause library and layouts, and the legal contexts.

In the repository they are the top-level folders ``templates/`` and ``legal_contexts/``; in the
installed wheel they ship inside the package as ``formation.templates`` and
``formation.legal_contexts`` (``pyproject.toml`` maps them), so a plain ``pip install .`` works
and no generic top-level package names are put into site-packages.
"""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _resource(package: str, folder: str) -> Traversable:
    try:
        return importlib.resources.files(f"formation.{package}")
    except ModuleNotFoundError:
        return _CHECKOUT / folder


def templates_dir() -> Traversable:
    """The ``templates`` folder (``bylaws/``, ``minutes/``, ...) as a Traversable."""
    return _resource("templates", "templates")


def legal_contexts_dir() -> Traversable:
    """The ``legal_contexts`` folder (one TOML file per context) as a Traversable."""
    return _resource("legal_contexts", "legal_contexts")
