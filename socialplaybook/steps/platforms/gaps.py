"""What the platforms step still lacks, for the playbook's checklist."""

from __future__ import annotations

from socialplaybook.rules.checks import Check, todo
from socialplaybook.rules.i18n import _
from socialplaybook.steps.platforms.inputs import team_inputs, team_profiles
from socialplaybook.steps.platforms.portfolio import capacity_checks
from socialplaybook.steps.platforms.section import PlatformsSection


def platforms_gaps(section: PlatformsSection, plan) -> list[Check]:
    """No platform chosen yet, or the capacity checks that do not pass (accounts, hours)."""
    if not section.choices:
        return [todo("platforms.chosen", _("No platform chosen yet."),
                     _("Be where your audience is, with no more accounts than you can run."))]
    checks = capacity_checks(section.choices, team_profiles(section),
                             team_inputs(section, plan.planning))
    return [c for c in checks if not c.ok]
