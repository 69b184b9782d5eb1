"""Where a platform cannot be used: never recommended there, and the app says why.

``datasets/platform_availability.csv`` lists, per region, the platforms people there
cannot use without a VPN (all of mainland China's rows today), each with a note and who
says so. A blocked platform is still scored (the team may want to see it) but ranked last,
greyed with its note; it is never recommended; choosing it by hand is allowed and warned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from socialplaybook.datasets import unavailable_platforms
from socialplaybook.rules.checks import Check, warning
from socialplaybook.rules.i18n import _


def region_in_a_sentence(region: str) -> str:
    """The region as a sentence names it ("mainland China"), else its code."""
    return {"US": _("the United States"), "EU": _("the European Union"),
            "DE": _("Germany"), "NO": _("Norway"), "GE": _("Georgia"),
            "CN": _("mainland China")}.get(region, region)


@dataclass(frozen=True)
class Blocked:
    """Why a platform cannot be used in a region: the headline, the detail and its source."""

    platform: str
    region: str
    note: str
    source: str
    year: int
    address: str

    def headline(self) -> str:
        """"Facebook is blocked in mainland China (Business Insider, 2019)"."""
        return _("{platform} is blocked in {region} ({source}, {year})").format(
            platform=self.platform, region=region_in_a_sentence(self.region),
            source=self.source, year=self.year)

    def text(self) -> str:
        """The headline and the detail, as the ranking and the checks show them."""
        return _("{headline}: {note}").format(headline=self.headline(), note=self.note)


def blocked_in(platform: str, region: str | None) -> Blocked | None:
    """Why ``platform`` cannot be used in ``region`` (None: no restriction recorded)."""
    if region is None:
        return None
    row = unavailable_platforms(region).get(platform.casefold())
    if row is None:
        return None
    return Blocked(platform, region, row.note, row.source, row.year, row.address)


def availability_checks(platforms: Sequence[tuple[str, str]],
                        region: str | None) -> list[Check]:
    """A warning for each chosen platform (id, name) that cannot be used in ``region``."""
    why = _("Go where your audience is: a blocked platform does not reach people there "
            "without a VPN.")
    checks = []
    for pid, name in platforms:
        blocked = blocked_in(name, region)
        if blocked is not None:
            checks.append(warning(f"blocked-{pid}", _(
                "{text} Your audience there cannot reach it without a VPN.").format(
                    text=blocked.text()), why))
    return checks
