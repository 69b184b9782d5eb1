"""The toolkit's starting values per platform (``datasets/budget_defaults.csv``, with the
CPM of ``platforms.csv`` and the costs per result of ``cost_per_result.csv``).

Money here is in US dollars, the benchmarks' own currency (``BENCHMARK_CURRENCY``):
``lines.py`` converts it into the plan's currency and says at which rate.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from socialplaybook.datasets import (
    DATA_DIR,
    cell_list,
    cell_number,
    read_platform_table,
    read_table,
)
from socialplaybook.rules.vocabulary import platform_id
from socialplaybook.steps.budget.limits import SHAPE_MAX, SHAPE_MIN
from socialplaybook.steps.platforms.profiles import load_platform_profiles

BENCHMARK_CURRENCY = "USD"
RESULT_KINDS = ("lead", "sale")


@dataclass(frozen=True)
class CostPerResult:
    """A published cost of one result (a lead, a sale) on a platform, in US dollars.

    ``measured`` says whose campaigns the figure comes from (audience, industry, region,
    average or median): a benchmark is only comparable with campaigns like those.
    """

    platform: str
    result: str
    cost_usd: float
    source: str
    year: int
    measured: str
    address: str


COST_PER_RESULT_COLUMNS = ("platform", "result", "cost_usd", "source", "year", "measured",
                           "address")


@functools.lru_cache(maxsize=2)
def load_costs_per_result(path: Path | None = None) -> tuple[CostPerResult, ...]:
    """The rows of ``datasets/cost_per_result.csv``, in file order.

    Raises ValueError naming the file and line for wrong columns, an empty cell, an
    unknown result kind, a cost that is not a number above 0, a year that is not a
    whole number, or a platform and result given twice.
    """
    path = path or DATA_DIR / "cost_per_result.csv"
    rows: list[CostPerResult] = []
    for where, cells in read_table(path, COST_PER_RESULT_COLUMNS):
        empty = [key for key in COST_PER_RESULT_COLUMNS if not cells[key]]
        if empty:
            raise ValueError(f"{where}: empty {', '.join(empty)}")
        if cells["result"] not in RESULT_KINDS:
            raise ValueError(f"{where}: result {cells['result']!r} is not one of "
                             f"{', '.join(RESULT_KINDS)}")
        try:
            cost, year = float(cells["cost_usd"]), int(cells["year"])
        except ValueError:
            raise ValueError(f"{where}: cost_usd must be a number and year a whole "
                             "number") from None
        if not (cost > 0 and cost < float("inf")):
            raise ValueError(f"{where}: cost_usd must be above 0")
        if any(platform_id(row.platform) == platform_id(cells["platform"])
               and row.result == cells["result"] for row in rows):
            raise ValueError(f"{where}: {cells['platform']} {cells['result']} is given twice")
        rows.append(CostPerResult(cells["platform"], cells["result"], cost, cells["source"],
                                  year, cells["measured"], cells["address"]))
    return tuple(rows)


@dataclass(frozen=True)
class BudgetDefaults:
    """The toolkit's starting values for one platform; None where it has none.

    ``half_saturation_spend``, ``cpm`` and the costs per result are US dollars.
    ``costs_per_result`` holds the cited cost of a result by kind ("lead", "sale").
    """

    platform: str
    posts_per_week: float | None = None
    minutes_per_post: float | None = None
    messages_per_week: float | None = None
    minutes_per_answer: float | None = None
    listening_hours_per_week: float | None = None
    organic_reach_percent: float | None = None
    organic_reach_source: str | None = None
    half_saturation_spend: float | None = None
    hill_shape: float | None = None
    cpm: float | None = None  # the middle of the cited range (platforms.csv), USD
    cpm_range: tuple[float, float] | None = None
    cpm_source: str | None = None
    judgement: tuple[str, ...] = ()
    costs_per_result: dict[str, CostPerResult] = field(default_factory=dict, compare=False)

    @property
    def id(self) -> str:
        return platform_id(self.platform)


DEFAULT_COLUMNS = ("platform", "posts_per_week", "minutes_per_post", "messages_per_week",
                   "minutes_per_answer", "listening_hours_per_week", "organic_reach_percent",
                   "organic_reach_source", "half_saturation_spend_usd", "hill_shape",
                   "judgement")


@functools.lru_cache(maxsize=4)
def load_budget_defaults(path: Path | None = None) -> dict[str, BudgetDefaults]:
    """The rows of ``datasets/budget_defaults.csv`` by platform id, with the CPM of
    ``platforms.csv`` (the middle of its range). Empty cells are None.

    Raises ValueError naming the file and line for wrong columns, a cell that is not a
    number, a negative one, a reach rate without its source or over 100 %, or a shape
    outside the range the app accepts.
    """
    path = path or DATA_DIR / "budget_defaults.csv"
    profiles = {p.id: p for p in load_platform_profiles()}
    costs: dict[str, dict[str, CostPerResult]] = {}
    for row in load_costs_per_result():
        costs.setdefault(platform_id(row.platform), {})[row.result] = row
    found: dict[str, BudgetDefaults] = {}
    for where, cells in read_platform_table(path, DEFAULT_COLUMNS, platform_id):
        values = {column: cell_number(cells[column], column, where)
                  for column in DEFAULT_COLUMNS[1:]
                  if column not in ("organic_reach_source", "judgement")
                  and cells[column] is not None}
        rate = values.get("organic_reach_percent")
        if rate is not None and (rate > 100 or not cells["organic_reach_source"]):
            raise ValueError(f"{where}: the organic reach rate is over 100 % or has no "
                             "source")
        shape = values.get("hill_shape")
        if shape is not None and not SHAPE_MIN <= shape <= SHAPE_MAX:
            raise ValueError(f"{where}: hill_shape must be {SHAPE_MIN}-{SHAPE_MAX}")
        profile = profiles.get(platform_id(cells["platform"]))
        cpm_range = None
        if profile is not None and profile.cpm_low_usd is not None:
            cpm_range = (profile.cpm_low_usd, profile.cpm_high_usd)
        defaults = BudgetDefaults(
            platform=cells["platform"],
            **{k: v for k, v in values.items() if k != "half_saturation_spend_usd"},
            organic_reach_source=cells["organic_reach_source"],
            half_saturation_spend=values.get("half_saturation_spend_usd"),
            cpm=(sum(cpm_range) / 2) if cpm_range else None, cpm_range=cpm_range,
            cpm_source=profile.cpm_source if cpm_range else None,
            judgement=cell_list(cells["judgement"]),
            costs_per_result=costs.get(platform_id(cells["platform"]), {}))
        found[defaults.id] = defaults
    return found
