"""The platforms step's vocabulary: content formats, criteria, roles and rule constants."""

from __future__ import annotations

from typing import Literal, get_args

from socialplaybook.rules.i18n import _

ContentFormat = Literal["short_video", "long_video", "images", "text", "live", "messaging"]
CONTENT_FORMATS: tuple[str, ...] = get_args(ContentFormat)

Criterion = Literal["reach", "formats", "goals", "hours"]
CRITERIA: tuple[str, ...] = get_args(Criterion)

Role = Literal["primary", "secondary", "handle_only"]
ROLES: tuple[str, ...] = get_args(Role)


# -- rule constants ------------------------------------------------------------------------

# (2-4 accounts per full-time person: socialplaybook.rules.capacity, shared by the steps)
MIN_SCORE_TO_RECOMMEND = 40.0  # the toolkit's judgement: below it, a weak fit
STRENGTH_MAX = 3
WEIGHT_MAX = 10
DEFAULT_WEIGHTS = {"reach": 3, "formats": 2, "goals": 2, "hours": 1}  # a starting point
MAX_PLATFORMS = 40



def format_labels() -> dict[str, str]:
    """The display name of each content format."""
    return {"short_video": _("Short video"), "long_video": _("Long video"),
            "images": _("Images"), "text": _("Text"), "live": _("Live"),
            "messaging": _("Messaging")}


def criterion_labels() -> dict[str, str]:
    """The display name of each scoring criterion."""
    return {"reach": _("Audience reach"), "formats": _("Format fit"),
            "goals": _("Goal fit"), "hours": _("Hours it costs")}


def role_labels() -> dict[str, str]:
    """The display name of each role a chosen platform can have."""
    return {"primary": _("Primary"), "secondary": _("Secondary"),
            "handle_only": _("Reserve the handle only")}
