"""Staffing: the messages a week each chosen platform brings x the minutes each takes ->
hours per department (by the playbook's owners) against the hours the department has; and
what a response-time target costs in looks at the inboxes.

Messages a week and minutes per answer are the budget step's (the team's values there, else
the toolkit's defaults): one number for both steps. Every message costs its minutes, a
troll's or spam's too (reading it, hiding or reporting it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import error as _error
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.steps.engagement.inputs import EngagementInputs
from socialplaybook.steps.engagement.playbook import PlaybookRow, hours_text
from socialplaybook.steps.engagement.section import StaffingInputs
from socialplaybook.steps.planning.vocabulary import department_labels


@dataclass(frozen=True)
class PlatformMessages:
    """One platform's incoming messages a week and the minutes each takes."""

    platform: str
    messages_per_week: float
    minutes_per_message: float


def platform_messages(inputs: EngagementInputs) -> list[PlatformMessages]:
    """The chosen platforms' messages and minutes, from the budget step's lines."""
    from socialplaybook.steps.budget.lines import budget_lines
    from socialplaybook.steps.budget.section import BudgetSection

    lines = budget_lines(inputs.budget or BudgetSection(), inputs.platforms_section)
    return [PlatformMessages(line.platform, float(line.values["messages_per_week"] or 0.0),
                             float(line.values["minutes_per_answer"] or 0.0))
            for line in lines]


@dataclass(frozen=True)
class DepartmentLoad:
    """A department's answering: messages and hours a week it gets, and what it has
    (``people`` and ``hours_available`` None when nobody said)."""

    department: str
    messages_per_week: float
    hours_needed: float
    people: int | None
    hours_available: float | None
    source: str  # "engagement" (entered here), "planning" or ""


def department_capacity(staffing: StaffingInputs,
                        inputs: EngagementInputs) -> dict[str, tuple[int | None, float | None,
                                                                     str]]:
    """Each department's people and hours a week for answering: entered here, else
    planning's people and hours for the department, and where they came from."""
    planning = inputs.resources
    own = {d.department: d for d in staffing.departments}
    result = {}
    for department in department_labels():
        entered = own.get(department)
        people, hours, source = None, None, ""
        if department in planning:
            people, hours = planning[department]
            source = "planning"
        if entered is not None and (entered.people is not None
                                    or entered.hours_per_week is not None):
            people = entered.people if entered.people is not None else people
            hours = entered.hours_per_week if entered.hours_per_week is not None else hours
            source = "engagement"
        result[department] = (people, hours, source)
    return result


def department_people(staffing: StaffingInputs, inputs: EngagementInputs) -> dict[str, int | None]:
    """Each department's people for answering (None: unknown)."""
    return {d: people for d, (people, _h, _s) in department_capacity(staffing, inputs).items()}


def department_loads(rows: Sequence[PlaybookRow], staffing: StaffingInputs,
                     messages: Sequence[PlatformMessages],
                     inputs: EngagementInputs) -> list[DepartmentLoad]:
    """Hours a week per department: every platform's messages, split by the shares of each
    kind, each kind to its owner, times the platform's minutes per message."""
    shares = staffing.shares.as_dict()
    owner = {row.message_type: row.department for row in rows}
    load: dict[str, list[float]] = {}
    for platform in messages:
        for kind, share in shares.items():
            count = platform.messages_per_week * share / 100
            entry = load.setdefault(owner[kind], [0.0, 0.0])
            entry[0] += count
            entry[1] += count * platform.minutes_per_message / 60
    capacity = department_capacity(staffing, inputs)
    return [DepartmentLoad(department, counts[0], counts[1], *capacity[department])
            for department, counts in load.items() if counts[0] > 0]


def staffing_checks(loads: Sequence[DepartmentLoad], locale: str = "en") -> list[Check]:
    """Each department with messages: enough people and hours for them."""
    labels = department_labels()
    why = _("Answering every comment, positive or negative, takes people and hours (seed "
            "000): a department that cannot answer is a department customers wait for.")
    if not loads:
        return [_todo("staffing", _("Choose platforms in step 3 to see the messages they "
                                    "bring."), why)]
    checks = []
    for load in loads:
        name = labels[load.department]
        need = format_rounded(load.hours_needed, locale=locale, max_decimals=1)
        if load.people == 0:
            checks.append(_error(f"staffing.{load.department}", _(
                "{department} gets {need} h of messages a week but has no people.").format(
                    department=name, need=need), why))
        elif load.hours_available is None:
            checks.append(_todo(f"staffing.{load.department}", _(
                "{department} needs {need} h a week for answering: enter its people and "
                "hours.").format(department=name, need=need), why))
        elif load.hours_needed > load.hours_available:
            checks.append(_warning(f"staffing.{load.department}", _(
                "{department} needs {need} h a week for answering and has {have} h.").format(
                    department=name, need=need,
                    have=format_rounded(load.hours_available, locale=locale, max_decimals=1)),
                why))
        else:
            checks.append(_ok(f"staffing.{load.department}", _(
                "{department}: {need} of its {have} h a week.").format(
                    department=name, need=need,
                    have=format_rounded(load.hours_available, locale=locale, max_decimals=1)),
                why))
    return checks


# -- what a response-time target costs -----------------------------------------------------


@dataclass(frozen=True)
class TargetCost:
    """What answering within ``target_hours`` costs: looks a day at the inboxes and hours a
    week for them (besides the answering itself)."""

    target_hours: float
    checks_per_day: int
    hours_per_week: float


def target_cost(target_hours: float, staffing: StaffingInputs) -> TargetCost:
    """Someone must look at least once every target while the inboxes are watched:
    ``ceil(coverage hours a day / target)`` looks a day (at least one), each costing the
    minutes of a look, on each watched day."""
    looks = max(1, math.ceil(staffing.coverage_hours_per_day / target_hours - 1e-9))
    hours = looks * staffing.coverage_days_per_week * staffing.minutes_per_check / 60
    return TargetCost(target_hours, looks, hours)


def target_costs(rows: Sequence[PlaybookRow], staffing: StaffingInputs,
                 compare: Sequence[float] = (24.0, 4.0, 1.0, 0.25)) -> list[TargetCost]:
    """The cost of the playbook's tightest target, then of the ``compare`` targets (a day,
    customers' 4 hours, an hour, Meta's 15 minutes), without repeats."""
    targets = [r.target_hours for r in rows if r.handling == "reply" and r.target_hours]
    seen: list[float] = []
    for target in ([min(targets)] if targets else []) + list(compare):
        if all(abs(target - s) > 1e-9 for s in seen):
            seen.append(target)
    return [target_cost(t, staffing) for t in seen]


def after_hours_note(tightest_hours: float, staffing: StaffingInputs,
                     locale: str = "en") -> str | None:
    """What the watch leaves out: a message sent after hours waits until the next look."""
    notes = []
    gap = 24 - staffing.coverage_hours_per_day
    if gap > tightest_hours:
        notes.append(_("Outside the {hours} h a day you watch the inboxes, a message waits "
                       "up to {gap}, longer than your tightest target of {target}.").format(
            hours=format_rounded(staffing.coverage_hours_per_day, locale=locale),
            gap=hours_text(gap, locale), target=hours_text(tightest_hours, locale)))
    days = 7 - staffing.coverage_days_per_week
    if days:
        notes.append(ngettext("On the {n} day a week nobody watches, it waits longer still.",
                              "On the {n} days a week nobody watches, it waits longer still.",
                              days).format(n=days))
    return " ".join(notes) or None


def messages_by_kind(messages: Sequence[PlatformMessages],
                     shares: Mapping[str, float]) -> dict[str, float]:
    """Messages a week of each kind, over all platforms."""
    total = sum(m.messages_per_week for m in messages)
    return {kind: total * share / 100 for kind, share in shares.items()}
