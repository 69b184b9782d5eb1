"""One platform's budget editor (built when opened) and a fitted curve's summary.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
import scipy.optimize  # noqa: F401 - the solver loads while the kernel is preheated
from pydantic import ValidationError

from socialplaybook.rules.checks import HOURS_IN_A_WEEK
from socialplaybook.rules.dates import months_text
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_number, format_rounded
from socialplaybook.steps.budget.curves import explain_curve
from socialplaybook.steps.budget.fitting import CurveFit, fit_hill, parse_history
from socialplaybook.steps.budget.limits import (
    MAX_FOLLOWERS,
    MAX_MESSAGES_PER_WEEK,
    MAX_MINUTES_PER_ITEM,
    MAX_MONEY_PER_MONTH,
    MAX_POSTS_PER_WEEK,
    MAX_RESPONSE,
    SHAPE_MAX,
)
from socialplaybook.steps.budget.lines import PlatformLine
from socialplaybook.steps.budget.section import PlatformBudget
from widgets.budget.form import _number, _set_field
from widgets.kit.card import row
from widgets.kit.fields import NumberField
from widgets.kit.messages import error_message, field_error_html, message_html
from widgets.kit.quiet import Quiet

# -- one platform's editor (built when opened) ---------------------------------------------------


class PlatformEditor(Quiet, w.VBox):
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
        "cost_per_lead": (_("Cost per lead"), MAX_MONEY_PER_MONTH, False),
        "cost_per_sale": (_("Cost per sale"), MAX_MONEY_PER_MONTH, False),
        "value_per_sale": (_("What a sale here is worth"), MAX_MONEY_PER_MONTH, False),
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
        self._benchmarks = w.HTML()  # the cited figures, in the plan's currency
        self._unit = w.Text(value=unit, description=_("What you call a result"),
                            placeholder=_("e.g. demo requests"),
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
            return w.HTML(f'<div class="sp-label">{html.escape(text)}</div>')

        super().__init__([
            self._head, self._message,
            label(_("Time a week")),
            row([f["posts_per_week"], f["minutes_per_post"], f["messages_per_week"],
                  f["minutes_per_answer"], f["listening_hours_per_week"], self._owner]),
            label(_("Reach")),
            row([f["followers"], f["organic_reach_percent"], f["cpm"]]),
            label(_("What a result costs here (the split counts results, not impressions)")),
            self._benchmarks,
            row([f["cost_per_lead"], f["cost_per_sale"], f["value_per_sale"]]),
            label(_("Paid spend and its bounds")),
            row([f["current_spend"], f["min_spend"], f["max_spend"], self._fixed]),
            label(_("Response curve")), self._curve_note,
            row([f["hill_beta"], f["hill_k"], f["hill_shape"], self._reset_curve]),
            label(_("Your own history: fit the curve to it")),
            row([w.VBox([self._unit, self._unit_message, self._history]),
                  w.VBox([self._fit, self._fit_result, self._use_fit])]),
            row([self._remove, self._close])])
        self.add_class("sp-editor")
        self.add_class("sp-bu-stack")
        self.show_line(line, force=True)

    @property
    def item(self) -> PlatformBudget:
        return self._item

    def set_locale(self, locale: str) -> None:
        """Read and write numbers the ``locale`` way from now on (another team's, or a
        teammate's new choice, while this editor stays open on the same platform)."""
        if locale == self._locale:
            return
        self._locale = locale
        for field in self._fields.values():
            field.set_locale(locale)
        self._history.value = ""  # written again from the stored history, the new way

    def show_line(self, line: PlatformLine, currency: str = "", unit: str = "",
                  force: bool = False) -> None:
        """Show ``line``'s values; the defaults as placeholders of the blank fields."""
        self._item = line.item
        with self.quietly():
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
        origin = {"default": _("the toolkit's default (judgement, not fitted)"),
                  "team": _("your team's values"), "fitted": _("fitted to your history"),
                  "missing": _("no curve yet")}[line.curve_origin]
        explained = (explain_curve(line.curve, unit, currency, self._locale)
                     if line.curve else line.curve_note)
        heading = _("Curve: {origin}.").format(origin=origin)
        cited = [line.benchmarks[name].text(self._locale)
                 for name in ("cost_per_result", "cpm", "half_saturation")
                 if name in line.benchmarks]
        self._benchmarks.value = "".join(f'<div class="sp-card-note">{html.escape(text)}</div>'
                                         for text in cited)
        self._curve_note.value = (f'<div class="sp-card-note"><b>{html.escape(heading)}</b> '
                                  f"{html.escape(explained)}</div>")
        title = _("{p}: your numbers").format(p=line.platform)
        note = _("A blank field uses the toolkit's value shown in grey; type yours where you "
                 "know better.")
        self._head.value = (f'<div class="sp-card-h">{html.escape(title)}</div>'
                            f'<div class="sp-card-note">{html.escape(note)}</div>')

    def _commit(self, changes: dict, force: bool = False) -> bool:
        if self.quiet and not force:
            return False
        try:
            item = PlatformBudget.model_validate({**self._item.model_dump(), **changes})
        except ValidationError as exc:
            labels = {n: label for n, (label, _m, _w) in self.NUMBER_FIELDS.items()}
            self._message.value = field_error_html(error_message(exc, labels, self._locale))
            return False
        self._message.value = ""
        if self._on_change(item):
            self._item = item
            return True
        return False

    def _on_number(self, name: str, value: float | None) -> None:
        if self.quiet:
            return
        if value is None and name in self.ZERO_WHEN_BLANK:
            value = 0.0
        changes: dict = {name: value}
        if name in ("hill_beta", "hill_k", "hill_shape"):
            changes["curve_source"] = "team"
        self._commit(changes)

    def _on_unit_text(self, text: str, on_unit: Callable[[str], bool] | None) -> None:
        if self.quiet or on_unit is None:
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
              _("s {s} (kept: fewer than 6 months)").format(
                  s=format_rounded(fit.curve.shape, locale=locale))),
             f"R² {_number(fit.r_squared, locale, 2)}", months_text(fit.points, locale)]
    warn = ""
    if fit.uncertain():
        warn = message_html(_("Uncertain: a parameter's error is more than half its value. "
                              "Add months with different spends before relying on it."),
                            "warning")
    return f'<div class="sp-card-note">{html.escape(" · ".join(parts))}</div>{warn}'
