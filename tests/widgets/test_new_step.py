"""A new step is its package, its app, its notebook and one line in the registry.

The exercise: a copy of the code gets a tiny "hello" step (a section with one text field,
its Markdown, an app with one text box, a notebook) and one added line in
``socialplaybook/steps/registry.py``; no other file of the copy is edited. In a fresh
Python on that copy, the step must be in the Plan (and round-trip through JSON), on the
start page's map, in the Markdown export and in the facilitator's view, and its app must
save what is typed into it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SECTION = '''
"""The hello step's section: one greeting."""

from socialplaybook.rules.section import Section
from socialplaybook.rules.vocabulary import ShortText


class HelloSection(Section):
    greeting: ShortText = ""
'''

MARKDOWN = '''
"""The hello step in the exported Markdown."""

from socialplaybook.rules.text import markdown_text


def hello_markdown(section, locale, plan=None) -> list[str]:
    return ["## Hello", "", markdown_text(section.greeting or "(no greeting yet)"), ""]
'''

APP = '''
"""The hello step's app: one text box."""

import ipywidgets as w

from widgets.app.step_app import StepApp


class HelloApp(StepApp):
    def build_workarea(self):
        self.greeting = w.Text(placeholder="greeting")
        self.greeting.observe(self._on_greeting, names="value")
        return [self.greeting]

    def show_section(self, section):
        self.greeting.value = section.greeting

    def _on_greeting(self, change):
        if not self.busy():
            self.replace(greeting=change["new"])
'''

REGISTRY_LINE = ('        Step("hello", "08-hello.ipynb", "Hello", "Say hello.", '
                 'app="widgets.hello:HelloApp", section=f"{steps}.hello.section:HelloSection", '
                 'markdown=f"{steps}.hello.markdown:hello_markdown"),\n')

CHECK = '''
import json, sys
import socialplaybook
from socialplaybook.datasets import notebooks_dir
from socialplaybook.plan.export import export_plan, plan_to_markdown
from socialplaybook.plan.files import plan_from_json, plan_to_json
from socialplaybook.plan.model import Plan
from socialplaybook.steps.hello.section import HelloSection
from socialplaybook.workspace.store import Workspace
from widgets.hello import HelloApp
from widgets.playbook.app import PlaybookApp
from widgets.start import StartHere

workspace = Workspace()
workspace.create_team("Hello Team")
start = StartHere(workspace)
start.picker.dropdown.value = "Hello Team"  # as a person picks it
app = HelloApp(workspace, live_check_seconds=0)
app.picker.dropdown.value = "Hello Team"
app.greeting.value = "Hej <b>verden</b>"
app.flush()
plan = workspace.load("Hello Team")
playbook = PlaybookApp(workspace, live_check_seconds=0)
playbook.picker.dropdown.value = "Hello Team"
import io, openpyxl, pypdf
book = openpyxl.load_workbook(io.BytesIO(export_plan(plan, "xlsx")))
pdf = pypdf.PdfReader(io.BytesIO(export_plan(plan, "pdf")))
from datetime import date
from socialplaybook.plan.room import room_row
latest = workspace.latest_revision("Hello Team")
row = room_row(plan, latest.number, latest.saved_at, latest.section, date.today())
print(json.dumps({
    "room": [[step.key, step.filled, step.open_checks] for step in row.readiness],
    "room_step": row.step_label,
    "code": socialplaybook.__file__,
    "notebook": (notebooks_dir() / "08-hello.ipynb").is_file(),
    "section_type": Plan.model_fields["hello"].annotation is HelloSection,
    "section_key": HelloApp.section_key,
    "stored": plan.hello.greeting,
    "round_trip": plan_to_json(plan_from_json(plan_to_json(plan))) == plan_to_json(plan),
    "map": start._steps.value,
    "markdown": plan_to_markdown(plan),
    "html": export_plan(plan, "html").decode("utf-8"),
    "sheets": {sheet.title: [c.value for row in sheet.iter_rows() for c in row]
               for sheet in book},
    "pdf": " ".join(page.extract_text() for page in pdf.pages),
    "page": playbook.document,
    "checklist": playbook.checklist,
}))
'''


def _notebook(cell: str) -> str:
    return json.dumps({"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Hello"]},
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
         "source": [cell]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def _copy_with_a_hello_step(root: Path) -> None:
    for folder in ("socialplaybook", "widgets", "notebooks", "datasets"):
        shutil.copytree(REPO / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    # what `pip install` maps inside the package (pyproject's package-dir)
    (root / "socialplaybook" / "_datasets").symlink_to(root / "datasets")
    (root / "socialplaybook" / "_notebooks").symlink_to(root / "notebooks")
    step = root / "socialplaybook" / "steps" / "hello"
    step.mkdir()
    (step / "__init__.py").write_text('"""Step 8, hello: an exercise."""\n')
    (step / "section.py").write_text(textwrap.dedent(SECTION))
    (step / "markdown.py").write_text(textwrap.dedent(MARKDOWN))
    (root / "widgets" / "hello.py").write_text(textwrap.dedent(APP))
    (root / "notebooks" / "08-hello.ipynb").write_text(
        _notebook("from widgets.hello import HelloApp\n\nHelloApp()"))
    registry = root / "socialplaybook" / "steps" / "registry.py"
    text = registry.read_text(encoding="utf-8")
    anchor = "    ]\n\n\ndef built_steps()"
    assert text.count(anchor) == 1, "the registry's list of steps ends differently"
    registry.write_text(text.replace(anchor, REGISTRY_LINE + anchor), encoding="utf-8")


def _edited_files(root: Path) -> set[str]:
    """Files of the copy that differ from the repository's (new files left out)."""
    edited = set()
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        original = REPO / relative
        if original.exists() and original.read_bytes() != path.read_bytes():
            edited.add(str(relative))
    return edited


def test_a_step_added_with_one_registry_line_is_in_the_plan_the_map_the_export_and_saves(
        tmp_path):
    root = tmp_path / "copy"
    _copy_with_a_hello_step(root)
    assert _edited_files(root) == {"socialplaybook/steps/registry.py"}

    env = {**os.environ, "PYTHONPATH": str(root),
           "SOCIAL_PLAYBOOK_DB": f"sqlite:///{tmp_path}/ws.sqlite"}
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["code"].startswith(str(root)) and found["notebook"]  # the copy runs

    assert found["section_type"] and found["section_key"] == "hello"
    assert found["stored"] == "Hej <b>verden</b>"
    assert found["round_trip"]
    assert '<a href="08-hello.ipynb?team=Hello+Team">8. Hello</a>' in found["map"]
    assert "## Hello" in found["markdown"]
    assert "Hej &lt;b&gt;verden&lt;/b&gt;" in found["markdown"]  # typed text stays text
    for shown in (found["html"], found["page"]):  # the playbook, from its Markdown
        assert 'data-section="hello"' in shown and "Hej &lt;b&gt;verden&lt;/b&gt;" in shown
    assert "Hej <b>verden</b>" in found["sheets"]["Hello"]
    assert "Hej <b>verden</b>" in found["pdf"]
    assert 'data-step="hello" data-state="done"' in found["checklist"]
    assert 'href="08-hello.ipynb?team=Hello+Team"' in found["checklist"]
    # the facilitator's view: a readiness cell for the step, and the step a team is on
    assert found["room"][-1] == ["hello", True, None]
    assert found["room_step"] == "Hello"

