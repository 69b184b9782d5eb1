"""The PDF export read back with pypdf: every step's section, its charts, the paper size,
and a clear message where the renderer cannot run."""

from __future__ import annotations

import builtins
import io

import pypdf
import pytest

from socialplaybook.plan.model import PlanError
from socialplaybook.plan.pdf import plan_to_pdf
from socialplaybook.steps.registry import built_steps
from tests.plans import SCRIPT, full_plan

A4 = (595, 842)  # points
LETTER = (612, 792)


@pytest.fixture(scope="module")
def a4_pdf() -> bytes:
    return plan_to_pdf(full_plan())


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def outline_titles(pdf: bytes) -> list[str]:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title
    return list(walk(pypdf.PdfReader(io.BytesIO(pdf)).outline))


def test_the_pdf_has_every_section_in_its_text_and_its_outline(a4_pdf):
    assert a4_pdf.startswith(b"%PDF-")
    titles = [step.title for step in built_steps() if step.section]
    outline = outline_titles(a4_pdf)
    text = text_of(a4_pdf)
    for title in titles:
        assert title in outline, title
        assert title in text, title
    for fragment in ("qualified leads", "Reply guidelines", "Measurement plan", "8 754 NOK"):
        assert fragment in text.replace("\xa0", " "), fragment


def test_the_charts_are_drawn_in_the_pdf(a4_pdf):
    text = text_of(a4_pdf)
    # what only the charts write: the radar's rings, a month on the timeline's axis, a cost
    # bar's label cut to fit, the ROI chart's legend
    for fragment in ("25 50 75 100", "2027-03", "Community management and answ…",
                     "With carry-over and your"):
        assert fragment in text, fragment
    for caption in ("Score per area, 0 to 100", "Milestones on the calendar",
                    "What social costs a month", "Cumulative ROI, month by month"):
        assert caption in text, caption


def test_each_step_starts_on_a_page_of_its_own(a4_pdf):
    reader = pypdf.PdfReader(io.BytesIO(a4_pdf))
    firsts = [" ".join((page.extract_text() or "").split())[:40] for page in reader.pages]
    for title in ("Planning", "Platforms", "Budget", "KPIs"):
        assert any(first.startswith(title) for first in firsts), (title, firsts)


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER)])
def test_the_paper_is_a4_or_letter(paper, size, a4_pdf):
    pdf = a4_pdf if paper == "a4" else plan_to_pdf(full_plan(), paper="letter")
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_typed_html_is_printed_as_text():
    assert SCRIPT in text_of(plan_to_pdf(full_plan(text=SCRIPT)))


def test_without_its_renderer_the_pdf_says_why_in_one_line(monkeypatch):
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(PlanError) as raised:
        plan_to_pdf(full_plan())
    message = str(raised.value)
    assert "\n" not in message and "libpango" in message and "HTML" in message
