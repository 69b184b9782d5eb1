"""The platforms section in the playbook's document: the chosen platforms, their role, goal,
cadence, tone and hours, and the handles reserved."""

from __future__ import annotations

from socialplaybook.rules.blocks import Block, Column, Figure, KeyFigures, Paragraph, Table
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_percent
from socialplaybook.steps.platforms.inputs import team_inputs, team_profiles
from socialplaybook.steps.platforms.portfolio import active_choices
from socialplaybook.steps.platforms.section import PlatformsSection
from socialplaybook.steps.platforms.vocabulary import role_labels


def platforms_document(section: PlatformsSection, plan) -> list[Block]:
    """The choice as a table, with the accounts to run, the hours they need and the team's."""
    if not section.choices:
        return [Paragraph(_("No platform chosen yet."), muted=True)]
    roles = role_labels()
    inputs = team_inputs(section, plan.planning)
    goals = dict(inputs.goals)
    hours = {p.id: p.hours_per_week for p in team_profiles(section)}
    active = active_choices(section.choices)
    needed = [hours.get(c.id) for c in active]
    figures = [Figure(_("Accounts to run"), len(active)),
               Figure(_("Hours a week they need"),
                      sum(h for h in needed if h is not None) if needed else 0),
               Figure(_("People"), inputs.people),
               Figure(_("Hours a week the team has"), inputs.hours_per_week)]
    yes, no = _("yes"), _("no")
    estimates = [Paragraph(_("{platform}: reach {share}, our own estimate ({source}), not a "
                             "survey figure.").format(
        platform=e.platform, share=format_percent(e.share_percent, locale=plan.locale),
        source=e.source), muted=True) for e in section.reach_estimates]
    return [KeyFigures(tuple(figures)), *estimates, Table(
        (Column(_("Platform")), Column(_("Role")), Column(_("Goal")), Column(_("Cadence")),
         Column(_("Tone")), Column(_("Hours per week"), "number"),
         Column(_("Handle reserved"))),
        tuple((c.platform, roles[c.role], goals.get(c.goal_id, ""), c.cadence, c.tone,
               hours.get(c.id), yes if section.handles.get(c.id) else no)
              for c in section.choices), name=_("Chosen platforms"))]
