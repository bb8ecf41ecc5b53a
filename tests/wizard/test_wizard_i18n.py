"""Every string a person reads goes through ``_()``, and the English catalog holds all of them."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

WIZARD = Path(__file__).resolve().parents[2] / "wizard"
LOCALE = WIZARD / "locale"
MARKERS = {"_", "N_"}
# Widgets and calls whose first positional string argument is shown to the person.
SHOWN = {"Static", "Label", "Button", "notify", "Checkbox", "Markdown", "Option"}


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in re.sub(r"\{[^}]*\}", "", text))


def _sources() -> list[Path]:
    return sorted(WIZARD.rglob("*.py"))


def _marked_strings() -> set[str]:
    found: set[str] = set()
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in MARKERS and node.args and isinstance(node.args[0], ast.Constant):
                    found.add(node.args[0].value)
                if node.func.id == "ngettext" and len(node.args) >= 2:
                    for arg in node.args[:2]:
                        if isinstance(arg, ast.Constant):
                            found.add(arg.value)
    return found


def _po_msgids(path: Path) -> set[str]:
    ids: set[str] = set()
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgid ", "msgid_plural ")):
            if current is not None:
                ids.add("".join(current))
            current = [ast.literal_eval(line.split(" ", 1)[1])]
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
        elif line.startswith("msgstr"):
            if current is not None:
                ids.add("".join(current))
            current = None
    ids.discard("")
    return ids


def test_every_marked_string_is_in_the_template_and_the_english_catalog() -> None:
    marked = _marked_strings()
    assert len(marked) > 100
    template = _po_msgids(LOCALE / "formation.pot")
    english = _po_msgids(LOCALE / "en" / "LC_MESSAGES" / "formation.po")
    missing = sorted(marked - template)
    assert not missing, f"run sh wizard/locale/update.sh; missing from formation.pot: {missing[:5]}"
    assert marked <= english


def test_compiled_english_catalog_translates_every_string() -> None:
    with open(LOCALE / "en" / "LC_MESSAGES" / "formation.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for message in _marked_strings():
        assert catalog.gettext(message) == message


def test_no_shown_string_bypasses_translation() -> None:
    offenders: list[str] = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in SHOWN or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and _has_words(first.value):
                offenders.append(f"{path.name}:{node.lineno}")
            if isinstance(first, ast.JoinedStr) and any(
                isinstance(part, ast.Constant) and _has_words(str(part.value)) for part in first.values
            ):
                offenders.append(f"{path.name}:{node.lineno} (f-string with words)")
    assert not offenders, f"shown without _(): {offenders}"


def _help_topics() -> list[str]:
    from wizard.steps import STEPS

    return ["start", "unlock", "create", "glossary", "meeting"] + [s.id for s in STEPS]


@pytest.mark.parametrize("topic", _help_topics())
def test_every_screen_has_plain_language_help_in_english(topic: str) -> None:
    text = (WIZARD / "help" / "en" / f"{topic}.md").read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert len(text.split()) > 60
