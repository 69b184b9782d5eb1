"""The catalogues translators fill: complete (every message of the sources translated and
confirmed), with the source's placeholders, markup and plural forms, and the headers each
language's rules need; the datasets' text reaches them whole.

The completeness tests are expected to fail until the translators are done (they turn
green by themselves, language by language); everything else must pass at all times.
"""

from __future__ import annotations

import functools
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from socialplaybook.datasets import (
    TRANSLATED_COLUMNS,
    load_kpi_catalog,
    load_myth_sources,
    load_myths,
)
from socialplaybook.language import (
    CONTENT_DOMAIN,
    DOMAINS,
    LOCALE_DIR,
    MESSAGES_DOMAIN,
    TRANSLATED_LANGUAGES,
    content_context,
)
from socialplaybook.rules.metrics import classify_metric
from socialplaybook.steps.engagement.cadence import parse_cadence
from socialplaybook.steps.platforms.profiles import load_platform_profiles

REPO = Path(__file__).resolve().parents[3]
# What each domain is extracted from (the Makefile's `messages`): mapping file, folders.
SOURCES = {MESSAGES_DOMAIN: ("babel.cfg", ("socialplaybook", "widgets")),
           CONTENT_DOMAIN: ("babel-content.cfg", ("datasets", "notebooks"))}
PLURAL_FORMS = {"de": "nplurals=2; plural=(n != 1);", "nb": "nplurals=2; plural=(n != 1);",
                "zh_Hans": "nplurals=1; plural=0;", "ka": "nplurals=1; plural=0;"}
CATALOGUES = [(code, domain) for code in TRANSLATED_LANGUAGES for domain in DOMAINS]
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


@functools.cache
def extracted(domain: str) -> dict[tuple[str, str | None], tuple[str, ...]]:
    """Every message the sources hold now, as ``make messages`` extracts it:
    (msgid, context) -> the msgids (singular and plural)."""
    mapping_file, folders = SOURCES[domain]
    with open(REPO / mapping_file, encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[tuple[str, str | None], tuple[str, ...]] = {}
    for folder in folders:
        for _file, _line, message, _comments, context in extract_from_dir(
                REPO / folder, method_map, options_map):
            ids = message if isinstance(message, tuple) else (message,)
            if ids[0]:
                found[(ids[0], context)] = ids
    return found


@functools.cache
def catalogue(code: str, domain: str) -> Catalog:
    with open(LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po", "rb") as handle:
        return read_po(handle, locale=code, domain=domain)


def translations(code: str, domain: str):
    """The catalogue's current entries that carry a confirmed translation: what the apps
    show. Fuzzy ones are left out as gettext leaves them out of the .mo: `make messages`
    drafts them from a similar message ("a month" from "{n} month"), the completeness test
    counts them as not done, and once a translator confirms one it is checked here."""
    for message in catalogue(code, domain):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and any(strings) and not message.fuzzy:
            yield message, strings


def fields(text: str) -> list[tuple[str, str]]:
    """The ``{name:spec}`` placeholders of a format string, sorted; ValueError if broken."""
    return sorted((name, spec or "") for _literal, name, spec, _conversion
                  in string.Formatter().parse(text) if name is not None)


# -- completeness (the translators' work) ---------------------------------------------------


def untranslated(found: Catalog, domain: str) -> tuple[list[str], list[str]]:
    """The messages of the sources that ``found`` does not translate, and those it holds
    only as a fuzzy draft."""
    missing, fuzzy = [], []
    for (msgid, context), _ids in extracted(domain).items():
        message = found.get(msgid, context=context)
        strings = (() if message is None else message.string
                   if isinstance(message.string, tuple) else (message.string,))
        if message is None or not strings or not all(strings):
            missing.append(msgid)
        elif message.fuzzy:
            fuzzy.append(msgid)
    return missing, fuzzy


@pytest.mark.parametrize("code, domain", CATALOGUES)
def test_every_message_is_translated_and_confirmed(code, domain):
    missing, fuzzy = untranslated(catalogue(code, domain), domain)
    assert not missing and not fuzzy, (
        f"{code} {domain}: {len(missing)} untranslated, {len(fuzzy)} fuzzy; run `make "
        f"messages` and translate, e.g. {(missing + fuzzy)[:3]}")


def test_the_completeness_check_counts_every_message_fuzzy_and_plural_forms():
    complete = Catalog(locale="de")
    for (msgid, context), ids in extracted(CONTENT_DOMAIN).items():
        complete.add(ids if len(ids) > 1 else msgid, "x" if len(ids) == 1 else ("x", "y"),
                     context=context)
    assert untranslated(complete, CONTENT_DOMAIN) == ([], [])
    first = next(iter(extracted(CONTENT_DOMAIN)))
    complete.get(*first).flags.add("fuzzy")
    assert untranslated(complete, CONTENT_DOMAIN) == ([], [first[0]])
    complete.delete(*first)
    assert untranslated(complete, CONTENT_DOMAIN) == ([first[0]], [])
    plural = next(key for key, ids in extracted(MESSAGES_DOMAIN).items() if len(ids) > 1)
    half = Catalog(locale="de")
    half.add(extracted(MESSAGES_DOMAIN)[plural], ("eins", ""), context=plural[1])
    assert plural[0] in untranslated(half, MESSAGES_DOMAIN)[0]


# -- what must hold now ----------------------------------------------------------------------


@pytest.mark.parametrize("code, domain", CATALOGUES)
def test_the_header_says_the_language_and_its_plural_rules(code, domain):
    found = catalogue(code, domain)
    headers = dict(found.mime_headers)
    assert headers["Language"] == code
    assert headers["Plural-Forms"] == PLURAL_FORMS[code]
    assert "charset=utf-8" in headers["Content-Type"]
    assert found.num_plurals == int(PLURAL_FORMS[code][9])
    for message in found:
        if message.id and message.pluralizable:
            assert len(message.string) == found.num_plurals, message.id


@pytest.mark.parametrize("code, domain", CATALOGUES)
def test_a_translation_keeps_the_sources_placeholders(code, domain):
    wrong = []
    for message, strings in translations(code, domain):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        try:
            wanted = [fields(text) for text in ids]
        except ValueError:  # not a format string: it must stay one that is not either
            wanted = [[] for _text in ids]
        for index, text in enumerate(strings):
            if not text:
                continue
            try:
                got = fields(text)
            except ValueError as exc:
                wrong.append((message.id, text, f"broken: {exc}"))
                continue
            # A plural's first form may keep the singular's fields where the language's
            # rule gives it to n == 1 alone (German, Norwegian); otherwise the plural's.
            allowed = [wanted[-1]] + ([wanted[0]] if index == 0 and len(strings) > 1 else [])
            if got not in allowed:
                wrong.append((message.id, text, f"{got} instead of {allowed[0]}"))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("code, domain", CATALOGUES)
def test_a_translation_keeps_the_sources_markup_and_spacing(code, domain):
    wrong = []
    for message, strings in translations(code, domain):
        source = message.id[-1] if isinstance(message.id, tuple) else message.id
        for text in filter(None, strings):
            if sorted(_TAG.findall(text)) != sorted(_TAG.findall(source)):
                wrong.append((source, text, "markup"))
            for edge in (str.startswith, str.endswith):
                for space in (" ", "\n"):
                    if edge(source, space) != edge(text, space):
                        wrong.append((source, text, "spacing"))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("code, domain", CATALOGUES)
def test_babels_own_checks_pass(code, domain):
    problems = [(message.id, [str(error) for error in errors])
                for message, errors in catalogue(code, domain).check()]
    assert not problems, problems[:5]


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_committed_template_is_what_the_sources_hold(domain):
    """`make messages` was run after the last change to a message (else translators miss
    it): the .pot holds exactly the messages extracted now."""
    with open(LOCALE_DIR / f"{domain}.pot", "rb") as handle:
        template = read_po(handle)
    committed = {(m.id if isinstance(m.id, str) else m.id[0], m.context)
                 for m in template if m.id}
    assert committed == set(extracted(domain)), (
        f"run `make messages`: {sorted(committed ^ set(extracted(domain)))[:5]}")


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_a_glossary_per_language_that_the_translators_follow(code):
    glossary = (LOCALE_DIR / code / "GLOSSARY.md").read_text(encoding="utf-8")
    rows = [line for line in glossary.splitlines()
            if line.startswith("|") and not re.match(r"^\|\s*(-|English)", line)]
    assert 30 <= len(rows) <= 60, len(rows)
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) >= 3 and all(cells[:2]), row  # English, the term, a note


# -- the datasets' text ----------------------------------------------------------------------

LOADERS = {"myths.csv": lambda: load_myths(language="en"),
           "myth_sources.csv": lambda: tuple(load_myth_sources(language="en").values()),
           "kpi_catalog.csv": lambda: load_kpi_catalog(language="en"),
           "platforms.csv": lambda: load_platform_profiles(language="en")}


@pytest.mark.parametrize("table", sorted(TRANSLATED_COLUMNS))
def test_every_translated_cell_is_extracted_as_the_loader_looks_it_up(table):
    key, columns = TRANSLATED_COLUMNS[table]
    content = extracted(CONTENT_DOMAIN)
    rows = LOADERS[table]()
    assert rows
    for row in rows:
        for column in columns:
            text = getattr(row, column)
            if text:
                context = content_context(table, getattr(row, key), column)
                assert (text, context) in content, (context, text)


def test_every_notebooks_intro_is_extracted():
    contexts = {context for _msgid, context in extracted(CONTENT_DOMAIN)}
    for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
        assert content_context(notebook.name, "intro", "title") in contexts, notebook.name
        assert content_context(notebook.name, "intro", "text") in contexts, notebook.name


def _translated_cells(column_context: str):
    for code in TRANSLATED_LANGUAGES:
        for message, strings in translations(code, CONTENT_DOMAIN):
            if (message.context or "").endswith(column_context):
                yield code, message.context, message.id, strings[0]


def test_a_translated_cadence_says_the_same_number_of_posts():
    """The calendar reads the platforms' cadence: a translation must say the same."""
    checked = 0
    for code, context, english, text in _translated_cells(":cadence"):
        assert parse_cadence(text) == pytest.approx(parse_cadence(english)), (code, context,
                                                                              text)
        checked += 1
    assert checked  # at least the ones the tests translate


def test_a_translated_kpi_name_is_read_as_its_english_is():
    """The vanity lexicon reads a KPI's name in any language: a translated name must be
    read as vanity or business as the English one is."""
    checked = 0
    for code, context, english, text in _translated_cells(":name"):
        if context.startswith("kpi_catalog.csv:"):
            assert (classify_metric(text).is_vanity == classify_metric(english).is_vanity), (
                code, english, text)
            checked += 1
    assert checked
