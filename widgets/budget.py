"""The budget app: time, money, paid and organic reach, and the paid budget's best split.

Every number comes from ``socialplaybook.budget``; this module reads the controls, asks
the core and shows the result. Tables, bars and curves are inline HTML and SVG (no
plotly), so the page is interactive sooner; a platform's editor is built only when
opened.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

import ipywidgets as w
import scipy.optimize  # noqa: F401 - the solver loads while the kernel is preheated
from pydantic import ValidationError

from socialplaybook.rules.checks import HOURS_IN_A_WEEK
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_money, format_number
from socialplaybook.rules.vocabulary import MAX_PEOPLE, platform_id
from socialplaybook.steps.budget.curves import curve_points, explain_curve
from socialplaybook.steps.budget.fitting import CurveFit, fit_hill, parse_history
from socialplaybook.steps.budget.limits import (
    ACTIVITIES,
    MAX_FOLLOWERS,
    MAX_HOURLY_COST,
    MAX_MESSAGES_PER_WEEK,
    MAX_MINUTES_PER_ITEM,
    MAX_MONEY_PER_MONTH,
    MAX_POSTS_PER_WEEK,
    MAX_RESPONSE,
    SHAPE_MAX,
    THETA_MAX,
    activity_labels,
)
from socialplaybook.steps.budget.lines import PlatformLine, default_item, with_item
from socialplaybook.steps.budget.optimiser import slider_range
from socialplaybook.steps.budget.scenarios import scenario_from, summarise
from socialplaybook.steps.budget.section import BudgetSection, PlatformBudget
from socialplaybook.steps.budget.view import BudgetView, budget_view
from socialplaybook.workspace.store import Workspace
from widgets.base import checks_html, error_message, message_html
from widgets.fields import NumberField, field_error_html
from widgets.step import StepApp

BUDGET_CSS = """
<style>
.sp-bu-box { border: 1px solid #e3e7ee; border-radius: 10px; padding: 10px 14px;
  margin: 0 0 12px; background: #fff; }
.sp-bu-h { font-weight: 650; font-size: 16px; margin: 0 0 4px; }
.sp-bu-note { color: #4b5563; font-size: 13px; margin: 2px 0 6px; max-width: 900px; }
.sp-bu-head { background: #f4f6fa; border: 1px solid #e3e7ee; border-radius: 10px;
  padding: 10px 16px; margin: 0 0 12px; }
.sp-bu-total { font-size: 26px; font-weight: 700; color: #1f2a44; }
.sp-bu-total small { font-size: 14px; font-weight: 500; color: #4b5563; margin-left: 6px; }
.sp-bu-parts { font-size: 13.5px; color: #374151; margin-top: 2px; }
.sp-bu-parts b { font-weight: 650; }
table.sp-bu-table { border-collapse: collapse; font-size: 13px; width: 100%; margin: 4px 0; }
table.sp-bu-table th { text-align: left; color: #374151; font-weight: 600; padding: 4px 6px;
  border-bottom: 1px solid #d1d5db; }
table.sp-bu-table td { padding: 4px 6px; border-bottom: 1px solid #eef0f4; vertical-align: top; }
table.sp-bu-table td.sp-num, table.sp-bu-table th.sp-num { text-align: right;
  white-space: nowrap; }
.sp-bu-name { font-weight: 600; white-space: nowrap; }
.sp-bu-default { color: #5b6472; font-size: 11px; display: block; white-space: normal;
  line-height: 1.25; }
.sp-bu-scroll { overflow-x: auto; }
table.sp-bu-reach td.sp-num { white-space: normal; }
.sp-bu-stack .widget-text { flex-direction: column; align-items: stretch; height: auto; }
.sp-bu-stack .widget-text .widget-label { width: auto !important; max-width: none;
  margin: 0 0 2px; font-size: 13px; color: #374151; text-align: left; line-height: 18px; }
.sp-bu-stack .widget-text input { width: 100%; }
.sp-bu-stack .sp-bu-row { align-items: flex-end; }
.sp-bu-bar { display: inline-block; height: 10px; border-radius: 2px; background: #2a6f97;
  vertical-align: middle; margin-right: 6px; }
.sp-bu-bar-over { background: #c2410c; }
.sp-bu-row { gap: 14px; flex-wrap: wrap; align-items: flex-start; }
.sp-bu-curves { display: flex; flex-wrap: wrap; gap: 10px; }
.sp-bu-curve { border: 1px solid #eef0f4; border-radius: 8px; padding: 4px; }
.sp-bu-legend { font-size: 12px; color: #374151; }
.sp-bu-legend span { display: inline-block; width: 9px; height: 9px; border-radius: 50%;
  margin: 0 4px 0 10px; vertical-align: middle; }
.sp-bu-editor { border: 1px solid #b9cde3; border-left: 4px solid #2a6f97;
  border-radius: 8px; padding: 8px 14px 10px; margin: 4px 0 10px; background: #f7fafd; }
.sp-bu-label { color: #374151; font-size: 13px; font-weight: 600; margin: 8px 0 2px; }
.sp-bu-tag { display: inline-block; font-size: 11px; border-radius: 6px; padding: 0 5px;
  margin-left: 4px; background: #eef0f4; color: #374151; font-weight: 500; }
.sp-bu-tag-team { background: #e0ecf8; color: #1d4f73; }
</style>
"""

TODAY_COLOUR, RECOMMENDED_COLOUR, CURVE_COLOUR = "#6b7280", "#2a6f97", "#1f2a44"


def _box(title: str, note: str, children: list[w.Widget]) -> w.VBox:
    head = w.HTML(f'<div class="sp-bu-h">{html.escape(title)}</div>'
                  + (f'<div class="sp-bu-note">{html.escape(note)}</div>' if note else ""))
    box = w.VBox([head, *children])
    box.add_class("sp-bu-box")
    return box


def _row(children: list[w.Widget]) -> w.HBox:
    row = w.HBox(children)
    row.add_class("sp-bu-row")
    return row


def _number(value: float | None, locale: str, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return format_number(round(value, decimals), locale=locale, decimals=decimals)


def _field(label: str, placeholder: str = "", *, maximum: float = MAX_MONEY_PER_MONTH,
           whole: bool = False, width: str = "170px") -> NumberField:
    field = NumberField(placeholder, None, maximum=maximum, whole=whole, width=width,
                        description=label)
    return field


def _set_field(field: NumberField, value: float | None, locale: str, force: bool = False) -> None:
    """Show a stored value in a field, unless the person is typing something refused."""
    if field.locale != locale:
        field.set_locale(locale)
    if field.value != value and (force or not field.message):
        field.set_quietly(value)


# -- HTML and SVG views of the core's numbers ------------------------------------------------------


def headline_html(view: BudgetView, currency: str, locale: str) -> str:
    """The total cost of social a month with staff time, and its parts."""
    costs = view.costs
    labels = activity_labels()
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
    labels = activity_labels()
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
    return (f'<table class="sp-bu-table sp-bu-money" style="width:420px"><tbody>{body}{total}'
            "</tbody></table>")


def _bar(share: float | None) -> str:
    if share is None:
        return ""
    width = min(share, 1.5) / 1.5 * 120
    over = " sp-bu-bar-over" if share > 1 else ""
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
    if not view.lines:
        return message_html(_("No platform chosen yet: choose them in the Platforms step, or "
                              "add one here below."), "info")
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
            f"<td>{_bar(person.utilisation)}"
            f"{'' if person.utilisation is None else f'{person.utilisation * 100:.0f} %'}"
            "</td></tr>")
    total = use.total
    team = (f'<div class="sp-bu-parts"><b>{html.escape(_("Team utilisation"))}</b>: '
            f'{_bar(total)}{"–" if total is None else f"{total * 100:.0f} %"} · '
            + html.escape(_("{need} of {have} h a week").format(
                need=_number(use.hours_needed, locale, 1),
                have=_number(use.hours_available, locale, 1))) + "</div>")
    people = ""
    if people_rows:
        people = (
            '<table class="sp-bu-table sp-bu-people" style="width:auto;min-width:520px">'
            "<thead><tr>"
            + "".join(f"<th{' class=sp-num' if i in (1, 2) else ''}>{html.escape(t)}</th>"
                      for i, t in enumerate((_("Owner"), _("Accounts"), _("Hours a week"),
                                             _("Utilisation"))))
            + f"</tr></thead><tbody>{people_rows}</tbody></table>")
    return (f'<table class="sp-bu-table sp-bu-time"><thead><tr>{head}</tr></thead>'
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
        if line.origin["cpm"] == "default" and line.defaults and line.defaults.cpm_range:
            low, high = line.defaults.cpm_range
            text = _("middle of USD {low:g}-{high:g} ({source}), not converted").format(
                low=low, high=high, source=line.defaults.cpm_source)
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
    note = html.escape(_("Impressions a month. Organic: followers × reach rate × posts a "
                         "month. Paid: spend / CPM × 1,000, and what the curve expects once "
                         "returns diminish. Organic "
                         "reach falls as the platforms monetise: a brand's Facebook post "
                         "reaches about 2.2 % of its followers (Ignite Social Media, 2021)."))
    return (f'<div class="sp-bu-note">{note}</div><table class="sp-bu-table sp-bu-reach">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def allocation_html(view: BudgetView, currency: str, unit: str, locale: str) -> str:
    """The recommended split: today, recommended, the change, response and marginal return."""
    alloc = view.allocation
    if not alloc.feasible:
        return message_html(alloc.message, "error")
    step = 100.0
    bounds = {"free": _("returns as much from the next {step} as the others").format(
                  step=format_money(step, currency, locale)),
              "nothing": _("its first money returns less than the others' next"),
              "min": _("at its minimum"), "max": _("at its maximum"),
              "fixed": _("held fixed"), "no_curve": _("no curve: kept at today's spend"),
              "today": _("kept at today's spend")}
    head = "".join(f"<th{' class=sp-num' if i else ''}>{html.escape(t)}</th>" for i, t in
                   enumerate([_("Platform"), _("Today"), _("Recommended"), _("Change"),
                              _("Expected {unit}").format(unit=unit),
                              _("From the next {step} ({unit})").format(
                                  unit=unit, step=format_money(step, currency, locale)),
                              _("Why")]))
    rows = []
    for line in alloc.lines:
        change = line.spend - line.today
        sign = "+" if change > 0.5 else ""
        marginal = "–" if line.marginal is None or not math.isfinite(line.marginal) else (
            _number(line.marginal * step, locale))
        rows.append(
            f'<tr data-platform="{html.escape(line.name)}">'
            f'<td class="sp-bu-name">{html.escape(line.name)}</td>'
            f'<td class="sp-num">{_number(line.today, locale)}</td>'
            f'<td class="sp-num sp-bu-rec"><b>{_number(line.spend, locale)}</b></td>'
            f'<td class="sp-num">{sign}{_number(change, locale)}</td>'
            f'<td class="sp-num">{_number(line.response, locale)}</td>'
            f'<td class="sp-num">{marginal}</td>'
            f'<td>{html.escape(bounds[line.bound])}</td></tr>')
    gain = alloc.total_response - alloc.today_response
    summary = _("Recommended: {total} {unit} a month expected, against {today} with today's "
                "spend ({gain:+.0f} %).").format(
                    total=_number(alloc.total_response, locale), unit=unit,
                    today=_number(alloc.today_response, locale),
                    gain=(gain / alloc.today_response * 100) if alloc.today_response else 0)
    if not alloc.today_response:
        summary = _("Recommended: {total} {unit} a month expected.").format(
            total=_number(alloc.total_response, locale), unit=unit)
    why = _("At the optimum every platform not held by a bound brings the same from its next "
            "{step}: moving money from one to another cannot add more.").format(
                step=format_money(step, currency, locale))
    extra = message_html(alloc.message, "warning") if alloc.message else ""
    return (f'{extra}<div class="sp-bu-parts sp-bu-summary"><b>{html.escape(summary)}</b></div>'
            f'<table class="sp-bu-table sp-bu-alloc"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>'
            f'<div class="sp-bu-note">{html.escape(why)}</div>')


def _svg_number(value: float) -> str:
    if value >= 1e6:
        return f"{value / 1e6:.1f}M"
    if value >= 1e3:
        return f"{value / 1e3:.0f}k"
    return f"{value:.0f}"


def curves_svg(view: BudgetView, currency: str, unit: str, locale: str) -> str:
    """Each platform's curve with today's point (grey) and the recommended one (blue).

    Nothing while the split is not possible (there is no recommended point to show).
    """
    if not view.allocation.feasible:
        return ""
    spend = view.allocation.spend
    charts = []
    width, height, pad_l, pad_b = 250, 176, 44, 44
    origins = {"default": _("toolkit default"), "team": _("your values"),
               "fitted": _("fitted"), "missing": ""}
    for line in view.lines:
        if line.curve is None:
            continue
        today = line.item.current_spend
        recommended = spend.get(line.id, today)
        top = max(line.curve.k * 3, today * 1.2, recommended * 1.2, 1.0)
        points = curve_points(line.curve, top)
        ymax = max(line.curve.beta, 1e-9)

        def x_of(x: float, top: float = top) -> float:
            return pad_l + (width - pad_l - 8) * x / top

        def y_of(y: float, ymax: float = ymax) -> float:
            return height - pad_b - (height - pad_b - 20) * y / ymax

        path = " ".join(f"{x_of(x):.1f},{y_of(y):.1f}" for x, y in points)
        name = html.escape(line.platform)
        dots = ""
        for value, colour, label in ((today, TODAY_COLOUR, _("today")),
                                     (recommended, RECOMMENDED_COLOUR, _("recommended"))):
            dots += (f'<circle cx="{x_of(value):.1f}" cy="{y_of(line.curve.response(value)):.1f}"'
                     f' r="5" fill="{colour}"><title>{html.escape(label)}: '
                     f'{html.escape(format_money(value, currency, locale))}</title></circle>')
        k_x = x_of(line.curve.k)
        caption = _("k {k} · s {s:g} · {origin}").format(
            k=_number(line.curve.k, locale), s=round(line.curve.shape, 2),
            origin=origins[line.curve_origin])
        charts.append(
            f'<svg class="sp-bu-curve" data-platform="{name}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{name}" '
            'xmlns="http://www.w3.org/2000/svg" font-family="Inter, Segoe UI, sans-serif">'
            f'<text x="{pad_l}" y="13" font-size="12" font-weight="600" fill="#1f2a44">{name}'
            f'</text><line x1="{pad_l}" y1="{height - pad_b}" x2="{width - 8}" '
            f'y2="{height - pad_b}" stroke="#d1d5db"/>'
            f'<line x1="{pad_l}" y1="20" x2="{pad_l}" y2="{height - pad_b}" stroke="#d1d5db"/>'
            f'<line x1="{k_x:.1f}" y1="20" x2="{k_x:.1f}" y2="{height - pad_b}" '
            'stroke="#d1d5db" stroke-dasharray="3,3"/>'
            f'<text x="{pad_l - 4}" y="24" font-size="10" text-anchor="end" fill="#4b5563">'
            f'{_svg_number(ymax)}</text>'
            f'<text x="{pad_l - 4}" y="{height - pad_b}" font-size="10" text-anchor="end" '
            'fill="#4b5563">0</text>'
            f'<text x="{width - 8}" y="{height - pad_b + 14}" font-size="10" text-anchor="end" '
            f'fill="#4b5563">{_svg_number(top)} {html.escape(currency)}</text>'
            f'<text x="{k_x:.1f}" y="{height - pad_b + 14}" font-size="10" text-anchor="middle" '
            f'fill="#4b5563">k</text>'
            f'<polyline points="{path}" fill="none" stroke="{CURVE_COLOUR}" stroke-width="2"/>'
            f'<text x="{pad_l}" y="{height - 6}" font-size="10" fill="#374151">'
            f"{html.escape(caption)}"
            f"</text>{dots}</svg>")
    if not charts:
        return ""
    axes = _("Spend a month →, {unit} ↑; k: half-saturation spend").format(unit=unit)
    legend = (f'<div class="sp-bu-legend">{html.escape(axes)}'
              f'<span style="background:{TODAY_COLOUR}"></span>{html.escape(_("today"))}'
              f'<span style="background:{RECOMMENDED_COLOUR}"></span>'
              f'{html.escape(_("recommended"))}</div>')
    return legend + f'<div class="sp-bu-curves">{"".join(charts)}</div>'


def build_up_svg(view: BudgetView, unit: str, locale: str, theta: float) -> str:
    """The expected response month by month for the same spend: returns build over time."""
    months = view.build_up
    if not months or max(months) <= 0:
        return ""
    width, height, top = 560, 150, max(months)
    bar = (width - 40) / len(months)
    bars = []
    for i, value in enumerate(months):
        h = (height - 40) * value / top
        x = 30 + i * bar
        month = html.escape(_("month {n}").format(n=i + 1))
        bars.append(f'<rect x="{x + 2:.1f}" y="{height - 22 - h:.1f}" width="{bar - 4:.1f}" '
                    f'height="{h:.1f}" fill="#2a6f97"><title>{month}'
                    f': {_number(value, locale)}</title></rect>'
                    f'<text x="{x + bar / 2:.1f}" y="{height - 8}" font-size="10" '
                    f'text-anchor="middle" fill="#4b5563">{i + 1}</text>')
    share = months[0] / months[-1] if months[-1] else 0
    note = _("Month 1 brings {share:.0f} % of what month 12 brings with the same spend "
             "(carry-over {theta:g} a month: geometric adstock). Expect returns to build over "
             "months, and the community around your accounts over years.").format(
                 share=share * 100, theta=theta)
    label = html.escape(_("Expected {unit} by month").format(unit=unit))
    return (f'<div class="sp-bu-note">{html.escape(note)}</div>'
            f'<svg class="sp-bu-buildup" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{label}" '
            'xmlns="http://www.w3.org/2000/svg" font-family="Inter, Segoe UI, sans-serif">'
            + "".join(bars) + "</svg>")


def scenarios_html(summaries, currency: str, unit: str, locale: str) -> str:
    """The saved variants side by side (the current one first)."""
    if len(summaries) < 2:
        return f'<div class="sp-bu-note">{html.escape(_("No scenario saved yet."))}</div>'
    rows = [
        (_("Total cost a month, staff time included"),
         [format_money(s.total_cost, currency, locale) for s in summaries]),
        (_("Paid budget a month"), [format_money(s.paid_budget, currency, locale)
                                    for s in summaries]),
        (_("Staff hours a week"), [_number(s.hours_per_week, locale, 1) for s in summaries]),
        (_("Utilisation"), ["–" if s.utilisation is None else f"{s.utilisation * 100:.0f} %"
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
    return (f'<table class="sp-bu-table sp-bu-scenarios"><thead><tr>{head}</tr></thead>'
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


# -- one platform's editor (built when opened) ---------------------------------------------------


class PlatformEditor(w.VBox):
    """The team's numbers for one platform: time, reach, spend bounds, curve and history.

    Each accepted change is handed to ``on_change(item)`` (which returns whether the
    section took it); a refused value shows its message here and the last valid one stays.
    """

    NUMBER_FIELDS = {
        "posts_per_week": (_("Posts a week"), MAX_POSTS_PER_WEEK, False),
        "minutes_per_post": (_("Minutes a post"), MAX_MINUTES_PER_ITEM, False),
        "messages_per_week": (_("Messages a week"), MAX_MESSAGES_PER_WEEK, False),
        "minutes_per_answer": (_("Minutes an answer"), MAX_MINUTES_PER_ITEM, False),
        "listening_hours_per_week": (_("Listening h a week"), HOURS_IN_A_WEEK, False),
        "followers": (_("Followers"), MAX_FOLLOWERS, True),
        "organic_reach_percent": (_("Organic reach %"), 100, False),
        "cpm": (_("CPM"), 10_000, False),
        "current_spend": (_("Today's spend a month"), MAX_MONEY_PER_MONTH, False),
        "min_spend": (_("Minimum a month"), MAX_MONEY_PER_MONTH, False),
        "max_spend": (_("Maximum a month"), MAX_MONEY_PER_MONTH, False),
        "hill_beta": (_("Most it can give (beta)"), MAX_RESPONSE, False),
        "hill_k": (_("Half-saturation spend (k)"), MAX_MONEY_PER_MONTH, False),
        "hill_shape": (_("Shape (s)"), SHAPE_MAX, False),
    }
    ZERO_WHEN_BLANK = ("current_spend", "min_spend")

    def __init__(self, line: PlatformLine, on_change: Callable[[PlatformBudget], bool],
                 on_close: Callable[[], None], locale: str = "en",
                 on_unit: Callable[[str], bool] | None = None, unit: str = "") -> None:
        self.platform_id = line.id
        self._item = line.item
        self._on_change = on_change
        self._quiet = False
        self._locale = locale
        self._head = w.HTML()
        self._message = w.HTML()
        self._fields: dict[str, NumberField] = {}
        for name, (label, maximum, whole) in self.NUMBER_FIELDS.items():
            field = NumberField("", None, maximum=maximum, whole=whole, width="175px",
                                description=label, locale=locale)
            field.observe(lambda change, n=name: self._on_number(n, change["new"]),
                          names="value")
            self._fields[name] = field
        self._owner = w.Text(description=_("Owner (a person)"), placeholder=_("e.g. Ana"),
                             layout=w.Layout(width="175px"),
                             style={"description_width": "initial"})
        self._owner.observe(lambda c: self._commit({"owner": " ".join(c["new"].split())}),
                            names="value")
        self._fixed = w.Checkbox(description=_("Hold at today's spend"), indent=False,
                                 layout=w.Layout(width="auto"))
        self._fixed.observe(lambda c: self._commit({"fixed": bool(c["new"])}), names="value")
        self._curve_note = w.HTML()
        self._reset_curve = w.Button(description=_("Back to the toolkit's curve"), icon="undo",
                                     layout=w.Layout(width="auto"))
        self._reset_curve.on_click(lambda _b: self._commit(
            {"hill_beta": None, "hill_k": None, "hill_shape": None, "curve_source": "default"},
            force=True))
        self._history = w.Textarea(placeholder=_("One month a line: spend; result\n"
                                                 "e.g. 1200; 45000"),
                                   description=_("History"),
                                   layout=w.Layout(width="300px", height="110px"))
        self._history.add_class("sp-sr-label")  # the heading above names it
        self._fit = w.Button(description=_("Fit a curve to this history"), icon="line-chart",
                             layout=w.Layout(width="auto"))
        self._fit.on_click(self._on_fit)
        self._fit_result = w.HTML()
        self._use_fit = w.Button(description=_("Use this fit"), icon="check",
                                 button_style="primary", layout=w.Layout(width="auto"),
                                 disabled=True)
        self._use_fit.on_click(self._on_use_fit)
        self._fitted: CurveFit | None = None
        self._unit = w.Text(value=unit, description=_("Results measured in"),
                            placeholder=_("paid impressions"),
                            layout=w.Layout(width="300px"),
                            style={"description_width": "initial"})
        self._unit_message = w.HTML()
        self._unit.observe(lambda c: self._on_unit_text(c["new"], on_unit), names="value")
        self._remove = w.Button(description=_("Leave out of the budget"), icon="trash",
                                layout=w.Layout(width="auto"))
        self._remove.on_click(lambda _b: self._commit({"included": False}, force=True))
        self._close = w.Button(description=_("Close"), icon="times",
                               layout=w.Layout(width="auto"))
        self._close.on_click(lambda _b: on_close())
        f = self._fields

        def label(text: str) -> w.HTML:
            return w.HTML(f'<div class="sp-bu-label">{html.escape(text)}</div>')

        super().__init__([
            self._head, self._message,
            label(_("Time a week")),
            _row([f["posts_per_week"], f["minutes_per_post"], f["messages_per_week"],
                  f["minutes_per_answer"], f["listening_hours_per_week"], self._owner]),
            label(_("Reach")),
            _row([f["followers"], f["organic_reach_percent"], f["cpm"]]),
            label(_("Paid spend and its bounds")),
            _row([f["current_spend"], f["min_spend"], f["max_spend"], self._fixed]),
            label(_("Response curve")), self._curve_note,
            _row([f["hill_beta"], f["hill_k"], f["hill_shape"], self._reset_curve]),
            label(_("Your own history: fit the curve to it")),
            _row([w.VBox([self._unit, self._unit_message, self._history]),
                  w.VBox([self._fit, self._fit_result, self._use_fit])]),
            _row([self._remove, self._close])])
        self.add_class("sp-bu-editor")
        self.add_class("sp-bu-stack")
        self.show_line(line, force=True)

    @property
    def item(self) -> PlatformBudget:
        return self._item

    def show_line(self, line: PlatformLine, currency: str = "", unit: str = "",
                  force: bool = False) -> None:
        """Show ``line``'s values; the defaults as placeholders of the blank fields."""
        self._item = line.item
        self._quiet = True
        try:
            for name, field in self._fields.items():
                own = getattr(line.item, name)
                if name in self.ZERO_WHEN_BLANK and own == 0:
                    own = None
                _set_field(field, own, self._locale, force)
                default = line.values.get(name) if getattr(line.item, name) is None else None
                field.text.placeholder = ("" if default is None else _("toolkit: {v}").format(
                    v=format_number(round(default, 2), locale=self._locale)))
            if self._owner.value != line.item.owner:
                self._owner.value = line.item.owner
            if self._fixed.value != line.item.fixed:
                self._fixed.value = line.item.fixed
            history = "\n".join(
                f"{format_number(p.spend, locale=self._locale)}; "
                f"{format_number(p.result, locale=self._locale)}" for p in line.item.history)
            if force or not self._history.value.strip():
                self._history.value = history
        finally:
            self._quiet = False
        origin = {"default": _("the toolkit's default (judgement, not fitted)"),
                  "team": _("your team's values"), "fitted": _("fitted to your history"),
                  "missing": _("no curve yet")}[line.curve_origin]
        explained = (explain_curve(line.curve, unit, currency, self._locale)
                     if line.curve else line.curve_note)
        heading = _("Curve: {origin}.").format(origin=origin)
        self._curve_note.value = (f'<div class="sp-bu-note"><b>{html.escape(heading)}</b> '
                                  f"{html.escape(explained)}</div>")
        title = _("{p}: your numbers").format(p=line.platform)
        note = _("A blank field uses the toolkit's value shown in grey; type yours where you "
                 "know better.")
        self._head.value = (f'<div class="sp-bu-h">{html.escape(title)}</div>'
                            f'<div class="sp-bu-note">{html.escape(note)}</div>')

    def _commit(self, changes: dict, force: bool = False) -> bool:
        if self._quiet and not force:
            return False
        try:
            item = PlatformBudget.model_validate({**self._item.model_dump(), **changes})
        except ValidationError as exc:
            labels = {n: label for n, (label, _m, _w) in self.NUMBER_FIELDS.items()}
            self._message.value = field_error_html(error_message(exc, labels))
            return False
        self._message.value = ""
        if self._on_change(item):
            self._item = item
            return True
        return False

    def _on_number(self, name: str, value: float | None) -> None:
        if self._quiet:
            return
        if value is None and name in self.ZERO_WHEN_BLANK:
            value = 0.0
        changes: dict = {name: value}
        if name in ("hill_beta", "hill_k", "hill_shape"):
            changes["curve_source"] = "team"
        self._commit(changes)

    def _on_unit_text(self, text: str, on_unit: Callable[[str], bool] | None) -> None:
        if self._quiet or on_unit is None:
            return
        problem = on_unit(" ".join(text.split()))
        self._unit_message.value = field_error_html(problem or "")

    def _on_fit(self, _button=None) -> None:
        self._fitted = None
        self._use_fit.disabled = True
        try:
            points = parse_history(self._history.value, self._locale)
            fit = fit_hill(points, self._item.hill_shape or 1.0)
        except ValueError as exc:
            self._fit_result.value = field_error_html(str(exc))
            return
        self._commit({"history": [p.model_dump() for p in points]}, force=True)
        self._fitted = fit
        self._fit_result.value = fit_html(fit, self._locale)
        self._use_fit.disabled = False

    def _on_use_fit(self, _button=None) -> None:
        fit = self._fitted
        if fit is None:
            return
        if self._commit({"hill_beta": fit.curve.beta, "hill_k": fit.curve.k,
                         "hill_shape": fit.curve.shape, "curve_source": "fitted"}, force=True):
            self._use_fit.disabled = True


def fit_html(fit: CurveFit, locale: str) -> str:
    """A fitted curve with its uncertainty, before it is used."""
    def pm(value: float, se: float | None) -> str:
        error = _("± unknown") if se is None else f"± {_number(se, locale, 2)}"
        return f"{_number(value, locale, 2)} {error}"

    parts = [f"beta {pm(fit.curve.beta, fit.beta_se)}", f"k {pm(fit.curve.k, fit.k_se)}",
             (f"s {pm(fit.curve.shape, fit.shape_se)}" if fit.shape_fitted else
              _("s {s:g} (kept: fewer than 6 months)").format(s=fit.curve.shape)),
             f"R² {fit.r_squared:.2f}", _("{n} months").format(n=fit.points)]
    warn = ""
    if fit.uncertain():
        warn = message_html(_("Uncertain: a parameter's error is more than half its value. "
                              "Add months with different spends before relying on it."),
                            "warning")
    return f'<div class="sp-bu-note">{html.escape(" · ".join(parts))}</div>{warn}'


# -- the app ------------------------------------------------------------------------------------


class BudgetApp(StepApp):
    """Time, money, paid against organic reach, the paid budget's split, and scenarios.

    The total cost (and the split in one line) stays above five tabs; the first tab is
    built with the app, the others the first time they are shown, so the page is
    interactive sooner.
    """

    TABS = ("time", "money", "reach", "split", "scenarios")

    def __init__(self, workspace: Workspace | None = None, **kwargs) -> None:
        self._planning = None
        self._platforms = None
        self._view: BudgetView | None = None
        self._quiet = False
        self._scenario_error = ""
        super().__init__(workspace, **kwargs)

    def field_labels(self) -> dict[str, str]:
        labels = {"people": _("People"), "hours_per_week": _("Hours a week"),
                  "hourly_staff_cost": _("Staff cost an hour"),
                  "paid_budget": _("Paid budget a month"),
                  "adstock_theta": _("Carry-over a month"), "platforms": _("Platforms"),
                  "scenarios": _("Scenarios"), "name": _("Scenario name"),
                  "monthly_costs": _("Monthly costs")}
        return {**labels, **activity_labels()}

    # -- building --------------------------------------------------------------------------

    def build_workarea(self) -> list[w.Widget]:
        self._headline = w.HTML()
        self._headline.add_class("sp-bu-head")
        # The first tab is built with the app, so its widgets reach the page with the app's
        # first state.
        tabs = self.make_tabs([_("1. Time and platforms"), _("2. Money"),
                               _("3. Paid and organic reach"), _("4. Paid budget split"),
                               _("5. Scenarios")], build_first=True)
        return [w.HTML(BUDGET_CSS, layout=w.Layout(height="0px")), self._headline, tabs]

    def show_tab(self, part: str) -> None:
        self._show_controls(self.section)
        self.redraw(self.section)

    def _build_time(self) -> w.Widget:
        self._people = _field(_("People"), _("people"), maximum=MAX_PEOPLE, whole=True,
                              width="150px")
        self._hours = _field(_("Hours a week, all together"), _("hours"),
                             maximum=HOURS_IN_A_WEEK * MAX_PEOPLE, width="260px")
        for field in (self._people, self._hours):
            field.observe(self._on_capacity, names="value")
        self._pick = w.Dropdown(options=[(_("Change a platform's numbers…"), "")],
                                layout=w.Layout(width="300px"),
                                description=_("Change a platform's numbers"))
        self._pick.add_class("sp-sr-label")
        self._add_name = w.Text(placeholder=_("Add a platform (any name)"),
                                description=_("Add a platform"),
                                layout=w.Layout(width="220px"))
        self._add_name.add_class("sp-sr-label")
        self._add = w.Button(description=_("Add"), icon="plus", layout=w.Layout(width="auto"))
        self._add.on_click(self._on_add)
        slot = self.editor_slot(self._pick)
        self._time = w.HTML()  # where the hours come from, the table, the checks
        return _box(_("Time: what the platforms take each week"), _(
            "Making and curating posts, answering messages, listening: per platform, against "
            "the hours your team has. One person runs 2-4 accounts well. The platforms are "
            "those you chose in the Platforms step; each starts from the toolkit's estimate: "
            "change its numbers to yours."), [
            _row([self._people, self._hours]), self._time,
            _row([self._pick, self._add_name, self._add]), slot])

    def _build_money(self) -> w.Widget:
        labels = activity_labels()
        currency = self.currency
        self._costs = {a: _field(f"{labels[a]} ({currency})", "0", width="440px")
                       for a in ACTIVITIES}
        self._hourly = _field(_("Staff cost an hour ({c})").format(c=currency), _("e.g. 45"),
                              maximum=MAX_HOURLY_COST, width="440px")
        for field in (*self._costs.values(), self._hourly):
            field.text.style.description_width = "280px"
            field.observe(self._on_money, names="value")
        self._money = w.HTML()
        return _box(_("Money a month"), _(
            "What each activity costs a month, and what an hour of staff time costs you. Paid "
            "promotion is the paid budget (tab 4)."), [
            _row([w.VBox([*self._costs.values(), self._hourly]), self._money])])

    def _build_reach(self) -> w.Widget:
        self._reach = w.HTML()
        return _box(_("Paid against organic reach"), _(
            "Organic reach shrinks as the platforms monetise. Change a platform's followers, "
            "reach rate and CPM in tab 1."), [self._reach])

    def _build_split(self) -> w.Widget:
        self._budget_slider = w.IntSlider(value=0, min=0, max=10_000, step=100,
                                          description=_("Paid budget a month"),
                                          continuous_update=False, readout=False,
                                          style={"description_width": "150px"},
                                          layout=w.Layout(width="520px"))
        self._budget_field = _field(_("Paid budget a month, exact amount"), _("amount"),
                                    width="150px")
        self._budget_field.text.add_class("sp-sr-label")  # the slider's label names it
        self._only_increase = w.Checkbox(description=_("Allocate only the increase over "
                                                       "today's spend"), indent=False,
                                         layout=w.Layout(width="auto"))
        self._budget_slider.observe(self._on_budget_slider, names="value")
        self._budget_field.observe(self._on_budget_field, names="value")
        self._only_increase.observe(self._on_only_increase, names="value")
        self._allocation = w.HTML()  # the split, and the curves under it
        self._theta = w.Dropdown(
            options=[(f"{t / 10:g}", t / 10) for t in range(int(THETA_MAX * 10) + 1)],
            value=0.3, description=_("Carry-over from one month to the next"),
            style={"description_width": "initial"}, layout=w.Layout(width="330px"))
        self._theta.observe(self._on_theta, names="value")
        self._build_up = w.HTML()
        budget_row = _row([self._budget_slider, self._budget_field, self._only_increase])
        budget_row.add_class("sp-bu-budget")
        return _box(_("The paid budget's best split: diminishing returns"), _(
            "Each platform's response flattens as you spend more (a Hill curve). The split "
            "below gives every next unit of money to the platform that returns most from it, "
            "within the minimum and maximum you set (tab 1). The default curves are the "
            "toolkit's judgement (derived from the sourced CPM), not fitted values: fit yours "
            "to your history in tab 1."), [
            budget_row, self._allocation, self._theta, self._build_up])

    def _build_scenarios(self) -> w.Widget:
        self._scenario_name = w.Text(placeholder=_("Scenario name, e.g. lean"),
                                     description=_("Scenario name"),
                                     layout=w.Layout(width="240px"))
        self._scenario_name.add_class("sp-sr-label")
        self._save_scenario = w.Button(description=_("Save as scenario"), icon="save",
                                       layout=w.Layout(width="auto"))
        self._save_scenario.on_click(self._on_save_scenario)
        self._scenario_pick = w.Dropdown(options=[(_("A saved scenario…"), "")],
                                         layout=w.Layout(width="220px"),
                                         description=_("A saved scenario"))
        self._scenario_pick.add_class("sp-sr-label")
        self._use_scenario = w.Button(description=_("Use it"), icon="upload",
                                      layout=w.Layout(width="auto"))
        self._drop_scenario = w.Button(description=_("Delete"), icon="trash",
                                       layout=w.Layout(width="auto"))
        self._use_scenario.on_click(self._on_use_scenario)
        self._drop_scenario.on_click(self._on_drop_scenario)
        self._scenarios = w.HTML()
        return _box(_("Scenarios: compare budget variants"), _(
            "Save this budget under a name (lean, growth…) and compare: the total cost with "
            "staff time, hours, reach and the expected response."), [
            _row([self._scenario_name, self._save_scenario, self._scenario_pick,
                  self._use_scenario, self._drop_scenario]), self._scenarios])

    # -- showing a stored section ----------------------------------------------------------

    def show_section(self, section: BudgetSection) -> None:
        try:
            plan = self.workspace.load(self.team) if self.team else None
        except Exception:  # the other steps unreadable: this one works on its own answers
            plan = None
        self._planning = plan.planning if plan else None
        self._platforms = plan.platforms if plan else None
        if self.build_shown_tab():  # shows and draws it
            return
        self._show_controls(section)
        self.redraw(section)

    def _show_controls(self, section: BudgetSection) -> None:
        """Set the built tabs' controls from ``section`` without it counting as an edit."""
        self._quiet = True
        try:
            if "time" in self._built:
                _set_field(self._people, section.people, self.locale)
                _set_field(self._hours, section.hours_per_week, self.locale)
            if "money" in self._built:
                for name, field in self._costs.items():
                    _set_field(field, getattr(section.monthly_costs, name) or None, self.locale)
                _set_field(self._hourly, section.hourly_staff_cost, self.locale)
            if "split" in self._built:
                _set_field(self._budget_field, section.paid_budget or None, self.locale)
                theta = round(section.adstock_theta, 1)
                if self._theta.value != theta:
                    self._theta.value = theta
                if self._only_increase.value != section.only_increase:
                    self._only_increase.value = section.only_increase
        finally:
            self._quiet = False

    # -- edits -------------------------------------------------------------------------------

    def _on_capacity(self, _change) -> None:
        if self.busy():
            return
        self.replace(people=self._people.value, hours_per_week=self._hours.value)

    def _on_money(self, _change) -> None:
        if self.busy():
            return
        costs = self.section.monthly_costs.model_copy(
            update={a: field.value or 0.0 for a, field in self._costs.items()})
        self.replace(monthly_costs=costs, hourly_staff_cost=self._hourly.value)

    def _on_budget_slider(self, change) -> None:
        if self.busy():
            return
        self.replace(paid_budget=float(change["new"]))

    def _on_budget_field(self, change) -> None:
        if self.busy():
            return
        self.replace(paid_budget=float(change["new"] or 0.0))

    def _on_only_increase(self, change) -> None:
        if self.busy():
            return
        self.replace(only_increase=bool(change["new"]))

    def _on_theta(self, change) -> None:
        if self.busy():
            return
        self.replace(adstock_theta=float(change["new"]))

    def _on_item(self, item: PlatformBudget) -> bool:
        if self.busy():
            return False
        if not self.replace(platforms=with_item(self.section, item).platforms):
            return False
        if not item.included and self._editor is not None:
            self._close_editor()
        return True

    def _on_unit(self, unit: str) -> str:
        """The unit every curve's results are in; returns the problem ("" when taken)."""
        if self.busy():
            return ""
        try:
            BudgetSection.model_validate({**self.section.model_dump(), "response_unit": unit})
        except ValidationError as exc:
            return error_message(exc, {"response_unit": _("Results measured in")})
        self.replace(response_unit=unit)
        return ""

    def _on_add(self, _button=None) -> None:
        name = " ".join(self._add_name.value.split())
        if self.busy() or not name:
            return
        pid = platform_id(name)
        if any(line.id == pid for line in (self._view.lines if self._view else [])):
            self.show_message(_("{name} is already in the budget.").format(name=name), "info")
            return
        stored = next((i for i in self.section.platforms if i.id == pid), None)
        item = (stored.model_copy(update={"included": True}) if stored else
                default_item(pid, name[:120]))
        if self.replace(platforms=with_item(self.section, item).platforms):
            self._add_name.value = ""
            self._open_editor(pid)

    # -- a platform's editor -----------------------------------------------------------------

    def _line(self, pid: str) -> PlatformLine | None:
        return next((line for line in (self._view.lines if self._view else [])
                     if line.id == pid), None)

    def make_editor(self, pid: str) -> PlatformEditor | None:
        line = self._line(pid)
        if line is None:
            return None
        return PlatformEditor(line, self._on_item, self._close_editor, self.locale,
                              self._on_unit, self.section.response_unit)

    def update_editor(self, editor: PlatformEditor) -> bool:
        line = self._line(editor.platform_id)
        if line is None:
            return False
        editor.show_line(line, self.currency, self._unit())
        return True

    def _on_save_scenario(self, _button=None) -> None:
        if self.busy():
            return
        try:
            scenario = scenario_from(self.section, self._scenario_name.value, self._platforms)
        except ValueError as exc:
            self._scenario_error = str(exc)
            self._draw_scenarios(self.section, self.currency, self._unit(), self.locale)
            return
        self._scenario_error = ""
        if self.replace(scenarios=[*self.section.scenarios, scenario]):
            self._scenario_name.value = ""

    def _on_use_scenario(self, _button=None) -> None:
        scenario = next((s for s in (self.section.scenarios if self.section else [])
                         if s.id == self._scenario_pick.value), None)
        if self.busy() or scenario is None:
            return
        if self.replace(**dict(scenario.inputs)):
            self._close_editor()
            self._show_controls(self.section)

    def _on_drop_scenario(self, _button=None) -> None:
        sid = self._scenario_pick.value
        if self.busy() or not sid:
            return
        self.replace(scenarios=[s for s in self.section.scenarios if s.id != sid])

    # -- redrawing ------------------------------------------------------------------------------

    def _unit(self) -> str:
        unit = self.section.response_unit if self.section is not None else ""
        return unit or _("paid impressions")

    def redraw(self, section: BudgetSection) -> None:
        currency, locale = self.currency, self.locale
        view = budget_view(section, self._platforms, self._planning, currency, locale)
        self._view = view
        unit = self._unit()
        self._headline.value = (headline_html(view, currency, locale)
                                + split_line_html(view, currency, locale))
        if "time" in self._built:
            self._draw_time(view, locale)
        if "money" in self._built:
            self._money.value = money_html(view, currency, locale)
        if "reach" in self._built:
            self._reach.value = reach_html(view, currency, locale)
        if "split" in self._built:
            low, high, step = slider_range(section.paid_budget, view.lines)
            with self.quietly():
                self._set_slider(section.paid_budget, high, step)
            _set_field(self._budget_field, section.paid_budget or None, locale)
            self._allocation.value = (allocation_html(view, currency, unit, locale)
                                      + curves_svg(view, currency, unit, locale))
            self._build_up.value = build_up_svg(view, unit, locale, section.adstock_theta)
        if "scenarios" in self._built:
            self._draw_scenarios(section, currency, unit, locale)

    def _draw_time(self, view: BudgetView, locale: str) -> None:
        source = {"platforms": _("From your platforms step: type here to change them."),
                  "planning": _("From your planning step's resources: type here to change "
                                "them."),
                  "budget": "", "": _("Enter your people and hours.")}[view.capacity.source]
        # a blank field shows, greyed, what the other steps give (or its own hint)
        capacity = view.capacity
        self._people.text.placeholder = (_("people") if capacity.people is None else
                                         format_number(capacity.people, locale=locale))
        self._hours.text.placeholder = (_("hours") if capacity.hours_per_week is None else
                                        format_number(capacity.hours_per_week, locale=locale))
        self._time.value = (f'<div class="sp-bu-note">{html.escape(source)}</div>'
                            + time_html(view, locale) + checks_html(view.checks))
        options = [(_("Change a platform's numbers…"), "")] + [
            (line.platform, line.id) for line in view.lines]
        if list(self._pick.options) != options:
            value = self._pick.value
            with self.quietly():
                self._set_options(self._pick, options, value)
        self.refresh_editor()

    def _set_slider(self, value: float, high: int, step: int) -> None:
        slider = self._budget_slider
        if slider.max != high:
            if slider.value > high:
                slider.value = high
            slider.max = high
        if slider.step != step:
            slider.step = step
        if slider.value != round(value):
            slider.value = min(round(value), high)

    @staticmethod
    def _set_options(dropdown: w.Dropdown, options, value) -> None:
        dropdown.options = options
        dropdown.value = value if value in [v for _l, v in options] else ""

    def _draw_scenarios(self, section: BudgetSection, currency: str, unit: str,
                        locale: str) -> None:
        options = [(_("A saved scenario…"), "")] + [(s.name, s.id) for s in section.scenarios]
        if list(self._scenario_pick.options) != options:
            value = self._scenario_pick.value
            with self.quietly():
                self._set_options(self._scenario_pick, options, value)
        summaries = [summarise(_("Now"), section, self._platforms, self._planning)]
        summaries += [summarise(s.name, s.inputs, self._platforms, self._planning)
                      for s in section.scenarios]
        self._scenarios.value = (field_error_html(self._scenario_error)
                                 + scenarios_html(summaries, currency, unit, locale))
