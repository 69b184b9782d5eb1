"""Carry-over (geometric adstock, ``x*_t = x_t + theta · x*_(t-1)``): returns build over
months, so the app shows the same monthly spend month by month.
"""

from __future__ import annotations

from collections.abc import Iterable

from socialplaybook.rules.i18n import _
from socialplaybook.steps.budget.curves import HillCurve
from socialplaybook.steps.budget.limits import MONTHS_SHOWN
from socialplaybook.steps.budget.optimiser import Allocation


def adstock(spend: Iterable[float], theta: float) -> list[float]:
    """Geometric adstock: ``x*_t = x_t + theta · x*_(t-1)`` (``x*_0 = x_0``)."""
    if not 0 <= theta < 1:
        raise ValueError(_("The carry-over must be from 0 to less than 1."))
    carried, out = 0.0, []
    for x in spend:
        carried = x + theta * carried
        out.append(carried)
    return out


def build_up(allocation: Allocation, curves: dict[str, HillCurve], theta: float,
             months: int = MONTHS_SHOWN) -> list[float]:
    """The summed response month by month when the recommended spend starts in month 1.

    Each platform's spend is carried over (normalised adstock, ``(1 - theta) · x*_t``, so
    that a spend kept up reaches the curve's value for it) before its curve: month 1 gives
    ``curve((1 - theta) · x)``, approaching ``curve(x)`` over the months.
    """
    totals = [0.0] * months
    for line in allocation.lines:
        curve = curves.get(line.id)
        if curve is None:
            continue
        carried = adstock([line.spend] * months, theta)
        for month, value in enumerate(carried):
            totals[month] += curve.response((1 - theta) * value)
    return totals
