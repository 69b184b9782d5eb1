"""The checks on each KPI: a numeric target, a baseline, a direction, a data source that
exists for the chosen platforms, an owner and a review cadence.
"""

from __future__ import annotations

from collections.abc import Sequence

from socialplaybook.datasets import KpiDefinition
from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.dates import months_text
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_number
from socialplaybook.steps.kpis.catalog import catalog_by_id, kpi_vanity
from socialplaybook.steps.kpis.section import Kpi
from socialplaybook.steps.kpis.vocabulary import cadence_labels, data_source_labels, level_labels


def kpi_checks(kpi: Kpi, chosen_platforms: Sequence[str] = (),
               catalog: dict[str, KpiDefinition] | None = None,
               locale: str = "en") -> list[Check]:
    """The checks of one KPI, in order: target, direction, data source, owner and cadence, vanity.

    ``chosen_platforms`` are platform ids (the platforms step's choices); numbers in the
    messages are written in the team's number ``locale``.
    """
    catalog = catalog_by_id() if catalog is None else catalog
    return [_target(kpi, locale), _direction(kpi, locale),
            _source(kpi, chosen_platforms, catalog), _review(kpi), _business(kpi, catalog)]


def _target(kpi: Kpi, locale: str) -> Check:
    key = "kpi.target"
    why = _("A KPI you can check needs today's value and a number to reach by a date.")
    missing = []
    if kpi.baseline is None:
        missing.append(_("today's value (baseline)"))
    if kpi.target is None:
        missing.append(_("a target number"))
    if kpi.horizon_months is None:
        missing.append(_("a horizon in months"))
    if missing:
        return _warning(key, _("Add {missing}.").format(missing=_(" and ").join(missing)), why)
    return _ok(key, _("From {baseline} to {target} in {period}.").format(
        baseline=format_number(kpi.baseline, locale=locale),
        target=format_number(kpi.target, locale=locale),
        period=months_text(kpi.horizon_months, locale)), why)


def _direction(kpi: Kpi, locale: str) -> Check:
    key = "kpi.direction"
    why = _("Growth KPIs should rise and cost or time KPIs fall; a target on the wrong side "
            "of today's value is usually a typing slip.")
    if kpi.baseline is None or kpi.target is None:
        return _todo(key, _("Enter a baseline and a target to check their direction."), why)
    if kpi.direction == "up" and kpi.target < kpi.baseline:
        return _warning(key, _("The target {target} is below today's {baseline}, but this "
                               "KPI should grow. Check the numbers, or say why it will "
                               "fall.").format(
            target=format_number(kpi.target, locale=locale),
            baseline=format_number(kpi.baseline, locale=locale)), why)
    if kpi.direction == "down" and kpi.target > kpi.baseline:
        return _warning(key, _("The target {target} is above today's {baseline}, but this "
                               "KPI should fall (a cost or a waiting time).").format(
            target=format_number(kpi.target, locale=locale),
            baseline=format_number(kpi.baseline, locale=locale)), why)
    return _ok(key, _("The target is on the right side of today's value."), why)


# Sources no other can stand in for: what the KPI counts is out of the others' sight.
_ONLY_SOURCES = ("listening_tool", "search_console")


def _source(kpi: Kpi, chosen: Sequence[str], catalog: dict[str, KpiDefinition]) -> Check:
    key = "kpi.source"
    why = _("A KPI nobody can read is not measured: name where the numbers come from.")
    if kpi.data_source is None:
        return _warning(key, _("Choose where the numbers come from."), why)
    labels = data_source_labels()
    label = labels[kpi.data_source]
    definition = catalog.get(kpi.catalog_id)
    needed = definition.data_source if definition is not None else None
    if needed in _ONLY_SOURCES and kpi.data_source != needed:
        reason = (_("platform analytics and web analytics see your own account and site, not "
                    "what people post about you and your competitors")
                  if needed == "listening_tool" else
                  _("the searches happen on a search engine, not on the platforms or your "
                    "site"))
        return _warning(key, _("{source} cannot count this KPI: {reason}. Its source is: "
                               "{needed}.").format(source=label, reason=reason,
                                                   needed=labels[needed]), why)
    if kpi.data_source == "platform_analytics" and definition is not None and chosen:
        available = definition.platforms
        if "all" not in available and not set(available) & set(chosen):
            return _warning(key, _("None of your chosen platforms ({chosen}) reports this in "
                                   "its own analytics (it is found on: {where}). Choose "
                                   "another source or another KPI.").format(
                chosen=", ".join(chosen), where=", ".join(available)), why)
    if kpi.data_source == "web_analytics":
        return _ok(key, _("{source}: tag every link you post (the link builder below), or "
                          "analytics cannot tell social visits apart.").format(source=label),
                   why)
    if kpi.data_source == "listening_tool":
        return _ok(key, _("{source}: it reads public posts only, so private messages and "
                          "closed groups stay out of its counts; use the same query and "
                          "period for every brand you compare.").format(source=label), why)
    if kpi.data_source == "search_console":
        return _ok(key, _("{source}: both count searches on Google only; where your "
                          "customers search with another engine, use that engine's figures."
                          ).format(source=label), why)
    return _ok(key, _("Source: {source}.").format(source=label), why)


def _review(kpi: Kpi) -> Check:
    key = "kpi.review"
    why = _("A number nobody looks at changes nothing: one owner, a fixed review.")
    missing = []
    if not kpi.owner.strip():
        missing.append(_("who owns it"))
    if kpi.cadence is None:
        missing.append(_("how often it is reviewed"))
    if missing:
        return _warning(key, _("Say {missing}.").format(missing=_(" and ").join(missing)), why)
    return _ok(key, _("{owner} reviews it {cadence}.").format(
        owner=kpi.owner.strip(), cadence=cadence_labels()[kpi.cadence].lower()), why)


def _business(kpi: Kpi, catalog: dict[str, KpiDefinition]) -> Check:
    key = "kpi.business"
    vanity = kpi_vanity(kpi, catalog)
    why = _("Comments are not clients (seed 003): attention is a means, not the result.")
    if vanity.is_vanity:
        if kpi.level == "activity":
            return _ok(key, _("A vanity metric, kept as an activity KPI: fine to watch, never "
                              "the goal. {reason}").format(reason=vanity.reason), why)
        return _warning(key, _("A vanity metric as a {level} KPI: {reason}").format(
            level=level_labels()[kpi.level].lower(), reason=vanity.reason), why)
    return _ok(key, _("Counts business, not attention."), why)
