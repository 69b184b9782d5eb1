"""The language a text is shown in: the five languages, the context that says which one is
current, and the catalogues that hold the translations.

English is the source language; the others are the languages of the workshop's four
source articles: German, Norwegian (Bokmål), Chinese (Simplified) and Georgian. Each team
chooses one (``Plan.language``). The language is looked up whenever a text is, never at
import: from the context (``use_language``: an app sets it around every callback of its
page, an export around the plan it writes), else from the process's default (a kernel
serves one page: that page's language, ``set_process_language``; the command line:
``SOCIAL_PLAYBOOK_LANG``), else English.

Two catalogues a language, in ``socialplaybook/locale/<code>/LC_MESSAGES/``:
``socialplaybook`` (the apps' messages, ``rules.i18n._``) and ``content`` (the datasets'
text and the notebooks' intros, each found by a context such as
``myths.csv:no-plan:belief``). The ``.po`` files are the source; ``.mo`` files are built by
the install (setup.py) and ``make messages``. A ``.po`` with no ``.mo`` beside it, or newer
than its ``.mo`` (a checkout where a translator just edited it), is compiled in memory when
the language is first used.

This module sits below every other one (the datasets' loaders use it), so it imports no
other part of the package.
"""

from __future__ import annotations

import dataclasses
import functools
import gettext
import io
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal, Protocol, get_args

LANGUAGE_ENV_VAR = "SOCIAL_PLAYBOOK_LANG"
SOURCE_LANGUAGE = "en"
MESSAGES_DOMAIN = "socialplaybook"
CONTENT_DOMAIN = "content"
DOMAINS = (MESSAGES_DOMAIN, CONTENT_DOMAIN)
LOCALE_DIR = Path(__file__).parent / "locale"

# English and the languages of the source articles, as the catalogues' folders name them.
Language = Literal["en", "de", "nb", "zh_Hans", "ka"]
LANGUAGES: tuple[str, ...] = get_args(Language)
TRANSLATED_LANGUAGES: tuple[str, ...] = LANGUAGES[1:]

# How a link or a shell may name a language ("zh-CN", "no", "de-AT"): its first subtag.
_ALIASES = {"en": "en", "de": "de", "nb": "nb", "no": "nb", "zh": "zh_Hans", "ka": "ka"}
_TRADITIONAL_CHINESE = {"hant", "tw", "hk", "mo"}
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")

_log = logging.getLogger(__name__)


class Speaker(Protocol):
    """Something whose language may change while texts are shown for it: an app's page."""

    language: str


_context_language: ContextVar[str | Speaker | None] = ContextVar("social_playbook_language",
                                                                 default=None)
_process_language: str | None = None


def parse_language(text: object) -> str | None:
    """The language a tag names ("de", "de-AT", "nb_NO", "no", "zh-Hans-CN", "zh_CN",
    "KA", a POSIX locale such as "nb_NO.UTF-8"), or None when it names none of the five
    (Traditional Chinese included: there is no catalogue for it)."""
    if not isinstance(text, str):
        return None
    tag = text.strip().split(".", 1)[0].split("@", 1)[0]
    if not _TAG.fullmatch(tag):
        return None
    parts = [part.lower() for part in re.split(r"[-_]", tag)]
    code = _ALIASES.get(parts[0])
    if code == "zh_Hans" and _TRADITIONAL_CHINESE.intersection(parts[1:]):
        return None
    return code


def language_tag(code: str) -> str:
    """The BCP 47 tag of a language, for HTML's ``lang`` ("zh_Hans" -> "zh-Hans")."""
    return code.replace("_", "-")


def _checked(code: str) -> str:
    if code not in LANGUAGES:
        raise ValueError(f"{code!r} is not one of the languages {', '.join(LANGUAGES)}")
    return code


def current_language() -> str:
    """The language texts are shown in now: the context's, else the process's, else
    ``SOCIAL_PLAYBOOK_LANG`` (any tag naming one of the five), else English."""
    found = _context_language.get()
    if found is not None:
        return found if isinstance(found, str) else found.language
    if _process_language is not None:
        return _process_language
    return parse_language(os.environ.get(LANGUAGE_ENV_VAR, "")) or SOURCE_LANGUAGE


@contextmanager
def use_language(code: str | Speaker) -> Iterator[None]:
    """Show texts in ``code`` inside the ``with`` block (this thread or task only); or in
    the language of a ``Speaker`` (an app) as it is whenever a text is looked up, so a
    callback that changes the app's language goes on in the new one."""
    token = _context_language.set(_checked(code) if isinstance(code, str) else code)
    try:
        yield
    finally:
        _context_language.reset(token)


def set_process_language(code: str | None) -> None:
    """The language of everything in this process that no context names (None: back to
    ``SOCIAL_PLAYBOOK_LANG``): a kernel serves one page, and its threads follow the page."""
    global _process_language
    _process_language = None if code is None else _checked(code)


# -- catalogues ------------------------------------------------------------------------------


def catalogue_path(domain: str, code: str, suffix: str = ".po") -> Path:
    """Where a language's catalogue of ``domain`` is (``.po``, or ``.mo`` with ``suffix``)."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}{suffix}"


def compile_catalogue(po_path: Path) -> bytes:
    """A ``.po`` file as the ``.mo`` bytes gettext reads. Left out: fuzzy entries (a
    translation a translator has not confirmed) and plural entries missing a form (gettext
    would show an empty text for that count; Babel's own compiler keeps them)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po_path, "rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and isinstance(message.string, (list, tuple)) and not all(
                message.string):
            message.string = ""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write the ``.mo`` beside every ``.po`` under ``locale_dir``; the ``.mo`` files."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        mo_path.write_bytes(compile_catalogue(po_path))
        written.append(mo_path)
    return written


@functools.lru_cache(maxsize=16)
def catalogue(domain: str, code: str) -> gettext.NullTranslations:
    """The translations of ``domain`` in ``code`` (English, or a language without a
    catalogue: none, so every text is shown as written)."""
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    po_path, mo_path = catalogue_path(domain, code), catalogue_path(domain, code, ".mo")
    try:
        if mo_path.is_file() and (not po_path.is_file()
                                  or mo_path.stat().st_mtime >= po_path.stat().st_mtime):
            with open(mo_path, "rb") as handle:
                return gettext.GNUTranslations(handle)
        if po_path.is_file():
            return gettext.GNUTranslations(io.BytesIO(compile_catalogue(po_path)))
    except Exception as exc:  # noqa: BLE001 - a broken catalogue must not stop the apps
        _log.warning("The %s catalogue of %s could not be read (%s); it is shown in "
                     "English.", domain, code, exc)
    return gettext.NullTranslations()


def forget_catalogues() -> None:
    """Read the catalogues from disk again when next used (after ``make messages``)."""
    catalogue.cache_clear()


def content_text(context: str, english: str, code: str | None = None) -> str:
    """A dataset's or a notebook's text in ``code`` (default: the current language), found
    by its ``context`` ("myths.csv:no-plan:belief"); the English when it has no
    translation yet (or an outdated one: the context's English changed since)."""
    if not english:
        return english
    return catalogue(CONTENT_DOMAIN, code or current_language()).pgettext(context, english)


# -- the datasets' text ----------------------------------------------------------------------


def content_context(table: str, key: str, column: str) -> str:
    """The context a dataset's cell is translated under: ``myths.csv:no-plan:belief``."""
    return f"{table}:{key}:{column}"


def translate_rows(rows: Any, table: str, key: str, columns: tuple[str, ...],
                   code: str) -> Any:
    """A dataset's rows (frozen dataclasses, as a tuple or a dict of them) with the text of
    ``columns`` in ``code``; each row is found by its ``key`` field."""
    if code == SOURCE_LANGUAGE:
        return rows

    def one(row: Any) -> Any:
        found = getattr(row, key)
        return dataclasses.replace(row, **{
            column: content_text(content_context(table, found, column), getattr(row, column),
                                 code)
            for column in columns})

    if isinstance(rows, dict):
        return {name: one(row) for name, row in rows.items()}
    return tuple(one(row) for row in rows)


def translated_loader(load: Callable[..., Any], table: str, key: str,
                      columns: tuple[str, ...]) -> Callable[..., Any]:
    """A cached dataset loader (``load(path=None)``, its rows in English) made to give them
    in the current language, or in ``language=``; ``.english`` is ``load`` itself."""

    @functools.lru_cache(maxsize=16)
    def in_language(path: Path | None, code: str) -> Any:
        return translate_rows(load(path), table, key, columns, code)

    @functools.wraps(load)
    def loader(path: Path | None = None, language: str | None = None) -> Any:
        return in_language(path, language or current_language())

    loader.english = load  # type: ignore[attr-defined]
    loader.cache_clear = in_language.cache_clear  # type: ignore[attr-defined]
    return loader


if __name__ == "__main__":  # `python -m socialplaybook.language`: what `make install` runs
    for compiled in compile_catalogues():
        print(f"compiled {compiled.relative_to(LOCALE_DIR)}")
