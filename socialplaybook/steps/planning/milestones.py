"""The action plan: milestone dependencies, their order and their checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from graphlib import CycleError, TopologicalSorter

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import error as _error
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.dates import horizon_end
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.section import DroppedReference
from socialplaybook.steps.planning.section import Milestone, PlanningSection


def missing_dependencies(milestones: Iterable[Milestone]) -> dict[str, list[str]]:
    """For each milestone waiting for ids that are not in the plan: those ids."""
    milestones = list(milestones)
    ids = {m.id for m in milestones}
    missing: dict[str, list[str]] = {}
    for m in milestones:
        absent = [d for d in m.depends_on if d not in ids]
        if absent:
            missing.setdefault(m.id, []).extend(absent)
    return missing


def find_cycle(milestones: Iterable[Milestone]) -> list[str] | None:
    """One cycle of dependencies as ids, first id repeated at the end, or None.

    In the list each milestone is one the next waits for: ``[a, b, a]`` means b waits for
    a and a waits for b. Dependencies on missing ids are ignored here.
    """
    graph: dict[str, set[str]] = {}
    milestones = list(milestones)
    ids = {m.id for m in milestones}
    for m in milestones:
        graph.setdefault(m.id, set()).update(d for d in m.depends_on if d in ids)
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        return list(exc.args[1])
    return None


def milestone_order(milestones: Iterable[Milestone]) -> list[str]:
    """Milestone ids so that each comes after those it waits for (raises CycleError)."""
    milestones = list(milestones)
    ids = {m.id for m in milestones}
    graph = {m.id: {d for d in m.depends_on if d in ids} for m in milestones}
    return list(TopologicalSorter(graph).static_order())


def milestone_checks(milestones: Sequence[Milestone], horizon_start: date | None,
                     horizon_months: int) -> list[Check]:
    """The timeline checks, in order: dates in order, dependencies exist, no cycle, inside
    the horizon.

    A check with nothing to judge yet is "todo", not "ok": the first three while there are
    no milestones, the horizon check while ``horizon_start`` is not set or there are no
    milestones.
    """
    checks = []
    names = {m.id: m.title.strip() or m.id for m in milestones}
    add_one = _("Add a milestone to check it.")

    key = "milestones.dates_in_order"
    why = _("A milestone cannot end before it starts.")
    backwards = [m for m in milestones if m.end < m.start]
    if not milestones:
        checks.append(_todo(key, add_one, why))
    elif backwards:
        checks.append(_error(key, _("Ends before it starts: {list}.").format(
            list=list_text(names[m.id] for m in backwards)), why))
    else:
        checks.append(_ok(key, _("Every milestone ends on or after its start."), why))

    key = "milestones.dependencies_exist"
    why = _("A milestone can only wait for a milestone that is in the plan.")
    missing = missing_dependencies(milestones)
    if not milestones:
        checks.append(_todo(key, add_one, why))
    elif missing:
        checks.append(_error(key, _("Waits for a milestone that is not in the plan: {list}.")
                             .format(list="; ".join(
                                 f"{names[m]} → {list_text(absent)}"
                                 for m, absent in missing.items())), why))
    else:
        checks.append(_ok(key, _("Every dependency is in the plan."), why))

    key = "milestones.no_cycle"
    why = _("Milestones that wait for each other in a circle can never start.")
    cycle = find_cycle(milestones)
    if not milestones:
        checks.append(_todo(key, add_one, why))
    elif cycle:
        checks.append(_error(key, _("These milestones wait for each other in a circle: "
                                    "{cycle}.").format(cycle=" → ".join(cycle)), why))
    else:
        checks.append(_ok(key, _("No milestones wait for each other in a circle."), why))

    key = "milestones.inside_horizon"
    why = _("The action plan covers the plan's horizon; work outside it is neither planned "
            "nor budgeted.")
    if horizon_start is None:
        checks.append(_todo(key, _("Set the plan's start date to check the dates against its "
                                   "horizon."), why))
    elif not milestones:
        checks.append(_todo(key, add_one, why))
    else:
        last = horizon_end(horizon_start, horizon_months)
        outside = [m for m in milestones
                   if not (horizon_start <= m.start <= last and horizon_start <= m.end <= last)]
        if outside:
            checks.append(_warning(key, _("Outside the horizon {start} to {end}: {list}.")
                                   .format(start=horizon_start.isoformat(),
                                           end=last.isoformat(),
                                           list=list_text(names[m.id] for m in outside)), why))
        else:
            checks.append(_ok(key, _("Every milestone lies inside {start} to {end}.").format(
                start=horizon_start.isoformat(), end=last.isoformat()), why))
    return checks


NEW_MILESTONE_DAYS = 30


def new_milestone(section: PlanningSection, today: date) -> Milestone:
    """A blank milestone with the next free id, from the horizon's start (or today) for 30 days."""
    start = section.horizon_start or today
    return Milestone(id=next_milestone_id(section.milestones), start=start,
                     end=start + timedelta(days=NEW_MILESTONE_DAYS))


def without_milestone(milestones: Iterable[Milestone], milestone_id: str) -> list[Milestone]:
    """The milestones without ``milestone_id``, and no longer waiting for it."""
    return [m.model_copy(update={"depends_on": [d for d in m.depends_on if d != milestone_id]})
            for m in milestones if m.id != milestone_id]


def next_milestone_id(milestones: Iterable[Milestone]) -> str:
    """The first free id of the form m1, m2, ... for a new milestone."""
    taken = {m.id for m in milestones}
    n = 1
    while f"m{n}" in taken:
        n += 1
    return f"m{n}"


def dropped_dependencies_message(dropped: Iterable[DroppedReference],
                                 before: Iterable[Milestone]) -> str:
    """What the app says when a save's merge dropped dependencies on removed milestones.

    ``dropped`` is the save's ``SaveResult.dropped``; ``before`` the milestones as the app
    had them when it saved (they still hold the removed ones, so both are named by their
    titles). "" when nothing was dropped.
    """
    names = {m.id: m.title.strip() or m.id for m in before}
    return " ".join(
        _("'{name}' no longer waits for '{removed}': a teammate removed that milestone "
          "while you were editing.").format(name=names.get(reference.item, reference.item),
                                            removed=names.get(reference.target,
                                                              reference.target))
        for reference in dropped
        if reference.source == "milestones" and reference.field == "depends_on")
