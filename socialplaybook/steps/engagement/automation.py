"""Automation: the share of posts scheduled ahead (fine: a person wrote them), of posts and
of replies that are canned or automated (a warning above the team's stated share).

Seed 000: relying on canned, automated posting is one of the most common mistakes; people
use social media to interact with people, and impersonal automation puts them off. The
article objects to canned content, not to scheduling posts you wrote (``myths.csv``).
The threshold is the team's assumption (no source gives a safe share).
"""

from __future__ import annotations

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_percent, format_rounded
from socialplaybook.steps.engagement.defaults import figure
from socialplaybook.steps.engagement.section import AutomationShares


def automation_why() -> str:
    """The articles' reason, shown with every automation check."""
    return _("People use social media to interact with people: canned, automated posts and "
             "replies feel impersonal and put them off, and spammy automation loses them "
             "(seed 000).")


def _pct(value: float, locale: str) -> str:
    return f"{format_rounded(value, locale=locale, max_decimals=1)} %"


def automation_checks(shares: AutomationShares, locale: str = "en") -> list[Check]:
    """Scheduled posts (fine), automated posts and automated replies against the limit."""
    why, limit = automation_why(), shares.max_automated_percent
    checks = [_ok("automation.scheduled", _(
        "{share} of posts scheduled ahead: fine, a person wrote them. The article objects to "
        "canned content, not to scheduling.").format(
            share=_pct(shares.scheduled_posts_percent, locale)), why)]
    if shares.automated_posts_percent > limit:
        checks.append(_warning("automation.posts", _(
            "{share} of posts are canned or automated, above your limit of {limit}.").format(
                share=_pct(shares.automated_posts_percent, locale), limit=_pct(limit, locale)),
            why))
    else:
        checks.append(_ok("automation.posts", _(
            "{share} of posts are canned or automated, within your limit of {limit}.").format(
                share=_pct(shares.automated_posts_percent, locale), limit=_pct(limit, locale)),
            why))
    badge = _("Meta does not count instant replies or away messages as responses for its "
              "'very responsive' badge ({rate} of messages answered within {minutes} "
              "minutes).").format(rate=format_percent(figure("meta_badge_response_rate_percent"),
                                                     locale=locale),
                                  minutes=format_rounded(figure("meta_badge_response_minutes"),
                                                         locale=locale))
    if shares.automated_replies_percent > limit:
        checks.append(_warning("automation.replies", _(
            "{share} of replies are sent by a bot or an auto-reply, above your limit of "
            "{limit}. {badge}").format(share=_pct(shares.automated_replies_percent, locale),
                                       limit=_pct(limit, locale), badge=badge), why))
    else:
        checks.append(_ok("automation.replies", _(
            "{share} of replies are automated, within your limit of {limit}.").format(
                share=_pct(shares.automated_replies_percent, locale),
                limit=_pct(limit, locale)), why))
    return checks
