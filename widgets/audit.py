"""The myth audit app: rate the statements, see area scores on a radar, know where to start."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
from pydantic import ValidationError
from traitlets import Dict, observe

from socialplaybook.datasets import AREAS, Myth, MythSource, load_myth_sources, load_myths
from socialplaybook.rules.i18n import _, current_language, language_tag, parse_language
from socialplaybook.steps.audit.radar import audit_radar_svg
from socialplaybook.steps.audit.scores import (
    area_labels,
    area_scores,
    overall_score,
    overall_weighting,
    rating_labels,
    weakest_areas,
)
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.registry import step_for_area
from socialplaybook.workspace.store import Workspace
from widgets.app.step_app import StepApp
from widgets.kit.labels import label_width_px
from widgets.kit.messages import error_message
from widgets.start import app_link


def seed_citations() -> dict[str, str]:
    """How a statement cites its article, by the number the article's file starts with."""
    return {"000": _("Source: the Chinese article {file}"),
            "001": _("Source: the German article {file}"),
            "002": _("Source: the Georgian article {file}"),
            "003": _("Source: the Norwegian article {file}")}


def quote_html(source: MythSource | None) -> str:
    """The article's own sentence, in its language (marked so), shown beside the statement."""
    if source is None:
        return ""
    label = html.escape(_("In the article's own words"), quote=True)
    return (f'<blockquote class="sp-quote" title="{label}">'
            f'<span lang="{html.escape(source.language, quote=True)}">'
            f"{html.escape(source.quote)}</span></blockquote>")


def source_html(myth: Myth, source: MythSource | None) -> str:
    """Where a statement comes from: the article's sentence rendered in the team's language
    (unless that is the article's) and a note, then the article it is quoted from."""
    citation = seed_citations().get(myth.seed[:3], _("Source: {file}"))
    cite = f'<span class="sp-source">{html.escape(citation.format(file=myth.seed))}</span>'
    if source is None:
        return cite
    note = (f'<br><span class="sp-source">{html.escape(source.note)}</span>'
            if source.note else "")
    here = current_language()
    rendering = ("" if parse_language(source.language) == here else
                 f'<i lang="{language_tag(here)}">{html.escape(source.english)}</i>')
    return (f'<div class="sp-quote-rendering">{rendering}{note}</div>{cite}')


class StatementRating(w.VBox):
    """One statement with the article's own sentence beside it; what the article argues
    instead (expandable); a 0-4 rating."""

    def __init__(self, myth: Myth, on_rate: Callable[[str, int | None], None],
                 style: w.ToggleButtonsStyle | None = None,
                 source: MythSource | None = None) -> None:
        self.myth = myth
        text = w.HTML(
            f'<div class="sp-statement-pair"><div class="sp-statement-text">'
            f"{html.escape(myth.belief)}</div>{quote_html(source)}</div>"
            f"<details><summary>{_('What the article argues instead')}</summary>"
            f"{html.escape(myth.instead)} {source_html(myth, source)}</details>")
        self.rating = w.ToggleButtons(
            options=list(zip(rating_labels(), range(5), strict=True)), value=None,
            tooltips=[_("This does not describe us"), "", "", "",
                      _("This describes us completely")],
            style=style or {"button_width": "100px"})
        super().__init__([text, self.rating])
        self.add_class("sp-statement")
        self.rating.observe(lambda change: on_rate(myth.id, change["new"]), names="value")


class MythAuditApp(StepApp):
    """The myth audit for one team, saved to the workspace as the plan's ``audit`` section."""

    TABS = AREAS
    tabs_need_a_team = False  # the statements are the same for every team
    answers = Dict()

    def __init__(self, workspace: Workspace | None = None,
                 myths: tuple[Myth, ...] | None = None,
                 sources: dict[str, MythSource] | None = None, **kwargs) -> None:
        self._given_myths, self._given_sources = myths, sources
        self._rating_style = w.ToggleButtonsStyle(button_width="100px")
        super().__init__(workspace, **kwargs)
        self.build_tab(AREAS[0])
        self._update()

    def build_workarea(self) -> list[w.Widget]:
        # The statements in the page's language (read again when it changes).
        self.myths = self._given_myths or load_myths()
        self.sources = (load_myth_sources() if self._given_sources is None
                        else self._given_sources)
        # Statements are built a tab at a time, when the tab is first shown: fewer widgets
        # for the browser to create makes the app interactive sooner.
        self.rows: dict[str, StatementRating] = {}
        tabs = self.make_tabs()
        self.chart = w.HTML(layout=w.Layout(width="100%", min_height="360px"))
        self._summary = w.HTML()
        self._start_here = w.HTML()
        side = w.VBox([self.chart, self._summary, self._start_here],
                      layout=w.Layout(width="430px", flex="0 0 430px", margin="0 0 0 18px"))
        side.add_class("sp-card")
        return [w.HBox(
            [w.VBox([tabs], layout=w.Layout(flex="1 1 auto", min_width="0")), side],
            layout=w.Layout(align_items="flex-start"))]

    def relabel(self) -> None:
        super().relabel()
        self.build_shown_tab()  # the statements need no team
        self._update()

    def show_section(self, section: AuditSection) -> None:
        self.answers = dict(section.answers)
        self._show_answers(self.rows.values())
        self._update()

    # -- events ------------------------------------------------------------------------

    def tab_content(self, area: str) -> list[w.Widget]:
        # one width for the five buttons, wide enough for the longest in the language
        widest = label_width_px(*rating_labels(), minimum_px=92)
        self._rating_style.button_width = f"{widest + 8}px"  # and the button's padding
        rows = [StatementRating(myth, self._on_rating, self._rating_style,
                                self.sources.get(myth.id))
                for myth in self.myths if myth.area == area]
        self.rows.update((row.myth.id, row) for row in rows)
        self._show_answers(rows)
        return rows

    def _show_answers(self, rows) -> None:
        self._setting = True
        try:
            for row in rows:
                row.rating.value = self.answers.get(row.myth.id)
        finally:
            self._setting = False

    def row(self, statement_id: str) -> StatementRating:
        """The rating row of a statement (its tab is built if it was not yet)."""
        area = next(m.area for m in self.myths if m.id == statement_id)
        self.build_tab(area)
        return self.rows[statement_id]

    def _on_rating(self, statement_id: str, rating: int | None) -> None:
        if getattr(self, "_setting", False):
            return
        answers = dict(self.answers)
        if rating is None:
            answers.pop(statement_id, None)
        else:
            answers[statement_id] = rating
        try:
            section = AuditSection(answers=answers)
        except ValidationError as exc:
            self.show_message(error_message(exc))
            return
        if self.edit(section, at_once=True):  # a rating is a whole change: no typing to wait for
            self.answers = answers

    # -- drawing -------------------------------------------------------------------------

    @observe("answers")
    def _on_answers(self, _change) -> None:
        self._update()

    def _update(self) -> None:
        scores = area_scores(self.answers, self.myths)
        self.scores = scores
        self.chart.value = audit_radar_svg(scores)
        labels = area_labels()
        self._tabs.titles = tuple(
            f"{labels[a]} {scores[a].answered}/{scores[a].statements}" for a in AREAS)
        answered = sum(s.answered for s in scores.values())
        overall = overall_score(scores)
        overall_text = (_("Overall health: {score:.0f} / 100").format(score=overall)
                        if overall is not None else _("Rate a statement to see your scores."))
        rated = _("{n} of {total} statements rated").format(n=answered, total=len(self.myths))
        self._summary.value = (
            f"<div><b>{html.escape(overall_text)}</b><br>"
            f'<span class="sp-muted sp-weighting">{html.escape(overall_weighting())}</span><br>'
            f'<span class="sp-muted">{html.escape(rated)}</span></div>')
        self._start_here.value = self._start_here_html(scores)

    def _start_here_html(self, scores) -> str:
        weakest = weakest_areas(scores)
        if not weakest:
            return ""
        labels = area_labels()
        items = []
        for score in weakest:
            step = step_for_area(score.area)
            name = html.escape(labels[score.area])
            link = html.escape(app_link(step.notebook, self.team))
            target = (f'<a href="{link}">{html.escape(step.title)}</a>'
                      if step.available
                      else f'{html.escape(step.title)} <span class="sp-badge">'
                           f'{_("coming")}</span>')
            items.append(f"<li><b>{name}</b> · {score.score:.0f} / 100 → {target}</li>")
        return (f'<div class="sp-start-here"><b>{_("Start here")}</b>'
                f"<ol>{''.join(items)}</ol></div>")
