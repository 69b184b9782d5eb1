"""``social-playbook export --format html|xlsx|pdf|md|json``: the files the app offers."""

from __future__ import annotations

import io

import pypdf
import pytest

from socialplaybook.cli import main
from socialplaybook.plan.export import export_file_name, export_plan
from socialplaybook.plan.files import plan_to_json
from tests.plans import full_plan
from tests.unit.test_cli import assert_bad_input, run

TEAM = "Harbour Café"


@pytest.fixture
def team(workspace):
    workspace.import_plan(full_plan(TEAM))
    return workspace.load(TEAM)


@pytest.mark.parametrize("key", ["html", "xlsx", "md", "json"])
def test_the_command_writes_the_same_file_as_the_app(team, capsys, tmp_path, key):
    out = tmp_path / export_file_name(TEAM, key)
    assert run(capsys, "export", TEAM, "--format", key, "-o", out)[0] == 0
    assert out.read_bytes() == export_plan(team, key)
    if key == "json":
        assert out.read_text(encoding="utf-8") == plan_to_json(team)


def test_the_pdf_on_letter(team, capsys, tmp_path):
    out = tmp_path / "plan.pdf"
    assert run(capsys, "export", TEAM, "--format", "pdf", "--paper", "letter", "-o", out)[0] == 0
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "Measurement plan" in " ".join(p.extract_text() for p in reader.pages)


def test_a_binary_format_is_not_written_to_a_terminal(team, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    line = assert_bad_input(*run(capsys, "export", TEAM, "--format", "xlsx"))
    assert "-o FILE" in line


def test_html_goes_to_stdout_like_markdown(team, capsysbinary):
    assert main(["export", TEAM, "--format", "html"]) == 0
    out = capsysbinary.readouterr().out
    assert out == export_plan(team, "html")


def test_file_names_are_safe_and_say_what_they_hold():
    assert export_file_name("Harbour Café / <b>", "pdf") == "Harbour-Café-b-playbook.pdf"
    assert export_file_name("Kafé", "json") == "Kafé-plan.json"
    with pytest.raises(ValueError, match="not an export format"):
        export_file_name("x", "docx")
