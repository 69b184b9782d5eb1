"""The Plan: the one schema every workshop step reads and writes.

A Plan has a section per workshop step. Rules (ranges, required fields, cross-field
checks) live here as validators, so a widget only shows the model's message.
Plans saved by an older ``schema_version`` are migrated on load; a plan from a newer
version is refused with a clear message rather than half-read.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Annotated, Any, Literal, get_args

from babel.numbers import list_currencies
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from socialplaybook.budget import BudgetSection
from socialplaybook.i18n import _
from socialplaybook.kpis import KpisSection
from socialplaybook.planning import PlanningSection
from socialplaybook.platforms import PlatformsSection
from socialplaybook.sections import Section

# 2: the planning section (plans of schema 1 load with an empty one; no migration step)
# 3: the number locale; goals and audience segments carry ids (given on migration)
# 4: segments carry the region code of their age bands' data (stored bands are Pew's:
#    "US"); goals a unit; the planning section the team's assumptions (defaults)
# 5: the platforms section (plans of schema 4 load with an empty one; no migration step)
# 6: the budget and kpis sections (plans of schema 5 load with empty ones; no migration)
SCHEMA_VERSION = 6
TEAM_NAME_MAX_CHARS = 60
RATING_MIN, RATING_MAX = 0, 4
_STATEMENT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class PlanError(ValueError):
    """A plan, or a file meant to hold one, that cannot be used; the message says why."""


def utc_now() -> datetime:
    """The current time in UTC, to the microsecond (what every timestamp in a plan uses)."""
    return datetime.now(timezone.utc)


def normalise_team_name(value: object) -> str:
    """Return the team name as stored: trimmed, inner runs of spaces made single.

    Raises ValueError with a message for a person when the name is empty, longer than
    60 characters, or holds control characters.
    """
    if not isinstance(value, str):
        raise ValueError(_("A team name must be text."))
    name = " ".join(value.split())
    if not name:
        raise ValueError(_("Give the team a name (1 to 60 characters)."))
    if len(name) > TEAM_NAME_MAX_CHARS:
        raise ValueError(
            _("A team name can have at most {limit} characters; this one has {n}.").format(
                limit=TEAM_NAME_MAX_CHARS, n=len(name)
            )
        )
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValueError(_("A team name cannot contain control characters."))
    return name


def team_name_key(name: str) -> str:
    """The key under which team names are unique: case and spacing ignored."""
    return normalise_team_name(name).casefold()


def _check_currency(code: str) -> str:
    code = code.strip().upper()
    if code not in list_currencies():
        message = _("'{code}' is not an ISO 4217 currency code (e.g. EUR, USD, NOK).")
        raise ValueError(message.format(code=code))
    return code


# The languages of the source articles, and English: how the team writes numbers.
NumberLocale = Literal["en", "de", "nb", "zh", "ka"]
NUMBER_LOCALES: tuple[str, ...] = get_args(NumberLocale)


def number_locale_labels() -> dict[str, str]:
    """Each number locale as a person picks it, with an example of a number written in it."""
    return {"en": _("English (1,234.5)"), "de": _("German (1.234,5)"),
            "nb": _("Norwegian (1 234,5)"), "zh": _("Chinese (1,234.5)"),
            "ka": _("Georgian (1 234,5)")}


TeamName = Annotated[str, AfterValidator(normalise_team_name)]
CurrencyCode = Annotated[str, AfterValidator(_check_currency)]


class AuditSection(Section):
    """The myth audit: how much each statement describes the team today.

    ``answers`` maps a statement id (from ``datasets/myths.csv``) to a rating from
    0 (not at all) to 4 (completely).
    """

    answers: dict[str, StrictInt] = Field(default_factory=dict)

    @field_validator("answers")
    @classmethod
    def _ratings_in_range(cls, answers: dict[str, int]) -> dict[str, int]:
        for statement_id, rating in answers.items():
            if not _STATEMENT_ID.fullmatch(statement_id):
                raise ValueError(_("'{id}' is not a statement id.").format(id=statement_id))
            if not RATING_MIN <= rating <= RATING_MAX:
                raise ValueError(
                    _("The rating of '{id}' must be from {lo} to {hi}, not {rating}.").format(
                        id=statement_id, lo=RATING_MIN, hi=RATING_MAX, rating=rating
                    )
                )
        return dict(sorted(answers.items()))


class Plan(BaseModel):
    """One team's social media playbook, section by section."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: int = SCHEMA_VERSION
    team: TeamName
    currency: CurrencyCode = "EUR"
    locale: NumberLocale = "en"
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    audit: AuditSection = Field(default_factory=AuditSection)
    planning: PlanningSection = Field(default_factory=PlanningSection)
    platforms: PlatformsSection = Field(default_factory=PlatformsSection)
    budget: BudgetSection = Field(default_factory=BudgetSection)
    kpis: KpisSection = Field(default_factory=KpisSection)

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        if isinstance(data, dict) and "schema_version" in data:
            return migrate(data)
        return data

    @model_validator(mode="after")
    def _times_in_order(self) -> Plan:
        if self.created_at.tzinfo is None or self.updated_at.tzinfo is None:
            raise ValueError(_("Plan times must carry a time zone."))
        if self.updated_at < self.created_at:
            raise ValueError(_("A plan cannot be updated before it was created."))
        return self

    def touched(self) -> Plan:
        """A copy of the plan with ``updated_at`` set to now."""
        return self.model_copy(update={"updated_at": max(utc_now(), self.created_at)})

    def to_json(self) -> str:
        """The plan as the JSON text that export writes (stable: same plan, same bytes)."""
        return self.model_dump_json(indent=2) + "\n"


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


def describe_validation_error(error: ValidationError) -> str:
    """One line for a person: where the first problem is and what it is."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    extra = len(error.errors()) - 1
    more = _(" (and {n} more problems)").format(n=extra) if extra else ""
    line = f"{where}: {message}{more}" if where else f"{message}{more}"
    # Messages quote the input (a statement id, a currency); keep a line break in it from
    # splitting the one line.
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in line)


def field_error_message(error: ValidationError, labels: dict[str, str] | None = None) -> str:
    """The first problem as a person reads it at the form: "Metric: at most 120 characters".

    ``labels`` names the fields as the form shows them; limits are put in plain words
    (pydantic's own wording is kept only for kinds of error not listed here).
    """
    first = error.errors()[0]
    context = first.get("ctx", {})
    plain = {
        "string_too_long": _("at most {max_length} characters"),
        "too_long": _("at most {max_length} items"),
        "less_than_equal": _("at most {le}"),
        "less_than": _("less than {lt}"),
        "greater_than_equal": _("{ge} or more"),
        "greater_than": _("more than {gt}"),
    }
    if first["type"] in plain:
        message = plain[first["type"]].format(**context)
    else:
        message = first["msg"].removeprefix("Value error, ")
    field = next((str(part) for part in first["loc"] if isinstance(part, str)), "")
    label = (labels or {}).get(field)
    return f"{label}: {message}" if label else message[:1].upper() + message[1:]


def plan_from_json(text: str | bytes) -> Plan:
    """Read a plan from exported JSON text; raise PlanError with one clear line if it isn't one."""
    try:
        data = json.loads(text)
    except UnicodeDecodeError:
        raise PlanError(_("The file is not text (UTF-8 JSON expected).")) from None
    except json.JSONDecodeError as exc:
        raise PlanError(
            _("The file is not valid JSON (is it cut short?): {reason} at line {line}, "
              "column {col}.").format(reason=exc.msg, line=exc.lineno, col=exc.colno)
        ) from None
    except (RecursionError, ValueError):
        # json raises these for arrays nested thousands deep and integers of thousands of digits
        raise PlanError(
            _("The file is not JSON that could be a plan (nested too deeply or a number too "
              "long).")
        ) from None
    if not isinstance(data, dict) or "schema_version" not in data or "team" not in data:
        raise PlanError(
            _("The file is JSON but not a social-playbook plan (it has no schema_version "
              "and team).")
        )
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanError(_("The plan is not valid: {what}").format(
            what=describe_validation_error(exc))) from None
