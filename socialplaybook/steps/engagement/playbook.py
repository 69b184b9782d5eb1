"""The response playbook: each kind of message -> the department that owns it (by default
from planning's RACI), how it is handled, a target response time against what customers
expect, a tone, an escalation path and a reply template.

Customers expected a reply within about 4 hours (Sprout Social Index 2016, cited in
``datasets/engagement_defaults.csv``): the default target for questions, complaints and
sales leads, and the expectation every target is checked against. The other defaults are
the toolkit's judgement, marked as such.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import error as _error
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.steps.engagement.defaults import figure
from socialplaybook.steps.engagement.section import EngagementSection, ResponseRule
from socialplaybook.steps.engagement.vocabulary import MESSAGE_TYPES, listed, message_type_labels
from socialplaybook.steps.planning.vocabulary import MARKETING, department_labels

# Which RACI activity answers each kind of message, and the department when RACI names none.
RACI_ACTIVITY = {"question": "questions", "complaint": "complaints", "praise": "publishing",
                 "sales_lead": "sales", "outage": "complaints", "troll": "listening",
                 "spam": "listening", "press": "crisis", "crisis": "crisis"}
FALLBACK_DEPARTMENT = {"question": "customer_service", "complaint": "customer_service",
                       "praise": "marketing", "sales_lead": "sales", "outage": "product",
                       "troll": "marketing", "spam": "marketing", "press": "pr",
                       "crisis": "pr"}
# Kinds answered beyond marketing when RACI allows (seed 000: bring service, sales, billing
# and production in; seed 001: marketing is good at messages, not at answers).
_BEYOND_MARKETING = ("question", "complaint", "sales_lead", "outage")
EXPECTATION_KINDS = ("question", "complaint", "sales_lead")


def default_handling(kind: str) -> str:
    """Reply, watch or hide: trolls are watched (not fed), spam hidden."""
    return {"troll": "monitor", "spam": "hide"}.get(kind, "reply")


def default_target_hours(kind: str) -> float | None:
    """The default time to a first reply (None for what is not answered)."""
    if kind in EXPECTATION_KINDS:
        return figure("response_expectation_hours")
    if kind in ("troll", "spam"):
        return None
    return figure(f"target_hours_{kind}")


def default_texts() -> dict[str, tuple[str, str, str]]:
    """Each kind's default tone, escalation path and reply template."""
    return {
        "question": (_("Friendly and helpful"),
                     _("If the answer needs an account or an order: move to a private "
                       "message. Unsure: ask the product team, say when you will be back."),
                     _("Thanks for asking! [answer]. If anything is unclear, just reply "
                       "here.")),
        "complaint": (_("Calm, sorry, specific"),
                      _("Public thanks and apology, then a private message to fix it. Not "
                        "solved in a day, or several people say the same: the complaint "
                        "owner's lead (triage tier 2)."),
                      _("We're sorry this happened. We want to put it right: we've sent you "
                        "a private message so we can sort out the details.")),
        "praise": (_("Warm and personal"), _("None: thank them, and share it if they agree."),
                   _("Thank you, that made our day! We'll pass it on to the team.")),
        "sales_lead": (_("Helpful, no pressure"),
                       _("Hand over to sales the same day with the conversation; sales "
                         "replies in the thread that they have."),
                       _("Great question! One of our team will message you today with the "
                         "details.")),
        "outage": (_("Honest, with a time for the next update"),
                   _("Tell the product team at once; many reports, or payments or safety "
                     "affected: triage tier 3."),
                   _("We know about the problem with [what] and are working on it. Next "
                     "update here by [time].")),
        "troll": (_("Do not feed it"),
                  _("Watch it; a threat, harassment or hate speech: report it to the "
                    "platform and to the owner of a crisis."),
                  _("(No reply. If facts are wrong, correct them once, calmly, for the "
                    "readers.)")),
        "spam": (_("None"), _("Hide or report; never click its links."), _("(No reply.)")),
        "press": (_("Factual"),
                  _("PR answers every journalist; nobody else comments on the record."),
                  _("Thanks for getting in touch. Our press contact [name] will get back "
                    "to you today: [contact].")),
        "crisis": (_("Calm, human, no blame"),
                   _("Triage it: tier 3 and 4 go to the crisis owner and leadership at "
                     "once."),
                   _("We're aware of [what] and are taking it seriously. We're looking into "
                     "it now and will update here by [time].")),
    }


def default_department(kind: str, raci) -> tuple[str, str]:
    """The department owning ``kind`` by planning's RACI, and "raci"; else the toolkit's
    ("default"). For answers beyond marketing, a Responsible other than marketing first."""
    activity = RACI_ACTIVITY[kind]
    if raci is not None:
        responsible = raci.departments_with(activity, "R")
        if kind in _BEYOND_MARKETING:
            responsible = ([d for d in responsible if d != MARKETING]
                           or responsible)
        if responsible:
            return responsible[0], "raci"
        accountable = raci.departments_with(activity, "A")
        if accountable:
            return accountable[0], "raci"
    return FALLBACK_DEPARTMENT[kind], "default"


@dataclass(frozen=True)
class PlaybookRow:
    """One kind of message, every value resolved: ``origin`` says for each of department,
    handling, target, tone, escalation and template "team", "raci", "cited" or "default"."""

    message_type: str
    department: str
    handling: str
    target_hours: float | None
    tone: str
    escalation: str
    template: str
    origin: dict[str, str]


def playbook_rows(section: EngagementSection, raci=None) -> list[PlaybookRow]:
    """The playbook, one row per kind of message, the team's choices over the defaults."""
    own = {r.message_type: r for r in section.responses}
    texts = default_texts()
    rows = []
    for kind in MESSAGE_TYPES:
        rule = own.get(kind) or ResponseRule(message_type=kind)
        department, department_origin = default_department(kind, raci)
        tone, escalation, template = texts[kind]
        handling = rule.handling or default_handling(kind)
        target = rule.target_hours if rule.target_hours is not None else (
            default_target_hours(kind) if handling == "reply" else None)
        target_origin = "team" if rule.target_hours is not None else (
            "cited" if kind in EXPECTATION_KINDS else "default")
        rows.append(PlaybookRow(
            kind, rule.department or department, handling, target,
            rule.tone if rule.tone is not None else tone,
            rule.escalation if rule.escalation is not None else escalation,
            rule.template if rule.template is not None else template,
            {"department": "team" if rule.department else department_origin,
             "handling": "team" if rule.handling else "default", "target": target_origin,
             "tone": "team" if rule.tone is not None else "default",
             "escalation": "team" if rule.escalation is not None else "default",
             "template": "team" if rule.template is not None else "default"}))
    return rows


def with_rule(section: EngagementSection, rule: ResponseRule) -> EngagementSection:
    """The section with ``rule`` in place of its kind's (dropped when it sets nothing)."""
    empty = all(getattr(rule, name) is None for name in
                ("department", "handling", "target_hours", "tone", "escalation", "template"))
    rules = [r for r in section.responses if r.message_type != rule.message_type]
    if not empty:
        rules.append(rule)
    order = {kind: n for n, kind in enumerate(MESSAGE_TYPES)}
    return section.model_copy(update={"responses": sorted(rules,
                                                          key=lambda r: order[r.message_type])})


def hours_text(hours: float, locale: str = "en") -> str:
    """A response time as read: "15 min", "4 h", "1.5 h"."""
    if hours < 1:
        return _("{n} min").format(n=format_rounded(hours * 60, locale=locale, max_decimals=0))
    return _("{n} h").format(n=format_rounded(hours, locale=locale, max_decimals=1))


def department_message(department: str, people: Mapping[str, int | None]) -> str | None:
    """Why ``department`` cannot own a kind of message (it has no people), or None.

    ``people`` maps departments to their people where known (None or missing: unknown).
    """
    count = people.get(department)
    if count == 0:
        return _("{department} has no people (see Staffing, or planning's resources): give "
                 "the messages to a department with people, or add people there first.").format(
            department=department_labels()[department])
    return None


def playbook_checks(rows: Sequence[PlaybookRow], people: Mapping[str, int | None],
                    locale: str = "en") -> list[Check]:
    """Targets against customers' expectation, answers beyond marketing, owners with people."""
    expectation = figure("response_expectation_hours")
    labels, departments = message_type_labels(), department_labels()
    checks = []
    why = _("Customers expected a reply within about {hours} and brands took about {brands} "
            "(Sprout Social Index 2016); ignored, a third went to a competitor.").format(
        hours=hours_text(expectation, locale),
        brands=hours_text(figure("brand_average_response_hours"), locale))
    slow = [r for r in rows if r.message_type in EXPECTATION_KINDS and r.handling == "reply"
            and r.target_hours is not None and r.target_hours > expectation]
    unanswered = [r for r in rows if r.message_type in EXPECTATION_KINDS
                  and r.handling != "reply"]
    if slow or unanswered:
        parts = [_("{kind} in {hours}").format(kind=labels[r.message_type],
                                               hours=hours_text(r.target_hours, locale))
                 for r in slow]
        parts += [_("{kind} not answered").format(kind=labels[r.message_type])
                  for r in unanswered]
        checks.append(_warning("playbook.expectation", _(
            "Slower than customers expect ({hours}): {list}.").format(
                hours=hours_text(expectation, locale), list=listed(parts)), why))
    else:
        checks.append(_ok("playbook.expectation", _(
            "Questions, complaints and sales leads are answered within {hours}.").format(
                hours=hours_text(expectation, locale)), why))
    why_beyond = _("Marketing is good at messages, not at answers: service, PR and sales "
                   "must answer too (seed 001).")
    only_marketing = all(r.department == MARKETING for r in rows
                         if r.message_type in _BEYOND_MARKETING)
    if only_marketing:
        checks.append(_warning("playbook.beyond_marketing", _(
            "Marketing answers questions, complaints, leads and outages alone: give them to "
            "service, sales and product."), why_beyond))
    else:
        checks.append(_ok("playbook.beyond_marketing", _(
            "Answers go beyond marketing."), why_beyond))
    empty = sorted({r.department for r in rows if department_message(r.department, people)})
    if empty:
        checks.append(_error("playbook.people", _(
            "Messages go to departments with no people: {list}.").format(
                list=listed(departments[d] for d in empty)),
            _("A message sent to nobody is a message ignored.")))
    return checks
