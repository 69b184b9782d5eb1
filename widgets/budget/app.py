"""The budget app: time, money, paid and organic reach, and the paid budget's best split.

Every number comes from ``socialplaybook.budget``; this module reads the controls, asks
the core and shows the result. Tables, bars and curves are inline HTML and SVG (no
plotly), so the page is interactive sooner; a platform's editor is built only when
opened.
"""

from __future__ import annotations

import html

import ipywidgets as w
import scipy.optimize  # noqa: F401 - the solver loads while the kernel is preheated
from pydantic import ValidationError

from socialplaybook.rules.capacity import describe_hours
from socialplaybook.rules.carryover import (
    DEFAULT_CARRY_OVER_PER_WEEK,
    MAX_CARRY_OVER,
    carry_over_text,
)
from socialplaybook.rules.checks import HOURS_IN_A_WEEK
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_number, format_rounded
from socialplaybook.rules.vocabulary import MAX_PEOPLE, platform_id
from socialplaybook.steps.budget.limits import (
    COST_ITEMS,
    MAX_EXCHANGE_RATE,
    MAX_HOURLY_COST,
    OUTCOMES,
    cost_item_labels,
)
from socialplaybook.steps.budget.lines import PlatformLine, default_item, with_item
from socialplaybook.steps.budget.optimiser import slider_range
from socialplaybook.steps.budget.outcomes import outcome_labels
from socialplaybook.steps.budget.section import BudgetSection, PlatformBudget
from socialplaybook.steps.budget.view import BudgetView, budget_view
from socialplaybook.workspace.store import Workspace
from widgets.app.step_app import StepApp
from widgets.budget.charts import build_up_svg, curves_svg
from widgets.budget.editor import PlatformEditor
from widgets.budget.form import _field, _set_field
from widgets.budget.scenarios_tab import ScenariosTab
from widgets.budget.views import (
    allocation_html,
    headline_html,
    money_html,
    reach_html,
    split_line_html,
    time_html,
)
from widgets.kit.card import card, row, stacked
from widgets.kit.messages import checks_html, error_message, field_error_html
from widgets.kit.quiet import set_if_changed

# -- the app ------------------------------------------------------------------------------------


class BudgetApp(ScenariosTab, StepApp):
    """Time, money, paid against organic reach, the paid budget's split, and scenarios.

    The total cost (and the split in one line) stays above five tabs; the first tab is
    built with the app, the others the first time they are shown, so the page is
    interactive sooner.
    """

    TABS = ("time", "money", "reach", "split", "scenarios")

    def __init__(self, workspace: Workspace | None = None, **kwargs) -> None:
        self._planning = None
        self._platforms = None
        self._view: BudgetView | None = None
        self._scenario_error = ""
        super().__init__(workspace, **kwargs)

    def field_labels(self) -> dict[str, str]:
        labels = {"people": _("People"), "hours_per_week": _("Hours a week"),
                  "hourly_staff_cost": _("Staff cost an hour"),
                  "paid_budget": _("Paid budget a month"),
                  "carry_over_per_week": _("Carry-over a week"), "platforms": _("Platforms"),
                  "outcome": _("What the paid budget is split for"),
                  "value_per_sale": _("What a sale is worth"),
                  "exchange_rate_per_usd": _("Exchange rate"),
                  "exchange_rate_date": _("Date of the rate"),
                  "scenarios": _("Scenarios"), "name": _("Scenario name"),
                  "monthly_costs": _("Monthly costs")}
        return {**labels, **cost_item_labels()}

    # -- building --------------------------------------------------------------------------

    def build_workarea(self) -> list[w.Widget]:
        self._headline = w.HTML()
        self._headline.add_class("sp-bu-head")
        # The first tab is built with the app, so its widgets reach the page with the app's
        # first state.
        tabs = self.make_tabs([_("1. Time and platforms"), _("2. Money"),
                               _("3. Paid and organic reach"), _("4. Paid budget split"),
                               _("5. Scenarios")], build_first=True)
        return [self._headline, tabs]

    def show_tab(self, part: str) -> None:
        self._show_controls(self.section)
        self.redraw(self.section)

    def _build_time(self) -> w.Widget:
        self._people = _field(_("People"), _("people"), maximum=MAX_PEOPLE, whole=True,
                              width="150px")
        self._hours = _field(_("Hours a week, all together"), _("hours"),
                             maximum=HOURS_IN_A_WEEK * MAX_PEOPLE, width="260px")
        self._people.observe(self._on_people, names="value")
        self._hours.observe(self._on_hours, names="value")
        self._pick = w.Dropdown(options=[(_("Change a platform's numbers…"), "")],
                                layout=w.Layout(width="300px"),
                                description=_("Change a platform's numbers"))
        self._pick.add_class("sp-sr-label")
        self._add_name = w.Text(placeholder=_("Add a platform (any name)"),
                                description=_("Add a platform"),
                                layout=w.Layout(width="220px"))
        self._add_name.add_class("sp-sr-label")
        self._add = w.Button(description=_("Add"), icon="plus", layout=w.Layout(width="auto"))
        self._add.on_click(self._on_add)
        slot = self.editor_slot(self._pick)
        self._time = w.HTML()  # where the hours come from, the table, the checks
        return card(_("Time: what the platforms take each week"), _(
            "Making and curating posts, answering messages, listening: per platform, against "
            "the hours your team has. One full-time person runs 2-4 accounts well: your hours "
            "count in full-time equivalents of your working week (set in planning). The "
            "platforms are "
            "those you chose in the Platforms step; each starts from the toolkit's estimate: "
            "change its numbers to yours."), [
            row([self._people, self._hours], top=True), self._time,
            row([self._pick, self._add_name, self._add], top=True), slot])

    def _build_money(self) -> w.Widget:
        labels = cost_item_labels()
        currency = self.currency
        self._costs = {a: _field(f"{labels[a]} ({currency})", "0", width="440px")
                       for a in COST_ITEMS}
        self._hourly = _field(_("Staff cost an hour ({c})").format(c=currency), _("e.g. 45"),
                              maximum=MAX_HOURLY_COST, width="440px")
        for field in (*self._costs.values(), self._hourly):
            field.text.style.description_width = "280px"
            field.text.add_class("sp-wrap-label")  # a long name wraps, never cut
            field.observe(self._on_money, names="value")
        self._money = w.HTML()
        return card(_("Money a month"), _(
            "What each activity costs a month, and what an hour of staff time costs you. Paid "
            "promotion is the paid budget (tab 4)."), [
            row([w.VBox([*self._costs.values(), self._hourly]), self._money], top=True)])

    def _build_reach(self) -> w.Widget:
        self._reach = w.HTML()
        return card(_("Paid against organic reach"), _(
            "Organic reach shrinks as the platforms monetise. Change a platform's followers, "
            "reach rate and CPM in tab 1."), [self._reach])

    def _build_split(self) -> w.Widget:
        self._budget_slider = w.IntSlider(value=0, min=0, max=10_000, step=100,
                                          description=_("Paid budget a month"),
                                          continuous_update=False, readout=False,
                                          style={"description_width": "150px"},
                                          layout=w.Layout(width="520px"))
        self._budget_field = _field(_("Paid budget a month, exact amount"), _("amount"),
                                    width="150px")
        self._budget_field.text.add_class("sp-sr-label")  # the slider's label names it
        self._only_increase = w.Checkbox(description=_("Allocate only the increase over "
                                                       "today's spend"), indent=False,
                                         layout=w.Layout(width="auto"))
        self._budget_slider.observe(self._on_budget_slider, names="value")
        self._budget_field.observe(self._on_budget_field, names="value")
        self._only_increase.observe(self._on_only_increase, names="value")
        self._allocation = w.HTML()  # the split, and the curves under it
        labels = outcome_labels()
        self._outcome = stacked(w.Dropdown(
            options=[(_("As the planning goals ask (or leads)"), "")]
            + [(labels[o], o) for o in OUTCOMES],
            description=_("What the paid budget is split for"), layout=w.Layout(width="300px")))
        self._outcome.observe(self._on_outcome, names="value")
        self._value_per_sale = _field(_("What a sale is worth ({c})").format(c=self.currency),
                                      _("e.g. 120"), width="220px")
        self._value_per_sale.observe(self._on_value_per_sale, names="value")
        self._rate = _field(_("Units of {c} for one US dollar").format(c=self.currency),
                            _("the toolkit's rate"), maximum=MAX_EXCHANGE_RATE, width="230px")
        self._rate_date = stacked(w.DatePicker(description=_("Date of the rate"),
                                               layout=w.Layout(width="180px")))
        for field in (self._value_per_sale, self._rate):  # labels above, as in their row
            stacked(field.text)
        self._rate.observe(self._on_rate, names="value")
        self._rate_date.observe(self._on_rate, names="value")
        self._rate_note = w.HTML()
        self._theta = stacked(w.Dropdown(
            options=[(f"{format_rounded(t * 10, locale=self.locale)} %", t / 10)
                     for t in range(0, int(MAX_CARRY_OVER * 10) + 1)],
            value=DEFAULT_CARRY_OVER_PER_WEEK, description=_("Carry-over from one week to "
                                                             "the next"),
            layout=w.Layout(width="260px")))
        self._theta.observe(self._on_theta, names="value")
        self._theta_note = w.HTML()
        self._build_up = w.HTML()
        budget_row = row([self._budget_slider, self._budget_field, self._only_increase],
                         top=True)
        budget_row.add_class("sp-bu-budget")
        return card(_("The paid budget's best split for your outcome: diminishing returns"), _(
            "The paid budget is split for what your goals need (leads, sales or the value of "
            "sales), never for impressions. Each platform's results flatten as you spend more "
            "(a Hill curve whose cost per result holds at its half-saturation spend). The split "
            "gives every next amount to the platform where it brings the most, within the "
            "minimum and maximum you set (tab 1). Costs per result and curves are cited "
            "benchmarks converted to your currency, the toolkit's judgement, or yours: change "
            "them in tab 1."), [
            row([self._outcome, self._value_per_sale, self._rate, self._rate_date]),
            self._rate_note, budget_row, self._allocation, self._theta, self._theta_note,
            self._build_up])

    # -- showing a stored section ----------------------------------------------------------

    def show_section(self, section: BudgetSection) -> None:
        plan = self.plan
        self._planning = plan.planning if plan else None
        self._platforms = plan.platforms if plan else None
        if self.build_shown_tab():  # shows and draws it
            return
        self._show_controls(section)
        self.redraw(section)

    def _show_controls(self, section: BudgetSection) -> None:
        """Set the built tabs' controls from ``section`` without it counting as an edit."""
        with self.quietly():
            if "time" in self._built:
                _set_field(self._people, section.people, self.locale)
                _set_field(self._hours, section.hours_per_week, self.locale)
            if "money" in self._built:
                for name, field in self._costs.items():
                    _set_field(field, getattr(section.monthly_costs, name) or None, self.locale)
                _set_field(self._hourly, section.hourly_staff_cost, self.locale)
            if "split" in self._built:
                _set_field(self._budget_field, section.paid_budget or None, self.locale)
                theta = round(section.carry_over_per_week, 1)
                if self._theta.value != theta:
                    self._theta.value = theta
                set_if_changed(self._outcome, section.outcome or "")
                _set_field(self._value_per_sale, section.value_per_sale, self.locale)
                _set_field(self._rate, section.exchange_rate_per_usd, self.locale)
                set_if_changed(self._rate_date, section.exchange_rate_date)
                if self._only_increase.value != section.only_increase:
                    self._only_increase.value = section.only_increase

    # -- edits -------------------------------------------------------------------------------

    def _on_people(self, change) -> None:
        """Only the field typed in: the other keeps following the other steps."""
        if self.busy():
            return
        self.replace(people=change["new"])

    def _on_hours(self, change) -> None:
        if self.busy():
            return
        self.replace(hours_per_week=change["new"])

    def _on_money(self, _change) -> None:
        if self.busy():
            return
        costs = self.section.monthly_costs.model_copy(
            update={a: field.value or 0.0 for a, field in self._costs.items()})
        self.replace(monthly_costs=costs, hourly_staff_cost=self._hourly.value)

    def _on_budget_slider(self, change) -> None:
        if self.busy():
            return
        self.replace(paid_budget=float(change["new"]))

    def _on_budget_field(self, change) -> None:
        if self.busy():
            return
        self.replace(paid_budget=float(change["new"] or 0.0))

    def _on_only_increase(self, change) -> None:
        if self.busy():
            return
        self.replace(only_increase=bool(change["new"]))

    def _on_theta(self, change) -> None:
        if self.busy():
            return
        self.replace(carry_over_per_week=float(change["new"]))

    def _on_outcome(self, change) -> None:
        if self.busy():
            return
        self.replace(outcome=change["new"] or None)

    def _on_value_per_sale(self, change) -> None:
        if self.busy():
            return
        self.replace(value_per_sale=change["new"])

    def _on_rate(self, _change) -> None:
        """The team's own exchange rate, stored with its date (both or neither)."""
        if self.busy():
            return
        rate, on = self._rate.value, self._rate_date.value
        if (rate is None) != (on is None):
            self._rate_note.value = field_error_html(
                _("Give the rate and the date it is from, or neither (the toolkit's dated "
                  "rate is used)."), wide=True)
            return
        self._rate_note.value = ""
        self.replace(exchange_rate_per_usd=rate, exchange_rate_date=on)

    def _on_item(self, item: PlatformBudget) -> bool:
        if self.busy():
            return False
        if not self.replace(platforms=with_item(self.section, item).platforms):
            return False
        if not item.included and self._editor is not None:
            self._close_editor()
        return True

    def _on_unit(self, unit: str) -> str:
        """The unit every curve's results are in; returns the problem ("" when taken)."""
        if self.busy():
            return ""
        try:
            BudgetSection.model_validate({**self.section.model_dump(), "response_unit": unit})
        except ValidationError as exc:
            return error_message(exc, {"response_unit": _("Results measured in")})
        self.replace(response_unit=unit)
        return ""

    def _on_add(self, _button=None) -> None:
        name = " ".join(self._add_name.value.split())
        if self.busy() or not name:
            return
        pid = platform_id(name)
        if any(line.id == pid for line in (self._view.lines if self._view else [])):
            self.show_message(_("{name} is already in the budget.").format(name=name), "info")
            return
        stored = next((i for i in self.section.platforms if i.id == pid), None)
        item = (stored.model_copy(update={"included": True}) if stored else
                default_item(pid, name[:120]))
        if self.replace(platforms=with_item(self.section, item).platforms):
            self._add_name.value = ""
            self._open_editor(pid)

    # -- a platform's editor -----------------------------------------------------------------

    def _line(self, pid: str) -> PlatformLine | None:
        return next((line for line in (self._view.lines if self._view else [])
                     if line.id == pid), None)

    def make_editor(self, pid: str) -> PlatformEditor | None:
        line = self._line(pid)
        if line is None:
            return None
        return PlatformEditor(line, self._on_item, self._close_editor, self.locale,
                              self._on_unit, self.section.response_unit)

    def update_editor(self, editor: PlatformEditor) -> bool:
        line = self._line(editor.platform_id)
        if line is None:
            return False
        editor.set_locale(self.locale)
        editor.show_line(line, self.currency, self._unit())
        return True

    # -- redrawing ------------------------------------------------------------------------------

    def _unit(self) -> str:
        """The unit of the split's results: the outcome's, or the team's name for a result."""
        if self._view is not None:
            return self._view.terms.unit()
        unit = self.section.response_unit if self.section is not None else ""
        return unit or _("leads")

    def redraw(self, section: BudgetSection) -> None:
        currency, locale = self.currency, self.locale
        view = budget_view(section, self._platforms, self._planning, currency, locale)
        self._view = view
        unit = view.terms.unit()
        self._headline.value = (headline_html(view, currency, locale)
                                + split_line_html(view, currency, locale))
        if "time" in self._built:
            self._draw_time(view, locale)
        if "money" in self._built:
            self._money.value = money_html(view, currency, locale)
        if "reach" in self._built:
            self._reach.value = reach_html(view, currency, locale)
        if "split" in self._built:
            low, high, step = slider_range(section.paid_budget, view.lines)
            with self.quietly():
                self._set_slider(section.paid_budget, high, step)
            _set_field(self._budget_field, section.paid_budget or None, locale)
            self._allocation.value = (allocation_html(view, currency, unit, locale)
                                      + curves_svg(view, currency, unit, locale))
            carry_over = carry_over_text(section.carry_over_per_week, locale)
            self._theta_note.value = f'<div class="sp-card-note">{html.escape(carry_over)}</div>'
            self._build_up.value = build_up_svg(view, unit, locale)
        if "scenarios" in self._built:
            self._draw_scenarios(section, currency, unit, locale)

    def _draw_time(self, view: BudgetView, locale: str) -> None:
        source = {"platforms": _("From your platforms step: type here to change them."),
                  "planning": _("From your planning step's resources: type here to change "
                                "them."),
                  "budget": "", "": _("Enter your people and hours.")}[view.capacity.source]
        # a blank field shows, greyed, what the other steps give (or its own hint)
        capacity = view.capacity
        self._people.text.placeholder = (_("people") if capacity.people is None else
                                         format_number(capacity.people, locale=locale))
        self._hours.text.placeholder = (_("hours") if capacity.hours_per_week is None else
                                        format_number(capacity.hours_per_week, locale=locale))
        if capacity.hours_per_week is not None:
            source = " ".join(part for part in (source, describe_hours(
                capacity.hours_per_week, capacity.work_week_hours, locale)) if part)
        self._time.value = (f'<div class="sp-card-note">{html.escape(source)}</div>'
                            + time_html(view, locale) + checks_html(view.checks))
        options = [(_("Change a platform's numbers…"), "")] + [
            (line.platform, line.id) for line in view.lines]
        if list(self._pick.options) != options:
            value = self._pick.value
            with self.quietly():
                self._set_options(self._pick, options, value)
        self.refresh_editor()

    def _set_slider(self, value: float, high: int, step: int) -> None:
        slider = self._budget_slider
        if slider.max != high:
            if slider.value > high:
                slider.value = high
            slider.max = high
        if slider.step != step:
            slider.step = step
        if slider.value != round(value):
            slider.value = min(round(value), high)

    @staticmethod
    def _set_options(dropdown: w.Dropdown, options, value) -> None:
        dropdown.options = options
        dropdown.value = value if value in [v for _l, v in options] else ""

