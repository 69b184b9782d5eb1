"""A platform's editor (the team's own judgement of it) and a chosen platform's row.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
from pydantic import ValidationError
from traitlets import Instance

from socialplaybook.rules.checks import HOURS_IN_A_WEEK
from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import BUSINESS_RESULTS, business_result_labels
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.section import (
    PlatformChoice,
    PlatformJudgement,
)
from socialplaybook.steps.platforms.vocabulary import (
    CONTENT_FORMATS,
    ROLES,
    format_labels,
    role_labels,
)
from widgets.kit.fields import NumberField
from widgets.kit.messages import error_message, field_error_html
from widgets.kit.parts import PlainParts
from widgets.kit.quiet import Quiet, set_if_changed
from widgets.platforms.ranking import NOT_KNOWN, _field_origin, strength_options


class PlatformEditor(Quiet, w.VBox):
    """The team's own view of one platform, over the toolkit's judgement.

    The team's own reach estimate where the data has no figure (``estimate_editor``), the
    formats it favours, its B2B/B2C strength, the results it is good for, hours per
    week, cadence and tone. For a platform the data does not have, these are all that is
    known about it. Each change becomes a ``PlatformJudgement`` holding only the values
    that differ from the data's (``on_change``; a refused value shows a message at its
    field and the last valid one is kept). Built only when opened.
    """

    def __init__(self, profile: PlatformProfile, base: PlatformProfile | None,
                 judgement: PlatformJudgement | None,
                 on_change: Callable[[PlatformJudgement], bool],
                 on_reset: Callable[[PlatformEditor], None],
                 on_close: Callable[[PlatformEditor], None], locale: str = "en",
                 estimate_editor: w.Widget | None = None) -> None:
        self.platform_id = profile.id
        self.estimate_editor = estimate_editor  # the team's own reach estimate, if any
        self._base = base or PlatformProfile(platform=profile.platform, in_data=False)
        self._judgement = judgement or PlatformJudgement(id=profile.id,
                                                          platform=profile.platform)
        self._on_change = on_change
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
            box.add_class("sp-editor-row")
            return box

        wrap = w.Layout(flex_flow="row wrap")
        buttons = w.HBox([self._reset, self._close])
        buttons.add_class("sp-editor-buttons")
        super().__init__([
            self._head,
            *([estimate_editor] if estimate_editor is not None else []),
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
        self.add_class("sp-editor")
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
            f'<div class="sp-editor-h">{title}'
            f'{tag}<span class="sp-pl-rank">{html.escape(where)}</span></div>'
            f'<div class="sp-card-note">{html.escape(note)}</div>')
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
        with self.quietly():
            for name, boxes in (("formats", self._formats), ("good_for", self._good_for)):
                values = getattr(profile, name) or ()
                for key, box in boxes.items():
                    set_if_changed(box, key in values)
            for control, value in ((self._b2b, profile.b2b_strength),
                                   (self._b2c, profile.b2c_strength)):
                set_if_changed(control, NOT_KNOWN if value is None else value)
            hours = profile.hours_per_week
            typing = not self._hours.text.value.strip() or self._hours.message
            if self._hours.value != hours and (force or not typing):
                self._hours.set_quietly(hours)
            for name, control in (("cadence", self._cadence), ("tone", self._tone)):
                text = getattr(self._judgement, name) or ""
                shown = " ".join(control.value.split())
                same = shown == text or (not text and shown == getattr(self._base, name))
                if force or not (same or self._messages[name].value):
                    set_if_changed(control, text)
                    self._messages[name].value = ""

    # -- edits -----------------------------------------------------------------------------

    def _commit(self, name: str, value, message: w.HTML | None = None) -> None:
        if self.quiet:
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


class ChoiceEditor(Quiet, w.HBox):
    """One chosen platform: role, the goal it serves, cadence, tone, hours, remove."""

    choice = Instance(PlatformChoice)

    def __init__(self, choice: PlatformChoice, profile: PlatformProfile | None,
                 goals: list[tuple[str, str]], on_remove: Callable[[ChoiceEditor], None],
                 on_hours: Callable[[ChoiceEditor, float | None], None],
                 locale: str = "en") -> None:
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
        self._hours.observe(lambda change: None if self.quiet else on_hours(
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
        with self.quietly():
            self._goal.options = options
            self._goal.value = value

    def show_item(self, choice: PlatformChoice, _number: int,
                  profile: PlatformProfile | None = None) -> None:
        with self.quietly():
            set_if_changed(self._role, choice.role)
            if choice.goal_id in [v for _l, v in self._goal.options]:
                set_if_changed(self._goal, choice.goal_id)
            set_if_changed(self._cadence, choice.cadence)
            set_if_changed(self._tone, choice.tone)
            if profile is not None and self._hours.value != profile.hours_per_week:
                self._hours.set_quietly(profile.hours_per_week)
            self.choice = choice

    def _on_change(self, _change) -> None:
        if self.quiet:
            return
        self.choice = self.choice.model_copy(update={
            "role": self._role.value, "goal_id": self._goal.value or "",
            "cadence": self._cadence.value, "tone": self._tone.value})
