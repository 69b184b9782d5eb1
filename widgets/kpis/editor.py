"""One KPI's editor: baseline, target, source, owner, review cadence.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
from pydantic import ValidationError

from socialplaybook.datasets import KpiDefinition
from socialplaybook.rules.i18n import _
from socialplaybook.steps.kpis.section import Kpi
from socialplaybook.steps.kpis.vocabulary import (
    CADENCES,
    DATA_SOURCES,
    LEVELS,
    MAX_HORIZON_MONTHS,
    MAX_KPI_VALUE,
    cadence_labels,
    data_source_labels,
    level_labels,
    stage_labels,
)
from widgets.kit.card import row, stacked
from widgets.kit.fields import NumberField
from widgets.kit.messages import error_message, field_error_html
from widgets.kit.quiet import Quiet, set_if_changed


def kpi_field_labels() -> dict[str, str]:
    """A KPI's fields as the editor names them (for messages)."""
    return {"name": _("KPI name"), "baseline": _("Baseline"), "target": _("Target"),
            "horizon_months": _("Horizon (months)"), "owner": _("Owner")}


class KpiEditor(Quiet, w.VBox):
    """The editor of one KPI: level, direction, baseline, target, horizon, source, owner,
    review cadence, and its checks. ``on_change(kpi)`` returns False when refused."""

    def __init__(self, kpi: Kpi, definition: KpiDefinition | None,
                 on_change: Callable[[Kpi], bool], on_remove: Callable[[str], None],
                 on_close: Callable[[], None], locale: str) -> None:
        self.kpi = kpi
        self._on_change_cb = on_change
        about = ""
        if definition is not None:
            informs = _("Informs: {decisions}").format(decisions=definition.decisions)
            about = (f'<div class="sp-card-note">{html.escape(stage_labels()[definition.stage])}'
                     f" · {html.escape(definition.formula)}<br>"
                     f"{html.escape(informs)}"
                     "</div>")
        self._head = w.HTML()
        self._about = about
        levels, sources, cadences = level_labels(), data_source_labels(), cadence_labels()
        def number(label: str, placeholder: str, width: str, **limits) -> NumberField:
            field = NumberField(placeholder, None, width=width, description=label,
                                locale=locale, **limits)
            stacked(field.text)
            return field

        self._level = stacked(w.Dropdown(options=[(levels[v], v) for v in LEVELS],
                                          description=_("Level"),
                                          layout=w.Layout(width="150px")))
        self._direction = stacked(w.Dropdown(options=[(_("should grow"), "up"),
                                                       (_("should fall"), "down")],
                                              description=_("Direction"),
                                              layout=w.Layout(width="150px")))
        self._baseline = number(_("Baseline (today)"), _("today"), "140px",
                                maximum=MAX_KPI_VALUE)
        self._target = number(_("Target"), _("target"), "140px", maximum=MAX_KPI_VALUE)
        self._horizon = number(_("Horizon (months)"), _("months"), "140px", minimum=1,
                               maximum=MAX_HORIZON_MONTHS, whole=True)
        self._source = stacked(w.Dropdown(options=[(_("Choose…"), "")]
                                           + [(sources[v], v) for v in DATA_SOURCES],
                                           description=_("Data source"),
                                           layout=w.Layout(width="280px")))
        self._owner = stacked(w.Text(placeholder=_("name or role"), continuous_update=False,
                                      description=_("Owner"), layout=w.Layout(width="180px")))
        self._cadence = stacked(w.Dropdown(options=[(_("Choose…"), "")]
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
            row([self._level, self._direction, self._baseline, self._target,
                  self._horizon], top=True),
            row([self._source, self._owner, self._cadence], top=True),
            self._message, self.checks, row([self._remove, self._close])])
        self.add_class("sp-editor")
        for control in (self._level, self._direction, self._source, self._owner,
                        self._cadence, self._baseline, self._target, self._horizon):
            control.observe(self._on_edit, names="value")
        self.show_kpi(kpi)

    def set_locale(self, locale: str) -> None:
        """Read and write numbers the ``locale`` way from now on (a teammate changed how
        the team writes them while this editor was open)."""
        for field in (self._baseline, self._target, self._horizon):
            if field.locale != locale:
                field.set_locale(locale)

    def show_kpi(self, kpi: Kpi) -> None:
        """Show ``kpi`` in the controls without it counting as an edit."""
        self.kpi = kpi
        self._head.value = (f'<div class="sp-editor-h">{html.escape(kpi.name)}</div>'
                            + self._about)
        with self.quietly():
            set_if_changed(self._level, kpi.level)
            set_if_changed(self._direction, kpi.direction)
            set_if_changed(self._source, kpi.data_source or "")
            set_if_changed(self._owner, kpi.owner)
            set_if_changed(self._cadence, kpi.cadence or "")
            for field, value in ((self._baseline, kpi.baseline), (self._target, kpi.target),
                                 (self._horizon, kpi.horizon_months)):
                if field.value != value:
                    field.set_quietly(value)

    def _on_edit(self, _change) -> None:
        if self.quiet:
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
            self._message.value = field_error_html(error_message(exc, kpi_field_labels(),
                                                                 self._baseline.locale))
            return
        self._message.value = ""
        if self._on_change_cb(kpi):
            self.kpi = kpi
