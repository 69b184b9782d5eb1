"""The myth audit in the playbook's document: the radar, the area scores, the ratings."""

from __future__ import annotations

from socialplaybook.datasets import load_myths
from socialplaybook.rules.blocks import Block, Chart, Column, Paragraph, Table
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.steps.audit.radar import audit_radar_svg
from socialplaybook.steps.audit.scores import (
    area_labels,
    area_scores,
    overall_score,
    rating_labels,
    weakest_areas,
)
from socialplaybook.steps.audit.section import AuditSection


def audit_document(section: AuditSection, plan) -> list[Block]:
    """The radar of the area scores, where to start, each area's score and every rating."""
    if not section.answers:
        return [Paragraph(_("No statements rated yet."), muted=True)]
    myths = load_myths()
    scores = area_scores(section.answers, myths)
    labels = area_labels()
    blocks: list[Block] = [Chart("audit-radar", _("Score per area, 0 to 100"),
                                 audit_radar_svg(scores, size=360))]
    overall = overall_score(scores)
    if overall is not None:
        blocks.append(Paragraph(_("Overall score: {score:.0f} of 100 (each answered statement "
                                  "counts the same).").format(score=overall)))
    weakest = [labels[s.area] for s in weakest_areas(scores)]
    blocks.append(Paragraph(_("Start here: {areas}.").format(
        areas=list_text(weakest))))
    blocks.append(Table(
        (Column(_("Area")), Column(_("Score (0-100)"), "number"), Column(_("Answered"), "number"),
         Column(_("Statements"), "number")),
        tuple((labels[s.area], round(s.score) if s.score is not None else None, s.answered,
               s.statements) for s in scores.values()), name=_("Area scores")))
    ratings = rating_labels()
    blocks.append(Table(
        (Column(_("Statement")), Column(_("Describes us"))),
        tuple((myth.belief, ratings[section.answers[myth.id]]) for myth in myths
              if myth.id in section.answers), name=_("Ratings")))
    return blocks
