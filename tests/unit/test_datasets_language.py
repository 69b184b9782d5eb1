"""The datasets' text and the notebooks' intros in the team's language: the same loaders,
the current language (or ``language=``), English where a text has no translation yet."""

from __future__ import annotations

import json

import pytest

from socialplaybook.datasets import load_kpi_catalog, load_myth_sources, load_myths
from socialplaybook.rules.i18n import use_language
from socialplaybook.rules.intros import NotebookIntro, notebook_intro, read_intro
from socialplaybook.steps.engagement.cadence import parse_cadence
from socialplaybook.steps.platforms.profiles import load_platform_profiles

NO_PLAN = "We post when we have something to share, without a written social media plan."


def myth(myths, key):
    return next(m for m in myths if m.id == key)


def test_the_myths_come_in_the_current_language_or_the_one_asked():
    assert myth(load_myths(), "no-plan").belief == NO_PLAN
    with use_language("zh_Hans"):
        chinese = load_myths()
    assert myth(chinese, "no-plan").belief == "我们有内容要分享时才发帖，没有成文的社交媒体计划。"
    german = load_myths(language="de")
    assert myth(german, "no-plan").belief.startswith("Wir posten, wenn wir")
    # every statement is translated; what is not text is the same
    english = load_myths()
    assert myth(german, "vanity-kpis").belief.startswith("Wir beurteilen unser Social Media")
    assert [(m.id, m.area, m.seed, m.module) for m in german] == [
        (m.id, m.area, m.seed, m.module) for m in english]
    assert load_myths() is load_myths() and load_myths.english() == english  # cached


def test_the_kpi_names_and_the_platforms_cadence_in_the_language():
    names = {k.id: k.name for k in load_kpi_catalog(language="nb")}
    assert names["followers"] == "Følgere"
    facebook = {p.platform: p for p in load_platform_profiles(language="ka")}["Facebook"]
    assert facebook.cadence == "კვირაში 3–5 პოსტი"
    assert parse_cadence(facebook.cadence) == parse_cadence("3-5 posts a week") == 4
    assert {p.platform: p for p in load_platform_profiles()}["Facebook"].cadence == (
        "3-5 posts a week")


def test_the_quotes_stay_in_the_articles_language():
    for code in ("de", "zh_Hans"):
        sources = load_myth_sources(language=code)
        assert {s.quote for s in sources.values()} == {
            s.quote for s in load_myth_sources().values()}


def test_a_notebooks_intro_in_the_language(tmp_path):
    assert notebook_intro("01-myth-audit.ipynb", "de").title == "Mythen-Check"
    with use_language("ka"):
        assert notebook_intro("01-myth-audit.ipynb").title == "მითების აუდიტი"
    english = notebook_intro("01-myth-audit.ipynb", "en")
    assert english.title == "Myth audit" and english.text.startswith("How much does each")
    assert notebook_intro("01-myth-audit.ipynb", "de").text.startswith("Wie sehr trifft jede")
    assert notebook_intro("no-such.ipynb", "de") == NotebookIntro("", "")


@pytest.mark.parametrize("source, intro", [
    (["# Title\n", "\n", "First.\n", "\n", "Second."], NotebookIntro("Title", "First.\n\nSecond.")),
    ("No title here.", NotebookIntro("", "No title here.")),
    ("# Only a title", NotebookIntro("Only a title", ""))])
def test_an_intro_is_the_first_markdown_cell(tmp_path, source, intro):
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps({"cells": [
        {"cell_type": "code", "source": "print(1)"},
        {"cell_type": "markdown", "source": source},
        {"cell_type": "markdown", "source": "# Later"}]}), encoding="utf-8")
    assert read_intro(path) == intro
