"""GA4's default channel group as a table of rules, tested against documented cases.

Each case names the rule (the branch of Google's table) that files it, and cites where
that is documented: RULES is Google's "[GA4] Default channel group" page, SOURCES its
downloadable list of sources and categories (our copy: datasets/ga4_source_categories.csv),
ORDER the page's table order, in which the first matching channel wins.
"""

import pytest

from socialplaybook.datasets import load_ga4_source_categories
from socialplaybook.steps.kpis.channels import (
    CHANNELS,
    RULES,
    channel_labels,
    channel_warnings,
    classify,
    known_source_for,
    source_category,
)

PAGE = "support.google.com/analytics/answer/9756891"
RULES_DOC = f"{PAGE}: the channel's definition"
SOURCES = f"{PAGE}: Google's list of sources and categories"
ORDER = f"{PAGE}: the first channel in the table's order wins"

# (case in words, source, medium, campaign, channel, rule key, where it is documented)
CASES = [
    ("a Facebook post tagged medium=post", "facebook", "post", "launch", "organic_social",
     "organic_social.source", f"{RULES_DOC}; {SOURCES} (facebook: social)"),
    ("a LinkedIn post tagged medium=social", "linkedin", "social", "launch", "organic_social",
     "organic_social.source", f"{RULES_DOC}; {SOURCES} (linkedin: social)"),
    ("a forum post tagged medium=sm", "forum", "sm", "launch", "organic_social",
     "organic_social.medium", RULES_DOC),
    ("the medium 'social network' with a space", "club", "social network", "", "organic_social",
     "organic_social.medium", RULES_DOC),
    ("a Douyin post: not on Google's list, social by its medium", "douyin", "social", "",
     "organic_social", "organic_social.medium", f"{RULES_DOC}; {SOURCES} (no douyin)"),
    ("a Facebook ad tagged cpc", "facebook", "cpc", "launch", "paid_social", "paid_social",
     f"{RULES_DOC}; {ORDER} (Paid Social before Organic Social)"),
    ("an Instagram ad tagged paid_social", "instagram", "paid_social", "launch", "paid_social",
     "paid_social", RULES_DOC),
    ("a LinkedIn retargeting ad", "linkedin", "retargeting", "", "paid_social", "paid_social",
     RULES_DOC),
    ("a WeChat ad tagged paid_social", "wechat", "paid_social", "", "paid_social",
     "paid_social", f"{RULES_DOC}; {SOURCES} (wechat: social)"),
    ("a Facebook ad tagged cpm: paid before Display", "facebook", "cpm", "", "paid_social",
     "paid_social", ORDER),
    ("a newsletter banner tagged cpm: Display before Paid Other", "newsletter", "cpm", "",
     "display", "display", ORDER),
    ("an X ad tagged source=x: x is not on Google's list", "x", "paid_social", "", "paid_other",
     "paid_other", f"{RULES_DOC}; {SOURCES} (twitter and t.co, no x)"),
    ("an X ad tagged source=twitter", "twitter", "paid_social", "", "paid_social",
     "paid_social", SOURCES),
    ("a Douyin ad: not on Google's list", "douyin", "paid_social", "", "paid_other",
     "paid_other", SOURCES),
    ("a YouTube ad: a video site", "youtube", "cpc", "", "paid_video", "paid_video",
     f"{RULES_DOC}; {SOURCES} (youtube: video)"),
    ("a YouTube post tagged medium=social: social before video", "youtube", "social", "",
     "organic_social", "organic_social.medium", ORDER),
    ("a YouTube post tagged medium=post", "youtube", "post", "", "organic_video",
     "organic_video.source", SOURCES),
    ("a medium with 'video' in it", "partner", "video-post", "", "organic_video",
     "organic_video.medium", RULES_DOC),
    ("a Google search ad", "google", "cpc", "", "paid_search", "paid_search", RULES_DOC),
    ("a Baidu organic result", "baidu", "organic", "", "organic_search",
     "organic_search.source", SOURCES),
    ("a Facebook post in a campaign named summer-shop", "facebook", "social", "summer-shop",
     "organic_shopping", "organic_shopping.campaign", f"{RULES_DOC}; {ORDER}"),
    ("a Facebook ad in a campaign named summer-shop", "facebook", "paid_social", "summer-shop",
     "paid_shopping", "paid_shopping.campaign", f"{RULES_DOC}; {ORDER}"),
    ("'eshop' matches the shop pattern (an e may stand before shop)", "facebook", "social",
     "eshop-launch", "organic_shopping", "organic_shopping.campaign", RULES_DOC),
    ("'workshop' does not (a k stands before shop)", "facebook", "social", "workshop-may",
     "organic_social", "organic_social.source", RULES_DOC),
    ("a post from Amazon: a shopping site, before social", "amazon", "social", "",
     "organic_shopping", "organic_shopping.source", f"{SOURCES}; {ORDER}"),
    ("a campaign named cross-network", "facebook", "paid_social", "q3-cross-network",
     "cross_network", "cross_network", f"{RULES_DOC}; {ORDER}"),
    ("a newsletter link", "newsletter", "email", "", "email", "email.medium", RULES_DOC),
    ("source=email", "email", "newsletter", "", "email", "email.source", RULES_DOC),
    ("a Facebook link tagged medium=email: social comes first", "facebook", "email", "",
     "organic_social", "organic_social.source", ORDER),
    ("a partner's link", "partner", "affiliate", "", "affiliates", "affiliates", RULES_DOC),
    ("a blog's link", "blog", "referral", "", "referral", "referral", RULES_DOC),
    ("a podcast ad", "podcast", "audio", "", "audio", "audio", RULES_DOC),
    ("a text message", "sms", "text", "", "sms", "sms.source", RULES_DOC),
    ("an app notification", "app", "push", "", "mobile_push", "mobile_push", RULES_DOC),
    ("social_media is not on the mediums' list", "newsletter", "social_media", "",
     "unassigned", None, RULES_DOC),
    ("case does not matter", "Facebook", "CPC", "", "paid_social", "paid_social",
     f"{PAGE}: Analytics does not enforce case sensitivity"),
]


@pytest.mark.parametrize("words, source, medium, campaign, channel, rule, cited", CASES,
                         ids=[case[0] for case in CASES])
def test_each_documented_case_lands_in_its_channel_by_its_rule(words, source, medium, campaign,
                                                               channel, rule, cited):
    assert cited.startswith(PAGE)
    verdict = classify(source, medium, campaign)
    assert verdict.channel == channel, words
    assert (verdict.rule.key if verdict.rule else None) == rule, words


def test_the_rules_follow_googles_table_order():
    order = list(dict.fromkeys(rule.channel for rule in RULES))
    assert order == ["direct", "cross_network", "paid_shopping", "paid_search", "paid_social",
                     "paid_video", "display", "paid_other", "organic_shopping",
                     "organic_social", "organic_video", "organic_search", "referral", "email",
                     "affiliates", "audio", "sms", "mobile_push"]
    assert set(channel_labels()) == set(CHANNELS)
    assert len({rule.key for rule in RULES}) == len(RULES)


def test_the_source_list_holds_googles_categories_for_the_platforms_of_the_seeds_markets():
    categories = load_ga4_source_categories()
    for source in ("facebook", "instagram", "linkedin", "twitter", "t.co", "tiktok",
                   "pinterest", "snapchat", "whatsapp", "reddit", "wechat", "weibo", "xing"):
        assert categories[source] == "social", source
    assert categories["youtube"] == "video"
    for source in ("x", "threads", "douyin", "xiaohongshu", "bilibili", "kuaishou"):
        assert source_category(source) == "", source  # not on Google's list


@pytest.mark.parametrize("text, message", [
    ("source,kind\nfacebook,social\n", "columns"),
    ("source,category\nFacebook,social\n", "lower-case source"),
    ("source,category\nfacebook,friends\n", "category among"),
    ("source,category\n,social\n", "line 2"),
    ("source,category\nfacebook,social\nfacebook,video\n", "given twice"),
])
def test_a_bad_source_list_is_refused_with_file_and_line(tmp_path, text, message):
    path = tmp_path / "ga4_source_categories.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_ga4_source_categories(path)


def test_a_post_from_a_social_site_with_any_medium_is_not_warned_about():
    assert channel_warnings("facebook", "post") == []
    assert channel_warnings("linkedin", "social") == []
    assert channel_warnings("facebook", "paid_social", paid=True) == []


def test_an_x_ad_is_told_the_source_google_knows():
    assert known_source_for("x") == "twitter"
    [warning] = channel_warnings("x", "paid_social", paid=True)
    assert "has 'twitter', not 'x'" in warning and "Paid Other" in warning


def test_an_ad_tagged_as_a_post_is_told_to_use_the_paid_medium():
    [warning] = channel_warnings("facebook", "social", paid=True)
    assert "Organic Social" in warning and "'paid_social'" in warning


def test_a_shop_campaign_is_told_why_it_is_not_social():
    [warning] = channel_warnings("instagram", "paid_social", "summer-shop", paid=True)
    assert "contains 'shop'" in warning and "Paid Shopping" in warning


@pytest.mark.parametrize("source, medium, paid, words", [
    ("youtube", "post", False, "video site"),
    ("youtube", "cpc", True, "Paid Video"),
    ("douyin", "paid_social", True, "does not count 'douyin' as a social site"),
    ("newsletter", "email", False, "under Email, not social"),
    ("newsletter", "social_media", False, "under Unassigned"),
])
def test_a_link_that_lands_outside_social_says_where_and_what_to_do(source, medium, paid,
                                                                     words):
    [warning] = channel_warnings(source, medium, paid=paid)
    assert words in warning
