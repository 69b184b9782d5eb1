"""The engagement app's tables and documents as HTML: every text a team typed is escaped,
every number written the team's way.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import quote

from babel.dates import format_datetime

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.steps.engagement.calendar import Slot
from socialplaybook.steps.engagement.listening import Query
from socialplaybook.steps.engagement.playbook import PlaybookRow, hours_text
from socialplaybook.steps.engagement.staffing import DepartmentLoad, TargetCost
from socialplaybook.steps.engagement.triage import Example, TriageResult, tier_labels, tier_of
from socialplaybook.steps.engagement.vocabulary import (
    handling_labels,
    message_type_labels,
    value_kind_labels,
)
from socialplaybook.steps.planning.vocabulary import department_labels
from socialplaybook.steps.platforms.vocabulary import format_labels
from widgets.kit.card import tag_html
from widgets.kit.messages import checks_html
from widgets.kpis.views import COPY_BUTTON

_E = html.escape


def origin_tag(origin: str) -> str:
    """Where a value comes from, as a small tag (nothing for the team's own)."""
    labels = {"raci": _("from RACI"), "default": _("toolkit's default"),
              "cited": _("cited"), "team": _("yours")}
    kinds = {"team": "team", "default": "nodata"}
    return tag_html(labels[origin], kinds.get(origin, "")) if origin in labels else ""


def download_link(label: str, filename: str, text: str, mime: str = "text/csv") -> str:
    """A link that downloads ``text`` as ``filename`` (a data: URL; nothing leaves the page)."""
    return (f'<a class="sp-kp-download" download="{_E(filename)}" '
            f'href="data:{mime};charset=utf-8,{quote(text, safe="")}">{_E(label)}</a>')


def slots_html(slots: Sequence[Slot], locale: str) -> str:
    """The calendar as a table, week by week: when, platform, pillar, format, owner, topic."""
    if not slots:
        note = _("No slots yet: choose platforms in step 3.")
        return f'<div class="sp-card-note">{_E(note)}</div>'
    formats, kinds = format_labels(), value_kind_labels()
    head = "".join(f"<th>{_E(t)}</th>" for t in (
        _("When"), _("Platform"), _("Pillar"), _("Format"), _("Owner"), _("Topic")))
    body = []
    week = 0
    for slot in sorted(slots, key=lambda s: (s.when, s.platform)):
        if slot.week != week:
            week = slot.week
            body.append(f'<tr class="sp-en-week"><td colspan="6">'
                        f'{_E(_("Week {n}").format(n=week))}</td></tr>')
        def mine(field: str, slot: Slot = slot) -> str:
            return tag_html(_("yours"), "team") if field in slot.chosen else ""

        pillar = (f"{_E(slot.pillar.name)} <span class=\"sp-card-note\">"
                  f"{_E(kinds[slot.pillar.kind])}</span>") if slot.pillar else "–"
        body.append(
            f"<tr><td>{_E(when_text(slot.when, locale))}</td>"
            f"<td>{_E(slot.platform)}</td><td>{pillar}{mine('pillar')}</td>"
            f"<td>{_E(formats.get(slot.format or '', '–'))}{mine('format')}</td>"
            f"<td>{_E(slot.owner or '–')}{mine('owner')}</td>"
            f"<td>{_E(slot.topic or '–')}</td></tr>")
    label = _E(_("The calendar"), quote=True)
    return (f'<div class="sp-en-scroll sp-en-scroll-y" tabindex="0" role="region" '
            f'aria-label="{label}"><table class="sp-table sp-en-slots">'
            f'<tr>{head}</tr>{"".join(body)}</table></div>')


@functools.lru_cache(maxsize=4096)  # the same slots are drawn again after every edit
def when_text(when, locale: str) -> str:
    """A slot's day and time as the team's language writes them ("Mon 7 Jan, 09:00")."""
    try:
        return format_datetime(when, "EEE d MMM, HH:mm", locale=locale)
    except (ValueError, LookupError):
        return when.strftime("%a %d.%m %H:%M")


def checks_once_html(checks) -> str:
    """The core's checks, each "why" said once (the first check that has it)."""
    seen: set[str] = set()
    shown = []
    for check in checks:
        shown.append(replace(check, why="") if check.why in seen else check)
        seen.add(check.why)
    return checks_html(shown)


def queries_html(queries: Sequence[Query]) -> str:
    """Each listening query in a box to copy from."""
    if not queries:
        note = _("Add words to watch to get queries.")
        return f'<div class="sp-card-note">{_E(note)}</div>'
    items = "".join(
        f'<div class="sp-en-query"><div class="sp-label">{_E(q.label)}</div>'
        f'<input class="sp-kp-link sp-en-query-text" readonly value="{_E(q.text, quote=True)}" '
        f'aria-label="{_E(q.label, quote=True)}">'
        f'{COPY_BUTTON.format(label=_E(_("Copy")))}</div>' for q in queries)
    return f'<div class="sp-en-queries">{items}</div>'


def playbook_html(rows: Sequence[PlaybookRow], locale: str) -> str:
    """The response playbook as a table, each value's origin tagged."""
    types, handlings, departments = message_type_labels(), handling_labels(), department_labels()
    head = "".join(f"<th>{_E(t)}</th>" for t in (
        _("Message"), _("Owner"), _("Handling"), _("First reply within"), _("Tone"),
        _("Escalation"), _("Reply template")))
    body = "".join(
        f"<tr><td><b>{_E(types[r.message_type])}</b></td>"
        f"<td>{_E(departments[r.department])}{origin_tag(r.origin['department'])}</td>"
        f"<td>{_E(handlings[r.handling])}</td>"
        f"<td>{_E(hours_text(r.target_hours, locale)) if r.target_hours else '–'}"
        f"{origin_tag(r.origin['target']) if r.target_hours else ''}</td>"
        f"<td>{_E(r.tone)}</td><td>{_E(r.escalation)}</td><td>{_E(r.template)}</td></tr>"
        for r in rows)
    label = _E(_("Response playbook"), quote=True)
    return (f'<div class="sp-en-scroll" tabindex="0" role="region" aria-label="{label}">'
            f'<table class="sp-table sp-en-playbook"><tr>{head}</tr>{body}</table></div>')


def loads_html(loads: Sequence[DepartmentLoad], locale: str) -> str:
    """Hours a week of answering per department, against what it has."""
    if not loads:
        return ""
    departments = department_labels()
    sources = {"engagement": _("entered here"), "planning": _("from planning"), "": "–"}

    def number(value: float | None, decimals: int = 1) -> str:
        return "–" if value is None else format_rounded(value, locale=locale,
                                                       max_decimals=decimals)

    head = "".join(f'<th class="{c}">{_E(t)}</th>' for t, c in (
        (_("Department"), ""), (_("Messages a week"), "sp-num"),
        (_("Hours needed a week"), "sp-num"), (_("People"), "sp-num"),
        (_("Hours it has"), "sp-num"), (_("From"), "")))
    body = "".join(
        f"<tr><td>{_E(departments[d.department])}</td>"
        f'<td class="sp-num">{number(d.messages_per_week, 0)}</td>'
        f'<td class="sp-num">{number(d.hours_needed)}</td>'
        f'<td class="sp-num">{number(d.people, 0)}</td>'
        f'<td class="sp-num">{number(d.hours_available)}</td>'
        f"<td>{_E(sources[d.source])}</td></tr>" for d in loads)
    return f'<table class="sp-table sp-en-loads"><tr>{head}</tr>{body}</table>'


def costs_html(costs: Sequence[TargetCost], locale: str) -> str:
    """What each response-time target costs in looks at the inboxes."""
    head = "".join(f'<th class="{c}">{_E(t)}</th>' for t, c in (
        (_("Answer within"), ""), (_("Looks a day"), "sp-num"),
        (_("Hours a week for the looks"), "sp-num")))
    body = "".join(
        f"<tr><td>{_E(hours_text(c.target_hours, locale))}</td>"
        f'<td class="sp-num">{c.checks_per_day}</td>'
        f'<td class="sp-num">{_E(format_rounded(c.hours_per_week, locale=locale, max_decimals=1))}'
        "</td></tr>" for c in costs)
    return f'<table class="sp-table sp-en-costs"><tr>{head}</tr>{body}</table>'


def triage_html(result: TriageResult, locale: str) -> str:
    """The tier of the team's incident and what it asks for."""
    departments = department_labels()
    rows = [(_("Owner"), departments.get(result.owner, result.owner)),
            (_("First reply within"), hours_text(result.first_reply_hours, locale)),
            (_("Escalate when"), result.escalate_when),
            (_("A calm first reply"), result.first_reply)]
    items = "".join(f"<tr><th>{_E(k)}</th><td>{_E(v)}</td></tr>" for k, v in rows)
    return (f'<div class="sp-en-tier sp-en-tier-{result.tier}">'
            f"{_E(tier_labels()[result.tier])}</div>"
            f'<table class="sp-table sp-en-triage">{items}</table>')


def examples_html(examples: Sequence[Example]) -> str:
    """The worked example: typical mishaps and their tiers, and how many are tier 1 or 2."""
    tiers = tier_labels()
    rows = "".join(
        f"<tr><td>{_E(e.description)}</td><td>{e.incident.reach}</td>"
        f"<td>{e.incident.sentiment}</td><td>{e.incident.impact}</td><td>{e.incident.legal}"
        f"</td><td>{_E(tiers[tier_of(e.incident)])}</td></tr>" for e in examples)
    low = sum(tier_of(e.incident) <= 2 for e in examples)
    head = "".join(f"<th>{_E(t)}</th>" for t in (
        _("Mishap"), _("Reach"), _("Sentiment"), _("Impact"), _("Legal"), _("Tier")))
    summary = _("{low} of these {n} mishaps are tier 1 or 2: handled by the people who "
                "answer every day, within hours, calmly.").format(low=low, n=len(examples))
    return (f'<table class="sp-table sp-en-examples"><tr>{head}</tr>{rows}</table>'
            f'<div class="sp-card-note sp-en-examples-note">{_E(summary)}</div>')
