"""The start page's client scenarios (``datasets/scenarios``): a new team whose plan is the
scenario's, started under the scenario's name (numbered when taken) or a typed one."""

from __future__ import annotations

import html

import ipywidgets as w

from socialplaybook.plan.model import PlanError
from socialplaybook.plan.scenarios import (
    ScenarioInfo,
    load_scenario,
    scenario_catalog,
    start_names,
)
from socialplaybook.rules.i18n import _
from socialplaybook.workspace.errors import TeamExistsError, WorkspaceError
from widgets.kit.labels import fit_labels
from widgets.kit.messages import error_message, message_html


def scenario_summary_html(info: ScenarioInfo | None) -> str:
    """The line that says who a scenario's company is, and the team name it starts under."""
    if info is None:
        return ""
    name = _("Leave the name empty to start as {team} (numbered when that team exists).")
    return (f'<p class="sp-file-note">{html.escape(info.summary)}</p>'
            f'<p class="sp-file-note">{html.escape(name.format(team=info.team))}</p>')


def describe_error(exc: Exception) -> str:
    """What went wrong, for a message: the workspace's or a value's own words, else that
    the workspace could not be reached."""
    if isinstance(exc, (WorkspaceError, ValueError)):
        return error_message(exc)
    return _("the workspace could not be reached ({error}).").format(error=type(exc).__name__)


class ScenarioStart:
    """The start page's card that starts a team from a scenario (a mixin of StartHere: it
    uses its workspace, picker, messages and ``_show_team``)."""

    @property
    def scenario_message(self) -> str:
        """The HTML of the message about starting from a scenario ("" when none)."""
        return self._scenario_message.value

    # -- start from a scenario ------------------------------------------------------------

    def _scenario_card(self) -> w.VBox:
        try:
            self._scenarios = {info.id: info for info in scenario_catalog()}
        except (OSError, ValueError):  # a broken install: the rest of the page works
            self._scenarios = {}
        self.scenario = w.Dropdown(options=[(info.team, info.id)
                                            for info in self._scenarios.values()],
                                   layout=w.Layout(width="360px"),
                                   style={"description_width": "110px"})
        self.scenario_team = w.Text(layout=w.Layout(width="360px"),
                                    style={"description_width": "110px"})
        self.scenario_button = w.Button(icon="copy", button_style="primary",
                                        layout=w.Layout(width="auto", align_self="flex-start"))
        self._scenario_head = w.HTML()
        self._scenario_summary = w.HTML()
        self._scenario_message = w.HTML()
        self.scenario.observe(self._on_scenario, names="value")
        self.scenario_button.on_click(self._on_start_scenario)
        box = w.VBox([
            self._scenario_head, self.scenario, self._scenario_summary, self.scenario_team,
            self.scenario_button, self._scenario_message])  # texts: _label_scenarios
        box.add_class("sp-card")
        box.layout.display = None if self._scenarios else "none"
        return box

    def _label_scenarios(self) -> None:
        self.scenario.description = _("Scenario")
        self.scenario_team.description = _("Team name")
        fit_labels([self.scenario, self.scenario_team], minimum_px=110, control_px=250)
        self.scenario_button.description = _("Start from this scenario")
        self._scenario_head.value = (
            f"<h3>{html.escape(_('Start from a client scenario'))}</h3>"
            "<p class='sp-file-note'>" + html.escape(_(
                "A complete plan of a realistic company, every step filled in: it becomes a "
                "new team whose plan is the scenario's, yours to change and compare.")) + "</p>")
        self._on_scenario({"new": self.scenario.value})

    def _on_scenario(self, change) -> None:
        info = self._scenarios.get(change["new"] or "")
        self._scenario_summary.value = scenario_summary_html(info)
        self.scenario_team.placeholder = info.team if info else ""

    def _on_start_scenario(self, _button=None) -> None:
        info = self._scenarios.get(self.scenario.value or "")
        if info is None or self.presenting:
            return
        try:
            plan = load_scenario(info.id)
            stored, revision = self.workspace.add_team(
                plan, start_names(plan.team, self.scenario_team.value))
        except TeamExistsError:
            self._scenario_message.value = message_html(_(
                "There is already a team called '{name}': type another name, or leave the "
                "name empty to start as {team} with a number.").format(
                    name=" ".join(self.scenario_team.value.split()), team=info.team))
            return
        except (PlanError, WorkspaceError, ValueError) as exc:
            self._scenario_message.value = message_html(
                _("No team was started: {reason}").format(reason=error_message(exc)))
            return
        except Exception as exc:
            self._scenario_message.value = message_html(
                _("No team was started: {reason}").format(reason=describe_error(exc)))
            return
        self.scenario_team.value = ""
        self._file_message.value = ""
        self._scenario_message.value = message_html(_(
            "Team {team} started from the scenario {scenario} (revision {n}): its plan is the "
            "scenario's, yours to change.").format(team=stored.team, scenario=info.team,
                                                  n=revision.number), "info")
        self._choose(stored.team)

    def _choose(self, team: str) -> None:
        """Work as ``team`` (just made), keeping the message that says how it was made."""
        before = self.picker.team
        self._importing = True
        try:
            self.picker.select(team)
        finally:
            self._importing = False
        if self.picker.team == before:  # already chosen: no change event, so read it here
            self._show_team(team)
