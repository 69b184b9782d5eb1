"""The KPI app: measure business impact, not vanity; expect returns to build; tag every link.

Every number and rule comes from ``socialplaybook.kpis`` and ``socialplaybook.utm``; this
module reads the controls, asks the core and shows the result: the KPI tree of each goal
(an indented tree in HTML), one KPI's editor (built when a KPI is opened), ROI over time
(an inline SVG, no plotly: the page is interactive sooner), the UTM link builder and its
batch, the "how did you hear about us?" question and the measurement plan.
"""

from __future__ import annotations

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle
from pydantic import ValidationError

from socialplaybook.datasets import load_kpi_catalog
from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import business_result_labels
from socialplaybook.steps.kpis.catalog import (
    catalog_by_id,
    goal_vanity_check,
    kpi_from_catalog,
    suggest_kpis,
)
from socialplaybook.steps.kpis.checks import kpi_checks
from socialplaybook.steps.kpis.markdown import measurement_plan
from socialplaybook.steps.kpis.section import Kpi, KpisSection
from socialplaybook.steps.kpis.trees import kpi_tree, kpi_treemap
from socialplaybook.steps.kpis.utm import campaigns_text
from socialplaybook.steps.kpis.utm import field_labels as utm_field_labels
from socialplaybook.steps.kpis.vocabulary import (
    level_labels,
)
from socialplaybook.steps.platforms.portfolio import active_choices
from socialplaybook.workspace.store import Workspace
from widgets.app.step_app import StepApp
from widgets.kit.card import card, row, stacked
from widgets.kit.charts import FigureView
from widgets.kit.items import dispose
from widgets.kit.messages import checks_html, error_message, field_error_html, message_html
from widgets.kit.quiet import set_if_changed
from widgets.kpis.editor import KpiEditor, kpi_field_labels
from widgets.kpis.links import LinksTab
from widgets.kpis.roi_tab import RoiTab
from widgets.kpis.views import (
    plan_table_html,
    suggestions_html,
    tree_html,
)


class KpisApp(LinksTab, RoiTab, StepApp):
    """KPI trees per goal, each KPI's target and owner, ROI over time, UTM links."""


    def __init__(self, workspace: Workspace | None = None, **kwargs) -> None:
        self._goals: list[tuple[str, str, str | None]] = []  # id, label, business result
        self._platforms: list[tuple[str, str]] = []  # chosen platforms: id, name
        self._budget = None
        self._platforms_section = None
        self._catalog = load_kpi_catalog()
        self._by_id = catalog_by_id(self._catalog)
        super().__init__(workspace, **kwargs)

    def field_labels(self) -> dict[str, str]:
        return {**kpi_field_labels(), "monthly_cost": _("Monthly cost"),
                "value_per_conversion": _("Value per conversion"),
                "conversions_per_month": _("Conversions in the first month"),
                "margin_percent": _("Gross margin"),
                "carry_over_percent_per_week": _("Carry-over a week"),
                "growth_percent_per_month": _("Community growth"),
                "growth_ceiling_multiple": _("Growth ceiling"),
                "organic_decline_percent_per_month": _("Organic reach decline"),
                "months": _("Months"),
                **utm_field_labels(), "campaigns": _("Campaigns"),
                "campaign_ids": _("Campaign IDs")}

    # -- building --------------------------------------------------------------------------

    TABS = ("trees", "roi", "links", "plan")

    def build_workarea(self) -> list[w.Widget]:
        # One layout and one style for the app's HTML parts: fewer widgets for the page to
        # load (they are never changed one by one, and closed only with the app).
        self._html_layout = w.Layout()
        self._html_style = HTMLStyle()
        tabs = self.make_tabs([_("1. KPI trees"), _("2. ROI over time"),
                               _("3. Links and attribution"), _("4. Measurement plan")])
        return [tabs]

    def _html(self, value: str = "") -> w.HTML:
        return w.HTML(value, layout=self._html_layout, style=self._html_style)

    def show_tab(self, part: str) -> None:
        self._show_controls(self.section)
        self.redraw(self.section)

    def _build_trees(self) -> list[w.Widget]:
        self._goal_pick = stacked(w.Dropdown(options=[], layout=w.Layout(width="360px"),
                                              description=_("Goal")))
        self._goal_pick.observe(self._on_goal_pick, names="value")
        self._goal_note = self._html()
        self._suggestions = self._html()
        self._catalog_pick = stacked(w.Dropdown(options=[], layout=w.Layout(width="360px"),
                                                 description=_("KPI from the catalog")))
        self._add_catalog = w.Button(description=_("Add KPI"), icon="plus",
                                     button_style="primary", layout=w.Layout(width="auto"))
        self._add_catalog.on_click(self._on_add_catalog)
        self._own_name = stacked(w.Text(placeholder=_("e.g. demo requests"),
                                         description=_("Or your own KPI"),
                                         layout=w.Layout(width="240px")))
        self._add_own = w.Button(description=_("Add own KPI"), icon="plus",
                                 layout=w.Layout(width="auto"))
        self._add_own.on_click(self._on_add_own)
        self._own_message = self._html()
        self._vanity = self._html()
        self._tree = self._html()
        self._treemap_toggle = w.ToggleButton(description=_("Show as a treemap"),
                                              icon="th-large", layout=w.Layout(
                                                  width="auto", align_self="flex-start"))
        self._treemap_toggle.observe(self._on_treemap, names="value")
        self._treemap_slot = w.VBox()
        self._treemap: FigureView | None = None
        self._kpi_pick = stacked(w.Dropdown(options=[(_("Choose a KPI…"), "")],
                                             layout=w.Layout(width="360px"),
                                             description=_("Set a KPI's numbers")))
        slot = self.editor_slot(self._kpi_pick)
        trees = card(_("From each goal to what you count"), _(
            "Each goal from your planning step gets an outcome KPI (the business result), "
            "driver KPIs that move it (visits, answers) and activity KPIs that show the work "
            "is done. Followers and likes may sit at the bottom; never let them be the goal."),
            [self._goal_note, self._goal_pick, self._suggestions,
             row([self._catalog_pick, self._add_catalog, self._own_name, self._add_own]),
             self._own_message, self._vanity, self._tree, self._treemap_toggle,
             self._treemap_slot], self._html)
        each = card(_("Each KPI: today's value, target, source, owner"), _(
            "Open a KPI to give it a baseline, a target with a horizon, where the numbers "
            "come from and who reviews it how often."), [self._kpi_pick, slot],
            self._html)
        return [trees, each]

    def _build_plan(self) -> list[w.Widget]:
        self._plan = self._html()
        return [card(_("Measurement plan"), _(
            "Which KPIs, reviewed when, by whom: this goes into your playbook."), [self._plan],
            self._html)]

    # -- showing a stored section ----------------------------------------------------------

    def show_section(self, section: KpisSection) -> None:
        self._read_other_sections()
        if self.build_shown_tab():  # shows and draws it
            return
        self._show_controls(section)
        self.redraw(section)

    def _show_controls(self, section: KpisSection) -> None:
        """Set the built tabs' controls from ``section`` without it counting as an edit."""
        with self.quietly():
            if "roi" in self._built:
                roi = section.roi
                for name, field in self._roi_fields.items():
                    if field.locale != self.locale:
                        field.set_locale(self.locale)
                    if field.value != getattr(roi, name):
                        field.set_quietly(getattr(roi, name))
            if "links" in self._built:
                utm = section.utm
                for name, text in self._utm.items():
                    if text.value != getattr(utm, name):
                        text.value = getattr(utm, name)
                        self._utm_errors[name].value = ""
                self._utm_notices.value = ""
                set_if_changed(self._campaigns, campaigns_text(utm.campaigns, utm.campaign_ids))
                set_if_changed(self._paid, utm.paid)
                set_if_changed(self._hear_added, section.hear_about_us_added)
            if "trees" in self._built:
                self._draw_goal_pick()

    def _read_other_sections(self) -> None:
        """Goals (planning), chosen platforms and the budget, read with the team's plan."""
        plan = self.plan
        results = business_result_labels()
        goals = list(getattr(getattr(plan, "planning", None), "goals", []) or [])
        self._goals = [(g.id, g.metric.strip() or (results[g.business_result]
                                                   if g.business_result else "")
                        or _("Goal {n}").format(n=n), g.business_result)
                       for n, g in enumerate(goals, start=1)]
        choices = list(getattr(getattr(plan, "platforms", None), "choices", []) or [])
        self._platforms = [(c.id, c.platform) for c in active_choices(choices)]
        self._budget = getattr(plan, "budget", None)
        self._platforms_section = getattr(plan, "platforms", None)

    def _draw_goal_pick(self) -> None:
        options = [(label, gid) for gid, label, _result in self._goals]
        options.append((_("Not tied to a goal"), ""))
        value = self._goal_pick.value
        if list(self._goal_pick.options) != options:
            with self.quietly():
                self._goal_pick.options = options
                self._goal_pick.value = value if value in [v for _l, v in options] else (
                    options[0][1])
        self._draw_suggestions()

    def _draw_suggestions(self) -> None:
        result = next((r for gid, _l, r in self._goals if gid == self._goal_pick.value), None)
        suggested = suggest_kpis(result, self._catalog)
        self._suggestions.value = suggestions_html(suggested)
        options = [(d.name, d.id) for d in suggested]
        others = [(d.name, d.id) for d in self._catalog if d not in suggested]
        if others:
            options += [(f"— {_('other KPIs')} —", "")] + others
        value = self._catalog_pick.value
        with self.quietly():
            if list(self._catalog_pick.options) != options:
                self._catalog_pick.options = options
            ids = [v for _l, v in options]
            self._catalog_pick.value = value if value and value in ids else ids[0]

    # -- edits -------------------------------------------------------------------------------

    def _on_goal_pick(self, _change) -> None:
        if self.quiet:
            return
        self._draw_suggestions()

    def _add(self, kpi: Kpi) -> None:
        if self.replace(kpis=[*self.section.kpis, kpi]):
            self._open_editor(kpi.id)

    def _on_add_catalog(self, _button=None) -> None:
        definition = self._by_id.get(self._catalog_pick.value)
        if self.busy() or definition is None:
            return
        goal = self._goal_pick.value or ""
        if any(k.catalog_id == definition.id and k.goal_id == goal for k in self.section.kpis):
            self.show_message(_("{name} is already a KPI of this goal.").format(
                name=definition.name), "info")
            return
        self._add(kpi_from_catalog(definition, goal))

    def _on_add_own(self, _button=None) -> None:
        if self.busy():
            return
        try:
            kpi = Kpi(name=self._own_name.value, goal_id=self._goal_pick.value or "")
        except ValidationError as exc:
            self._own_message.value = field_error_html(error_message(
                exc, self.field_labels(), self.locale))
            return
        self._own_message.value = ""
        self._own_name.value = ""
        self._add(kpi)

    def _on_kpi(self, kpi: Kpi) -> bool:
        if self.busy():
            return False
        return self.replace(kpis=[kpi if k.id == kpi.id else k for k in self.section.kpis])

    def _on_remove(self, kpi_id: str) -> None:
        if self.busy():
            return
        self._close_editor()
        self.replace(kpis=[k for k in self.section.kpis if k.id != kpi_id])

    def make_editor(self, kpi_id: str) -> KpiEditor | None:
        kpi = next((k for k in self.section.kpis if k.id == kpi_id), None)
        if kpi is None:
            return None
        self._draw_kpi_pick(self.section)  # a KPI just added is in the dropdown
        return KpiEditor(kpi, self._by_id.get(kpi.catalog_id), self._on_kpi,
                         self._on_remove, self._close_editor, self.locale)

    def update_editor(self, editor: KpiEditor) -> bool:
        kpi = next((k for k in self.section.kpis if k.id == editor.kpi.id), None)
        if kpi is None:
            return False
        editor.set_locale(self.locale)
        if kpi != editor.kpi:
            editor.show_kpi(kpi)
        chosen = [pid for pid, _name in self._platforms]
        editor.checks.value = checks_html(kpi_checks(editor.kpi, chosen, self._by_id,
                                                     self.locale))
        return True

    # -- redrawing ------------------------------------------------------------------------------

    def redraw(self, section: KpisSection) -> None:
        if "trees" in self._built:
            self._draw_trees(section)
            self._draw_kpi_pick(section)
            self.refresh_editor()
        if "roi" in self._built:
            self._draw_roi(section)
        if "links" in self._built:
            self._draw_links(section)
        if "plan" in self._built:
            goals = [(gid, label) for gid, label, _r in self._goals]
            self._plan.value = plan_table_html(measurement_plan(section, goals, self.locale))

    def _draw_trees(self, section: KpisSection) -> None:
        if not self._goals:
            self._goal_note.value = message_html(_(
                "Your planning step has no goals yet: add them there, or start with KPIs not "
                "tied to a goal."), "info")
        else:
            self._goal_note.value = ""
        goals = [(gid, label) for gid, label, _r in self._goals]
        checks = []
        for gid, label in goals:
            mine = [k for k in section.kpis if k.goal_id == gid]
            checks.append(goal_vanity_check(label, mine, self._by_id))
        self._vanity.value = checks_html(checks) if checks else ""
        nodes = kpi_tree(goals, section.kpis, self._by_id)
        self._tree.value = tree_html(nodes)
        if self._treemap is not None:
            self._treemap.show(kpi_treemap(nodes))

    def _on_treemap(self, change) -> None:
        """Draw the treemap when asked (plotly is not loaded for the first view)."""
        if self.section is None:
            return
        if change["new"] and self._treemap is None:
            self._treemap = FigureView(layout=w.Layout(width="100%"))
            self._treemap_slot.children = [self._treemap]
            self._draw_trees(self.section)
        elif not change["new"] and self._treemap is not None:
            view, self._treemap = self._treemap, None
            self._treemap_slot.children = []
            dispose(view)

    def _draw_kpi_pick(self, section: KpisSection) -> None:
        levels = level_labels()
        options = [(_("Choose a KPI…"), "")] + [
            (f"{k.name} ({levels[k.level].lower()})", k.id) for k in section.kpis]
        if list(self._kpi_pick.options) == options:
            return
        value = self._kpi_pick.value
        with self.quietly():
            self._kpi_pick.options = options
            self._kpi_pick.value = value if value in [v for _l, v in options] else ""

