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
from socialplaybook.rules.numbers import format_percent
from socialplaybook.steps.platforms.inputs import TeamInputs
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.scoring import Ranking


def _pct(share_percent: float, locale: str = "en") -> str:
    return format_percent(share_percent, locale=locale, max_decimals=0)


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


def older_adults_figures(region_code: str | None = None, usage=None,
                         locale: str = "en") -> list[str]:
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
                        p=platform, v=_pct(row.share_percent, locale), population=_population(row),
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
            p=row.platform, v=_pct(row.share_percent, locale), population=_population(row),
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
        tuple(older_adults_figures(inputs.region_code, usage, inputs.locale)),
        _("Seed 000 says older groups grow fastest: that is a 2013 study (GlobalWebIndex, "
          "growth in users from 2012 to 2013: Twitter 55-64, Facebook and Google+ 45-54), a "
          "growth rate then, not reach today.")))
    facts.append(MythFact(_("You must be on Facebook."),
                          facebook_answer(ranking, inputs.locale)))
    return facts


def facebook_answer(ranking: Ranking, locale: str = "en") -> str:
    """What the data says to "you must be on Facebook" for the team's audience: Facebook's
    reach beside the best reach of a platform the team can use (once when Facebook is the
    best), or why Facebook is not an option or has no figure."""
    scores = {s.platform: s for s in ranking.scores}
    facebook = scores.get("Facebook")
    reach = facebook.criterion("reach") if facebook else None
    usable = [s for s in ranking.scores
              if s.blocked is None and s.criterion("reach").value is not None]
    best = max(usable, key=lambda s: s.criterion("reach").value, default=None)
    go = _("Be where your audience is; reserve the handle everywhere.")
    if facebook is not None and facebook.blocked is not None:
        answer = _("{blocked}.").format(blocked=facebook.blocked.headline())
        if best is not None:
            answer += " " + _("{best} reaches {share} of your audience.").format(
                best=best.platform, share=_pct(best.criterion("reach").value * 100, locale))
        return answer + " " + _("Go where your audience is.")
    if reach is None or reach.value is None:
        return _("Our data has no Facebook figure for your audience ({why}). Go where your "
                 "audience is; reserve the handle anyway.").format(
                     why=reach.note if reach else _("no ranking"))
    partial = " " + _("(partial data)") if reach.partial else ""
    share = _pct(reach.value * 100, locale)
    if best is None or best.criterion("reach").value <= reach.value:
        answer = _("Facebook reaches {share} of your audience{partial}, the most of any "
                   "platform in our data.").format(share=share, partial=partial)
    else:
        best_reach = best.criterion("reach")
        answer = _("Facebook reaches {share} of your audience{partial}; {best} reaches "
                   "{best_share}{best_partial}.").format(
            share=share, partial=partial, best=best.platform,
            best_share=_pct(best_reach.value * 100, locale),
            best_partial=" " + _("(partial data)") if best_reach.partial else "")
    return answer + " " + go


def region_has_platform_data(region_code: str | None, profiles: Sequence[PlatformProfile],
                             usage=None) -> bool:
    """Whether the usage data gives any platform of ``profiles`` a share for the region."""
    usage = load_platform_usage() if usage is None else usage
    names = {p.platform.casefold() for p in profiles}
    return any(r.region == region_code and r.platform.casefold() in names for r in usage)
