"""The words every step shares: item ids, short texts, business results, audiences, platforms.

One definition each, so a goal's business result, a KPI's, and a platform's "good for" are
the same vocabulary, and a name typed in one step fits the limit of every other.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
import zlib
from typing import Annotated, Literal, get_args

from pydantic import Field

from socialplaybook.rules.i18n import _

SHORT_TEXT_MAX_CHARS = 120  # names, metrics, owners, regions, titles, platform names
MAX_PEOPLE = 10_000  # people in a department or a team

ShortText = Annotated[str, Field(max_length=SHORT_TEXT_MAX_CHARS)]
ItemId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]

BusinessResult = Literal[
    "revenue", "leads", "retention", "service_cost", "reputation", "hiring", "other"]
BUSINESS_RESULTS: tuple[str, ...] = get_args(BusinessResult)

AudienceKind = Literal["B2B", "B2C"]
AUDIENCE_KINDS: tuple[str, ...] = get_args(AudienceKind)


def new_item_id(prefix: str) -> str:
    """A fresh id for a list item (a goal, a segment): unique across laptops without asking."""
    return f"{prefix}-{secrets.token_hex(4)}"


def business_result_labels() -> dict[str, str]:
    """The display name of each business result a goal can serve."""
    return {
        "revenue": _("Revenue"), "leads": _("Leads"), "retention": _("Retention"),
        "service_cost": _("Customer-service cost"), "reputation": _("Reputation and trust"),
        "hiring": _("Hiring"), "other": _("Other"),
    }


def platform_id(name: str) -> str:
    """A stable id for a platform name (the key of choices and handles): "X" -> "x".

    Names with no Latin letters or digits (微信) get ``p-`` and a checksum of the name.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40]
    if not slug:
        slug = f"p-{zlib.crc32(name.strip().casefold().encode()):08x}"
    return slug
