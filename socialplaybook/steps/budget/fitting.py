"""Fitting a response curve to the team's own history of spend and results."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import parse_number
from socialplaybook.steps.budget.curves import HillCurve
from socialplaybook.steps.budget.limits import (
    MAX_HISTORY_POINTS,
    MAX_MONEY_PER_MONTH,
    MAX_RESPONSE,
    MIN_HALF_SATURATION,
    MIN_HISTORY_POINTS,
    SHAPE_FIT_POINTS,
    SHAPE_MAX,
    SHAPE_MIN,
)
from socialplaybook.steps.budget.section import SpendPoint


@dataclass(frozen=True)
class CurveFit:
    """A curve fitted to the team's history, with its uncertainty.

    ``*_se``: standard errors (None: the data cannot pin that parameter down);
    ``r_squared``: the share of the month-to-month variation the curve explains.
    """

    curve: HillCurve
    beta_se: float | None
    k_se: float | None
    shape_se: float | None
    r_squared: float
    points: int
    shape_fitted: bool

    def uncertain(self) -> bool:
        """Whether a parameter's standard error is unknown or more than half its value."""
        pairs = [(self.curve.beta, self.beta_se), (self.curve.k, self.k_se)]
        if self.shape_fitted:
            pairs.append((self.curve.shape, self.shape_se))
        return any(se is None or se > 0.5 * value for value, se in pairs)


def parse_history(text: str, locale: str = "en") -> list[SpendPoint]:
    """Months of history as typed or pasted: one per line, ``spend; result`` (or a tab).

    Numbers are read the team's way (``parse_number``). Raises ValueError naming the
    line for anything else.
    """
    points = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [p for p in (line.split("\t") if "\t" in line else line.split(";"))]
        if len(parts) != 2:
            raise ValueError(_("Line {n}: write the spend and the result separated by ';' "
                               "(e.g. 1200; 45000).").format(n=number))
        try:
            spend = parse_number(parts[0], locale=locale, maximum=MAX_MONEY_PER_MONTH)
            result = parse_number(parts[1], locale=locale, maximum=MAX_RESPONSE)
        except ValueError as exc:
            raise ValueError(_("Line {n}: {problem}").format(n=number, problem=exc)) from None
        if spend is None or result is None:
            raise ValueError(_("Line {n}: give both the spend and the result.").format(
                n=number))
        points.append(SpendPoint(spend=spend, result=result))
    if len(points) > MAX_HISTORY_POINTS:
        raise ValueError(_("At most {n} months of history.").format(n=MAX_HISTORY_POINTS))
    return points


def fit_hill(points: Sequence[SpendPoint], shape: float = 1.0) -> CurveFit:
    """Fit ``beta`` and ``k`` (and the shape with 6 months or more) to the history.

    Least squares (``scipy.optimize.curve_fit``, bounded). Raises ValueError with a
    message for a person: fewer than 4 months, spend that does not vary, no result, or
    a fit that does not converge.
    """
    import warnings

    import numpy as np
    from scipy.optimize import OptimizeWarning, curve_fit

    if len(points) < MIN_HISTORY_POINTS:
        raise ValueError(_("At least {min} months of history are needed to fit a curve; "
                           "you gave {n}.").format(min=MIN_HISTORY_POINTS, n=len(points)))
    x = np.array([p.spend for p in points], dtype=float)
    y = np.array([p.result for p in points], dtype=float)
    if len({round(v, 9) for v in x if v > 0}) < 3:
        raise ValueError(_("The spend must take at least 3 different values above 0 to "
                           "show how results change with it."))
    if float(y.max()) <= 0:
        raise ValueError(_("Every result is 0: there is nothing to fit."))
    x_scale, y_scale = float(x.max()), float(y.max())
    xs, ys = x / x_scale, y / y_scale
    fit_shape = len(points) >= SHAPE_FIT_POINTS

    def model(v, b, kk, ss=shape):
        ratio = np.power(np.maximum(v, 0.0) / kk, ss)
        return b * ratio / (1 + ratio)

    p0 = [1.5, float(np.median(xs)) or 0.5] + ([shape] if fit_shape else [])
    lower = [1e-9, MIN_HALF_SATURATION / x_scale / 1e3] + ([SHAPE_MIN] if fit_shape else [])
    upper = [1e6, 1e3] + ([SHAPE_MAX] if fit_shape else [])
    p0 = [min(max(p, lo * 1.01), hi * 0.99) for p, lo, hi in zip(p0, lower, upper,
                                                                 strict=True)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OptimizeWarning)
            params, cov = curve_fit(model, xs, ys, p0=p0, bounds=(lower, upper),
                                    maxfev=5000)
    except (RuntimeError, ValueError) as exc:
        raise ValueError(_("The curve could not be fitted to this history ({why}); keep "
                           "the default or enter the curve yourself.").format(
                               why=str(exc)[:80])) from None
    b, kk = float(params[0]) * y_scale, float(params[1]) * x_scale
    ss = float(params[2]) if fit_shape else shape
    errors = np.sqrt(np.diag(cov)) if cov is not None else np.full(len(params), np.inf)
    scales = [y_scale, x_scale, 1.0]
    se = [float(e) * sc if np.isfinite(e) else None for e, sc in zip(errors, scales,
                                                                       strict=False)]
    k = max(kk, MIN_HALF_SATURATION)
    predicted = model(xs, *params)
    total = float(((ys - ys.mean()) ** 2).sum())
    r2 = 1 - float(((ys - predicted) ** 2).sum()) / total if total > 0 else 0.0
    if not (math.isfinite(b) and b > 0 and b <= MAX_RESPONSE and k <= MAX_MONEY_PER_MONTH):
        raise ValueError(_("The fit ran off to numbers no curve can have; the history does "
                           "not show saturation yet. Keep the default curve."))
    return CurveFit(HillCurve(b, k, ss), se[0], se[1], se[2] if fit_shape else None, r2,
                    len(points), fit_shape)
