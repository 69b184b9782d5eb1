"""The Plan: one team's playbook, a section per registered step.

The sections come from the step registry (``socialplaybook.steps.registry``): adding a step
adds its section here without an edit. The team, its currency, how it writes numbers and
its language are checked here; each section's rules live on the section's own model.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Annotated, Any, Literal, get_args

from babel.numbers import list_currencies
from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    create_model,
    model_validator,
)

from socialplaybook.plan.schema import SCHEMA_VERSION, migrate
from socialplaybook.rules.i18n import Language, _, use_language
from socialplaybook.rules.section import StorableText
from socialplaybook.rules.text import unencodable_text_at
from socialplaybook.steps.registry import Step, section_steps

TEAM_NAME_MAX_CHARS = 60


class PlanError(ValueError):
    """A plan, or a file meant to hold one, that cannot be used; the message says why."""


def utc_now() -> datetime:
    """The current time in UTC, to the microsecond (what every timestamp in a plan uses)."""
    return datetime.now(timezone.utc)


def normalise_team_name(value: object) -> str:
    """Return the team name as stored: trimmed, inner runs of spaces made single, in
    Unicode's composed form (NFC: "Café" typed as "e" and an accent is stored as "é").

    Raises ValueError with a message for a person when the name is empty, longer than
    60 characters, or holds control characters or a broken character.
    """
    if not isinstance(value, str):
        raise ValueError(_("A team name must be text."))
    if unencodable_text_at(value) is not None:
        raise ValueError(_("A team name cannot contain a broken character (half of a pair, "
                           "as in an emoji cut in two)."))
    name = unicodedata.normalize("NFC", " ".join(value.split()))
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
    """The key under which team names are unique: case, spacing and the way an accent was
    typed ignored (Unicode's canonical caseless match, NFC(casefold(NFD(name))))."""
    decomposed = unicodedata.normalize("NFD", normalise_team_name(name))
    return unicodedata.normalize("NFC", decomposed.casefold())


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



class PlanBase(StorableText):
    """What every plan has besides its sections: the team, its currency, number format and
    language (of every app, message and export: "en", "de", "nb", "zh_Hans" or "ka"), the
    schema version and when it was created and last changed."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: int = SCHEMA_VERSION
    team: TeamName
    currency: CurrencyCode = "EUR"
    locale: NumberLocale = "en"
    language: Language = "en"
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        if isinstance(data, dict) and "schema_version" in data:
            return migrate(data)
        return data

    @model_validator(mode="after")
    def _times_in_order(self) -> PlanBase:
        if self.created_at.tzinfo is None or self.updated_at.tzinfo is None:
            raise ValueError(_("Plan times must carry a time zone."))
        if self.updated_at < self.created_at:
            raise ValueError(_("A plan cannot be updated before it was created."))
        return self

    def touched(self) -> PlanBase:
        """A copy of the plan with ``updated_at`` set to now."""
        return self.model_copy(update={"updated_at": max(utc_now(), self.created_at)})

    def to_json(self) -> str:
        """The plan as the JSON text that export writes (stable: same plan, same bytes)."""
        return self.model_dump_json(indent=2) + "\n"


def plan_model(steps: list[Step]) -> type[PlanBase]:
    """The Plan model with a section per step of ``steps`` that keeps one, in their order.

    Each section is the field named by its step's key, empty by default, so a plan saved
    before a step existed opens with that step's section empty.
    """
    sections: dict[str, Any] = {}
    for step in steps:
        model = step.section_model
        if model is not None:
            sections[step.key] = (model, Field(default_factory=model))
    return create_model("Plan", __base__=PlanBase, __module__=__name__,
                        __doc__="One team's social media playbook, section by section.",
                        **sections)


Plan = plan_model(section_steps())


def in_plan_language(writer: Callable[..., Any]) -> Callable[..., Any]:
    """A writer of a plan's file that writes it in the plan's language, or in the one its
    ``language=`` names (a page opened with ``?lang=``), whatever language the caller is in:
    the command line exporting two teams' plans writes each in its team's language."""

    @functools.wraps(writer)
    def write(plan: PlanBase, *args: Any, language: str | None = None, **kwargs: Any) -> Any:
        with use_language(language or plan.language):
            return writer(plan, *args, **kwargs)

    return write
