"""An audience segment's editor: who, where, what they need, the platforms they use.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
from pydantic import ValidationError
from traitlets import Instance

from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import (
    AUDIENCE_KINDS,
)
from socialplaybook.steps.planning.section import (
    AudienceSegment,
    data_region_labels,
    data_regions,
    region_bands,
)
from widgets.kit.quiet import Quiet, set_if_changed
from widgets.planning.controls import PLATFORM_SUGGESTIONS, _field, _text, planning_error_html


class SegmentEditor(Quiet, w.VBox):
    """One audience segment: who they are, what they need, where they already spend time."""

    segment = Instance(AudienceSegment)

    def __init__(self, segment: AudienceSegment, number: int,
                 on_remove: Callable[[SegmentEditor], None]) -> None:
        self._name = _text(_("e.g. Office managers in Bergen"), segment.name, "280px")
        self._kind = w.ToggleButtons(options=list(AUDIENCE_KINDS), value=segment.kind,
                                     style={"button_width": "64px"})
        regions = data_region_labels()
        self._region_code = w.Dropdown(
            options=[(_("None chosen (or no data for our region)"), "")]
            + [(regions[code], code) for code in data_regions()],
            value=segment.region_code or "", layout=w.Layout(width="300px"),
            description=_("Age bands from"))
        self._region_code.add_class("sp-sr-label")
        self._bands: dict[str, w.Checkbox] = {}
        self._band_box = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self._show_bands(segment.region_code, segment.age_bands)
        self._region = _text(_("place, e.g. Bergen"), segment.region, "180px")
        self._needs = w.Textarea(value=segment.needs, layout=w.Layout(width="100%",
                                                                      height="56px"),
                                 placeholder=_("What do they need from us? (not what we "
                                               "want to say about ourselves)"))
        # Suggestions, not a fence: "Finn.no" or "our forum" are places too.
        self._where = w.TagsInput(value=list(segment.where_they_are),
                                  allowed_tags=[], allow_duplicates=False)
        self._message = w.HTML()
        self._head = w.HTML()
        remove = w.Button(description=_("Remove"), icon="trash", layout=w.Layout(width="auto"))
        remove.on_click(lambda _button: on_remove(self))
        head = w.HBox([self._head, remove],
                      layout=w.Layout(justify_content="space-between", align_items="center"))
        who = w.HBox([
            _field(_("Name"), self._name),
            _field(_("B2B or B2C"), self._kind),
            _field(_("Age bands from (platform data, datasets/platform_usage.csv)"),
                   self._region_code),
            _field(_("Age bands"), self._band_box),
            _field(_("Region"), self._region),
        ], layout=w.Layout(flex_flow="row wrap"))
        hint = _("Where they already spend time: type a place and press Enter, e.g. {examples}"
                 ).format(examples=", ".join(PLATFORM_SUGGESTIONS[:6]) + ", Finn.no")
        super().__init__([head, who, _field(_("What they need from us"), self._needs),
                          _field(hint, self._where), self._message])
        self.add_class("sp-segment")
        self.segment = segment
        self._show_number(number)
        for control in (self._name, self._kind, self._region, self._needs, self._where):
            control.observe(self._on_edit, names="value")
        self._region_code.observe(self._on_region_code, names="value")

    def _show_bands(self, region_code: str | None, selected: list[str]) -> None:
        """Offer ``region_code``'s age bands (the data's own), ticking ``selected``."""
        bands = region_bands(region_code)
        if tuple(self._bands) != bands:
            self._bands = {band: w.Checkbox(value=band in selected, description=band,
                                            indent=False, layout=w.Layout(width="80px"))
                           for band in bands}
            for box in self._bands.values():
                box.observe(self._on_edit, names="value")
            self._band_box.children = list(self._bands.values()) or [w.HTML(
                '<span class="sp-muted" style="font-size:13px">'
                + html.escape(_("Choose the data first; a region without data has no bands "
                                "here (nothing is borrowed from another region)."))
                + "</span>")]
        for band, box in self._bands.items():
            set_if_changed(box, band in selected)

    def _on_region_code(self, change) -> None:
        if self.quiet:
            return
        kept = [band for band, box in self._bands.items() if box.value]
        with self.quietly():
            self._show_bands(change["new"] or None, kept)
        self._on_edit(change)

    def _show_number(self, number: int) -> None:
        self._head.value = f'<div class="sp-goal-head">{_("Segment")} {number}</div>'

    def show_item(self, segment: AudienceSegment, number: int) -> None:
        """Show a stored segment without counting it as an edit here."""
        self._show_number(number)
        if segment == self.segment:
            return
        with self.quietly():
            set_if_changed(self._name, segment.name)
            set_if_changed(self._kind, segment.kind)
            set_if_changed(self._region_code, segment.region_code or "")
            self._show_bands(segment.region_code, segment.age_bands)
            set_if_changed(self._region, segment.region)
            set_if_changed(self._needs, segment.needs)
            if list(self._where.value) != list(segment.where_they_are):
                self._where.value = list(segment.where_they_are)
            self._message.value = ""
            self.segment = segment

    def _on_edit(self, _change) -> None:
        if self.quiet:
            return
        try:
            segment = AudienceSegment(
                id=self.segment.id, name=self._name.value, kind=self._kind.value,
                region_code=self._region_code.value or None,
                age_bands=[band for band, box in self._bands.items() if box.value],
                region=self._region.value, needs=self._needs.value,
                where_they_are=[" ".join(tag.split()) for tag in self._where.value
                                if tag.strip()])
        except ValidationError as exc:
            self._message.value = planning_error_html(exc)
            return
        self._message.value = ""
        self.segment = segment
