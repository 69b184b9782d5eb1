"""Reach: the share of the team's audience that uses a platform, from one survey per ranking.

**One measure per ranking.** A region's rows may come from several measures ("ever use",
"monthly active users as a share of internet users", "used in the past month"), each from
one survey year; they are never mixed. A ranking uses one (:func:`reach_basis`): a survey
of people before a company's count of accounts (monthly active users count accounts and
devices, worldwide, not the people of the region), then the measure that gives the most
platforms, then the latest year. Mainland China: GWI's 2023 survey of internet users
(WeChat, Douyin) rather than the 2025 company reports over CNNIC's internet users
(Kuaishou, Weibo, Bilibili), which would rank the three below the two most used platforms
only because their owners publish figures; the other measure's figure is quoted in the
breakdown, never compared.

**The team's audience.** With age bands chosen, reach is the mean of the bands' shares,
each band weighted by its share of the population where the data gives one, else equally
(our data gives no population per band in any region: the breakdown says so). A band the
survey gives no figure for scores on the platform's all-adults figure for that region,
and the breakdown marks it "partial data"; with no all-adults figure either, the mean is
over the bands that have one (also partial). A platform with no figure at all in the
ranking's measure has no reach (left out, never 0). B2B or B2C is the goal fit's part,
not reach's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from socialplaybook.datasets import ALL_AGES, PlatformUsage, load_platform_usage
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.numbers import format_percent
from socialplaybook.steps.platforms.availability import region_in_a_sentence

ACCOUNT_COUNT_PREFIX = "monthly active users"


def counts_accounts(measure: str) -> bool:
    """Whether ``measure`` is a company's count of active accounts, not a survey of people."""
    return measure.casefold().startswith(ACCOUNT_COUNT_PREFIX)


@dataclass(frozen=True)
class ReachBasis:
    """The one measure a region's ranking uses, who gave it, and what is left out."""

    region: str
    measure: str
    year: int
    population: str
    sources: tuple[str, ...]
    platforms: tuple[str, ...]
    other_measures: tuple[tuple[str, int, tuple[str, ...]], ...] = ()  # measure, year, sources


def _groups(region: str | None, usage: Sequence[PlatformUsage]) -> dict[str, list[PlatformUsage]]:
    groups: dict[str, list[PlatformUsage]] = {}
    for row in usage:
        if row.region == region:
            groups.setdefault(row.measure, []).append(row)
    return groups


def reach_basis(region: str | None, usage: Sequence[PlatformUsage] | None = None
                ) -> ReachBasis | None:
    """The measure ``region``'s ranking uses (a survey of people before an account count,
    then the one with most platforms, then the latest year); None for a region without
    rows."""
    usage = load_platform_usage() if usage is None else usage
    groups = _groups(region, usage)
    if not groups:
        return None

    def preference(measure: str) -> tuple[bool, int, int]:
        rows = groups[measure]
        return (not counts_accounts(measure), len({r.platform.casefold() for r in rows}),
                max(r.year for r in rows))

    measure = max(groups, key=preference)
    rows = groups[measure]
    year = max(r.year for r in rows)
    others = tuple((m, max(r.year for r in g), tuple(dict.fromkeys(r.source for r in g)))
                   for m, g in groups.items() if m != measure)
    return ReachBasis(region or "", measure, year, rows[0].population,
                      tuple(dict.fromkeys(r.source for r in rows)),
                      tuple(dict.fromkeys(r.platform for r in rows)), others)


def basis_note(basis: ReachBasis | None, locale: str = "en") -> str:
    """What the ranking's reach is, said once above it ("" without a basis)."""
    if basis is None:
        return ""
    note = _("Reach in {region}: \"{measure}\", as a share of {population} ({sources}, "
             "{year}).").format(
        region=region_in_a_sentence(basis.region), measure=basis.measure,
        population=basis.population, sources=list_text(list(basis.sources)),
        year=basis.year)
    if basis.other_measures:
        others = list_text([_("{sources} {year}, \"{measure}\"").format(
            sources=list_text(list(sources)), year=year, measure=measure)
            for measure, year, sources in basis.other_measures])
        note += " " + _("A survey of people is used before companies' counts of accounts, "
                        "then the measure with the most platforms; {others} is another "
                        "measure and is not mixed in.").format(others=others)
    return note


def band_weights(region: str | None, bands: Sequence[str],
                 population_shares: Mapping[str, float] | None = None
                 ) -> tuple[dict[str, float], bool]:
    """Each band's weight in the audience's reach (summing to 1), and whether they are the
    population's shares (True) or equal because the data has none for a band (False)."""
    if not bands:
        return {}, False
    shares = population_shares or {}
    if all(shares.get(b, 0) > 0 for b in bands):
        total = sum(shares[b] for b in bands)
        return {b: shares[b] / total for b in bands}, True
    return {b: 1 / len(bands) for b in bands}, False


@dataclass(frozen=True)
class ReachFigure:
    """One band's figure as the reach uses it: its own, or the all-adults one in its place."""

    band: str
    share_percent: float
    substitute: bool  # the all-adults figure stands in for a band without its own


@dataclass(frozen=True)
class AudienceReach:
    """A platform's reach in the team's audience (0-1, None: no figure) and why."""

    value: float | None
    partial: bool
    note: str
    figures: tuple[ReachFigure, ...] = ()


def audience_reach(platform: str, region: str | None, bands: Sequence[str],
                   basis: ReachBasis | None, usage: Sequence[PlatformUsage] | None = None,
                   locale: str = "en",
                   population_shares: Mapping[str, float] | None = None) -> AudienceReach:
    """The share of the team's audience (``bands`` of ``region``; none: all adults) using
    ``platform`` in the ranking's measure (see the module docstring for the rules)."""
    usage = load_platform_usage() if usage is None else usage
    if region is None:
        return AudienceReach(None, False, _("no region chosen: reach left out"))
    if basis is None:
        return AudienceReach(None, False, _("no {region} figures: reach left out").format(
            region=region))
    key = platform.casefold()
    cells = {r.age_band: r for r in usage if r.region == region
             and r.measure == basis.measure and r.platform.casefold() == key}
    source = _("{source} {year}").format(
        source=list_text(list(dict.fromkeys(r.source for r in cells.values()))),
        year=basis.year)
    pct = lambda share: format_percent(share, locale=locale)  # noqa: E731
    wanted = list(bands) or [ALL_AGES]
    everyone = cells.get(ALL_AGES)
    figures: list[ReachFigure] = []
    missing: list[str] = []
    for band in wanted:
        if band in cells:
            figures.append(ReachFigure(band, cells[band].share_percent, False))
        elif everyone is not None:
            figures.append(ReachFigure(band, everyone.share_percent, True))
        else:
            missing.append(band)
    if not figures:
        return AudienceReach(None, False, _other_measures(
            platform, region, wanted, basis, usage, locale))
    weights, by_population = band_weights(region, [f.band for f in figures],
                                          population_shares)
    value = sum(weights[f.band] * f.share_percent for f in figures) / 100
    partial = bool(missing) or any(f.substitute for f in figures)
    if wanted == [ALL_AGES]:
        note = _("overall {share} ({source})").format(share=pct(everyone.share_percent),
                                                      source=source)
        return AudienceReach(value, False, note, tuple(figures))
    parts = [_("{band} {share}").format(band=f.band, share=pct(f.share_percent))
             if not f.substitute else
             _("{band} {share} (its overall figure: no {band} figure)").format(
                 band=f.band, share=pct(f.share_percent)) for f in figures]
    if len(figures) == 1:
        note = _("{parts} ({source})").format(parts=parts[0], source=source)
    else:
        how = (_("bands weighted by their share of the population") if by_population else
               _("bands weighted equally: our data has no population per band"))
        note = _("{value} of your age bands: {parts} ({source}); {how}").format(
            value=pct(value * 100), parts=list_text(parts), source=source,
            how=how)
    if missing:
        note += "; " + _("no figure for {bands}, not counted").format(
            bands=list_text(missing))
    if partial:
        note = _("partial data: {note}").format(note=note)
    return AudienceReach(value, partial, note, tuple(figures))


def _other_measures(platform: str, region: str, bands: Sequence[str], basis: ReachBasis,
                    usage: Sequence[PlatformUsage], locale: str) -> str:
    """Why a platform has no reach: no figure in the ranking's measure, with what another
    measure of the region says of it (quoted, not compared)."""
    if list(bands) == [ALL_AGES]:
        note = _("no {region} figure in \"{measure}\": reach left out").format(
            region=region, measure=basis.measure)
    else:
        note = _("no {region} figure for {bands}, nor an overall one, in \"{measure}\": reach "
                 "left out").format(region=region, bands=list_text(list(bands)),
                                    measure=basis.measure)
    key = platform.casefold()
    other = [r for r in usage if r.region == region and r.measure != basis.measure
             and r.platform.casefold() == key and r.age_band == ALL_AGES]
    if other:
        row = max(other, key=lambda r: r.year)
        note += "; " + _("{source} {year} gives {share} of {population} \"{measure}\", "
                         "another measure, not compared").format(
            source=row.source, year=row.year,
            share=format_percent(row.share_percent, locale=locale),
            population=row.population, measure=row.measure)
    return note
