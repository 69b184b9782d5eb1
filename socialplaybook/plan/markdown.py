"""A plan as a Markdown document, to read and present (JSON: ``plan.files``)."""

from __future__ import annotations

from socialplaybook.plan.model import Plan, in_plan_language
from socialplaybook.rules.i18n import _
from socialplaybook.rules.text import markdown_text
from socialplaybook.steps.registry import built_steps


@in_plan_language
def plan_to_markdown(plan: Plan) -> str:
    """The plan as a Markdown document, one heading per section, every number written in
    the team's number locale (``plan.locale``).

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
        if step.section:
            lines += step.markdown_lines(getattr(plan, step.key), plan.locale, plan)
    return "\n".join(lines).rstrip() + "\n"
