"""Every font list the core draws text with names a Georgian and a Simplified Chinese font
(rules/fonts.py), so the exports and charts show those scripts without empty boxes."""

from __future__ import annotations

import re

import pytest

from socialplaybook.datasets import load_myths
from socialplaybook.plan.html import DOCUMENT_CSS
from socialplaybook.rules.charts import bar_chart_svg
from socialplaybook.rules.fonts import APP_FONTS, DOCUMENT_FONTS, SCRIPT_FONTS
from socialplaybook.steps.audit.radar import audit_radar_svg, audit_radars_svg
from socialplaybook.steps.audit.scores import area_scores
from socialplaybook.steps.planning.timeline import milestone_timeline


def font_lists(text: str) -> list[str]:
    return re.findall(r'font-family[=:]\s*"?([^;">]+)', text)


@pytest.mark.parametrize("fonts", [APP_FONTS, DOCUMENT_FONTS])
def test_each_list_names_the_scripts_fonts_and_ends_generic(fonts):
    for font in SCRIPT_FONTS:
        assert f"'{font}'" in fonts
    assert fonts.endswith("sans-serif") and '"' not in fonts  # fits in an attribute


def test_the_exports_and_the_core_charts_use_the_lists():
    scores = area_scores({"no-plan": 2}, load_myths())
    drawn = {"document": DOCUMENT_CSS, "bars": bar_chart_svg("k", "label", [("语言", 1.0)], str),
             "radar": audit_radar_svg(scores),
             "radars": audit_radars_svg([("გუნდი", scores)])}
    for name, text in drawn.items():
        found = font_lists(text)
        assert found, name
        for fonts in found:
            assert all(font in fonts for font in SCRIPT_FONTS), (name, fonts)
    assert milestone_timeline([]).layout.font.family == APP_FONTS
