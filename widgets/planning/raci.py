"""Who answers: the RACI grid of activities by departments.
"""

from __future__ import annotations

import html

import ipywidgets as w
from traitlets import Instance

from socialplaybook.steps.planning.section import (
    RACI,
)
from socialplaybook.steps.planning.vocabulary import (
    ACTIVITIES,
    DEPARTMENTS,
    activity_labels,
    department_labels,
    raci_letter_labels,
)
from widgets.kit.quiet import Quiet, set_if_changed


class RaciGrid(Quiet, w.VBox):
    """The RACI matrix: activities by departments, one letter per cell."""

    raci = Instance(RACI)

    def __init__(self, raci: RACI) -> None:
        departments, activities = department_labels(), activity_labels()
        options = [("–", ""), ("R", "R"), ("A", "A"), ("C", "C"), ("I", "I")]
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
        with self.quietly():
            for (activity, department), cell in self.cells.items():
                set_if_changed(cell, raci.letter(activity, department))
            self.raci = raci

    def _on_cell(self, _change) -> None:
        if self.quiet:
            return
        self.raci = RACI(cells={
            activity: {department: self.cells[(activity, department)].value
                       for department in DEPARTMENTS}
            for activity in ACTIVITIES})
