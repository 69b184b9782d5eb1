"""One translation function for all user-facing text: ``_()`` over gettext, in the language
of the team being served.

``_()`` and ``ngettext`` look the language up each time they are called (see
:mod:`socialplaybook.language`: the context an app or an export sets, else the process's
default, else English), so nothing may call them at import: a label a module needs is a
function (``area_labels()``), never a constant. Write whole sentences with named
placeholders (``_("{team} saved revision {n}.")``), never sentences glued from translated
pieces: word order differs between the languages. Lists inside a sentence go through
``list_text``; counts through ``ngettext``.
"""

from __future__ import annotations

from collections.abc import Iterable

from socialplaybook.language import (
    LANGUAGES,
    MESSAGES_DOMAIN,
    Language,
    catalogue,
    current_language,
    language_tag,
    parse_language,
    set_process_language,
    use_language,
)

DOMAIN = MESSAGES_DOMAIN

__all__ = ["LANGUAGES", "Language", "_", "current_language", "language", "language_labels",
           "language_tag", "list_text", "ngettext", "parse_language", "set_process_language",
           "use_language"]


def _(message: str) -> str:
    """Translate ``message`` into the current language (English when none is set)."""
    return catalogue(DOMAIN, current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n`` (each language's plural
    rules: German and Norwegian have two forms, Chinese and Georgian one)."""
    return catalogue(DOMAIN, current_language()).ngettext(singular, plural, n)


def language() -> str:
    """The current language's code ("en", "de", "nb", "zh_Hans" or "ka")."""
    return current_language()


def language_labels() -> dict[str, str]:
    """Each language as a person picks it: its own name, then the name in the current
    language when that differs ("Deutsch (German)")."""
    own = {"en": "English", "de": "Deutsch", "nb": "Norsk (bokmål)", "zh_Hans": "简体中文",
           "ka": "ქართული"}
    here = {"en": _("English"), "de": _("German"), "nb": _("Norwegian (Bokmål)"),
            "zh_Hans": _("Chinese (Simplified)"), "ka": _("Georgian")}
    return {code: own[code] if current_language() == code
            else _("{own_name} ({name})").format(own_name=own[code], name=here[code])
            for code in LANGUAGES}


def list_text(items: Iterable[str], style: str = "standard") -> str:
    """Items as a sentence lists them in the current language ("A, B and C"; "A, B und C";
    "A、B和C"); ``style="or"`` for alternatives ("A, B or C")."""
    from babel.lists import format_list

    items = list(items)
    try:
        return format_list(items, style=style, locale=current_language())
    except (ValueError, LookupError):
        return format_list(items, style=style, locale="en")
