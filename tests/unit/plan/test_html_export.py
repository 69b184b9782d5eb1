"""The HTML export: one self-contained file, every section and chart, numbers the team's way,
typed text shown as text, print rules for A4 and Letter."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from socialplaybook.plan.document import plan_document
from socialplaybook.plan.html import cell_text, document_html, page_html, plan_to_html
from socialplaybook.plan.model import Plan
from socialplaybook.steps.registry import built_steps
from tests.plans import FORMULA, SCRIPT, full_plan

HOSTILE = [SCRIPT, "<script>alert(1)</script>", '"><svg onload=alert(1)>', "</style><b>x",
           FORMULA]


class Parsed(HTMLParser):
    """The tags, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def shown(self) -> str:
        """The text, runs of spaces (not the no-break ones numbers are grouped with) as one."""
        return re.sub(r"[ \t\n]+", " ", " ".join(self.text))


def test_the_file_needs_nothing_from_elsewhere():
    page = plan_to_html(full_plan())
    parsed = Parsed(page)
    tags = {tag for tag, _attrs in parsed.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    # Addresses only where nothing is fetched: the SVG namespace, and sources cited as text
    # or as links a reader may follow (the policy's law notes).
    fetched = {value for tag, attrs in parsed.tags for name, value in attrs.items()
               if value and "//" in value and not (tag == "a" and name == "href")
               and value != "http://www.w3.org/2000/svg"}
    assert not fetched, fetched
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_every_section_and_chart_is_in_the_page():
    parsed = Parsed(plan_to_html(full_plan()))
    sections = [a["data-section"] for tag, a in parsed.tags
                if tag == "section" and "data-section" in a]
    assert sections == [s.key for s in built_steps() if s.section]
    charts = {a["data-chart"] for tag, a in parsed.tags if tag == "svg" and "data-chart" in a}
    assert charts >= {"planning-timeline", "budget-costs", "kpis-roi"}
    assert any(tag == "svg" and "sp-radar" in a.get("class", "") for tag, a in parsed.tags)
    for heading in ("Myth audit", "Goals", "Who answers (RACI)", "Monthly", "Measurement plan",
                    "ROI over time"):
        assert heading in parsed.shown(), heading


def test_numbers_money_and_dates_are_written_the_teams_way():
    page = Parsed(plan_to_html(full_plan())).shown()  # the plan's locale is nb, NOK
    assert "52\xa0000,5" in page  # a goal's target
    assert "95,25 NOK" in page  # a cost per lead, with its currency
    assert "2027-12-31" in page
    assert cell_text(0.125, "percent", "EUR", "de") == "12,5 %"
    assert cell_text(None, "number", "EUR", "en") == "–"
    assert cell_text(1234.5, "money", "EUR", "en") == "1,234 EUR"
    assert cell_text(27.66, "money", "USD", "en") == "27.66 USD"


@pytest.mark.parametrize("text", HOSTILE)
def test_typed_text_is_shown_as_typed_never_as_markup(text):
    page = plan_to_html(full_plan(text=text))
    parsed = Parsed(page)
    assert not {tag for tag, _a in parsed.tags} & {"script", "img"}
    assert not any(name.startswith("on") for _tag, attrs in parsed.tags for name in attrs)
    assert len([tag for tag, _a in parsed.tags if tag == "svg"]) == 4  # the charts alone
    assert page.count("</style>") == 1  # the only style block ends where it should
    assert text in parsed.shown()


def test_print_rules_keep_rows_whole_and_start_each_step_on_a_page():
    page = plan_to_html(full_plan())
    style = page[page.index("<style>"):page.index("</style>")]
    assert "break-before: page" in style and "break-inside: avoid" in style
    assert "display: table-header-group" in style  # a long table's header on each page
    assert not re.search(r"[^-]size:", style)  # the printer's paper, A4 or Letter
    letter = page_html(plan_document(full_plan()), "letter")
    assert "@page { size: letter; }" in letter
    assert "@page { size: A4; }" in page_html(plan_document(full_plan()), "A4")
    with pytest.raises(ValueError):
        page_html(plan_document(full_plan()), "tabloid")


def test_a_long_word_gets_places_to_break():
    link = "https://example.com/" + "a" * 80
    document = plan_document(full_plan(text=link))
    body = re.sub(r"<svg.*?</svg>", "", document_html(document), flags=re.S)  # not laid out
    assert "<wbr>" in body and link not in body
    assert link in Parsed(body).shown().replace(" ", "")


def test_an_empty_plan_exports_too():
    parsed = Parsed(plan_to_html(Plan(team="Empty")))
    assert "No goals yet." in parsed.shown()
