"""Response curves: what each further amount of paid spend brings.

Hill saturation, as Meridian, PyMC-Marketing and Robyn use:
``response(x) = beta · x^s / (k^s + x^s)``; ``k`` is the monthly spend that reaches half
of the most the platform can give (``beta``), ``s`` the shape (<= 1 concave, > 1
S-shaped). The **default** curve is the toolkit's judgement, not a fit: ``s = 1``, ``k``
from ``datasets/budget_defaults.csv`` and ``beta = 2 × 1000 × k / CPM``, so the quoted
CPM holds at the half-saturation spend (a smaller spend buys impressions more cheaply,
a larger one dearer). A team with its own history fits ``beta``, ``k`` (and ``s`` with
six months or more) with ``scipy.optimize.curve_fit`` (``fitting.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_money, format_rounded


def hill(spend: float, beta: float, k: float, shape: float = 1.0) -> float:
    """Hill saturation: ``beta · x^s / (k^s + x^s)`` (0 for no spend)."""
    if spend <= 0:
        return 0.0
    ratio = (spend / k) ** shape
    # ratio / (1 + ratio) first: it is at most 1, so the response never passes beta
    return beta * (ratio / (1 + ratio)) if math.isfinite(ratio) else beta


def hill_marginal(spend: float, beta: float, k: float, shape: float = 1.0) -> float:
    """The response one more unit of spend brings at ``spend`` (the curve's slope).

    ``beta · s · r / (x · (1 + r)^2)`` with ``r = (x/k)^s``; at no spend: ``beta / k``
    for s = 1, 0 for an S-shape, infinite for s < 1.
    """
    if spend <= 0:
        if shape == 1:
            return beta / k
        return 0.0 if shape > 1 else math.inf
    ratio = (spend / k) ** shape
    if not math.isfinite(ratio):
        return 0.0
    if ratio == 0:  # a spend so small that (x/k)^s is below the smallest float
        try:
            return beta * shape / k * math.exp((shape - 1) * (math.log(spend) - math.log(k)))
        except OverflowError:
            return math.inf
    return beta * shape * ratio / (spend * (1 + ratio) ** 2)


@dataclass(frozen=True)
class HillCurve:
    """A response curve ``beta · x^s / (k^s + x^s)`` (x: spend a month)."""

    beta: float
    k: float
    shape: float = 1.0

    def response(self, spend: float) -> float:
        return hill(spend, self.beta, self.k, self.shape)

    def marginal(self, spend: float) -> float:
        return hill_marginal(spend, self.beta, self.k, self.shape)


def default_beta(half_saturation: float, cpm: float) -> float:
    """The default curve's ceiling: ``2 × 1000 × k / CPM``.

    So that at the half-saturation spend ``k`` the curve gives ``k / CPM × 1000``
    impressions: the quoted CPM holds there (judgement: see the module docstring).
    """
    return 2 * 1000 * half_saturation / cpm


def curve_points(curve: HillCurve, top: float, n: int = 40) -> list[tuple[float, float]]:
    """``n + 1`` points of the curve from no spend to ``top``, for drawing it."""
    top = max(top, 1.0)
    return [(top * i / n, curve.response(top * i / n)) for i in range(n + 1)]


def explain_curve(curve: HillCurve, unit: str, currency: str, locale: str = "en") -> str:
    """The curve's parameters in plain words."""
    shape = (_("each extra unit of spend brings a little less than the one before")
             if curve.shape <= 1 else
             _("S-shaped: little comes back until the spend passes a threshold, then "
               "returns fall"))
    # a results curve may top out at a few leads a month: keep two significant digits
    decimals = 0 if curve.beta >= 10 else (1 if curve.beta >= 1 else 2)
    return _("At most about {beta} {unit} a month; half of that at {k} a month; {shape}."
             ).format(beta=format_rounded(curve.beta, locale=locale, max_decimals=decimals),
                      unit=unit,
                      k=format_money(curve.k, currency, locale), shape=shape)
