"""The mix: posts that give value (help, teach, entertain, share others' work) against posts
about the company, with a warning above the team's stated share of self-promotion.

The threshold is the team's assumption; its default, 20 %, is the practitioners' "80/20
rule", a rule of thumb rather than a measured finding (``datasets/engagement_defaults.csv``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.steps.engagement.section import ContentMix, Pillar


def self_promotion_why() -> str:
    """What the articles say against posting about yourself, shown with every warning."""
    return _("Nobody wants to talk with someone who only talks about themselves: speak the "
             "audience's language and post what they want to hear (seed 000); every post "
             "should give value, or unfollowing is one click (seed 003).")


def _pct(value: float, locale: str) -> str:
    return f"{format_rounded(value, locale=locale, max_decimals=1)} %"


def mix_checks(mix: ContentMix, locale: str = "en") -> list[Check]:
    """Whether the shares add up to 100 %, and whether posts about the company stay at or
    under the team's threshold."""
    why = self_promotion_why()
    total = sum(mix.shares().values())
    checks = []
    if total == 0:
        return [_todo("mix.total", _("Enter the share of each kind of post."), why)]
    if abs(total - 100) > 0.05:
        checks.append(_todo("mix.total", _("The shares add up to {total}: make them 100 "
                                           "%.").format(total=_pct(total, locale)), why))
    limit = mix.max_about_us_percent
    if mix.about_us_percent > limit:
        checks.append(_warning("mix.self_promotion", _(
            "{share} of your posts are about the company, above your limit of {limit}.").format(
                share=_pct(mix.about_us_percent, locale), limit=_pct(limit, locale)), why))
    else:
        checks.append(_ok("mix.self_promotion", _(
            "{share} of your posts are about the company, within your limit of {limit}.").format(
                share=_pct(mix.about_us_percent, locale), limit=_pct(limit, locale)), why))
    return checks


def calendar_mix(pillars_of_slots: Sequence[Pillar | None]) -> dict[str, float]:
    """The share (%) of each kind of post in the calendar, from its slots' pillars (slots
    without a pillar left out)."""
    kinds = [p.kind for p in pillars_of_slots if p is not None]
    if not kinds:
        return {}
    return {kind: 100 * kinds.count(kind) / len(kinds) for kind in dict.fromkeys(kinds)}


def calendar_mix_check(shares: Mapping[str, float], limit: float,
                       locale: str = "en") -> Check:
    """Whether the calendar, as planned slot by slot, keeps to the limit on posts about us."""
    why = self_promotion_why()
    if not shares:
        return _todo("mix.calendar", _("Give the calendar's slots pillars to see its mix."),
                     why)
    about = shares.get("about_us", 0.0)
    if about > limit:
        return _warning("mix.calendar", _("In the calendar {share} of the slots are about the "
                                          "company, above your limit of {limit}.").format(
            share=_pct(about, locale), limit=_pct(limit, locale)), why)
    return _ok("mix.calendar", _("In the calendar {share} of the slots are about the "
                                 "company.").format(share=_pct(about, locale)), why)
