"""The engagement section in the exported Markdown: pillars and mix, network and listening,
the response playbook, automation, the crisis example, the policy and the account inventory
(with its alerts; it holds no secret to leak).

The export sees the section alone; where the app reads the plan (RACI, the team's name) it
passes :class:`~socialplaybook.steps.engagement.inputs.EngagementInputs` to
:func:`engagement_lines`.
"""

from __future__ import annotations

from datetime import date

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.rules.text import markdown_text
from socialplaybook.steps.engagement.automation import automation_checks
from socialplaybook.steps.engagement.inputs import EngagementInputs, platform_names
from socialplaybook.steps.engagement.inventory import account_rows, inventory_checks
from socialplaybook.steps.engagement.listening import listening_queries
from socialplaybook.steps.engagement.mix import mix_checks
from socialplaybook.steps.engagement.playbook import hours_text, playbook_rows
from socialplaybook.steps.engagement.policy import policy_markdown, policy_parts
from socialplaybook.steps.engagement.section import EngagementSection
from socialplaybook.steps.engagement.triage import tier_labels, triage
from socialplaybook.steps.engagement.vocabulary import (
    account_status_labels,
    handling_labels,
    message_type_labels,
    network_status_labels,
    value_kind_labels,
)
from socialplaybook.steps.planning.vocabulary import department_labels


def _cell(text: str) -> str:
    return markdown_text(text, empty="–")


def engagement_markdown(section: EngagementSection, locale: str = "en",
                        plan=None) -> list[str]:
    """The export's lines for the engagement step (the section alone), numbers in the
    team's ``locale``."""
    return engagement_lines(section, locale=locale)


def engagement_lines(section: EngagementSection, inputs: EngagementInputs | None = None,
                     today: date | None = None, locale: str = "en") -> list[str]:
    """The engagement step as Markdown lines; ``inputs`` (the rest of the plan) names the
    RACI's owners and the team."""
    inputs = inputs or EngagementInputs()
    today = today or date.today()
    kinds, departments = value_kind_labels(), department_labels()
    lines = [f"## {_('Engagement and policy')}", "", f"### {_('Content pillars')}", ""]
    for pillar in section.pillars:
        lines.append(f"- **{_cell(pillar.name)}** ({kinds[pillar.kind]})"
                     + (f": {_cell(pillar.need)}" if pillar.need.strip() else ""))
    if not section.pillars:
        lines.append(_("No pillars yet."))
    lines += ["", f"### {_('The mix')}", ""]
    shares = section.mix.shares()
    lines.append(", ".join(f"{kinds[k]} {format_rounded(v, locale=locale)} %"
                           for k, v in shares.items()))
    lines += [f"- {check.message}" for check in mix_checks(section.mix, locale)]
    lines += ["", f"### {_('Network first')}", ""]
    statuses = network_status_labels()
    for contact in section.network:
        lines.append(f"- **{_cell(contact.name)}** ({_cell(contact.platform)}, "
                     f"{statuses[contact.status]}): {_cell(contact.give)}")
    if not section.network:
        lines.append(_("Nobody named yet."))
    lines += ["", f"### {_('Listening queries')}", ""]
    for query in listening_queries(inputs.team, section.accounts, section.listening):
        lines.append(f"- {query.label}: `{query.text.replace('`', '')}`")
    lines += ["", f"### {_('Response playbook')}", "",
              f"| {_('Message')} | {_('Owner')} | {_('Handling')} | {_('First reply within')} "
              f"| {_('Tone')} | {_('Escalation')} |", "|---|---|---|---|---|---|"]
    handlings, types = handling_labels(), message_type_labels()
    for row in playbook_rows(section, inputs.raci):
        lines.append("| " + " | ".join([
            types[row.message_type], departments[row.department], handlings[row.handling],
            hours_text(row.target_hours, locale) if row.target_hours else "–",
            _cell(row.tone), _cell(row.escalation)]) + " |")
    lines += ["", f"### {_('Automation')}", ""]
    lines += [f"- {check.message}" for check in automation_checks(section.automation, locale)]
    if section.incident.description.strip():
        result = triage(section.incident, inputs.raci)
        lines += ["", f"### {_('Crisis triage')}", "",
                  _("{incident}: {tier}; owner {owner}; first reply within {hours}.").format(
                      incident=_cell(section.incident.description),
                      tier=tier_labels()[result.tier], owner=departments[result.owner],
                      hours=hours_text(result.first_reply_hours, locale))]
    lines += ["", f"### {_('Account inventory')}", ""]
    rows = account_rows(section.accounts, inputs.platforms_section,
                        platform_names(inputs.platforms_section))
    if rows:
        statuses_a = account_status_labels()
        lines += [f"| {_('Platform')} | {_('Handle')} | {_('Owner')} | {_('Backup')} | "
                  f"{_('Two-factor')} | {_('Credentials changed')} | {_('Login kept in')} | "
                  f"{_('Status')} |", "|---|---|---|---|---|---|---|---|"]
        for row in rows:
            a = row.account
            lines.append("| " + " | ".join([
                _cell(a.platform), _cell(a.handle), _cell(a.owner), _cell(a.backup_owner),
                _("on") if a.two_factor else _("off"),
                a.last_credential_change.isoformat() if a.last_credential_change else "–",
                _cell(a.login_kept_in), statuses_a[a.status]]) + " |")
    lines += [""] + [f"- {markdown_text(check.message)}" for check in inventory_checks(
        rows, section.people_left, today, section.credential_max_age_days, locale)]
    lines += [""]
    lines += [line.replace("# ", "### ", 1) if line.startswith("# ") else
              line.replace("## ", "#### ", 1) if line.startswith("## ") else line
              for line in policy_markdown(policy_parts(section, inputs.team), inputs.team)]
    return lines
