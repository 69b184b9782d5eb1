"""How complete a plan is, step by step: what the playbook's checklist shows.

A step that keeps a section is "empty" while its section is as a new plan has it, "open"
while some of its checks do not pass (the step's ``gaps`` in the registry), "done" when
none is left. Each step names the app that fills its gaps, so a checklist can link it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from socialplaybook.plan.model import Plan
from socialplaybook.rules.checks import Check, todo
from socialplaybook.rules.i18n import _
from socialplaybook.steps.registry import Step, built_steps

State = Literal["empty", "open", "done"]


@dataclass(frozen=True)
class StepStatus:
    """One line of the checklist: the step, its state, and the checks still open."""

    step: Step
    state: State
    gaps: tuple[Check, ...] = ()

    @property
    def summary(self) -> str:
        """What a person reads beside the step's name."""
        if self.state == "empty":
            return _("Nothing entered yet.")
        if self.state == "done":
            return _("Nothing left open.")
        return _("{n} open: {first}").format(n=len(self.gaps), first=self.gaps[0].message)


def section_is_empty(step: Step, plan: Plan) -> bool:
    """Whether the step's section is as a new plan has it."""
    model = step.section_model
    return model is not None and getattr(plan, step.key) == model()


def plan_checklist(plan: Plan, steps: Sequence[Step] | None = None) -> list[StepStatus]:
    """Each built step that keeps a section, in order, with its state and open checks."""
    statuses = []
    for step in built_steps() if steps is None else steps:
        if not step.section:
            continue
        if section_is_empty(step, plan):
            statuses.append(StepStatus(step, "empty"))
            continue
        try:
            gaps = tuple(step.open_checks(getattr(plan, step.key), plan))
        except Exception as exc:  # noqa: BLE001 - one step's checks must not hide the others
            gaps = (todo(f"{step.key}.checks", _("Its checks could not be run ({error}): "
                                                 "open the app to see them.").format(
                error=type(exc).__name__), ""),)
        statuses.append(StepStatus(step, "open" if gaps else "done", gaps))
    return statuses


def is_complete(plan: Plan) -> bool:
    """Whether every step's section is filled in and has no open check."""
    return all(status.state == "done" for status in plan_checklist(plan))
