"""Random concurrent edits of a planning section, as two laptops make them from one base.

Each edit is one the planning app can make (add, edit or remove a goal, a segment or a
milestone with its dependencies, a RACI cell, a department's people and hours, the
horizon), made the way the app makes it (a new milestone takes the next free id, so both
laptops adding one collide on it; removing a milestone drops the dependencies on it).
Goal and segment ids come from a small pool, so the two sides collide on those too.
Used by the merge's property test and by the planning app's widget test.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from socialplaybook.steps.planning.milestones import new_milestone, without_milestone
from socialplaybook.steps.planning.section import (
    RACI,
    AudienceSegment,
    DepartmentResource,
    Goal,
    PlanningSection,
)
from socialplaybook.steps.planning.vocabulary import (
    ACTIVITIES,
    DEPARTMENTS,
    MAX_GOALS,
    MAX_MILESTONES,
    MAX_SEGMENTS,
    RACI_LETTERS,
)

TODAY = date(2026, 11, 21)
WORDS = st.text("abc xyz", max_size=8)
GOAL_IDS = [f"g-{n}" for n in range(1, 7)]
SEGMENT_IDS = [f"s-{n}" for n in range(1, 5)]


def _replace(section: PlanningSection, **changes) -> PlanningSection:
    return PlanningSection.model_validate({**section.model_dump(), **changes})


def add_goal(draw, section):
    if len(section.goals) >= MAX_GOALS:
        return section
    taken = {goal.id for goal in section.goals}
    free = [gid for gid in GOAL_IDS if gid not in taken]
    goal = Goal(id=draw(st.sampled_from(free)), metric=draw(WORDS),
                target=draw(st.none() | st.floats(0, 1e6)), owner=draw(WORDS))
    return _replace(section, goals=[*section.goals, goal])


def edit_goal(draw, section):
    if not section.goals:
        return section
    index = draw(st.integers(0, len(section.goals) - 1))
    field = draw(st.sampled_from(["metric", "owner", "target"]))
    value = draw(st.floats(0, 1e6)) if field == "target" else draw(WORDS)
    goals = list(section.goals)
    goals[index] = goals[index].model_copy(update={field: value})
    return _replace(section, goals=goals)


def remove_goal(draw, section):
    if not section.goals:
        return section
    gone = draw(st.sampled_from([goal.id for goal in section.goals]))
    return _replace(section, goals=[goal for goal in section.goals if goal.id != gone])


def add_segment(draw, section):
    taken = {segment.id for segment in section.audience}
    free = [sid for sid in SEGMENT_IDS if sid not in taken]
    if len(section.audience) >= MAX_SEGMENTS or not free:
        return section
    segment = AudienceSegment(id=draw(st.sampled_from(free)), name=draw(WORDS),
                              kind=draw(st.sampled_from([None, "B2B", "B2C"])))
    return _replace(section, audience=[*section.audience, segment])


def edit_or_remove_segment(draw, section):
    if not section.audience:
        return section
    index = draw(st.integers(0, len(section.audience) - 1))
    audience = list(section.audience)
    if draw(st.booleans()):
        del audience[index]
    else:
        audience[index] = audience[index].model_copy(update={"needs": draw(WORDS)})
    return _replace(section, audience=audience)


def add_milestone(draw, section):
    if len(section.milestones) >= MAX_MILESTONES:
        return section
    milestone = new_milestone(section, TODAY)
    others = [m.id for m in section.milestones]
    depends_on = draw(st.lists(st.sampled_from(others), unique=True, max_size=2)) if (
        others) else []
    milestone = milestone.model_copy(update={"title": draw(WORDS), "depends_on": depends_on})
    return _replace(section, milestones=[*section.milestones, milestone])


def edit_milestone(draw, section):
    if not section.milestones:
        return section
    index = draw(st.integers(0, len(section.milestones) - 1))
    milestones = list(section.milestones)
    milestone = milestones[index]
    others = [m.id for m in milestones if m.id != milestone.id]
    if others and draw(st.booleans()):
        update = {"depends_on": draw(st.lists(st.sampled_from(others), unique=True,
                                              max_size=3))}
    else:
        update = {"title": draw(WORDS),
                  "end": milestone.start + timedelta(days=draw(st.integers(-5, 90)))}
    milestones[index] = milestone.model_copy(update=update)
    return _replace(section, milestones=milestones)


def remove_milestone(draw, section):
    if not section.milestones:
        return section
    gone = draw(st.sampled_from([m.id for m in section.milestones]))
    return _replace(section, milestones=without_milestone(section.milestones, gone))


def set_raci_cell(draw, section):
    raci: RACI = section.raci.with_cell(draw(st.sampled_from(ACTIVITIES)),
                                        draw(st.sampled_from(DEPARTMENTS)),
                                        draw(st.sampled_from(("", *RACI_LETTERS))))
    return _replace(section, raci=raci)


def set_resource(draw, section):
    department = draw(st.sampled_from(DEPARTMENTS))
    people = draw(st.integers(0, 4))
    hours = draw(st.floats(0, 168 * people)) if people else 0.0
    others = [r for r in section.resources if r.department != department]
    if people:
        others.append(DepartmentResource(department=department, people=people,
                                         hours_per_week=hours))
    return _replace(section, resources=others)


def set_horizon(draw, section):
    return _replace(section, horizon_months=draw(st.integers(1, 36)),
                    horizon_start=draw(st.none() | st.just(TODAY)))


EDITS = [add_goal, edit_goal, remove_goal, add_segment, edit_or_remove_segment,
         add_milestone, add_milestone, edit_milestone, remove_milestone, set_raci_cell,
         set_resource, set_horizon]


@st.composite
def edited(draw, section: PlanningSection, max_edits: int = 6) -> PlanningSection:
    """``section`` after up to ``max_edits`` random edits the app could make."""
    for edit in draw(st.lists(st.sampled_from(EDITS), max_size=max_edits)):
        section = edit(draw, section)
    return section


@st.composite
def concurrent_edits(draw) -> tuple[PlanningSection, PlanningSection, PlanningSection]:
    """A base section and two sections edited from it apart: (base, mine, theirs).

    The base has a few milestones more often than random edits would give it, so the
    sides often remove one the other waits for, or both add the next id.
    """
    base = draw(edited(PlanningSection(), max_edits=6))
    for _ in range(draw(st.integers(0, 4))):
        base = add_milestone(draw, base)
    return base, draw(edited(base)), draw(edited(base))
