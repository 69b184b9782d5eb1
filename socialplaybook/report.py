"""A plan as documents: JSON (exact round trip) and Markdown (to read and present)."""

from __future__ import annotations

from socialplaybook.i18n import _
from socialplaybook.plan import Plan
from socialplaybook.steps import built_steps
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
    for step in built_steps():
        if step.markdown is not None and step.section is not None:
            lines += step.markdown(getattr(plan, step.section))
    return "\n".join(lines).rstrip() + "\n"
