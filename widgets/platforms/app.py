"""The platforms app: go where your audience is, with no more accounts than you can run.

Every number comes from ``socialplaybook.platforms``; this module reads the controls,
asks the core and shows the result: the score table with its breakdown and bars (inline
HTML, no plotly: the page is interactive sooner), the recommended portfolio with its
reasons, the capacity checks, the myth panel, the chosen platforms and the handles.
"""

from __future__ import annotations

import html

import ipywidgets as w
from ipywidgets.widgets.widget_int import SliderStyle

from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import BUSINESS_RESULTS, business_result_labels, platform_id
from socialplaybook.steps.engagement.inputs import platform_names
from socialplaybook.steps.engagement.inventory import account_rows
from socialplaybook.steps.planning.section import data_region_labels, data_regions, region_bands
from socialplaybook.steps.platforms.availability import blocked_in
from socialplaybook.steps.platforms.handles import handle_checklist
from socialplaybook.steps.platforms.inputs import (
    team_inputs,
    team_profiles,
)
from socialplaybook.steps.platforms.myths import myth_facts
from socialplaybook.steps.platforms.portfolio import over_capacity, portfolio_checks, recommend
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.scoring import Ranking, rank_platforms
from socialplaybook.steps.platforms.section import (
    PlatformChoice,
    PlatformJudgement,
    PlatformsSection,
)
from socialplaybook.steps.platforms.vocabulary import (
    CONTENT_FORMATS,
    CRITERIA,
    criterion_labels,
    format_labels,
)
from socialplaybook.workspace.store import Workspace
from widgets.app.step_app import StepApp
from widgets.kit.fields import NumberField
from widgets.kit.items import ItemList, dispose
from widgets.kit.labels import label_width_px
from widgets.kit.messages import checks_html, message_html
from widgets.kit.parts import PlainParts
from widgets.kit.quiet import set_if_changed
from widgets.platforms.editors import ChoiceEditor
from widgets.platforms.ranking import (
    audience_notes,
    myths_html,
    ranking_html,
    recommendation_html,
    sources_html,
)
from widgets.platforms.views import PlatformViews


class PlatformsApp(PlatformViews, StepApp):
    """Score the platforms for the team's audience and capacity; choose a focused portfolio."""

    def __init__(self, workspace: Workspace | None = None, **kwargs) -> None:
        self._planning = None
        self._profiles: list[PlatformProfile] = []
        self._ranking: Ranking | None = None
        super().__init__(workspace, **kwargs)

    def field_labels(self) -> dict[str, str]:
        return {"people": _("People"), "hours_per_week": _("Hours per week"),
                "age_bands": _("Age bands"), "region_code": _("Region"),
                "custom_platforms": _("Platform"), "weights": _("Weights")}

    # -- building --------------------------------------------------------------------------

    def build_workarea(self) -> list[w.Widget]:
        parts = self._parts = PlainParts(outlive_dispose=True)
        regions = data_region_labels()
        self._region = w.Dropdown(
            options=[(_("No data for our region"), "")]
            + [(regions[c], c) for c in data_regions()],
            layout=w.Layout(width="330px"), description=_("Age bands from"))
        self._region.add_class("sp-sr-label")
        self._bands_box = w.HBox()
        self._bands_note: str | None = None  # said in place of age bands when there are none
        self._bands: dict[str, w.Checkbox] = {}
        self._kinds = {k: parts.checkbox(k) for k in ("B2B", "B2C")}
        self._audience_note = parts.html()
        self._follow_audience = w.Button(description=_("Use planning's audience"),
                                         icon="undo", layout=w.Layout(width="auto"))
        self._follow_audience.on_click(
            lambda _b: self._follow("region_code", "age_bands", "kinds"))
        self._region.observe(self._on_region, names="value")
        for box in self._kinds.values():
            box.observe(self._on_audience, names="value")
        audience = parts.box(_("1. Your audience"), _(
            "Social media is not only for the young: pick the age bands you serve. Taken from "
            "your planning step until you change them here."), [
            self._audience_note, self._follow_audience, parts.label(_("Age bands from")),
            self._region,
            parts.label(_("Age bands")), self._bands_box,
            parts.label(_("Business (B2B) or consumers (B2C)")),
            w.HBox(list(self._kinds.values()))])

        labels = format_labels()
        self._formats = {f: parts.checkbox(labels[f]) for f in CONTENT_FORMATS}
        results = business_result_labels()
        self._results = {r: parts.checkbox(results[r]) for r in BUSINESS_RESULTS if r != "other"}
        self._people = NumberField(_("people"), None, whole=True, width="110px")
        self._hours = NumberField(_("hours"), None, width="110px")
        for box in self._formats.values():
            box.observe(self._on_formats, names="value")
        for box in self._results.values():
            box.observe(self._on_results, names="value")
        self._people.observe(lambda change: self._on_capacity("people", change),
                             names="value")
        self._hours.observe(lambda change: self._on_capacity("hours_per_week", change),
                            names="value")
        self._sources = parts.html()  # where the results, people and hours come from
        self._follow_planning = w.Button(description=_("Use planning's values"), icon="undo",
                                         layout=w.Layout(width="auto"))
        self._follow_planning.on_click(
            lambda _b: self._follow("business_results", "people", "hours_per_week"))
        capacity = parts.box(_("2. What you can produce, what for, and your time"), _(
            "Only the formats you can really make, week after week."), [
            parts.label(_("Formats you can produce")),
            w.HBox(list(self._formats.values()), layout=w.Layout(flex_flow="row wrap")),
            parts.label(_("Business results your goals serve")),
            w.HBox(list(self._results.values()), layout=w.Layout(flex_flow="row wrap")),
            w.HBox([w.VBox([parts.label(_("People who run the accounts")), self._people]),
                    w.VBox([parts.label(_("Hours per week, all of them together")),
                            self._hours],
                           layout=w.Layout(margin="0 0 0 16px"))]),
            self._sources, self._follow_planning])

        criteria = criterion_labels()
        label_px = label_width_px(*criterion_labels().values(), minimum_px=120)
        slider_style = SliderStyle(description_width=f"{label_px}px")  # one for all four
        slider_layout = w.Layout(width=f"{label_px + 210}px")
        self._weights = {c: w.IntSlider(value=0, min=0, max=10, description=criteria[c],
                                        continuous_update=False, style=slider_style,
                                        layout=slider_layout) for c in CRITERIA}
        for slider in self._weights.values():
            slider.observe(self._on_weight, names="value")
        self._rank_message = parts.html()
        self._ranking_view = parts.html()
        self._view_pick = w.Dropdown(options=[(_("Choose a platform…"), "")],
                                     layout=w.Layout(width="260px"),
                                     description=_("Change our view of a platform"))
        self._view_pick.add_class("sp-sr-label")
        view_label = html.escape(_("Change our view of a platform"))
        view_bar = w.HBox([parts.html(f'<span class="sp-label">{view_label}</span>'),
                           self._view_pick])
        view_bar.add_class("sp-view-bar")
        slot = self.editor_slot(self._view_pick)
        scores = parts.box(_("3. Every platform's score"), _(
            "Set how much each criterion counts (0-10). No black box: every score is broken "
            "down below. The formats, strengths, hours, cadence and tone of a platform are "
            "the toolkit's judgement: change them where your experience differs."), [
            w.HBox(list(self._weights.values())[:2]), w.HBox(list(self._weights.values())[2:]),
            view_bar, slot, self._rank_message, self._ranking_view])

        self._recommendation = parts.html()
        self._use = w.Button(description=_("Use this portfolio"), icon="check",
                             button_style="primary",
                             layout=w.Layout(width="auto", align_self="flex-start"))
        self._use.on_click(self._on_use)
        self._add_name = w.Combobox(placeholder=_("Add a platform (any name)"),
                                    ensure_option=False, layout=w.Layout(width="240px"))
        self._add = w.Button(description=_("Add"), icon="plus", layout=w.Layout(width="auto"))
        self._add.on_click(self._on_add)
        self._choices = ItemList(self._make_choice)
        self._capacity = parts.html()
        portfolio = parts.box(_("4. Your portfolio"), _(
            "One full-time person runs 2-4 accounts well: focus (your hours count in "
            "full-time equivalents of your working week, set in planning). Add or drop "
            "platforms; the hours are the toolkit's estimate, change them to yours."), [
            self._recommendation, self._use, self._capacity, self._choices,
            w.HBox([self._add_name, self._add])])

        self._myths = parts.html()
        myths = parts.box(_("5. What the data says"), "", [self._myths])
        self._handles_box = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self._handles: dict[str, w.Checkbox] = {}
        handles = parts.box(_("6. Reserve your handle everywhere"), _(
            "Even where you will not post: tick each network once your name is reserved. "
            "These are the first rows of the account inventory (step 6, Accounts), where "
            "each handle, its owner and its protection are kept: a handle typed there is "
            "shown here."), [self._handles_box])
        return [audience, capacity,
                scores, portfolio, myths, handles]

    # -- showing a stored section ----------------------------------------------------------

    def show_section(self, section: PlatformsSection) -> None:
        self._planning = self.plan.planning if self.plan is not None else None
        with self.quietly():
            for field in (self._people, self._hours):
                if field.locale != self.locale:
                    field.set_locale(self.locale)
            inputs = team_inputs(section, self._planning, self.locale)
            set_if_changed(self._region, inputs.region_code or "")
            self._draw_bands(inputs.region_code, inputs.age_bands)
            for kind, box in self._kinds.items():
                set_if_changed(box, kind in inputs.kinds)
            for name, box in self._formats.items():
                set_if_changed(box, name in section.formats)
            for name, box in self._results.items():
                set_if_changed(box, name in inputs.business_results)
            if self._people.value != inputs.people:
                self._people.set_quietly(inputs.people)
            if self._hours.value != inputs.hours_per_week:
                self._hours.set_quietly(inputs.hours_per_week)
            for criterion, slider in self._weights.items():
                set_if_changed(slider, int(getattr(section.weights, criterion)))
        self.redraw(section)

    def _draw_bands(self, region: str | None, chosen) -> None:
        bands = region_bands(region)
        note = None if bands else (_("Pick a region with data above to choose age bands.")
                                   if region is None else _("No age bands for this region."))
        if tuple(self._bands) != bands or note != self._bands_note:
            replaced = self._bands_box.children
            self._bands = {b: self._parts.checkbox(b) for b in bands}
            for box in self._bands.values():
                box.observe(self._on_audience, names="value")
            self._bands_note = note
            self._bands_box.children = list(self._bands.values()) or [self._parts.html(
                f'<span class="sp-card-note">{html.escape(note)}</span>')]
            for child in replaced:
                dispose(child)  # its layout and style too
        with self.quietly():
            for band, box in self._bands.items():
                set_if_changed(box, band in chosen)

    # -- edits -------------------------------------------------------------------------------

    def _on_region(self, change) -> None:
        if self.busy():
            return
        region = change["new"] or None
        self._draw_bands(region, ())
        self._on_audience(None)

    def _on_audience(self, _change) -> None:
        if self.busy():
            return
        self.replace(region_code=self._region.value or None,
                      age_bands=[b for b, box in self._bands.items() if box.value],
                      kinds=[k for k, box in self._kinds.items() if box.value])

    # Each control writes only its own field: a value this step takes from planning stays
    # None (following planning) until the team changes that value here.
    def _on_formats(self, _change) -> None:
        if self.busy():
            return
        self.replace(formats=[f for f, box in self._formats.items() if box.value])

    def _on_results(self, _change) -> None:
        if self.busy():
            return
        self.replace(business_results=[r for r, box in self._results.items() if box.value])

    def _on_capacity(self, field: str, change) -> None:
        if self.busy():
            return
        self.replace(**{field: change["new"]})

    def _follow(self, *fields: str) -> None:
        """Follow planning again for ``fields``: the team's values here are dropped."""
        if not self.busy() and self.replace(**dict.fromkeys(fields)):
            self._show_quietly(self.section)

    def _on_weight(self, _change) -> None:
        if self.busy():
            return
        weights = self.section.weights.model_copy(
            update={c: float(s.value) for c, s in self._weights.items()})
        self.replace(weights=weights)

    def _on_use(self, _button=None) -> None:
        if self.busy() or self._ranking is None or not self._ranking.rankable:
            return
        inputs = team_inputs(self.section, self._planning, self.locale)
        lines = recommend(self._ranking, self._profiles, inputs)
        picked = [line.platform for line in lines if line.included]
        kept = {c.id: c for c in self.section.choices}
        choices = []
        for number, name in enumerate(picked):
            pid = platform_id(name)
            role = "primary" if number == 0 else "secondary"
            choices.append(kept.pop(pid, None) or PlatformChoice(id=pid, platform=name,
                                                                  role=role))
        choices += [c for c in kept.values() if c.role == "handle_only"]
        self.replace(choices=choices)

    def _on_add(self, _widget=None) -> None:
        name = " ".join(self._add_name.value.split())
        if self.busy() or not name:
            return
        known = {p.id: p for p in self._profiles}
        pid = platform_id(name)
        if pid in {c.id for c in self.section.choices}:
            self.show_message(_("{name} is already chosen.").format(name=name), "info")
            return
        changes: dict = {}
        if pid in known:
            name = known[pid].platform
        else:
            changes["custom_platforms"] = [*self.section.custom_platforms, name]
        changes["choices"] = [*self.section.choices,
                              PlatformChoice(id=pid, platform=name, role="secondary")]
        if self.replace(**changes):
            self._add_name.value = ""
            region = team_inputs(self.section, self._planning, self.locale).region_code
            blocked = blocked_in(name, region)
            if blocked is not None:  # allowed, and said: the team may serve people abroad
                self.show_message(_("{text} Added anyway: your audience there cannot reach "
                                    "it without a VPN.").format(text=blocked.text()),
                                  "warning")

    def _on_remove_choice(self, editor: ChoiceEditor) -> None:
        if self.busy():
            return
        self.replace(choices=[c for c in self.section.choices if c.id != editor.choice.id])

    def _on_choice(self, change) -> None:
        if self.busy():
            return
        choice = change["new"]
        self.replace(choices=[choice if c.id == choice.id else c
                               for c in self.section.choices])

    def _on_choice_hours(self, editor: ChoiceEditor, hours: float | None) -> None:
        if self.busy():
            return
        pid = editor.choice.id
        others = [j for j in self.section.judgements if j.id != pid]
        old = next((j for j in self.section.judgements if j.id == pid), None)
        judgement = (old or PlatformJudgement(id=pid, platform=editor.choice.platform)
                     ).model_copy(update={"hours_per_week": hours})
        self.replace(judgements=[*others, judgement])

    def _on_handle(self, change) -> None:
        if self.busy():
            return
        pid = change["owner"].sp_platform_id
        self.replace(handles={**self.section.handles, pid: bool(change["new"])})

    def _make_choice(self, choice: PlatformChoice, _number: int) -> ChoiceEditor:
        profile = next((p for p in self._profiles if p.id == choice.id), None)
        inputs = team_inputs(self.section, self._planning, self.locale)
        editor = ChoiceEditor(choice, profile, list(inputs.goals), self._on_remove_choice,
                              self._on_choice_hours, self.locale)
        editor.observe(self._on_choice, names="choice")
        return editor

    # -- redrawing ------------------------------------------------------------------------------

    def redraw(self, section: PlatformsSection) -> None:
        inputs = team_inputs(section, self._planning, self.locale)
        self._profiles = team_profiles(section)
        ranking = rank_platforms(self._profiles, inputs, section.weights.as_dict())
        chosen = {c.id for c in section.choices}
        notes, can_follow = audience_notes(section, inputs, self._planning, self._profiles)
        self._audience_note.value = notes
        self._follow_audience.layout.display = "" if can_follow else "none"
        if ranking.rankable:
            self._ranking = ranking
            self._rank_message.value = ""
            self._ranking_view.value = ranking_html(ranking, chosen,
                                                    {p.id: p for p in self._profiles},
                                                    self.locale)
            self._ranking_view.remove_class("sp-greyed")
            lines = recommend(ranking, self._profiles, inputs)
            self._recommendation.value = recommendation_html(lines)
            self._use.disabled = not any(line.included for line in lines)
        else:
            self._rank_message.value = message_html(ranking.message, "warning")
            self._ranking_view.add_class("sp-greyed")  # the last ranking, greyed
            self._use.disabled = True
        # choices
        self._choices.show(section.choices)
        by_id = {p.id: p for p in self._profiles}
        for cid, editor in self._choices.editors.items():
            editor.set_goals(list(inputs.goals), editor.choice.goal_id)
            editor.show_item(next(c for c in section.choices if c.id == cid), 0,
                             by_id.get(cid))
        self._draw_sources(section, inputs)
        checks = portfolio_checks(section.choices, self._profiles, inputs)
        warning = ""
        if over_capacity(checks):
            warning = message_html(_("Your choice exceeds your capacity: drop a platform, make "
                                     "one 'reserve the handle only', or add people or hours."),
                                   "warning")
        self._capacity.value = warning + checks_html(checks)
        self._add_name.options = tuple(p.platform for p in self._profiles
                                       if p.id not in chosen)
        # myths
        facts = myth_facts(inputs, self._ranking or ranking)
        self._myths.value = myths_html(facts)
        self._draw_handles(section)
        self._draw_view_pick()
        self.refresh_editor()

    def _draw_sources(self, section: PlatformsSection, inputs) -> None:
        """Say where the business results, people and hours shown come from."""
        shown, can_follow = sources_html(section, inputs, self._planning)
        if self._sources.value != shown:
            self._sources.value = shown
        self._follow_planning.layout.display = "" if can_follow else "none"

    def _draw_handles(self, section: PlatformsSection) -> None:
        engagement = getattr(self.plan, "engagement", None)
        rows = account_rows(getattr(engagement, "accounts", []), section,
                            platform_names(section))  # one list: the inventory's rows
        lines = handle_checklist(section, self._profiles, rows)
        if [line.id for line in lines] != list(self._handles):
            for box in self._handles.values():
                dispose(box)
            self._handles = {}
            for line in lines:
                box = self._parts.checkbox(line.platform)
                box.sp_platform_id = line.id
                box.observe(self._on_handle, names="value")
                self._handles[line.id] = box
            self._handles_box.children = list(self._handles.values())
        with self.quietly():
            for line in lines:
                box = self._handles[line.id]
                set_if_changed(box, line.reserved)
                box.description = line.platform + (" ★" if line.chosen else "") + (
                    f" · {line.handle}" if line.handle else "")
                box.disabled = bool(line.handle)  # the inventory holds the handle
