"""The plan as a document: a section per step, each made of blocks (headings, paragraphs,
lists, key figures, tables and charts: :mod:`socialplaybook.rules.blocks`), from which
every format is written (HTML, PDF, XLSX).

The sections come from the step registry: a step names its ``document`` function, which
gives its blocks; a step without one is read from its Markdown lines
(:func:`blocks_from_markdown`), so a step added later is in every export with no edit here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from socialplaybook.plan.model import Plan
from socialplaybook.rules.blocks import (
    Block,
    Bullets,
    Cell,
    CellKind,
    Chart,
    Column,
    Figure,
    Heading,
    KeyFigures,
    Paragraph,
    Table,
)
from socialplaybook.rules.i18n import _
from socialplaybook.steps.registry import Step, built_steps

__all__ = ["Block", "Bullets", "Cell", "CellKind", "Chart", "Column", "DocSection", "Document",
           "Figure", "Heading", "KeyFigures", "Paragraph", "Table", "blocks_from_markdown",
           "plain_text", "plan_document"]

@dataclass(frozen=True)
class DocSection:
    """A step's part of the document."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """The whole plan as a document: the team, its currency and number locale, sections."""

    title: str
    team: str
    currency: str
    locale: str
    updated_at: datetime
    sections: tuple[DocSection, ...] = field(default_factory=tuple)

    def charts(self) -> list[Chart]:
        """Every chart of the document, in order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]


def plan_document(plan: Plan, steps: Sequence[Step] | None = None) -> Document:
    """The document of ``plan``: a section per built step that keeps one, in order."""
    sections = []
    for step in built_steps() if steps is None else steps:
        if not step.section:
            continue
        section = getattr(plan, step.key)
        if step.document:
            blocks = step.document_blocks(section, plan)
        else:
            blocks = blocks_from_markdown(step.markdown_lines(section, plan.locale, plan))
        sections.append(DocSection(step.key, step.title, tuple(blocks)))
    return Document(_("Social media playbook"), plan.team, plan.currency, plan.locale,
                    plan.updated_at, tuple(sections))


# -- a step that only has Markdown ----------------------------------------------------------

_ESCAPED = re.compile(r"\\([\\`*_\[\]#|~.)+=-])")
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*:?\s*(.*)$")


def plain_text(markdown: str) -> str:
    """A line of Markdown written by :func:`~socialplaybook.rules.text.markdown_text` read
    back as the plain text it shows (entities decoded, backslash escapes and bold dropped)."""
    text = re.sub(r"(?<!\\)\*\*", "", markdown)
    return _ESCAPED.sub(r"\1", html.unescape(text))


def blocks_from_markdown(lines: Sequence[str]) -> list[Block]:
    """A step's Markdown lines as blocks: ``###`` headings, tables, lists and paragraphs
    (its ``##`` title is the section's own and is dropped)."""
    blocks: list[Block] = []
    table: list[list[str]] = []
    bullets: list[tuple[str, str]] = []

    def close() -> None:
        if table:
            head, *body = table
            rows = [row for row in body if not all(set(c) <= set(":- ") for c in row)]
            blocks.append(Table(tuple(Column(plain_text(c)) for c in head),
                                tuple(tuple(plain_text(c) for c in row) for row in rows)))
            table.clear()
        if bullets:
            blocks.append(Bullets(tuple(bullets)))
            bullets.clear()

    for raw in lines:
        line = raw.strip()
        if line.startswith("|") and line.endswith("|"):
            if bullets:
                close()
            table.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line[1:-1])])
            continue
        if line.startswith(("- ", "* ")):
            if table:
                close()
            bold = _BOLD_LEAD.match(line[2:])
            bullets.append((plain_text(bold[1]), plain_text(bold[2])) if bold
                           else ("", plain_text(line[2:])))
            continue
        close()
        if not line or line.startswith("## ") or line == "##":
            continue
        if line.startswith("#"):
            blocks.append(Heading(plain_text(line.lstrip("#").strip())))
        else:
            blocks.append(Paragraph(plain_text(line)))
    close()
    return blocks
