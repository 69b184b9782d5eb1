"""The measurement plan: its rows, and the kpis section in the exported Markdown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from socialplaybook.rules.dates import months_text
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.numbers import format_number
from socialplaybook.rules.text import markdown_text
from socialplaybook.steps.kpis.roi import project, roi_assumptions_text, roi_summary
from socialplaybook.steps.kpis.section import KpisSection
from socialplaybook.steps.kpis.survey import hear_about_us
from socialplaybook.steps.kpis.vocabulary import (
    LEVELS,
    cadence_labels,
    data_source_labels,
    level_labels,
)


@dataclass(frozen=True)
class PlanRow:
    """One KPI in the measurement plan."""

    goal: str
    kpi: str
    level: str
    baseline: str
    target: str
    horizon: str
    source: str
    owner: str
    cadence: str


def measurement_plan(section: KpisSection, goals: Iterable[tuple[str, str]] = (),
                     locale: str = "en") -> list[PlanRow]:
    """Which KPIs, reviewed when, by whom: one row per KPI, ordered by goal and level
    (numbers in the team's ``locale``)."""
    names = dict(goals)
    levels, sources, cadences = level_labels(), data_source_labels(), cadence_labels()
    order = list(names)
    rows = sorted(section.kpis, key=lambda k: (
        order.index(k.goal_id) if k.goal_id in names else len(order), LEVELS.index(k.level)))
    return [PlanRow(
        names.get(k.goal_id, "–"), k.name, levels[k.level],
        format_number(k.baseline, locale=locale) if k.baseline is not None else "–",
        format_number(k.target, locale=locale) if k.target is not None else "–",
        months_text(k.horizon_months, locale) if k.horizon_months else "–",
        sources[k.data_source] if k.data_source else "–", k.owner or "–",
        cadences[k.cadence] if k.cadence else "–") for k in rows]


def kpis_markdown(section: KpisSection, locale: str = "en", plan=None) -> list[str]:
    """The KPI section as Markdown lines: the measurement plan, ROI assumptions, links
    (numbers in the team's ``locale``). With the ``plan``, the ROI is the playbook
    document's: the budget's total cost and carry-over, in the plan's currency, and the
    KPIs name their goals."""
    lines = [f"## {_('KPIs')}", "", f"### {_('Measurement plan')}", ""]
    goals = ([(g.id, g.metric.strip() or g.id) for g in plan.planning.goals]
             if plan is not None else [])
    rows = measurement_plan(section, goals, locale=locale)
    if rows:
        lines += [f"| {_('KPI')} | {_('Level')} | {_('Baseline')} | {_('Target')} | "
                  f"{_('Horizon')} | {_('Source')} | {_('Owner')} | {_('Review')} |",
                  "|---|---|---:|---:|---|---|---|---|"]
        for row in rows:
            lines.append("| " + " | ".join([
                markdown_text(row.kpi, "–"), row.level, row.baseline, row.target, row.horizon,
                row.source, markdown_text(row.owner, "–"), row.cadence]) + " |")
    else:
        lines.append(_("No KPIs yet."))
    lines += ["", f"### {_('ROI over time')}", ""]
    roi = section.roi
    budget, platforms, currency = ((plan.budget, plan.platforms, plan.currency)
                                   if plan is not None else (None, None, ""))
    projection, missing = project(roi, budget, platforms)
    if projection is None:
        lines.append(missing)
    else:
        lines.append(roi_summary(projection, roi.months, currency, locale))
    lines += ["", roi_assumptions_text(roi, budget, locale), ""]
    lines += [f"### {_('Attribution')}", ""]
    if section.utm.campaigns:
        lines.append(_("Campaigns tagged on every link: {campaigns}.").format(
            campaigns=list_text(markdown_text(c) for c in section.utm.campaigns)))
    question = hear_about_us()
    lines.append(_("“{question}” on the contact form: {state}.").format(
        question=question.question,
        state=_("added") if section.hear_about_us_added else _("not yet")))
    lines.append("")
    return lines
