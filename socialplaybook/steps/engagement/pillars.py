"""Content pillars: 3-5 themes the audience cares about, each tied to a segment's need and a
goal; and network first (people to help before asking anything of them).
"""

from __future__ import annotations

from collections.abc import Sequence

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.steps.engagement.inputs import EngagementInputs
from socialplaybook.steps.engagement.section import NetworkContact, Pillar
from socialplaybook.steps.engagement.vocabulary import (
    GIVING_KINDS,
    PILLARS_MAX,
    PILLARS_MIN,
    listed,
)


def pillar_checks(pillars: Sequence[Pillar], inputs: EngagementInputs) -> list[Check]:
    """The pillar set's checks: how many, each tied to a segment's need and a goal that are
    still in planning, not all about the company, no name twice."""
    why_count = _("A few themes the audience cares about keep posts focused and recognisable; "
                  "more than five spreads a small team thin.")
    checks: list[Check] = []
    n = len(pillars)
    if n == 0:
        return [_todo("pillars.count", _("Add {lo} to {hi} pillars: themes your audience "
                                         "cares about.").format(lo=PILLARS_MIN, hi=PILLARS_MAX),
                      why_count)]
    if n < PILLARS_MIN:
        checks.append(_todo("pillars.count", ngettext(
            "{n} pillar so far: add at least {lo}.", "{n} pillars so far: add at least {lo}.",
            n).format(n=n, lo=PILLARS_MIN), why_count))
    elif n > PILLARS_MAX:
        checks.append(_warning("pillars.count", _("{n} pillars: keep {lo} to {hi}.").format(
            n=n, lo=PILLARS_MIN, hi=PILLARS_MAX), why_count))
    else:
        checks.append(_ok("pillars.count", ngettext("{n} pillar.", "{n} pillars.", n).format(
            n=n), why_count))

    why_tied = _("It is not all about you (seed 000): each theme answers a need of a segment "
                 "you serve and moves a goal, or it is noise.")
    segments = {s.id for s in inputs.segments}
    goals = {gid for gid, _label in inputs.goals}
    loose = []
    for pillar in pillars:
        missing = []
        if pillar.segment_id not in segments:
            missing.append(_("a segment"))
        if not pillar.need.strip():
            missing.append(_("the need it answers"))
        if pillar.goal_id not in goals:
            missing.append(_("a goal"))
        if missing:
            loose.append(_("{pillar} ({missing})").format(pillar=pillar.name,
                                                           missing=listed(missing)))
    if loose:
        checks.append(_warning("pillars.tied", _("Not yet tied to the plan: {list}.").format(
            list="; ".join(loose)), why_tied))
    else:
        checks.append(_ok("pillars.tied", _("Every pillar answers a segment's need and serves "
                                            "a goal."), why_tied))

    why_value = _("Give value: every post should give the audience something (seed 003).")
    if all(p.kind not in GIVING_KINDS for p in pillars):
        checks.append(_warning("pillars.value", _("Every pillar is about the company: add "
                                                  "themes that help, teach or entertain."),
                               why_value))
    names = [p.name.casefold() for p in pillars]
    twice = sorted({p.name for p in pillars if names.count(p.name.casefold()) > 1})
    if twice:
        checks.append(_warning("pillars.names", _("Two pillars share a name: {names}.").format(
            names=listed(twice)), _("Each pillar is a distinct theme.")))
    return checks


def network_checks(contacts: Sequence[NetworkContact]) -> list[Check]:
    """Network first: some people or communities to help, each with what the team gives."""
    why = _("Network first: thousands of random followers bring nothing; help prospects, "
            "peers and communities with something of value before asking (seed 000).")
    if not contacts:
        return [_todo("network", _("Name a few people or communities to follow and help "
                                   "first."), why)]
    empty = [c.name for c in contacts if not c.give.strip()]
    if empty:
        return [_warning("network", _("Say what you will give first to: {names}.").format(
            names=listed(empty)), why)]
    return [_ok("network", ngettext("{n} contact, each with what you will give first.",
                                    "{n} contacts, each with what you will give first.",
                                    len(contacts)).format(n=len(contacts)), why)]
