"""The myth panel: figures that answer the beliefs the platforms step is about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from socialplaybook.datasets import (
    ALL_AGES,
    age_band_bounds,
    load_platform_usage,
)
from socialplaybook.rules.i18n import _
from socialplaybook.steps.platforms.inputs import TeamInputs
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.scoring import Ranking, _pct


@dataclass(frozen=True)
class MythFact:
    """A belief, the data that answers it (a sentence, then one point per figure), and a
    note on where the belief comes from."""

    belief: str
    answer: str
    points: tuple[str, ...] = ()
    note: str = ""

    def text(self) -> str:
        """Everything the panel says about the belief, as one text."""
        return " ".join([self.answer, *self.points, self.note]).strip()


OLDER_AGE = 65  # "only for the young": the data's bands from this age up
OLDER_PLATFORMS = ("YouTube", "Facebook")  # the two the myth panel quotes for them


def _population(row) -> str:
    """The row's population without its parenthesis: "US adults (18+)" -> "US adults"."""
    return re.sub(r"\s*\([^)]*\)", "", row.population).strip()


def _latest(rows):
    return max(rows, key=lambda r: r.year) if rows else None


def older_adults_figures(region_code: str | None = None, usage=None) -> list[str]:
    """Per region of the usage data, what it says about people aged 65 and over.

    For each region (the team's first): the latest share of its 65+ band (any band
    starting at 65 or later) on YouTube and Facebook. A region with no such band gets its
    overall figures instead (those two platforms, else whatever it measured overall),
    said as overall. A team region the data does not have is said to have no figures.
    """
    usage = load_platform_usage() if usage is None else usage
    regions = list(dict.fromkeys(row.region for row in usage))
    if region_code in regions:
        regions.remove(region_code)
        regions.insert(0, region_code)
    lines = []
    if region_code and region_code not in regions:
        lines.append(_("{region}: no figures in our data").format(region=region_code))
    for region in regions:
        rows = [row for row in usage if row.region == region]
        older = {}
        for platform in OLDER_PLATFORMS:
            older[platform] = _latest([
                row for row in rows if row.platform.casefold() == platform.casefold()
                and row.age_band != ALL_AGES and age_band_bounds(row.age_band)[0] >= OLDER_AGE])
        if any(older.values()):
            parts = []
            for platform, row in older.items():
                if row is None:
                    parts.append(_("no 65+ figure for {p}").format(p=platform))
                else:
                    parts.append(_("{p} {v} of {population} {band} ({s} {y})").format(
                        p=platform, v=_pct(row.share_percent), population=_population(row),
                        band=row.age_band, s=row.source, y=row.year))
            lines.append(_("{region}: {figures}").format(region=region,
                                                         figures="; ".join(parts)))
            continue
        overall = [row for row in (_latest([r for r in rows if r.age_band == ALL_AGES
                                            and r.platform.casefold() == p.casefold()])
                                   for p in OLDER_PLATFORMS) if row is not None]
        if not overall:
            everything = [r for r in rows if r.age_band == ALL_AGES]
            latest = max((r.year for r in everything), default=None)
            overall = [r for r in everything if r.year == latest]
        parts = [_("{p} {v} of {population} ({s} {y})").format(
            p=row.platform, v=_pct(row.share_percent), population=_population(row),
            s=row.source, y=row.year) for row in overall]
        lines.append(_("{region}: no 65+ figure; overall, {figures}").format(
            region=region, figures="; ".join(parts)))
    return lines


def myth_facts(inputs: TeamInputs, ranking: Ranking, usage=None) -> list[MythFact]:
    """What the data says about two beliefs: only the young, and you must be on Facebook.

    "Only for the young": today's figures for people 65+ per region of the usage data
    (:func:`older_adults_figures`), beside seed 000's claim that older groups grow
    fastest, said for what it is: a 2013 growth rate (GlobalWebIndex, users 2012-2013:
    Twitter 55-64, Facebook and Google+ 45-54; the Chinese translation names WeChat and
    blogs instead, see ``myth_sources.csv``), not today's reach.
    """
    usage = load_platform_usage() if usage is None else usage
    facts = []
    facts.append(MythFact(
        _("Social media is only for the young."),
        _("Today, people aged 65 and over in our data:"),
        tuple(older_adults_figures(inputs.region_code, usage)),
        _("Seed 000 says older groups grow fastest: that is a 2013 study (GlobalWebIndex, "
          "growth in users from 2012 to 2013: Twitter 55-64, Facebook and Google+ 45-54), a "
          "growth rate then, not reach today.")))
    scores = {s.platform: s for s in ranking.scores}
    facebook = scores.get("Facebook")
    reach = next((c for c in facebook.criteria if c.criterion == "reach"), None) \
        if facebook else None
    if reach is None or reach.value is None:
        answer = _("Our data has no Facebook figure for your audience ({why}). Go where your "
                   "audience is; reserve the handle anyway.").format(
                       why=reach.note if reach else _("no ranking"))
    else:
        best = max((s for s in ranking.scores
                    for c in s.criteria if c.criterion == "reach" and c.value is not None),
                   key=lambda s: next(c.value for c in s.criteria if c.criterion == "reach"))
        best_reach = next(c.value for c in best.criteria if c.criterion == "reach")
        answer = _("Facebook reaches {fb} of your audience's age bands; {best} reaches {b}. "
                   "Be where your audience is; reserve the handle everywhere.").format(
                       fb=_pct(reach.value * 100), best=best.platform,
                       b=_pct(best_reach * 100))
    facts.append(MythFact(_("You must be on Facebook."), answer))
    return facts


def region_has_platform_data(region_code: str | None, profiles: Sequence[PlatformProfile],
                             usage=None) -> bool:
    """Whether the usage data gives any platform of ``profiles`` a share for the region."""
    usage = load_platform_usage() if usage is None else usage
    names = {p.platform.casefold() for p in profiles}
    return any(r.region == region_code and r.platform.casefold() in names for r in usage)
