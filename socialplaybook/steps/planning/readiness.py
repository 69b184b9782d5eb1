"""How ready each part of the planning step is, and the departments' hours."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from socialplaybook.rules.capacity import (
    capacity_why,
    describe_hours,
    max_accounts,
    working_week_check,
)
from socialplaybook.rules.checks import (
    Check,
    PartReadiness,
)
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import part_readiness as _part
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _, list_text, ngettext
from socialplaybook.steps.planning.goals import goal_checks
from socialplaybook.steps.planning.milestones import milestone_checks
from socialplaybook.steps.planning.raci import raci_checks
from socialplaybook.steps.planning.section import (
    AudienceSegment,
    Goal,
    PlanningSection,
    region_bands,
)
from socialplaybook.steps.planning.vocabulary import (
    ACTIVITIES,
    DEPARTMENTS,
    department_labels,
    part_labels,
)


def resource_checks(section: PlanningSection, locale: str = "en") -> list[Check]:
    """Resources against the RACI (every department Responsible for something has hours),
    then what the hours can run (:func:`capacity_checks`)."""
    return [_responsible_have_hours(section), *capacity_checks(section, locale)]


def capacity_checks(section: PlanningSection, locale: str = "en") -> list[Check]:
    """The departments' hours in full-time equivalents of the team's working week, and how
    many accounts they run well; a warning for each department whose hours are more than
    its people's working weeks."""
    key = "resources.capacity"
    totals = section.social_hours()
    week = section.work_week_hours
    if totals is None or not totals[1]:
        return [_todo(key, _("Enter each department's people and hours to see how many "
                             "accounts they can run well."), capacity_why())]
    _people, hours = totals
    limit = max_accounts(hours, week) or 0
    checks = [_ok(key, ngettext(
        "Together your departments give {hours}: at most {n} account runs well (2-4 per "
        "full-time equivalent).",
        "Together your departments give {hours}: at most {n} accounts run well (2-4 per "
        "full-time equivalent).", limit).format(hours=describe_hours(hours, week, locale),
                                                n=limit), capacity_why())]
    labels = department_labels()
    for resource in section.resources:
        check = working_week_check(resource.people, resource.hours_per_week, week, locale,
                                   key=f"resources.working_week.{resource.department}")
        if check is not None:
            checks.append(replace(check, message=_("{department}: {message}").format(
                department=labels[resource.department], message=check.message)))
    return checks


def _responsible_have_hours(section: PlanningSection) -> Check:
    key = "resources.responsible_have_hours"
    why = _("Work nobody has time for is not done: a department Responsible for an activity "
            "needs hours for it.")
    hours = {r.department: r.hours_per_week for r in section.resources}
    labels = department_labels()
    if not any(section.raci.letter(a, d) == "R" for a in ACTIVITIES for d in DEPARTMENTS):
        return _todo(key, _("Mark who is Responsible (R) in the RACI to check their hours."),
                     why)
    without = [d for d in DEPARTMENTS
               if any(section.raci.letter(a, d) == "R" for a in ACTIVITIES)
               and not hours.get(d, 0) > 0]
    if without:
        return _warning(key, _("Responsible in the RACI but no hours per week: {list}.")
                        .format(list=list_text(labels[d] for d in without)), why)
    return _ok(key, _("Every Responsible department has hours per week."), why)


# -- readiness ---------------------------------------------------------------------------------


def goal_is_complete(goal: Goal) -> bool:
    """Every field of the goal is filled in (result, metric, baseline, target, deadline, owner)."""
    return (goal.business_result is not None and bool(goal.metric.strip())
            and goal.baseline is not None and goal.target is not None
            and goal.deadline is not None and bool(goal.owner.strip()))


def needs_age_bands(segment: AudienceSegment) -> bool:
    """Whether the segment's age bands can be used, so must be chosen: a B2C segment whose
    region's platform data has bands. A B2B segment is a buyer's role, not an age; a region
    without bands in the data (Norway, Georgia, China) or none chosen has none to pick."""
    return segment.kind == "B2C" and bool(region_bands(segment.region_code))


def segment_is_complete(segment: AudienceSegment) -> bool:
    """The segment has a name, B2B/B2C, needs and a place where they are, and age bands
    where they can be used (:func:`needs_age_bands`)."""
    return (bool(segment.name.strip()) and segment.kind is not None
            and (bool(segment.age_bands) or not needs_age_bands(segment))
            and bool(segment.needs.strip())
            and any(place.strip() for place in segment.where_they_are))


def readiness(section: PlanningSection, today: date) -> list[PartReadiness]:
    """Each part of the planning step: complete or not, and how many checks warn or fail.

    Complete means: goals: 1-5 goals, each fully filled in; audience: 1-5 segments, each
    with name, kind, needs and where they are, and age bands when it is B2C and its
    region's platform data has bands (B2B segments and regions without bands need none);
    raci: every activity has exactly
    one A and at least one R; timeline: at least one milestone, each with a title and an
    owner; resources: at least one department with people and hours.
    """
    raci = section.raci
    return [
        _part("goals",
              bool(section.goals) and all(goal_is_complete(g) for g in section.goals),
              (c for g in section.goals for c in goal_checks(g, today, section.assumptions))),
        _part("audience",
              bool(section.audience) and all(segment_is_complete(s) for s in section.audience)),
        _part("raci",
              all(len(raci.departments_with(a, "A")) == 1 and raci.departments_with(a, "R")
                  for a in ACTIVITIES),
              raci_checks(raci)),
        _part("timeline",
              bool(section.milestones)
              and all(m.title.strip() and m.owner.strip() for m in section.milestones),
              milestone_checks(section.milestones, section.horizon_start,
                               section.horizon_months)),
        _part("resources",
              any(r.people > 0 and r.hours_per_week > 0 for r in section.resources),
              resource_checks(section)),
    ]


def planning_gaps(section: PlanningSection, plan, today: date | None = None) -> list[Check]:
    """What the playbook's checklist lists for planning: each part not complete yet (a
    "todo" naming it) and every check of the goals, RACI, timeline and resources that warns
    or fails."""
    today = today or date.today()
    locale = getattr(plan, "locale", "en")  # numbers in the checks as the team writes them
    labels = part_labels()
    gaps = [_todo(f"planning.{part.part}", _("{part}: not complete yet.").format(
        part=labels[part.part]), _("Each part of the plan is needed to act on it."))
        for part in readiness(section, today) if not part.complete]
    checks = [_named(c, _("Goal {name}").format(name=g.metric.strip() or number))
              for number, g in enumerate(section.goals, start=1)
              for c in goal_checks(g, today, section.assumptions, locale)]
    checks += raci_checks(section.raci)
    checks += milestone_checks(section.milestones, section.horizon_start,
                               section.horizon_months)
    checks += resource_checks(section, locale)
    return gaps + [c for c in checks if c.level in ("warning", "error")]


def _named(check: Check, name: str) -> Check:
    """The check with its message led by what it is about ("Goal 2: Add a target.")."""
    return replace(check, message=_("{name}: {message}").format(name=name,
                                                                message=check.message))
