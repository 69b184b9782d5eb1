"""The platforms section of the Plan: weights, the team's judgements and the chosen platforms."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, field_validator, model_validator

from socialplaybook.datasets import region_age_bands
from socialplaybook.rules.checks import (
    HOURS_IN_A_WEEK,
    check_people_and_hours,
)
from socialplaybook.rules.i18n import _
from socialplaybook.rules.section import Section
from socialplaybook.rules.vocabulary import (
    MAX_PEOPLE,
    AudienceKind,
    BusinessResult,
    ItemId,
    ShortText,
)
from socialplaybook.steps.platforms.vocabulary import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    MAX_PLATFORMS,
    STRENGTH_MAX,
    WEIGHT_MAX,
    ContentFormat,
    Role,
)


class Weights(Section):
    """How much each criterion counts (0-10 each; all 0: nothing can be ranked)."""

    reach: float = Field(default=DEFAULT_WEIGHTS["reach"], ge=0, le=WEIGHT_MAX,
                         allow_inf_nan=False)
    formats: float = Field(default=DEFAULT_WEIGHTS["formats"], ge=0, le=WEIGHT_MAX,
                           allow_inf_nan=False)
    goals: float = Field(default=DEFAULT_WEIGHTS["goals"], ge=0, le=WEIGHT_MAX,
                         allow_inf_nan=False)
    hours: float = Field(default=DEFAULT_WEIGHTS["hours"], ge=0, le=WEIGHT_MAX,
                         allow_inf_nan=False)

    def as_dict(self) -> dict[str, float]:
        return {criterion: getattr(self, criterion) for criterion in CRITERIA}


class PlatformJudgement(Section):
    """The team's own values for a platform, over the data's (None: keep the data's).

    For a platform the data does not have, these are all that is known about it.
    """

    NATURAL_KEY: ClassVar[bool] = True  # the platform's id: one judgement per platform

    id: ItemId
    platform: ShortText
    formats: list[ContentFormat] | None = None
    b2b_strength: int | None = Field(default=None, ge=0, le=STRENGTH_MAX)
    b2c_strength: int | None = Field(default=None, ge=0, le=STRENGTH_MAX)
    good_for: list[BusinessResult] | None = None
    hours_per_week: float | None = Field(default=None, ge=0, le=HOURS_IN_A_WEEK,
                                         allow_inf_nan=False)
    cadence: ShortText | None = None
    tone: ShortText | None = None


class ReachEstimate(Section):
    """The team's own estimate of the share of its audience that uses a platform (0-100 %)
    and where it comes from ("our customer survey 2026"), for a platform the region's data
    has no figure for. It is used only where no figure exists, and always shown as the
    team's estimate, never as the survey's."""

    NATURAL_KEY: ClassVar[bool] = True  # the platform's id: one estimate per platform

    id: ItemId
    platform: ShortText
    share_percent: float = Field(ge=0, le=100, allow_inf_nan=False)
    source: ShortText

    @field_validator("source")
    @classmethod
    def _source_given(cls, source: str) -> str:
        cleaned = " ".join(source.split())
        if not cleaned:
            raise ValueError(_("Say where the estimate comes from, e.g. \"our customer survey "
                               "2026\"."))
        return cleaned


class PlatformChoice(Section):
    """A platform the team chose: its role, the goal it serves, its cadence and tone."""

    NATURAL_KEY: ClassVar[bool] = True  # the platform's id: one choice per platform

    id: ItemId
    platform: ShortText
    role: Role = "secondary"
    goal_id: str = ""  # a planning goal's id ("" for none)
    cadence: ShortText = ""
    tone: ShortText = ""


class PlatformsSection(Section):
    """The platforms step of the Plan.

    The audience (``region_code``, ``age_bands``, ``kinds``), ``business_results`` and the
    capacity (``people``, ``hours_per_week``) are None while the team takes them from its
    planning section; set, they are the team's answer here. ``reach_estimates``: the
    team's own reach of platforms the data has no figure for (:class:`ReachEstimate`).
    """

    region_code: str | None = None
    age_bands: list[ShortText] | None = None
    kinds: list[AudienceKind] | None = None
    formats: list[ContentFormat] = Field(default_factory=list)
    business_results: list[BusinessResult] | None = None
    people: int | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    hours_per_week: float | None = Field(default=None, ge=0,
                                         le=HOURS_IN_A_WEEK * MAX_PEOPLE, allow_inf_nan=False)
    weights: Weights = Field(default_factory=Weights)
    custom_platforms: list[ShortText] = Field(default_factory=list, max_length=MAX_PLATFORMS)
    judgements: list[PlatformJudgement] = Field(default_factory=list, max_length=MAX_PLATFORMS)
    choices: list[PlatformChoice] = Field(default_factory=list, max_length=MAX_PLATFORMS)
    handles: dict[str, bool] = Field(default_factory=dict)
    reach_estimates: list[ReachEstimate] = Field(default_factory=list,
                                                 max_length=MAX_PLATFORMS)

    @field_validator("custom_platforms")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        cleaned = [" ".join(name.split()) for name in names]
        if any(not name for name in cleaned):
            raise ValueError(_("A platform needs a name."))
        return list(dict.fromkeys(cleaned))

    @model_validator(mode="after")
    def _consistent(self) -> PlatformsSection:
        if self.region_code is not None and self.age_bands:
            known = region_age_bands(self.region_code)
            unknown = [band for band in self.age_bands if band not in known]
            if unknown:
                raise ValueError(_("'{band}' is not an age band of the {code} data (one of: "
                                   "{known}).").format(band=unknown[0], code=self.region_code,
                                                       known=", ".join(known) or "-"))
        check_people_and_hours(self.people, self.hours_per_week)
        for field_name in ("choices", "judgements", "reach_estimates"):
            ids = [item.id for item in getattr(self, field_name)]
            if len(ids) != len(set(ids)):
                raise ValueError(_("A platform is listed twice."))
        return self
