"""ROI month by month as an inline SVG chart.
"""

from __future__ import annotations

import html

from socialplaybook.rules.i18n import _
from socialplaybook.steps.kpis.roi import (
    RoiProjection,
)
from widgets.kit.svg import SvgChart, nice_ticks


def roi_chart_svg(projection: RoiProjection, currency: str, locale: str = "en") -> str:
    """Cumulative ROI per month as an inline SVG: with carry-over and growth, and naive."""
    months = projection.months
    built = [m.cumulative_roi * 100 for m in months]
    naive = [m.naive_cumulative_roi * 100 for m in months]
    ticks = nice_ticks(min(-100.0, *built, *naive), max(50.0, *built, *naive))
    chart = SvgChart(640, 220, (0, max(len(months) - 1, 1)), (ticks[0], ticks[-1]), locale,
                     margins=(56, 34, 12, 28))
    chart.y_axis(ticks, suffix=" %", gridlines=True)
    chart.line(chart.left, chart.y(0), chart.right, chart.y(0), colour="#9ca3af")
    chart.x_axis([(index, _("month {n}").format(n=months[index].month))
                  for index in sorted({0, (len(months) - 1) // 2, len(months) - 1})])
    chart.polyline(list(enumerate(naive)), colour="#9ca3af", dash="5 4")
    chart.polyline(list(enumerate(built)), colour="#2a6f97", width=2.5)
    if projection.break_even_month is not None:
        index = projection.break_even_month - 1
        chart.line(chart.x(index), chart.top, chart.x(index), chart.bottom, colour="#1f7a4d",
                   dash="3 3")
        chart.dot(index, built[index], "#1f7a4d", radius=4)
    roi_formula = _("ROI = (return - cost) / cost, as a percentage of the cost; return and "
                    "cost in {currency}").format(currency=currency)
    legend = (f'<div class="sp-kp-legend"><span style="background:#2a6f97"></span>'
              f"{html.escape(_('With your assumptions'))}"
              f'<span style="background:#9ca3af"></span>'
              f"{html.escape(_('Naive: this month’s return from this month’s spend'))}"
              f" · {html.escape(roi_formula)}"
              "</div>")
    return chart.svg("sp-kp-chart", _("Cumulative ROI by month")) + legend
