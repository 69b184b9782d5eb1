"""Posts a week in a cadence as the platforms step writes it, in any of the workshop's
languages: "3-5 posts a week", "3–5 Beiträge pro Woche", "3–5 innlegg i uka",
"每周 3–5 条帖子", "კვირაში 3–5 პოსტი" -> 4 (the middle of a range).

The platforms' cadences are translated (the catalogue "content") and a team types its own
in its language; the calendar reads the number and the unit either way.
"""

from __future__ import annotations

import re

from socialplaybook.steps.engagement.vocabulary import CALENDAR_WEEKS, MAX_POSTS_PER_WEEK

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_RANGE = r"(?:\s*(?:-|–|—|~|to|bis|til|至|到)\s*" + _NUMBER + r")?"
_PER_WEEK = {"day": 7.0, "week": 1.0, "month": 12 / 52}
# Each language's words for a day, a week and a month as a cadence says them.
_UNITS = {
    "day": ("day", "tag", "dag", "dagen", "døgn", "天", "日", "დღეში"),
    "week": ("week", "woche", "uke", "uka", "uken", "周", "星期", "礼拜", "კვირაში"),
    "month": ("month", "monat", "måned", "måneden", "mnd", "月", "თვეში"),
}
_UNIT_OF = {word: unit for unit, words in _UNITS.items() for word in words}


def _any(words) -> str:
    return "(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"


_UNIT = _any(_UNIT_OF)
_GEORGIAN_UNIT = _any(("დღეში", "კვირაში", "თვეში"))  # "in a day/week/month": one word
_CHINESE_UNIT = _any(("天", "日", "周", "星期", "礼拜", "月"))
# "3-5 posts a week", "2 Beiträge pro Woche", "3 innlegg i uka", "3 条/周",
# "3–5 პოსტი კვირაში"
_NUMBER_FIRST = re.compile(
    _NUMBER + _RANGE + r"[^\d;]*?(?:(?:\b(?:a|an|per|each|every|pro|je|am|im|in der|i|om|"
    r"hver|hvert)\s*|/\s*)" + _UNIT + r"|\s" + _GEORGIAN_UNIT + ")", re.IGNORECASE)
# "每周 3–5 条帖子", "每月10条", "კვირაში 3–5 პოსტი"
_UNIT_FIRST = re.compile(r"(?:每\s*" + _CHINESE_UNIT + "|" + _GEORGIAN_UNIT + r")\s*[^\d;]{0,4}?"
                         + _NUMBER + _RANGE)
_DAILY = re.compile(r"\b(?:daily|täglich(?:e[nrs]?)?|daglige?)\b|每天|每日|ყოველდღე",
                    re.IGNORECASE)
_WEEKLY = re.compile(r"\b(?:weekly|wöchentlich|ukentlig)\b|每周|每星期|ყოველკვირ",
                     re.IGNORECASE)


def parse_cadence(text: str) -> float | None:
    """Posts a week in a cadence: "3-5 posts a week" -> 4 (the middle of a range), "1-3
    posts a day" -> 14, "daily stories" -> 7, "weekly" -> 1, and the same in German,
    Norwegian, Chinese and Georgian; None when it says no number ("answer within hours")."""
    text = text or ""
    posts = None
    number_first, unit_first = _NUMBER_FIRST.search(text), _UNIT_FIRST.search(text)
    if number_first:
        low, high, *units = number_first.groups()
    elif unit_first:
        *units, low, high = unit_first.groups()
    if number_first or unit_first:
        unit = next(word for word in units if word)
        low_posts = float(low.replace(",", "."))
        high_posts = float(high.replace(",", ".")) if high else low_posts
        posts = (low_posts + high_posts) / 2 * _PER_WEEK[_UNIT_OF[unit.lower()]]
    if posts is None:
        if _DAILY.search(text):
            posts = 7.0
        elif _WEEKLY.search(text):
            posts = 1.0
        else:
            return None
    return min(max(posts, 1 / CALENDAR_WEEKS), MAX_POSTS_PER_WEEK) if posts > 0 else None
