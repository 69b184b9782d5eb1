"""The budget's curves and the 12-month build-up as inline SVG.
"""

from __future__ import annotations

import html

import scipy.optimize  # noqa: F401 - the solver loads while the kernel is preheated

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_money, format_percent, format_rounded
from socialplaybook.steps.budget.curves import curve_points
from socialplaybook.steps.budget.view import BudgetView
from widgets.budget.form import CURVE_COLOUR, RECOMMENDED_COLOUR, TODAY_COLOUR, _number
from widgets.kit.svg import INK, SvgChart, nice_ticks


def curves_svg(view: BudgetView, currency: str, unit: str, locale: str) -> str:
    """Each platform's curve with today's point (grey) and the recommended one (blue).

    Nothing while the split is not possible (there is no recommended point to show).
    """
    if not view.allocation.feasible:
        return ""
    spend = view.allocation.spend
    charts = []
    origins = {"default": _("toolkit default"), "team": _("your values"),
               "fitted": _("fitted"), "missing": ""}
    for line in view.lines:
        if line.curve is None:
            continue
        today = line.item.current_spend
        recommended = spend.get(line.id, today)
        top = max(line.curve.k * 3, today * 1.2, recommended * 1.2, 1.0)
        chart = SvgChart(250, 176, (0, top), (0, max(line.curve.beta, 1e-9)), locale,
                         margins=(44, 8, 20, 44))
        chart.text(chart.left, 13, line.platform, size=12, colour=INK, bold=True)
        chart.y_axis([0, chart.y_range[1]])
        chart.x_axis([(0, "0"), (top, f"{chart.number(top)} {currency}")])
        chart.line(chart.x(line.curve.k), chart.top, chart.x(line.curve.k), chart.bottom,
                   dash="3,3")
        chart.text(chart.x(line.curve.k), chart.bottom + 13, "k", anchor="middle")
        chart.polyline(curve_points(line.curve, top), colour=CURVE_COLOUR)
        caption = _("k {k} · s {s} · {origin}").format(
            k=_number(line.curve.k, locale), s=format_rounded(line.curve.shape, locale=locale),
            origin=origins[line.curve_origin])
        chart.text(chart.left, chart.height - 6, caption, colour="#374151")
        for value, colour, label in ((today, TODAY_COLOUR, _("today")),
                                     (recommended, RECOMMENDED_COLOUR, _("recommended"))):
            chart.dot(value, line.curve.response(value), colour,
                      f"{label}: {format_money(value, currency, locale)}")
        charts.append(chart.svg("sp-bu-curve", line.platform, {"platform": line.platform}))
    if not charts:
        return ""
    axes = _("Spend a month →, {unit} ↑; k: half-saturation spend").format(unit=unit)
    legend = (f'<div class="sp-bu-legend">{html.escape(axes)}'
              f'<span style="background:{TODAY_COLOUR}"></span>{html.escape(_("today"))}'
              f'<span style="background:{RECOMMENDED_COLOUR}"></span>'
              f'{html.escape(_("recommended"))}</div>')
    return legend + f'<div class="sp-bu-curves">{"".join(charts)}</div>'


def build_up_svg(view: BudgetView, unit: str, locale: str) -> str:
    """The expected response month by month for the same spend: returns build over time."""
    months = view.build_up
    if not months or max(months) <= 0:
        return ""
    ticks = nice_ticks(0, max(months))
    chart = SvgChart(560, 160, (-0.5, len(months) - 0.5), (0, max(ticks[-1], max(months))),
                     locale, margins=(48, 6, 10, 24))
    chart.y_axis(ticks, gridlines=True)
    chart.bars(months, RECOMMENDED_COLOUR, lambda index, value: _("month {n}: {value}").format(
        n=index + 1, value=_number(value, locale)))
    chart.x_axis([(index, str(index + 1)) for index in range(len(months))])
    share = months[0] / months[-1] if months[-1] else 0
    note = _("Month 1 brings {share} of what month 12 brings with the same spend (carry-over "
             "{theta} a month: geometric adstock). Paid reach carries over little from one "
             "month to the next; what builds over months and years is the community around "
             "your accounts, which this chart does not count.").format(
                 share=format_percent(round(share * 100), locale=locale),
                 theta=format_percent(view.carry_over_per_month * 100, locale=locale,
                                     max_decimals=2))
    label = _("Expected {unit} by month").format(unit=unit)
    return (f'<div class="sp-card-note">{html.escape(note)}</div>'
            f'<div class="sp-bu-legend">{html.escape(label)}</div>'
            + chart.svg("sp-bu-buildup", label))
