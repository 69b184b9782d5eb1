"""The planning app: goals tied to business results, the audience, who answers, a timeline.

Each part edits a copy of the team's PlanningSection through the core's models, so every
rule is the model's; the app shows the core's checks beside what they are about.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import ipywidgets as w

from socialplaybook.rules.capacity import WORK_WEEK_MIN_HOURS
from socialplaybook.rules.checks import HOURS_IN_A_WEEK
from socialplaybook.rules.dates import horizon_end
from socialplaybook.rules.i18n import _
from socialplaybook.steps.planning.milestones import (
    dropped_dependencies_message,
    milestone_checks,
    new_milestone,
    without_milestone,
)
from socialplaybook.steps.planning.raci import raci_checks
from socialplaybook.steps.planning.readiness import readiness, resource_checks
from socialplaybook.steps.planning.section import (
    AudienceSegment,
    DepartmentResource,
    Goal,
    GoalAssumptions,
    Milestone,
    PlanningSection,
)
from socialplaybook.steps.planning.timeline import milestone_timeline
from socialplaybook.steps.planning.vocabulary import (
    DEPARTMENTS,
    MAX_GOALS,
    MAX_MILESTONES,
    MAX_SEGMENTS,
    part_labels,
)
from socialplaybook.workspace.store import Workspace
from widgets.app.step_app import StepApp
from widgets.kit.charts import FigureView
from widgets.kit.fields import NumberField
from widgets.kit.items import ItemList
from widgets.kit.messages import checks_html
from widgets.kit.quiet import set_if_changed
from widgets.planning.audience import SegmentEditor
from widgets.planning.controls import _add_button, _field, _intro, field_labels
from widgets.planning.goals import AssumptionsEditor, GoalEditor
from widgets.planning.raci import RaciGrid
from widgets.planning.timeline import MilestoneRow, ResourceRow


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
        return [self._readiness,
                self.make_tabs([labels[t] for t in self.TABS])]

    def show_section(self, section: PlanningSection) -> None:
        self.build_shown_tab()
        if "goals" in self._built:  # its explanation too is written the team's way
            self.assumptions_editor.set_locale(self.locale)
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
            set_if_changed(self._horizon_start, section.horizon_start)
            if self._horizon_months.value != section.horizon_months:
                self._horizon_months.set_quietly(section.horizon_months)
            self._draw_milestones()
        if "resources" in self._built:
            if self._work_week.value != section.work_week_hours:
                self._work_week.set_quietly(section.work_week_hours)
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
            fields.append(self._work_week)
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
            self._resource_checks.value = checks_html(resource_checks(self.section,
                                                                      self.locale))

    def _edit_item(self, field: str, item) -> None:
        """Replace the item of list ``field`` with the same id as ``item``."""
        items = [item if old.id == item.id else old for old in getattr(self.section, field)]
        self.replace(**{field: items})

    def _add_item(self, field: str, item, redraw: Callable[[], None]) -> None:
        """Append ``item`` to the list ``field`` (a click on "Add") and redraw that list."""
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        if self.replace(**{field: [*getattr(self.section, field), item]}):
            redraw()

    def _remove_item(self, field: str, items: list, redraw: Callable[[], None]) -> None:
        """Store ``items`` as the list ``field`` after a "Remove" click, and redraw it."""
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        if self.replace(**{field: items}):
            redraw()

    def _without(self, field: str, item_id: str) -> list:
        return [item for item in getattr(self.section, field) if item.id != item_id]

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
        self._add_item("goals", Goal(), self._draw_goals)

    def _on_remove_goal(self, editor: GoalEditor) -> None:
        if self.section is not None:
            self._remove_item("goals", self._without("goals", editor.goal.id),
                              self._draw_goals)

    # -- audience ------------------------------------------------------------------------

    def _build_audience(self) -> list[w.Widget]:
        intro = _intro(_(
            "Make it about them, not about you: who your ideal customers and peers are, what "
            "they need from you and where they already spend time. The platforms step reads "
            "the age bands: a B2C segment needs them where its region's data has them; a B2B "
            "segment (a role, not an age) or a region without bands in the data needs none."))
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
        self._add_item("audience", AudienceSegment(), self._draw_segments)

    def _on_remove_segment(self, editor: SegmentEditor) -> None:
        if self.section is not None:
            self._remove_item("audience", self._without("audience", editor.segment.id),
                              self._draw_segments)

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

    def dropped_notice(self, dropped, sent) -> str:
        return dropped_dependencies_message(dropped, sent.milestones) or super().dropped_notice(
            dropped, sent)

    def _draw_milestones(self) -> None:
        ids = [m.id for m in self.section.milestones]
        # A row shown again may now wait for a milestone new to it (a teammate's): allow
        # the new ids before its value changes, then exactly the others.
        for milestone_id, row in self._milestone_list.editors.items():
            row.set_other_ids(list(dict.fromkeys(
                [*row.milestone.depends_on, *(i for i in ids if i != milestone_id)])))
        self._milestone_list.show(self.section.milestones)
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
        if self.section is not None:
            self._add_item("milestones", new_milestone(self.section, self.today()),
                           self._draw_milestones)

    def _on_remove_milestone(self, row: MilestoneRow) -> None:
        if self.section is not None:  # the milestones after it no longer wait for it
            self._remove_item("milestones",
                              without_milestone(self.section.milestones, row.milestone.id),
                              self._draw_milestones)

    # -- resources -----------------------------------------------------------------------

    def _build_resources(self) -> list[w.Widget]:
        intro = _intro(_(
            "Social media is not free: finding, curating, publishing, answering and promoting "
            "take people's time. Hours per week are all of a department's people together; "
            "the platforms and budget steps read them, in full-time equivalents of your "
            "working week: one professional runs 2-4 accounts well."))
        self._work_week = NumberField(_("hours"), self.section.work_week_hours,
                                      minimum=WORK_WEEK_MIN_HOURS, maximum=HOURS_IN_A_WEEK,
                                      width="110px", locale=self.locale)
        self._work_week.observe(self._on_work_week, names="value")
        week = _field(_("Your working week (hours a full-time person works)"),
                      self._work_week)
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
        self._resource_checks = w.HTML(checks_html(resource_checks(self.section,
                                                                   self.locale)))
        return [intro, week, head, *self._resource_rows, self._resource_checks]

    def _on_work_week(self, change) -> None:
        if self.section is not None and change["new"] is not None:
            self.replace(work_week_hours=change["new"])

    def _on_resource_edit(self, _change) -> None:
        if self.section is None:  # no team open (a click that reached a hidden app)
            return
        resources = [row.resource for row in self._resource_rows
                     if row.resource.people or row.resource.hours_per_week]
        self.replace(resources=resources)
