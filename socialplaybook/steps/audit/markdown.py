"""The myth audit in the exported Markdown."""

from __future__ import annotations

from socialplaybook.datasets import load_myths
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.numbers import format_number
from socialplaybook.rules.text import markdown_text
from socialplaybook.steps.audit.scores import area_labels, area_scores, rating_labels, weakest_areas


def audit_markdown(section, locale: str = "en",
                   plan=None) -> list[str]:
    """The audit section as Markdown lines: area scores, where to start, the ratings
    (numbers in the team's ``locale``)."""
    myths = load_myths()
    answers = section.answers
    lines = [f"## {_('Myth audit')}", ""]
    if not answers:
        return lines + [_("No statements rated yet."), ""]
    scores = area_scores(answers, myths)
    labels = area_labels()
    lines += [f"| {_('Area')} | {_('Score (0-100)')} | {_('Answered')} |", "|---|---:|---:|"]
    for s in scores.values():
        score = (format_number(round(s.score), locale=locale) if s.score is not None
                 else "–")
        lines.append(f"| {labels[s.area]} | {score} | {s.answered} / {s.statements} |")
    weakest = list_text(labels[s.area] for s in weakest_areas(scores))
    lines += ["", _("Start here: {areas}").format(areas=weakest), ""]
    ratings = rating_labels()
    lines += [f"| {_('Statement')} | {_('Describes us')} |", "|---|---|"]
    for myth in myths:
        if myth.id in answers:
            lines.append(f"| {markdown_text(myth.belief)} | {ratings[answers[myth.id]]} |")
    return lines + [""]
