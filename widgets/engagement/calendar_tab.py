"""The Content tab's calendar: four weeks from each chosen platform's cadence, a slot's
pillar, format, owner and topic, the hours against the team's, and the CSV files: a mixin of
EngagementApp.
"""

from __future__ import annotations

import html

import ipywidgets as w
from pydantic import ValidationError

from socialplaybook.rules.i18n import _
from socialplaybook.steps.engagement.calendar import (
    build_slots,
    calendar_platforms,
    calendar_start,
    calendar_time_checks,
    plain_csv,
    sprout_files,
    upload_checks,
)
from socialplaybook.steps.engagement.mix import calendar_mix, calendar_mix_check
from socialplaybook.steps.engagement.section import (
    CalendarSettings,
    EngagementSection,
    PlatformCadence,
    SlotPlan,
)
from socialplaybook.steps.engagement.vocabulary import MAX_POSTS_PER_WEEK
from socialplaybook.steps.platforms.vocabulary import CONTENT_FORMATS, format_labels
from widgets.engagement.editors import dropdown, text_box
from widgets.engagement.views import download_link, slots_html
from widgets.kit.card import card, row, stacked
from widgets.kit.items import dispose
from widgets.kit.messages import checks_html, error_message, field_error_html
from widgets.kit.quiet import set_if_changed


class CalendarTab:
    """The calendar sketch and its files (a mixin of EngagementApp)."""

    def _build_calendar_cards(self) -> list[w.Widget]:
        self._start = stacked(w.DatePicker(description=_("Starts on (a Monday)"),
                                           layout=w.Layout(width="200px")))
        self._start.observe(self._on_calendar_settings, names="value")
        self._first_hour = self._number(_("First post of a day at (hour)"), "9", 23,
                                        "190px", whole=True)
        self._first_hour.observe(self._on_calendar_settings, names="value")
        self._cadence_rows = w.VBox()
        self._cadence_fields: dict[str, tuple] = {}
        self._calendar_message = self._html()
        self._calendar_checks = self._html()
        self._slot_table = self._html()
        self._slot_pick = stacked(w.Dropdown(options=[(_("Choose a slot…"), "")],
                                             description=_("Change a slot"),
                                             layout=w.Layout(width="360px")))
        self._slot_pick.observe(self._on_slot_pick, names="value")
        self._slot_editor = w.VBox()
        self._slot_message = self._html()
        self._downloads = self._html()
        calendar = card(_("A four-week calendar"), _(
            "Built from each chosen platform's cadence. Every slot gets a pillar in turn, "
            "the platform's first format and its owner; change any slot. The hours it takes "
            "are checked against your team's hours, as in the budget step."),
            [row([self._start, self._first_hour], top=True), self._cadence_rows,
             self._calendar_message, self._calendar_checks, self._slot_pick,
             self._slot_editor, self._slot_message, self._slot_table], self._html)
        files = card(_("Take the calendar with you"), _(
            "A plain CSV of every slot, and one file per platform in Sprout Social's bulk "
            "scheduling layout (date dd/mm/yyyy, time_24hr, message_text; at most 350 posts "
            "a file, 10 minutes apart): choose dd/mm/yyyy in Sprout's import preferences and "
            "import them as drafts, then write each post."), [self._downloads], self._html)
        return [calendar, files]

    # -- showing -----------------------------------------------------------------------------

    def _show_calendar(self, section: EngagementSection) -> None:
        settings = section.calendar
        set_if_changed(self._start, settings.start)
        if self._first_hour.locale != self.locale:
            self._first_hour.set_locale(self.locale)
        if self._first_hour.value != settings.first_post_hour:
            self._first_hour.set_quietly(settings.first_post_hour)

    def _draw_calendar(self, section: EngagementSection) -> None:
        today = self._today()
        # What the slots are made of: an edit elsewhere (the mix, a contact) leaves them as
        # they were, and their table and files are not built again.
        made_of = (section.pillars, section.calendar, section.slots, self._inputs, today,
                   self.locale)
        if made_of == getattr(self, "_calendar_made_of", None):
            slots = list(self._slots.values())
            self._calendar_checks.value = self._calendar_checks_html(section, slots, today)
            return
        self._calendar_made_of = made_of
        platforms = calendar_platforms(section, self._inputs)
        self._draw_cadences(platforms)
        slots = build_slots(section, self._inputs, today)
        self._slots = {slot.id: slot for slot in slots}
        self._calendar_checks.value = self._calendar_checks_html(section, slots, today)
        self._slot_table.value = slots_html(slots, self.locale)
        options = [(_("Choose a slot…"), "")] + [
            (f"{s.when.strftime('%d.%m %H:%M')} · {s.platform}", s.id)
            for s in sorted(slots, key=lambda s: (s.when, s.platform))]
        if list(self._slot_pick.options) != options:
            value = self._slot_pick.value
            with self.quietly():
                self._slot_pick.options = options
                self._slot_pick.value = value if value in self._slots else ""
            if self._slot_pick.value == "":
                self._close_slot_editor()
        self._refresh_slot_editor()
        self._draw_downloads(slots)

    def _calendar_checks_html(self, section: EngagementSection, slots, today) -> str:
        """The calendar's checks: hours (the budget step's rule), its mix, the upload."""
        start = calendar_start(section, today)
        checks = calendar_time_checks(section, self._inputs)
        checks.append(calendar_mix_check(calendar_mix([s.pillar for s in slots]),
                                         section.mix.max_about_us_percent, self.locale))
        checks += upload_checks(slots, self._now())
        when = html.escape(_("Four weeks from {day}.").format(day=start.isoformat()))
        return f'<div class="sp-card-note">{when}</div>' + checks_html(checks)

    def _draw_cadences(self, platforms) -> None:
        if [p.id for p in platforms] != list(self._cadence_fields):
            for field, box, _name, _origin in self._cadence_fields.values():
                dispose(field)
                dispose(box)
            self._cadence_fields = {}
            rows = []
            for platform in platforms:
                name = self._html('<div class="sp-en-cadence-name">'
                                  f"{html.escape(platform.platform)}</div>")
                field = self._number(_("Posts a week ({platform})").format(
                    platform=platform.platform), "", MAX_POSTS_PER_WEEK, "170px")
                field.observe(self._on_cadence, names="value")
                box = w.Checkbox(description=_("In the calendar"), indent=False,
                                 layout=w.Layout(width="150px"))
                box.observe(self._on_cadence, names="value")
                origin = self._html()
                self._cadence_fields[platform.id] = (field, box, name, origin)
                line = w.HBox([name, field, box, origin])
                line.add_class("sp-en-cadence")
                rows.append(line)
            self._cadence_rows.children = rows
        origins = {"team": _("yours"), "platforms": _("from the platforms step's cadence"),
                   "budget": _("from the budget step"), "default": _("no cadence known: one "
                                                                      "a week")}
        with self.quietly():
            for platform in platforms:
                field, box, _name, origin = self._cadence_fields[platform.id]
                if field.locale != self.locale:
                    field.set_locale(self.locale)
                if field.value != platform.posts_per_week and not field.message:
                    field.set_quietly(platform.posts_per_week)
                set_if_changed(box, platform.included)
                posts = _("{n} posts in four weeks").format(n=platform.posts)
                origin.value = ('<div class="sp-en-origin">'
                                f"{html.escape(origins[platform.origin])} · "
                                f"{html.escape(posts)}</div>")

    def _draw_downloads(self, slots) -> None:
        if not slots:
            self._downloads.value = ""
            return
        links = [download_link(_("All slots (plain CSV)"), "calendar.csv", plain_csv(slots))]
        for platform, filename, text in sprout_files(slots):
            links.append(download_link(_("{platform} for Sprout Social").format(
                platform=platform), filename, text))
        self._downloads.value = f'<div class="sp-en-downloads">{"".join(links)}</div>'

    # -- edits -------------------------------------------------------------------------------

    def _on_calendar_settings(self, _change) -> None:
        if self.busy():
            return
        try:
            settings = self.section.calendar.model_copy(update={
                "start": self._start.value,
                "first_post_hour": (self._first_hour.value if self._first_hour.value is not None
                                    else 9)})
            CalendarSettings.model_validate(settings.model_dump())
        except ValidationError as exc:
            self._calendar_message.value = field_error_html(error_message(exc), wide=True)
            return
        self._apply(self._calendar_message, calendar=settings)

    def _on_cadence(self, change) -> None:
        if self.busy():
            return
        owner = change["owner"]
        pid = next(p for p, (field, box, _n, _o) in self._cadence_fields.items()
                   if owner is field or owner is box)
        field, box, _name, _origin = self._cadence_fields[pid]
        platform = next(p for p in calendar_platforms(self.section, self._inputs)
                        if p.id == pid)
        posts = field.value
        if posts is not None and abs(posts - platform.posts_per_week) < 1e-9 and (
                platform.origin != "team"):
            posts = None  # the derived number shown, not the team's own
        try:
            cadence = PlatformCadence(id=pid, platform=platform.platform, posts_per_week=posts,
                                      included=box.value)
        except ValidationError as exc:
            self._calendar_message.value = field_error_html(
                _("{platform}: {reason}").format(platform=platform.platform,
                                                  reason=error_message(exc)), wide=True)
            with self.quietly():
                field.set_quietly(platform.posts_per_week)
            return
        cadences = [c for c in self.section.calendar.cadences if c.id != pid]
        if cadence.posts_per_week is not None or not cadence.included:
            cadences.append(cadence)
        settings = self.section.calendar.model_copy(update={"cadences": cadences})
        self._apply(self._calendar_message, calendar=settings)

    # -- one slot ----------------------------------------------------------------------------

    def _on_slot_pick(self, change) -> None:
        if self.busy():
            return
        if change["new"]:
            self._open_slot_editor(change["new"])
        else:
            self._close_slot_editor()

    def _open_slot_editor(self, slot_id: str) -> None:
        self._close_slot_editor()
        slot = self._slots.get(slot_id)
        if slot is None:
            return
        formats = format_labels()
        pillars = [(_("In turn (default)"), "")] + [(p.name, p.id) for p in self.section.pillars]
        self._slot_fields = {
            "pillar_id": dropdown(_("Pillar"), pillars, "", "220px"),
            "format": dropdown(_("Format"), [(_("The platform's first"), "")]
                               + [(formats[f], f) for f in CONTENT_FORMATS], "", "200px"),
            "owner": text_box(_("Owner"), "", slot.owner or _("who posts it"), "180px"),
            "topic": text_box(_("Topic"), "", _("what this post is about"), "320px")}
        for control in self._slot_fields.values():
            control.observe(self._on_slot_edit, names="value")
        self._slot_editor.children = [row(list(self._slot_fields.values()), top=True)]
        self._slot_editor.add_class("sp-editor")
        self._refresh_slot_editor()

    def _close_slot_editor(self) -> None:
        children, self._slot_editor.children = self._slot_editor.children, []
        self._slot_editor.remove_class("sp-editor")
        for child in children:
            dispose(child)
        self._slot_fields = {}

    def _refresh_slot_editor(self) -> None:
        fields = getattr(self, "_slot_fields", {})
        if not fields:
            return
        own = next((s for s in self.section.slots if s.id == self._slot_pick.value), None)
        own = own or SlotPlan(id=self._slot_pick.value or "x-1")
        with self.quietly():
            set_if_changed(fields["pillar_id"], own.pillar_id if own.pillar_id in {
                p.id for p in self.section.pillars} else "")
            set_if_changed(fields["format"], own.format or "")
            set_if_changed(fields["owner"], own.owner)
            set_if_changed(fields["topic"], own.topic)

    def _on_slot_edit(self, _change) -> None:
        if self.busy() or not self._slot_pick.value:
            return
        fields = self._slot_fields
        slot_id = self._slot_pick.value
        try:
            plan = SlotPlan(id=slot_id, pillar_id=fields["pillar_id"].value or "",
                            format=fields["format"].value or None,
                            owner=fields["owner"].value.strip(),
                            topic=fields["topic"].value.strip())
        except ValidationError as exc:
            self._slot_message.value = field_error_html(error_message(exc, {
                "owner": _("Owner"), "topic": _("Topic")}), wide=True)
            self._refresh_slot_editor()
            return
        slots = [s for s in self.section.slots if s.id != slot_id]
        if plan != SlotPlan(id=slot_id):
            slots.append(plan)
        self._apply(self._slot_message, slots=slots)
