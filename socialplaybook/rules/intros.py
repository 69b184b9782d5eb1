"""Each notebook's intro (its first markdown cell: "# Title", then what the team leaves with)
in the team's language.

The notebook itself stays English: it is what JupyterLab shows and what the page paints
first. An app in another language shows this translation as its frame's title and intro
and hides the notebook's cell (``widgets/app/frame.py``). The translations are in the
catalogue "content" under ``<notebook>:intro:title`` and ``<notebook>:intro:text``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from socialplaybook.datasets import notebooks_dir
from socialplaybook.language import content_context, content_text, current_language


@dataclass(frozen=True)
class NotebookIntro:
    """A notebook's title and the text under it (paragraphs separated by a blank line)."""

    title: str
    text: str


def read_intro(path: Path) -> NotebookIntro:
    """The English intro of the notebook at ``path``: its first markdown cell's "# " line
    and the text after it ("" for either when the notebook has none)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        lines = ("".join(source) if isinstance(source, list) else source).strip().splitlines()
        title = ""
        if lines and lines[0].startswith("# "):
            title, lines = lines[0][2:].strip(), lines[1:]
        return NotebookIntro(title, "\n".join(lines).strip())
    return NotebookIntro("", "")


@functools.lru_cache(maxsize=16)
def _english_intro(notebook: str) -> NotebookIntro:
    path = notebooks_dir() / notebook
    return read_intro(path) if path.is_file() else NotebookIntro("", "")


def notebook_intro(notebook: str, language: str | None = None) -> NotebookIntro:
    """The intro of ``notebook`` (a file name in the notebooks folder) in ``language``
    (default: the current one); English where it has no translation yet."""
    english = _english_intro(notebook)
    code = language or current_language()
    return NotebookIntro(
        content_text(content_context(notebook, "intro", "title"), english.title, code),
        content_text(content_context(notebook, "intro", "text"), english.text, code))
