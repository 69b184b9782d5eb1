"""The folders are the architecture: layers that import only downwards, a pure core, small files.

The contracts live in ``.importlinter`` at the repository root; ``lint-imports`` checks every
import statement (inside functions too), so an import against the layers fails here before
anyone opens an app.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / ".importlinter"
LAYERS = ["widgets", "socialplaybook.cli", "socialplaybook.serve", "socialplaybook.workspace",
          "socialplaybook.plan", "socialplaybook.steps", "socialplaybook.rules",
          "socialplaybook.datasets", "socialplaybook.language"]
MAX_LINES = 500


def _contracts() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    assert config.read(CONFIG, encoding="utf-8"), f"{CONFIG} is missing"
    return config


def test_the_layers_are_the_folders_in_the_designed_order():
    contract = _contracts()["importlinter:contract:layers"]
    assert contract["type"] == "layers"
    assert contract["layers"].split() == LAYERS


def test_the_core_is_forbidden_the_widget_and_notebook_stack():
    config = _contracts()
    pure = config["importlinter:contract:core-is-pure"]
    assert pure["type"] == "forbidden"
    assert pure["source_modules"].split() == ["socialplaybook"]
    assert set(pure["forbidden_modules"].split()) == {"ipywidgets", "IPython", "anywidget",
                                                      "widgets"}
    voila = config["importlinter:contract:only-serve-runs-voila"]
    assert set(voila["source_modules"].split()) == set(LAYERS[1:]) - {"socialplaybook.serve"}
    assert set(voila["forbidden_modules"].split()) == {"voila", "traitlets"}
    assert "ignore_imports" not in pure and "ignore_imports" not in voila  # no exceptions
    # external packages are only checked when the linter is told to include them
    assert config["importlinter"].getboolean("include_external_packages")


def test_the_code_keeps_the_contracts():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is not installed: pip install -e '.[test]'"
    result = subprocess.run([lint_imports, str(CONFIG), "--no-cache"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "3 kept, 0 broken" in result.stdout


def test_no_module_holds_two_concerns_by_size():
    """A file past about 500 lines is two files waiting to be split (DESIGN.md, Layout)."""
    big = {str(path.relative_to(REPO)): lines
           for folder in ("socialplaybook", "widgets") for path in (REPO / folder).rglob("*.py")
           if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not big, big
