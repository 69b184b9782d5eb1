"""A plan's language: stored with the plan, and every export written in it, whatever
language the caller is in (the command line exporting two teams in one process)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from pydantic import ValidationError

from socialplaybook.cli import main
from socialplaybook.plan.export import export_plan
from socialplaybook.plan.files import plan_from_json, plan_to_json
from socialplaybook.plan.model import Plan
from socialplaybook.plan.playbooks import playbooks_zip
from socialplaybook.rules.i18n import current_language, use_language
from socialplaybook.steps.audit.section import AuditSection
from tests.unit.test_cli import run

BELIEF = {"en": "We post when we have something to share, without a written social media plan.",
          "de": "Wir posten, wenn wir etwas mitzuteilen haben – ohne schriftlichen "
                "Social-Media-Plan.",
          "zh_Hans": "我们有内容要分享时才发帖，没有成文的社交媒体计划。"}
HEADING = {"en": "## Myth audit", "de": "## Mythen-Check", "zh_Hans": "## 误区自查"}


def rated(team: str, language: str) -> Plan:
    return Plan(team=team, language=language, audit=AuditSection(answers={"no-plan": 3}))


def test_a_plan_keeps_its_language_and_older_plans_open_in_english():
    assert Plan(team="A").language == "en"
    plan = rated("Kaffebar", "nb")
    assert plan_from_json(plan_to_json(plan)).language == "nb"
    older = json.loads(plan_to_json(Plan(team="Old")))
    del older["language"]
    older["schema_version"] = 11
    assert plan_from_json(json.dumps(older)).language == "en"
    for wrong in ("fr", "zh", "de-DE", ""):
        with pytest.raises(ValidationError):
            Plan(team="A", language=wrong)


@pytest.mark.parametrize("caller", ["en", "ka"])
def test_two_plans_export_each_in_its_own_language_whatever_the_callers(caller):
    with use_language(caller):
        german = export_plan(rated("Bäckerei", "de"), "md").decode("utf-8")
        chinese = export_plan(rated("茶馆", "zh_Hans"), "md").decode("utf-8")
        assert current_language() == caller  # the caller's context is left as it was
    assert HEADING["de"] in german and BELIEF["de"] in german
    assert HEADING["zh_Hans"] in chinese and BELIEF["zh_Hans"] in chinese
    assert BELIEF["en"] not in german + chinese


def test_the_html_says_its_language_and_a_page_may_ask_for_another():
    page = export_plan(rated("茶馆", "zh_Hans"), "html").decode("utf-8").replace("<wbr>", "")
    assert '<html lang="zh-Hans">' in page and BELIEF["zh_Hans"] in page
    asked = export_plan(rated("茶馆", "zh_Hans"), "html", language="de").decode("utf-8")
    asked = asked.replace("<wbr>", "")
    assert '<html lang="de">' in asked and BELIEF["de"] in asked


def test_the_plan_file_is_the_plan_whatever_the_language_asked():
    plan = rated("Bäckerei", "de")
    assert export_plan(plan, "json", language="ka") == plan_to_json(plan).encode("utf-8")


def test_the_workbook_is_in_the_plans_language():
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(export_plan(rated("Bäckerei", "de"), "xlsx")))
    cells = " ".join(str(cell.value) for sheet in book for row in sheet.iter_rows()
                     for cell in row if cell.value is not None)
    assert BELIEF["de"] in cells and BELIEF["en"] not in cells


def test_the_rooms_zip_holds_each_teams_playbook_in_its_language():
    archive = zipfile.ZipFile(io.BytesIO(playbooks_zip([rated("Bäckerei", "de"),
                                                         rated("Harbour", "en")])))
    texts = {name: archive.read(name).decode("utf-8") for name in archive.namelist()
             if name.endswith(".md")}
    assert BELIEF["de"] in texts["Bäckerei/Bäckerei-playbook.md"]
    assert BELIEF["en"] in texts["Harbour/Harbour-playbook.md"]


def test_the_command_line_creates_a_team_in_a_language_and_exports_in_it(workspace, capsys,
                                                                       tmp_path):
    assert run(capsys, "new", "Kafé", "--language", "zh-CN")[0] == 0
    assert workspace.load("Kafé").language == "zh_Hans"
    workspace.save_section("Kafé", "audit", AuditSection(answers={"no-plan": 3}), None)
    out = tmp_path / "kafe.md"
    assert main(["export", "Kafé", "--format", "md", "-o", str(out)]) == 0
    assert BELIEF["zh_Hans"] in out.read_text(encoding="utf-8")
    assert main(["export", "Kafé", "--format", "md", "--language", "de", "-o", str(out)]) == 0
    assert BELIEF["de"] in out.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as refused:  # argparse's own exit, as for --format
        main(["export", "Kafé", "--language", "klingon"])
    assert refused.value.code == 2 and "'klingon' is not one of" in capsys.readouterr().err
