"""The budget app's scenarios tab: budget variants side by side."""

from __future__ import annotations

import ipywidgets as w
import scipy.optimize  # noqa: F401 - the solver loads while the kernel is preheated

from socialplaybook.rules.i18n import _
from socialplaybook.steps.budget.scenarios import scenario_from, summarise
from socialplaybook.steps.budget.section import BudgetSection
from widgets.budget.views import (
    scenarios_html,
)
from widgets.kit.card import card, row
from widgets.kit.messages import field_error_html


class ScenariosTab:
    """The budget app's scenarios tab: save the budget under a name, compare, use, delete (a
    mixin of BudgetApp)."""

    def _build_scenarios(self) -> w.Widget:
        self._scenario_name = w.Text(placeholder=_("Scenario name, e.g. lean"),
                                     description=_("Scenario name"),
                                     layout=w.Layout(width="240px"))
        self._scenario_name.add_class("sp-sr-label")
        self._save_scenario = w.Button(description=_("Save as scenario"), icon="save",
                                       layout=w.Layout(width="auto"))
        self._save_scenario.on_click(self._on_save_scenario)
        self._scenario_pick = w.Dropdown(options=[(_("A saved scenario…"), "")],
                                         layout=w.Layout(width="220px"),
                                         description=_("A saved scenario"))
        self._scenario_pick.add_class("sp-sr-label")
        self._use_scenario = w.Button(description=_("Use it"), icon="upload",
                                      layout=w.Layout(width="auto"))
        self._drop_scenario = w.Button(description=_("Delete"), icon="trash",
                                       layout=w.Layout(width="auto"))
        self._use_scenario.on_click(self._on_use_scenario)
        self._drop_scenario.on_click(self._on_drop_scenario)
        self._scenarios = w.HTML()
        return card(_("Scenarios: compare budget variants"), _(
            "Save this budget under a name (lean, growth…) and compare: the total cost with "
            "staff time, hours, reach and the expected response."), [
            row([self._scenario_name, self._save_scenario, self._scenario_pick,
                  self._use_scenario, self._drop_scenario], top=True), self._scenarios])


    def _on_save_scenario(self, _button=None) -> None:
        if self.busy():
            return
        try:
            scenario = scenario_from(self.section, self._scenario_name.value, self._platforms)
        except ValueError as exc:
            self._scenario_error = str(exc)
            self._draw_scenarios(self.section, self.currency, self._unit(), self.locale)
            return
        self._scenario_error = ""
        if self.replace(scenarios=[*self.section.scenarios, scenario]):
            self._scenario_name.value = ""

    def _on_use_scenario(self, _button=None) -> None:
        scenario = next((s for s in (self.section.scenarios if self.section else [])
                         if s.id == self._scenario_pick.value), None)
        if self.busy() or scenario is None:
            return
        if self.replace(**dict(scenario.inputs)):
            self._close_editor()
            self._show_controls(self.section)

    def _on_drop_scenario(self, _button=None) -> None:
        sid = self._scenario_pick.value
        if self.busy() or not sid:
            return
        self.replace(scenarios=[s for s in self.section.scenarios if s.id != sid])


    def _draw_scenarios(self, section: BudgetSection, currency: str, unit: str,
                        locale: str) -> None:
        options = [(_("A saved scenario…"), "")] + [(s.name, s.id) for s in section.scenarios]
        if list(self._scenario_pick.options) != options:
            value = self._scenario_pick.value
            with self.quietly():
                self._set_options(self._scenario_pick, options, value)
        summaries = [summarise(_("Now"), section, self._platforms, self._planning,
                               currency=currency)]
        summaries += [summarise(s.name, s.inputs, self._platforms, self._planning,
                                currency=currency) for s in section.scenarios]
        self._scenarios.value = (field_error_html(self._scenario_error)
                                 + scenarios_html(summaries, currency, unit, locale))
