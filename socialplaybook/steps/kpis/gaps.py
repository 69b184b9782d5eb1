"""What the KPIs still lack, for the playbook's checklist."""

from __future__ import annotations

from dataclasses import replace

from socialplaybook.rules.checks import Check, todo
from socialplaybook.rules.i18n import _
from socialplaybook.steps.kpis.catalog import catalog_by_id
from socialplaybook.steps.kpis.checks import kpi_checks
from socialplaybook.steps.kpis.roi import project
from socialplaybook.steps.kpis.section import KpisSection


def kpis_gaps(section: KpisSection, plan) -> list[Check]:
    """Each KPI's checks that do not pass (led by the KPI's name), and an ROI that cannot
    be projected yet."""
    if not section.kpis:
        return [todo("kpis.none", _("No KPIs yet."),
                     _("Measure business results, not followers."))]
    catalog = catalog_by_id()
    chosen = [c.id for c in plan.platforms.choices]
    gaps = [replace(c, message=_("{name}: {message}").format(name=k.name, message=c.message))
            for k in section.kpis for c in kpi_checks(k, chosen, catalog) if not c.ok]
    projection, missing = project(section.roi, plan.budget, plan.platforms)
    if projection is None:
        gaps.append(todo("kpis.roi", missing, _("ROI over time shows when the plan pays.")))
    return gaps
