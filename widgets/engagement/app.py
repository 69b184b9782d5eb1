"""The engagement and policy app: what to post and why, who answers whom and how fast, how
a mishap is handled calmly, the policy, and the accounts (never their passwords).

Every rule and number comes from ``socialplaybook.steps.engagement``; this module reads the
controls, asks the core and shows the result. Five tabs, each built the first time it is
shown, each a mixin of its own file: Content (pillars, mix, calendar, network, listening),
Engagement (playbook, staffing, automation), Crisis (triage), Policy, Accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import ipywidgets as w
from pydantic import ValidationError

from socialplaybook.rules.i18n import _
from socialplaybook.steps.engagement.inputs import EngagementInputs, engagement_inputs
from socialplaybook.steps.engagement.section import EngagementSection
from socialplaybook.workspace.store import Workspace
from widgets.app.step_app import StepApp
from widgets.engagement.accounts_tab import AccountsTab
from widgets.engagement.calendar_tab import CalendarTab
from widgets.engagement.content_tab import ContentTab
from widgets.engagement.crisis_tab import CrisisTab
from widgets.engagement.editors import item_labels
from widgets.engagement.policy_tab import PolicyTab
from widgets.engagement.responses_tab import ResponsesTab
from widgets.engagement.style import ENGAGEMENT_CSS
from widgets.kit.messages import error_message, field_error_html
from widgets.kit.parts import PlainParts


def _read_the_data() -> None:
    """Read the tables the app needs now: the kernel template imports this module before it
    forks the kernels, so each kernel starts with them read."""
    from socialplaybook.steps.budget.defaults import load_budget_defaults
    from socialplaybook.steps.engagement.defaults import load_figures, load_law_notes
    from socialplaybook.steps.platforms.profiles import load_platform_profiles

    load_figures()
    load_law_notes()
    load_platform_profiles()
    load_budget_defaults()


_read_the_data()


class EngagementApp(ContentTab, CalendarTab, ResponsesTab, CrisisTab, PolicyTab, AccountsTab,
                    StepApp):
    """Content, engagement, crisis triage, the policy and the account inventory."""

    TABS = ("content", "engagement", "crisis", "policy", "accounts")

    def __init__(self, workspace: Workspace | None = None, *,
                 today: Callable[[], date] = date.today,
                 now: Callable[[], datetime] = datetime.now, **kwargs) -> None:
        self._today = today
        self._now = now
        self._inputs = EngagementInputs()
        super().__init__(workspace, **kwargs)

    def field_labels(self) -> dict[str, str]:
        return {**item_labels(), "pillars": _("Pillars"), "mix": _("The mix"),
                "calendar": _("Calendar"), "slots": _("Calendar slots"),
                "network": _("Network"), "listening": _("Listening"),
                "responses": _("Response playbook"), "staffing": _("Staffing"),
                "automation": _("Automation"), "incident": _("Incident"),
                "policy": _("Policy"), "accounts": _("Accounts"),
                "people_left": _("People who left"),
                "credential_max_age_days": _("Change credentials every (days)")}

    # -- building --------------------------------------------------------------------------

    def build_workarea(self) -> list[w.Widget]:
        self._parts = PlainParts(outlive_dispose=True)
        style = w.HTML(ENGAGEMENT_CSS, layout=w.Layout(height="0px", overflow="hidden"))
        tabs = self.make_tabs([_("1. Content"), _("2. Engagement"), _("3. Crisis"),
                               _("4. Policy"), _("5. Accounts")])
        return [style, tabs]

    def _html(self, value: str = "") -> w.HTML:
        return self._parts.html(value)

    def _build_content(self) -> list[w.Widget]:
        return [*self._build_content_cards(), *self._build_calendar_cards()]

    # -- showing and drawing -----------------------------------------------------------------

    def show_section(self, section: EngagementSection) -> None:
        self._inputs = engagement_inputs(self.plan)
        if self.build_shown_tab():  # shows and draws it
            return
        self._show_controls(section)
        self.redraw(section)

    def show_tab(self, key: str) -> None:
        self._show_controls(self.section)
        self.redraw(self.section)

    def _show_controls(self, section: EngagementSection) -> None:
        """Set the built tabs' controls from ``section`` without it counting as an edit."""
        with self.quietly():
            if "content" in self._built:
                self._show_content(section)
                self._show_calendar(section)
            if "engagement" in self._built:
                self._show_responses(section)
            if "crisis" in self._built:
                self._show_crisis(section)
            if "policy" in self._built:
                self._show_policy(section)
            if "accounts" in self._built:
                self._show_accounts(section)

    def redraw(self, section: EngagementSection) -> None:
        if "content" in self._built:
            self._draw_content(section)
            self._draw_calendar(section)
        if "engagement" in self._built:
            self._draw_responses(section)
        if "crisis" in self._built:
            self._draw_crisis(section)
        if "policy" in self._built:
            self._draw_policy(section)
        if "accounts" in self._built:
            self._draw_accounts(section)

    # -- edits -------------------------------------------------------------------------------

    def _store(self, where: w.HTML | None, section: EngagementSection) -> str:
        """Store ``section`` when it is valid: "" then, else the reason, also shown in
        ``where`` (under the fields it is about); the stored section stays as it was."""
        if self.busy():
            return ""
        try:
            EngagementSection.model_validate(section.model_dump())
        except ValidationError as exc:
            reason = error_message(exc, self.field_labels())
            if where is not None:
                where.value = field_error_html(reason, wide=True)
            return reason
        if where is not None:
            where.value = ""
        if not self.edit(section):
            return _("This change was refused.")
        self.redraw(self.section)
        return ""

    def _apply(self, where: w.HTML | None, **changes) -> str:
        """Store the section with ``changes`` (see ``_store``)."""
        if self.section is None:
            return ""
        return self._store(where, self.section.model_copy(update=changes))
