"""A four-week calendar sketch from each chosen platform's cadence: per slot a pillar, a
format and an owner; the hours it takes against the team's hours (the budget step's time
model, one rule); and the calendar as CSV files.

Cadence: the team's number here, else the number in the platforms step's cadence ("3-5
posts a week": 4; in any of the workshop's languages, see ``cadence.py``), else the budget
step's posts a week (the team's or the toolkit's).
Slots are spread evenly over the 28 days from the start (a Monday), the first of a day at
the team's hour and any more two hours apart.

The bulk-upload layout is Sprout Social's bulk scheduling CSV, as its help centre documents
it (support.sproutsocial.com, "How do I use bulk scheduling?"): the case-sensitive headers
``date`` (dd/mm/yyyy or mm/dd/yyyy, as chosen in Sprout's import preferences: this file
writes dd/mm/yyyy), ``time_24hr`` (24-hour) and ``message_text``; at most 350 messages an
import; messages at least 10 minutes apart and at least 10 minutes after the upload; one
file per profile, chosen in Sprout when importing. Import them as drafts: a slot's text is
its topic, or its pillar and format until the team writes the post.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _
from socialplaybook.steps.engagement.cadence import parse_cadence
from socialplaybook.steps.engagement.inputs import EngagementInputs
from socialplaybook.steps.engagement.section import EngagementSection, Pillar
from socialplaybook.steps.engagement.vocabulary import CALENDAR_WEEKS, MAX_POSTS_PER_WEEK
from socialplaybook.steps.kpis.utm import csv_cell
from socialplaybook.steps.planning.vocabulary import department_labels
from socialplaybook.steps.platforms.vocabulary import format_labels

DAYS = 7 * CALENDAR_WEEKS
HOURS_BETWEEN_POSTS_OF_A_DAY = 2
SPROUT_COLUMNS = ("date", "time_24hr", "message_text")
SPROUT_MAX_ROWS = 350
SPROUT_MIN_GAP_MINUTES = 10
PLAIN_COLUMNS = ("platform", "week", "date", "time", "pillar", "kind", "format", "owner",
                 "topic")

@dataclass(frozen=True)
class CalendarPlatform:
    """A chosen platform in the calendar: posts a week and where the number came from
    ("team", "platforms", "budget" or "default"), and whether the team keeps it in."""

    id: str
    platform: str
    posts_per_week: float
    origin: str
    included: bool

    @property
    def posts(self) -> int:
        """Posts in the four weeks (at least one)."""
        return max(1, round(self.posts_per_week * CALENDAR_WEEKS))


def calendar_platforms(section: EngagementSection,
                       inputs: EngagementInputs) -> list[CalendarPlatform]:
    """Every platform the platforms step chose to run, with its cadence."""
    from socialplaybook.steps.budget.lines import budget_lines
    from socialplaybook.steps.budget.section import BudgetSection

    team = {c.id: c for c in section.calendar.cadences}
    lines = {line.id: line for line in budget_lines(inputs.budget or BudgetSection(),
                                                    inputs.platforms_section)}
    platforms = []
    for chosen in inputs.platforms:
        own = team.get(chosen.id)
        parsed = parse_cadence(chosen.cadence)
        budget = lines.get(chosen.id)
        budget_posts = budget.values.get("posts_per_week") if budget else None
        if own is not None and own.posts_per_week is not None:
            posts, origin = own.posts_per_week, "team"
        elif parsed is not None:
            posts, origin = parsed, "platforms"
        elif budget_posts:
            posts, origin = min(float(budget_posts), MAX_POSTS_PER_WEEK), "budget"
        else:
            posts, origin = 1.0, "default"
        platforms.append(CalendarPlatform(chosen.id, chosen.platform, posts, origin,
                                          own.included if own is not None else True))
    return platforms


def calendar_start(section: EngagementSection, today: date) -> date:
    """The first day of the four weeks: the team's date, else the coming Monday (today when
    today is a Monday)."""
    if section.calendar.start is not None:
        return section.calendar.start
    return today + timedelta(days=(7 - today.weekday()) % 7)


def slot_times(start: date, first_hour: int, posts: int) -> list[datetime]:
    """When each of ``posts`` posts goes out: spread evenly over the 28 days from
    ``start``, the first of a day at ``first_hour``, any more two hours apart."""
    times: list[datetime] = []
    per_day: dict[int, int] = {}
    for index in range(posts):
        day = index * DAYS // posts
        nth = per_day.get(day, 0)
        per_day[day] = nth + 1
        times.append(datetime.combine(start, time(first_hour))
                     + timedelta(days=day, hours=HOURS_BETWEEN_POSTS_OF_A_DAY * nth))
    return times


@dataclass(frozen=True)
class Slot:
    """One post of the calendar in week 1-4, with what the team chose or the default:
    ``chosen`` names the fields the team set ("pillar", "format", "owner", "topic")."""

    id: str
    platform_id: str
    platform: str
    number: int
    when: datetime
    week: int
    pillar: Pillar | None
    format: str | None
    owner: str
    topic: str
    chosen: tuple[str, ...] = ()


def _default_formats(inputs: EngagementInputs) -> dict[str, str | None]:
    from socialplaybook.steps.platforms.inputs import team_profiles
    from socialplaybook.steps.platforms.section import PlatformsSection

    profiles = team_profiles(inputs.platforms_section or PlatformsSection())
    return {p.id: (p.formats[0] if p.formats else None) for p in profiles}


def _default_owners(inputs: EngagementInputs) -> dict[str, str]:
    owners = {item.id: item.owner for item in getattr(inputs.budget, "platforms", []) or []
              if item.owner.strip()}
    publisher = ""
    if inputs.raci is not None:
        responsible = inputs.raci.departments_with("publishing", "R")
        if responsible:
            publisher = department_labels()[responsible[0]]
    return {p.id: owners.get(p.id, publisher) for p in inputs.platforms}


def build_slots(section: EngagementSection, inputs: EngagementInputs,
                today: date) -> list[Slot]:
    """Every slot of the four weeks, platform by platform, in time order within each.

    A slot the team did not set takes the pillars in turn, the platform's first format and
    the budget step's owner of the platform (else planning's publisher, by RACI).
    """
    start = calendar_start(section, today)
    stored = {s.id: s for s in section.slots}
    pillars = list(section.pillars)
    by_id = {p.id: p for p in pillars}
    formats, owners = _default_formats(inputs), _default_owners(inputs)
    slots: list[Slot] = []
    for platform in calendar_platforms(section, inputs):
        if not platform.included:
            continue
        times = slot_times(start, section.calendar.first_post_hour, platform.posts)
        for number, when in enumerate(times, start=1):
            slot_id = f"{platform.id}-{number}"
            own = stored.get(slot_id)
            chosen = []
            pillar = pillars[(number - 1) % len(pillars)] if pillars else None
            if own is not None and own.pillar_id in by_id:
                pillar, chosen = by_id[own.pillar_id], [*chosen, "pillar"]
            fmt = formats.get(platform.id)
            if own is not None and own.format is not None:
                fmt, chosen = own.format, [*chosen, "format"]
            owner = owners.get(platform.id, "")
            if own is not None and own.owner:
                owner, chosen = own.owner, [*chosen, "owner"]
            topic = own.topic if own is not None else ""
            if topic:
                chosen.append("topic")
            week = (when.date() - start).days // 7 + 1
            slots.append(Slot(slot_id, platform.id, platform.platform, number, when, week,
                              pillar, fmt, owner, topic, tuple(chosen)))
    return slots


# -- hours: the budget step's rule -------------------------------------------------------------


def calendar_time_checks(section: EngagementSection, inputs: EngagementInputs) -> list[Check]:
    """The budget step's time check, with each platform posting as often as the calendar
    says (a platform left out of the calendar posts nothing): the hours the platforms need
    against the team's hours, and no one with more than four accounts."""
    from socialplaybook.steps.budget.lines import budget_lines
    from socialplaybook.steps.budget.section import BudgetSection
    from socialplaybook.steps.budget.time import team_capacity, time_checks, utilisation

    budget = inputs.budget or BudgetSection()
    cadence = {p.id: (p.posts_per_week if p.included else 0.0)
               for p in calendar_platforms(section, inputs)}
    lines = [replace(line, values={**line.values,
                                   "posts_per_week": cadence.get(line.id,
                                                                 line.values["posts_per_week"])})
             for line in budget_lines(budget, inputs.platforms_section)]
    capacity = team_capacity(budget, inputs.platforms_section, inputs.planning)
    return time_checks(lines, utilisation(lines, capacity), capacity)


# -- CSV files ---------------------------------------------------------------------------------


def slot_text(slot: Slot) -> str:
    """What a slot's post says in the upload file: its topic, else its pillar and format."""
    if slot.topic:
        return slot.topic
    formats = format_labels()
    parts = [slot.pillar.name if slot.pillar else _("No pillar yet"),
             formats.get(slot.format or "", "") or _("any format")]
    return _("{pillar}: {format} (draft)").format(pillar=parts[0], format=parts[1])


def _write(rows: Iterable[Sequence[str]], header: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def sprout_csv(slots: Sequence[Slot]) -> str:
    """One profile's slots in Sprout Social's bulk scheduling layout (see the module):
    ``date`` as dd/mm/yyyy, ``time_24hr`` as HH:MM, ``message_text``; in time order.

    ValueError when there are more than 350 slots, or two less than 10 minutes apart.
    """
    ordered = sorted(slots, key=lambda s: s.when)
    if len(ordered) > SPROUT_MAX_ROWS:
        raise ValueError(_("Sprout Social imports at most {n} messages at a time.").format(
            n=SPROUT_MAX_ROWS))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.when - before.when < timedelta(minutes=SPROUT_MIN_GAP_MINUTES):
            raise ValueError(_("Two posts are less than {n} minutes apart.").format(
                n=SPROUT_MIN_GAP_MINUTES))
    return _write(((s.when.strftime("%d/%m/%Y"), s.when.strftime("%H:%M"), slot_text(s))
                   for s in ordered), SPROUT_COLUMNS)


def sprout_files(slots: Sequence[Slot]) -> list[tuple[str, str, str]]:
    """One upload file per platform: (platform, file name, CSV text)."""
    by_platform: dict[str, list[Slot]] = {}
    for slot in slots:
        by_platform.setdefault(slot.platform_id, []).append(slot)
    return [(group[0].platform, f"sprout-bulk-{pid}.csv", sprout_csv(group))
            for pid, group in by_platform.items()]


def plain_csv(slots: Sequence[Slot]) -> str:
    """Every slot as a plain table: platform, week, ISO date, time, pillar, kind, format,
    owner, topic."""
    formats = format_labels()
    return _write(((s.platform, str(s.week), s.when.date().isoformat(),
                    s.when.strftime("%H:%M"), s.pillar.name if s.pillar else "",
                    s.pillar.kind if s.pillar else "", formats.get(s.format or "", ""),
                    s.owner, s.topic)
                   for s in sorted(slots, key=lambda s: (s.when, s.platform))), PLAIN_COLUMNS)


def upload_checks(slots: Sequence[Slot], now: datetime) -> list[Check]:
    """Whether the upload files can be imported now: no post in the past or within 10
    minutes (Sprout refuses them)."""
    why = _("Sprout Social imports messages at least 10 minutes after the upload.")
    if not slots:
        return []
    first = min(s.when for s in slots)
    if first < now + timedelta(minutes=SPROUT_MIN_GAP_MINUTES):
        return [_warning("calendar.upload", _("The calendar starts on {day}, too soon to "
                                              "import: move its start to a later Monday.")
                         .format(day=first.date().isoformat()), why)]
    return [_ok("calendar.upload", _("Every post is in the future: the files can be "
                                     "imported."), why)]
