"""Crisis triage: an incident rated on reach, sentiment, business impact and legal risk
(0-3 each) gives a tier with an owner, a time to the first reply and what escalates it; a
worked example shows that most mishaps are tier 1 or 2, and what a calm first reply says.

Seeds 001/002: mishaps are rarely disasters (most of the famous ones had no effect on
sales, share price or profit); fixing the mistake in public builds trust. The tiers follow
the US Air Force's web posting assessment (let positive posts stand, monitor trolls and
rants, correct the misguided, fix the unhappy customer's problem) with escalation by owner
and time. The scores, floors and times are the toolkit's judgement, stated here.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialplaybook.rules.i18n import _
from socialplaybook.steps.engagement.defaults import figure
from socialplaybook.steps.engagement.section import Incident
from socialplaybook.steps.planning.vocabulary import department_labels

TIERS = (1, 2, 3, 4)
# The sum of the four ratings (0-12) up to which each tier holds.
TIER_LIMITS = ((3, 1), (6, 2), (9, 3), (12, 4))


def tier_of(incident: Incident) -> int:
    """The tier (1-4) of an incident: by the sum of its ratings (up to 3: tier 1, 6: 2, 9:
    3, else 4), raised to at least 3 by a high legal risk, a high business impact, or a
    high reach with anger, and to at least 2 by a medium legal risk."""
    total = incident.reach + incident.sentiment + incident.impact + incident.legal
    tier = next(t for limit, t in TIER_LIMITS if total <= limit)
    if incident.legal == 3 or incident.impact == 3 or (
            incident.reach == 3 and incident.sentiment >= 2):
        tier = max(tier, 3)
    if incident.legal >= 2:
        tier = max(tier, 2)
    return tier


def tier_labels() -> dict[int, str]:
    return {1: _("Tier 1: routine"), 2: _("Tier 2: an issue"), 3: _("Tier 3: serious"),
            4: _("Tier 4: crisis")}


@dataclass(frozen=True)
class TriageResult:
    """What a tier asks for: the owning department, hours to the first reply, what moves it
    up a tier, and a calm first reply."""

    tier: int
    owner: str
    first_reply_hours: float
    escalate_when: str
    first_reply: str


def _owner(tier: int, raci, complaint_owner: str) -> str:
    if tier == 1:
        return complaint_owner
    activity, letter, fallback = {2: ("complaints", "A", complaint_owner),
                                  3: ("crisis", "R", "pr"),
                                  4: ("crisis", "A", "leadership")}[tier]
    if raci is not None:
        found = raci.departments_with(activity, letter)
        if found:
            return found[0]
    return fallback


def escalation_texts() -> dict[int, str]:
    return {
        1: _("It is shared beyond the person, or a second customer says the same: tier 2."),
        2: _("The press asks, a lawyer writes, personal data is involved, or it keeps "
             "spreading after your answer: tier 3."),
        3: _("Sales, safety or the whole business is at stake, or a regulator is involved: "
             "tier 4, leadership decides."),
        4: _("Leadership decides; update every hour until it is resolved, then say what "
             "changed."),
    }


def first_reply(tier: int) -> str:
    """A calm first reply for the tier: own it, say what happens next and by when, move
    the details to a private channel; never argue or blame."""
    if tier <= 2:
        return _("We're sorry, we got this wrong. We're putting it right and have sent you a "
                 "private message for the details; we'll update here by [time].")
    return _("We know about [what happened] and are taking it seriously. We're looking into "
             "it now and will update here by [time]. If you are affected, message us "
             "directly so we can help.")


def triage(incident: Incident, raci=None, complaint_owner: str = "customer_service",
           complaint_hours: float | None = None) -> TriageResult:
    """The tier of ``incident`` and what it asks for. ``complaint_owner`` and
    ``complaint_hours`` are the playbook's for complaints (a tier-1 incident is one)."""
    tier = tier_of(incident)
    hours = (complaint_hours if complaint_hours is not None
             else figure("response_expectation_hours")) if tier == 1 else figure(
        f"triage_hours_tier_{tier}")
    return TriageResult(tier, _owner(tier, raci, complaint_owner), hours,
                        escalation_texts()[tier], first_reply(tier))


@dataclass(frozen=True)
class Example:
    """A mishap of the worked example, rated."""

    description: str
    incident: Incident


def worked_example() -> list[Example]:
    """Nine typical mishaps, rated by the toolkit: six are tier 1 or 2."""
    rated = [
        (_("A customer says their coffee was cold"), (0, 1, 1, 0)),
        (_("A troll repeats insults under every post"), (1, 1, 0, 0)),
        (_("A typo puts the wrong price in a post"), (1, 1, 1, 1)),
        (_("An unhappy review thread is shared by a few friends"), (1, 2, 1, 0)),
        (_("A scheduled joke goes out on a day of national mourning"), (2, 2, 1, 0)),
        (_("Deliveries are late for many customers, complaints pile up"), (2, 2, 2, 0)),
        (_("A staff member's rude reply is screenshotted and goes viral"), (3, 2, 1, 0)),
        (_("A reply shows a customer's order number and address"), (1, 2, 1, 3)),
        (_("A product may be unsafe and is being recalled"), (3, 3, 3, 2)),
    ]
    return [Example(text, Incident(description=text, reach=r, sentiment=s, impact=i, legal=legal))
            for text, (r, s, i, legal) in rated]


def owner_label(department: str) -> str:
    return department_labels().get(department, department)
