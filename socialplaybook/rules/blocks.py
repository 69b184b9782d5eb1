"""The building blocks of a document each step writes its part of the playbook in:
headings, paragraphs, lists, key figures, tables and charts.

Blocks hold values, not formatted text: a table's money cell is a float, its date a
``date``, so each format writes them its way (the HTML in the team's number locale, the
XLSX as numbers and dates). Text is plain text as typed: each format escapes it for
itself. A chart is SVG drawn by the core (:mod:`socialplaybook.rules.charts`), whose texts
are escaped where it is drawn. The document itself is :mod:`socialplaybook.plan.document`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

CellKind = Literal["text", "number", "money", "date", "percent"]
Cell = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    """A table's column: its title and what its cells hold (``percent``: a fraction, 0.25
    is 25 %; ``money``: an amount in the plan's currency)."""

    title: str
    kind: CellKind = "text"
    empty: str = "–"  # what an empty cell shows (a RACI's: nothing)


@dataclass(frozen=True)
class Table:
    """Rows of cells under columns; ``total`` says the last row sums the others."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: bool = False
    name: str = ""  # what the table is, for a sheet or a screen reader ("Goals")


@dataclass(frozen=True)
class Heading:
    """A heading inside a section (the section's own title is the section's)."""

    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text."""

    text: str
    muted: bool = False  # a note (e.g. "No goals yet."), shown quieter


@dataclass(frozen=True)
class Bullets:
    """A list of plain-text items, each with an optional bold lead ("Office managers")."""

    items: tuple[tuple[str, str], ...]  # (lead, text)


@dataclass(frozen=True)
class Figure:
    """One key figure: a label and a value of a kind (None: not entered)."""

    label: str
    value: Cell
    kind: CellKind = "number"


@dataclass(frozen=True)
class KeyFigures:
    """A row of key figures (a section's totals)."""

    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Chart:
    """A chart as inline SVG drawn by the core, with what it shows in words."""

    key: str
    title: str
    svg: str


Block = Heading | Paragraph | Bullets | KeyFigures | Table | Chart
