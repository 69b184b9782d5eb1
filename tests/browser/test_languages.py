"""Teams in their own languages on one server, in Chromium: a German and a Chinese team open
at the same time (two kernels) each see their own language; ``?lang=`` overrides the team's
for that page; Georgian and Chinese text is drawn with fonts that have its glyphs, not as
empty boxes (the fonts Chromium used, as its DevTools report them; screenshots in /tmp)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from socialplaybook.workspace.store import Workspace
from tests.browser.conftest import assert_no_kernel_error_logged

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000
AUDIT = "01-myth-audit.ipynb"
# The fonts that hold each script's letters (socialplaybook/rules/fonts.py names them).
GEORGIAN_FONTS = {"Noto Sans Georgian", "DejaVu Sans"}
CHINESE_FONTS = {"Noto Sans CJK SC"}
MISSING = "\U000F0000\U000F0001\U000F0002"  # private use: in no font


@pytest.fixture(scope="module")
def teams(server):
    workspace = Workspace(server.db_url)
    workspace.create_team("Bäckerei", language="de")
    workspace.create_team("茶馆", language="zh_Hans")
    workspace.create_team("თბილისის ყავა", language="ka")
    return workspace


def open_team(page, server, team: str, **query: str) -> None:
    page.goto(f"{server.app_url(AUDIT)}?{urlencode({'team': team, **query})}")
    expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=APP_TIMEOUT_MS)
    expect(page.locator(".sp-status")).not_to_be_empty(timeout=APP_TIMEOUT_MS)


def test_a_german_and_a_chinese_team_open_at_once_each_see_their_own(browser, server, teams):
    log_start = len(server.log_text())
    contexts = [browser.new_context(viewport={"width": 1280, "height": 720}) for _ in "ab"]
    german, chinese = (context.new_page() for context in contexts)
    try:
        # both pages asked for before either is looked at: two kernels at the same time
        german.goto(f"{server.app_url(AUDIT)}?{urlencode({'team': 'Bäckerei'})}")
        chinese.goto(f"{server.app_url(AUDIT)}?{urlencode({'team': '茶馆'})}")
        for page in (german, chinese):
            expect(page.locator(".sp-team-picker select")).to_be_visible(
                timeout=APP_TIMEOUT_MS)
        expect(german.locator(".sp-status")).to_have_text(
            re.compile(r"Gespeichert · Version \d+"), timeout=APP_TIMEOUT_MS)
        expect(chinese.locator(".sp-status")).to_have_text(
            re.compile(r"已保存 · 第 \d+ 版"), timeout=APP_TIMEOUT_MS)
        expect(german.locator(".sp-title h2")).to_have_text("Mythen-Check")
        expect(chinese.locator(".sp-title h2")).to_have_text("误区自查")
        expect(german.locator(".sp-team-picker")).to_contain_text("Ihr Team")
        expect(chinese.locator(".sp-team-picker")).to_contain_text("你们的团队")
        expect(german.locator(".sp-statement").first).to_contain_text(
            "Wir posten, wenn wir etwas mitzuteilen haben")
        # the notebook's own (English) intro cell is hidden in another language
        expect(german.locator(".jp-MarkdownCell").first).to_be_hidden()
        german.screenshot(path="/tmp/language-de.png")
        chinese.screenshot(path="/tmp/language-zh.png")
    finally:
        for context in contexts:
            context.close()
    assert_no_kernel_error_logged(server, log_start)


def test_the_link_asks_for_another_language_for_that_page(page, server, teams):
    open_team(page, server, "Bäckerei", lang="zh-Hans")
    expect(page.locator(".sp-title h2")).to_have_text("误区自查")
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"已保存 · 第 \d+ 版"))
    assert teams.load("Bäckerei").language == "de"


def fonts_drawing(page, selector: str) -> dict[str, int]:
    """The fonts Chromium drew a node's text with: family -> glyphs drawn."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def letters(text: str) -> int:
    return sum(1 for char in text if unicodedata.category(char)[0] == "L")


@pytest.mark.parametrize("team, title, script_fonts", [
    ("თბილისის ყავა", "მითების აუდიტი", GEORGIAN_FONTS),
    ("茶馆", "误区自查", CHINESE_FONTS)], ids=["Georgian", "Chinese"])
def test_georgian_and_chinese_are_drawn_with_fonts_that_have_them(page, server, teams, team,
                                                                  title, script_fonts):
    open_team(page, server, team)
    expect(page.locator(".sp-title h2")).to_have_text(title)
    drawn = fonts_drawing(page, ".sp-title h2")
    assert sum(drawn.get(font, 0) for font in script_fonts) == letters(title), drawn
    page.screenshot(path=f"/tmp/language-{'ka' if script_fonts is GEORGIAN_FONTS else 'zh'}"
                         ".png")
    # the check can fail: a letter no font has is drawn by the first font, as an empty box
    page.evaluate("text => { const s = document.createElement('span'); s.id = 'sp-missing';"
                  " s.textContent = text; document.querySelector('.sp-title h2')"
                  ".appendChild(s); }", MISSING)
    missing = fonts_drawing(page, "#sp-missing")
    assert not set(missing) & (GEORGIAN_FONTS | CHINESE_FONTS), missing
