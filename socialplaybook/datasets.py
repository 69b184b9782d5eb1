"""Where the datasets and the workshop notebooks live, and typed loaders for the datasets.

Both folders sit at the top of the repository (``datasets/``, ``notebooks/``) and are
installed inside this package as ``socialplaybook._datasets`` and
``socialplaybook._notebooks`` (see ``[tool.setuptools.package-dir]`` in pyproject.toml), so
they are found the same way from a checkout, an editable install and a plain
``pip install`` (Binder, a hub): through :mod:`importlib.resources`, never relative to a
working directory or to this file.

The text a person reads in them (``TRANSLATED_COLUMNS``) comes in the current language
(``language=`` another) from the catalogue "content" (:mod:`socialplaybook.language`).
"""

from __future__ import annotations

import csv
import functools
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from importlib.resources import files
from pathlib import Path
from typing import Any

from socialplaybook.language import translated_loader

DATA_ENV_VAR = "SOCIAL_PLAYBOOK_DATA"
AREAS = ("planning", "budget", "platforms", "kpis", "engagement", "policy")


def _package_folder(package: str) -> Path:
    """The folder on disk holding ``package``'s files."""
    folder = files(package)
    if not isinstance(folder, Path) or not folder.is_dir():
        # only a zipped install gets here; the apps need real files (Voila serves a folder)
        raise RuntimeError(f"{package} is not installed as a folder on disk ({folder})")
    return folder.resolve()


def datasets_dir() -> Path:
    """The datasets folder: ``$SOCIAL_PLAYBOOK_DATA`` when set, else the packaged ``datasets/``."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override).resolve()
    return _package_folder("socialplaybook._datasets")


def notebooks_dir() -> Path:
    """The folder of the workshop notebooks (the apps ``social-playbook serve`` serves)."""
    return _package_folder("socialplaybook._notebooks")


DATA_DIR = datasets_dir()

# Each table's translated columns, and the column naming its rows (`make messages`).
TRANSLATED_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "myths.csv": ("id", ("belief", "instead")),
    "myth_sources.csv": ("id", ("english", "note")),
    "kpi_catalog.csv": ("id", ("name", "why", "formula", "decisions")),
    "platforms.csv": ("platform", ("cadence", "tone")),
}


def translated(table: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make a cached loader of ``table`` give its rows in the current language, or in
    ``language=`` (see :func:`socialplaybook.language.translated_loader`)."""
    key, columns = TRANSLATED_COLUMNS[table]
    return lambda load: translated_loader(load, table, key, columns)


def _check_columns(path: Path, found: Sequence[str], expected: Sequence[str]) -> None:
    """A data file's header must be ``expected``, in that order."""
    if tuple(found) != tuple(expected):
        raise ValueError(f"{path}: the columns are {', '.join(found)}; "
                         f"expected {', '.join(expected)}")


def _read_text_table(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    """A CSV file's rows as text (a missing or empty cell is ""), whose columns must be
    ``columns``; ValueError naming the file otherwise, or when a row has more cells than
    the header.

    Read with the csv module: these tables have a few dozen rows and need no more.
    """
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, restval="")
        found = reader.fieldnames or []
        _check_columns(path, found, columns)
        rows = []
        for row in reader:
            extra = row.pop(None, None)  # cells beyond the header's
            if extra is not None:
                raise ValueError(f"{path}: line {reader.line_num} has {len(found) + len(extra)} "
                                 f"cells; the header has {len(found)}")
            rows.append(row)
    return rows


# -- tables with a row per platform (platforms.csv, budget_defaults.csv) ---------------------


def read_platform_table(path: Path, columns: Sequence[str],
                        key: Callable[[str], str] = str) -> list[tuple[str, dict[str, str | None]]]:
    """The rows of a data file with one row per platform, checked the same way for each file.

    Each row comes as ``(where, cells)``: ``where`` names the file and line for the caller's
    own messages, ``cells`` maps each column to its text, stripped, or None when empty.
    Raises ValueError naming the file when its columns are not ``columns`` (in that order)
    or a row has more cells than there are columns, and naming the line when a row's
    ``platform`` has no name or names a platform (compared by ``key``) given before.
    """
    table = _read_text_table(path, columns)
    rows: list[tuple[str, dict[str, str | None]]] = []
    seen: set[str] = set()
    for number, raw in enumerate(table, start=2):
        where = f"{path}, line {number}"
        cells = {column: raw[column].strip() or None for column in columns}
        name = cells["platform"]
        if not name:
            raise ValueError(f"{where}: the platform has no name")
        if key(name) in seen:
            raise ValueError(f"{where}: {name} is given twice")
        seen.add(key(name))
        rows.append((where, cells))
    return rows


def cell_number(cell: str, column: str, where: str, whole: bool = False) -> float:
    """A data file's cell as a number of at least 0 (``whole``: an int); ValueError naming
    ``where`` and the column otherwise."""
    try:
        value = int(cell) if whole else float(cell)
    except ValueError:
        raise ValueError(f"{where}: {column} {cell!r} is not a number") from None
    if value < 0:
        raise ValueError(f"{where}: {column} is negative")
    return value


def cell_list(cell: str | None) -> tuple[str, ...]:
    """A data file's cell of items separated by ";", each stripped; empty items left out."""
    return tuple(item.strip() for item in (cell or "").split(";") if item.strip())


@dataclass(frozen=True)
class Myth:
    """One belief or mistake from the source articles, as a statement a team can rate."""

    id: str
    area: str
    belief: str
    instead: str
    seed: str
    module: str


MYTH_COLUMNS = tuple(field.name for field in fields(Myth))


@translated("myths.csv")
@functools.lru_cache(maxsize=1)
def load_myths(path: Path | None = None) -> tuple[Myth, ...]:
    """The myth-audit statements from ``datasets/myths.csv``, in file order."""
    path = path or DATA_DIR / "myths.csv"
    table = _read_text_table(path, MYTH_COLUMNS)
    myths = tuple(Myth(**row) for row in table)
    for myth in myths:
        if myth.area not in AREAS or myth.module not in AREAS:
            raise ValueError(f"{path}: statement {myth.id!r} has an unknown area or module")
    return myths


# -- platform_usage.csv ----------------------------------------------------------------------

ALL_AGES = "all"
_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_AGE_BAND = re.compile(r"^(?P<low>\d{1,3})(?:-(?P<high>\d{1,3})|\+)$")


@dataclass(frozen=True)
class PlatformUsage:
    """One cell of ``datasets/platform_usage.csv``: the share of a population using a platform.

    ``age_band`` is ``"all"`` for the whole population the row names (e.g. US adults 18+,
    EU residents aged 16-74), else a band such as ``18-29`` or ``65+``. ``measure`` says
    what was asked ("ever use", "use at least weekly", "monthly active users as a share of
    internet users"): rows of different measures are not comparable, and each (region,
    measure) comes from one survey year. ``address`` is the page to cite for the figure.
    """

    region: str
    population: str
    source: str
    year: int
    measure: str
    platform: str
    age_band: str
    share_percent: float
    address: str


PLATFORM_USAGE_COLUMNS = tuple(field.name for field in fields(PlatformUsage))


def age_band_bounds(band: str) -> tuple[int, float]:
    """The lowest and highest age of a band: ``"18-29"`` -> (18, 29), ``"65+"`` -> (65, inf).

    Raises ValueError for anything else (``"all"`` included: it is not a band).
    """
    match = _AGE_BAND.fullmatch(band)
    if not match:
        raise ValueError(f"{band!r} is not an age band (e.g. 18-29 or 65+)")
    low = int(match["low"])
    high = float(match["high"]) if match["high"] else float("inf")
    if high < low:
        raise ValueError(f"{band!r} ends before it starts")
    return low, high


@functools.lru_cache(maxsize=4)
def load_platform_usage(path: Path | None = None) -> tuple[PlatformUsage, ...]:
    """The rows of ``datasets/platform_usage.csv``, typed and checked, in file order.

    Raises ValueError naming the file and the row when a column is missing, a cell is
    empty, a share is outside 0-100, an age band is malformed, the address is not a web
    address, or a cell is given twice (same region, source, year, platform and age band).
    Unknown cells are simply absent.
    """
    path = path or DATA_DIR / "platform_usage.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        _check_columns(path, reader.fieldnames or (), PLATFORM_USAGE_COLUMNS)
        rows = []
        seen: set[tuple] = set()
        for number, raw in enumerate(reader, start=2):
            where = f"{path}, line {number}"
            if any(not (raw.get(column) or "").strip() for column in PLATFORM_USAGE_COLUMNS):
                raise ValueError(f"{where}: every cell needs a value (leave unknown rows out)")
            try:
                year, share = int(raw["year"]), float(raw["share_percent"])
            except ValueError:
                raise ValueError(f"{where}: year and share_percent must be numbers") from None
            if not 0 <= share <= 100:
                raise ValueError(f"{where}: share_percent {share} is outside 0-100")
            band = raw["age_band"].strip()
            if band != ALL_AGES:
                try:
                    age_band_bounds(band)
                except ValueError as exc:
                    raise ValueError(f"{where}: {exc}") from None
            address = raw["address"].strip()
            if not _WEB_ADDRESS.match(address):
                raise ValueError(f"{where}: address {address!r} is not a web address")
            row = PlatformUsage(
                region=raw["region"].strip(), population=raw["population"].strip(),
                source=raw["source"].strip(), year=year, measure=raw["measure"].strip(),
                platform=raw["platform"].strip(), age_band=band, share_percent=share,
                address=address)
            key = (row.region, row.source, row.year, row.platform, row.age_band)
            if key in seen:
                raise ValueError(f"{where}: {row.platform} {row.age_band} {row.year} "
                                 f"({row.region}) is given twice")
            seen.add(key)
            rows.append(row)
    return tuple(rows)


def usage_regions(path: Path | None = None) -> tuple[str, ...]:
    """The region codes of ``platform_usage.csv`` (``US``, ``EU``, ``DE``, ``NO``, ``GE``,
    ``CN``), in file order."""
    return tuple(dict.fromkeys(row.region for row in load_platform_usage(path)))


def region_age_bands(region: str, path: Path | None = None) -> tuple[str, ...]:
    """The age bands the data gives for ``region``, youngest first (``()`` for no data).

    ``"all"`` (the whole population) is not a band and is left out.
    """
    bands = {row.age_band for row in load_platform_usage(path)
             if row.region == region and row.age_band != ALL_AGES}
    return tuple(sorted(bands, key=age_band_bounds))


def region_sources(region: str, path: Path | None = None) -> tuple[tuple[str, int, str], ...]:
    """Who measured ``region``'s rows: (source, year, population), oldest first."""
    found = {(row.source, row.year, row.population)
             for row in load_platform_usage(path) if row.region == region}
    return tuple(sorted(found, key=lambda item: (item[1], item[0])))


# -- platform_availability.csv --------------------------------------------------------------

AVAILABLE_ANSWERS = {"yes": True, "no": False}


@dataclass(frozen=True)
class PlatformAvailability:
    """Whether a platform can be used in a region, why (``note``) and who says so.

    One row of ``datasets/platform_availability.csv``; ``address`` is the page that says it.
    A platform without a row for a region has no known restriction recorded there.
    """

    region: str
    platform: str
    available: bool
    note: str
    source: str
    year: int
    address: str


PLATFORM_AVAILABILITY_COLUMNS = tuple(field.name for field in fields(PlatformAvailability))


@functools.lru_cache(maxsize=4)
def load_platform_availability(path: Path | None = None) -> tuple[PlatformAvailability, ...]:
    """The rows of ``datasets/platform_availability.csv``, typed and checked, in file order.

    Raises ValueError naming the file and line when the columns differ, a cell is empty,
    ``available`` is not yes or no, the year is not a number, the address is not a web
    address, or a platform is given twice for a region.
    """
    path = path or DATA_DIR / "platform_availability.csv"
    rows: list[PlatformAvailability] = []
    seen: set[tuple[str, str]] = set()
    for number, raw in enumerate(_read_text_table(path, PLATFORM_AVAILABILITY_COLUMNS), start=2):
        where = f"{path}, line {number}"
        cells = {column: raw[column].strip() for column in PLATFORM_AVAILABILITY_COLUMNS}
        empty = [column for column, cell in cells.items() if not cell]
        if empty:
            raise ValueError(f"{where}: empty {', '.join(empty)}")
        answer = cells["available"].casefold()
        if answer not in AVAILABLE_ANSWERS:
            raise ValueError(f"{where}: available {cells['available']!r} is not yes or no")
        try:
            year = int(cells["year"])
        except ValueError:
            raise ValueError(f"{where}: year {cells['year']!r} is not a number") from None
        if not _WEB_ADDRESS.match(cells["address"]):
            raise ValueError(f"{where}: address {cells['address']!r} is not a web address")
        key = (cells["region"], cells["platform"].casefold())
        if key in seen:
            raise ValueError(f"{where}: {cells['platform']} is given twice for "
                             f"{cells['region']}")
        seen.add(key)
        rows.append(PlatformAvailability(**{**cells, "available": AVAILABLE_ANSWERS[answer],
                                            "year": year}))
    return tuple(rows)


def unavailable_platforms(region: str | None,
                          path: Path | None = None) -> dict[str, PlatformAvailability]:
    """The platforms that cannot be used in ``region``, by name in lower case (casefolded),
    each with its row (why, and who says so); ``{}`` for a region with no such rows."""
    return {row.platform.casefold(): row for row in load_platform_availability(path)
            if row.region == region and not row.available}


SEED_LANGUAGES = {"000": "zh", "001": "de", "002": "ka", "003": "nb"}
"""The language (BCP 47) of each seed article, by the number its file name starts with."""


@dataclass(frozen=True)
class MythSource:
    """The passage of a seed article a myth rests on: quoted verbatim, with an English rendering."""

    id: str
    seed: str
    language: str
    quote: str
    english: str
    note: str


MYTH_SOURCE_COLUMNS = tuple(field.name for field in fields(MythSource))


@translated("myth_sources.csv")
@functools.lru_cache(maxsize=1)
def load_myth_sources(path: Path | None = None) -> dict[str, MythSource]:
    """The quoted passages from ``datasets/myth_sources.csv``, by myth id, in file order."""
    path = path or DATA_DIR / "myth_sources.csv"
    table = _read_text_table(path, MYTH_SOURCE_COLUMNS)
    sources: dict[str, MythSource] = {}
    for row in table:
        source = MythSource(**row)
        if source.id in sources:
            raise ValueError(f"{path}: statement {source.id!r} is quoted twice")
        if not source.quote.strip() or not source.english.strip():
            raise ValueError(f"{path}: statement {source.id!r} has no quote or no English")
        sources[source.id] = source
    return sources


# -- the KPI catalog (the KPI step: socialplaybook/kpis.py) ----------------------------------

KPI_STAGES = ("see", "think", "do", "care")  # Kaushik's See-Think-Do-Care
KPI_LEVELS = ("outcome", "driver", "activity")
KPI_KINDS = ("vanity", "business")
KPI_DATA_SOURCES = ("platform_analytics", "web_analytics", "crm", "survey", "listening_tool",
                    "search_console")
KPI_DIRECTIONS = ("up", "down")


@dataclass(frozen=True)
class KpiDefinition:
    """One KPI of ``datasets/kpi_catalog.csv``; ``platforms`` and ``results`` are tuples.

    ``platforms`` is ``("all",)`` when every platform's analytics has it.
    """

    id: str
    name: str
    stage: str
    level: str
    kind: str
    why: str
    formula: str
    data_source: str
    platforms: tuple[str, ...]
    direction: str
    results: tuple[str, ...]
    decisions: str
    source: str


KPI_CATALOG_COLUMNS = tuple(field.name for field in fields(KpiDefinition))


@translated("kpi_catalog.csv")
@functools.lru_cache(maxsize=2)
def load_kpi_catalog(path: Path | None = None) -> tuple[KpiDefinition, ...]:
    """The KPIs of ``datasets/kpi_catalog.csv``, checked: every cell filled, known values.

    Raises ValueError naming the file and line for wrong columns, an empty cell, an
    unknown stage, level, kind, data source or direction, a bad id or an id given twice.
    """
    path = path or datasets_dir() / "kpi_catalog.csv"
    catalog: list[KpiDefinition] = []
    allowed = {"stage": KPI_STAGES, "level": KPI_LEVELS, "kind": KPI_KINDS,
               "data_source": KPI_DATA_SOURCES, "direction": KPI_DIRECTIONS}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        _check_columns(path, reader.fieldnames or (), KPI_CATALOG_COLUMNS)
        for line, raw in enumerate(reader, start=2):
            cells = {key: (value or "").strip() for key, value in raw.items()}
            empty = [key for key in KPI_CATALOG_COLUMNS if not cells.get(key)]
            if empty:
                raise ValueError(f"{path}, line {line}: empty {', '.join(empty)}")
            for column, values in allowed.items():
                if cells[column] not in values:
                    raise ValueError(f"{path}, line {line}: {column} {cells[column]!r} is not "
                                     f"one of {', '.join(values)}")
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", cells["id"]):
                raise ValueError(f"{path}, line {line}: id {cells['id']!r} is not a slug")
            if any(kpi.id == cells["id"] for kpi in catalog):
                raise ValueError(f"{path}, line {line}: {cells['id']} is given twice")
            lists = {key: cell_list(cells[key]) for key in ("platforms", "results")}
            catalog.append(KpiDefinition(**{**cells, **lists}))
    return tuple(catalog)



def read_table(path: Path, columns: Sequence[str]) -> list[tuple[str, dict[str, str]]]:
    """The rows of a data file as ``(where, cells)``: ``where`` names the file and line for
    the caller's messages, ``cells`` each column's text, stripped ("" when empty).

    Raises ValueError naming the file when its columns are not ``columns`` (in order) or a
    row has more cells than the header.
    """
    return [(f"{path}, line {line}", {key: value.strip() for key, value in row.items()})
            for line, row in enumerate(_read_text_table(path, columns), start=2)]


# -- GA4's source categories (ga4_source_categories.csv) -------------------------------------

GA4_SOURCE_CATEGORIES = ("social", "video", "search", "shopping")
GA4_SOURCE_COLUMNS = ("source", "category")


@functools.lru_cache(maxsize=2)
def load_ga4_source_categories(path: Path | None = None) -> dict[str, str]:
    """Google's category of each ``utm_source`` the toolkit knows (``facebook`` -> social).

    Raises ValueError naming the file and line for wrong columns, an empty or upper-case
    source, an unknown category or a source given twice.
    """
    path = path or datasets_dir() / "ga4_source_categories.csv"
    categories: dict[str, str] = {}
    for line, row in enumerate(_read_text_table(path, GA4_SOURCE_COLUMNS), start=2):
        source, category = row["source"].strip(), row["category"].strip()
        if not source or source != source.lower() or category not in GA4_SOURCE_CATEGORIES:
            raise ValueError(f"{path}, line {line}: {source!r} needs a lower-case source and "
                             f"a category among {', '.join(GA4_SOURCE_CATEGORIES)}")
        if source in categories:
            raise ValueError(f"{path}, line {line}: {source} is given twice")
        categories[source] = category
    return categories
