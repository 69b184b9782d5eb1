"""The planning section in the exported Markdown."""

from __future__ import annotations

from socialplaybook.rules.capacity import describe_hours, limit_phrase, max_accounts
from socialplaybook.rules.dates import horizon_end, months_text
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.rules.text import markdown_text
from socialplaybook.rules.vocabulary import business_result_labels
from socialplaybook.steps.planning.section import PlanningSection
from socialplaybook.steps.planning.vocabulary import (
    ACTIVITIES,
    DEPARTMENTS,
    activity_labels,
    department_labels,
)


def _cell(text: str) -> str:
    """User text for Markdown (a table cell, a list item): shown as typed, "–" when empty."""
    return markdown_text(text, empty="–")


def planning_markdown(section: PlanningSection, locale: str = "en",
                      plan=None) -> list[str]:
    """The planning section as Markdown lines: goals, audience, RACI, milestones, resources
    (numbers in the team's ``locale``)."""

    def number(value: float) -> str:
        return format_rounded(value, locale=locale)

    results, activities = business_result_labels(), activity_labels()
    departments = department_labels()
    lines = [f"## {_('Planning')}", ""]

    lines += [f"### {_('Goals')}", ""]
    if section.goals:
        lines += [f"| {_('Business result')} | {_('Metric')} | {_('Baseline')} | "
                  f"{_('Target')} | {_('Deadline')} | {_('Owner')} |",
                  "|---|---|---:|---:|---|---|"]
        for g in section.goals:
            lines.append("| " + " | ".join([
                results[g.business_result] if g.business_result else "–",
                _cell(g.metric),
                number(g.baseline) if g.baseline is not None else "–",
                number(g.target) if g.target is not None else "–",
                g.deadline.isoformat() if g.deadline else "–",
                _cell(g.owner),
            ]) + " |")
        a = section.assumptions
        lines += ["", _("Our assumptions: at most {factor}x (or 1/{factor}) per 12 months for "
                        "counts and amounts, judged by additions below {small}; at most "
                        "{points} percentage points per 12 months for percentages; deadlines "
                        "{lo} to {hi} months ahead.").format(
            factor=number(a.growth_per_year), small=number(a.small_baseline),
            points=number(a.points_per_year), lo=number(a.deadline_min_months),
            hi=number(a.deadline_max_months))]
    else:
        lines.append(_("No goals yet."))
    lines.append("")

    lines += [f"### {_('Audience')}", ""]
    if section.audience:
        for s in section.audience:
            who = " · ".join(part for part in (
                s.kind or "",
                f"{', '.join(s.age_bands)} ({s.region_code})" if s.age_bands else "",
                markdown_text(s.region)) if part)
            places = ", ".join(markdown_text(p) for p in s.where_they_are if p.strip())
            lines.append(f"- **{_cell(s.name)}**" + (f" ({who})" if who else ""))
            if s.needs.strip():
                lines.append("  " + _("Needs from us: {needs}").format(
                    needs=markdown_text(s.needs)))
            if places:
                lines.append("  " + _("Where they are: {places}").format(places=places))
    else:
        lines.append(_("No audience segments yet."))
    lines.append("")

    lines += [f"### {_('Who answers (RACI)')}", ""]
    raci = section.raci
    if any(raci.letter(a, d) for a in ACTIVITIES for d in DEPARTMENTS):
        used = [d for d in DEPARTMENTS if any(raci.letter(a, d) for a in ACTIVITIES)]
        lines += [_("R = responsible, A = accountable, C = consulted, I = informed."), "",
                  f"| {_('Activity')} | " + " | ".join(departments[d] for d in used) + " |",
                  "|---|" + "---|" * len(used)]
        for a in ACTIVITIES:
            lines.append(f"| {activities[a]} | "
                         + " | ".join(raci.letter(a, d) or " " for d in used) + " |")
    else:
        lines.append(_("No roles assigned yet."))
    lines.append("")

    lines += [f"### {_('Action plan and timeline')}", ""]
    if section.horizon_start is not None:
        lines += [_("Horizon: {start} to {end} ({months}).").format(
            start=section.horizon_start.isoformat(),
            end=horizon_end(section.horizon_start, section.horizon_months).isoformat(),
            months=months_text(section.horizon_months, locale)), ""]
    if section.milestones:
        names = {m.id: _cell(m.title) if m.title.strip() else _cell(m.id)
                 for m in section.milestones}
        lines += [f"| {_('Milestone')} | {_('Owner')} | {_('Start')} | {_('End')} | "
                  f"{_('Depends on')} |", "|---|---|---|---|---|"]
        for m in sorted(section.milestones, key=lambda m: (m.start, m.end, m.id)):
            after = ", ".join(names.get(d, _cell(d)) for d in m.depends_on) or "–"
            lines.append(f"| {names[m.id]} | {_cell(m.owner)} | {m.start.isoformat()} | "
                         f"{m.end.isoformat()} | {after} |")
    else:
        lines.append(_("No milestones yet."))
    lines.append("")

    lines += [f"### {_('Resources')}", ""]
    if section.resources:
        lines += [f"| {_('Department')} | {_('People')} | {_('Hours per week')} |",
                  "|---|---:|---:|"]
        ordered = sorted(section.resources, key=lambda r: DEPARTMENTS.index(r.department))
        for r in ordered:
            lines.append(f"| {departments[r.department]} | {number(r.people)} | "
                         f"{number(r.hours_per_week)} |")
        lines.append(f"| **{_('Total')}** | **{number(sum(r.people for r in ordered))}** | "
                     f"**{number(sum(r.hours_per_week for r in ordered))}** |")
        total = float(sum(r.hours_per_week for r in ordered))
        lines += ["", _("{hours}: {limit} (2-4 accounts per full-time equivalent).").format(
            hours=describe_hours(total, section.work_week_hours, locale),
            limit=limit_phrase(max_accounts(total, section.work_week_hours) or 0))]
    else:
        lines.append(_("No resources entered yet."))
    lines.append("")
    return lines
