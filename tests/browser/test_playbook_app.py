"""The playbook in Chromium: the HTML export opened from a file with the network blocked
(every section and chart shown, printed on A4 and Letter), and the files downloaded from the
app, opened."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pandas as pd
import pypdf
import pytest
from playwright.sync_api import expect

from socialplaybook.plan.html import plan_to_html
from socialplaybook.steps.registry import built_steps
from socialplaybook.workspace.store import Workspace
from tests.browser.conftest import assert_no_kernel_error_logged
from tests.plans import SCRIPT, full_plan

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000
TEAM = "Harbour Café"
SECTIONS = [step for step in built_steps() if step.section]


def offline_page(browser):
    """A page that can open files and nothing else: every other request is refused."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, offline=True)
    requests: list[str] = []

    def only_files(route):
        requests.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_files)
    return context, context.new_page(), requests


def assert_whole_document(page) -> None:
    """Every section's heading and every chart is drawn with a size."""
    for step in SECTIONS:
        section = page.locator(f"section[data-section='{step.key}']")
        expect(section.locator("h2")).to_have_text(step.title)
    charts = page.locator("figure.sp-doc-chart svg")
    assert charts.count() == 4
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 50, index
        assert chart.locator("text, circle, rect, polyline").count() > 3, index


def test_the_html_file_opens_offline_and_prints_on_a4_and_letter(browser, tmp_path):
    path = tmp_path / "playbook.html"
    path.write_text(plan_to_html(full_plan(TEAM)), encoding="utf-8")
    context, page, requests = offline_page(browser)
    try:
        page.goto(path.as_uri())
        assert_whole_document(page)
        assert requests == [path.as_uri()]  # nothing else was even asked for
        for paper, width in (("A4", 595), ("Letter", 612)):
            pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
            assert abs(float(pdf.pages[0].mediabox.width) - width) < 2  # Chromium rounds
            # each page's text after its footer's "n / N"
            pages = [re.sub(r"^\d+ / \d+ ", "", " ".join((p.extract_text() or "").split()))
                     for p in pdf.pages]
            for step in SECTIONS:  # each step starts a page
                assert any(p.startswith(step.title) for p in pages), (paper, step.title)
    finally:
        context.close()


def test_typed_html_is_text_in_the_opened_file(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(plan_to_html(full_plan(text=SCRIPT)), encoding="utf-8")
    context, page, _requests = offline_page(browser)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(path.as_uri())
        expect(page.locator("h1")).to_contain_text(SCRIPT)
        assert page.locator("article img").count() == 0 and dialogs == []
    finally:
        context.close()


def test_download_every_format_from_the_app_and_open_it(page, server, browser, tmp_path):
    log_start = len(server.log_text())
    workspace = Workspace(server.db_url)
    if TEAM not in workspace.team_names():
        workspace.import_plan(full_plan(TEAM))
    page.goto(server.app_url("07-playbook.ipynb") + "?team=" + quote(TEAM))
    expect(page.locator(".sp-doc h1")).to_contain_text(TEAM, timeout=APP_TIMEOUT_MS)
    expect(page.locator(".sp-pb-checklist a", has_text="Planning")).to_have_attribute(
        "href", re.compile(r"^02-planning\.ipynb\?team=Harbour\+Caf%C3%A9$"))
    page.get_by_role("button", name="Prepare the files").click()
    links = page.locator("a.sp-download-link")
    expect(links).to_have_count(5, timeout=APP_TIMEOUT_MS)

    saved = {}
    for key in ("html", "pdf", "xlsx", "md", "json"):
        with page.expect_download() as info:
            page.locator(f"a.sp-download-link[data-format='{key}']").click()
        download = info.value
        saved[key] = tmp_path / download.suggested_filename
        download.save_as(saved[key])
    assert saved["html"].name == "Harbour-Café-playbook.html"
    assert saved["pdf"].read_bytes().startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(saved["pdf"]).pages)
    assert all(step.title in text for step in SECTIONS)
    sheets = pd.read_excel(saved["xlsx"], sheet_name=None, header=None)
    assert list(sheets)[1:] == [step.title for step in SECTIONS]
    assert "## Planning" in saved["md"].read_text(encoding="utf-8")
    assert workspace.load(TEAM).to_json() == saved["json"].read_text(encoding="utf-8")

    context, offline, _requests = offline_page(browser)
    try:
        offline.goto(saved["html"].as_uri())
        assert_whole_document(offline)
    finally:
        context.close()
    assert_no_kernel_error_logged(server, log_start)
