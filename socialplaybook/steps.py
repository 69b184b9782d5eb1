"""The step registry: every workshop step, in order, and what it is made of.

A step is its core module, its app (a StepApp subclass in ``widgets/``), its notebook, the
Plan section it writes and the Markdown it exports. The start page's map, the audit's
"start here" links, the export and the tests iterate this list: adding a step is one
entry here (plus the step's own files), nothing else edited by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from socialplaybook.i18n import _


@dataclass(frozen=True)
class Step:
    """One workshop step and the notebook that serves it as an app.

    ``app`` is the widget class as "module:Class" (a string, so the core never imports
    ipywidgets); ``section`` the Plan field the app edits; ``markdown(section)`` the
    export's lines for it. A step still to be built has ``app`` None.
    """

    key: str
    notebook: str
    title: str
    summary: str
    app: str | None = None
    section: str | None = None
    markdown: Callable[[Any], list[str]] | None = None

    @property
    def available(self) -> bool:
        """Whether the step's app is built (else the map shows it as coming)."""
        return self.app is not None

    @property
    def app_path(self) -> str:
        """The path of the step's app under Voila's root (``voila/render/<notebook>``)."""
        return f"voila/render/{self.notebook}"


def workshop_steps() -> list[Step]:
    """All steps in workshop order."""
    from socialplaybook.audit import audit_markdown
    from socialplaybook.budget import budget_markdown
    from socialplaybook.kpis import kpis_markdown
    from socialplaybook.planning import planning_markdown
    from socialplaybook.platforms import platforms_markdown

    return [
        Step("audit", "01-myth-audit.ipynb", _("Myth audit"),
             _("Rate what you believe about social media today; see where to start."),
             app="widgets.audit:MythAuditApp", section="audit", markdown=audit_markdown),
        Step("planning", "02-planning.ipynb", _("Planning"),
             _("Goals tied to business results, your audience, who answers, a timeline."),
             app="widgets.planning:PlanningApp", section="planning",
             markdown=planning_markdown),
        Step("platforms", "03-platforms.ipynb", _("Platforms"),
             _("Be where your audience is, with no more accounts than you can run."),
             app="widgets.platforms:PlatformsApp", section="platforms",
             markdown=platforms_markdown),
        Step("budget", "04-budget.ipynb", _("Budget"),
             _("Social media is not free: time, tools and paid reach, by channel."),
             app="widgets.budget:BudgetApp", section="budget", markdown=budget_markdown),
        Step("kpis", "05-kpis.ipynb", _("KPIs"),
             _("Measure business results, not followers: funnels, ROI, UTM links."),
             app="widgets.kpis:KpisApp", section="kpis", markdown=kpis_markdown),
        Step("engagement", "06-engagement-and-policy.ipynb", _("Engagement and policy"),
             _("Answer every comment, triage complaints, write the rules and the account list.")),
        Step("playbook", "07-playbook.ipynb", _("Playbook"),
             _("The whole plan in one place, to export and present.")),
    ]


def built_steps() -> list[Step]:
    """The steps whose apps exist, in workshop order."""
    return [step for step in workshop_steps() if step.available]


def step_for_area(area: str) -> Step:
    """The step that works on a myth-audit area (engagement and policy share one app)."""
    key = "engagement" if area == "policy" else area
    return next(step for step in workshop_steps() if step.key == key)
