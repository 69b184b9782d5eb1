"""The plan's schema version and the upgrades of plans saved by older versions.

A plan from a newer version is refused with a clear message rather than half-read. A
section added with defaults needs a version bump but no upgrade step; a renamed or
reshaped field needs both (``tests/unit/plan/test_schema.py`` pins which sections each
version has).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from socialplaybook.rules.i18n import _

# 2: the planning section (plans of schema 1 load with an empty one; no migration step)
# 3: the number locale; goals and audience segments carry ids (given on migration)
# 4: segments carry the region code of their age bands' data (stored bands are Pew's:
#    "US"); goals a unit; the planning section the team's assumptions (defaults)
# 5: the platforms section (plans of schema 4 load with an empty one; no migration step)
# 6: the budget and kpis sections (plans of schema 5 load with empty ones; no migration)
# 7: the kpis section's UTM settings say whether the links are for ads (paid) and hold
#    GA4's utm_id (per link and per batch campaign) and its further parameters; KPIs may
#    name a listening tool or Search Console as their source (defaults; no migration)
SCHEMA_VERSION = 7



# Each entry upgrades a plan dict from schema N to N + 1. Sections added with defaults
# need no entry; renamed or reshaped fields do.
def _give_items_ids(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 -> 3: goals and segments get the ids that merging edits by item needs.

    The ids are derived from the position, so migrating the same plan twice gives the
    same ids (two kernels reading one stored plan must agree on them).
    """
    planning = data.get("planning")
    if not isinstance(planning, dict):
        return data
    planning = dict(planning)
    for field, prefix in (("goals", "g"), ("audience", "s")):
        items = planning.get(field)
        if isinstance(items, list):
            planning[field] = [
                {"id": f"{prefix}-{number}", **item} if isinstance(item, dict) else item
                for number, item in enumerate(items, start=1)]
    return {**data, "planning": planning}


def _segments_name_their_data_region(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 3 -> 4: a segment with age bands gets the region code of the bands' table.

    Until schema 3 the only bands were the Pew Research Center's US bands, so such a
    segment reads as "US"; its free-text ``region`` (a place) stays as it was. Segments
    without bands get no code (the team picks one). Goals and assumptions need nothing:
    their new fields have defaults.
    """
    planning = data.get("planning")
    if not isinstance(planning, dict) or not isinstance(planning.get("audience"), list):
        return data
    audience = [
        {**item, "region_code": "US"}
        if isinstance(item, dict) and item.get("age_bands") and "region_code" not in item
        else item
        for item in planning["audience"]]
    return {**data, "planning": {**planning, "audience": audience}}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    2: _give_items_ids, 3: _segments_name_their_data_region}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a plan dict saved by any known schema version up to ``SCHEMA_VERSION``."""
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(_("schema_version must be a whole number from 1."))
    if version > SCHEMA_VERSION:
        raise ValueError(
            _(
                "This plan was saved by a newer social-playbook (plan schema {found}); this "
                "version reads plans up to schema {known}. Update social-playbook to open it."
            ).format(found=version, known=SCHEMA_VERSION)
        )
    data = dict(data)
    while data["schema_version"] < SCHEMA_VERSION:
        step = MIGRATIONS.get(data["schema_version"])
        if step is not None:
            data = step(data)
        data["schema_version"] += 1
    return data
