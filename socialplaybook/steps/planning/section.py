"""The planning section of the Plan: goals, the team's assumptions, audience segments,
RACI, milestones and the departments' people and hours.

The models refuse only data that cannot be right (a negative number, a number beyond
what a field can show, an unknown RACI letter, more than five goals, a milestone waiting
for one that is not in the plan). Anything a team may still be typing (a goal without a
metric, a milestone that ends before it starts) is stored, and the checks say what is
missing.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, Field, field_validator, model_validator

from socialplaybook.datasets import region_age_bands, region_sources, usage_regions
from socialplaybook.rules.capacity import DEFAULT_WORK_WEEK_HOURS, WORK_WEEK_MIN_HOURS
from socialplaybook.rules.checks import HOURS_IN_A_WEEK, check_people_and_hours
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import MAX_TYPED_NUMBER
from socialplaybook.rules.section import Reference, Section, refuse_unencodable_text
from socialplaybook.rules.vocabulary import (
    MAX_PEOPLE,
    AudienceKind,
    BusinessResult,
    ItemId,
    ShortText,
    new_item_id,
)
from socialplaybook.steps.planning.vocabulary import (
    _PERCENT_METRIC,
    _SLUG,
    ACTIVITIES,
    DEADLINE_MAX_MONTHS,
    DEADLINE_MIN_MONTHS,
    DEFAULT_GROWTH_PER_YEAR,
    DEFAULT_POINTS_PER_YEAR,
    DEFAULT_SMALL_BASELINE,
    DEPARTMENTS,
    HORIZON_MONTHS_DEFAULT,
    HORIZON_MONTHS_MAX,
    HORIZON_MONTHS_MIN,
    LEGACY_BAND_REGION,
    LONG_TEXT_MAX_CHARS,
    MAX_GOALS,
    MAX_GROWTH_PER_YEAR,
    MAX_MILESTONES,
    MAX_PLATFORMS_PER_SEGMENT,
    MAX_SEGMENTS,
    MAX_WINDOW_MONTHS,
    RACI_LETTERS,
    Department,
    GoalUnit,
)


class Goal(Section):
    """One goal: the business result it serves, how it is counted, from where, to where, by when.

    Every field may be empty while the team types; :func:`goal_checks` says what is missing.
    ``id`` keeps the goal apart from the others when two laptops edit the list at once.
    """

    id: ItemId = Field(default_factory=lambda: new_item_id("g"))
    business_result: BusinessResult | None = None
    metric: ShortText = ""
    # At most what a number field reads (a count, an amount or a share: 1e12 is beyond any
    # of them, and far below the 28 digits Babel can show).
    baseline: float | None = Field(default=None, ge=0, le=MAX_TYPED_NUMBER,
                                   allow_inf_nan=False)
    target: float | None = Field(default=None, ge=0, le=MAX_TYPED_NUMBER, allow_inf_nan=False)
    deadline: date | None = None
    owner: ShortText = ""
    # "number" (a count, an amount of money) or "percent" (a share, a rate: 0-100); None
    # while not chosen: then a metric with "%" or "percent" counts as a percentage.
    unit: GoalUnit | None = None


def goal_unit(goal: Goal) -> str:
    """The goal's unit: as chosen, else "percent" when the metric says %, else "number"."""
    if goal.unit is not None:
        return goal.unit
    return "percent" if _PERCENT_METRIC.search(goal.metric) else "number"


class GoalAssumptions(Section):
    """The team's own assumptions behind the achievable and time-bound checks.

    The defaults are starting points for the discussion, not findings: no published
    benchmark gives one growth ceiling for leads, revenue and shares alike. A team that
    knows its history (or its market's) changes them; the checks say which ones they used.
    """

    growth_per_year: float = Field(default=DEFAULT_GROWTH_PER_YEAR, ge=1,
                                   le=MAX_GROWTH_PER_YEAR, allow_inf_nan=False)
    small_baseline: float = Field(default=DEFAULT_SMALL_BASELINE, ge=0, le=1e12,
                                  allow_inf_nan=False)
    points_per_year: float = Field(default=DEFAULT_POINTS_PER_YEAR, gt=0, le=100,
                                   allow_inf_nan=False)
    deadline_min_months: int = Field(default=DEADLINE_MIN_MONTHS, ge=0, le=MAX_WINDOW_MONTHS)
    deadline_max_months: int = Field(default=DEADLINE_MAX_MONTHS, ge=1, le=MAX_WINDOW_MONTHS)

    @model_validator(mode="after")
    def _window_in_order(self) -> GoalAssumptions:
        if self.deadline_min_months > self.deadline_max_months:
            # The two fields show the numbers; a validator cannot write them the team's
            # way (nor say "1 month" in every language).
            raise ValueError(_("The nearest deadline cannot be further than the furthest."))
        return self


def data_regions() -> tuple[str, ...]:
    """The region codes with platform data (``US``, ``EU``, ``DE``, ``NO``, ``GE``, ``CN``), in
    the dataset's order."""
    return usage_regions()


def region_bands(region_code: str | None) -> tuple[str, ...]:
    """The age bands a segment of ``region_code`` can pick, youngest first (``()``: no data)."""
    return region_age_bands(region_code) if region_code else ()


def data_region_labels() -> dict[str, str]:
    """Each region code as the segment editor offers it: the place, the source and years."""
    names = {"US": _("United States"), "EU": _("European Union"), "DE": _("Germany"),
             "NO": _("Norway"), "GE": _("Georgia"), "CN": _("Mainland China")}
    labels = {}
    for code in data_regions():
        sources = region_sources(code)
        cited = ", ".join(dict.fromkeys(source.split(" (")[0] for source, _y, _w in sources))
        years = ", ".join(str(year) for year in sorted({year for _s, year, _w in sources}))
        labels[code] = _("{name} ({source} {years})").format(
            name=names.get(code, code), source=cited, years=years)
    return labels


class AudienceSegment(Section):
    """One audience segment: who they are, what they need from us, where they already are."""

    id: ItemId = Field(default_factory=lambda: new_item_id("s"))
    name: ShortText = ""
    kind: AudienceKind | None = None
    # Which table of the platform data the age bands come from ("US", "EU", "DE", "NO",
    # "GE", "CN": the codes of platform_usage.csv); None: the team has not chosen, or its
    # region has no data (then no bands). A region in the data may have no bands either
    # (NO, GE, CN).
    region_code: str | None = None
    age_bands: list[ShortText] = Field(default_factory=list)
    region: ShortText = ""  # the place in the team's words ("Bergen and Vestland")
    needs: str = Field(default="", max_length=LONG_TEXT_MAX_CHARS)
    where_they_are: list[ShortText] = Field(
        default_factory=list, max_length=MAX_PLATFORMS_PER_SEGMENT)

    @model_validator(mode="before")
    @classmethod
    def _bands_of_the_region(cls, data: object) -> object:
        # This runs before the base's check and quotes the region code: check the text first.
        refuse_unencodable_text(data)
        if not isinstance(data, dict):
            return data
        data = dict(data)
        code = data.get("region_code")
        if isinstance(code, str):
            code = code.strip().upper() or None
        bands = data.get("age_bands")
        if code is None and isinstance(bands, list) and bands:
            code = LEGACY_BAND_REGION  # bands stored before regions: Pew's (US)
        if code is not None:
            if code not in data_regions():
                raise ValueError(_("'{code}' is not a region with platform data (one of: "
                                   "{known}).").format(code=code,
                                                       known=", ".join(data_regions())))
        data["region_code"] = code
        if isinstance(bands, list) and all(isinstance(b, str) for b in bands):
            known = region_bands(code)
            unknown = [b for b in bands if b not in known]
            if unknown:
                raise ValueError(_("'{band}' is not an age band of the {code} data (one of: "
                                   "{known}).").format(band=unknown[0], code=code,
                                                       known=", ".join(known)))
            data["age_bands"] = [band for band in known if band in bands]
        return data

    def in_region(self, region_code: str | None) -> AudienceSegment:
        """A copy using ``region_code``'s table: bands that table does not have are dropped."""
        known = region_bands(region_code)
        return AudienceSegment.model_validate(
            {**self.model_dump(), "region_code": region_code,
             "age_bands": [b for b in self.age_bands if b in known]})


class RACI(Section):
    """Who does what on social media: ``cells[activity][department]`` is R, A, C, I or "".

    Stored as the full grid (every activity, every department, in the order of
    ``ACTIVITIES`` and ``DEPARTMENTS``) so the JSON is stable and every cell can be read
    directly. Lower-case letters and surrounding spaces are accepted and normalised.
    """

    cells: dict[str, dict[str, str]] = Field(default_factory=dict, validate_default=True)

    @field_validator("cells")
    @classmethod
    def _full_grid(cls, cells: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for activity, row in cells.items():
            if activity not in ACTIVITIES:
                raise ValueError(_("'{activity}' is not a RACI activity (one of: {known}).")
                                 .format(activity=activity, known=", ".join(ACTIVITIES)))
            for department, letter in row.items():
                if department not in DEPARTMENTS:
                    raise ValueError(
                        _("'{department}' is not a department (one of: {known}).").format(
                            department=department, known=", ".join(DEPARTMENTS)))
                if letter.strip().upper() not in RACI_LETTERS + ("",):
                    raise ValueError(
                        _("'{letter}' is not a RACI letter: use R, A, C, I or leave the cell "
                          "empty.").format(letter=letter))
        return {
            activity: {
                department: cells.get(activity, {}).get(department, "").strip().upper()
                for department in DEPARTMENTS
            }
            for activity in ACTIVITIES
        }

    def letter(self, activity: str, department: str) -> str:
        """The letter in one cell ("" when empty)."""
        return self.cells[activity][department]

    def with_cell(self, activity: str, department: str, letter: str) -> RACI:
        """A copy with one cell changed (validated: an unknown letter raises ValidationError)."""
        cells = {a: dict(row) for a, row in self.cells.items()}
        cells.setdefault(activity, {})[department] = letter
        return RACI(cells=cells)

    def departments_with(self, activity: str, letter: str) -> list[str]:
        """The departments holding ``letter`` for ``activity``, in department order."""
        return [d for d, value in self.cells[activity].items() if value == letter]


def _check_milestone_id(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(
            _("'{id}' is not a milestone id: use lowercase letters, digits and hyphens "
              "(at most 64).").format(id=value))
    return value


class Milestone(Section):
    """One step of the action plan. ``depends_on`` lists the ids of milestones it waits for.

    A milestone that ends before it starts is stored; :func:`milestone_checks` reports it.
    Waiting for a milestone that is not in the plan (or for itself) is refused by the
    planning section, which knows the other milestones.
    """

    id: str
    title: ShortText = ""
    owner: ShortText = ""
    start: date
    end: date
    depends_on: list[str] = Field(default_factory=list, max_length=MAX_MILESTONES)

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        return _check_milestone_id(value)

    @field_validator("depends_on")
    @classmethod
    def _dependencies_are_slugs(cls, ids: list[str]) -> list[str]:
        return list(dict.fromkeys(_check_milestone_id(value) for value in ids))


class DepartmentResource(Section):
    """People and hours per week (all of them together) one department gives social media."""

    ITEM_KEY: ClassVar[str] = "department"  # one entry per department
    NATURAL_KEY: ClassVar[bool] = True

    department: Department
    people: int = Field(default=0, ge=0, le=MAX_PEOPLE)
    # At most the hours of MAX_PEOPLE people in a week (the rule below binds it to this
    # department's own people).
    hours_per_week: float = Field(default=0.0, ge=0, le=HOURS_IN_A_WEEK * MAX_PEOPLE,
                                  allow_inf_nan=False)

    @model_validator(mode="after")
    def _hours_fit_the_people(self) -> DepartmentResource:
        # the message names no typed number: a model does not know the team's number format
        check_people_and_hours(self.people, self.hours_per_week)
        return self


class PlanningSection(Section):
    """The planning step of the Plan: goals, audience, RACI, milestones and resources."""

    REFERENCES: ClassVar[tuple[Reference, ...]] = (
        Reference(source="milestones", field="depends_on", target="milestones"),)

    goals: list[Goal] = Field(default_factory=list, max_length=MAX_GOALS)
    audience: list[AudienceSegment] = Field(default_factory=list, max_length=MAX_SEGMENTS)
    raci: RACI = Field(default_factory=RACI)
    milestones: list[Milestone] = Field(default_factory=list, max_length=MAX_MILESTONES)
    resources: list[DepartmentResource] = Field(
        default_factory=list, max_length=len(DEPARTMENTS))
    horizon_start: date | None = None
    horizon_months: int = Field(
        default=HORIZON_MONTHS_DEFAULT, ge=HORIZON_MONTHS_MIN, le=HORIZON_MONTHS_MAX)
    assumptions: GoalAssumptions = Field(default_factory=GoalAssumptions)
    # The team's working week: the hours given to social media are counted in full-time
    # equivalents of it (socialplaybook.rules.capacity); 168 is only the physical bound.
    work_week_hours: float = Field(default=DEFAULT_WORK_WEEK_HOURS, ge=WORK_WEEK_MIN_HOURS,
                                   le=HOURS_IN_A_WEEK, allow_inf_nan=False)

    def social_hours(self) -> tuple[int, float] | None:
        """People and hours a week all departments together give social media (None when
        no department is entered)."""
        if not self.resources:
            return None
        return (sum(r.people for r in self.resources),
                float(sum(r.hours_per_week for r in self.resources)))

    @model_validator(mode="after")
    def _ids_unique(self) -> PlanningSection:
        seen: set[str] = set()
        for milestone in self.milestones:
            if milestone.id in seen:
                raise ValueError(_("Two milestones have the id '{id}'; ids must differ.")
                                 .format(id=milestone.id))
            seen.add(milestone.id)
        for field in ("goals", "audience"):
            ids = [item.id for item in getattr(self, field)]
            if len(ids) != len(set(ids)):
                raise ValueError(_("Two items of {field} have the same id; ids must differ.")
                                 .format(field=field))
        departments: set[str] = set()
        for resource in self.resources:
            if resource.department in departments:
                raise ValueError(_("'{department}' is listed twice under resources.")
                                 .format(department=resource.department))
            departments.add(resource.department)
        return self

    @classmethod
    def dangling_reference_message(cls, reference: Reference, item: BaseModel,
                                   target: str) -> str:
        name = getattr(item, "title", "").strip() or getattr(item, "id", "")
        if target == getattr(item, "id", None):
            return _("Milestone '{name}' cannot wait for itself.").format(name=name)
        return _("Milestone '{name}' waits for '{target}', which is not a milestone of the "
                 "plan.").format(name=name, target=target)
