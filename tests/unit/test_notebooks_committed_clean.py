"""Notebooks are committed as thin narratives: no outputs, no widget state, one title."""

import json
from pathlib import Path

import pytest

from socialplaybook.steps.registry import workshop_steps

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_outputs_or_widget_state(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in notebook["metadata"]
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_one_title_and_stays_thin(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert cells[0]["cell_type"] == "markdown"
    assert "".join(cells[0]["source"]).startswith("# ")
    titles = [c for c in cells if c["cell_type"] == "markdown"
              and any(line.startswith("# ") for line in "".join(c["source"]).splitlines())]
    assert len(titles) == 1
    assert sum(c["cell_type"] == "code" for c in cells) <= 2


def test_every_available_step_has_its_notebook():
    names = {p.name for p in NOTEBOOKS}
    for step in workshop_steps():
        assert (step.notebook in names) == step.available, step.notebook
