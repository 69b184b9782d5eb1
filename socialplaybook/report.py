"""A plan as documents: JSON (exact round trip) and Markdown (to read and present)."""

from __future__ import annotations

from socialplaybook.audit import area_labels, area_scores, rating_labels, weakest_areas
from socialplaybook.data import load_myths
from socialplaybook.i18n import _
from socialplaybook.plan import Plan
from socialplaybook.planning import planning_markdown
from socialplaybook.text import markdown_text


def plan_to_json(plan: Plan) -> str:
    """The plan as JSON; importing it and exporting again gives the same bytes."""
    return plan.to_json()


def plan_to_markdown(plan: Plan) -> str:
    """The plan as a Markdown document, one heading per section.

    Everything a team typed (and every text from the datasets) goes through
    :func:`~socialplaybook.text.markdown_text`: it is shown as typed, never read as HTML or
    Markdown, so the document keeps its shape and runs nothing in a viewer that allows HTML.
    """
    lines = [
        f"# {_('Social media playbook')}: {markdown_text(plan.team)}",
        "",
        _("Currency: {currency} · last updated {when} UTC").format(
            currency=plan.currency, when=plan.updated_at.strftime("%Y-%m-%d %H:%M")),
        "",
    ]
    lines += _audit_markdown(plan)
    lines += planning_markdown(plan.planning)
    return "\n".join(lines).rstrip() + "\n"


def _audit_markdown(plan: Plan) -> list[str]:
    myths = load_myths()
    answers = plan.audit.answers
    lines = [f"## {_('Myth audit')}", ""]
    if not answers:
        return lines + [_("No statements rated yet."), ""]
    scores = area_scores(answers, myths)
    labels = area_labels()
    lines += [f"| {_('Area')} | {_('Score (0-100)')} | {_('Answered')} |", "|---|---:|---:|"]
    for s in scores.values():
        score = f"{s.score:.0f}" if s.score is not None else "–"
        lines.append(f"| {labels[s.area]} | {score} | {s.answered} / {s.statements} |")
    weakest = ", ".join(labels[s.area] for s in weakest_areas(scores))
    lines += ["", _("Start here: {areas}").format(areas=weakest), ""]
    ratings = rating_labels()
    lines += [f"| {_('Statement')} | {_('Describes us')} |", "|---|---|"]
    for myth in myths:
        if myth.id in answers:
            lines.append(f"| {markdown_text(myth.belief)} | {ratings[answers[myth.id]]} |")
    return lines + [""]
