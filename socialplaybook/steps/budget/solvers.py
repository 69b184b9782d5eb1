"""The optimiser's solvers: water-filling for concave curves, a grid search and SLSQP for
S-shaped ones, and the repair that keeps a split inside its bounds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from socialplaybook.steps.budget.curves import HillCurve
from socialplaybook.steps.budget.limits import DP_STEPS


def _solve(curves: Sequence[HillCurve], lower: Sequence[float], upper: Sequence[float],
           total: float) -> list[float]:
    """Maximise ``sum(curve_i(x_i))`` with ``lower <= x <= upper`` and ``sum(x) = total``
    (``sum(lower) < total < sum(upper)``).

    Concave curves (every shape <= 1): the optimum is where every platform inside its
    bounds has the same marginal return, found exactly by water-filling
    (:func:`_water_fill`). With an S-shaped curve a dynamic programme over ``DP_STEPS``
    steps of the money above the minimums first finds the best split on that grid, SLSQP
    refines it (on spend / total, so every variable is near 1), and water-filling on the
    platforms SLSQP gave money to (each S-shaped one past the top of its marginal return)
    finishes the equal marginal returns that SLSQP leaves where the curves are flat.
    """
    import numpy as np
    from scipy.optimize import minimize

    beta = np.array([c.beta for c in curves], dtype=float)
    k = np.array([c.k for c in curves], dtype=float)
    s = np.array([c.shape for c in curves], dtype=float)
    lo = np.array(lower, dtype=float)
    hi = np.array(upper, dtype=float)
    if np.all(s <= 1):
        return [float(v) for v in _water_fill(beta, k, s, lo, hi, total)]

    def responses(x):
        ratio = np.power(np.maximum(x, 0.0) / k, s)
        return beta * ratio / (1 + ratio)

    def slopes(x):
        x = np.maximum(x, 1e-12 * max(total, 1.0))
        ratio = np.power(x / k, s)
        return beta * s * ratio / (x * (1 + ratio) ** 2)

    start = _repair(_grid_split(beta, k, s, lo, hi, total), lo, hi, total)
    scale = max(total, 1e-9)
    inside = (start > lo + 1e-9 * scale) & (start < hi - 1e-9 * scale)
    marginal = slopes(start)
    level = float(marginal[inside].mean()) if inside.any() else float(marginal.max())
    norm = max(level * scale, 1e-300)  # gradients near 1 at the optimum: a tight stop
    base = float(responses(start).sum())

    def objective(y):
        return -(float(responses(y * scale).sum()) - base) / norm

    def gradient(y):
        return -slopes(y * scale) * scale / norm

    constraint = {"type": "eq", "fun": lambda y: float(y.sum()) - total / scale,
                  "jac": lambda y: np.ones_like(y)}
    best = start
    try:
        result = minimize(objective, start / scale, jac=gradient, method="SLSQP",
                          bounds=list(zip(lo / scale, hi / scale, strict=True)),
                          constraints=[constraint], options={"ftol": 1e-12, "maxiter": 300})
        if np.all(np.isfinite(result.x)):
            refined = _repair(result.x * scale, lo, hi, total)
            if float(responses(refined).sum()) >= base:
                best = refined
    except (ValueError, ArithmeticError):  # keep the grid's answer
        pass
    total_best = float(responses(best).sum())
    for filled in _refills(best, beta, k, s, lo, hi, total):
        gain = float(responses(filled).sum()) - total_best
        if gain >= -1e-12 * max(abs(total_best), 1e-300):
            best, total_best = filled, total_best + gain
    return [float(v) for v in best]


def _refills(x, beta, k, s, lo, hi, total: float) -> list:
    """Water-filling on the platforms ``x`` gives money to: the splits to compare with it.

    Where its marginal return falls (every curve of shape <= 1; an S-shaped one at or
    past the spend where that return is highest, ``k · ((s - 1) / (s + 1))^(1/s)``) the
    problem is concave, and water-filling is exact. So an S-shaped platform at its lower
    bound stays there, one past that spend stays past it, and one between them is tried
    both ways (at its lower bound, and past that spend); one whose whole range lies
    before that spend stays where ``x`` has it.
    """
    import numpy as np

    tolerance = 1e-9 * max(total, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        peak = np.where(s > 1, k * np.power(np.maximum(s - 1, 0) / (s + 1), 1 / s), 0.0)
    floor = np.maximum(lo, peak)
    at_lo = (s > 1) & (x <= lo + tolerance)
    rising = (s > 1) & (floor >= hi)  # the marginal return rises over the whole range
    between = (s > 1) & ~at_lo & ~rising & (x < floor)
    found = []
    for drop in ((False, True) if between.any() else (False,)):
        held = at_lo | rising | (between & drop)
        held_at = np.where(at_lo | between, lo, x)
        new_lo = np.where(held, held_at, floor)
        new_hi = np.where(held, held_at, hi)
        if float(new_lo.sum()) <= total <= float(new_hi.sum()):
            found.append(_water_fill(beta, k, s, new_lo, new_hi, total))
    return found


def _water_fill(beta, k, s, lo, hi, total: float):
    """The split of ``total`` where every platform inside its bounds has the same marginal
    return ``λ`` (each at the spend where its marginal return is ``λ``, clipped to its
    bounds), the others at a bound: the exact optimum when each curve's marginal return
    falls over ``[lo, hi]`` (shape <= 1, or an S-shape past its steepest point).

    The summed spend falls as ``λ`` rises, so Brent's method on ``ln λ`` finds the one
    ``λ`` at which it is ``total``; the last rounding of the sum goes to the platforms
    inside their bounds, as a smaller step of ``ln λ`` would move them.
    """
    import numpy as np
    from scipy.optimize import brentq

    gap = total - float(lo.sum())
    if gap <= 0:
        return lo.copy()
    if float(hi.sum()) <= total:
        return hi.copy()
    movable = hi > lo
    base = np.log(beta) + np.log(s) - np.log(k)  # ln(beta · s / k)

    def spend(level: float):
        return np.minimum(np.maximum(_spend_at_marginal(level - base, k, s), lo), hi)

    def excess(level: float) -> float:
        return float(spend(level).sum()) - total

    # At the highest marginal return any platform has a little above its lower bound,
    # each spends at most that little (half the money in all); at the lowest any has at
    # its upper bound, each spends its upper bound: the root lies between.
    near_lo = np.minimum(hi, lo + gap / (2 * len(lo)))
    top = _log_marginal(near_lo[movable], beta[movable], k[movable], s[movable])
    bottom = _log_marginal(hi[movable], beta[movable], k[movable], s[movable])
    high, low = float(np.max(top)), float(np.min(bottom))
    if not (math.isfinite(high) and math.isfinite(low)):  # money too small to matter
        return _repair(lo.copy(), lo, hi, total)
    high, low = high + 1.0, low - 1.0
    for _round in range(60):  # rounding at the edges: widen until the signs differ
        if excess(high) <= 0:
            break
        high += max(1.0, abs(high))
    for _round in range(60):
        if excess(low) >= 0:
            break
        low -= max(1.0, abs(low))
    x = spend(brentq(excess, low, high, xtol=1e-14, maxiter=500))
    # Where a curve is nearly straight, the last bit of ln λ a float holds still moves its
    # spend: what the sum misses goes to the platforms inside their bounds in proportion
    # to how far each moves for a change of ln λ (x / |d ln marginal / d ln x|).
    inside = (x > lo) & (x < hi)
    miss = total - float(x.sum())
    if miss and inside.any():
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            ratio = np.power(x / k, s)
            weight = x * (1 + ratio) / np.abs((s - 1) * (1 + ratio) - 2 * s * ratio)
        weight = np.where(inside & np.isfinite(weight), weight, 0.0)
        if float(weight.sum()) > 0:
            x = x + miss * weight / float(weight.sum())
    return _repair(x, lo, hi, total)


def _log_marginal(x, beta, k, s):
    """``ln`` of the curves' marginal returns at ``x`` (``x > 0``; at 0 its limit)."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        u = s * (np.log(x) - np.log(k))  # ln of the ratio (x / k)^s
        a = 1 - 1 / s
        bend = np.where(s == 1, 0.0, a * u)
        return np.log(beta) + np.log(s) - np.log(k) + bend - 2 * np.logaddexp(0.0, u)


def _spend_at_marginal(target, k, s):
    """The spend where each curve's marginal return is ``λ``, given
    ``target = ln(λ · k / (beta · s))``: for ``s = 1`` 0 where even the first unit returns
    less; for an S-shape, the spend where the return is highest if ``λ`` is above it.

    With ``u = ln (x/k)^s`` and ``a = 1 - 1/s`` the marginal return is
    ``beta · s / k · exp(a·u) / (1 + e^u)^2``: solve ``a·u - 2·ln(1 + e^u) = target``.
    For ``s = 1`` that is ``x = k · (exp(-target / 2) - 1)``. Otherwise the left side is
    concave in ``u``, and falling (for ``s > 1`` past its top, where ``e^u = a / (2 - a)``),
    so Newton's method from a point above the root converges to it from above.
    """
    import numpy as np

    x = np.zeros_like(target)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        one = s == 1
        x[one] = k[one] * np.expm1(np.maximum(-target[one] / 2, 0.0))
        bent = ~one
        if not bent.any():
            return x
        t, a, sb = target[bent], 1 - 1 / s[bent], s[bent]
        rising = a > 0  # S-shaped: the root on the falling side of the top
        peak = np.where(rising, np.log(np.where(rising, a, 1.0) / (2 - a)), -np.inf)
        highest = np.where(rising, a * peak - 2 * np.logaddexp(0.0, peak), np.inf)
        stuck = t >= highest  # above the top: the spend where the return is highest
        u = np.where(rising, np.maximum(t / (a - 2), peak),
                     np.minimum(t / np.where(rising, 1.0, a), t / (a - 2)))
        u = np.where(stuck, peak, u)
        for _round in range(100):
            value = a * u - 2 * np.logaddexp(0.0, u)
            slope = a - 1 - np.tanh(u / 2)  # a - 2 / (1 + e^-u)
            step = np.where(stuck | (slope == 0), 0.0, (t - value) / slope)
            u = np.maximum(u + step, peak)
            if np.all(np.abs(step) <= 1e-13 * (1 + np.abs(u))):
                break
        x[bent] = k[bent] * np.exp(u / sb)
    return x


def _grid_split(beta, k, s, lo, hi, total: float):
    """The best split on a grid of ``DP_STEPS`` steps of the money above the minimums.

    Meridian's greedy gives each next step to the platform that returns most from it;
    this dynamic programme finds the best of all splits on the same steps, which the
    greedy misses when an S-shaped curve pays only after several steps.
    """
    import numpy as np

    free = total - float(lo.sum())
    steps = DP_STEPS
    unit = free / steps
    if unit <= 0:
        return lo.copy()
    j = np.arange(steps + 1)
    caps = np.minimum(np.floor((hi - lo) / unit + 1e-9), steps).astype(int)
    columns = j[None, :]
    rows = j[:, None]
    back = rows - columns
    take = np.clip(back, 0, steps)
    choices = []
    best = None
    for i in range(len(lo)):
        values = np.full(steps + 1, -np.inf)
        ratio = np.power((lo[i] + j[: caps[i] + 1] * unit) / k[i], s[i])
        values[: caps[i] + 1] = beta[i] * ratio / (1 + ratio)
        if best is None:
            pick = np.minimum(j, caps[i])
            best = values[pick]
            choices.append(pick)
            continue
        table = np.where((back >= 0) & (columns <= caps[i]), best[take] + values[None, :],
                         -np.inf)
        pick = np.argmax(table, axis=1)
        best = table[j, pick]
        choices.append(pick)
    x = lo.copy()
    left = steps
    for i in range(len(lo) - 1, -1, -1):
        used = int(choices[i][left])
        x[i] = lo[i] + used * unit
        left -= used
    return x


def _repair(x, lo, hi, total: float):
    """``x`` put back inside its bounds and summing exactly to ``total``."""
    import numpy as np

    x = np.minimum(np.maximum(x, lo), hi)
    for _round in range(5):
        gap = total - float(x.sum())
        if abs(gap) <= 1e-12 * max(total, 1.0):
            break
        room = (hi - x) if gap > 0 else (x - lo)
        if float(room.sum()) <= 0:
            break
        x = x + np.sign(gap) * room * min(1.0, abs(gap) / float(room.sum()))
        x = np.minimum(np.maximum(x, lo), hi)
    return x
