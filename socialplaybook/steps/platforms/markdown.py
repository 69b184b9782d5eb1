"""The platforms section in the exported Markdown."""

from __future__ import annotations

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_number, format_percent
from socialplaybook.steps.platforms.section import PlatformsSection
from socialplaybook.steps.platforms.vocabulary import role_labels


def platforms_markdown(section: PlatformsSection, locale: str = "en",
                       plan=None) -> list[str]:
    """The export's lines for the platforms step, numbers in the team's ``locale``."""
    from socialplaybook.rules.text import markdown_text

    roles = role_labels()
    lines = ["## " + _("Platforms"), ""]
    if not section.choices:
        lines.append(_("No platform chosen yet."))
    for choice in section.choices:
        lines.append(f"- **{markdown_text(choice.platform)}**: {roles[choice.role]}"
                     + (f"; {markdown_text(choice.cadence)}" if choice.cadence else "")
                     + (f"; {markdown_text(choice.tone)}" if choice.tone else ""))
    for estimate in section.reach_estimates:
        lines.append("- " + _("{platform}: reach {share}, our own estimate ({source}), not a "
                              "survey figure").format(
            platform=markdown_text(estimate.platform),
            share=format_percent(estimate.share_percent, locale=locale),
            source=markdown_text(estimate.source)))
    reserved = [pid for pid, done in section.handles.items() if done]
    count = format_number(len(reserved), locale=locale)
    lines += ["", _("Handles reserved: {n}").format(n=count), ""]
    return lines
