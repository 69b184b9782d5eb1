"""The start page: what the workshop is, the map of its steps, and the team to work as."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import ipywidgets as w

from socialplaybook.i18n import _
from socialplaybook.steps import workshop_steps
from socialplaybook.store import Workspace
from widgets.base import SectionFrame, TeamPicker, message_html


def app_link(notebook: str, team: str = "") -> str:
    """The relative URL of a step's app, opening on ``team`` when one is given."""
    return f"{notebook}?{urlencode({'team': team})}" if team else notebook


def steps_map_html(team: str = "") -> str:
    """The workshop's steps as an ordered list: built apps are links, the rest 'coming'."""
    items = []
    for number, step in enumerate(workshop_steps(), start=1):
        title = html.escape(step.title)
        link = html.escape(app_link(step.notebook, team))
        head = (f'<a href="{link}">{number}. {title}</a>' if step.available
                else f'<span>{number}. {title}</span><span class="sp-badge">{_("coming")}</span>')
        items.append(f'<li>{head}<br><span class="sp-muted">{html.escape(step.summary)}</span>'
                     "</li>")
    return f'<ol class="sp-steps">{"".join(items)}</ol>'


class StartHere(SectionFrame):
    """Pick or create the team, then follow the map of the workshop's apps."""

    def __init__(self, workspace: Workspace | None = None) -> None:
        self.picker = TeamPicker(workspace)
        about = w.HTML(
            "<p>" + html.escape(_(
                "Most companies that say social media does not work for them make the same "
                "mistakes: no plan, vanity numbers, every platform at once, marketing answering "
                "alone, no budget, no policy. In this workshop your team builds the opposite, "
                "step by step, with numbers: a social media playbook you can export and "
                "present.")) + "</p><p>" + html.escape(_(
                "Choose your team (or create it) here and in each app. Everything you enter "
                "is saved as you go, with every earlier version kept.")) + "</p>")
        self._chosen = w.HTML()
        self._steps = w.HTML(steps_map_html())
        self._steps.add_class("sp-card")
        super().__init__(body=[about, self.picker, self._chosen, self._steps])
        self.picker.observe(self._on_team, names="team")
        if self.picker.team:  # chosen from the page's ?team= before we were listening
            self._on_team({"new": self.picker.team})

    def _on_team(self, change) -> None:
        team = change["new"]
        self._steps.value = steps_map_html(team)
        note = _("You are working as team {team}. Start with step 1, the myth audit: the links "
                 "below open each app on your team.").format(team=team)
        self._chosen.value = message_html(note, "info") if team else ""
