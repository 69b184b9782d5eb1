"""The extractors ``make messages`` runs (``babel.cfg``, ``babel-content.cfg``).

* ``extract_python``: Babel's, plus the ``_()`` and ``ngettext()`` calls written inside
  f-strings, which Babel's tokenizer does not see before Python 3.12
  (``f"<b>{_('Start here')}</b>"``).
* ``extract_dataset``, ``extract_notebook``: the catalogue "content", the datasets'
  translated columns and the notebooks' intros. Each text becomes one entry whose context
  says where it is (``myths.csv:no-plan:belief``, ``01-myth-audit.ipynb:intro:text``) and
  whose comment tells the translator what it is, so a changed English text makes its old
  translation fuzzy at the next ``make messages``: it is shown in English until a
  translator has looked at it again.
"""

from __future__ import annotations

import ast
import csv
import io
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from socialplaybook.datasets import TRANSLATED_COLUMNS
from socialplaybook.language import content_context
from socialplaybook.rules.intros import read_intro

# What each translated column is, for the translator (a comment beside each entry).
COLUMN_NOTES: dict[tuple[str, str], str] = {
    ("myths.csv", "belief"): "A belief or habit a team rates 0-4 in the myth audit, said as "
                             "the team would say it ('we').",
    ("myths.csv", "instead"): "What the source article argues instead; figures and their "
                              "sources as in the English.",
    ("myth_sources.csv", "english"): "A rendering of the article's own sentence, shown "
                                     "under the quote in the article's language.",
    ("myth_sources.csv", "note"): "A note on the quoted sentence (what the article got "
                                  "wrong or left out).",
    ("kpi_catalog.csv", "name"): "A KPI's name: the term the platforms' and analytics "
                                 "tools' reports use in this language (see GLOSSARY.md).",
    ("kpi_catalog.csv", "why"): "Why the KPI counts for the business, or why it does not.",
    ("kpi_catalog.csv", "formula"): "How the KPI is computed.",
    ("kpi_catalog.csv", "decisions"): "The decisions the KPI informs.",
    ("platforms.csv", "cadence"): "How often to post. The calendar reads the number (or "
                                  "range) and 'a day', 'a week' or 'a month' from it: keep "
                                  "both, in this language's words.",
    ("platforms.csv", "tone"): "The tone and content that work on this platform.",
}

Extracted = tuple[int, str, tuple[str | None, ...], list[str]]


def extract_python(fileobj: BinaryIO, keywords: Collection[str],
                   comment_tags: Collection[str], options: Mapping[str, Any]
                   ) -> Iterator[Extracted]:
    """Babel's Python extractor, and the translation calls inside f-strings."""
    from babel.messages.extract import extract_python as babels

    source = fileobj.read()
    yield from babels(io.BytesIO(source), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for call in ast.walk(node):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                    and call.func.id in keywords and call.args):
                yield (call.lineno, call.func.id,
                       tuple(arg.value if isinstance(arg, ast.Constant)
                             and isinstance(arg.value, str) else None for arg in call.args),
                       [])


def extract_dataset(fileobj: BinaryIO, keywords: Collection[str],
                    comment_tags: Collection[str], options: Mapping[str, Any]
                    ) -> Iterator[Extracted]:
    """The translated cells of a dataset (``TRANSLATED_COLUMNS``); nothing from other
    tables."""
    table = Path(getattr(fileobj, "name", "")).name
    if table not in TRANSLATED_COLUMNS:
        return
    key, columns = TRANSLATED_COLUMNS[table]
    reader = csv.DictReader(io.StringIO(fileobj.read().decode("utf-8")))
    for row in reader:
        for column in columns:
            text = (row.get(column) or "").strip()
            if text:
                note = COLUMN_NOTES.get((table, column), "")
                yield (reader.line_num, "pgettext",
                       (content_context(table, row[key].strip(), column), text),
                       [f"{table}, {row[key].strip()}: {note}".strip()])


def extract_notebook(fileobj: BinaryIO, keywords: Collection[str],
                     comment_tags: Collection[str], options: Mapping[str, Any]
                     ) -> Iterator[Extracted]:
    """A notebook's intro: its title and the text under it."""
    path = Path(getattr(fileobj, "name", ""))
    intro = read_intro(path)
    notes = {"title": "The app's title (the notebook's heading).",
             "text": "The app's intro: what the team does here and leaves with. Keep the "
                     "paragraphs."}
    for column in ("title", "text"):
        text = getattr(intro, column)
        if text:
            yield (1, "pgettext", (content_context(path.name, "intro", column), text),
                   [f"{path.name}: {notes[column]}"])
