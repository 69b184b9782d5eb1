"""The step registry: every workshop step, in order, and what it is made of.

A step is its package in ``socialplaybook/steps/`` (its section model, its rules, its
Markdown), its app (a StepApp subclass in ``widgets/``), its notebook and one entry here.
The Plan takes its sections from this list; the start page's map, the audit's "start
here" links, the exports and the tests iterate it. Adding a step is one entry here plus the
step's own files: nothing else is edited by hand.

The parts are named as ``"module:attribute"`` strings, imported when first used, so this
module imports no step (and the core never imports ipywidgets through an app).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from socialplaybook.rules.i18n import _


@functools.cache
def load_attribute(reference: str) -> Any:
    """The object a ``"package.module:name"`` reference names."""
    module, _sep, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Step:
    """One workshop step and the notebook that serves it as an app.

    ``key`` is also the name of the step's section in the Plan. ``section`` names the
    section's model, ``markdown`` the function giving the export's lines for a section,
    the team's number locale and the whole plan (``(section, locale, plan) -> list[str]``;
    plan may be None), ``document`` the one giving its blocks in the playbook's document
    (HTML, PDF, XLSX; without one the Markdown is read), ``gaps`` the one giving its open
    checks (what the playbook's checklist lists),
    ``app`` the widget class, each as ``"module:name"``. A step still to be built has no
    ``app``; a step that keeps nothing in the plan has no ``section``.
    """

    key: str
    notebook: str
    title: str
    summary: str
    app: str | None = None
    section: str | None = None
    markdown: str | None = None
    document: str | None = None
    gaps: str | None = None

    @property
    def available(self) -> bool:
        """Whether the step's app is built (else the map shows it as coming)."""
        return self.app is not None

    @property
    def app_path(self) -> str:
        """The path of the step's app under Voila's root (``voila/render/<notebook>``)."""
        return f"voila/render/{self.notebook}"

    @property
    def section_model(self) -> type | None:
        """The model of the step's Plan section (None for a step that keeps none)."""
        return load_attribute(self.section) if self.section else None

    def markdown_lines(self, section: Any, locale: str = "en", plan: Any = None) -> list[str]:
        """The export's lines for the step's ``section`` ([] for a step with no export),
        every number written in the team's number ``locale``; ``plan``: the whole plan,
        for what the step shows of other steps (the KPIs' ROI reads the budget)."""
        if not self.markdown:
            return []
        render: Callable[..., list[str]] = load_attribute(self.markdown)
        return render(section, locale, plan)

    def document_blocks(self, section: Any, plan: Any) -> list[Any]:
        """The step's blocks in the playbook's document ([] for a step with no ``document``);
        ``plan``: the whole plan, for what the step shows of other steps."""
        if not self.document:
            return []
        return load_attribute(self.document)(section, plan)

    def open_checks(self, section: Any, plan: Any) -> list[Any]:
        """The step's checks that do not pass yet (``rules.checks.Check``; [] without
        ``gaps``)."""
        if not self.gaps:
            return []
        return load_attribute(self.gaps)(section, plan)


def workshop_steps() -> list[Step]:
    """All steps in workshop order."""
    steps = "socialplaybook.steps"
    return [
        Step("audit", "01-myth-audit.ipynb", _("Myth audit"),
             _("Rate what you believe about social media today; see where to start."),
             app="widgets.audit:MythAuditApp", section=f"{steps}.audit.section:AuditSection",
             markdown=f"{steps}.audit.markdown:audit_markdown",
             document=f"{steps}.audit.document:audit_document",
             gaps=f"{steps}.audit.gaps:audit_gaps"),
        Step("planning", "02-planning.ipynb", _("Planning"),
             _("Goals tied to business results, your audience, who answers, a timeline."),
             app="widgets.planning.app:PlanningApp",
             section=f"{steps}.planning.section:PlanningSection",
             markdown=f"{steps}.planning.markdown:planning_markdown",
             document=f"{steps}.planning.document:planning_document",
             gaps=f"{steps}.planning.readiness:planning_gaps"),
        Step("platforms", "03-platforms.ipynb", _("Platforms"),
             _("Be where your audience is, with no more accounts than you can run."),
             app="widgets.platforms.app:PlatformsApp",
             section=f"{steps}.platforms.section:PlatformsSection",
             markdown=f"{steps}.platforms.markdown:platforms_markdown",
             document=f"{steps}.platforms.document:platforms_document",
             gaps=f"{steps}.platforms.gaps:platforms_gaps"),
        Step("budget", "04-budget.ipynb", _("Budget"),
             _("Social media is not free: time, tools and paid reach, by channel."),
             app="widgets.budget.app:BudgetApp", section=f"{steps}.budget.section:BudgetSection",
             markdown=f"{steps}.budget.markdown:budget_markdown",
             document=f"{steps}.budget.document:budget_document",
             gaps=f"{steps}.budget.gaps:budget_gaps"),
        Step("kpis", "05-kpis.ipynb", _("KPIs"),
             _("Measure business results, not followers: funnels, ROI, UTM links."),
             app="widgets.kpis.app:KpisApp", section=f"{steps}.kpis.section:KpisSection",
             markdown=f"{steps}.kpis.markdown:kpis_markdown",
             document=f"{steps}.kpis.document:kpis_document",
             gaps=f"{steps}.kpis.gaps:kpis_gaps"),
        Step("engagement", "06-engagement-and-policy.ipynb", _("Engagement and policy"),
             _("Answer every comment, triage complaints, write the rules and the account list."),
             app="widgets.engagement.app:EngagementApp",
             section=f"{steps}.engagement.section:EngagementSection",
             markdown=f"{steps}.engagement.markdown:engagement_markdown"),
        Step("playbook", "07-playbook.ipynb", _("Playbook"),
             _("The whole plan in one place, to export and present."),
             app="widgets.playbook.app:PlaybookApp"),
    ]


def built_steps() -> list[Step]:
    """The steps whose apps exist, in workshop order."""
    return [step for step in workshop_steps() if step.available]


def section_steps() -> list[Step]:
    """The steps that keep a section in the Plan, in workshop order."""
    return [step for step in workshop_steps() if step.section]


def step_of(key: str) -> Step:
    """The step with ``key``; KeyError when there is none."""
    for step in workshop_steps():
        if step.key == key:
            return step
    raise KeyError(key)


def step_of_app(app: str) -> Step | None:
    """The step whose app is ``app`` (``"module:Class"``), or None."""
    return next((step for step in workshop_steps() if step.app == app), None)


def step_for_area(area: str) -> Step:
    """The step that works on a myth-audit area (engagement and policy share one app)."""
    return step_of("engagement" if area == "policy" else area)
