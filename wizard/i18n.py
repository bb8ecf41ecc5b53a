"""Translation: every string a person reads goes through ``_()`` (gettext, domain ``formation``).

Catalogs live in ``wizard/locale/<lang>/LC_MESSAGES/formation.{po,mo}``; the template is
``wizard/locale/formation.pot``. The language comes from the usual environment variables
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), falling back to English.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "formation"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.translation(DOMAIN, LOCALE_DIR, fallback=True)


def use_language(code: str | None) -> None:
    """Switch the catalog used by ``_`` and ``ngettext``.

    Args:
        code: a language tag with a catalog (``"en"``), or None for the environment's choice.
    """
    global _translation
    languages = [code] if code else None
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True)


def _(message: str) -> str:
    """The translation of ``message`` in the current language (the message itself if none)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The translation of ``singular``/``plural`` for the count ``n``."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (for module-level tables)."""
    return message


def help_text(topic: str, language: str | None = None) -> str:
    """The plain-language help for ``topic`` (a screen id or ``"glossary"``), as Markdown.

    Args:
        topic: the file name under ``wizard/help/<lang>/`` without ``.md``.
        language: a language tag; default: the first language of the current catalog, then English.

    Returns:
        The Markdown text, or an empty string when there is no help file for the topic.
    """
    base = Path(__file__).parent / "help"
    tried = [language] if language else []
    info = _translation.info() if hasattr(_translation, "info") else {}
    lang = info.get("language")
    if lang:
        tried.append(lang)
    tried.append("en")
    for code in tried:
        candidate = base / code / f"{topic}.md"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return ""
