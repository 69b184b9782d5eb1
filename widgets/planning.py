"""The planning app: goals tied to business results, the audience, who answers, a timeline.

Each part edits a copy of the team's PlanningSection through the core's models, so every
rule is the model's; the app shows the core's checks beside what they are about.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import ipywidgets as w
from pydantic import ValidationError
from traitlets import Instance, observe

from socialplaybook.rules.dates import horizon_end
from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import (
    AUDIENCE_KINDS,
    BUSINESS_RESULTS,
    MAX_PEOPLE,
    business_result_labels,
)
from socialplaybook.steps.planning.goals import achievable_rule, deadline_window_rule, goal_checks
from socialplaybook.steps.planning.milestones import (
    milestone_checks,
    new_milestone,
    without_milestone,
)
from socialplaybook.steps.planning.raci import raci_checks
from socialplaybook.steps.planning.readiness import readiness, resource_checks
from socialplaybook.steps.planning.section import (
    RACI,
    AudienceSegment,
    DepartmentResource,
    Goal,
    GoalAssumptions,
    Milestone,
    PlanningSection,
    data_region_labels,
    data_regions,
    region_bands,
)
from socialplaybook.steps.planning.timeline import milestone_timeline
from socialplaybook.steps.planning.vocabulary import (
    ACTIVITIES,
    DEPARTMENTS,
    GOAL_UNITS,
    MAX_GOALS,
    MAX_MILESTONES,
    MAX_SEGMENTS,
    activity_labels,
    department_labels,
    part_labels,
    raci_letter_labels,
)
from socialplaybook.workspace.store import Workspace
from widgets.base import checks_html, error_message
from widgets.charts import FigureView
from widgets.fields import NumberField
from widgets.step import ItemList, StepApp

PLANNING_CSS = """
<style>
.sp-part-intro { color: #4b5563; margin: 8px 0 10px; max-width: 900px; }
.sp-goal, .sp-segment, .sp-milestone, .sp-assumptions { border: 1px solid #e3e7ee;
  border-radius: 10px;
  padding: 10px 14px; margin: 0 0 12px; background: #fff; }
.sp-goal-head { font-weight: 650; font-size: 16px; }
.sp-assumptions { margin-top: 16px !important; background: #f8fafc !important; }
.sp-readiness { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 6px; }
.sp-ready { border-radius: 8px; padding: 4px 10px; font-size: 13.5px; border: 1px solid #e3e7ee;
  background: #fff; }
.sp-ready-warn { color: #7a4b00; }
.sp-ready-done { border-color: #9fd3b5; background: #eefaf3; }
.sp-ready b { font-weight: 600; }
.sp-raci-head { font-size: 12.5px; font-weight: 600; color: #374151; text-align: left;
  line-height: 1.2; }
.sp-raci-activity { font-size: 14px; font-weight: 500; }
.sp-legend { color: #4b5563; font-size: 13px; margin: 6px 0; }
.sp-app .jupyter-widget-tagsinput, .sp-app .widget-tagsinput { min-width: 200px; }
/* The box to type a tag in is as wide as its text: give it room to be seen. */
.sp-milestone-row .jupyter-widget-taginput, .sp-segment .jupyter-widget-taginput {
  min-width: 150px !important; }
.sp-milestone-row { border-bottom: 1px solid #eef0f4; padding: 2px 0; }
.sp-milestone-head { font-size: 12.5px; color: #4b5563; }
</style>
"""

PLATFORM_SUGGESTIONS = (
    "YouTube", "Facebook", "Instagram", "Pinterest", "TikTok", "LinkedIn", "WhatsApp",
    "Snapchat", "X", "Reddit", "Threads", "Bluesky", "WeChat", "Blogs", "Forums",
    "Email newsletter", "Events")


def field_labels() -> dict[str, str]:
    """The planning fields as the forms name them, for messages shown at a field."""
    return {
        "business_result": _("Business result"), "metric": _("Metric"),
        "baseline": _("Baseline"), "target": _("Target"), "deadline": _("Deadline"),
        "owner": _("Owner"), "name": _("Name"), "kind": _("B2B or B2C"),
        "age_bands": _("Age bands"), "region": _("Region"), "needs": _("What they need"),
        "where_they_are": _("Where they spend time"), "title": _("Milestone"),
        "start": _("Start"), "end": _("End"), "depends_on": _("After"),
        "people": _("People"), "hours_per_week": _("Hours per week"),
        "unit": _("Unit"), "region_code": _("Age bands from"),
        "growth_per_year": _("Growth per 12 months (x)"),
        "small_baseline": _("Small baseline below"),
        "points_per_year": _("Percentage points per 12 months"),
        "deadline_min_months": _("Nearest deadline (months)"),
        "deadline_max_months": _("Furthest deadline (months)"),
    }


def unit_labels() -> dict[str, str]:
    """A goal's unit as the goal form offers it."""
    return {"": _("From the metric (% = a share)"),
            "number": _("A number or an amount"), "percent": _("A percentage (0-100)")}


def field_error_html(exc: ValidationError) -> str:
    """A validation error shown under the fields it is about, naming the field."""
    return (f'<div class="sp-field-error" style="max-width:480px">'
            f"{html.escape(error_message(exc, field_labels()))}</div>")


def _text(placeholder: str, value: str, width: str = "260px", description: str = "") -> w.Text:
    return w.Text(value=value, placeholder=placeholder, description=description,
                  layout=w.Layout(width=width), style={"description_width": "initial"})


def _intro(text: str) -> w.HTML:
    return w.HTML(f'<div class="sp-part-intro">{html.escape(text)}</div>')


def _add_button(label: str, on_click: Callable) -> w.Button:
    button = w.Button(description=label, icon="plus", button_style="primary",
                      layout=w.Layout(width="auto", align_self="flex-start"))
    button.on_click(on_click)
    return button


def _field(label: str, control: w.Widget) -> w.VBox:
    caption = w.HTML(f'<span class="sp-muted" style="font-size:12.5px">{html.escape(label)}'
                     "</span>")
    return w.VBox([caption, control], layout=w.Layout(margin="0 12px 6px 0"))


class GoalEditor(w.VBox):
    """One goal's fields, its SMART checks beside them, and a remove button."""

    goal = Instance(Goal)

    def __init__(self, goal: Goal, number: int, today: Callable[[], date],
                 on_remove: Callable[[GoalEditor], None], locale: str = "en",
                 assumptions: Callable[[], GoalAssumptions] = GoalAssumptions) -> None:
        self._today = today
        self._assumptions = assumptions
        self._quiet = False
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
        self._quiet = True
        try:
            _set(self._result, goal.business_result or "")
            _set(self._metric, goal.metric)
            _set(self._deadline, goal.deadline)
            _set(self._owner, goal.owner)
            _set(self._unit, goal.unit or "")
            if self._baseline.value != goal.baseline:
                self._baseline.set_quietly(goal.baseline)
            if self._target.value != goal.target:
                self._target.set_quietly(goal.target)
            self._field_message.value = ""
            self.goal = goal
        finally:
            self._quiet = False

    def _on_edit(self, _change) -> None:
        if self._quiet:
            return
        try:
            goal = Goal(id=self.goal.id, business_result=self._result.value or None,
                        metric=self._metric.value, baseline=self._baseline.value,
                        target=self._target.value, deadline=self._deadline.value,
                        owner=self._owner.value, unit=self._unit.value or None)
        except ValidationError as exc:
            self._field_message.value = field_error_html(exc)
            return
        self._field_message.value = ""
        self.goal = goal

    @observe("goal")
    def _on_goal(self, _change) -> None:
        self.redraw_checks()

    def redraw_checks(self) -> None:
        """Show the goal's SMART checks for today, by the team's assumptions."""
        self._checks.value = checks_html(goal_checks(self.goal, self._today(),
                                                     self._assumptions()))


def _set(control: w.Widget, value) -> None:
    """Set a control's value only when it differs (a field being typed in stays as it is)."""
    if control.value != value:
        control.value = value


class AssumptionsEditor(w.VBox):
    """The team's assumptions behind the achievable and time-bound checks: shown, editable.

    ``assumptions`` is the last valid set; a value the model refuses (a window that ends
    before it starts) is named under the fields and not taken.
    """

    assumptions = Instance(GoalAssumptions)

    def __init__(self, assumptions: GoalAssumptions, locale: str = "en") -> None:
        self._quiet = False
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

    def _set_all(self, assumptions: GoalAssumptions) -> None:
        self._quiet = True
        try:
            for field, value in zip(self.number_fields(), self._values(assumptions),
                                    strict=True):
                if field.value != value:
                    field.set_quietly(value)
            self._message.value = ""
        finally:
            self._quiet = False
        self.assumptions = assumptions

    @staticmethod
    def _values(a: GoalAssumptions) -> list[float]:
        return [a.growth_per_year, a.small_baseline, a.points_per_year,
                a.deadline_min_months, a.deadline_max_months]

    def show_assumptions(self, assumptions: GoalAssumptions) -> None:
        """Show stored assumptions (a teammate's) without counting them as an edit here."""
        if assumptions != self.assumptions:
            self._quiet = True
            try:
                self._set_all(assumptions)
            finally:
                self._quiet = False

    def _on_edit(self, _change) -> None:
        if self._quiet:
            return
        values = [field.value for field in self.number_fields()]
        if any(value is None for value in values):
            return  # a blank field: keep the last valid set until it is filled in
        try:
            assumptions = GoalAssumptions(
                growth_per_year=values[0], small_baseline=values[1], points_per_year=values[2],
                deadline_min_months=values[3], deadline_max_months=values[4])
        except ValidationError as exc:
            self._message.value = field_error_html(exc)
            return
        self._message.value = ""
        self.assumptions = assumptions

    @observe("assumptions")
    def _on_assumptions(self, change) -> None:
        self._explained.value = (
            '<div class="sp-part-intro">' + html.escape(achievable_rule(change["new"]))
            + "<br>" + html.escape(deadline_window_rule(change["new"])) + "</div>")


class SegmentEditor(w.VBox):
    """One audience segment: who they are, what they need, where they already spend time."""

    segment = Instance(AudienceSegment)

    def __init__(self, segment: AudienceSegment, number: int,
                 on_remove: Callable[[SegmentEditor], None]) -> None:
        self._quiet = False
        self._name = _text(_("e.g. Office managers in Bergen"), segment.name, "280px")
        self._kind = w.ToggleButtons(options=list(AUDIENCE_KINDS), value=segment.kind,
                                     style={"button_width": "64px"})
        regions = data_region_labels()
        self._region_code = w.Dropdown(
            options=[(_("None chosen (or no data for our region)"), "")]
            + [(regions[code], code) for code in data_regions()],
            value=segment.region_code or "", layout=w.Layout(width="300px"),
            description=_("Age bands from"))
        self._region_code.add_class("sp-sr-label")
        self._bands: dict[str, w.Checkbox] = {}
        self._band_box = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self._show_bands(segment.region_code, segment.age_bands)
        self._region = _text(_("place, e.g. Bergen"), segment.region, "180px")
        self._needs = w.Textarea(value=segment.needs, layout=w.Layout(width="100%",
                                                                      height="56px"),
                                 placeholder=_("What do they need from us? (not what we "
                                               "want to say about ourselves)"))
        # Suggestions, not a fence: "Finn.no" or "our forum" are places too.
        self._where = w.TagsInput(value=list(segment.where_they_are),
                                  allowed_tags=[], allow_duplicates=False)
        self._message = w.HTML()
        self._head = w.HTML()
        remove = w.Button(description=_("Remove"), icon="trash", layout=w.Layout(width="auto"))
        remove.on_click(lambda _button: on_remove(self))
        head = w.HBox([self._head, remove],
                      layout=w.Layout(justify_content="space-between", align_items="center"))
        who = w.HBox([
            _field(_("Name"), self._name),
            _field(_("B2B or B2C"), self._kind),
            _field(_("Age bands from (platform data, datasets/platform_usage.csv)"),
                   self._region_code),
            _field(_("Age bands"), self._band_box),
            _field(_("Region"), self._region),
        ], layout=w.Layout(flex_flow="row wrap"))
        hint = _("Where they already spend time: type a place and press Enter, e.g. {examples}"
                 ).format(examples=", ".join(PLATFORM_SUGGESTIONS[:6]) + ", Finn.no")
        super().__init__([head, who, _field(_("What they need from us"), self._needs),
                          _field(hint, self._where), self._message])
        self.add_class("sp-segment")
        self.segment = segment
        self._show_number(number)
        for control in (self._name, self._kind, self._region, self._needs, self._where):
            control.observe(self._on_edit, names="value")
        self._region_code.observe(self._on_region_code, names="value")

    def _show_bands(self, region_code: str | None, selected: list[str]) -> None:
        """Offer ``region_code``'s age bands (the data's own), ticking ``selected``."""
        bands = region_bands(region_code)
        if tuple(self._bands) != bands:
            self._bands = {band: w.Checkbox(value=band in selected, description=band,
                                            indent=False, layout=w.Layout(width="80px"))
                           for band in bands}
            for box in self._bands.values():
                box.observe(self._on_edit, names="value")
            self._band_box.children = list(self._bands.values()) or [w.HTML(
                '<span class="sp-muted" style="font-size:13px">'
                + html.escape(_("Choose the data first; a region without data has no bands "
                                "here (nothing is borrowed from another region)."))
                + "</span>")]
        for band, box in self._bands.items():
            _set(box, band in selected)

    def _on_region_code(self, change) -> None:
        if self._quiet:
            return
        kept = [band for band, box in self._bands.items() if box.value]
        self._quiet = True
        try:
            self._show_bands(change["new"] or None, kept)
        finally:
            self._quiet = False
        self._on_edit(change)

    def _show_number(self, number: int) -> None:
        self._head.value = f'<div class="sp-goal-head">{_("Segment")} {number}</div>'

    def show_item(self, segment: AudienceSegment, number: int) -> None:
        """Show a stored segment without counting it as an edit here."""
        self._show_number(number)
        if segment == self.segment:
            return
        self._quiet = True
        try:
            _set(self._name, segment.name)
            _set(self._kind, segment.kind)
            _set(self._region_code, segment.region_code or "")
            self._show_bands(segment.region_code, segment.age_bands)
            _set(self._region, segment.region)
            _set(self._needs, segment.needs)
            if list(self._where.value) != list(segment.where_they_are):
                self._where.value = list(segment.where_they_are)
            self._message.value = ""
            self.segment = segment
        finally:
            self._quiet = False

    def _on_edit(self, _change) -> None:
        if self._quiet:
            return
        try:
            segment = AudienceSegment(
                id=self.segment.id, name=self._name.value, kind=self._kind.value,
                region_code=self._region_code.value or None,
                age_bands=[band for band, box in self._bands.items() if box.value],
                region=self._region.value, needs=self._needs.value,
                where_they_are=[" ".join(tag.split()) for tag in self._where.value
                                if tag.strip()])
        except ValidationError as exc:
            self._message.value = field_error_html(exc)
            return
        self._message.value = ""
        self.segment = segment


class RaciGrid(w.VBox):
    """The RACI matrix: activities by departments, one letter per cell."""

    raci = Instance(RACI)

    def __init__(self, raci: RACI) -> None:
        departments, activities = department_labels(), activity_labels()
        options = [("–", ""), ("R", "R"), ("A", "A"), ("C", "C"), ("I", "I")]
        self._quiet = False
        self.cells: dict[tuple[str, str], w.Dropdown] = {}
        grid = [w.HTML("")]
        grid += [w.HTML(f'<div class="sp-raci-head">{html.escape(departments[d])}</div>')
                 for d in DEPARTMENTS]
        for activity in ACTIVITIES:
            grid.append(w.HTML(
                f'<div class="sp-raci-activity">{html.escape(activities[activity])}</div>'))
            for department in DEPARTMENTS:
                cell = w.Dropdown(options=options, value=raci.letter(activity, department),
                                  layout=w.Layout(width="64px"),
                                  description=f"{activities[activity]} · "
                                              f"{departments[department]}")
                cell.add_class("sp-sr-label")  # the grid's headings show it
                cell.observe(self._on_cell, names="value")
                self.cells[(activity, department)] = cell
                grid.append(cell)
        letters = raci_letter_labels()
        legend = w.HTML('<div class="sp-legend">' + " · ".join(
            f"<b>{letter}</b> {html.escape(text)}" for letter, text in letters.items())
            + "</div>")
        self._grid = w.GridBox(grid, layout=w.Layout(
            grid_template_columns="190px repeat(8, minmax(70px, 1fr))",
            grid_gap="6px 4px", align_items="center"))
        super().__init__([legend, self._grid])
        self.raci = raci

    def show_raci(self, raci: RACI) -> None:
        """Show stored letters without counting them as edits here."""
        self._quiet = True
        try:
            for (activity, department), cell in self.cells.items():
                _set(cell, raci.letter(activity, department))
            self.raci = raci
        finally:
            self._quiet = False

    def _on_cell(self, _change) -> None:
        if self._quiet:
            return
        self.raci = RACI(cells={
            activity: {department: self.cells[(activity, department)].value
                       for department in DEPARTMENTS}
            for activity in ACTIVITIES})


class MilestoneRow(w.VBox):
    """One milestone: title, owner, start, end, what it waits for."""

    milestone = Instance(Milestone)

    def __init__(self, milestone: Milestone, other_ids: list[str],
                 on_remove: Callable[[MilestoneRow], None]) -> None:
        self._quiet = False
        self._title = _text(_("e.g. Reply guidelines agreed"), milestone.title, "260px")
        self._owner = _text(_("owner"), milestone.owner, "150px")
        self._start = w.DatePicker(value=milestone.start, layout=w.Layout(width="150px"))
        self._end = w.DatePicker(value=milestone.end, layout=w.Layout(width="150px"))
        self._after = w.TagsInput(value=list(milestone.depends_on), allowed_tags=other_ids,
                                  allow_duplicates=False, layout=w.Layout(width="220px"))
        self._message = w.HTML()
        remove = w.Button(icon="trash", tooltip=_("Remove this milestone"),
                          layout=w.Layout(width="40px"))
        remove.on_click(lambda _button: on_remove(self))
        row = w.HBox([
            w.HTML(f'<div class="sp-goal-head" style="width:38px">'
                   f"{html.escape(milestone.id)}</div>"),
            self._title, self._owner, self._start, self._end, self._after, remove,
        ], layout=w.Layout(align_items="center", grid_gap="8px"))
        super().__init__([row, self._message])
        self.add_class("sp-milestone-row")
        self.milestone = milestone
        for control in (self._title, self._owner, self._start, self._end, self._after):
            control.observe(self._on_edit, names="value")

    def set_other_ids(self, ids: list[str]) -> None:
        """The ids this milestone may wait for."""
        if list(self._after.allowed_tags) != ids:
            self._after.allowed_tags = ids

    def show_item(self, milestone: Milestone, _number: int) -> None:
        """Show a stored milestone without counting it as an edit here."""
        if milestone == self.milestone:
            return
        self._quiet = True
        try:
            _set(self._title, milestone.title)
            _set(self._owner, milestone.owner)
            _set(self._start, milestone.start)
            _set(self._end, milestone.end)
            if list(self._after.value) != list(milestone.depends_on):
                self._after.value = list(milestone.depends_on)
            self._message.value = ""
            self.milestone = milestone
        finally:
            self._quiet = False

    def _on_edit(self, _change) -> None:
        if self._quiet:
            return
        if self._start.value is None or self._end.value is None:
            self._message.value = (f'<div class="sp-field-error">'
                                   f'{_("A milestone needs a start and an end date.")}</div>')
            return
        try:
            milestone = Milestone(id=self.milestone.id, title=self._title.value,
                                  owner=self._owner.value, start=self._start.value,
                                  end=self._end.value, depends_on=list(self._after.value))
        except ValidationError as exc:
            self._message.value = field_error_html(exc)
            return
        self._message.value = ""
        self.milestone = milestone


class ResourceRow(w.HBox):
    """People and hours per week one department gives social media."""

    resource = Instance(DepartmentResource)

    def __init__(self, resource: DepartmentResource, locale: str = "en") -> None:
        self._quiet = False
        label = department_labels()[resource.department]
        self._people = NumberField(_("people"), resource.people, whole=True, width="110px",
                                   maximum=MAX_PEOPLE, locale=locale)
        self._hours = NumberField(_("hours / week"), resource.hours_per_week, width="130px",
                                  locale=locale)
        self._message = w.HTML()
        super().__init__([w.HTML(f'<div style="width:210px">{html.escape(label)}</div>'),
                          self._people, self._hours, self._message],
                         layout=w.Layout(align_items="flex-start", margin="0 0 4px"))
        self.resource = resource
        self._people.observe(self._on_edit, names="value")
        self._hours.observe(self._on_edit, names="value")

    def show_resource(self, resource: DepartmentResource) -> None:
        """Show stored people and hours without counting them as an edit here."""
        if resource == self.resource:
            return
        self._quiet = True
        try:
            self._people.set_quietly(resource.people)
            self._hours.set_quietly(resource.hours_per_week)
            self._message.value = ""
            self.resource = resource
        finally:
            self._quiet = False

    def _on_edit(self, _change) -> None:
        if self._quiet:
            return
        try:
            resource = DepartmentResource(department=self.resource.department,
                                          people=int(self._people.value or 0),
                                          hours_per_week=self._hours.value or 0)
        except ValidationError as exc:
            self._message.value = field_error_html(exc)
            return
        self._message.value = ""
        self.resource = resource


class PlanningApp(StepApp):
    """The planning step for one team, saved as the plan's ``planning`` section."""

    TABS = ("goals", "audience", "raci", "timeline", "resources")

    def __init__(self, workspace: Workspace | None = None,
                 today: Callable[[], date] = date.today, **kwargs) -> None:
        self.today = today
        super().__init__(workspace, **kwargs)

    def field_labels(self) -> dict[str, str]:
        return field_labels()

    def build_workarea(self) -> list[w.Widget]:
        self._readiness = w.HTML()
        labels = part_labels()
        return [w.HTML(PLANNING_CSS, layout=w.Layout(height="0px")), self._readiness,
                self.make_tabs([labels[t] for t in self.TABS])]

    def show_section(self, section: PlanningSection) -> None:
        self.build_shown_tab()
        for field in self._number_fields():  # another team may write numbers otherwise
            if field.locale != self.locale:
                field.set_locale(self.locale)
        if "goals" in self._built:
            self._draw_goals()
        if "audience" in self._built:
            self._draw_segments()
        if "raci" in self._built:
            self.raci_grid.show_raci(section.raci)
        if "timeline" in self._built:
            _set(self._horizon_start, section.horizon_start)
            if self._horizon_months.value != section.horizon_months:
                self._horizon_months.set_quietly(section.horizon_months)
            self._draw_milestones()
        if "resources" in self._built:
            given = {r.department: r for r in section.resources}
            for row in self._resource_rows:
                department = row.resource.department
                row.show_resource(given.get(department, DepartmentResource(
                    department=department)))
        self.redraw()

    def _number_fields(self) -> list[NumberField]:
        fields: list[NumberField] = []
        if "goals" in self._built:
            fields += self.assumptions_editor.number_fields()
            for editor in self._goal_list.editors.values():
                fields += [editor._baseline, editor._target]
        if "timeline" in self._built:
            fields.append(self._horizon_months)
        if "resources" in self._built:
            for row in self._resource_rows:
                fields += [row._people, row._hours]
        return fields

    # -- edits ---------------------------------------------------------------------------

    def redraw(self, section=None) -> None:
        """Redraw the readiness line and the built tabs' checks from the app's section."""
        if self.section is None:
            self._readiness.value = ""
            return
        labels = part_labels()
        items = []
        for part in readiness(self.section, self.today()):
            state = _("complete") if part.complete else _("to do")
            warnings = (f' · <span class="sp-ready-warn">'
                        f'{html.escape(_("{n} to check").format(n=part.warnings))}</span>'
                        if part.warnings else "")
            css = "sp-ready sp-ready-done" if part.complete else "sp-ready"
            mark = "✓ " if part.complete else ""
            items.append(f'<div class="{css}">{mark}<b>{html.escape(labels[part.part])}</b>'
                         f" · {html.escape(state)}{warnings}</div>")
        self._readiness.value = f'<div class="sp-readiness">{"".join(items)}</div>'
        if "raci" in self._built:
            self._raci_checks.value = checks_html(raci_checks(self.section.raci))
        if "timeline" in self._built:
            self._redraw_timeline()
        if "resources" in self._built:
            self._resource_checks.value = checks_html(resource_checks(self.section))

    def _edit_item(self, field: str, item) -> None:
        """Replace the item of list ``field`` with the same id as ``item``."""
        items = [item if old.id == item.id else old for old in getattr(self.section, field)]
        self.replace(**{field: items})

    def _remove_item(self, field: str, item_id: str) -> bool:
        return self.replace(**{field: [item for item in getattr(self.section, field)
                                        if item.id != item_id]})

    # -- goals ---------------------------------------------------------------------------

    def _build_goals(self) -> list[w.Widget]:
        intro = _intro(_(
            "One to five goals, each tied to a business result. Followers and comments are "
            "not clients: count what the business gains. Whether a target is realistic is "
            "judged by your own assumptions, under the goals: start from the defaults and "
            "change them to what your history shows."))
        self.assumptions_editor = AssumptionsEditor(self.section.assumptions, self.locale)
        self.assumptions_editor.observe(self._on_assumptions, names="assumptions")
        self._goal_list = ItemList(self._make_goal_editor)
        self._add_goal = _add_button(_("Add goal"), self._on_add_goal)
        self._draw_goals()
        return [intro, self._goal_list, self._add_goal, self.assumptions_editor]

    def _current_assumptions(self) -> GoalAssumptions:
        return self.section.assumptions if self.section is not None else GoalAssumptions()

    def _on_assumptions(self, change) -> None:
        if self.section is None or change["new"] == self.section.assumptions:
            return
        self.replace(assumptions=change["new"])
        for editor in self._goal_list.editors.values():
            editor.redraw_checks()

    def _make_goal_editor(self, goal: Goal, number: int) -> GoalEditor:
        editor = GoalEditor(goal, number, self.today, self._on_remove_goal, self.locale,
                            self._current_assumptions)
        editor.observe(lambda change: self._edit_item("goals", change["new"]), names="goal")
        return editor

    def _draw_goals(self) -> None:
        self.assumptions_editor.show_assumptions(self.section.assumptions)
        self._goal_list.show(self.section.goals)
        for editor in self._goal_list.editors.values():
            editor.redraw_checks()
        self._add_goal.disabled = len(self.section.goals) >= MAX_GOALS

    def _on_add_goal(self, _button=None) -> None:
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        if self.replace(goals=[*self.section.goals, Goal()]):
            self._draw_goals()

    def _on_remove_goal(self, editor: GoalEditor) -> None:
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        if self._remove_item("goals", editor.goal.id):
            self._draw_goals()

    # -- audience ------------------------------------------------------------------------

    def _build_audience(self) -> list[w.Widget]:
        intro = _intro(_(
            "Make it about them, not about you: who your ideal customers and peers are, what "
            "they need from you and where they already spend time. The platforms step reads "
            "the age bands."))
        self._segment_list = ItemList(self._make_segment_editor)
        self._add_segment = _add_button(_("Add segment"), self._on_add_segment)
        self._draw_segments()
        return [intro, self._segment_list, self._add_segment]

    def _make_segment_editor(self, segment: AudienceSegment, number: int) -> SegmentEditor:
        editor = SegmentEditor(segment, number, self._on_remove_segment)
        editor.observe(lambda change: self._edit_item("audience", change["new"]),
                       names="segment")
        return editor

    def _draw_segments(self) -> None:
        self._segment_list.show(self.section.audience)
        self._add_segment.disabled = len(self.section.audience) >= MAX_SEGMENTS

    def _on_add_segment(self, _button=None) -> None:
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        if self.replace(audience=[*self.section.audience, AudienceSegment()]):
            self._draw_segments()

    def _on_remove_segment(self, editor: SegmentEditor) -> None:
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        if self._remove_item("audience", editor.segment.id):
            self._draw_segments()

    # -- RACI ----------------------------------------------------------------------------

    def _build_raci(self) -> list[w.Widget]:
        intro = _intro(_(
            "Social media is a communication channel, not only a marketing one: the first "
            "thing you meet there is usually a complaint. Decide who does what."))
        self.raci_grid = RaciGrid(self.section.raci)
        self.raci_grid.observe(lambda change: self.replace(raci=change["new"]), names="raci")
        self._raci_checks = w.HTML(checks_html(raci_checks(self.section.raci)))
        return [intro, self.raci_grid, self._raci_checks]

    # -- timeline ------------------------------------------------------------------------

    def _build_timeline(self) -> list[w.Widget]:
        intro = _intro(_(
            "The action plan: what happens, who owns it, from when to when, and what it "
            "waits for."))
        self._horizon_start = w.DatePicker(value=self.section.horizon_start,
                                           layout=w.Layout(width="160px"))
        self._horizon_months = NumberField(_("months"), self.section.horizon_months,
                                           minimum=1, maximum=36, whole=True, width="90px",
                                           locale=self.locale)
        self._horizon_start.observe(
            lambda change: self.replace(horizon_start=change["new"]), names="value")
        self._horizon_months.observe(self._on_horizon_months, names="value")
        horizon = w.HBox([_field(_("Plan starts"), self._horizon_start),
                          _field(_("Horizon (1-36 months)"), self._horizon_months)])
        head = w.HTML('<div class="sp-milestone-head" style="display:grid;'
                      'grid-template-columns:38px 268px 158px 158px 158px 220px;gap:8px">'
                      + "".join(f"<span>{html.escape(text)}</span>" for text in (
                          "", _("Milestone"), _("Owner"), _("Start"), _("End"),
                          _("After (type an id, e.g. m1)")))
                      + "</div>")
        self._milestone_list = ItemList(self._make_milestone_row)
        self._add_milestone = _add_button(_("Add milestone"), self._on_add_milestone)
        self.timeline = FigureView(layout=w.Layout(width="100%"))
        self._timeline_checks = w.HTML()
        self._draw_milestones()
        return [intro, horizon, head, self._milestone_list, self._add_milestone,
                self._timeline_checks, self.timeline]

    def _make_milestone_row(self, milestone: Milestone, _number: int) -> MilestoneRow:
        ids = [m.id for m in self.section.milestones if m.id != milestone.id]
        row = MilestoneRow(milestone, ids, self._on_remove_milestone)
        row.observe(lambda change: self._edit_item("milestones", change["new"]),
                    names="milestone")
        return row

    def _on_horizon_months(self, change) -> None:
        if change["new"] is not None:
            self.replace(horizon_months=int(change["new"]))

    def _draw_milestones(self) -> None:
        self._milestone_list.show(self.section.milestones)
        ids = [m.id for m in self.section.milestones]
        for milestone_id, row in self._milestone_list.editors.items():
            row.set_other_ids([i for i in ids if i != milestone_id])
        self._add_milestone.disabled = len(ids) >= MAX_MILESTONES
        self._redraw_timeline()

    def _redraw_timeline(self) -> None:
        section = self.section
        self._timeline_checks.value = checks_html(milestone_checks(
            section.milestones, section.horizon_start, section.horizon_months))
        horizon = ((section.horizon_start,
                    horizon_end(section.horizon_start, section.horizon_months))
                   if section.horizon_start else None)
        if section.milestones:
            self.timeline.show(milestone_timeline(section.milestones, horizon))
        else:
            self.timeline.clear()

    def _on_add_milestone(self, _button=None) -> None:
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        milestone = new_milestone(self.section, self.today())
        if self.replace(milestones=[*self.section.milestones, milestone]):
            self._draw_milestones()

    def _on_remove_milestone(self, row: MilestoneRow) -> None:
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        milestones = without_milestone(self.section.milestones, row.milestone.id)
        if self.replace(milestones=milestones):
            self._draw_milestones()

    # -- resources -----------------------------------------------------------------------

    def _build_resources(self) -> list[w.Widget]:
        intro = _intro(_(
            "Social media is not free: finding, curating, publishing, answering and promoting "
            "take people's time. Hours per week are all of a department's people together; "
            "the budget step reads them."))
        given = {r.department: r for r in self.section.resources}
        self._resource_rows = [
            ResourceRow(given.get(d, DepartmentResource(department=d)), self.locale)
            for d in DEPARTMENTS]
        for row in self._resource_rows:
            row.observe(self._on_resource_edit, names="resource")
        head = w.HBox([w.HTML('<div style="width:210px"><b>' + html.escape(_("Department"))
                              + "</b></div>"),
                       w.HTML('<div style="width:110px"><b>' + html.escape(_("People"))
                              + "</b></div>"),
                       w.HTML("<div><b>" + html.escape(_("Hours per week")) + "</b></div>")])
        self._resource_checks = w.HTML(checks_html(resource_checks(self.section)))
        return [intro, head, *self._resource_rows, self._resource_checks]

    def _on_resource_edit(self, _change) -> None:
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        resources = [row.resource for row in self._resource_rows
                     if row.resource.people or row.resource.hours_per_week]
        self.replace(resources=resources)
