"""The engagement section of the Plan: content pillars, the mix, the calendar, network-first
and listening, the response playbook, staffing, automation, a crisis example, the policy
and the account inventory.

The models refuse what cannot be right (a share over 100 % or below 0, shares adding up to
more than 100 %, a calendar platform posting zero times, hours in a department with no
people, an account without its platform, anything in the inventory that looks like a
password, key, token or card number); what a team may still be filling in is stored, and
the checks say what is missing. Values the team has not changed are not stored: a
response rule, a policy part or a calendar slot holds only what the team set (None: the
default, which the app shows as such).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from pydantic import BaseModel, Field, field_validator, model_validator

from socialplaybook.rules.checks import HOURS_IN_A_WEEK, check_people_and_hours
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.rules.section import Reference, Section
from socialplaybook.rules.vocabulary import MAX_PEOPLE, ItemId, ShortText, new_item_id
from socialplaybook.steps.engagement.defaults import figure
from socialplaybook.steps.engagement.inventory import refuse_secret
from socialplaybook.steps.engagement.vocabulary import (
    CALENDAR_WEEKS,
    DEFAULT_FIRST_POST_HOUR,
    LONG_TEXT_MAX_CHARS,
    MAX_ACCOUNTS,
    MAX_CONTACTS,
    MAX_MINUTES_PER_CHECK,
    MAX_PEOPLE_LISTED,
    MAX_PILLARS,
    MAX_POSTS_PER_WEEK,
    MAX_TARGET_HOURS,
    MAX_TERMS,
    MESSAGE_TYPES,
    MIN_TARGET_HOURS,
    POLICY_PARTS,
    POLICY_TEXT_MAX_CHARS,
    TRIAGE_LEVEL_MAX,
    AccountStatus,
    Handling,
    MessageType,
    NetworkStatus,
    PolicyPart,
    ValueKind,
)
from socialplaybook.steps.planning.vocabulary import Department
from socialplaybook.steps.platforms.vocabulary import ContentFormat

Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
LongText = Annotated[str, Field(max_length=LONG_TEXT_MAX_CHARS)]
Terms = Annotated[list[ShortText], Field(max_length=MAX_TERMS)]
SLOT_ID = r"^[a-z0-9][a-z0-9-]{0,63}-[1-9][0-9]{0,2}$"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shares_fit(shares: dict[str, float]) -> None:
    total = sum(shares.values())
    if total > 100 + 1e-9:
        raise ValueError(_("The shares add up to {total} %; together they can be at most "
                           "100 %.").format(total=format_rounded(total, max_decimals=1)))


# -- content ---------------------------------------------------------------------------------


class Pillar(Section):
    """A content pillar: a theme the audience cares about, tied to a segment's need
    (planning's audience) and a goal (planning's goals), and what its posts do."""

    id: ItemId = Field(default_factory=lambda: new_item_id("p"))
    name: ShortText
    segment_id: str = ""  # a planning segment's id ("" for none)
    need: LongText = ""  # the segment's need this pillar answers
    goal_id: str = ""  # a planning goal's id ("" for none)
    kind: ValueKind = "help"

    @field_validator("name")
    @classmethod
    def _named(cls, name: str) -> str:
        name = _one_line(name)
        if not name:
            raise ValueError(_("A pillar needs a name."))
        return name


class ContentMix(Section):
    """The share of posts of each kind (0-100 each, at most 100 together) and the most
    posts about the company the team will accept (its assumption)."""

    help_percent: Percent = 0.0
    teach_percent: Percent = 0.0
    entertain_percent: Percent = 0.0
    share_percent: Percent = 0.0
    about_us_percent: Percent = 0.0
    max_about_us_percent: Percent = Field(
        default_factory=lambda: figure("max_self_promotion_percent"))

    def shares(self) -> dict[str, float]:
        """Each kind's share, by kind."""
        return {kind: getattr(self, f"{kind}_percent")
                for kind in ("help", "teach", "entertain", "share", "about_us")}

    @model_validator(mode="after")
    def _fit(self) -> ContentMix:
        _shares_fit(self.shares())
        return self


class PlatformCadence(Section):
    """How often the calendar posts on one platform (the team's value over the platforms
    step's cadence), and whether the platform is in the calendar at all."""

    NATURAL_KEY: ClassVar[bool] = True  # the platform's id

    id: ItemId
    platform: ShortText
    posts_per_week: float | None = Field(default=None, ge=0, le=MAX_POSTS_PER_WEEK,
                                         allow_inf_nan=False)
    included: bool = True

    @field_validator("posts_per_week")
    @classmethod
    def _posts(cls, posts: float | None) -> float | None:
        if posts is not None and posts <= 0:
            raise ValueError(_("A calendar needs at least one post on a platform in four "
                               "weeks; to leave the platform out, untick it instead."))
        if posts is not None and posts * CALENDAR_WEEKS < 1:
            raise ValueError(_("At least one post in four weeks: 0.25 a week or more."))
        return posts


class CalendarSettings(Section):
    """The four weeks' start (a date; None: the next Monday), the hour of the first post of
    a day, and each platform's cadence where the team set one."""

    start: date | None = None
    first_post_hour: int = Field(default=DEFAULT_FIRST_POST_HOUR, ge=0, le=23)
    cadences: list[PlatformCadence] = Field(default_factory=list, max_length=40)


class SlotPlan(Section):
    """What the team chose for one slot of the calendar (None or "": the default)."""

    NATURAL_KEY: ClassVar[bool] = True  # the slot: platform id and number

    id: str = Field(pattern=SLOT_ID)
    pillar_id: str = ""
    format: ContentFormat | None = None
    owner: ShortText = ""
    topic: ShortText = ""


class NetworkContact(Section):
    """A person or community to follow and help before asking anything of them."""

    id: ItemId = Field(default_factory=lambda: new_item_id("n"))
    name: ShortText
    platform: ShortText = ""
    cares_about: ShortText = ""
    give: LongText = ""  # what the team will give them first
    status: NetworkStatus = "to_follow"

    @field_validator("name")
    @classmethod
    def _named(cls, name: str) -> str:
        name = _one_line(name)
        if not name:
            raise ValueError(_("Name the person or community."))
        return name


class ListeningTerms(Section):
    """The words to watch, by what they are about; the brand's own name and handles are
    added from the plan."""

    brand: Terms = Field(default_factory=list)
    products: Terms = Field(default_factory=list)
    competitors: Terms = Field(default_factory=list)
    complaints: Terms = Field(default_factory=list)
    questions: Terms = Field(default_factory=list)
    exclude: Terms = Field(default_factory=list)

    @field_validator("brand", "products", "competitors", "complaints", "questions", "exclude")
    @classmethod
    def _terms(cls, terms: list[str]) -> list[str]:
        cleaned = [_one_line(term) for term in terms]
        return list(dict.fromkeys(term for term in cleaned if term))


# -- engagement ------------------------------------------------------------------------------


class ResponseRule(Section):
    """The team's choices for one kind of message; None: the playbook's default."""

    ITEM_KEY: ClassVar[str] = "message_type"
    NATURAL_KEY: ClassVar[bool] = True

    message_type: MessageType
    department: Department | None = None
    handling: Handling | None = None
    target_hours: float | None = Field(default=None, ge=MIN_TARGET_HOURS,
                                       le=MAX_TARGET_HOURS, allow_inf_nan=False)
    tone: ShortText | None = None
    escalation: LongText | None = None
    template: LongText | None = None


class MessageShares(Section):
    """The share of incoming messages of each kind, % (the toolkit's guess until the team
    counts its own)."""

    question: Percent = Field(default_factory=lambda: figure("message_share_question"))
    complaint: Percent = Field(default_factory=lambda: figure("message_share_complaint"))
    praise: Percent = Field(default_factory=lambda: figure("message_share_praise"))
    sales_lead: Percent = Field(default_factory=lambda: figure("message_share_sales_lead"))
    outage: Percent = Field(default_factory=lambda: figure("message_share_outage"))
    troll: Percent = Field(default_factory=lambda: figure("message_share_troll"))
    spam: Percent = Field(default_factory=lambda: figure("message_share_spam"))
    press: Percent = Field(default_factory=lambda: figure("message_share_press"))
    crisis: Percent = Field(default_factory=lambda: figure("message_share_crisis"))

    def as_dict(self) -> dict[str, float]:
        return {kind: getattr(self, kind) for kind in MESSAGE_TYPES}

    @model_validator(mode="after")
    def _fit(self) -> MessageShares:
        _shares_fit(self.as_dict())
        return self


class DepartmentStaff(Section):
    """People and hours a week one department gives answering on social media (None: the
    planning step's people and hours for the department)."""

    ITEM_KEY: ClassVar[str] = "department"
    NATURAL_KEY: ClassVar[bool] = True

    department: Department
    people: int | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    hours_per_week: float | None = Field(default=None, ge=0, le=HOURS_IN_A_WEEK * MAX_PEOPLE,
                                         allow_inf_nan=False)

    @model_validator(mode="after")
    def _hours_need_people(self) -> DepartmentStaff:
        if self.people is not None and self.hours_per_week is not None:
            check_people_and_hours(self.people, self.hours_per_week)
        return self


class StaffingInputs(Section):
    """What answering costs: the kinds of messages, the departments' own hours for it, and
    the watch (how many hours a day, days a week someone looks, and what a look costs)."""

    shares: MessageShares = Field(default_factory=MessageShares)
    departments: list[DepartmentStaff] = Field(default_factory=list, max_length=20)
    coverage_hours_per_day: float = Field(
        default_factory=lambda: figure("coverage_hours_per_day"), gt=0, le=24,
        allow_inf_nan=False)
    coverage_days_per_week: int = Field(
        default_factory=lambda: int(figure("coverage_days_per_week")), ge=1, le=7)
    minutes_per_check: float = Field(default_factory=lambda: figure("minutes_per_check"),
                                     ge=0, le=MAX_MINUTES_PER_CHECK, allow_inf_nan=False)

    @model_validator(mode="after")
    def _one_line_per_department(self) -> StaffingInputs:
        names = [d.department for d in self.departments]
        if len(names) != len(set(names)):
            raise ValueError(_("A department is listed twice."))
        return self


class AutomationShares(Section):
    """The share of posts scheduled ahead (written by a person), of posts published
    automatically (canned, recycled, fed), and of replies sent by a bot or an auto-reply;
    and the most automation the team will accept (its assumption)."""

    scheduled_posts_percent: Percent = 0.0
    automated_posts_percent: Percent = 0.0
    automated_replies_percent: Percent = 0.0
    max_automated_percent: Percent = Field(default_factory=lambda: figure(
        "max_automated_percent"))

    @model_validator(mode="after")
    def _fit(self) -> AutomationShares:
        _shares_fit({"scheduled": self.scheduled_posts_percent,
                     "automated": self.automated_posts_percent})
        return self


Level = Annotated[int, Field(ge=0, le=TRIAGE_LEVEL_MAX)]


class Incident(Section):
    """A mishap the team rates to practise triage: reach, sentiment, business impact and
    legal risk, 0 (none) to 3 (high) each."""

    description: LongText = ""
    reach: Level = 0
    sentiment: Level = 0
    impact: Level = 0
    legal: Level = 0


# -- policy ----------------------------------------------------------------------------------


class PolicyText(Section):
    """The team's text for one part of the policy (a part not listed keeps the default)."""

    ITEM_KEY: ClassVar[str] = "part"
    NATURAL_KEY: ClassVar[bool] = True

    part: PolicyPart
    text: str = Field(max_length=POLICY_TEXT_MAX_CHARS)


def _no_secret(value):
    """``value`` unchanged, or ValueError when it looks like a secret; run before any other
    rule (a long key would otherwise be refused for its length, and the person not told)."""
    return refuse_secret(value) if isinstance(value, str) else value


class Account(Section):
    """One official account: where it is, who owns it, how it is protected. Never its
    password: every text is refused when it looks like a secret (see ``inventory``).

    ``login_kept_in`` says where the login is kept (a password manager's vault);
    ``shared_login`` that several people use one login instead of their own access.
    """

    NATURAL_KEY: ClassVar[bool] = True  # a platform's id (seeded) or a fresh one

    id: ItemId = Field(default_factory=lambda: new_item_id("acct"))
    platform: ShortText
    handle: ShortText = ""
    url: str = Field(default="", max_length=300)
    owner: ShortText = ""
    backup_owner: ShortText = ""
    two_factor: bool = False
    last_credential_change: date | None = None
    access: list[ShortText] = Field(default_factory=list, max_length=MAX_PEOPLE_LISTED)
    shared_login: bool = False
    login_kept_in: ShortText = ""
    status: AccountStatus = "active"

    @field_validator("platform", "handle", "url", "owner", "backup_owner", "login_kept_in",
                     mode="before")
    @classmethod
    def _no_secret_text(cls, value):
        return _no_secret(value.strip()) if isinstance(value, str) else value

    @field_validator("access", mode="before")
    @classmethod
    def _no_secret_people(cls, people):
        if isinstance(people, list):
            for person in people:
                _no_secret(person)
        return people

    @field_validator("platform")
    @classmethod
    def _platform(cls, platform: str) -> str:
        platform = _one_line(platform)
        if not platform:
            raise ValueError(_("Every account needs its platform."))
        return platform

    @field_validator("access")
    @classmethod
    def _people(cls, people: list[str]) -> list[str]:
        cleaned = [_one_line(person) for person in people]
        return list(dict.fromkeys(person for person in cleaned if person))


# -- the section -----------------------------------------------------------------------------


class EngagementSection(Section):
    """The engagement and policy step of the Plan."""

    REFERENCES: ClassVar[tuple[Reference, ...]] = (
        Reference(source="slots", field="pillar_id", target="pillars"),)

    pillars: list[Pillar] = Field(default_factory=list, max_length=MAX_PILLARS)
    mix: ContentMix = Field(default_factory=ContentMix)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    slots: list[SlotPlan] = Field(default_factory=list, max_length=1400)
    network: list[NetworkContact] = Field(default_factory=list, max_length=MAX_CONTACTS)
    listening: ListeningTerms = Field(default_factory=ListeningTerms)
    responses: list[ResponseRule] = Field(default_factory=list, max_length=len(MESSAGE_TYPES))
    staffing: StaffingInputs = Field(default_factory=StaffingInputs)
    automation: AutomationShares = Field(default_factory=AutomationShares)
    incident: Incident = Field(default_factory=Incident)
    policy: list[PolicyText] = Field(default_factory=list, max_length=len(POLICY_PARTS))
    accounts: list[Account] = Field(default_factory=list, max_length=MAX_ACCOUNTS)
    people_left: list[ShortText] = Field(default_factory=list, max_length=MAX_PEOPLE_LISTED)
    credential_max_age_days: int = Field(
        default_factory=lambda: int(figure("credential_max_age_days")), ge=1, le=3650)

    @field_validator("people_left", mode="before")
    @classmethod
    def _no_secret_people(cls, people):
        if isinstance(people, list):
            for person in people:
                _no_secret(person)
        return people

    @field_validator("people_left")
    @classmethod
    def _people_left(cls, people: list[str]) -> list[str]:
        cleaned = [_one_line(person) for person in people]
        return list(dict.fromkeys(person for person in cleaned if person))

    @model_validator(mode="after")
    def _keys_unique(self) -> EngagementSection:
        for field in ("pillars", "slots", "network", "accounts"):
            ids = [item.id for item in getattr(self, field)]
            if len(ids) != len(set(ids)):
                raise ValueError(_("Two items of {field} have the same id; ids must differ.")
                                 .format(field=field))
        for field, key in (("responses", "message_type"), ("policy", "part")):
            keys = [getattr(item, key) for item in getattr(self, field)]
            if len(keys) != len(set(keys)):
                raise ValueError(_("An item of {field} is listed twice.").format(field=field))
        cadences = [c.id for c in self.calendar.cadences]
        if len(cadences) != len(set(cadences)):
            raise ValueError(_("A platform is listed twice in the calendar."))
        return self

    @classmethod
    def dangling_reference_message(cls, reference: Reference, item: BaseModel,
                                   target: str) -> str:
        return _("A calendar slot names a pillar that is not in the plan ('{target}'); "
                 "choose another pillar for it.").format(target=target)
