"""Vanity or business: whether a metric counts attention (followers, likes) or an outcome.

Shared by every step that names a metric (planning's goals, the KPI step). The articles:
many marketers measure vanity metrics such as follower counts and are happy while they
grow; followers and comments are not clients (seeds 000 and 003).
"""

from __future__ import annotations

import re

# Counts of attention rather than business, in English and the seed articles' languages
# (German, Norwegian, Chinese, Georgian). Matched on the lower-cased metric, as whole words
# with their plurals where the script has words; compounds (German Followerzahl, Norwegian
# følgertall) are caught by their stem.
VANITY_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    # English
    r"\b(?:page-?)?(?:followers?|fans?|likes?|comments?|views?|pageviews?|impressions?"
    r"|subscribers?|reach(?:es)?)\b",
    # German (Follower, Fans and Likes are English words in German)
    r"\b\w*(?:follower|kommentar|abonnent|impression|reichweite|aufrufe)\w*",
    # Norwegian
    r"\b\w*(?:følger(?:e|ne|tall|antall)|kommentar|abonnent|visning(?:er|ene)|rekkevidde"
    r"|likerklikk)\w*",
    # Chinese (no spaces between words: matched anywhere)
    r"粉丝|追随者|关注者|关注数|点赞|评论|浏览量|阅读量|播放量|观看次数|曝光|订阅者|订阅数|订阅人数"
    r"|覆盖人数|触达",
    # Georgian (stems: follower, subscriber, like, comment, views, fans, impressions)
    r"(?:მიმდევ|გამომწერ|ლაიქ|მოწონებ|კომენტარ|ნახვებ|ნახვის|ფანებ|შთაბეჭდილებ)\w*",
))

# Business outcomes: a metric naming one of these ("leads from followers") counts it, so
# it is not only a vanity count.
OUTCOME_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    r"\b(?:leads?|sales?|revenue|orders?|bookings?|purchases?|conversions?|sign-?ups?"
    r"|applicants?|applications?|hires?|tickets?|costs?|churn|deals?|enquir(?:y|ies)"
    r"|inquir(?:y|ies))\b",
    r"\b\w*(?:umsatz|verkäuf|verkauf|anfrage|bestellung|buchung|bewerbung|kosten)\w*",
    r"\b\w*(?:salg|omsetning|henvendelse|bestilling|ordre|søknad|kostnad)\w*",
    r"销售|销量|收入|营收|订单|线索|询盘|转化|成交|应聘|成本",
    r"გაყიდვ|შემოსავ|შეკვეთ|ხარჯ",
))


def vanity_terms(metric: str) -> list[str]:
    """The vanity words in a metric, as written there (lower-cased), in order of appearance."""
    text = metric.casefold()
    spans = sorted((m.start(), -m.end(), m.group(0)) for p in VANITY_PATTERNS
                    for m in p.finditer(text))
    terms, reached = [], -1
    for start, negative_end, term in spans:
        if start >= reached:  # a word two patterns both match is reported once
            terms.append(term)
            reached = -negative_end
    return list(dict.fromkeys(terms))


def is_vanity_metric(metric: str) -> bool:
    """Whether the metric counts attention (followers, likes, ...) and no business outcome."""
    text = metric.casefold()
    return bool(vanity_terms(text)) and not any(p.search(text) for p in OUTCOME_PATTERNS)
