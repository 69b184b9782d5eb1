"""The KPI app: measure business impact, not vanity; expect returns to build; tag every link.

Every number and rule comes from ``socialplaybook.kpis`` and ``socialplaybook.utm``; this
module reads the controls, asks the core and shows the result: the KPI tree of each goal
(an indented tree in HTML), one KPI's editor (built when a KPI is opened), ROI over time
(an inline SVG, no plotly: the page is interactive sooner), the UTM link builder and its
batch, the "how did you hear about us?" question and the measurement plan.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from urllib.parse import quote

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle
from pydantic import ValidationError

from socialplaybook.datasets import KpiDefinition, load_kpi_catalog
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_number
from socialplaybook.rules.vocabulary import business_result_labels
from socialplaybook.steps.kpis.catalog import (
    catalog_by_id,
    goal_vanity_check,
    kpi_from_catalog,
    suggest_kpis,
)
from socialplaybook.steps.kpis.checks import kpi_checks
from socialplaybook.steps.kpis.markdown import measurement_plan
from socialplaybook.steps.kpis.roi import (
    RoiProjection,
    effective_monthly_cost,
    project,
    roi_assumptions_text,
    roi_summary,
)
from socialplaybook.steps.kpis.section import Kpi, KpisSection
from socialplaybook.steps.kpis.survey import hear_about_us
from socialplaybook.steps.kpis.trees import kpi_tree, kpi_treemap
from socialplaybook.steps.kpis.utm import (
    MAX_CAMPAIGNS,
    UTM_FIELDS,
    UtmError,
    batch_links,
    build_link,
    links_csv,
    normalise_url,
    normalise_value,
)
from socialplaybook.steps.kpis.utm import field_labels as utm_field_labels
from socialplaybook.steps.kpis.vocabulary import (
    CADENCES,
    DATA_SOURCES,
    LEVELS,
    MAX_CARRY_OVER_PERCENT,
    MAX_CONVERSIONS_PER_MONTH,
    MAX_GROWTH_PERCENT_PER_MONTH,
    MAX_HORIZON_MONTHS,
    MAX_KPI_VALUE,
    MAX_MONEY_PER_MONTH,
    MAX_ROI_MONTHS,
    MAX_VALUE_PER_CONVERSION,
    cadence_labels,
    data_source_labels,
    level_labels,
    stage_labels,
)
from socialplaybook.steps.platforms.portfolio import active_choices
from socialplaybook.workspace.store import Workspace
from widgets.base import checks_html, error_message, message_html
from widgets.charts import FigureView
from widgets.fields import NumberField, field_error_html
from widgets.step import StepApp, dispose

BATCH_PREVIEW_ROWS = 8

KPIS_CSS = """
<style>
.sp-kp-box { border: 1px solid #e3e7ee; border-radius: 10px; padding: 10px 14px;
  margin: 0 0 12px; background: #fff; }
.sp-kp-h { font-weight: 650; font-size: 16px; margin: 0 0 4px; }
.sp-kp-note { color: #4b5563; font-size: 13.5px; margin: 2px 0 6px; max-width: 900px; }
.sp-kp-label { color: #374151; font-size: 13px; font-weight: 600; margin: 6px 0 2px; }
.sp-app .sp-kp-stack.widget-inline-hbox { flex-direction: column; align-items: stretch;
  height: auto; }
.sp-app .sp-kp-stack.widget-inline-hbox > select,
.sp-app .sp-kp-stack.widget-inline-hbox > input { flex: 0 0 auto;
  height: var(--jp-widgets-inline-height, 28px); }
.sp-app .sp-kp-stack > .widget-label { width: auto !important; max-width: none;
  text-align: left; font-size: 13px; font-weight: 600; color: #374151; margin: 6px 0 2px;
  line-height: 1.3; height: auto; white-space: normal; overflow: visible; }
.sp-kp-row { gap: 12px; flex-wrap: wrap; align-items: flex-end; }
.sp-kp-row-top { gap: 12px; flex-wrap: wrap; align-items: flex-start; }
.sp-kp-sugg { list-style: none; padding: 0; margin: 4px 0 6px; columns: 2; column-gap: 24px;
  font-size: 13.5px; }
.sp-kp-sugg li { margin: 2px 0; break-inside: avoid; }
.sp-kp-tag { display: inline-block; font-size: 11px; border-radius: 6px; padding: 0 5px;
  margin-left: 4px; background: #eef0f4; color: #374151; font-weight: 500; }
.sp-kp-tag-vanity { background: #fef3c7; color: #7a4b00; }
.sp-kp-tag-outcome { background: #dcfce7; color: #14532d; }
.sp-kp-tree { margin: 6px 0; font-size: 14px; }
.sp-kp-tree ul { list-style: none; margin: 0; padding-left: 22px;
  border-left: 2px solid #e3e7ee; }
.sp-kp-tree > ul { padding-left: 0; border-left: none; }
.sp-kp-tree li { margin: 3px 0; }
.sp-kp-node { display: inline-block; border-radius: 6px; padding: 2px 8px; }
.sp-kp-goal { font-weight: 650; background: #e9f3fb; color: #1d4f73; }
.sp-kp-outcome { background: #eefaf3; border: 1px solid #9fd3b5; }
.sp-kp-driver { background: #f4f6fa; border: 1px solid #d5dae3; }
.sp-kp-activity { background: #fff; border: 1px dashed #c7ccd6; }
.sp-kp-vanity { background: #fff8e6; border-color: #e0a100; }
.sp-kp-editor { border: 1px solid #b9cde3; border-left: 4px solid #2a6f97;
  border-radius: 8px; padding: 8px 14px 10px; margin: 4px 0 10px; background: #f7fafd; }
.sp-kp-editor-h { font-size: 15px; font-weight: 650; margin: 0 0 2px; }
.sp-kp-breakeven { font-size: 16px; font-weight: 600; margin: 6px 0; color: #1f2a44; }
.sp-kp-chart text { font-size: 11px; fill: #374151; }
.sp-kp-legend { font-size: 12.5px; color: #374151; }
.sp-kp-legend span { display: inline-block; width: 18px; height: 3px; vertical-align: middle;
  margin: 0 4px 0 12px; }
.sp-kp-link { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px;
  width: 100%; max-width: 900px; padding: 4px 6px; border: 1px solid #cfd6e0;
  border-radius: 6px; background: #f8fafc; }
.sp-kp-copy { margin-left: 6px; font-size: 13px; padding: 3px 10px; border-radius: 6px;
  border: 1px solid #cfd6e0; background: #f1f3f7; cursor: pointer; }
table.sp-kp-table { border-collapse: collapse; font-size: 13px; width: 100%; }
table.sp-kp-table th { text-align: left; color: #374151; font-weight: 600; padding: 4px 6px;
  border-bottom: 1px solid #d1d5db; }
table.sp-kp-table td { padding: 4px 6px; border-bottom: 1px solid #eef0f4; vertical-align: top;
  word-break: break-all; }
.sp-kp-download { font-weight: 600; color: #2a6f97; }
</style>
"""

# A copy button that reads the link from the box before it (no user text in the script).
COPY_BUTTON = ('<button class="sp-kp-copy" type="button" onclick="const i=this.previousElement'
               'Sibling;i.select();(navigator.clipboard?navigator.clipboard.writeText(i.value)'
               ':Promise.reject()).catch(()=>document.execCommand(\'copy\'))">{label}</button>')


def _box(title: str, note: str, children: list[w.Widget],
         make_html: Callable[[str], w.HTML] = w.HTML) -> w.VBox:
    head = make_html(f'<div class="sp-kp-h">{html.escape(title)}</div>'
                  + (f'<div class="sp-kp-note">{html.escape(note)}</div>' if note else ""))
    box = w.VBox([head, *children])
    box.add_class("sp-kp-box")
    return box


def _stacked(control: w.Widget) -> w.Widget:
    """The control with its description shown above it (and named to screen readers)."""
    control.add_class("sp-kp-stack")
    if hasattr(control, "style") and hasattr(control.style, "description_width"):
        control.style.description_width = "initial"
    return control


def _row(children: list[w.Widget], top: bool = False) -> w.HBox:
    row = w.HBox(children)
    row.add_class("sp-kp-row-top" if top else "sp-kp-row")
    return row


def _set(control: w.Widget, value) -> None:
    if control.value != value:
        control.value = value


def _tag(text: str, kind: str = "") -> str:
    extra = f" sp-kp-tag-{kind}" if kind else ""
    return f'<span class="sp-kp-tag{extra}">{html.escape(text)}</span>'


def suggestions_html(suggestions: list[KpiDefinition]) -> str:
    """The catalog's suggestions for a goal: name, level, stage, vanity mark, why (escaped)."""
    if not suggestions:
        return ""
    levels, stages = level_labels(), stage_labels()
    items = "".join(
        f"<li><b>{html.escape(d.name)}</b>{_tag(levels[d.level], d.level)}"
        f"{_tag(stages[d.stage])}"
        + (_tag(_("vanity"), "vanity") if d.kind == "vanity" else "")
        + f'<br><span class="sp-kp-note">{html.escape(d.why)}</span></li>'
        for d in suggestions)
    return (f'<div class="sp-kp-label">{html.escape(_("Suggested for this goal"))}</div>'
            f'<ul class="sp-kp-sugg">{items}</ul>')


def tree_html(nodes) -> str:
    """The KPI trees (``kpi_tree``'s nodes) as nested lists, every label escaped."""
    if not nodes:
        return ""
    levels = level_labels()
    children: dict[str, list] = {}
    for node in nodes:
        children.setdefault(node.parent, []).append(node)

    def branch(parent: str) -> str:
        items = []
        for node in children.get(parent, []):
            if node.level == "goal":
                box = f'<span class="sp-kp-node sp-kp-goal">{html.escape(node.label)}</span>'
            else:
                vanity = " sp-kp-vanity" if node.vanity else ""
                mark = _tag(_("vanity"), "vanity") if node.vanity else ""
                box = (f'<span class="sp-kp-node sp-kp-{node.level}{vanity}">'
                       f"{html.escape(levels[node.level])}: {html.escape(node.label)}"
                       f"{mark}</span>")
            items.append(f"<li>{box}{branch(node.id)}</li>")
        return f"<ul>{''.join(items)}</ul>" if items else ""

    return f'<div class="sp-kp-tree">{branch("")}</div>'


def roi_chart_svg(projection: RoiProjection, currency: str) -> str:
    """Cumulative ROI per month as an inline SVG: with carry-over and growth, and naive."""
    width, height, left, right, top, bottom = 640, 220, 52, 34, 12, 28
    months = projection.months
    built = [m.cumulative_roi * 100 for m in months]
    naive = [m.naive_cumulative_roi * 100 for m in months]
    low = min(-100.0, *built, *naive)
    high = max(50.0, *built, *naive)
    count = len(months)

    def x(index: int) -> float:
        return left + (width - left - right) * (index / max(count - 1, 1))

    def y(value: float) -> float:
        return top + (height - top - bottom) * (high - value) / (high - low)

    def path(values: list[float]) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{x(i):.1f},{y(v):.1f}"
                        for i, v in enumerate(values))

    parts = [f'<svg class="sp-kp-chart" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(_("Cumulative ROI by month"))}">',
             f'<line x1="{left}" x2="{width - right}" y1="{y(0):.1f}" y2="{y(0):.1f}" '
             'stroke="#9ca3af" stroke-width="1"/>']
    for value in (low, 0.0, high):
        parts.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">'
                     f"{format_number(value, decimals=0)} %</text>")
    for index in sorted({0, (count - 1) // 2, count - 1}):
        parts.append(f'<text x="{x(index):.1f}" y="{height - 8}" text-anchor="middle">'
                     f"{html.escape(_('month {n}').format(n=months[index].month))}</text>")
    parts.append(f'<path d="{path(naive)}" fill="none" stroke="#9ca3af" stroke-width="2" '
                 'stroke-dasharray="5 4"/>')
    parts.append(f'<path d="{path(built)}" fill="none" stroke="#2a6f97" stroke-width="2.5"/>')
    if projection.break_even_month is not None:
        index = projection.break_even_month - 1
        parts.append(f'<line x1="{x(index):.1f}" x2="{x(index):.1f}" y1="{top}" '
                     f'y2="{height - bottom}" stroke="#1f7a4d" stroke-dasharray="3 3"/>')
        parts.append(f'<circle cx="{x(index):.1f}" cy="{y(built[index]):.1f}" r="4" '
                     'fill="#1f7a4d"/>')
    parts.append("</svg>")
    roi_formula = _("ROI = (return - cost) / cost, in {currency}").format(currency=currency)
    legend = (f'<div class="sp-kp-legend"><span style="background:#2a6f97"></span>'
              f"{html.escape(_('With carry-over and community growth'))}"
              f'<span style="background:#9ca3af"></span>'
              f"{html.escape(_('Naive: this month’s return from this month’s spend'))}"
              f" · {html.escape(roi_formula)}"
              "</div>")
    return "".join(parts) + legend


def plan_table_html(rows) -> str:
    """The measurement plan as an HTML table (every cell escaped)."""
    if not rows:
        return f'<div class="sp-kp-note">{html.escape(_("No KPIs yet."))}</div>'
    head = "".join(f"<th>{html.escape(t)}</th>" for t in (
        _("Goal"), _("KPI"), _("Level"), _("Baseline"), _("Target"), _("Horizon"),
        _("Source"), _("Owner"), _("Review")))
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in (
        r.goal, r.kpi, r.level, r.baseline, r.target, r.horizon, r.source, r.owner, r.cadence))
        + "</tr>" for r in rows)
    return f'<table class="sp-kp-table sp-kp-plan"><tr>{head}</tr>{body}</table>'


def kpi_field_labels() -> dict[str, str]:
    """A KPI's fields as the editor names them (for messages)."""
    return {"name": _("KPI name"), "baseline": _("Baseline"), "target": _("Target"),
            "horizon_months": _("Horizon (months)"), "owner": _("Owner")}


class KpiEditor(w.VBox):
    """The editor of one KPI: level, direction, baseline, target, horizon, source, owner,
    review cadence, and its checks. ``on_change(kpi)`` returns False when refused."""

    def __init__(self, kpi: Kpi, definition: KpiDefinition | None,
                 on_change: Callable[[Kpi], bool], on_remove: Callable[[str], None],
                 on_close: Callable[[], None], locale: str) -> None:
        self.kpi = kpi
        self._on_change_cb = on_change
        self._quiet = False
        about = ""
        if definition is not None:
            informs = _("Informs: {decisions}").format(decisions=definition.decisions)
            about = (f'<div class="sp-kp-note">{html.escape(stage_labels()[definition.stage])}'
                     f" · {html.escape(definition.formula)}<br>"
                     f"{html.escape(informs)}"
                     "</div>")
        self._head = w.HTML()
        self._about = about
        levels, sources, cadences = level_labels(), data_source_labels(), cadence_labels()
        def number(label: str, placeholder: str, width: str, **limits) -> NumberField:
            field = NumberField(placeholder, None, width=width, description=label,
                                locale=locale, **limits)
            _stacked(field.text)
            return field

        self._level = _stacked(w.Dropdown(options=[(levels[v], v) for v in LEVELS],
                                          description=_("Level"),
                                          layout=w.Layout(width="150px")))
        self._direction = _stacked(w.Dropdown(options=[(_("should grow"), "up"),
                                                       (_("should fall"), "down")],
                                              description=_("Direction"),
                                              layout=w.Layout(width="150px")))
        self._baseline = number(_("Baseline (today)"), _("today"), "140px",
                                maximum=MAX_KPI_VALUE)
        self._target = number(_("Target"), _("target"), "140px", maximum=MAX_KPI_VALUE)
        self._horizon = number(_("Horizon (months)"), _("months"), "140px", minimum=1,
                               maximum=MAX_HORIZON_MONTHS, whole=True)
        self._source = _stacked(w.Dropdown(options=[(_("Choose…"), "")]
                                           + [(sources[v], v) for v in DATA_SOURCES],
                                           description=_("Data source"),
                                           layout=w.Layout(width="280px")))
        self._owner = _stacked(w.Text(placeholder=_("name or role"), continuous_update=False,
                                      description=_("Owner"), layout=w.Layout(width="180px")))
        self._cadence = _stacked(w.Dropdown(options=[(_("Choose…"), "")]
                                            + [(cadences[v], v) for v in CADENCES],
                                            description=_("Review"),
                                            layout=w.Layout(width="150px")))
        self._remove = w.Button(description=_("Remove KPI"), icon="trash",
                                layout=w.Layout(width="auto"))
        self._close = w.Button(description=_("Close"), layout=w.Layout(width="auto"))
        self._remove.on_click(lambda _b: on_remove(self.kpi.id))
        self._close.on_click(lambda _b: on_close())
        self._message = w.HTML()
        self.checks = w.HTML()
        super().__init__([
            self._head,
            _row([self._level, self._direction, self._baseline, self._target,
                  self._horizon], top=True),
            _row([self._source, self._owner, self._cadence], top=True),
            self._message, self.checks, _row([self._remove, self._close])])
        self.add_class("sp-kp-editor")
        for control in (self._level, self._direction, self._source, self._owner,
                        self._cadence, self._baseline, self._target, self._horizon):
            control.observe(self._on_edit, names="value")
        self.show_kpi(kpi)

    def show_kpi(self, kpi: Kpi) -> None:
        """Show ``kpi`` in the controls without it counting as an edit."""
        self.kpi = kpi
        self._head.value = (f'<div class="sp-kp-editor-h">{html.escape(kpi.name)}</div>'
                            + self._about)
        self._quiet = True
        try:
            _set(self._level, kpi.level)
            _set(self._direction, kpi.direction)
            _set(self._source, kpi.data_source or "")
            _set(self._owner, kpi.owner)
            _set(self._cadence, kpi.cadence or "")
            for field, value in ((self._baseline, kpi.baseline), (self._target, kpi.target),
                                 (self._horizon, kpi.horizon_months)):
                if field.value != value:
                    field.set_quietly(value)
        finally:
            self._quiet = False

    def _on_edit(self, _change) -> None:
        if self._quiet:
            return
        try:
            kpi = self.kpi.model_copy(update={
                "level": self._level.value, "direction": self._direction.value,
                "baseline": self._baseline.value, "target": self._target.value,
                "horizon_months": self._horizon.value,
                "data_source": self._source.value or None,
                "owner": self._owner.value.strip(), "cadence": self._cadence.value or None})
            Kpi.model_validate(kpi.model_dump())
        except ValidationError as exc:
            self._message.value = field_error_html(error_message(exc, kpi_field_labels()))
            return
        self._message.value = ""
        if self._on_change_cb(kpi):
            self.kpi = kpi


class KpisApp(StepApp):
    """KPI trees per goal, each KPI's target and owner, ROI over time, UTM links."""


    def __init__(self, workspace: Workspace | None = None, **kwargs) -> None:
        self._goals: list[tuple[str, str, str | None]] = []  # id, label, business result
        self._platforms: list[tuple[str, str]] = []  # chosen platforms: id, name
        self._budget = None
        self._platforms_section = None
        self._quiet = False
        self._catalog = load_kpi_catalog()
        self._by_id = catalog_by_id(self._catalog)
        super().__init__(workspace, **kwargs)

    def field_labels(self) -> dict[str, str]:
        return {**kpi_field_labels(), "monthly_cost": _("Monthly cost"),
                "value_per_conversion": _("Value per conversion"),
                "conversions_per_month": _("Conversions in the first month"),
                "carry_over_percent": _("Carry-over"),
                "growth_percent_per_month": _("Community growth"), "months": _("Months"),
                **utm_field_labels(), "campaigns": _("Campaigns")}

    # -- building --------------------------------------------------------------------------

    TABS = ("trees", "roi", "links", "plan")

    def build_workarea(self) -> list[w.Widget]:
        # One layout and one style for the app's HTML parts: fewer widgets for the page to
        # load (they are never changed one by one, and closed only with the app).
        self._html_layout = w.Layout()
        self._html_style = HTMLStyle()
        tabs = self.make_tabs([_("1. KPI trees"), _("2. ROI over time"),
                               _("3. Links and attribution"), _("4. Measurement plan")])
        return [w.HTML(KPIS_CSS, layout=w.Layout(height="0px")), tabs]

    def _html(self, value: str = "") -> w.HTML:
        return w.HTML(value, layout=self._html_layout, style=self._html_style)

    def show_tab(self, part: str) -> None:
        self._show_controls(self.section)
        self.redraw(self.section)

    def _build_trees(self) -> list[w.Widget]:
        self._goal_pick = _stacked(w.Dropdown(options=[], layout=w.Layout(width="360px"),
                                              description=_("Goal")))
        self._goal_pick.observe(self._on_goal_pick, names="value")
        self._goal_note = self._html()
        self._suggestions = self._html()
        self._catalog_pick = _stacked(w.Dropdown(options=[], layout=w.Layout(width="360px"),
                                                 description=_("KPI from the catalog")))
        self._add_catalog = w.Button(description=_("Add KPI"), icon="plus",
                                     button_style="primary", layout=w.Layout(width="auto"))
        self._add_catalog.on_click(self._on_add_catalog)
        self._own_name = _stacked(w.Text(placeholder=_("e.g. demo requests"),
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
        self._kpi_pick = _stacked(w.Dropdown(options=[(_("Choose a KPI…"), "")],
                                             layout=w.Layout(width="360px"),
                                             description=_("Set a KPI's numbers")))
        slot = self.editor_slot(self._kpi_pick)
        trees = _box(_("From each goal to what you count"), _(
            "Each goal from your planning step gets an outcome KPI (the business result), "
            "driver KPIs that move it (visits, answers) and activity KPIs that show the work "
            "is done. Followers and likes may sit at the bottom; never let them be the goal."),
            [self._goal_note, self._goal_pick, self._suggestions,
             _row([self._catalog_pick, self._add_catalog, self._own_name, self._add_own]),
             self._own_message, self._vanity, self._tree, self._treemap_toggle,
             self._treemap_slot], self._html)
        each = _box(_("Each KPI: today's value, target, source, owner"), _(
            "Open a KPI to give it a baseline, a target with a horizon, where the numbers "
            "come from and who reviews it how often."), [self._kpi_pick, slot],
            self._html)
        return [trees, each]

    def _build_roi(self) -> list[w.Widget]:
        def number(label: str, placeholder: str, maximum: float, width: str,
                   **kwargs) -> NumberField:
            field = NumberField(placeholder, None, maximum=maximum, width=width,
                                description=label, locale=self.locale, **kwargs)
            _stacked(field.text)
            field.observe(self._on_roi, names="value")
            return field

        self._cost = number(_("Monthly cost"), _("per month"), MAX_MONEY_PER_MONTH, "170px")
        self._roi_fields = {
            "monthly_cost": self._cost,
            "value_per_conversion": number(_("Value of one conversion"), _("per conversion"),
                                           MAX_VALUE_PER_CONVERSION, "170px"),
            "conversions_per_month": number(_("Conversions, first month"), _("conversions"),
                                            MAX_CONVERSIONS_PER_MONTH, "170px"),
            "carry_over_percent": number(_("Carry-over (% a month)"), "%",
                                         MAX_CARRY_OVER_PERCENT, "150px"),
            "growth_percent_per_month": number(_("Community growth (% a month)"), "%",
                                               MAX_GROWTH_PERCENT_PER_MONTH, "220px"),
            "months": number(_("Months shown"), _("months"), MAX_ROI_MONTHS, "110px",
                             minimum=1, whole=True)}
        self._cost_note = self._html()
        self._roi_summary = self._html()
        self._roi_chart = self._html()
        self._roi_assumptions = self._html()
        return [_box(_("ROI over time"), _(
            "Returns on social media build: an audience becomes a community and trust grows. "
            "Compare the naive view (this month's return from this month's spend) with one "
            "where part of the effort carries over and the community grows."), [
            _row(list(self._roi_fields.values())), self._cost_note, self._roi_summary,
            self._roi_chart, self._roi_assumptions])]

    def _build_links(self) -> list[w.Widget]:
        labels = utm_field_labels()
        placeholders = {"url": "https://example.com/offer", "source": "linkedin",
                        "medium": "social", "campaign": "spring-launch",
                        "term": _("optional"), "content": _("optional")}
        self._utm: dict[str, w.Text] = {}
        self._utm_errors: dict[str, w.HTML] = {}
        cells = []
        for name in ("url", *UTM_FIELDS):
            text = _stacked(w.Text(placeholder=placeholders[name], continuous_update=False,
                                   description=labels[name], layout=w.Layout(width="auto")))
            text.observe(self._on_utm, names="value")
            self._utm[name] = text
            self._utm_errors[name] = self._html()
            cell = w.VBox([text, self._utm_errors[name]], layout=w.Layout(
                width="520px" if name == "url" else "210px"))
            cells.append(cell)
        self._utm_notices = self._html()
        self._link = self._html()
        self._campaigns = _stacked(w.Text(
            placeholder=_("e.g. spring-launch, webinar-may"), continuous_update=False,
            layout=w.Layout(width="560px"),
            description=_("Campaigns, separated by commas")))
        self._campaigns.observe(self._on_campaigns, names="value")
        self._campaigns_error = self._html()
        self._batch = self._html()
        question = hear_about_us()
        self._hear_added = w.Checkbox(description=_("Added to our contact form"), indent=False,
                                      layout=w.Layout(width="auto"))
        self._hear_added.observe(self._on_hear, names="value")
        builder = _box(_("A tagged link for every post"), _(
            "Tag every link you post with UTM parameters (source, medium and campaign are "
            "required; lower case, no spaces), so web analytics counts what social brings. "
            "Never tag links between your own pages."), [
            _row(cells[:3], top=True), _row(cells[3:], top=True), self._utm_notices,
            self._link], self._html)
        batch = _box(_("Links for every chosen platform × campaign"), _(
            "The same page, one link per platform you chose and campaign: copy them from the "
            "table or download them all as a CSV file."), [
            self._campaigns, self._campaigns_error, self._batch], self._html)
        ask = _box(_("Ask your customers"), "", [
            self._html(f"<div><b>“{html.escape(question.question)}”</b> · "
                   f"{html.escape(question.field)}</div>"
                   f'<div class="sp-kp-note">{html.escape(question.why)}</div>'),
            self._hear_added], self._html)
        return [builder, batch, ask]

    def _build_plan(self) -> list[w.Widget]:
        self._plan = self._html()
        return [_box(_("Measurement plan"), _(
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
        self._quiet = True
        try:
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
                _set(self._campaigns, ", ".join(utm.campaigns))
                _set(self._hear_added, section.hear_about_us_added)
            if "trees" in self._built:
                self._draw_goal_pick()
        finally:
            self._quiet = False

    def _read_other_sections(self) -> None:
        """Goals (planning), chosen platforms and the budget, read with the team's plan."""
        try:
            plan = self.workspace.load(self.team) if self.team else None
        except Exception:  # the other steps unreadable: this step still works on its own
            plan = None
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
        if self._quiet:
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
            self._own_message.value = field_error_html(error_message(exc, self.field_labels()))
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
        if kpi != editor.kpi:
            editor.show_kpi(kpi)
        chosen = [pid for pid, _name in self._platforms]
        editor.checks.value = checks_html(kpi_checks(editor.kpi, chosen, self._by_id))
        return True

    def _on_roi(self, _change) -> None:
        if self.busy():
            return
        values = {name: field.value for name, field in self._roi_fields.items()}
        for name in ("carry_over_percent", "growth_percent_per_month", "months"):
            if values[name] is None:  # blank: back to the stated assumption
                values[name] = type(self.section.roi).model_fields[name].default
        self.replace(roi=self.section.roi.model_copy(update=values))

    def _on_utm(self, change) -> None:
        if self.busy():
            return
        name = next(n for n, text in self._utm.items() if text is change["owner"])
        error = self._utm_errors[name]
        try:
            if name == "url":
                value, notices = normalise_url(change["new"]) if change["new"].strip() else (
                    "", [])
            else:
                value, notices = normalise_value(change["new"], name)
        except UtmError as exc:
            error.value = field_error_html(str(exc))
            return
        error.value = ""
        self._utm_notices.value = "".join(message_html(n, "info") for n in notices)
        with self.quietly():
            _set(self._utm[name], value)
        self.replace(utm=self.section.utm.model_copy(update={name: value}))

    def _on_campaigns(self, change) -> None:
        if self.busy():
            return
        values, notices = [], []
        try:
            for part in change["new"].split(","):
                value, part_notices = normalise_value(part, "campaign")
                if value:
                    values.append(value)
                    notices += part_notices
        except UtmError as exc:
            self._campaigns_error.value = field_error_html(str(exc))
            return
        values = list(dict.fromkeys(values))
        if len(values) > MAX_CAMPAIGNS:
            self._campaigns_error.value = field_error_html(_("At most {n} campaigns.").format(
                n=MAX_CAMPAIGNS))
            return
        self._campaigns_error.value = "".join(message_html(n, "info") for n in notices[:3])
        with self.quietly():
            _set(self._campaigns, ", ".join(values))
        self.replace(utm=self.section.utm.model_copy(update={"campaigns": values}))

    def _on_hear(self, change) -> None:
        if self.busy():
            return
        self.replace(hear_about_us_added=bool(change["new"]))

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
            self._plan.value = plan_table_html(measurement_plan(section, goals))

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


    def _draw_roi(self, section: KpisSection) -> None:
        roi = section.roi
        cost, origin = effective_monthly_cost(roi, self._budget, self._platforms_section)
        self._cost.text.description = _("Monthly cost ({currency})").format(
            currency=self.currency)
        self._roi_fields["value_per_conversion"].text.description = _(
            "Value of one conversion ({currency})").format(currency=self.currency)
        if origin == "budget":
            note = _("The monthly cost comes from your budget step (activities, paid "
                     "promotion and staff time): {cost} {currency}. Type a number to use "
                     "another.").format(
                cost=format_number(cost, locale=self.locale), currency=self.currency)
        elif origin == "team":
            note = _("Count staff time as well as money: social media is not free.")
        else:
            note = _("Your budget step has no monthly total yet: enter the monthly cost here "
                     "(staff time, tools and paid reach).")
        self._cost_note.value = f'<div class="sp-kp-note">{html.escape(note)}</div>'
        projection, missing = project(roi, self._budget, self._platforms_section)
        if projection is None:
            self._roi_summary.value = message_html(missing, "info")
            self._roi_chart.value = ""
        else:
            month = projection.break_even_month
            headline = (_("Break-even: month {month}").format(month=month) if month is not None
                        else _("No break-even within {months} months").format(
                            months=roi.months))
            self._roi_summary.value = (
                f'<div class="sp-kp-breakeven">{html.escape(headline)}</div>'
                f'<div class="sp-kp-note">{html.escape(roi_summary(projection, roi.months))}'
                "</div>")
            self._roi_chart.value = roi_chart_svg(projection, self.currency)
        self._roi_assumptions.value = (f'<div class="sp-kp-note">'
                                       f"{html.escape(roi_assumptions_text(roi))}</div>")

    def _draw_links(self, section: KpisSection) -> None:
        utm = section.utm
        result = build_link(utm.url, utm.source, utm.medium, utm.campaign, utm.term,
                            utm.content)
        if result.link:
            warnings = "".join(message_html(text, "warning") for text in result.warnings)
            self._link.value = (
                f'<div class="sp-kp-label">{html.escape(_("Your link"))}</div>'
                f'<input class="sp-kp-link sp-kp-single" readonly '
                f'value="{html.escape(result.link)}">'
                + COPY_BUTTON.format(label=html.escape(_("Copy"))) + warnings)
        else:
            labels = utm_field_labels()
            missing = [labels[name] for name in result.errors]
            text = _("Fill in {fields} to build the link.").format(fields=", ".join(missing))
            self._link.value = f'<div class="sp-kp-note">{html.escape(text)}</div>'
        self._draw_batch(utm)

    def _draw_batch(self, utm) -> None:
        names = [name for _pid, name in self._platforms]
        note = ""
        if not names:
            note = _("Choose your platforms in the platforms step: a link is made for each of "
                     "them and each campaign.")
        elif not utm.url or not utm.campaigns:
            note = _("Enter the page above and one or more campaigns: links for {platforms}."
                     ).format(platforms=", ".join(names))
        if note:
            self._batch.value = f'<div class="sp-kp-note">{html.escape(note)}</div>'
            return
        try:
            links = batch_links(utm.url, names, utm.campaigns, utm.medium or "social",
                                utm.content)
        except UtmError as exc:
            self._batch.value = message_html(str(exc), "error")
            return
        head = "".join(f"<th>{html.escape(t)}</th>" for t in (
            _("Platform"), _("Campaign"), _("Link")))
        rows = "".join(f"<tr><td>{html.escape(link.platform)}</td>"
                       f"<td>{html.escape(link.campaign)}</td>"
                       f"<td>{html.escape(link.link)}</td></tr>"
                       for link in links[:BATCH_PREVIEW_ROWS])
        more = ""
        if len(links) > BATCH_PREVIEW_ROWS:
            text = _("… and {n} more in the file.").format(n=len(links) - BATCH_PREVIEW_ROWS)
            more = f'<div class="sp-kp-note">{html.escape(text)}</div>'
        data = quote(links_csv(links), safe="")
        download = (f'<a class="sp-kp-download" download="utm-links.csv" '
                    f'href="data:text/csv;charset=utf-8,{data}">'
                    f"{html.escape(_('Download all {n} links (CSV)').format(n=len(links)))}</a>")
        self._batch.value = (f'<table class="sp-kp-table sp-kp-batch"><tr>{head}</tr>{rows}'
                             f"</table>{more}<div>{download}</div>")
