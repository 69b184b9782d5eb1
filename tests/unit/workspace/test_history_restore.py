"""What each revision changed, and a section restored from an old revision: a save of that
section, merged with a teammate's save made meanwhile."""

from __future__ import annotations

import pytest

from socialplaybook.plan.model import Plan
from socialplaybook.steps.planning.section import Goal, PlanningSection
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
from socialplaybook.workspace.errors import RevisionNotFoundError
from socialplaybook.workspace.history import (
    Change,
    last_changes,
    revision_change,
    section_keys,
    section_restore_label,
)
from socialplaybook.workspace.store import Revision, Workspace
from tests.unit.conftest import database_url

TEAM = "Harbour Café"


@pytest.fixture
def ws(backend, tmp_path, request) -> Workspace:
    return Workspace(database_url(backend, tmp_path, request))


def goals(*metrics: str) -> PlanningSection:
    return PlanningSection(goals=[Goal(id=f"g-{n}", metric=m) for n, m in enumerate(metrics)])


def test_revision_labels_say_what_changed():
    assert revision_change("planning") == Change("planning")
    assert revision_change("currency") == Change("currency")
    assert revision_change("created") == Change(None)
    assert revision_change("import") == Change(None)
    assert revision_change("restore 12") == Change(None, 12)
    assert revision_change(section_restore_label("kpis", 7)) == Change("kpis", 7)
    assert section_keys() == tuple(k for k in ("audit", "planning", "platforms", "budget",
                                               "kpis", "engagement") if k in Plan.model_fields)


def test_last_changes_names_the_newest_save_of_each_section():
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc)
    revisions = [Revision(1, now, "created"), Revision(2, now, "planning"),
                 Revision(3, now, "audit"), Revision(4, now, "planning"),
                 Revision(5, now, "currency")]
    found = last_changes(revisions, ("audit", "planning", "budget"))
    assert {k: r.number for k, r in found.items()} == {"audit": 3, "planning": 4, "budget": 1}
    restored = [*revisions, Revision(6, now, "restore 2")]
    assert {r.number for r in last_changes(restored, ("audit", "planning")).values()} == {6}


def test_a_section_comes_back_and_the_rest_of_the_plan_stays(ws):
    ws.create_team(TEAM)
    first = ws.save_section(TEAM, "planning", goals("leads"), 1).revision.number
    ws.save_section(TEAM, "planning", goals("leads", "sales"), first)
    platforms = PlatformsSection(choices=[PlatformChoice(id="linkedin", platform="LinkedIn")])
    latest = ws.save_section(TEAM, "platforms", platforms, first + 1).revision.number
    result = ws.restore_section(TEAM, first, "planning", latest)
    plan = ws.load(TEAM)
    assert [g.metric for g in plan.planning.goals] == ["leads"]
    assert plan.platforms == platforms  # restored after, not undone
    assert result.revision.section == f"planning (restore {first})"
    assert ws.revisions(TEAM)[0].section == f"planning (restore {first})"
    assert "restored" in ws.protected(TEAM)[first]


def test_a_teammates_save_in_between_is_merged_not_undone(ws):
    ws.create_team(TEAM)
    old = ws.save_section(TEAM, "planning", goals("leads"), 1).revision.number
    seen = ws.save_section(TEAM, "planning", goals("leads", "sales"), old).revision.number
    # a teammate adds a third goal after the person opened the history at ``seen``
    ws.save_section(TEAM, "planning", goals("leads", "sales", "hires"), seen)
    result = ws.restore_section(TEAM, old, "planning", seen)
    metrics = [g.metric for g in ws.load(TEAM).planning.goals]
    assert metrics == ["leads", "hires"]  # the restore removed "sales"; the teammate's stays
    assert result.merged


def test_a_restore_names_what_cannot_be_restored(ws):
    ws.create_team(TEAM)
    with pytest.raises(RevisionNotFoundError):
        ws.restore_section(TEAM, 9, "planning", 1)
    with pytest.raises(ValueError, match="not a section"):
        ws.restore_section(TEAM, 1, "currency", 1)
    assert len(ws.revisions(TEAM)) == 1
