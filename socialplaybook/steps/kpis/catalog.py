"""The KPI catalog (``datasets/kpi_catalog.csv``): suggestions by business result, and the
vanity warning for a goal measured only by vanity metrics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from socialplaybook.datasets import KpiDefinition, load_kpi_catalog
from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _
from socialplaybook.rules.metrics import classify_metric
from socialplaybook.steps.kpis.section import Kpi
from socialplaybook.steps.kpis.vocabulary import LEVELS, new_kpi_id


def catalog_by_id(catalog: Sequence[KpiDefinition] | None = None) -> dict[str, KpiDefinition]:
    """The catalog's KPIs by id."""
    return {kpi.id: kpi for kpi in (load_kpi_catalog() if catalog is None else catalog)}


def suggest_kpis(business_result: str | None,
                 catalog: Sequence[KpiDefinition] | None = None) -> list[KpiDefinition]:
    """Catalog KPIs for a goal's business result: outcomes, then drivers, then activities.

    Outcome and driver KPIs are business ones only; activity KPIs may be vanity (they show
    the work is done and seen, never the result). No result: the outcome KPIs of every
    result.
    """
    catalog = load_kpi_catalog() if catalog is None else catalog
    if business_result is None:
        return [kpi for kpi in catalog if kpi.level == "outcome"]
    fits = [kpi for kpi in catalog if business_result in kpi.results
            and (kpi.level == "activity" or kpi.kind == "business")]
    return sorted(fits, key=lambda kpi: LEVELS.index(kpi.level))


def kpi_from_catalog(definition: KpiDefinition, goal_id: str = "") -> Kpi:
    """A new KPI taken from the catalog, with its level, direction and data source."""
    return Kpi(id=new_kpi_id(), name=definition.name, goal_id=goal_id,
               catalog_id=definition.id, level=definition.level,
               direction=definition.direction, data_source=definition.data_source)


@dataclass(frozen=True)
class Vanity:
    """Whether a KPI counts attention rather than business, and why."""

    is_vanity: bool
    reason: str


def kpi_vanity(kpi: Kpi, catalog: dict[str, KpiDefinition] | None = None) -> Vanity:
    """A catalog KPI's own verdict (kind and why); the team's own KPI by the metric lexicon.

    The catalog keeps its hand-set ``kind`` rather than deriving it from the lexicon,
    and a test (``tests/unit/test_kpis.py``) requires the two to agree on every catalog
    KPI's name. Why both: each catalog row's ``why`` argues for its kind, and the app
    shows that text; a kind derived from ``metric_terms.csv`` could flip when a term is
    added for another phrase while the ``why`` still argues the old way. Two sources
    that must agree make such a change fail a test, so someone decides which is wrong
    (the catalog, or a lexicon term), and the same words typed by a team ("shares",
    "engagement rate") get the same verdict as the catalog KPI.
    """
    catalog = catalog_by_id() if catalog is None else catalog
    definition = catalog.get(kpi.catalog_id)
    if definition is not None:
        return Vanity(definition.kind == "vanity", definition.why)
    verdict = classify_metric(kpi.name)
    return Vanity(verdict.is_vanity, verdict.reason)


def goal_vanity_check(goal_label: str, kpis: Sequence[Kpi],
                      catalog: dict[str, KpiDefinition] | None = None) -> Check:
    """Warn when a goal is measured only by vanity metrics (or not measured yet)."""
    key = "kpis.vanity_only"
    why = _("Followers, likes and comments are not clients: measure what social media does "
            "for the business (seed 000, seed 003).")
    if not kpis:
        return _todo(key, _("No KPI yet for '{goal}': add an outcome KPI from the "
                            "suggestions.").format(goal=goal_label), why)
    verdicts = [kpi_vanity(kpi, catalog) for kpi in kpis]
    if all(v.is_vanity for v in verdicts):
        return _warning(key, _("'{goal}' is measured only by vanity metrics ({names}). Add "
                               "an outcome KPI: leads, sales, kept customers or fewer "
                               "support calls.").format(
            goal=goal_label, names=", ".join(k.name for k in kpis)), why)
    if not any(k.level == "outcome" and not v.is_vanity for k, v in zip(kpis, verdicts,
                                                                       strict=True)):
        return _warning(key, _("'{goal}' has no business outcome KPI yet: the drivers show "
                               "progress, the outcome shows the result.").format(
            goal=goal_label), why)
    return _ok(key, _("'{goal}' is measured by its business result.").format(goal=goal_label),
               why)
