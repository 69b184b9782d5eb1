"""The platforms app: go where your audience is, with no more accounts than you can run.

Every number comes from ``socialplaybook.platforms``; this module reads the controls,
asks the core and shows the result: the score table with its breakdown and bars (inline
HTML, no plotly: the page is interactive sooner), the recommended portfolio with its
reasons, the capacity checks, the myth panel, the chosen platforms and the handles.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_int import SliderStyle
from ipywidgets.widgets.widget_string import HTMLStyle
from pydantic import ValidationError
from traitlets import Instance

from socialplaybook.rules.checks import HOURS_IN_A_WEEK
from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import BUSINESS_RESULTS, business_result_labels, platform_id
from socialplaybook.steps.planning.section import data_region_labels, data_regions, region_bands
from socialplaybook.steps.platforms.handles import handle_checklist
from socialplaybook.steps.platforms.inputs import (
    JUDGEMENT_FIELDS,
    team_inputs,
    team_profiles,
    value_origin,
)
from socialplaybook.steps.platforms.myths import myth_facts, region_has_platform_data
from socialplaybook.steps.platforms.portfolio import capacity_checks, over_capacity, recommend
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
    ROLES,
    STRENGTH_MAX,
    criterion_labels,
    format_labels,
    role_labels,
)
from socialplaybook.workspace.store import Workspace
from widgets.base import checks_html, error_message, message_html
from widgets.fields import NumberField, field_error_html
from widgets.step import ItemList, StepApp, dispose, shared

COLOURS = {"reach": "#2563eb", "formats": "#0f766e", "goals": "#b45309", "hours": "#7c3aed"}

PLATFORMS_CSS = """
<style>
.sp-pl-box { border: 1px solid #e3e7ee; border-radius: 10px; padding: 10px 14px;
  margin: 0 0 12px; background: #fff; }
.sp-pl-h { font-weight: 650; font-size: 16px; margin: 0 0 4px; }
.sp-pl-note { color: #4b5563; font-size: 13px; margin: 2px 0 6px; max-width: 900px; }
.sp-pl-label { color: #374151; font-size: 13px; font-weight: 600; margin: 6px 0 2px; }
table.sp-rank { border-collapse: collapse; font-size: 13px; width: 100%; }
table.sp-rank th { text-align: left; color: #374151; font-weight: 600; padding: 4px 6px;
  border-bottom: 1px solid #d1d5db; }
table.sp-rank td { padding: 4px 6px; border-bottom: 1px solid #eef0f4; vertical-align: top; }
.sp-rank-name { font-weight: 600; white-space: nowrap; }
.sp-rank-score { font-weight: 650; font-size: 15px; }
.sp-tag { display: inline-block; font-size: 11px; border-radius: 6px; padding: 0 5px;
  margin-left: 4px; background: #eef0f4; color: #374151; font-weight: 500; }
.sp-tag-nodata { background: #fef3c7; color: #7a4b00; }
.sp-score-bar { display: flex; height: 14px; width: 160px; background: #f3f4f6; border-radius: 3px;
  overflow: hidden; }
.sp-score-bar span { display: block; height: 100%; }
.sp-crit { font-size: 12px; color: #374151; line-height: 1.3; }
.sp-crit b { font-weight: 600; }
.sp-crit-out { color: #4b5563; font-style: italic; }
.sp-legend-dot { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
  margin: 0 4px 0 10px; vertical-align: middle; }
.sp-greyed { opacity: 0.45; filter: grayscale(1); }
.sp-pf li { margin: 2px 0; font-size: 13.5px; }
.sp-pf .sp-in::before { content: "✓"; color: #1f7a4d; font-weight: 700; margin-right: 6px; }
.sp-pf .sp-out::before { content: "–"; color: #4b5563; font-weight: 700; margin-right: 8px; }
.sp-myth { margin: 4px 0 8px; font-size: 13.5px; }
.sp-myth b { display: block; }
.sp-myth ul { margin: 4px 0 4px 18px; padding: 0; }
.sp-myth li { margin: 2px 0; }
.sp-myth-note { margin: 4px 0 0; color: #4a5560; font-size: 13px; }
.sp-choice { border-bottom: 1px solid #eef0f4; padding: 4px 0; align-items: flex-start; }
.sp-choice-name { width: 130px; font-weight: 600; padding-top: 5px; }
.sp-origin { display: block; font-size: 11px; color: #5b6472; margin-top: 1px; }
.sp-origin-team { color: #1d4f73; font-weight: 600; }
.sp-tag-team { background: #e0ecf8; color: #1d4f73; }
.sp-view-bar { align-items: center; gap: 8px; margin: 8px 0 4px; }
.sp-pl-editor { border: 1px solid #b9cde3; border-left: 4px solid #2a6f97;
  border-radius: 8px; padding: 8px 14px 10px; margin: 4px 0 10px; background: #f7fafd; }
.sp-pl-editor-h { font-size: 15px; font-weight: 650; margin: 0 0 2px; }
.sp-pl-editor-h .sp-pl-rank { font-weight: 500; color: #374151; font-size: 13.5px;
  margin-left: 8px; }
.sp-pl-editor .sp-pl-label { margin: 8px 0 2px; }
.sp-pl-editor .sp-origin { display: inline; margin-left: 6px; font-weight: 500; }
.sp-pl-editor-row { gap: 18px; flex-wrap: wrap; }
.sp-pl-editor-buttons { gap: 8px; margin-top: 10px; }
</style>
"""


class PlainParts:
    """One layout and one style for all the checkboxes, and for all the plain HTML, of an
    app or an editor, instead of one of each per widget.

    The platforms app shows some 30 checkboxes and 30 texts: with a layout and a style
    each, they were 120 of the page's 335 widget models, each one sent, built and laid out
    by the browser before the app was usable. ``outlive_dispose``: the parts stay open when
    a widget using them is disposed (the app's own, whose checkboxes come and go).
    """

    def __init__(self, outlive_dispose: bool = False) -> None:
        keep = shared if outlive_dispose else (lambda model: model)
        self._checkbox_layout = keep(w.Layout(width="auto", margin="0 14px 0 0"))
        self._checkbox_style = keep(CheckboxStyle())
        self._html_layout = keep(w.Layout())
        self._html_style = keep(HTMLStyle())

    def checkbox(self, label: str) -> w.Checkbox:
        return w.Checkbox(value=False, description=label, indent=False,
                          layout=self._checkbox_layout, style=self._checkbox_style)

    def html(self, value: str = "") -> w.HTML:
        """HTML whose layout and style are never changed (its classes may be)."""
        return w.HTML(value, layout=self._html_layout, style=self._html_style)

    def label(self, text: str) -> w.HTML:
        return self.html(f'<div class="sp-pl-label">{html.escape(text)}</div>')

    def box(self, title: str, note: str, children: list[w.Widget]) -> w.VBox:
        head = self.html(f'<div class="sp-pl-h">{html.escape(title)}</div>'
                         + (f'<div class="sp-pl-note">{html.escape(note)}</div>' if note else ""))
        box = w.VBox([head, *children])
        box.add_class("sp-pl-box")
        return box


def _set(control: w.Widget, value) -> None:
    if control.value != value:
        control.value = value


def origin_texts() -> dict[str, str]:
    """What each origin of a value is called (see ``value_origin``)."""
    return {"team": _("your team's value"), "partly_team": _("partly your team's value"),
            "judgement": _("toolkit's judgement")}


def origin_html(origin: str | None, texts: dict[str, str] | None = None) -> str:
    """Whose value a part of the score rests on, as a small line ("" for measured data)."""
    if origin is None:
        return ""
    text = (texts or origin_texts())[origin]
    extra = " sp-origin-team" if origin != "judgement" else ""
    return f'<span class="sp-origin{extra}">{html.escape(text)}</span>'


def ranking_html(ranking: Ranking, chosen: set[str],
                 profiles: dict[str, PlatformProfile] | None = None) -> str:
    """The score of every platform with its breakdown and a stacked bar, as HTML.

    With ``profiles`` (by id), each part says whether it rests on the team's own value or
    the toolkit's judgement.
    """
    profiles = profiles or {}
    labels = criterion_labels()
    origins = origin_texts()
    legend = "".join(f'<span class="sp-legend-dot" style="background:{COLOURS[c]}"></span>'
                     f"{html.escape(labels[c])}" for c in CRITERIA)
    head = "".join(f"<th>{html.escape(text)}</th>" for text in (
        "#", _("Platform"), _("Score"), _("Breakdown"),
        *(labels[c] for c in CRITERIA)))
    rows = []
    for number, score in enumerate(ranking.scores, start=1):
        tags = ""
        if not score.in_data:
            tags += f'<span class="sp-tag sp-tag-nodata">{html.escape(_("no data"))}</span>'
        if score.in_data and "reach" in score.left_out:
            tags += f'<span class="sp-tag">{html.escape(_("reach unknown"))}</span>'
        if score.tied:
            tags += f'<span class="sp-tag">{html.escape(_("tied"))}</span>'
        if score.id in chosen:
            tags += f'<span class="sp-tag">{html.escape(_("chosen"))}</span>'
        profile = profiles.get(score.id)
        if profile is not None and profile.edited:
            tags += f'<span class="sp-tag sp-tag-team">{html.escape(_("your values"))}</span>'
        value = "–" if score.score is None else f"{score.score:.0f}"
        bar = "".join(
            f'<span style="width:{c.contribution:.1f}%;background:{COLOURS[c.criterion]}" '
            f'title="{html.escape(labels[c.criterion])}: {c.contribution:.0f}"></span>'
            for c in score.criteria if c.contribution > 0)
        cells = []
        for c in score.criteria:
            origin = value_origin(profile, c.criterion) if profile else None
            if c.value is None and origin == "judgement":
                origin = None  # left out: the toolkit's value is not used here
            origin = origin_html(origin, origins)
            if c.value is None:
                cells.append(f'<td class="sp-crit sp-crit-out">{html.escape(c.note)}'
                             f"{origin}</td>")
            else:
                cells.append(f'<td class="sp-crit"><b>{c.value * 100:.0f}%</b> × {c.weight:g}'
                             f"<br>{html.escape(c.note)}{origin}</td>")
        rows.append(f'<tr data-platform="{html.escape(score.platform)}"><td>{number}</td>'
                    f'<td class="sp-rank-name">{html.escape(score.platform)}{tags}</td>'
                    f'<td class="sp-rank-score">{value}</td>'
                    f'<td><div class="sp-score-bar" role="img" aria-label="'
                    f'{html.escape(_("score {v}").format(v=value))}">{bar}</div></td>'
                    + "".join(cells) + "</tr>")
    note = html.escape(_("Score = weighted mean of the criteria that have a value (value × "
                         "weight). A criterion in grey italics is left out for that platform, "
                         "never counted as 0."))
    return (f'<div class="sp-pl-note">{note}</div><div class="sp-pl-note">{legend}</div>'
            f'<table class="sp-rank"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


NOT_KNOWN = -1  # a strength nobody gave (a Dropdown cannot hold None as an option's value)


def strength_options(known: bool) -> list[tuple[str, int]]:
    """The choices of a B2B/B2C strength, 0-3; "not known" first when nobody gave one."""
    words = {0: _("not for it"), 1: _("weak"), 2: _("good"), 3: _("strong")}
    options = [(f"{n} · {words.get(n, '')}", n) for n in range(STRENGTH_MAX + 1)]
    return options if known else [(_("not known"), NOT_KNOWN), *options]


def _field_origin(profile: PlatformProfile, field: str) -> str:
    if field in profile.edited:
        return origin_html("team")
    if field in profile.judgement:
        return origin_html("judgement")
    if getattr(profile, field) is None:
        text = _("no data: not known") if not profile.in_data else _("not known")
        return f'<span class="sp-origin">{html.escape(text)}</span>'
    return ""


class PlatformEditor(w.VBox):
    """The team's own view of one platform, over the toolkit's judgement.

    The formats it favours, its B2B/B2C strength, the results it is good for, hours per
    week, cadence and tone. For a platform the data does not have, these are all that is
    known about it. Each change becomes a ``PlatformJudgement`` holding only the values
    that differ from the data's (``on_change``; a refused value shows a message at its
    field and the last valid one is kept). Built only when opened.
    """

    def __init__(self, profile: PlatformProfile, base: PlatformProfile | None,
                 judgement: PlatformJudgement | None,
                 on_change: Callable[[PlatformJudgement], bool],
                 on_reset: Callable[[PlatformEditor], None],
                 on_close: Callable[[PlatformEditor], None], locale: str = "en") -> None:
        self.platform_id = profile.id
        self._base = base or PlatformProfile(platform=profile.platform, in_data=False)
        self._judgement = judgement or PlatformJudgement(id=profile.id,
                                                          platform=profile.platform)
        self._on_change = on_change
        self._quiet = False
        parts = PlainParts()
        self._head = parts.html()
        self._origins = {name: parts.html() for name in
                         ("formats", "b2b_strength", "b2c_strength", "good_for",
                          "hours_per_week", "cadence", "tone")}
        labels = format_labels()
        self._formats = {f: parts.checkbox(labels[f]) for f in CONTENT_FORMATS}
        results = business_result_labels()
        self._good_for = {r: parts.checkbox(results[r])
                          for r in BUSINESS_RESULTS if r != "other"}
        self._b2b = w.Dropdown(options=strength_options(self._base.b2b_strength is not None),
                               layout=w.Layout(width="150px"), description=_("B2B strength"))
        self._b2b.add_class("sp-sr-label")
        self._b2c = w.Dropdown(options=strength_options(self._base.b2c_strength is not None),
                               layout=w.Layout(width="150px"), description=_("B2C strength"))
        self._b2c.add_class("sp-sr-label")
        hint = (_("toolkit: {h:g} h").format(h=self._base.hours_per_week)
                if self._base.hours_per_week is not None else _("h/week"))
        self._hours = NumberField(hint, None, maximum=HOURS_IN_A_WEEK, width="170px",
                                  locale=locale)
        self._cadence = w.Text(placeholder=self._base.cadence or _("e.g. 3 posts a week"),
                               layout=w.Layout(width="300px"))
        self._tone = w.Text(placeholder=self._base.tone or _("a note on tone for this network"),
                            layout=w.Layout(width="100%"))
        self._messages = {"cadence": parts.html(), "tone": parts.html()}
        self._reset = w.Button(description=_("Back to the toolkit's values"), icon="undo",
                               layout=w.Layout(width="auto"))
        self._close = w.Button(description=_("Close"), icon="times",
                               layout=w.Layout(width="auto"))
        if not profile.in_data:
            self._reset.description = _("Clear our values")

        def field(name: str, label: str, control: w.Widget, width: str = "auto") -> w.VBox:
            heading = w.HBox([parts.label(label), self._origins[name]],
                             layout=w.Layout(align_items="baseline"))
            shown = [heading, control]
            if name in self._messages:
                shown.append(self._messages[name])
            return w.VBox(shown, layout=w.Layout(width=width))

        def row(children: list[w.Widget]) -> w.HBox:
            box = w.HBox(children)
            box.add_class("sp-pl-editor-row")
            return box

        wrap = w.Layout(flex_flow="row wrap")
        buttons = w.HBox([self._reset, self._close])
        buttons.add_class("sp-pl-editor-buttons")
        super().__init__([
            self._head,
            field("formats", _("Formats it favours"),
                  w.HBox(list(self._formats.values()), layout=wrap)),
            row([field("b2b_strength", _("Strength for B2B"), self._b2b),
                 field("b2c_strength", _("Strength for B2C"), self._b2c),
                 field("hours_per_week", _("Hours per week to run it well"), self._hours)]),
            field("good_for", _("Good for these business results"),
                  w.HBox(list(self._good_for.values()), layout=wrap)),
            row([field("cadence", _("Cadence to do it well"), self._cadence),
                 field("tone", _("Customs and tone"), self._tone, width="560px")]),
            buttons])
        self.add_class("sp-pl-editor")
        self.show_values(profile, self._judgement, force=True)
        for box in self._formats.values():
            box.observe(lambda _c: self._on_list("formats", self._formats), names="value")
        for box in self._good_for.values():
            box.observe(lambda _c: self._on_list("good_for", self._good_for), names="value")
        self._b2b.observe(lambda c: self._on_strength("b2b_strength", c["new"]), names="value")
        self._b2c.observe(lambda c: self._on_strength("b2c_strength", c["new"]), names="value")
        self._hours.observe(self._on_hours, names="value")
        self._cadence.observe(lambda c: self._on_text("cadence", c["new"]), names="value")
        self._tone.observe(lambda c: self._on_text("tone", c["new"]), names="value")
        self._reset.on_click(lambda _b: on_reset(self))
        self._close.on_click(lambda _b: on_close(self))

    @property
    def judgement(self) -> PlatformJudgement:
        """The team's values for this platform as last accepted."""
        return self._judgement

    # -- showing ---------------------------------------------------------------------------

    def show_result(self, profile: PlatformProfile, rank: int | None, total: int,
                    score: float | None) -> None:
        """The heading (name, rank and score) and whose each value is."""
        tag = ("" if profile.in_data else
               f' <span class="sp-tag sp-tag-nodata">{html.escape(_("no data"))}</span>')
        if rank is None:
            where = _("nothing can be ranked")
        elif score is None:
            where = _("rank {rank} of {total} · nothing to score it on yet").format(
                rank=rank, total=total)
        else:
            where = _("rank {rank} of {total} · score {score:.0f}").format(
                rank=rank, total=total, score=score)
        note = (_("Not in our data: it is scored only on what you enter here.")
                if not profile.in_data else
                _("Change what does not match your experience; the score follows at once."))
        title = html.escape(_("Our view of {p}").format(p=profile.platform))
        self._head.value = (
            f'<div class="sp-pl-editor-h">{title}'
            f'{tag}<span class="sp-pl-rank">{html.escape(where)}</span></div>'
            f'<div class="sp-pl-note">{html.escape(note)}</div>')
        for name, origin in self._origins.items():
            value = _field_origin(profile, name)
            if origin.value != value:
                origin.value = value

    def show_values(self, profile: PlatformProfile, judgement: PlatformJudgement | None,
                    force: bool = False) -> None:
        """Show ``profile``'s values in the controls without it counting as an edit.

        Unless ``force``, a field being typed in (blank, or holding refused text) is left.
        """
        self._judgement = judgement or PlatformJudgement(id=profile.id,
                                                          platform=profile.platform)
        self._quiet = True
        try:
            for name, boxes in (("formats", self._formats), ("good_for", self._good_for)):
                values = getattr(profile, name) or ()
                for key, box in boxes.items():
                    _set(box, key in values)
            for control, value in ((self._b2b, profile.b2b_strength),
                                   (self._b2c, profile.b2c_strength)):
                _set(control, NOT_KNOWN if value is None else value)
            hours = profile.hours_per_week
            typing = not self._hours.text.value.strip() or self._hours.message
            if self._hours.value != hours and (force or not typing):
                self._hours.set_quietly(hours)
            for name, control in (("cadence", self._cadence), ("tone", self._tone)):
                text = getattr(self._judgement, name) or ""
                shown = " ".join(control.value.split())
                same = shown == text or (not text and shown == getattr(self._base, name))
                if force or not (same or self._messages[name].value):
                    _set(control, text)
                    self._messages[name].value = ""
        finally:
            self._quiet = False

    # -- edits -----------------------------------------------------------------------------

    def _commit(self, name: str, value, message: w.HTML | None = None) -> None:
        if self._quiet:
            return
        try:
            judgement = PlatformJudgement.model_validate(
                {**self._judgement.model_dump(), name: value})
        except ValidationError as exc:
            if message is not None:
                message.value = field_error_html(error_message(exc, {name: ""}))
            return
        if message is not None:
            message.value = ""
        if self._on_change(judgement):
            self._judgement = judgement

    def _on_list(self, name: str, boxes: dict[str, w.Checkbox]) -> None:
        ticked = [key for key, box in boxes.items() if box.value]
        base = getattr(self._base, name)
        if base is None:
            value = ticked or None
        else:
            value = None if set(ticked) == set(base) else ticked
        self._commit(name, value)

    def _on_strength(self, name: str, value: int) -> None:
        value = None if value == NOT_KNOWN or value == getattr(self._base, name) else value
        self._commit(name, value)

    def _on_hours(self, change) -> None:
        hours = change["new"]
        self._commit("hours_per_week", None if hours == self._base.hours_per_week else hours)

    def _on_text(self, name: str, text: str) -> None:
        cleaned = " ".join(text.split())
        self._commit(name, None if not cleaned or cleaned == getattr(self._base, name)
                     else cleaned, self._messages[name])


class ChoiceEditor(w.HBox):
    """One chosen platform: role, the goal it serves, cadence, tone, hours, remove."""

    choice = Instance(PlatformChoice)

    def __init__(self, choice: PlatformChoice, profile: PlatformProfile | None,
                 goals: list[tuple[str, str]], on_remove: Callable[[ChoiceEditor], None],
                 on_hours: Callable[[ChoiceEditor, float | None], None],
                 locale: str = "en") -> None:
        self._quiet = False
        roles = role_labels()
        self._name = w.HTML(layout=w.Layout(width="140px"))
        self._role = w.Dropdown(options=[(roles[r], r) for r in ROLES], value=choice.role,
                                layout=w.Layout(width="190px"), description=_("Role"))
        self._goal = w.Dropdown(layout=w.Layout(width="190px"), description=_("Goal it serves"))
        for named in (self._role, self._goal):
            named.add_class("sp-sr-label")
        self.set_goals(goals, choice.goal_id)
        profile_cadence = (profile.cadence if profile else None) or _("cadence")
        profile_tone = (profile.tone if profile else None) or _("a note on tone")
        self._cadence = w.Text(value=choice.cadence, placeholder=profile_cadence,
                               layout=w.Layout(width="200px"))
        self._tone = w.Text(value=choice.tone, placeholder=profile_tone,
                            layout=w.Layout(width="260px"))
        hours = profile.hours_per_week if profile else None
        self._hours = NumberField(_("h/week"), hours, width="80px", locale=locale)
        self._remove = w.Button(description=_("Drop"), icon="trash",
                                layout=w.Layout(width="auto"))
        super().__init__([self._name, self._role, self._goal, self._cadence, self._tone,
                          self._hours, self._remove])
        self.add_class("sp-choice")
        self.choice = choice
        self._show_name(choice, profile)
        for control in (self._role, self._goal, self._cadence, self._tone):
            control.observe(self._on_change, names="value")
        self._hours.observe(lambda change: None if self._quiet else on_hours(
            self, change["new"]), names="value")
        self._remove.on_click(lambda _button: on_remove(self))

    def _show_name(self, choice: PlatformChoice, profile: PlatformProfile | None) -> None:
        tag = ("" if profile is None or profile.in_data
               else f' <span class="sp-tag sp-tag-nodata">{html.escape(_("no data"))}</span>')
        self._name.value = f'<div class="sp-choice-name">{html.escape(choice.platform)}{tag}</div>'

    def set_goals(self, goals: list[tuple[str, str]], value: str) -> None:
        options = [(_("Goal it serves…"), "")] + [(label, gid) for gid, label in goals]
        if value and value not in [gid for gid, _label in goals]:
            options.append((_("(a goal no longer in planning)"), value))
        self._quiet = True
        try:
            self._goal.options = options
            self._goal.value = value
        finally:
            self._quiet = False

    def show_item(self, choice: PlatformChoice, _number: int,
                  profile: PlatformProfile | None = None) -> None:
        self._quiet = True
        try:
            _set(self._role, choice.role)
            if choice.goal_id in [v for _l, v in self._goal.options]:
                _set(self._goal, choice.goal_id)
            _set(self._cadence, choice.cadence)
            _set(self._tone, choice.tone)
            if profile is not None and self._hours.value != profile.hours_per_week:
                self._hours.set_quietly(profile.hours_per_week)
            self.choice = choice
        finally:
            self._quiet = False

    def _on_change(self, _change) -> None:
        if self._quiet:
            return
        self.choice = self.choice.model_copy(update={
            "role": self._role.value, "goal_id": self._goal.value or "",
            "cadence": self._cadence.value, "tone": self._tone.value})


class PlatformsApp(StepApp):
    """Score the platforms for the team's audience and capacity; choose a focused portfolio."""


    def __init__(self, workspace: Workspace | None = None, **kwargs) -> None:
        self._planning = None
        self._profiles: list[PlatformProfile] = []
        self._ranking: Ranking | None = None
        self._quiet = False
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
        self._region.observe(self._on_region, names="value")
        for box in self._kinds.values():
            box.observe(self._on_audience, names="value")
        audience = parts.box(_("1. Your audience"), _(
            "Social media is not only for the young: pick the age bands you serve. Taken from "
            "your planning step until you change them here."), [
            self._audience_note, parts.label(_("Age bands from")), self._region,
            parts.label(_("Age bands")), self._bands_box,
            parts.label(_("Business (B2B) or consumers (B2C)")),
            w.HBox(list(self._kinds.values()))])

        labels = format_labels()
        self._formats = {f: parts.checkbox(labels[f]) for f in CONTENT_FORMATS}
        results = business_result_labels()
        self._results = {r: parts.checkbox(results[r]) for r in BUSINESS_RESULTS if r != "other"}
        self._people = NumberField(_("people"), None, whole=True, width="110px")
        self._hours = NumberField(_("hours"), None, width="110px")
        for box in [*self._formats.values(), *self._results.values()]:
            box.observe(self._on_inputs, names="value")
        self._people.observe(self._on_inputs, names="value")
        self._hours.observe(self._on_inputs, names="value")
        capacity = parts.box(_("2. What you can produce, what for, and your time"), _(
            "Only the formats you can really make, week after week."), [
            parts.label(_("Formats you can produce")),
            w.HBox(list(self._formats.values()), layout=w.Layout(flex_flow="row wrap")),
            parts.label(_("Business results your goals serve")),
            w.HBox(list(self._results.values()), layout=w.Layout(flex_flow="row wrap")),
            w.HBox([w.VBox([parts.label(_("People who run the accounts")), self._people]),
                    w.VBox([parts.label(_("Hours per week, all of them together")),
                            self._hours],
                           layout=w.Layout(margin="0 0 0 16px"))])])

        criteria = criterion_labels()
        slider_style = SliderStyle(description_width="120px")  # one for all four
        slider_layout = w.Layout(width="330px")
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
        view_bar = w.HBox([parts.html(f'<span class="sp-pl-label">{view_label}</span>'),
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
            "One person runs 2-4 accounts well: focus. Add or drop platforms; the hours are "
            "the toolkit's estimate, change them to yours."), [
            self._recommendation, self._use, self._capacity, self._choices,
            w.HBox([self._add_name, self._add])])

        self._myths = parts.html()
        myths = parts.box(_("5. What the data says"), "", [self._myths])
        self._handles_box = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self._handles: dict[str, w.Checkbox] = {}
        handles = parts.box(_("6. Reserve your handle everywhere"), _(
            "Even where you will not post: tick each network once your name is reserved."),
            [self._handles_box])
        return [w.HTML(PLATFORMS_CSS, layout=w.Layout(height="0px")), audience, capacity,
                scores, portfolio, myths, handles]

    # -- showing a stored section ----------------------------------------------------------

    def show_section(self, section: PlatformsSection) -> None:
        try:
            self._planning = self.workspace.load(self.team).planning if self.team else None
        except Exception:  # planning unreadable: this step still works on its own answers
            self._planning = None
        self._quiet = True
        try:
            for field in (self._people, self._hours):
                if field.locale != self.locale:
                    field.set_locale(self.locale)
            inputs = team_inputs(section, self._planning)
            _set(self._region, inputs.region_code or "")
            self._draw_bands(inputs.region_code, inputs.age_bands)
            for kind, box in self._kinds.items():
                _set(box, kind in inputs.kinds)
            for name, box in self._formats.items():
                _set(box, name in section.formats)
            for name, box in self._results.items():
                _set(box, name in inputs.business_results)
            if self._people.value != inputs.people:
                self._people.set_quietly(inputs.people)
            if self._hours.value != inputs.hours_per_week:
                self._hours.set_quietly(inputs.hours_per_week)
            for criterion, slider in self._weights.items():
                _set(slider, int(getattr(section.weights, criterion)))
        finally:
            self._quiet = False
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
                f'<span class="sp-pl-note">{html.escape(note)}</span>')]
            for child in replaced:
                dispose(child)  # its layout and style too
        with self.quietly():
            for band, box in self._bands.items():
                _set(box, band in chosen)

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

    def _on_inputs(self, _change) -> None:
        if self.busy():
            return
        self.replace(formats=[f for f, box in self._formats.items() if box.value],
                      business_results=[r for r, box in self._results.items() if box.value],
                      people=self._people.value, hours_per_week=self._hours.value)

    def _on_weight(self, _change) -> None:
        if self.busy():
            return
        weights = self.section.weights.model_copy(
            update={c: float(s.value) for c, s in self._weights.items()})
        self.replace(weights=weights)

    def _on_use(self, _button=None) -> None:
        if self.busy() or self._ranking is None or not self._ranking.rankable:
            return
        inputs = team_inputs(self.section, self._planning)
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

    # -- the team's view of a platform --------------------------------------------------------

    def _profile(self, pid: str) -> PlatformProfile | None:
        return next((p for p in self._profiles if p.id == pid), None)

    def _judgement(self, pid: str) -> PlatformJudgement | None:
        return next((j for j in self.section.judgements if j.id == pid), None)

    def make_editor(self, pid: str) -> PlatformEditor | None:
        profile = self._profile(pid)
        if profile is None:
            return None
        data = team_profiles(self.section.model_copy(update={"judgements": []}))
        base = next((p for p in data if p.id == pid and p.in_data), None)
        return PlatformEditor(profile, base, self._judgement(pid), self._on_judgement,
                              self._on_reset_judgement, lambda _editor: self._close_editor(),
                              self.locale)

    def _on_judgement(self, judgement: PlatformJudgement) -> bool:
        if self.busy():
            return False
        empty = all(getattr(judgement, name) is None for name in JUDGEMENT_FIELDS)
        judgements = [j for j in self.section.judgements if j.id != judgement.id]
        if not empty:
            index = next((i for i, j in enumerate(self.section.judgements)
                          if j.id == judgement.id), len(judgements))
            judgements.insert(index, judgement)
        return self.replace(judgements=judgements)

    def _on_reset_judgement(self, editor: PlatformEditor) -> None:
        if self.busy():
            return
        pid = editor.platform_id
        if self.replace(judgements=[j for j in self.section.judgements if j.id != pid]):
            profile = self._profile(pid)
            if profile is not None and self._editor is editor:
                editor.show_values(profile, None, force=True)

    def update_editor(self, editor: PlatformEditor) -> bool:
        """The platform's place in the ranking and the team's values, in its editor."""
        profile = self._profile(editor.platform_id)
        if profile is None:
            return False
        ranking = self._ranking
        scores = list(ranking.scores) if ranking else []
        index = next((i for i, s in enumerate(scores) if s.id == profile.id), None)
        rankable = ranking is not None and ranking.rankable and self._rank_message.value == ""
        editor.show_result(profile, index + 1 if rankable and index is not None else None,
                           len(scores), scores[index].score if index is not None else None)
        editor.show_values(profile, self._judgement(profile.id))
        return True

    def _draw_view_pick(self) -> None:
        options = [(_("Choose a platform…"), "")]
        for p in self._profiles:
            mark = (_(" (no data)") if not p.in_data else "") + (
                _(" (your values)") if p.edited else "")
            options.append((p.platform + mark, p.id))
        if list(self._view_pick.options) == options:
            return
        value = self._view_pick.value
        with self.quietly():
            self._view_pick.options = options
            self._view_pick.value = value if value in [v for _l, v in options] else ""

    def _make_choice(self, choice: PlatformChoice, _number: int) -> ChoiceEditor:
        profile = next((p for p in self._profiles if p.id == choice.id), None)
        inputs = team_inputs(self.section, self._planning)
        editor = ChoiceEditor(choice, profile, list(inputs.goals), self._on_remove_choice,
                              self._on_choice_hours, self.locale)
        editor.observe(self._on_choice, names="choice")
        return editor

    # -- redrawing ------------------------------------------------------------------------------

    def redraw(self, section: PlatformsSection) -> None:
        inputs = team_inputs(section, self._planning)
        self._profiles = team_profiles(section)
        ranking = rank_platforms(self._profiles, inputs, section.weights.as_dict())
        chosen = {c.id for c in section.choices}
        notes = []
        if "audience" in inputs.from_planning:
            notes.append(_("From your planning step's audience segments."))
        elif self._planning is None or not self._planning.audience:
            notes.append(_("Your planning step has no audience yet: enter it here."))
        if inputs.region_code is None:
            notes.append(_("Without a region with data, reach is left out of every score."))
        elif not region_has_platform_data(inputs.region_code, self._profiles):
            notes.append(_("The {region} data has no per-platform figures: reach is left out "
                           "of every score rather than borrowed from another region.").format(
                               region=inputs.region_code))
        self._audience_note.value = "".join(
            f'<div class="sp-pl-note">{html.escape(n)}</div>' for n in notes)
        if ranking.rankable:
            self._ranking = ranking
            self._rank_message.value = ""
            self._ranking_view.value = ranking_html(ranking, chosen,
                                                    {p.id: p for p in self._profiles})
            self._ranking_view.remove_class("sp-greyed")
            lines = recommend(ranking, self._profiles, inputs)
            items = "".join(
                f'<li class="{"sp-in" if line.included else "sp-out"}">'
                f"<b>{html.escape(line.platform)}</b>: {html.escape(line.reason)}</li>"
                for line in lines)
            self._recommendation.value = (
                f'<div class="sp-pl-label">{html.escape(_("Recommended"))}</div>'
                f'<ul class="sp-pf" style="list-style:none;padding:0;margin:0">{items}</ul>')
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
        checks = capacity_checks(section.choices, self._profiles, inputs)
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
        self._myths.value = "".join(
            f'<div class="sp-myth"><b>“{html.escape(f.belief)}”</b>{html.escape(f.answer)}'
            + ("<ul>" + "".join(f"<li>{html.escape(point)}</li>" for point in f.points)
               + "</ul>" if f.points else "")
            + (f'<p class="sp-myth-note">{html.escape(f.note)}</p>' if f.note else "")
            + "</div>" for f in facts)
        self._draw_handles(section)
        self._draw_view_pick()
        self.refresh_editor()

    def _draw_handles(self, section: PlatformsSection) -> None:
        lines = handle_checklist(section, self._profiles)
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
                _set(box, line.reserved)
                box.description = line.platform + (" ★" if line.chosen else "")
