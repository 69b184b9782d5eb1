"""Who answers: the RACI checks (not marketing alone)."""

from __future__ import annotations

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import error as _error
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.steps.planning.section import RACI
from socialplaybook.steps.planning.vocabulary import (
    ACTIVITIES,
    DEPARTMENTS,
    MARKETING,
    activity_labels,
    department_labels,
)


def raci_checks(raci: RACI) -> list[Check]:
    """The RACI checks, in order: one Accountable each, questions and complaints answered
    beyond marketing, some department beyond marketing Responsible."""
    activities, departments = activity_labels(), department_labels()
    checks = []

    key = "raci.one_accountable"
    why = _("One Accountable per activity: when two departments own it nobody does, and "
            "when none does it is not done.")
    none = [a for a in ACTIVITIES if not raci.departments_with(a, "A")]
    several = [a for a in ACTIVITIES if len(raci.departments_with(a, "A")) > 1]
    if several:
        checks.append(_error(key, _("More than one Accountable (A) for: {list}. Keep one.")
                             .format(list=list_text(activities[a] for a in several)), why))
    elif none:
        checks.append(_warning(key, _("No Accountable (A) yet for: {list}.").format(
            list=list_text(activities[a] for a in none)), why))
    else:
        checks.append(_ok(key, _("Every activity has exactly one Accountable."), why))

    why = _("Social media is a communication channel, not only a marketing one: questions "
            "and complaints come first, and marketing alone cannot answer them.")
    for activity in ("questions", "complaints"):
        key = f"raci.{activity}_beyond_marketing"
        responsible = raci.departments_with(activity, "R")
        others = [d for d in responsible if d != MARKETING]
        if others:
            checks.append(_ok(key, _("{activity}: {departments} responsible.").format(
                activity=activities[activity],
                departments=list_text(departments[d] for d in others)), why))
        elif responsible:
            checks.append(_warning(key, _("{activity}: only marketing is responsible. Make "
                                          "customer service, sales or another department "
                                          "Responsible (R) too.").format(
                activity=activities[activity]), why))
        else:
            checks.append(_warning(key, _("{activity}: nobody is Responsible (R) yet; mark a "
                                          "department beyond marketing.").format(
                activity=activities[activity]), why))

    key = "raci.beyond_marketing"
    why = _("Customer service, sales and PR deal with customers every day; social media run "
            "by marketing alone leaves them out.")
    beyond = [d for d in DEPARTMENTS if d != MARKETING
              and any(raci.letter(a, d) == "R" for a in ACTIVITIES)]
    if beyond:
        checks.append(_ok(key, _("Responsible beyond marketing: {departments}.").format(
            departments=list_text(departments[d] for d in beyond)), why))
    else:
        checks.append(_warning(key, _("No department beyond marketing is Responsible (R) for "
                                      "anything yet."), why))
    return checks
