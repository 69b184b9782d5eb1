"""The team's own reach estimate for a platform the data has no figure for: a share of its
audience (0-100 %) and where it comes from, shown in that platform's editor."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
from pydantic import ValidationError

from socialplaybook.rules.i18n import _
from socialplaybook.steps.platforms.scoring import CriterionScore
from socialplaybook.steps.platforms.section import ReachEstimate
from widgets.kit.fields import NumberField
from widgets.kit.messages import error_message, field_error_html
from widgets.kit.quiet import Quiet, set_if_changed


def with_estimate(estimates: list[ReachEstimate], pid: str,
                  estimate: ReachEstimate | None) -> list[ReachEstimate]:
    """``estimates`` with platform ``pid``'s replaced in its place, added, or removed."""
    kept = [e for e in estimates if e.id != pid]
    if estimate is not None:
        index = next((i for i, e in enumerate(estimates) if e.id == pid), len(kept))
        kept.insert(index, estimate)
    return kept


class ReachEstimateEditor(Quiet, w.VBox):
    """A share and its source. Both given: ``on_change(estimate)``; both cleared:
    ``on_change(None)``; one without the other: a message at the field that lacks it
    (nothing is stored until both are there). Shown where the data has no reach figure
    for the platform, or where the team stored an estimate (then said to be unused when
    the data has a figure: an estimate never replaces one)."""

    def __init__(self, platform_id: str, platform: str, estimate: ReachEstimate | None,
                 on_change: Callable[[ReachEstimate | None], bool],
                 locale: str = "en") -> None:
        self.platform_id, self.platform = platform_id, platform
        self._on_change = on_change
        self._share = NumberField(_("Share of your audience (%)"),
                                  estimate.share_percent if estimate else None,
                                  maximum=100, width="170px", locale=locale)
        self._source = w.Text(value=estimate.source if estimate else "",
                              placeholder=_("source, e.g. our customer survey 2026"),
                              layout=w.Layout(width="320px"))
        self._share_message, self._source_message = w.HTML(), w.HTML()
        self._note = w.HTML()
        label = w.HTML(f'<div class="sp-label">'
                       f'{html.escape(_("Our own estimate of its reach"))}</div>')
        fields = w.HBox([w.VBox([self._share, self._share_message]),
                         w.VBox([self._source, self._source_message])])
        fields.add_class("sp-editor-row")
        super().__init__([label, self._note, fields])
        self.add_class("sp-reach-estimate")
        self._share.observe(self._on_edit, names="value")
        self._share.text.observe(self._on_edit, names="value")
        self._source.observe(self._on_edit, names="value")

    def show(self, estimate: ReachEstimate | None, reach: CriterionScore | None) -> None:
        """Show the stored ``estimate`` and whether it is used (``reach``: the platform's
        reach criterion in the ranking); a field being typed in is left as typed."""
        has_figure = reach is not None and reach.value is not None \
            and not reach.estimate_source
        self.layout.display = "none" if has_figure and estimate is None else None
        if has_figure:
            note = _("Not used: the data has a figure of its reach, which counts instead.")
        elif estimate is not None:
            note = _("Used as its reach and marked \"your own estimate\" wherever it shows.")
        else:
            note = _("The data has no figure of its reach for your audience. If you know "
                     "the share of your audience that uses it, enter it with its source: "
                     "the score uses it, marked as your own estimate.")
        self._note.value = f'<div class="sp-card-note">{html.escape(note)}</div>'
        typing = bool(self._share_message.value or self._source_message.value
                      or self._share.message)
        if typing:
            return
        with self.quietly():
            if self._share.value != (estimate.share_percent if estimate else None):
                self._share.set_quietly(estimate.share_percent if estimate else None)
            set_if_changed(self._source, estimate.source if estimate else "")

    def _on_edit(self, _change=None) -> None:
        if self.quiet:
            return
        typed = self._share.text.value.strip()
        share = self._share.value if typed else None
        source = " ".join(self._source.value.split())
        self._share_message.value = self._source_message.value = ""
        if self._share.message:
            return  # the number field says what is wrong with what was typed
        if share is None and not source:
            self._on_change(None)
            return
        if share is None:
            self._share_message.value = field_error_html(
                _("Enter the share of your audience that uses it (0-100 %)."))
            return
        try:
            estimate = ReachEstimate(id=self.platform_id, platform=self.platform,
                                     share_percent=share, source=source)
        except ValidationError as exc:
            self._source_message.value = field_error_html(error_message(exc, {"source": ""}))
            return
        self._on_change(estimate)
