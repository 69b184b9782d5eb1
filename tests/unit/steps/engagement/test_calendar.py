"""The calendar from each platform's cadence, its hours by the budget step's rule, and its CSV
files: Sprout Social's bulk scheduling layout and a plain one."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from socialplaybook.plan.model import Plan
from socialplaybook.steps.budget.section import BudgetSection, PlatformBudget
from socialplaybook.steps.engagement.calendar import (
    PLAIN_COLUMNS,
    SPROUT_COLUMNS,
    SPROUT_MAX_ROWS,
    build_slots,
    calendar_platforms,
    calendar_start,
    calendar_time_checks,
    parse_cadence,
    plain_csv,
    slot_times,
    sprout_csv,
    sprout_files,
    upload_checks,
)
from socialplaybook.steps.engagement.inputs import engagement_inputs
from socialplaybook.steps.engagement.section import (
    CalendarSettings,
    EngagementSection,
    Pillar,
    PlatformCadence,
    SlotPlan,
)
from socialplaybook.steps.planning.section import RACI, DepartmentResource, PlanningSection
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection

XSS = "<img src=x onerror=alert(1)>"
TODAY = date(2030, 1, 2)  # a Wednesday


@pytest.mark.parametrize("text, posts", [
    ("3-5 posts a week", 4), ("1-3 posts a day", 14), ("1 video a week (plus 2-3 Shorts)", 1),
    ("daily stories", 7), ("answer within hours; broadcasts at most weekly", 1),
    ("take part daily in a few communities", 7), ("2 posts per week", 2),
    ("1,5 posts a week", 1.5), ("10 pins a month", 10 * 12 / 52), ("", None),
    ("when we feel like it", None), ("100 posts a day", 35),
    # in the workshop's other languages (translated cadences, or the team's own words)
    ("3–5 Beiträge pro Woche", 4), ("2 Beiträge in der Woche", 2), ("täglich Stories", 7),
    ("3–5 innlegg i uka", 4), ("1-2 innlegg om dagen", 10.5), ("10 pins per måned", 10 * 12 / 52),
    ("每周 3–5 条帖子", 4), ("每月10条", 10 * 12 / 52), ("3 条/周", 3), ("每天", 7),
    ("კვირაში 3–5 პოსტი", 4), ("3–5 პოსტი კვირაში", 4), ("ყოველდღე", 7),
    # a number that is no cadence stays none
    ("answer within 2 days", None), ("Week 1: 3 posts", None), ("1 video every 2 weeks", None)])
def test_the_platforms_steps_cadence_as_posts_a_week(text, posts):
    assert parse_cadence(text) == (pytest.approx(posts) if posts is not None else None)


def plan(**engagement) -> Plan:
    return Plan(team="Harbour",
                planning=PlanningSection(raci=RACI().with_cell("publishing", "marketing", "R"),
                                         resources=[DepartmentResource(
                                             department="marketing", people=1,
                                             hours_per_week=3)]),
                platforms=PlatformsSection(choices=[
                    PlatformChoice(id="instagram", platform="Instagram", role="primary",
                                   cadence="3-5 posts a week"),
                    PlatformChoice(id="linkedin", platform="LinkedIn"),
                    PlatformChoice(id="tiktok", platform="TikTok", role="handle_only")]),
                budget=BudgetSection(platforms=[PlatformBudget(id="linkedin",
                                                               platform="LinkedIn",
                                                               owner="Kari")]),
                engagement=EngagementSection(**engagement))


def test_cadence_from_the_team_then_the_platforms_step_then_the_budget():
    section = EngagementSection(calendar=CalendarSettings(cadences=[
        PlatformCadence(id="linkedin", platform="LinkedIn", posts_per_week=2)]))
    p = plan(**section.model_dump())
    platforms = {c.id: (c.posts_per_week, c.origin)
                 for c in calendar_platforms(p.engagement, engagement_inputs(p))}
    assert platforms == {"instagram": (4, "platforms"), "linkedin": (2, "team")}  # no TikTok
    p = plan()
    platforms = {c.id: (c.posts_per_week, c.origin)
                 for c in calendar_platforms(p.engagement, engagement_inputs(p))}
    assert platforms["linkedin"] == (3, "budget")  # budget_defaults.csv: 3 a week


def test_slots_spread_over_four_weeks_from_the_coming_monday_with_pillars_in_turn():
    tips, news = Pillar(id="p-tips", name="Tips"), Pillar(id="p-news", name="News")
    p = plan(pillars=[tips.model_dump(), news.model_dump()])
    slots = build_slots(p.engagement, engagement_inputs(p), TODAY)
    instagram = [s for s in slots if s.platform_id == "instagram"]
    assert len(instagram) == 16 and len([s for s in slots if s.platform_id == "linkedin"]) == 12
    assert calendar_start(p.engagement, TODAY) == date(2030, 1, 7)
    assert instagram[0].when == datetime(2030, 1, 7, 9) and instagram[0].week == 1
    assert {s.week for s in instagram} == {1, 2, 3, 4}
    assert all(s.when.date() < date(2030, 2, 4) for s in slots)
    assert [s.pillar.name for s in instagram[:3]] == ["Tips", "News", "Tips"]
    assert instagram[0].format == "images"  # Instagram's first format in platforms.csv
    linkedin = [s for s in slots if s.platform_id == "linkedin"]
    assert linkedin[0].owner == "Kari" and instagram[0].owner == "Marketing"  # budget, RACI


def test_a_slot_keeps_what_the_team_chose():
    p = plan(pillars=[Pillar(id="p-tips", name="Tips").model_dump(),
                      Pillar(id="p-news", name="News").model_dump()],
             slots=[SlotPlan(id="instagram-1", pillar_id="p-news", format="short_video",
                             owner="Ola", topic="Our new roast").model_dump()])
    first = build_slots(p.engagement, engagement_inputs(p), TODAY)[0]
    assert (first.pillar.name, first.format, first.owner, first.topic) == (
        "News", "short_video", "Ola", "Our new roast")
    assert first.chosen == ("pillar", "format", "owner", "topic")


def test_a_platform_left_out_and_a_zero_cadence():
    with pytest.raises(ValidationError, match="at least one post"):
        PlatformCadence(id="instagram", platform="Instagram", posts_per_week=0)
    with pytest.raises(ValidationError):
        PlatformCadence(id="instagram", platform="Instagram", posts_per_week=-2)
    with pytest.raises(ValidationError, match="0.25 a week or more"):
        PlatformCadence(id="instagram", platform="Instagram", posts_per_week=0.1)
    section = EngagementSection(calendar=CalendarSettings(cadences=[
        PlatformCadence(id="instagram", platform="Instagram", included=False)]))
    p = plan(**section.model_dump())
    assert {s.platform_id for s in build_slots(p.engagement, engagement_inputs(p),
                                               TODAY)} == {"linkedin"}


@given(st.integers(1, 140), st.integers(0, 23))
def test_every_slot_is_in_the_four_weeks_in_order_and_ten_minutes_apart(posts, hour):
    times = slot_times(date(2030, 1, 7), hour, posts)
    assert len(times) == posts
    assert all(b - a >= timedelta(minutes=10) for a, b in zip(times, times[1:], strict=False))
    assert times[0] >= datetime(2030, 1, 7) and times[-1] < datetime(2030, 2, 5)


def test_the_hours_are_checked_by_the_budget_steps_rule():
    p = plan()
    check = calendar_time_checks(p.engagement, engagement_inputs(p))[0]
    assert check.key == "hours" and check.level == "warning"  # 3 h a week is not enough
    fewer = EngagementSection(calendar=CalendarSettings(cadences=[
        PlatformCadence(id="instagram", platform="Instagram", included=False)]))
    p_fewer = plan(**fewer.model_dump())
    need = [c for c in calendar_time_checks(p.engagement, engagement_inputs(p))][0].message
    less = calendar_time_checks(p_fewer.engagement, engagement_inputs(p_fewer))[0].message
    assert need != less  # leaving a platform's posts out of the calendar needs fewer hours


# -- the files ----------------------------------------------------------------------------------


def slots_for(topic: str = ""):
    p = plan(pillars=[Pillar(id="p-1", name="Tips").model_dump()],
             slots=[SlotPlan(id="instagram-1", topic=topic).model_dump()] if topic else [])
    return build_slots(p.engagement, engagement_inputs(p), TODAY)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_sprout_socials_bulk_layout():
    files = sprout_files(slots_for())
    assert [(platform, name) for platform, name, _text in files] == [
        ("Instagram", "sprout-bulk-instagram.csv"), ("LinkedIn", "sprout-bulk-linkedin.csv")]
    table = rows(files[0][2])
    assert tuple(table[0]) == SPROUT_COLUMNS == ("date", "time_24hr", "message_text")
    assert table[1] == ["07/01/2030", "09:00", "Tips: Images (draft)"]  # dd/mm/yyyy, 24 h
    assert len(table) == 17 and all(len(r) == 3 for r in table)
    assert files[0][2].endswith("\r\n")


def test_sprout_refuses_more_than_350_posts_or_two_within_10_minutes():
    first = slots_for()[0]
    with pytest.raises(ValueError, match="10 minutes apart"):
        sprout_csv([first, replace(first, when=first.when + timedelta(minutes=5))])
    many = [replace(first, when=first.when + timedelta(hours=n))
            for n in range(SPROUT_MAX_ROWS + 1)]
    with pytest.raises(ValueError, match="at most 350"):
        sprout_csv(many)
    assert len(rows(sprout_csv(many[:SPROUT_MAX_ROWS]))) == SPROUT_MAX_ROWS + 1


def test_a_calendar_starting_too_soon_cannot_be_imported():
    slots = slots_for()
    assert upload_checks(slots, datetime(2030, 1, 7, 8, 55))[0].level == "warning"
    assert upload_checks(slots, datetime(2030, 1, 7, 8, 45))[0].level == "ok"


def test_the_plain_csv():
    table = rows(plain_csv(slots_for()))
    assert tuple(table[0]) == PLAIN_COLUMNS
    assert table[1] == ["Instagram", "1", "2030-01-07", "09:00", "Tips", "help", "Images",
                        "Marketing", ""]
    assert len(table) == 1 + 16 + 12


@pytest.mark.parametrize("topic", [XSS, "=HYPERLINK(\"http://evil\")", "+1 234", "@home"])
def test_typed_text_stays_text_in_both_files(topic):
    slots = slots_for(topic)
    for text in (plain_csv(slots), sprout_files(slots)[0][2]):
        cells = [cell for row in rows(text) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
        assert any(cell.endswith(topic) for cell in cells)  # the text itself, behind a '
