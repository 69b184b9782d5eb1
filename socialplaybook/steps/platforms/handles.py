"""The handle checklist: every chosen platform's handle, to reserve everywhere.

The account inventory (the engagement step's) is the one list of the team's accounts: its
rows start from the platforms chosen or ticked here, and the checklist shows them, so a
handle typed there is reserved here (``accounts``: the inventory's rows, anything with an
``account`` holding ``id``, ``platform``, ``handle`` and ``status``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from socialplaybook.rules.vocabulary import platform_id
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.section import PlatformsSection


@dataclass
class HandleLine:
    """A platform in the handle checklist: reserved (ticked here, or a handle in the
    inventory) or not, and the inventory's handle and status for it."""

    platform: str
    id: str
    reserved: bool
    chosen: bool = field(default=False)
    handle: str = ""
    status: str = ""
    in_inventory: bool = False


def handle_checklist(section: PlatformsSection, profiles: Sequence[PlatformProfile],
                     accounts: Sequence[Any] = ()) -> list[HandleLine]:
    """Every platform, chosen or not, whether the team reserved its handle, and the
    inventory's row for it; then the inventory's accounts on platforms not listed."""
    chosen = {c.id for c in section.choices}
    rows: dict[str, Any] = {}
    for row in accounts:
        account = getattr(row, "account", row)
        rows.setdefault(platform_id(account.platform), account)
        rows.setdefault(account.id, account)
    lines = []
    for p in profiles:
        account = rows.get(p.id)
        handle = account.handle if account is not None else ""
        lines.append(HandleLine(p.platform, p.id, bool(section.handles.get(p.id)) or bool(
            handle), p.id in chosen, handle, account.status if account is not None else "",
            account is not None))
    listed = {line.id for line in lines}
    for row in accounts:
        account = getattr(row, "account", row)
        pid = platform_id(account.platform)
        if pid not in listed:
            listed.add(pid)
            lines.append(HandleLine(account.platform, pid, bool(account.handle), False,
                                    account.handle, account.status, True))
    return lines
