"""What is known about each platform: the rows of ``datasets/platforms.csv``, typed and checked."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from socialplaybook.datasets import (
    DATA_DIR,
    cell_list,
    cell_number,
    read_platform_table,
    translated,
)
from socialplaybook.rules.vocabulary import BusinessResult, platform_id
from socialplaybook.steps.platforms.vocabulary import CONTENT_FORMATS, STRENGTH_MAX


@dataclass(frozen=True)
class PlatformProfile:
    """What is known about one platform; None for a cell nobody gives.

    ``in_data`` is False for a platform the team typed that the data does not have.
    ``judgement`` names the fields that are the toolkit's (or the team's) judgement;
    ``edited`` those the team changed.
    """

    platform: str
    formats: tuple[str, ...] | None = None
    b2b_strength: int | None = None
    b2c_strength: int | None = None
    good_for: tuple[str, ...] | None = None
    cadence: str | None = None
    hours_per_week: float | None = None
    cpm_low_usd: float | None = None
    cpm_high_usd: float | None = None
    cpm_source: str | None = None
    tone: str | None = None
    judgement: tuple[str, ...] = ()
    in_data: bool = True
    edited: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return platform_id(self.platform)


PLATFORM_COLUMNS = ("platform", "formats", "b2b_strength", "b2c_strength", "good_for",
                    "cadence", "hours_per_week", "cpm_low_usd", "cpm_high_usd", "cpm_source",
                    "tone", "judgement")
_LIST_COLUMNS = ("formats", "good_for", "judgement")
_INT_COLUMNS = ("b2b_strength", "b2c_strength")
_FLOAT_COLUMNS = ("hours_per_week", "cpm_low_usd", "cpm_high_usd")


@translated("platforms.csv")
@functools.lru_cache(maxsize=4)
def load_platform_profiles(path: Path | None = None) -> tuple[PlatformProfile, ...]:
    """The rows of ``datasets/platforms.csv``, typed and checked; empty cells are None;
    cadence and tone in the current language (``language=`` another).

    Raises ValueError naming the file and line for wrong columns, an unknown format or
    business result, a strength outside 0-3, a negative number, a CPM range that ends
    before it starts, a CPM without its source, or a platform given twice.
    """
    path = path or DATA_DIR / "platforms.csv"
    results = get_args(BusinessResult)
    profiles: list[PlatformProfile] = []
    for where, cells in read_platform_table(path, PLATFORM_COLUMNS, platform_id):
        values: dict = {"platform": cells["platform"]}
        for column in PLATFORM_COLUMNS[1:]:
            cell = cells[column]
            if cell is None:
                values[column] = () if column == "judgement" else None
            elif column in _LIST_COLUMNS:
                values[column] = cell_list(cell)
            elif column in _INT_COLUMNS or column in _FLOAT_COLUMNS:
                values[column] = cell_number(cell, column, where, whole=column in _INT_COLUMNS)
            else:
                values[column] = cell
        profile = PlatformProfile(**values)
        _check_profile(profile, where, results)
        profiles.append(profile)
    return tuple(profiles)


def _check_profile(profile: PlatformProfile, where: str, results: Sequence[str]) -> None:
    if profile.formats and set(profile.formats) - set(CONTENT_FORMATS):
        raise ValueError(f"{where}: unknown format in {', '.join(profile.formats)}")
    if profile.good_for and set(profile.good_for) - set(results):
        raise ValueError(f"{where}: unknown business result in {', '.join(profile.good_for)}")
    for strength in (profile.b2b_strength, profile.b2c_strength):
        if strength is not None and strength > STRENGTH_MAX:
            raise ValueError(f"{where}: a strength must be 0-{STRENGTH_MAX}")
    low, high = profile.cpm_low_usd, profile.cpm_high_usd
    if (low is None) != (high is None):
        raise ValueError(f"{where}: give both ends of the CPM range or neither")
    if low is not None and (high < low or not profile.cpm_source):
        raise ValueError(f"{where}: the CPM range ends before it starts or has no source")
    unknown = set(profile.judgement) - set(PLATFORM_COLUMNS)
    if unknown:
        raise ValueError(f"{where}: judgement names unknown columns {', '.join(unknown)}")
