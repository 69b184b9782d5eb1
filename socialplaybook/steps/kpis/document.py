"""The KPIs in the playbook's document: the measurement plan, ROI over time (drawn, and
month by month) with its assumptions, and attribution."""

from __future__ import annotations

from socialplaybook.rules.blocks import (
    Block,
    Chart,
    Column,
    Figure,
    Heading,
    KeyFigures,
    Paragraph,
    Table,
)
from socialplaybook.rules.charts import COLOURS, Line, line_chart_svg
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.steps.kpis.catalog import catalog_by_id, kpi_vanity
from socialplaybook.steps.kpis.roi import project, roi_assumptions_text, roi_summary
from socialplaybook.steps.kpis.section import KpisSection
from socialplaybook.steps.kpis.survey import hear_about_us
from socialplaybook.steps.kpis.vocabulary import (
    LEVELS,
    cadence_labels,
    data_source_labels,
    level_labels,
)


def kpis_document(section: KpisSection, plan) -> list[Block]:
    """The measurement plan, ROI over time and attribution."""
    return [*_measurement_plan(section, plan), *_roi(section, plan), *_attribution(section)]


def _measurement_plan(section: KpisSection, plan) -> list[Block]:
    blocks: list[Block] = [Heading(_("Measurement plan"))]
    if not section.kpis:
        return blocks + [Paragraph(_("No KPIs yet."), muted=True)]
    goals = {g.id: g.metric.strip() or g.id for g in plan.planning.goals}
    order = list(goals)
    catalog = catalog_by_id()
    vanity = sum(kpi_vanity(k, catalog).is_vanity for k in section.kpis)
    levels, sources, cadences = level_labels(), data_source_labels(), cadence_labels()
    blocks.append(KeyFigures((
        Figure(_("KPIs"), len(section.kpis)),
        Figure(_("Business outcomes measured"),
               sum(k.level == "outcome" for k in section.kpis)),
        Figure(_("Vanity metrics"), vanity))))
    ordered = sorted(section.kpis, key=lambda k: (
        order.index(k.goal_id) if k.goal_id in goals else len(order), LEVELS.index(k.level)))
    blocks.append(Table(
        (Column(_("Goal")), Column(_("KPI")), Column(_("Level")), Column(_("Baseline"), "number"),
         Column(_("Target"), "number"), Column(_("Horizon (months)"), "number"),
         Column(_("Source")), Column(_("Owner")), Column(_("Review"))),
        tuple((goals.get(k.goal_id, ""), k.name, levels[k.level], k.baseline, k.target,
               k.horizon_months, sources[k.data_source] if k.data_source else "", k.owner,
               cadences[k.cadence] if k.cadence else "") for k in ordered),
        name=_("Measurement plan")))
    return blocks


def _roi(section: KpisSection, plan) -> list[Block]:
    blocks: list[Block] = [Heading(_("ROI over time"))]
    roi, locale = section.roi, plan.locale
    projection, missing = project(roi, plan.budget, plan.platforms)
    if projection is None:
        blocks.append(Paragraph(missing, muted=True))
    else:
        title = _("Cumulative ROI, month by month")
        blocks.append(Chart("kpis-roi", title, line_chart_svg(
            "kpis-roi", title,
            [Line(_("With carry-over and your assumptions"),
                  [m.cumulative_roi * 100 for m in projection.months], COLOURS[0]),
             Line(_("Naive view"), [m.naive_cumulative_roi * 100 for m in projection.months],
                  COLOURS[1], dashed=True)],
            _("Month"), lambda v: f"{format_rounded(v, locale=locale)} %")))
        blocks.append(Paragraph(roi_summary(projection, roi.months, plan.currency, locale)))
        blocks.append(Table(
            (Column(_("Month"), "number"), Column(_("Cost"), "money"),
             Column(_("Conversions"), "number"), Column(_("Return"), "money"),
             Column(_("Cumulative ROI"), "percent"), Column(_("Naive cumulative ROI"), "percent")),
            tuple((m.month, m.cost, round(m.conversions, 2), m.return_value, m.cumulative_roi,
                   m.naive_cumulative_roi) for m in projection.months),
            name=_("ROI month by month")))
    blocks.append(Paragraph(roi_assumptions_text(roi, plan.budget, locale), muted=True))
    return blocks


def _attribution(section: KpisSection) -> list[Block]:
    blocks: list[Block] = [Heading(_("Attribution"))]
    if section.utm.campaigns:
        blocks.append(Paragraph(_("Campaigns tagged on every link: {campaigns}.").format(
            campaigns=list_text(section.utm.campaigns))))
    question = hear_about_us()
    blocks.append(Paragraph(_("“{question}” on the contact form: {state}.").format(
        question=question.question,
        state=_("added") if section.hear_about_us_added else _("not yet"))))
    return blocks
