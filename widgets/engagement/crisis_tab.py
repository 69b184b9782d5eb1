"""The Crisis tab: rate a mishap, see its tier, owner, first-reply time, what escalates it
and a calm first reply; the worked example: a mixin of EngagementApp.
"""

from __future__ import annotations

import ipywidgets as w
from pydantic import ValidationError

from socialplaybook.rules.i18n import _
from socialplaybook.steps.engagement.playbook import playbook_rows
from socialplaybook.steps.engagement.section import EngagementSection, Incident
from socialplaybook.steps.engagement.triage import triage, worked_example
from socialplaybook.steps.engagement.vocabulary import (
    TRIAGE_DIMENSIONS,
    triage_dimension_labels,
    triage_level_labels,
)
from widgets.engagement.editors import dropdown, text_box
from widgets.engagement.views import examples_html, triage_html
from widgets.kit.card import card, row
from widgets.kit.messages import error_message, field_error_html
from widgets.kit.quiet import set_if_changed


class CrisisTab:
    """Crisis triage (a mixin of EngagementApp)."""

    def _build_crisis(self) -> list[w.Widget]:
        dimensions, levels = triage_dimension_labels(), triage_level_labels()
        self._incident_text = text_box(_("What happened"), "",
                                       _("e.g. a price typo in yesterday's post"), "100%")
        self._ratings = {d: dropdown(dimensions[d], [(f"{n} · {levels[d][n]}", str(n))
                                                     for n in range(4)], "0", "230px")
                         for d in TRIAGE_DIMENSIONS}
        for control in (self._incident_text, *self._ratings.values()):
            control.observe(self._on_incident, names="value")
        self._incident_message = self._html()
        self._tier = self._html()
        rate = card(_("Rate a mishap"), _(
            "Mishaps are rarely disasters: most of the famous ones had no effect on sales, "
            "share price or profit, and fixing the mistake in public builds trust (seeds "
            "001/002). Rate one on four scales to see who answers, how fast, and what a calm "
            "first reply says."), [self._incident_text,
                                   row(list(self._ratings.values()), top=True),
                                   self._incident_message, self._tier], self._html)
        self._examples = self._html(examples_html(worked_example()))
        example = card(_("A worked example"), _(
            "Nine typical mishaps as the toolkit rates them (its judgement, like the tiers' "
            "scores and times)."), [self._examples], self._html)
        return [rate, example]

    def _show_crisis(self, section: EngagementSection) -> None:
        incident = section.incident
        set_if_changed(self._incident_text, incident.description)
        for dimension, control in self._ratings.items():
            set_if_changed(control, str(getattr(incident, dimension)))

    def _draw_crisis(self, section: EngagementSection) -> None:
        rows = {r.message_type: r for r in playbook_rows(section, self._inputs.raci)}
        complaint = rows["complaint"]
        result = triage(section.incident, self._inputs.raci, complaint.department,
                        complaint.target_hours)
        self._tier.value = triage_html(result, self.locale)

    def _on_incident(self, _change) -> None:
        if self.busy():
            return
        try:
            incident = Incident(description=self._incident_text.value,
                                **{d: int(c.value) for d, c in self._ratings.items()})
        except ValidationError as exc:
            self._incident_message.value = field_error_html(error_message(exc, {
                "description": _("What happened")}), wide=True)
            with self.quietly():
                self._show_crisis(self.section)
            return
        self._apply(self._incident_message, incident=incident)
