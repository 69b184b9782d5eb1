"""The engagement step's figures and law notes (``datasets/engagement_defaults.csv``,
``datasets/policy_law_notes.csv``), typed and checked.

Every figure says whether it is cited (with its source, year and address) or the toolkit's
judgement, a starting point the team changes and the app shows as its own assumption.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, fields
from pathlib import Path

from socialplaybook.datasets import DATA_DIR

_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


@dataclass(frozen=True)
class Figure:
    """One figure: its value and unit, and what it rests on (``basis`` "cited" or
    "judgement"; a cited figure has a source, a year and an address)."""

    key: str
    value: float
    unit: str
    basis: str
    source: str
    year: str
    address: str
    note: str

    @property
    def cited(self) -> bool:
        return self.basis == "cited"


@dataclass(frozen=True)
class LawNote:
    """A note on what employee-speech law limits, for one part of the policy."""

    id: str
    jurisdiction: str
    part: str
    note: str
    source: str
    year: str
    address: str


FIGURE_COLUMNS = tuple(f.name for f in fields(Figure))
LAW_NOTE_COLUMNS = tuple(f.name for f in fields(LawNote))


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: the columns are {reader.fieldnames}; expected "
                             f"{', '.join(columns)}")
        rows = []
        for row in reader:
            if None in row:
                raise ValueError(f"{path}, line {reader.line_num}: more cells than columns")
            rows.append((f"{path}, line {reader.line_num}",
                         {k: (v or "").strip() for k, v in row.items()}))
    return rows


def _check_source(where: str, source: str, year: str, address: str) -> None:
    if not source or not re.fullmatch(r"\d{4}", year) or not _ADDRESS.match(address):
        raise ValueError(f"{where}: a cited figure needs its source, year and address")


@functools.lru_cache(maxsize=4)
def load_figures(path: Path | None = None) -> dict[str, Figure]:
    """The rows of ``datasets/engagement_defaults.csv`` by key.

    Raises ValueError naming the file and line for wrong columns, a value that is not a
    number or is negative, an unknown basis, a cited figure without source, year or
    address, a judgement without a note, or a key given twice.
    """
    path = path or DATA_DIR / "engagement_defaults.csv"
    found: dict[str, Figure] = {}
    for where, cells in _rows(path, FIGURE_COLUMNS):
        try:
            value = float(cells["value"])
        except ValueError:
            raise ValueError(f"{where}: value {cells['value']!r} is not a number") from None
        if value < 0:
            raise ValueError(f"{where}: value is negative")
        if cells["basis"] not in ("cited", "judgement"):
            raise ValueError(f"{where}: basis must be cited or judgement")
        if cells["basis"] == "cited":
            _check_source(where, cells["source"], cells["year"], cells["address"])
        elif not cells["note"]:
            raise ValueError(f"{where}: a judgement needs a note saying so")
        if cells["key"] in found:
            raise ValueError(f"{where}: {cells['key']} is given twice")
        found[cells["key"]] = Figure(**{**cells, "value": value})
    return found


def figure(key: str) -> float:
    """The value of the figure ``key`` (KeyError when the file has none)."""
    return load_figures()[key].value


@functools.lru_cache(maxsize=4)
def load_law_notes(path: Path | None = None) -> tuple[LawNote, ...]:
    """The rows of ``datasets/policy_law_notes.csv``, in file order; every note cites its
    source, year and address."""
    from socialplaybook.steps.engagement.vocabulary import POLICY_PARTS

    path = path or DATA_DIR / "policy_law_notes.csv"
    notes = []
    for where, cells in _rows(path, LAW_NOTE_COLUMNS):
        if cells["part"] not in POLICY_PARTS:
            raise ValueError(f"{where}: {cells['part']!r} is not a part of the policy")
        if not cells["note"]:
            raise ValueError(f"{where}: the note is empty")
        _check_source(where, cells["source"], cells["year"], cells["address"])
        notes.append(LawNote(**cells))
    ids = [note.id for note in notes]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: an id is given twice")
    return tuple(notes)
