"""The workshop's steps, in order: which app each one is and whether it is built yet."""

from __future__ import annotations

from dataclasses import dataclass

from socialplaybook.i18n import _


@dataclass(frozen=True)
class Step:
    """One workshop step and the notebook that serves it as an app."""

    key: str
    notebook: str
    title: str
    summary: str
    available: bool

    @property
    def app_path(self) -> str:
        """The path of the step's app under Voila's root (``voila/render/<notebook>``)."""
        return f"voila/render/{self.notebook}"


def workshop_steps() -> list[Step]:
    """All steps in workshop order; ``available`` is False for apps not built yet."""
    return [
        Step("audit", "01-myth-audit.ipynb", _("Myth audit"),
             _("Rate what you believe about social media today; see where to start."), True),
        Step("planning", "02-planning.ipynb", _("Planning"),
             _("Goals tied to business results, your audience, who answers, a timeline."), True),
        Step("platforms", "03-platforms.ipynb", _("Platforms"),
             _("Be where your audience is, with no more accounts than you can run."), False),
        Step("budget", "04-budget.ipynb", _("Budget"),
             _("Social media is not free: time, tools and paid reach, by channel."), False),
        Step("kpis", "05-kpis.ipynb", _("KPIs"),
             _("Measure business results, not followers: funnels, ROI, UTM links."), False),
        Step("engagement", "06-engagement-and-policy.ipynb", _("Engagement and policy"),
             _("Answer every comment, triage complaints, write the rules and the account list."),
             False),
        Step("playbook", "07-playbook.ipynb", _("Playbook"),
             _("The whole plan in one place, to export and present."), False),
    ]


def step_for_area(area: str) -> Step:
    """The step that works on a myth-audit area (engagement and policy share one app)."""
    key = "engagement" if area == "policy" else area
    return next(step for step in workshop_steps() if step.key == key)
