"""Each app speaks its team's language: two teams in two languages in one process each see
their own, ``?lang=`` overrides the team's for that page, a teammate's change of language
reaches open apps, and every step's app is built again in the new language whole."""

from __future__ import annotations

import ipywidgets as w
import pytest

from socialplaybook.rules.fonts import SCRIPT_FONTS
from socialplaybook.rules.i18n import current_language
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.registry import built_steps, load_attribute
from widgets.app.language import owner_of
from widgets.audit import MythAuditApp
from widgets.kit.charts import FigureView
from widgets.kit.style import APP_CSS
from widgets.start import StartHere

SAVED = {"en": "Saved · revision", "de": "Gespeichert · Version", "nb": "Lagret · versjon",
         "zh_Hans": "已保存 · 第", "ka": "შენახულია · ვერსია"}
TEAM_LABEL = {"en": "Your team", "de": "Ihr Team", "nb": "Teamet deres",
              "zh_Hans": "你们的团队", "ka": "თქვენი გუნდი"}
NO_PLAN = {"en": "We post when we have something to share",
           "de": "Wir posten, wenn wir etwas mitzuteilen haben",
           "zh_Hans": "我们有内容要分享时才发帖", "ka": "პოსტებს ვაქვეყნებთ"}
TITLE = {"de": "Mythen-Check", "zh_Hans": "误区自查", "ka": "მითების აუდიტი"}


def opened(workspace, team: str, language: str, app_class=MythAuditApp, **kwargs):
    workspace.create_team(team, language=language)
    app = app_class(workspace, autosave_delay=60, **kwargs)
    app.picker.select(team)
    return app


def speaks(app, code: str) -> None:
    assert app.language == code
    assert SAVED[code] in app.status
    assert app.picker.dropdown.description == TEAM_LABEL[code]
    if code in NO_PLAN:
        assert NO_PLAN[code] in app.row("no-plan").children[0].value


def all_widgets(root: w.Widget) -> list[w.Widget]:
    found, stack = {}, [root]
    while stack:
        item = stack.pop()
        if isinstance(item, w.Widget) and id(item) not in found:
            found[id(item)] = item
            for name in item.keys:
                value = getattr(item, name, None)
                stack.extend(value if isinstance(value, (list, tuple)) else [value])
    return list(found.values())


def test_a_german_team_and_a_chinese_team_in_one_process_each_see_their_own(workspace):
    german = opened(workspace, "Bäckerei", "de")
    chinese = opened(workspace, "茶馆", "zh_Hans")
    speaks(german, "de")
    speaks(chinese, "zh_Hans")
    assert current_language() == "en"  # the test's own context is left as it was
    # a person's edits in each: the callbacks, the save and its status in the app's language
    german.row("no-plan").rating.value = 3
    chinese.row("no-plan").rating.value = 1
    german.flush()
    chinese.flush()
    assert SAVED["de"] in german.status and "Version 2" in german.status
    assert SAVED["zh_Hans"] in chinese.status and "第 2 版" in chinese.status
    assert TITLE["de"] in german._title.value and TITLE["zh_Hans"] in chinese._title.value
    assert workspace.load("Bäckerei").audit.answers == {"no-plan": 3}
    # a tab built later, by a click in one app, is built in that app's language
    german._tabs.selected_index = 4
    chinese._tabs.selected_index = 4
    assert owner_of(german.rows["no-conversation"]) is german
    assert ("Was der Artikel stattdessen vertritt"
            in german.rows["no-conversation"].children[0].value)
    assert "文章的观点" in chinese.rows["no-conversation"].children[0].value


def test_an_english_team_shows_the_notebooks_own_intro(workspace):
    app = opened(workspace, "Harbour", "en")
    speaks(app, "en")
    assert app._title.layout.display == "none" and "jp-MarkdownCell" not in app._title.value


def test_another_language_shows_the_intro_translated_and_hides_the_notebooks(workspace):
    app = opened(workspace, "Bäckerei", "de")
    assert "body[data-voila] .jp-MarkdownCell { display: none; }" in app._title.value
    assert '<h2>Mythen-Check</h2>' in app._title.value and 'lang="de"' in app._title.value
    assert "sp-lang-de" in app._dom_classes and "sp-lang-en" not in app._dom_classes


def test_the_link_asks_for_another_language_for_that_page(workspace):
    app = opened(workspace, "Bäckerei", "de")
    app._on_page_query({"team": "Bäckerei", "lang": "ka"})
    speaks(app, "ka")
    app._on_page_query({"lang": "tlh"})  # names no language: ignored
    assert app.language == "ka"
    assert workspace.load("Bäckerei").language == "de"  # the team's own is unchanged


def test_a_page_opened_with_its_link_known_is_built_in_that_language(workspace, monkeypatch):
    workspace.create_team("Kaffebar", language="de")
    monkeypatch.setenv("VOILA_PREHEAT", "False")  # a kernel Voila started for this request
    monkeypatch.setenv("QUERY_STRING", "team=Kaffebar&lang=nb-NO")
    app = MythAuditApp(workspace, autosave_delay=60)
    assert app.language == "nb" and app.picker.team == "Kaffebar"
    assert app.picker.dropdown.description == TEAM_LABEL["nb"]
    assert current_language() == "nb"  # a served kernel: its threads follow the page


def test_a_teammate_changing_the_language_reaches_an_open_app(workspace):
    app = opened(workspace, "Bäckerei", "en")
    app.row("no-plan").rating.value = 2
    app.flush()
    workspace.save_section("Bäckerei", "language", "zh_Hans", None)
    assert app.refresh_from_workspace()
    speaks(app, "zh_Hans")
    assert app.row("no-plan").rating.value == 2  # the ratings shown again in the new area


def test_the_start_page_chooses_and_saves_the_language_and_says_everything_in_it(workspace):
    workspace.create_team("Bäckerei")
    page = StartHere(workspace)
    page.picker.select("Bäckerei")
    assert page.language_choice.description == "Language"
    page.language_choice.value = "de"
    assert workspace.load("Bäckerei").language == "de"
    assert page.language == "de" and page.language_choice.description == "Sprache"
    assert page.picker.dropdown.description == TEAM_LABEL["de"]
    assert SAVED["de"] in page.status
    assert dict((code, label) for label, code in page.language_choice.options)["de"] == (
        "Deutsch")
    page.language_choice.value = "en"
    assert page.language == "en" and page.language_choice.description == "Language"


def test_a_team_chosen_on_the_start_page_shows_it_in_its_language(workspace):
    workspace.create_team("茶馆", language="zh_Hans")
    page = StartHere(workspace)
    page.picker.select("茶馆")
    assert page.language == "zh_Hans" and page.language_choice.value == "zh_Hans"
    assert page.language_choice.description == "语言"


@pytest.mark.parametrize("step", [s for s in built_steps() if s.app],
                         ids=lambda step: step.key)
def test_every_steps_app_opens_a_team_in_another_language_whole(workspace, step):
    app_class = load_attribute(step.app)
    workspace.create_team("Bäckerei", language="de")
    workspace.create_team("Harbour", language="en")
    app = app_class(workspace, **({"autosave_delay": 60} if step.section else {}))
    app.picker.select("Harbour")
    for key in getattr(app, "TABS", ()):  # every tab built, so every tab is built again
        app.open_tab(key)
    app.picker.select("Bäckerei")  # built again in German
    assert app.language == "de" and app.team == "Bäckerei"
    assert app.workarea.layout.display == "flex" and "Gespeichert" in app.status
    app.picker.select("Harbour")  # and back
    assert app.language == "en" and "Saved · revision" in app.status
    shown = all_widgets(app)
    closed = [widget for widget in shown if widget.comm is None]
    assert not closed, closed[:3]  # nothing on the page was closed by the rebuild
    assert all(owner_of(widget) is app for widget in shown if widget is not app)
    # a widget the app holds to show again later holds no closed widget (a page that
    # reconnects is sent its whole state)
    held = [value for value in vars(app).values() if isinstance(value, w.Widget)]
    broken = [widget for value in held for widget in all_widgets(value) if widget.comm is None]
    assert not broken, broken[:3]


def test_the_apps_style_and_charts_name_the_scripts_fonts():
    assert all(font in APP_CSS for font in SCRIPT_FONTS)
    figure = FigureView()
    import plotly.graph_objects as go

    figure.show(go.Figure())
    assert figure.figure_json["layout"]["font"]["family"].count("Noto Sans CJK SC") == 1
    own = go.Figure(layout={"font": {"family": "Serif"}})
    figure.show(own)
    assert figure.figure_json["layout"]["font"]["family"] == "Serif"
    assert AuditSection  # the audit's section is what the apps above edit


def test_the_playbooks_downloads_follow_the_plans_language_or_the_links(workspace):
    from tests.widgets.playbook.test_playbook_app import downloads
    from widgets.playbook.app import PlaybookApp

    workspace.create_team("Bäckerei", language="de")
    workspace.save_section("Bäckerei", "audit", AuditSection(answers={"no-plan": 3}), None)
    page = PlaybookApp(workspace, live_check_seconds=0)
    page.picker.select("Bäckerei")
    page.prepare_button.click()
    markdown = downloads(page)["md"][1].decode("utf-8")
    assert "## Mythen-Check" in markdown and NO_PLAN["de"] in markdown
    assert 'lang="de"' in downloads(page)["html"][1].decode("utf-8")
    page._on_page_query({"team": "Bäckerei", "lang": "zh-Hans"})
    page.prepare_button.click()
    markdown = downloads(page)["md"][1].decode("utf-8")
    assert "## 误区自查" in markdown and NO_PLAN["zh_Hans"] in markdown
    assert workspace.load("Bäckerei").language == "de"
