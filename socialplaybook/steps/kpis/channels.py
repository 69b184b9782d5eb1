"""GA4's default channel group: the channel a tagged visit is filed under, rule by rule.

Google documents the rules in "[GA4] Default channel group"
(support.google.com/analytics/answer/9756891): each channel is a condition on the source,
the medium and the campaign name, and a visit gets the first channel whose condition
holds, in the order of Google's table (a paid rule before the organic one, so
facebook / cpc is Paid Social although facebook alone is Organic Social). ``RULES`` is
that table, one row per branch of a condition ("source is a social site" OR "medium is
social" are two rows of Organic Social), so a verdict names the branch that decided it.

"A list of social (video, search, shopping) sites" is Google's downloadable list of
sources and categories; the toolkit keeps the part a social media team meets in
``datasets/ga4_source_categories.csv`` (see ``datasets/README.md``). Sources not on it
(``x``, ``threads``, ``douyin``, ``xiaohongshu`` ...) are not social sites to GA4: a post
tagged source=x is Organic Social only through its medium, and an ad tagged x / cpc lands
in Paid Other. Matching ignores case, as Google says its definitions do.

The rules cover manually tagged links (what the link builder makes); auto-tagged Google
Ads traffic and referrals without tags follow other signals and are not modelled.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from socialplaybook.datasets import load_ga4_source_categories
from socialplaybook.rules.i18n import _

PAID_MEDIUM_PATTERN = re.compile(r"^(.*cp.*|ppc|retargeting|paid.*)$")
SHOPPING_CAMPAIGN = re.compile(r"^(.*(([^a-df-z]|^)shop|shopping).*)$")
SOCIAL_MEDIUMS = frozenset({"social", "social-network", "social-media", "sm", "social network",
                            "social media"})
DISPLAY_MEDIUMS = frozenset({"display", "banner", "expandable", "interstitial", "cpm"})
REFERRAL_MEDIUMS = frozenset({"referral", "app", "link"})
EMAIL_VALUES = frozenset({"email", "e-mail", "e_mail", "e mail"})
SOCIAL_CHANNELS = frozenset({"organic_social", "paid_social"})
# The mediums links start with: posts, and paid posts (see socialplaybook.steps.kpis.utm).
ORGANIC_MEDIUM = "social"
PAID_MEDIUM = "paid_social"
# utm_source values GA4 does not know, with the one on Google's list for the same site.
KNOWN_SOURCE_FOR = {"x": "twitter", "x.com": "twitter", "fb.com": "facebook",
                    "insta": "instagram", "yt": "youtube"}


class Visit(NamedTuple):
    """A tagged visit as GA4 reads it: the values lower-cased, the source's category."""

    source: str
    medium: str
    campaign: str
    category: str  # "social", "video", "search", "shopping" or "" (not on Google's list)


@dataclass(frozen=True)
class ChannelRule:
    """One branch of a channel's condition in Google's table.

    ``key`` names the branch ("organic_social.source"); ``definition`` is Google's wording.
    """

    channel: str
    key: str
    definition: str
    holds: Callable[[Visit], bool]


def _paid(visit: Visit) -> bool:
    return bool(PAID_MEDIUM_PATTERN.match(visit.medium))


def _shop_campaign(visit: Visit) -> bool:
    return bool(SHOPPING_CAMPAIGN.match(visit.campaign))


_PAID_TEXT = "Medium matches regex ^(.*cp.*|ppc|retargeting|paid.*)$"
_SHOP_TEXT = "Campaign Name matches regex ^(.*(([^a-df-z]|^)shop|shopping).*)$"

RULES: tuple[ChannelRule, ...] = (
    ChannelRule("direct", "direct", 'Source exactly matches "(direct)" AND Medium is one of '
                '("(not set)", "(none)")',
                lambda v: v.source == "(direct)" and v.medium in ("(not set)", "(none)")),
    ChannelRule("cross_network", "cross_network", 'Campaign Name contains "cross-network"',
                lambda v: "cross-network" in v.campaign),
    ChannelRule("paid_shopping", "paid_shopping.source",
                f"Source matches a list of shopping sites AND {_PAID_TEXT}",
                lambda v: v.category == "shopping" and _paid(v)),
    ChannelRule("paid_shopping", "paid_shopping.campaign", f"{_SHOP_TEXT} AND {_PAID_TEXT}",
                lambda v: _shop_campaign(v) and _paid(v)),
    ChannelRule("paid_search", "paid_search",
                f"Source matches a list of search sites AND {_PAID_TEXT}",
                lambda v: v.category == "search" and _paid(v)),
    ChannelRule("paid_social", "paid_social",
                f"Source matches a list of social sites AND {_PAID_TEXT}",
                lambda v: v.category == "social" and _paid(v)),
    ChannelRule("paid_video", "paid_video",
                f"Source matches a list of video sites AND {_PAID_TEXT}",
                lambda v: v.category == "video" and _paid(v)),
    ChannelRule("display", "display", 'Medium is one of ("display", "banner", "expandable", '
                '"interstitial", "cpm")', lambda v: v.medium in DISPLAY_MEDIUMS),
    ChannelRule("paid_other", "paid_other", _PAID_TEXT, _paid),
    ChannelRule("organic_shopping", "organic_shopping.source",
                "Source matches a list of shopping sites", lambda v: v.category == "shopping"),
    ChannelRule("organic_shopping", "organic_shopping.campaign", _SHOP_TEXT, _shop_campaign),
    ChannelRule("organic_social", "organic_social.source",
                "Source matches a regex list of social sites", lambda v: v.category == "social"),
    ChannelRule("organic_social", "organic_social.medium",
                'Medium is one of ("social", "social-network", "social-media", "sm", '
                '"social network", "social media")', lambda v: v.medium in SOCIAL_MEDIUMS),
    ChannelRule("organic_video", "organic_video.source", "Source matches a list of video sites",
                lambda v: v.category == "video"),
    ChannelRule("organic_video", "organic_video.medium", "Medium matches regex ^(.*video.*)$",
                lambda v: "video" in v.medium),
    ChannelRule("organic_search", "organic_search.source",
                "Source matches a list of search sites", lambda v: v.category == "search"),
    ChannelRule("organic_search", "organic_search.medium", "Medium exactly matches organic",
                lambda v: v.medium == "organic"),
    ChannelRule("referral", "referral", 'Medium is one of ("referral", "app", "link")',
                lambda v: v.medium in REFERRAL_MEDIUMS),
    ChannelRule("email", "email.source", "Source = email|e-mail|e_mail|e mail",
                lambda v: v.source in EMAIL_VALUES),
    ChannelRule("email", "email.medium", "Medium = email|e-mail|e_mail|e mail",
                lambda v: v.medium in EMAIL_VALUES),
    ChannelRule("affiliates", "affiliates", "Medium = affiliate",
                lambda v: v.medium == "affiliate"),
    ChannelRule("audio", "audio", "Medium exactly matches audio", lambda v: v.medium == "audio"),
    ChannelRule("sms", "sms.source", "Source exactly matches sms", lambda v: v.source == "sms"),
    ChannelRule("sms", "sms.medium", "Medium exactly matches sms", lambda v: v.medium == "sms"),
    ChannelRule("mobile_push", "mobile_push", 'Medium ends with "push" OR Medium contains '
                '"mobile" or "notification"',
                lambda v: v.medium.endswith("push") or "mobile" in v.medium
                or "notification" in v.medium),
)
CHANNELS: tuple[str, ...] = (*dict.fromkeys(rule.channel for rule in RULES), "unassigned")


@dataclass(frozen=True)
class ChannelVerdict:
    """The channel of a visit and the rule that decided it (None: no rule, Unassigned)."""

    channel: str
    rule: ChannelRule | None

    @property
    def is_social(self) -> bool:
        return self.channel in SOCIAL_CHANNELS


def source_category(source: str) -> str:
    """Google's category of a source ("social", "video", "search", "shopping") or ""."""
    return load_ga4_source_categories().get(source.strip().lower(), "")


def classify(source: str, medium: str, campaign: str = "") -> ChannelVerdict:
    """The GA4 default channel a visit tagged so is filed under, and why."""
    return _classify(source.strip().lower(), medium.strip().lower(), campaign.strip().lower())


@functools.lru_cache(maxsize=4096)  # the batch's links are classified again on each redraw
def _classify(source: str, medium: str, campaign: str) -> ChannelVerdict:
    visit = Visit(source, medium, campaign, source_category(source))
    for rule in RULES:
        if rule.holds(visit):
            return ChannelVerdict(rule.channel, rule)
    return ChannelVerdict("unassigned", None)


def channel_of(source: str, medium: str, campaign: str = "") -> str:
    """The id of the GA4 default channel a visit tagged so lands in ("organic_social", ...)."""
    return classify(source, medium, campaign).channel


def channel_labels() -> dict[str, str]:
    """Each channel as GA4's reports name it."""
    return {"direct": _("Direct"), "cross_network": _("Cross-network"),
            "paid_shopping": _("Paid Shopping"), "paid_search": _("Paid Search"),
            "paid_social": _("Paid Social"), "paid_video": _("Paid Video"),
            "display": _("Display"), "paid_other": _("Paid Other"),
            "organic_shopping": _("Organic Shopping"), "organic_social": _("Organic Social"),
            "organic_video": _("Organic Video"), "organic_search": _("Organic Search"),
            "referral": _("Referral"), "email": _("Email"), "affiliates": _("Affiliates"),
            "audio": _("Audio"), "sms": _("SMS"),
            "mobile_push": _("Mobile Push Notifications"), "unassigned": _("Unassigned")}


def is_paid_medium(medium: str) -> bool:
    """Whether GA4 reads ``medium`` as paid (cpc, ppc, retargeting, paid…, anything with cp)."""
    return bool(PAID_MEDIUM_PATTERN.match(medium.strip().lower()))


def known_source_for(source: str) -> str | None:
    """The source on Google's list for a site GA4 does not know by this name ("x" -> "twitter")."""
    known = KNOWN_SOURCE_FOR.get(source.strip().lower())
    return known if known and source_category(known) else None


def channel_warnings(source: str, medium: str, campaign: str = "",
                     paid: bool = False) -> list[str]:
    """What to fix so GA4 files the visits under social (Organic or Paid Social), if anything.

    ``paid``: the links are for ads, so Organic Social is not where they belong either.
    """
    if not source or not medium:
        return []
    verdict = classify(source, medium, campaign)
    channel = channel_labels()[verdict.channel]
    known = known_source_for(source)
    rule = verdict.rule.key if verdict.rule else ""
    if rule.endswith(".campaign"):
        return [_("The campaign name '{campaign}' contains 'shop': GA4 files these visits under "
                  "{channel} before it looks at the source. Name the campaign without 'shop' "
                  "(for example 'spring-sale') to count them as social.").format(
                      campaign=campaign, channel=channel)]
    if verdict.channel == "cross_network":
        return [_("The campaign name '{campaign}' contains 'cross-network': GA4 files these "
                  "visits under Cross-network.").format(campaign=campaign)]
    if verdict.channel == "organic_social" and paid:
        return [_("These links are for ads, but medium '{medium}' makes GA4 count them as "
                  "Organic Social: use '{paid}' so the ads are counted as Paid Social.").format(
                      medium=medium, paid=PAID_MEDIUM)]
    if verdict.is_social:
        return []
    if known:
        return [_("GA4's list of social sites has '{known}', not '{source}': with medium "
                  "'{medium}' these visits land in {channel}. Use '{known}' as the source (or "
                  "add '{source}' to a custom channel group in GA4).").format(
                      known=known, source=source, medium=medium, channel=channel)]
    if verdict.channel in ("paid_video", "organic_video"):
        return [_("GA4 counts '{source}' as a video site: with medium '{medium}' these visits "
                  "land in {channel}. Use medium '{social}' to count them as social.").format(
                      source=source, medium=medium, channel=channel,
                      social=PAID_MEDIUM if paid else ORGANIC_MEDIUM)
                if verdict.channel == "organic_video" else
                _("GA4 counts '{source}' as a video site, so ads with a paid medium land in "
                  "Paid Video, not Paid Social.").format(source=source)]
    if is_paid_medium(medium):
        return [_("Medium '{medium}' is paid, but GA4 does not count '{source}' as a social "
                  "site: these visits land in {channel}. Name the platform as the source the "
                  "way Google's list does (facebook, instagram, linkedin, tiktok ...).").format(
                      medium=medium, source=source, channel=channel)]
    return [_("GA4 files source '{source}' with medium '{medium}' under {channel}, not "
              "social: use '{social}' for posts or '{paid}' for ads.").format(
                  source=source, medium=medium, channel=channel, social=ORGANIC_MEDIUM,
                  paid=PAID_MEDIUM)]
