"""The engagement step's vocabulary: what a post does, message types, account states, policy
parts, triage scales and limits, with the names the app shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

from socialplaybook.rules.i18n import _, list_text

# What a post does for the reader. The first four give value; "about_us" is the company
# talking about itself (news, products, offers, events).
ValueKind = Literal["help", "teach", "entertain", "share", "about_us"]
VALUE_KINDS: tuple[str, ...] = get_args(ValueKind)
GIVING_KINDS: tuple[str, ...] = ("help", "teach", "entertain", "share")

MessageType = Literal["question", "complaint", "praise", "sales_lead", "outage", "troll",
                      "spam", "press", "crisis"]
MESSAGE_TYPES: tuple[str, ...] = get_args(MessageType)

# How a message of a type is handled: answered, watched without feeding it, or hidden.
Handling = Literal["reply", "monitor", "hide"]
HANDLINGS: tuple[str, ...] = get_args(Handling)

AccountStatus = Literal["active", "reserve", "to_close"]
ACCOUNT_STATUSES: tuple[str, ...] = get_args(AccountStatus)

NetworkStatus = Literal["to_follow", "following", "helping", "relationship"]
NETWORK_STATUSES: tuple[str, ...] = get_args(NetworkStatus)

PolicyPart = Literal["scope", "who_may_post", "confidentiality", "disclosure", "conduct",
                     "legal_privacy", "media", "security", "when_it_goes_wrong"]
POLICY_PARTS: tuple[str, ...] = get_args(PolicyPart)

TriageDimension = Literal["reach", "sentiment", "impact", "legal"]
TRIAGE_DIMENSIONS: tuple[str, ...] = get_args(TriageDimension)
TRIAGE_LEVEL_MAX = 3  # 0 none, 1 low, 2 medium, 3 high

# -- limits ----------------------------------------------------------------------------------

PILLARS_MIN, PILLARS_MAX = 3, 5  # the issue: 3-5 themes (a check, not a refusal)
MAX_PILLARS = 8  # what the model stores at most
MAX_CONTACTS = 60
MAX_ACCOUNTS = 80
MAX_TERMS = 30  # words in one listening list
MAX_PEOPLE_LISTED = 30  # people with access to one account, or people who left
LONG_TEXT_MAX_CHARS = 1000  # a reply template, a pillar's need, an escalation path
POLICY_TEXT_MAX_CHARS = 4000
CALENDAR_WEEKS = 4
MAX_POSTS_PER_WEEK = 35  # five a day: 140 posts a platform in four weeks
MAX_TARGET_HOURS = 168.0  # a response-time target of at most a week
MIN_TARGET_HOURS = 0.05  # three minutes
MAX_MINUTES_PER_CHECK = 120.0
DEFAULT_MINUTES_PER_CHECK = 10.0  # judgement: opening the inbox, reading, routing
DEFAULT_COVERAGE_HOURS_PER_DAY = 8.0  # judgement: a business day
DEFAULT_COVERAGE_DAYS_PER_WEEK = 5
DEFAULT_FIRST_POST_HOUR = 9


def listed(items: Iterable[str], style: str = "standard") -> str:
    """Items as a sentence lists them in the team's language: "a, b and c"
    (``style`` "or": "a, b or c")."""
    return list_text(items, style=style)


def value_kind_labels() -> dict[str, str]:
    """What each kind of post does, as the app names it."""
    return {"help": _("Help (answers, tips)"), "teach": _("Teach (how-tos)"),
            "entertain": _("Entertain"), "share": _("Share others' work"),
            "about_us": _("About us (news, products, offers)")}


def message_type_labels() -> dict[str, str]:
    """The display name of each kind of incoming message."""
    return {"question": _("Question"), "complaint": _("Complaint"), "praise": _("Praise"),
            "sales_lead": _("Sales lead"), "outage": _("Outage or bug"),
            "troll": _("Troll"), "spam": _("Spam"), "press": _("Press enquiry"),
            "crisis": _("Crisis")}


def handling_labels() -> dict[str, str]:
    """How a message is handled, as the playbook names it."""
    return {"reply": _("Reply"), "monitor": _("Watch, do not feed it"),
            "hide": _("Hide or report")}


def account_status_labels() -> dict[str, str]:
    """The display name of each account status."""
    return {"active": _("Active"), "reserve": _("Reserve the handle"),
            "to_close": _("To close")}


def network_status_labels() -> dict[str, str]:
    """How far the team is with a person or community of its network."""
    return {"to_follow": _("To follow"), "following": _("Following"),
            "helping": _("Helping them"), "relationship": _("A relationship")}


def policy_part_labels() -> dict[str, str]:
    """The heading of each part of the social media policy."""
    return {"scope": _("Scope"), "who_may_post": _("Who may post for the company"),
            "confidentiality": _("Confidentiality"), "disclosure": _("Disclosure"),
            "conduct": _("Conduct"), "legal_privacy": _("Legal and privacy"),
            "media": _("Media enquiries"), "security": _("Security"),
            "when_it_goes_wrong": _("When it goes wrong")}


def triage_dimension_labels() -> dict[str, str]:
    """The four things an incident is rated on."""
    return {"reach": _("Reach"), "sentiment": _("Sentiment"),
            "impact": _("Business impact"), "legal": _("Legal risk")}


def triage_level_labels() -> dict[str, dict[int, str]]:
    """What each level of each dimension means, 0 to 3."""
    return {
        "reach": {0: _("One person"), 1: _("A few people"), 2: _("Spreading (shares, a "
                                                                 "thread)"),
                  3: _("Press or viral")},
        "sentiment": {0: _("Neutral or mixed"), 1: _("Annoyed"), 2: _("Angry"),
                      3: _("Outraged")},
        "impact": {0: _("None"), 1: _("One order or customer"), 2: _("Many customers or "
                                                                     "a product line"),
                   3: _("Sales, safety or the whole business")},
        "legal": {0: _("None"), 1: _("A question of terms"), 2: _("A possible claim or "
                                                                  "data issue"),
                  3: _("A lawsuit, a regulator or personal data out")},
    }
