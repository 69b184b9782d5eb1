"""One translation function for all user-facing text: ``_()`` over gettext.

English is the default and the source language. ``SOCIAL_PLAYBOOK_LANG`` (e.g. ``de``)
selects a catalogue from ``socialplaybook/locale/<lang>/LC_MESSAGES/socialplaybook.mo``;
a language without a catalogue falls back to English.
"""

from __future__ import annotations

import functools
import gettext
import os
from pathlib import Path

DOMAIN = "socialplaybook"
LOCALE_DIR = Path(__file__).parent.parent / "locale"


def _translation() -> gettext.NullTranslations:
    return _catalogue(os.environ.get("SOCIAL_PLAYBOOK_LANG", "en"))


@functools.lru_cache(maxsize=8)
def _catalogue(language: str) -> gettext.NullTranslations:
    # Looking the catalogue up on disk for every message cost most of a redraw's time.
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _(message: str) -> str:
    """Translate ``message`` into the workshop's language (English when none is set)."""
    return _translation().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return _translation().ngettext(singular, plural, n)


def language() -> str:
    """The workshop's language code ("en" when none is set)."""
    return os.environ.get("SOCIAL_PLAYBOOK_LANG", "en") or "en"


def list_text(items: list[str]) -> str:
    """Items as a sentence lists them in the workshop's language ("A, B and C")."""
    from babel import UnknownLocaleError
    from babel.lists import format_list

    try:
        return format_list(items, locale=language())
    except (UnknownLocaleError, ValueError):
        return format_list(items, locale="en")
