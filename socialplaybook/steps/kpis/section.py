"""The kpis section of the Plan: KPIs, the ROI assumptions and the UTM settings."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from socialplaybook.rules.i18n import _
from socialplaybook.rules.section import Section
from socialplaybook.rules.vocabulary import ItemId, ShortText
from socialplaybook.steps.kpis.channels import ORGANIC_MEDIUM
from socialplaybook.steps.kpis.utm import (
    MAX_CAMPAIGNS,
    URL_MAX_CHARS,
    UtmError,
    is_normalised,
    normalise_url,
)
from socialplaybook.steps.kpis.vocabulary import (
    DEFAULT_GROWTH_PERCENT_PER_MONTH,
    DEFAULT_ROI_MONTHS,
    MAX_CARRY_OVER_PERCENT_PER_WEEK,
    MAX_CONVERSIONS_PER_MONTH,
    MAX_DECLINE_PERCENT_PER_MONTH,
    MAX_GROWTH_CEILING_MULTIPLE,
    MAX_GROWTH_PERCENT_PER_MONTH,
    MAX_HORIZON_MONTHS,
    MAX_KPI_VALUE,
    MAX_KPIS,
    MAX_MONEY_PER_MONTH,
    MAX_ROI_MONTHS,
    MAX_VALUE_PER_CONVERSION,
    Cadence,
    DataSource,
    Direction,
    Level,
    new_kpi_id,
)


class Kpi(Section):
    """One KPI: what is counted, for which goal, from where to where by when, who reviews it.

    ``catalog_id`` is the catalog KPI it was taken from ("" for the team's own);
    ``direction`` "down" for KPIs that should fall (cost per lead, response time).
    """

    id: ItemId = Field(default_factory=new_kpi_id)
    name: ShortText
    goal_id: ShortText = ""
    catalog_id: ShortText = ""
    level: Level = "driver"
    direction: Direction = "up"
    baseline: float | None = Field(default=None, ge=0, le=MAX_KPI_VALUE, allow_inf_nan=False)
    target: float | None = Field(default=None, ge=0, le=MAX_KPI_VALUE, allow_inf_nan=False)
    horizon_months: int | None = Field(default=None, ge=1, le=MAX_HORIZON_MONTHS)
    data_source: DataSource | None = None
    owner: ShortText = ""
    cadence: Cadence | None = None

    @field_validator("name")
    @classmethod
    def _named(cls, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValueError(_("A KPI needs a name."))
        return name


class RoiAssumptions(Section):
    """What the ROI-over-time view is computed from; every number the team's, and bounded.

    ``monthly_cost`` None: taken from the budget section when it has a monthly total.
    ``conversions_per_month``: conversions a month's effort brings once it is kept up.
    ``value_per_conversion``: the revenue one conversion brings; ``margin_percent`` the
    gross margin on it (None: the ROI counts revenue, and says so).
    ``carry_over_percent_per_week`` None: the budget step's carry-over (a decay a week).
    Growth is optional (0: none) and saturates: the conversions grow by
    ``growth_percent_per_month`` until they reach ``growth_ceiling_multiple`` times the
    first month's (no ceiling: the growth is not counted). ``organic_decline_percent_per_
    month`` lets organic reach fall as the platforms monetise (0: none).
    """

    monthly_cost: float | None = Field(default=None, ge=0, le=MAX_MONEY_PER_MONTH,
                                       allow_inf_nan=False)
    value_per_conversion: float | None = Field(default=None, ge=0,
                                               le=MAX_VALUE_PER_CONVERSION, allow_inf_nan=False)
    margin_percent: float | None = Field(default=None, gt=0, le=100, allow_inf_nan=False)
    conversions_per_month: float | None = Field(default=None, ge=0,
                                                le=MAX_CONVERSIONS_PER_MONTH,
                                                allow_inf_nan=False)
    carry_over_percent_per_week: float | None = Field(
        default=None, ge=0, le=MAX_CARRY_OVER_PERCENT_PER_WEEK, allow_inf_nan=False)
    growth_percent_per_month: float = Field(default=DEFAULT_GROWTH_PERCENT_PER_MONTH, ge=0,
                                            le=MAX_GROWTH_PERCENT_PER_MONTH,
                                            allow_inf_nan=False)
    growth_ceiling_multiple: float | None = Field(default=None, ge=1,
                                                  le=MAX_GROWTH_CEILING_MULTIPLE,
                                                  allow_inf_nan=False)
    organic_decline_percent_per_month: float = Field(default=0.0, ge=0,
                                                     le=MAX_DECLINE_PERCENT_PER_MONTH,
                                                     allow_inf_nan=False)
    months: int = Field(default=DEFAULT_ROI_MONTHS, ge=1, le=MAX_ROI_MONTHS)


UtmValue = Annotated[str, Field(max_length=100)]


class UtmSettings(Section):
    """The link builder's last link and the campaigns for the batch, stored normalised.

    ``paid``: the links are for paid posts (ads), so the medium starts as "paid_social"
    (see :func:`socialplaybook.steps.kpis.utm.medium_for`). ``campaign_id`` is the single
    link's utm_id; ``campaign_ids`` the batch's, by campaign name (a name no longer among
    ``campaigns`` is ignored). ``source_platform``, ``creative_format`` and
    ``marketing_tactic`` are GA4's further parameters, on the single link and the batch.
    """

    url: str = Field(default="", max_length=URL_MAX_CHARS)
    paid: bool = False
    source: UtmValue = ""
    medium: UtmValue = ORGANIC_MEDIUM
    campaign: UtmValue = ""
    term: UtmValue = ""
    content: UtmValue = ""
    campaign_id: UtmValue = ""
    source_platform: UtmValue = ""
    creative_format: UtmValue = ""
    marketing_tactic: UtmValue = ""
    campaigns: list[UtmValue] = Field(default_factory=list, max_length=MAX_CAMPAIGNS)
    campaign_ids: dict[UtmValue, UtmValue] = Field(default_factory=dict,
                                                   max_length=MAX_CAMPAIGNS)

    @field_validator("url")
    @classmethod
    def _url(cls, url: str) -> str:
        if url:
            try:
                normalised, _notices = normalise_url(url)
            except UtmError as exc:
                raise ValueError(str(exc)) from None
            if normalised != url:
                raise ValueError(_("The link is stored as checked: {url}").format(
                    url=normalised))
        return url

    @field_validator("source", "medium", "campaign", "term", "content", "campaign_id",
                     "source_platform", "creative_format", "marketing_tactic")
    @classmethod
    def _value(cls, value: str) -> str:
        if not is_normalised(value):
            raise ValueError(_not_stored(value))
        return value

    @field_validator("campaigns")
    @classmethod
    def _campaigns(cls, campaigns: list[str]) -> list[str]:
        for value in campaigns:
            if not value or not is_normalised(value):
                raise ValueError(_not_stored(value))
        return list(dict.fromkeys(campaigns))

    @field_validator("campaign_ids")
    @classmethod
    def _campaign_ids(cls, campaign_ids: dict[str, str]) -> dict[str, str]:
        for name, campaign_id in campaign_ids.items():
            for value in (name, campaign_id):
                if not value or not is_normalised(value):
                    raise ValueError(_not_stored(value))
        return campaign_ids


def _not_stored(value: str) -> str:
    return _("'{value}' is not a UTM value as stored (lower case, no spaces, letters, "
             "digits, '-', '_', '.').").format(value=value)


class KpisSection(Section):
    """The KPI step of the Plan: KPIs per goal, ROI assumptions, UTM links, the survey question."""

    kpis: list[Kpi] = Field(default_factory=list, max_length=MAX_KPIS)
    roi: RoiAssumptions = Field(default_factory=RoiAssumptions)
    utm: UtmSettings = Field(default_factory=UtmSettings)
    hear_about_us_added: bool = False

    @model_validator(mode="after")
    def _ids_unique(self) -> KpisSection:
        ids = [kpi.id for kpi in self.kpis]
        if len(ids) != len(set(ids)):
            raise ValueError(_("Two KPIs have the same id; ids must differ."))
        return self
