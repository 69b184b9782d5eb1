"""A goal's editor with its SMART checks, and the team's assumptions the checks use.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import ipywidgets as w
from pydantic import ValidationError
from traitlets import Instance, observe

from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import (
    BUSINESS_RESULTS,
    business_result_labels,
)
from socialplaybook.steps.planning.goals import achievable_rule, deadline_window_rule, goal_checks
from socialplaybook.steps.planning.section import (
    Goal,
    GoalAssumptions,
)
from socialplaybook.steps.planning.vocabulary import (
    GOAL_UNITS,
)
from widgets.kit.fields import NumberField
from widgets.kit.messages import checks_html
from widgets.kit.quiet import Quiet, set_if_changed
from widgets.planning.controls import _field, _text, planning_error_html, unit_labels


class GoalEditor(Quiet, w.VBox):
    """One goal's fields, its SMART checks beside them, and a remove button."""

    goal = Instance(Goal)

    def __init__(self, goal: Goal, number: int, today: Callable[[], date],
                 on_remove: Callable[[GoalEditor], None], locale: str = "en",
                 assumptions: Callable[[], GoalAssumptions] = GoalAssumptions) -> None:
        self._today = today
        self._assumptions = assumptions
        self._head = w.HTML()
        results = business_result_labels()
        self._result = w.Dropdown(
            options=[(_("Choose…"), "")] + [(results[r], r) for r in BUSINESS_RESULTS],
            value=goal.business_result or "", layout=w.Layout(width="200px"),
            description=_("Business result it serves"))
        self._result.add_class("sp-sr-label")  # named for screen readers; the caption shows
        self._metric = _text(_("Metric, e.g. qualified leads per month"), goal.metric, "270px")
        self._baseline = NumberField(_("today"), goal.baseline, width="110px", locale=locale)
        self._target = NumberField(_("target"), goal.target, width="110px", locale=locale)
        self._deadline = w.DatePicker(value=goal.deadline, layout=w.Layout(width="150px"))
        self._owner = _text(_("who owns it"), goal.owner, "170px")
        units = unit_labels()
        self._unit = w.Dropdown(options=[(units[u], u) for u in ("", *GOAL_UNITS)],
                                value=goal.unit or "", layout=w.Layout(width="240px"),
                                description=_("Unit"))
        self._unit.add_class("sp-sr-label")
        self._remove = w.Button(description=_("Remove"), icon="trash",
                                layout=w.Layout(width="auto"))
        self._field_message = w.HTML()
        self._checks = w.HTML()
        fields = w.HBox([
            _field(_("Business result it serves"), self._result),
            _field(_("Metric"), self._metric),
            _field(_("Baseline"), self._baseline),
            _field(_("Target"), self._target),
            _field(_("Deadline"), self._deadline),
            _field(_("Owner"), self._owner),
            _field(_("Unit"), self._unit),
        ], layout=w.Layout(flex_flow="row wrap"))
        head = w.HBox([self._head, self._remove],
                      layout=w.Layout(justify_content="space-between", align_items="center"))
        super().__init__([head, fields, self._field_message, self._checks])
        self.add_class("sp-goal")
        self.goal = goal
        self._show_number(number)
        for control in (self._result, self._metric, self._deadline, self._owner, self._unit):
            control.observe(self._on_edit, names="value")
        for number_field in (self._baseline, self._target):
            number_field.observe(self._on_edit, names="value")
        self._remove.on_click(lambda _button: on_remove(self))
        self.redraw_checks()

    def _show_number(self, number: int) -> None:
        self._head.value = f'<div class="sp-goal-head">{_("Goal")} {number}</div>'

    def show_item(self, goal: Goal, number: int) -> None:
        """Show a stored goal (a teammate's edit) without counting it as an edit here."""
        self._show_number(number)
        if goal == self.goal:
            return
        with self.quietly():
            set_if_changed(self._result, goal.business_result or "")
            set_if_changed(self._metric, goal.metric)
            set_if_changed(self._deadline, goal.deadline)
            set_if_changed(self._owner, goal.owner)
            set_if_changed(self._unit, goal.unit or "")
            if self._baseline.value != goal.baseline:
                self._baseline.set_quietly(goal.baseline)
            if self._target.value != goal.target:
                self._target.set_quietly(goal.target)
            self._field_message.value = ""
            self.goal = goal

    def _on_edit(self, _change) -> None:
        if self.quiet:
            return
        try:
            goal = Goal(id=self.goal.id, business_result=self._result.value or None,
                        metric=self._metric.value, baseline=self._baseline.value,
                        target=self._target.value, deadline=self._deadline.value,
                        owner=self._owner.value, unit=self._unit.value or None)
        except ValidationError as exc:
            self._field_message.value = planning_error_html(exc, self._baseline.locale)
            return
        self._field_message.value = ""
        self.goal = goal

    @observe("goal")
    def _on_goal(self, _change) -> None:
        self.redraw_checks()

    def redraw_checks(self) -> None:
        """Show the goal's SMART checks for today, by the team's assumptions, numbers the
        way the team writes them (its fields' locale, set by the app)."""
        self._checks.value = checks_html(goal_checks(self.goal, self._today(),
                                                     self._assumptions(),
                                                     self._baseline.locale))


class AssumptionsEditor(Quiet, w.VBox):
    """The team's assumptions behind the achievable and time-bound checks: shown, editable.

    ``assumptions`` is the last valid set; a value the model refuses (a window that ends
    before it starts) is named under the fields and not taken.
    """

    assumptions = Instance(GoalAssumptions)

    def __init__(self, assumptions: GoalAssumptions, locale: str = "en") -> None:
        self._growth = NumberField("2", assumptions.growth_per_year, minimum=1,
                                   maximum=1000, width="90px", locale=locale)
        self._small = NumberField("10", assumptions.small_baseline, width="90px",
                                  locale=locale)
        self._points = NumberField("5", assumptions.points_per_year, maximum=100,
                                   width="90px", locale=locale)
        self._window_min = NumberField("1", assumptions.deadline_min_months, whole=True,
                                       maximum=120, width="80px", locale=locale)
        self._window_max = NumberField("36", assumptions.deadline_max_months, minimum=1,
                                       whole=True, maximum=120, width="80px", locale=locale)
        self._defaults = w.Button(description=_("Back to the defaults"), icon="undo",
                                  layout=w.Layout(width="auto"))
        self._defaults.on_click(lambda _button: self._set_all(GoalAssumptions()))
        self._message = w.HTML()
        self._explained = w.HTML()
        fields = w.HBox([
            _field(_("Growth per 12 months (x)"), self._growth),
            _field(_("Small baseline below"), self._small),
            _field(_("Percentage points per 12 months"), self._points),
            _field(_("Nearest deadline (months)"), self._window_min),
            _field(_("Furthest deadline (months)"), self._window_max),
        ], layout=w.Layout(flex_flow="row wrap", align_items="flex-end"))
        title = w.HTML('<div class="sp-goal-head">' + html.escape(_("Our assumptions"))
                       + "</div>")
        super().__init__([w.HBox([title, self._defaults],
                                 layout=w.Layout(justify_content="space-between")),
                          fields, self._message, self._explained])
        self.add_class("sp-assumptions")
        self.assumptions = assumptions
        for field in self.number_fields():
            field.observe(self._on_edit, names="value")

    def number_fields(self) -> list[NumberField]:
        return [self._growth, self._small, self._points, self._window_min, self._window_max]

    def set_locale(self, locale: str) -> None:
        """Write the fields' numbers and the explanation the ``locale`` way."""
        if self._growth.locale == locale:
            return
        for field in self.number_fields():
            field.set_locale(locale)
        self._explain(self.assumptions)

    def _set_all(self, assumptions: GoalAssumptions) -> None:
        with self.quietly():
            for field, value in zip(self.number_fields(), self._values(assumptions),
                                    strict=True):
                if field.value != value:
                    field.set_quietly(value)
            self._message.value = ""
        self.assumptions = assumptions

    @staticmethod
    def _values(a: GoalAssumptions) -> list[float]:
        return [a.growth_per_year, a.small_baseline, a.points_per_year,
                a.deadline_min_months, a.deadline_max_months]

    def show_assumptions(self, assumptions: GoalAssumptions) -> None:
        """Show stored assumptions (a teammate's) without counting them as an edit here."""
        if assumptions != self.assumptions:
            with self.quietly():
                self._set_all(assumptions)

    def _on_edit(self, _change) -> None:
        if self.quiet:
            return
        values = [field.value for field in self.number_fields()]
        if any(value is None for value in values):
            return  # a blank field: keep the last valid set until it is filled in
        try:
            assumptions = GoalAssumptions(
                growth_per_year=values[0], small_baseline=values[1], points_per_year=values[2],
                deadline_min_months=values[3], deadline_max_months=values[4])
        except ValidationError as exc:
            self._message.value = planning_error_html(exc, self._growth.locale)
            return
        self._message.value = ""
        self.assumptions = assumptions

    @observe("assumptions")
    def _on_assumptions(self, change) -> None:
        self._explain(change["new"])

    def _explain(self, assumptions: GoalAssumptions) -> None:
        locale = self._growth.locale
        self._explained.value = (
            '<div class="sp-part-intro">' + html.escape(achievable_rule(assumptions, locale))
            + "<br>" + html.escape(deadline_window_rule(assumptions, locale)) + "</div>")
