"""The handle checklist: every chosen platform's handle, to reserve everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.section import PlatformsSection


@dataclass
class HandleLine:
    """A platform in the handle checklist: reserved or not."""

    platform: str
    id: str
    reserved: bool
    chosen: bool = field(default=False)


def handle_checklist(section: PlatformsSection,
                     profiles: Sequence[PlatformProfile]) -> list[HandleLine]:
    """Every platform, chosen or not, and whether the team reserved its handle."""
    chosen = {c.id for c in section.choices}
    return [HandleLine(p.platform, p.id, bool(section.handles.get(p.id)), p.id in chosen)
            for p in profiles]
