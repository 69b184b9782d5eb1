"""The Engagement tab: the response playbook, staffing and what the targets cost, and
automation: a mixin of EngagementApp.
"""

from __future__ import annotations

import html

import ipywidgets as w
from pydantic import ValidationError

from socialplaybook.rules.checks import HOURS_IN_A_WEEK
from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import MAX_PEOPLE
from socialplaybook.steps.engagement.automation import automation_checks
from socialplaybook.steps.engagement.playbook import (
    department_message,
    playbook_checks,
    playbook_rows,
    with_rule,
)
from socialplaybook.steps.engagement.section import (
    AutomationShares,
    DepartmentStaff,
    EngagementSection,
    MessageShares,
    ResponseRule,
)
from socialplaybook.steps.engagement.staffing import (
    after_hours_note,
    department_loads,
    department_people,
    platform_messages,
    staffing_checks,
    target_costs,
)
from socialplaybook.steps.engagement.vocabulary import (
    HANDLINGS,
    MAX_MINUTES_PER_CHECK,
    MAX_TARGET_HOURS,
    MESSAGE_TYPES,
    handling_labels,
    message_type_labels,
)
from socialplaybook.steps.planning.vocabulary import DEPARTMENTS, department_labels
from widgets.engagement.editors import dropdown, text_box
from widgets.engagement.views import checks_once_html, costs_html, loads_html, playbook_html
from widgets.kit.card import card, row, stacked
from widgets.kit.items import dispose
from widgets.kit.messages import checks_html, error_message, field_error_html
from widgets.kit.quiet import set_if_changed

AUTOMATION_FIELDS = ("scheduled_posts", "automated_posts", "automated_replies", "max_automated")


class ResponsesTab:
    """Playbook, staffing, automation (a mixin of EngagementApp)."""

    def _build_engagement(self) -> list[w.Widget]:
        types = message_type_labels()
        self._playbook = self._html()
        self._playbook_checks = self._html()
        self._rule_pick = stacked(w.Dropdown(
            options=[(_("Choose a kind of message…"), "")] + [(types[t], t)
                                                              for t in MESSAGE_TYPES],
            description=_("Change how a kind of message is handled"),
            layout=w.Layout(width="360px")))
        self._rule_pick.observe(self._on_rule_pick, names="value")
        self._rule_editor = w.VBox()
        self._rule_message = self._html()
        playbook = card(_("Response playbook"), _(
            "Who answers what, how fast, in which tone, and where it goes next. Owners come "
            "from your planning step's RACI; the 4-hour target is what customers expected in "
            "Sprout Social's 2016 survey; the other defaults are the toolkit's, tagged so."),
            [self._playbook_checks, self._rule_pick, self._rule_editor, self._rule_message,
             self._playbook], self._html)

        self._share_fields = {t: self._number(types[t], "%", 100, "104px")
                              for t in MESSAGE_TYPES}
        for field in self._share_fields.values():
            field.observe(self._on_shares, names="value")
        self._coverage = {
            "coverage_hours_per_day": self._number(_("Inboxes watched (hours a day)"), "h", 24,
                                                   "200px"),
            "coverage_days_per_week": self._number(_("Days a week"), _("days"), 7, "120px",
                                                   minimum=1, whole=True),
            "minutes_per_check": self._number(_("Minutes a look takes"), _("min"),
                                              MAX_MINUTES_PER_CHECK, "170px")}
        for field in self._coverage.values():
            field.observe(self._on_coverage, names="value")
        departments = department_labels()
        self._staff_pick = dropdown(_("Department"), [(departments[d], d) for d in DEPARTMENTS],
                                    DEPARTMENTS[0], "220px")
        self._staff_pick.observe(self._on_staff_pick, names="value")
        self._staff_people = self._number(_("People who answer"), _("people"), MAX_PEOPLE,
                                          "150px", whole=True)
        self._staff_hours = self._number(_("Hours a week for answering"), "h",
                                         HOURS_IN_A_WEEK * MAX_PEOPLE, "200px")
        for field in (self._staff_people, self._staff_hours):
            field.observe(self._on_staff, names="value")
        self._staffing_message = self._html()
        self._staffing = self._html()
        self._costs = self._html()
        staffing = card(_("Staffing"), _(
            "Messages a week per platform (from the budget step) times the minutes each "
            "takes, split by kind and sent to each kind's owner, against the hours the "
            "department has (from planning, or entered here). The shares of each kind are "
            "the toolkit's guess until you count your own."),
            [self._html('<div class="sp-label">'
                        f'{html.escape(_("Share of messages (%)"))}</div>'),
             row(list(self._share_fields.values()), top=True),
             row([self._staff_pick, self._staff_people, self._staff_hours], top=True),
             row(list(self._coverage.values()), top=True), self._staffing_message,
             self._staffing, self._costs], self._html)

        labels = {"scheduled_posts": _("Posts scheduled ahead (%)"),
                  "automated_posts": _("Posts canned or automated (%)"),
                  "automated_replies": _("Replies by a bot or auto-reply (%)"),
                  "max_automated": _("Most automation we accept (%)")}
        self._automation_fields = {name: self._number(labels[name], "%", 100, "220px")
                                   for name in AUTOMATION_FIELDS}
        for field in self._automation_fields.values():
            field.observe(self._on_automation, names="value")
        self._automation_message = self._html()
        self._automation_checks = self._html()
        automation = card(_("Automation"), _(
            "Scheduling posts you wrote is fine; canned, automated posts and replies put "
            "people off. The limit is your own assumption: no source gives a safe share."),
            [row(list(self._automation_fields.values()), top=True), self._automation_message,
             self._automation_checks], self._html)
        return [playbook, staffing, automation]

    # -- showing -----------------------------------------------------------------------------

    def _show_responses(self, section: EngagementSection) -> None:
        staffing = section.staffing
        values = [(self._share_fields[t], getattr(staffing.shares, t)) for t in MESSAGE_TYPES]
        values += [(field, getattr(staffing, name)) for name, field in self._coverage.items()]
        values += [(field, getattr(section.automation, f"{name}_percent"))
                   for name, field in self._automation_fields.items()]
        for field, value in values:
            if field.locale != self.locale:
                field.set_locale(self.locale)
            if field.value != value:
                field.set_quietly(value)
        self._show_staff(section)

    def _show_staff(self, section: EngagementSection) -> None:
        own = next((d for d in section.staffing.departments
                    if d.department == self._staff_pick.value), None)
        for field, value in ((self._staff_people, own.people if own else None),
                             (self._staff_hours, own.hours_per_week if own else None)):
            if field.locale != self.locale:
                field.set_locale(self.locale)
            if field.value != value:
                field.set_quietly(value)

    def _draw_responses(self, section: EngagementSection) -> None:
        inputs = self._inputs
        rows = playbook_rows(section, inputs.raci)
        people = department_people(section.staffing, inputs)
        self._playbook.value = playbook_html(rows, self.locale)
        self._playbook_checks.value = checks_html(playbook_checks(rows, people, self.locale))
        self._refresh_rule_editor(rows)
        messages = platform_messages(inputs)
        loads = department_loads(rows, section.staffing, messages, inputs)
        self._staffing.value = loads_html(loads, self.locale) + checks_once_html(
            staffing_checks(loads, self.locale))
        costs = target_costs(rows, section.staffing)
        tightest = costs[0].target_hours if costs else 4.0
        note = after_hours_note(tightest, section.staffing, self.locale)
        self._costs.value = (
            f'<div class="sp-label">{html.escape(_("What a response-time target costs"))}</div>'
            + costs_html(costs, self.locale)
            + (f'<div class="sp-card-note">{html.escape(note)}</div>' if note else ""))
        self._automation_checks.value = checks_once_html(automation_checks(section.automation,
                                                                           self.locale))

    # -- the playbook ------------------------------------------------------------------------

    def _on_rule_pick(self, change) -> None:
        if self.busy():
            return
        children, self._rule_editor.children = self._rule_editor.children, []
        for child in children:
            dispose(child)
        self._rule_fields = {}
        self._rule_message.value = ""
        if not change["new"]:
            self._rule_editor.remove_class("sp-editor")
            return
        departments, handlings = department_labels(), handling_labels()
        self._rule_fields = {
            "department": dropdown(_("Owner"), [(departments[d], d) for d in DEPARTMENTS],
                                   DEPARTMENTS[0], "220px"),
            "handling": dropdown(_("Handling"), [(handlings[h], h) for h in HANDLINGS],
                                 "reply", "200px"),
            "target_hours": self._number(_("First reply within (hours)"), "h",
                                         MAX_TARGET_HOURS, "200px", minimum=0),
            "tone": text_box(_("Tone"), "", "", "220px"),
            "escalation": text_box(_("Escalation"), "", "", "100%", area=True),
            "template": text_box(_("Reply template"), "", "", "100%", area=True)}
        reset = w.Button(description=_("Back to the defaults"), icon="undo",
                         layout=w.Layout(width="auto"))
        reset.on_click(self._on_rule_reset)
        for control in self._rule_fields.values():
            control.observe(self._on_rule_edit, names="value")
        fields = self._rule_fields
        self._rule_editor.children = [
            row([fields["department"], fields["handling"], fields["target_hours"],
                 fields["tone"]], top=True), fields["escalation"], fields["template"], reset]
        self._rule_editor.add_class("sp-editor")
        self._refresh_rule_editor(playbook_rows(self.section, self._inputs.raci))

    def _refresh_rule_editor(self, rows) -> None:
        fields = getattr(self, "_rule_fields", {})
        kind = self._rule_pick.value
        if not fields or not kind:
            return
        shown = next(r for r in rows if r.message_type == kind)
        with self.quietly():
            set_if_changed(fields["department"], shown.department)
            set_if_changed(fields["handling"], shown.handling)
            if fields["target_hours"].value != shown.target_hours:
                fields["target_hours"].set_quietly(shown.target_hours)
            for name in ("tone", "escalation", "template"):
                set_if_changed(fields[name], getattr(shown, name))

    def _on_rule_edit(self, change) -> None:
        if self.busy() or not self._rule_pick.value:
            return
        kind = self._rule_pick.value
        fields = self._rule_fields
        rows = playbook_rows(self.section.model_copy(update={"responses": []}),
                             self._inputs.raci)
        default = next(r for r in rows if r.message_type == kind)
        department = fields["department"].value
        refusal = department_message(department, department_people(self.section.staffing,
                                                                   self._inputs))
        if refusal and change["owner"] is fields["department"]:
            self._rule_message.value = field_error_html(refusal, wide=True)
            self._refresh_rule_editor(playbook_rows(self.section, self._inputs.raci))
            return

        def own(name: str, value):
            return None if value == getattr(default, name) else value

        try:
            rule = ResponseRule(
                message_type=kind, department=own("department", department),
                handling=own("handling", fields["handling"].value),
                target_hours=own("target_hours", fields["target_hours"].value),
                tone=own("tone", fields["tone"].value),
                escalation=own("escalation", fields["escalation"].value),
                template=own("template", fields["template"].value))
        except ValidationError as exc:
            self._rule_message.value = field_error_html(error_message(exc, {
                "target_hours": _("First reply within (hours)"), "tone": _("Tone"),
                "escalation": _("Escalation"), "template": _("Reply template")}), wide=True)
            self._refresh_rule_editor(playbook_rows(self.section, self._inputs.raci))
            return
        if self._store(self._rule_message, with_rule(self.section, rule)):
            self._refresh_rule_editor(playbook_rows(self.section, self._inputs.raci))

    def _on_rule_reset(self, _button=None) -> None:
        kind = self._rule_pick.value
        if self.busy() or not kind:
            return
        self._store(self._rule_message, with_rule(self.section,
                                                  ResponseRule(message_type=kind)))
        self._refresh_rule_editor(playbook_rows(self.section, self._inputs.raci))

    # -- staffing and automation --------------------------------------------------------------

    def _on_shares(self, _change) -> None:
        if self.busy():
            return
        try:
            shares = MessageShares(**{t: self._share_fields[t].value or 0.0
                                      for t in MESSAGE_TYPES})
        except ValidationError as exc:
            self._staffing_message.value = field_error_html(error_message(exc), wide=True)
            self._show_responses(self.section)
            return
        self._apply(self._staffing_message,
                    staffing=self.section.staffing.model_copy(update={"shares": shares}))

    def _on_coverage(self, _change) -> None:
        if self.busy():
            return
        values = {name: field.value for name, field in self._coverage.items()
                  if field.value is not None}
        staffing = self.section.staffing.model_copy(update=values)
        if self._apply(self._staffing_message, staffing=staffing):
            self._show_responses(self.section)

    def _on_staff_pick(self, _change) -> None:
        if self.busy():
            return
        with self.quietly():
            self._show_staff(self.section)

    def _on_staff(self, _change) -> None:
        if self.busy():
            return
        department = self._staff_pick.value
        try:
            entry = DepartmentStaff(department=department, people=self._staff_people.value,
                                    hours_per_week=self._staff_hours.value)
        except ValidationError as exc:
            self._staffing_message.value = field_error_html(
                _("{department}: {reason}").format(department=department_labels()[department],
                                                   reason=error_message(exc)), wide=True)
            with self.quietly():
                self._show_staff(self.section)
            return
        kept = [d for d in self.section.staffing.departments if d.department != department]
        if entry.people is not None or entry.hours_per_week is not None:
            kept.append(entry)
        self._apply(self._staffing_message,
                    staffing=self.section.staffing.model_copy(update={"departments": kept}))

    def _on_automation(self, _change) -> None:
        if self.busy():
            return
        try:
            shares = AutomationShares(**{f"{name}_percent": field.value or 0.0
                                         for name, field in self._automation_fields.items()})
        except ValidationError as exc:
            self._automation_message.value = field_error_html(error_message(exc), wide=True)
            self._show_responses(self.section)
            return
        self._apply(self._automation_message, automation=shares)
