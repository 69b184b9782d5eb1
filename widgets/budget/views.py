"""The budget's numbers as HTML tables and bars.
"""

from __future__ import annotations

import html

import scipy.optimize  # noqa: F401 - the solver loads while the kernel is preheated

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_money, format_number, format_percent
from socialplaybook.steps.budget.limits import (
    cost_item_labels,
)
from socialplaybook.steps.budget.lines import PlatformLine
from socialplaybook.steps.budget.outcomes import format_significant, money_step
from socialplaybook.steps.budget.view import BudgetView
from widgets.budget.form import _number
from widgets.kit.messages import message_html

# -- HTML and SVG views of the core's numbers ------------------------------------------------------


def headline_html(view: BudgetView, currency: str, locale: str) -> str:
    """The total cost of social a month with staff time, and its parts."""
    costs = view.costs
    labels = cost_item_labels()
    tools = sum(costs.activities.values())
    staff = (_("staff {hours} h a week: {cost}").format(
        hours=_number(costs.staff_hours_per_week, locale, 1),
        cost=format_money(costs.staff, currency, locale)) if costs.staff is not None else
        _("staff {hours} h a week: cost not entered").format(
            hours=_number(costs.staff_hours_per_week, locale, 1)))
    parts = " · ".join([
        _("paid promotion {v}").format(v=format_money(costs.paid, currency, locale)),
        _("tools, production and training {v}").format(v=format_money(tools, currency, locale)),
        staff])
    title = html.escape(_("Total cost of social media a month, staff time included"))
    missing = ""
    if costs.staff is None:
        text = _("Without the cost of the staff hours this total is too low: free is never "
                 "the answer.")
        missing = f'<div class="sp-bu-parts">{html.escape(text)}</div>'
    detail = ", ".join(f"{labels[k]} {format_money(v, currency, locale)}"
                       for k, v in costs.activities.items() if v)
    return (f'<div class="sp-bu-parts">{title}</div>'
            f'<div class="sp-bu-total" data-total="{costs.total:.2f}">'
            f'{html.escape(format_money(costs.total, currency, locale))}'
            f'<small>{html.escape(_("a month"))}</small></div>'
            f'<div class="sp-bu-parts">{html.escape(parts)}</div>'
            + (f'<div class="sp-bu-parts">{html.escape(detail)}</div>' if detail else "")
            + missing)


def money_html(view: BudgetView, currency: str, locale: str) -> str:
    """The month's costs line by line: activities, paid promotion, staff hours, total."""
    costs = view.costs
    labels = cost_item_labels()
    rows = [(labels[k], format_money(v, currency, locale)) for k, v in costs.activities.items()]
    rows.append((_("Paid promotion (tab 4)"), format_money(costs.paid, currency, locale)))
    staff = (format_money(costs.staff, currency, locale) if costs.staff is not None
             else _("not entered"))
    rows.append((_("Staff time: {h} h a week × 52 / 12").format(
        h=_number(costs.staff_hours_per_week, locale, 1)), staff))
    body = "".join(f"<tr><td>{html.escape(a)}</td><td class=sp-num>{html.escape(b)}</td></tr>"
                   for a, b in rows)
    total = (f"<tr><td><b>{html.escape(_('Total a month'))}</b></td><td class=sp-num><b>"
             f"{html.escape(format_money(costs.total, currency, locale))}</b></td></tr>")
    return (f'<table class="sp-table sp-bu-money" style="width:420px"><tbody>{body}{total}'
            "</tbody></table>")


def _percent(share: float, locale: str) -> str:
    """A share as a whole percentage: "85 %", "1.250 %" (de)."""
    return f"{format_number(round(share * 100), locale=locale)} %"


def _bar(share: float | None, over: bool | None = None) -> str:
    """A bar of ``share`` (1.0 = 100 %), marked over when ``over`` (default: above 100 %)."""
    if share is None:
        return ""
    width = min(share, 1.5) / 1.5 * 120
    over = " sp-bu-bar-over" if (share > 1 if over is None else over) else ""
    return f'<span class="sp-bu-bar{over}" style="width:{width:.0f}px"></span>'


def _default_tag(line: PlatformLine, names: tuple[str, ...]) -> str:
    origins = {line.origin.get(n) for n in names}
    if "team" in origins:
        return ""
    if "default" in origins:
        return f'<span class="sp-bu-default">{html.escape(_("toolkit estimate"))}</span>'
    return ""


def time_html(view: BudgetView, locale: str) -> str:
    """Hours a week per platform, and the utilisation of the team and of each owner."""
    if not view.lines:  # the checks under it say so, and where to choose them
        return ""
    head = "".join(f"<th{' class=sp-num' if 0 < i < 5 else ''}>{html.escape(t)}</th>"
                   for i, t in enumerate([_("Platform"), _("Posts a week × minutes"),
                                          _("Messages a week × minutes"), _("Listening h"),
                                          _("Hours a week"), _("Owner")]))
    rows = []
    for line in view.lines:
        v = line.values
        rows.append(
            f'<tr data-platform="{html.escape(line.platform)}">'
            f'<td class="sp-bu-name">{html.escape(line.platform)}</td>'
            f'<td class="sp-num">{_number(v["posts_per_week"], locale, 1)} × '
            f'{_number(v["minutes_per_post"], locale)}'
            f'{_default_tag(line, ("posts_per_week", "minutes_per_post"))}</td>'
            f'<td class="sp-num">{_number(v["messages_per_week"], locale)} × '
            f'{_number(v["minutes_per_answer"], locale)}'
            f'{_default_tag(line, ("messages_per_week", "minutes_per_answer"))}</td>'
            f'<td class="sp-num">{_number(v["listening_hours_per_week"], locale, 1)}</td>'
            f'<td class="sp-num"><b>{_number(line.hours_per_week, locale, 1)}</b></td>'
            f'<td>{html.escape(line.item.owner) or "–"}</td></tr>')
    use = view.use
    people_rows = ""
    for person in use.people:
        people_rows += (
            f"<tr><td>{html.escape(person.owner)}</td><td class=sp-num>{person.accounts}</td>"
            f"<td class=sp-num>{_number(person.hours_per_week, locale, 1)}</td>"
            # the share of the team's hours; the bar is red when more than one person can
            # give (the working week or the team's hours: the check under it says which)
            f"<td>{_bar(person.share, (person.utilisation or 0) > 1)}"
            f"{'–' if person.share is None else _percent(person.share, locale)}"
            "</td></tr>")
    total = use.total
    team = (f'<div class="sp-bu-parts"><b>{html.escape(_("Team utilisation"))}</b>: '
            f'{_bar(total)}{"–" if total is None else _percent(total, locale)} · '
            + html.escape(_("{need} of {have} h a week").format(
                need=_number(use.hours_needed, locale, 1),
                have=_number(use.hours_available, locale, 1))) + "</div>")
    people = ""
    if people_rows:
        people = (
            '<table class="sp-table sp-bu-people" style="width:auto;min-width:520px">'
            "<thead><tr>"
            + "".join(f"<th{' class=sp-num' if i in (1, 2) else ''}>{html.escape(t)}</th>"
                      for i, t in enumerate((_("Owner"), _("Accounts"), _("Hours a week"),
                                             _("Share of the team's hours"))))
            + f"</tr></thead><tbody>{people_rows}</tbody></table>")
    return (f'<table class="sp-table sp-bu-time"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{team}{people}')


def reach_html(view: BudgetView, currency: str, locale: str) -> str:
    """Organic against paid reach a month per platform."""
    if not view.lines:
        return ""
    head = "".join(f"<th{' class=sp-num' if i else ''}>{html.escape(t)}</th>" for i, t in
                   enumerate([_("Platform"), _("Followers"), _("Organic reach rate"),
                              _("Organic a month"), _("CPM ({c})").format(c=currency),
                              _("Paid spend a month"), _("Paid at the CPM"),
                              _("Paid on the curve")]))
    rows = []
    spend = view.allocation.spend if view.allocation.feasible else {}
    for line in view.lines:
        reach = view.reach[line.id]
        v = line.values
        rate = v["organic_reach_percent"]
        rate_text = "–" if rate is None else f"{_number(rate, locale, 1)} %"
        source = ""
        if line.origin["organic_reach_percent"] == "default" and line.defaults:
            cited = html.escape(line.defaults.organic_reach_source or "")
            source = f'<span class="sp-bu-default">{cited}</span>'
        cpm_note = ""
        if line.origin["cpm"] == "default" and "cpm" in line.benchmarks:
            text = _("middle of {benchmark}").format(
                benchmark=line.benchmarks["cpm"].text(locale))
            cpm_note = f'<span class="sp-bu-default">{html.escape(text)}</span>'
        rows.append(
            f'<tr data-platform="{html.escape(line.platform)}">'
            f'<td class="sp-bu-name">{html.escape(line.platform)}</td>'
            f'<td class="sp-num">{_number(line.item.followers, locale)}</td>'
            f'<td class="sp-num">{rate_text}{source}</td>'
            f'<td class="sp-num">{_number(reach.organic, locale)}</td>'
            f'<td class="sp-num">{_number(v["cpm"], locale, 2)}{cpm_note}</td>'
            f'<td class="sp-num">{_number(spend.get(line.id, line.item.current_spend), locale)}'
            f'</td><td class="sp-num">{_number(reach.paid_at_cpm, locale)}</td>'
            f'<td class="sp-num">{_number(reach.paid_on_curve, locale)}</td></tr>')
    note = html.escape(_("A secondary view: impressions count attention, not business (the "
                         "paid budget is split for your outcome, tab 4). Impressions a month. "
                         "Organic: followers × reach rate × posts a month. Paid: spend / CPM × "
                         "{thousand}, and what the curve expects once returns diminish. "
                         "Organic reach falls as the platforms monetise: a brand's Facebook "
                         "post reaches about {share} of its followers (Ignite Social Media, "
                         "2021).").format(thousand=format_number(1000, locale=locale),
                                          share=format_percent(2.2, locale=locale)))
    return (f'<div class="sp-card-note">{note}</div><table class="sp-table sp-bu-reach">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def allocation_html(view: BudgetView, currency: str, unit: str, locale: str) -> str:
    """The recommended split: today, recommended, the change, response and marginal return."""
    alloc = view.allocation
    if not alloc.feasible:
        return message_html(alloc.message, "error")
    step = money_step(alloc.budget)
    bounds = {"free": _("brings as much from the next {step} as the others").format(
                  step=format_money(step, currency, locale)),
              "nothing": _("its first money returns less than the others' next"),
              "min": _("at its minimum"), "max": _("at its maximum"),
              "fixed": _("held fixed"), "no_curve": _("no curve: kept at today's spend"),
              "today": _("kept at today's spend")}
    head = "".join(f"<th{' class=sp-num' if i else ''}>{html.escape(t)}</th>" for i, t in
                   enumerate([_("Platform"), _("Today"), _("Recommended"), _("Change"),
                              _("Expected {unit} a month").format(unit=unit),
                              _("What the next amount brings"), _("Why")]))
    rows = []
    for line in alloc.lines:
        change = line.spend - line.today
        sign = "+" if change > 0.5 else ""
        marginal = html.escape(view.explanations.get(line.id, "–"))
        expected = "–" if line.response is None else format_significant(line.response, locale)
        rows.append(
            f'<tr data-platform="{html.escape(line.name)}">'
            f'<td class="sp-bu-name">{html.escape(line.name)}</td>'
            f'<td class="sp-num">{_number(line.today, locale)}</td>'
            f'<td class="sp-num sp-bu-rec"><b>{_number(line.spend, locale)}</b></td>'
            f'<td class="sp-num">{sign}{_number(change, locale)}</td>'
            f'<td class="sp-num">{expected}</td>'
            f'<td>{marginal}</td>'
            f'<td>{html.escape(bounds[line.bound])}</td></tr>')
    gain = alloc.total_response - alloc.today_response
    percent = round(gain / alloc.today_response * 100) if alloc.today_response else 0
    summary = _("Recommended: {total} {unit} a month expected, against {today} with today's "
                "spend ({gain} %).").format(
                    total=format_significant(alloc.total_response, locale), unit=unit,
                    today=format_significant(alloc.today_response, locale),
                    gain=("+" if percent > 0 else "") + format_number(percent, locale=locale))
    if not alloc.today_response:
        summary = _("Recommended: {total} {unit} a month expected.").format(
            total=format_significant(alloc.total_response, locale), unit=unit)
    why = _("At the optimum every platform not held by a bound brings the same from its next "
            "{step}: moving money from one to another cannot add more.").format(
                step=format_money(step, currency, locale))
    extra = message_html(alloc.message, "warning") if alloc.message else ""
    return (f'{extra}<div class="sp-bu-parts sp-bu-summary"><b>{html.escape(summary)}</b></div>'
            f'<table class="sp-table sp-bu-alloc"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>'
            f'<div class="sp-card-note">{html.escape(why)}</div>')


def scenarios_html(summaries, currency: str, unit: str, locale: str) -> str:
    """The saved variants side by side (the current one first)."""
    if len(summaries) < 2:
        return f'<div class="sp-card-note">{html.escape(_("No scenario saved yet."))}</div>'
    rows = [
        (_("Total cost a month, staff time included"),
         [format_money(s.total_cost, currency, locale) for s in summaries]),
        (_("Paid budget a month"), [format_money(s.paid_budget, currency, locale)
                                    for s in summaries]),
        (_("Staff hours a week"), [_number(s.hours_per_week, locale, 1) for s in summaries]),
        (_("Utilisation"), ["–" if s.utilisation is None else _percent(s.utilisation, locale)
                            for s in summaries]),
        (_("Organic impressions a month"), [_number(s.organic_impressions, locale)
                                            for s in summaries]),
        (_("Paid impressions a month at the CPM"), [_number(s.paid_impressions, locale)
                                                    for s in summaries]),
        (_("Expected {unit} a month").format(unit=unit),
         [_number(s.response, locale) if s.feasible else _("not feasible") for s in summaries]),
    ]
    head = "<th></th>" + "".join(f'<th class="sp-num">{html.escape(s.name)}</th>'
                                 for s in summaries)
    body = "".join(f"<tr><td>{html.escape(label)}</td>"
                   + "".join(f'<td class="sp-num">{html.escape(v)}</td>' for v in values)
                   + "</tr>" for label, values in rows)
    return (f'<table class="sp-table sp-bu-scenarios"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def split_line_html(view: BudgetView, currency: str, locale: str) -> str:
    """The recommended split in one line, for the headline (or why there is none)."""
    alloc = view.allocation
    if not view.lines:
        return ""
    if not alloc.feasible:
        text = _("Paid budget split: not possible as set (see tab 4).")
        return f'<div class="sp-bu-parts sp-bu-split-line">{html.escape(text)}</div>'
    parts = " · ".join(f"{line.name} {format_money(line.spend, currency, locale)}"
                       for line in alloc.lines if line.spend > 0.5)
    text = _("Paid budget split: {parts}").format(parts=parts or _("nothing to split yet"))
    return f'<div class="sp-bu-parts sp-bu-split-line">{html.escape(text)}</div>'
