"""The planning section in the playbook's document: goals, audience, RACI, the timeline
(drawn), resources."""

from __future__ import annotations

from socialplaybook.rules.blocks import Block, Chart, Column, Heading, Paragraph, Table
from socialplaybook.rules.charts import TimelineBar, timeline_svg
from socialplaybook.rules.dates import horizon_end
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.rules.vocabulary import business_result_labels
from socialplaybook.steps.planning.section import PlanningSection
from socialplaybook.steps.planning.vocabulary import (
    ACTIVITIES,
    DEPARTMENTS,
    activity_labels,
    department_labels,
)


def planning_document(section: PlanningSection, plan) -> list[Block]:
    """Goals, audience, who answers (RACI), the action plan on a timeline, resources."""
    locale = plan.locale
    return [*_goals(section, locale), *_audience(section), *_raci(section),
            *_timeline(section), *_resources(section)]


def _goals(section: PlanningSection, locale: str) -> list[Block]:
    blocks: list[Block] = [Heading(_("Goals"))]
    if not section.goals:
        return blocks + [Paragraph(_("No goals yet."), muted=True)]
    results = business_result_labels()
    blocks.append(Table(
        (Column(_("Business result")), Column(_("Metric")), Column(_("Baseline"), "number"),
         Column(_("Target"), "number"), Column(_("Deadline"), "date"), Column(_("Owner"))),
        tuple((results[g.business_result] if g.business_result else None, g.metric,
               g.baseline, g.target, g.deadline, g.owner) for g in section.goals),
        name=_("Goals")))
    a = section.assumptions
    blocks.append(Paragraph(_(
        "Our assumptions: at most {factor}x (or 1/{factor}) per 12 months for counts and "
        "amounts, judged by additions below {small}; at most {points} percentage points per "
        "12 months for percentages; deadlines {lo} to {hi} months ahead.").format(
        factor=format_rounded(a.growth_per_year, locale=locale),
        small=format_rounded(a.small_baseline, locale=locale),
        points=format_rounded(a.points_per_year, locale=locale), lo=a.deadline_min_months,
        hi=a.deadline_max_months), muted=True))
    return blocks


def _audience(section: PlanningSection) -> list[Block]:
    blocks: list[Block] = [Heading(_("Audience"))]
    if not section.audience:
        return blocks + [Paragraph(_("No audience segments yet."), muted=True)]
    blocks.append(Table(
        (Column(_("Segment")), Column(_("B2B or B2C")), Column(_("Age bands")),
         Column(_("Region")), Column(_("Needs from us")), Column(_("Where they are"))),
        tuple((s.name, s.kind, ", ".join(s.age_bands) + (f" ({s.region_code})"
                                                        if s.age_bands else ""),
               s.region, s.needs, ", ".join(p for p in s.where_they_are if p.strip()))
              for s in section.audience), name=_("Audience")))
    return blocks


def _raci(section: PlanningSection) -> list[Block]:
    blocks: list[Block] = [Heading(_("Who answers (RACI)"))]
    raci = section.raci
    used = [d for d in DEPARTMENTS if any(raci.letter(a, d) for a in ACTIVITIES)]
    if not used:
        return blocks + [Paragraph(_("No roles assigned yet."), muted=True)]
    activities, departments = activity_labels(), department_labels()
    blocks.append(Paragraph(_("R = responsible, A = accountable, C = consulted, "
                              "I = informed."), muted=True))
    blocks.append(Table(
        (Column(_("Activity")), *(Column(departments[d], empty="") for d in used)),
        tuple((activities[a], *(raci.letter(a, d) or "" for d in used)) for a in ACTIVITIES),
        name=_("RACI")))
    return blocks


def _timeline(section: PlanningSection) -> list[Block]:
    blocks: list[Block] = [Heading(_("Action plan and timeline"))]
    if section.horizon_start is not None:
        blocks.append(Paragraph(_("Horizon: {start} to {end} ({months} months).").format(
            start=section.horizon_start.isoformat(),
            end=horizon_end(section.horizon_start, section.horizon_months).isoformat(),
            months=section.horizon_months)))
    if not section.milestones:
        return blocks + [Paragraph(_("No milestones yet."), muted=True)]
    names = {m.id: m.title.strip() or m.id for m in section.milestones}
    ordered = sorted(section.milestones, key=lambda m: (m.start, m.end, m.id))
    blocks.append(Chart("planning-timeline", _("Milestones on the calendar"), timeline_svg(
        "planning-timeline", _("Milestones on the calendar"),
        [TimelineBar(names[m.id], m.start, m.end, flagged=m.end < m.start) for m in ordered])))
    blocks.append(Table(
        (Column(_("Milestone")), Column(_("Owner")), Column(_("Start"), "date"),
         Column(_("End"), "date"), Column(_("Depends on"))),
        tuple((names[m.id], m.owner, m.start, m.end,
               ", ".join(names.get(d, d) for d in m.depends_on)) for m in ordered),
        name=_("Milestones")))
    return blocks


def _resources(section: PlanningSection) -> list[Block]:
    blocks: list[Block] = [Heading(_("Resources"))]
    if not section.resources:
        return blocks + [Paragraph(_("No resources entered yet."), muted=True)]
    departments = department_labels()
    ordered = sorted(section.resources, key=lambda r: DEPARTMENTS.index(r.department))
    rows = [(departments[r.department], r.people, r.hours_per_week) for r in ordered]
    rows.append((_("Total"), sum(r.people for r in ordered),
                 sum(r.hours_per_week for r in ordered)))
    blocks.append(Table((Column(_("Department")), Column(_("People"), "number"),
                         Column(_("Hours per week"), "number")), tuple(rows), total=True,
                        name=_("Resources")))
    return blocks

