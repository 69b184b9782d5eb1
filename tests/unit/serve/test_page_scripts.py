"""The scripts a page preloads: the list is made for the installed Voila and widgets, names
files the server has, and is refused (nothing preloaded) when it does not fit."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from jupyter_core.paths import jupyter_path
from voila.utils import get_voila_labextensions_path

from socialplaybook.serve.voila_app import (
    PAGE_SCRIPTS_FILE,
    TEMPLATES_ROOT,
    installed_page_versions,
    page_scripts,
)

REMAKE = "make it again: .venv/bin/python -m tests.bench.page_scripts --write"


def committed() -> dict:
    return json.loads(PAGE_SCRIPTS_FILE.read_text(encoding="utf-8"))


def served_file(script: str) -> Path | None:
    """Where the workshop server finds ``script`` (a path below its base URL)."""
    path = script.split("?", 1)[0]
    if path.startswith("voila/static/"):
        folders = jupyter_path("voila", "templates", "base", "static")
        name = path.removeprefix("voila/static/")
    else:
        folders = get_voila_labextensions_path()
        name = path.removeprefix("voila/labextensions/")
    for folder in folders:
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    return None


def test_the_committed_list_is_made_for_the_installed_versions():
    made_with = committed()["made_with"]
    names = [name for name in made_with if name != "voila"]
    assert installed_page_versions(names) == made_with, REMAKE


def test_the_server_preloads_the_committed_list():
    scripts = page_scripts()
    assert scripts == committed()["scripts"]
    assert scripts[0] == "voila/static/voila.js"  # Voila's main script, needed first
    assert len(scripts) == len(set(scripts))


def test_every_listed_script_is_a_file_the_server_has():
    missing = [script for script in committed()["scripts"] if served_file(script) is None]
    assert missing == [], REMAKE


def test_a_list_made_for_another_voila_preloads_nothing_and_says_why(tmp_path, caplog):
    listed = committed()
    listed["made_with"]["voila"] = "0.4.0"
    path = tmp_path / "page-scripts.json"
    path.write_text(json.dumps(listed), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert page_scripts(logging.getLogger("test"), path) == []
    assert "made for" in caplog.text and "0.4.0" in caplog.text


def test_a_list_for_another_widget_version_preloads_nothing(tmp_path):
    listed = committed()
    listed["made_with"]["@jupyter-widgets/jupyterlab-manager"] = "1.0.0"
    path = tmp_path / "page-scripts.json"
    path.write_text(json.dumps(listed), encoding="utf-8")
    assert page_scripts(None, path) == []


def test_a_missing_or_broken_list_preloads_nothing(tmp_path, caplog):
    broken = [tmp_path / "absent.json"]
    for name, text in [("truncated.json", '{"made_with": {"voila"'), ("foreign.json", "[1, 2]"),
                       ("no-scripts.json", '{"made_with": {}}')]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        broken.append(tmp_path / name)
    with caplog.at_level(logging.WARNING):
        for path in broken:
            assert page_scripts(logging.getLogger("test"), path) == [], path.name
    assert caplog.text.count("cannot be read") == len(broken)


def test_the_page_has_no_mathjax_but_a_typesetter_that_leaves_text_as_typed():
    template = TEMPLATES_ROOT / "voila" / "templates" / "social-playbook"
    script = template / "static" / "math-as-typed.js"
    text = script.read_text(encoding="utf-8")
    for part in ("Config()", "Configured()", "Queue()", "StartupHook()",
                 "resetEquationNumbers()"):  # all that JupyterLab's MathJax 2 typesetter calls
        assert part in text
    page = (template / "index.html.j2").read_text(encoding="utf-8")
    assert "static/math-as-typed.js" in page and "fullMathjaxUrl" in page
