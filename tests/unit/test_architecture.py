"""The folders are the architecture: the core never imports the widget or notebook stack.

The contract lives in ``.importlinter`` at the repository root; ``lint-imports`` checks every
import statement in ``socialplaybook`` (inside functions too), so a forbidden import fails
here before anyone opens an app.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / ".importlinter"
FORBIDDEN = {"ipywidgets", "IPython", "traitlets", "anywidget", "voila", "widgets"}


def test_the_contract_forbids_the_widget_and_notebook_stack_in_the_core():
    config = configparser.ConfigParser()
    assert config.read(CONFIG, encoding="utf-8"), f"{CONFIG} is missing"
    contract = config["importlinter:contract:core-is-pure"]
    assert contract["type"] == "forbidden"
    assert contract["source_modules"].split() == ["socialplaybook"]
    assert set(contract["forbidden_modules"].split()) == FORBIDDEN
    # external packages are only checked when the linter is told to include them
    assert config["importlinter"].getboolean("include_external_packages")


def test_the_core_keeps_the_contract():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is not installed: pip install -e '.[test]'"
    result = subprocess.run(
        [lint_imports, "--config", str(CONFIG), "--no-cache"], cwd=REPO,
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "1 kept, 0 broken" in result.stdout
