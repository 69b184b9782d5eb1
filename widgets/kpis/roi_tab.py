"""The KPI app's ROI tab: cost, value and the assumptions, and ROI month by month."""

from __future__ import annotations

import html

import ipywidgets as w

from socialplaybook.rules.dates import months_text
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_money, format_number
from socialplaybook.steps.kpis.roi import (
    effective_monthly_cost,
    project,
    roi_assumptions_text,
    roi_summary,
)
from socialplaybook.steps.kpis.section import KpisSection
from socialplaybook.steps.kpis.vocabulary import (
    MAX_CARRY_OVER_PERCENT_PER_WEEK,
    MAX_CONVERSIONS_PER_MONTH,
    MAX_DECLINE_PERCENT_PER_MONTH,
    MAX_GROWTH_CEILING_MULTIPLE,
    MAX_GROWTH_PERCENT_PER_MONTH,
    MAX_MONEY_PER_MONTH,
    MAX_ROI_MONTHS,
    MAX_VALUE_PER_CONVERSION,
)
from widgets.kit.card import card, row, stacked
from widgets.kit.fields import NumberField
from widgets.kit.messages import message_html
from widgets.kpis.charts import roi_chart_svg


class RoiTab:
    """The KPI app's ROI tab: the return month by month next to the naive view (a mixin of
    KpisApp)."""

    def _build_roi(self) -> list[w.Widget]:
        def number(label: str, placeholder: str, maximum: float, width: str,
                   **kwargs) -> NumberField:
            field = NumberField(placeholder, None, maximum=maximum, width=width,
                                description=label, locale=self.locale, **kwargs)
            stacked(field.text)
            field.observe(self._on_roi, names="value")
            return field

        self._cost = number(_("Monthly cost"), _("per month"), MAX_MONEY_PER_MONTH, "170px")
        self._roi_fields = {
            "monthly_cost": self._cost,
            "value_per_conversion": number(_("Value of one conversion"), _("per conversion"),
                                           MAX_VALUE_PER_CONVERSION, "170px"),
            "conversions_per_month": number(_("Conversions, first month"), _("conversions"),
                                            MAX_CONVERSIONS_PER_MONTH, "170px"),
            "margin_percent": number(_("Gross margin (%)"), _("e.g. 40"), 100, "150px"),
            "carry_over_percent_per_week": number(_("Carry-over (% a week)"),
                                                  _("the budget's"),
                                                  MAX_CARRY_OVER_PERCENT_PER_WEEK, "170px"),
            "growth_percent_per_month": number(_("Community growth (% a month)"), "0",
                                               MAX_GROWTH_PERCENT_PER_MONTH, "220px"),
            "growth_ceiling_multiple": number(_("Growth stops at (x the first month)"),
                                              _("no ceiling"), MAX_GROWTH_CEILING_MULTIPLE,
                                              "240px"),
            "organic_decline_percent_per_month": number(
                _("Organic reach decline (% a month)"), "0",
                MAX_DECLINE_PERCENT_PER_MONTH, "240px"),
            "months": number(_("Months shown"), _("months"), MAX_ROI_MONTHS, "110px",
                             minimum=1, whole=True)}
        self._cost_note = self._html()
        self._roi_summary = self._html()
        self._roi_chart = self._html()
        self._roi_assumptions = self._html()
        return [card(_("ROI over time"), _(
            "Returns on social media build: an audience becomes a community and trust grows, "
            "but only the growth you assume (up to a ceiling you set) is counted, and the "
            "value of a conversion counts profit only with your gross margin. Compare the "
            "naive view (this month's return from this month's spend) with your "
            "assumptions."), [
            row(list(self._roi_fields.values())), self._cost_note, self._roi_summary,
            self._roi_chart, self._roi_assumptions])]


    def _on_roi(self, _change) -> None:
        if self.busy():
            return
        values = {name: field.value for name, field in self._roi_fields.items()}
        for name in ("growth_percent_per_month", "organic_decline_percent_per_month",
                     "months"):
            if values[name] is None:  # blank: back to the stated assumption
                values[name] = type(self.section.roi).model_fields[name].default
        self.replace(roi=self.section.roi.model_copy(update=values))


    def _draw_roi(self, section: KpisSection) -> None:
        roi = section.roi
        cost, origin = effective_monthly_cost(roi, self._budget, self._platforms_section)
        self._cost.text.description = _("Monthly cost ({currency})").format(
            currency=self.currency)
        self._roi_fields["value_per_conversion"].text.description = _(
            "Value of one conversion ({currency})").format(currency=self.currency)
        # a blank cost field shows, greyed, the budget step's figure it stands for
        self._cost.text.placeholder = (format_number(round(cost), locale=self.locale)
                                       if origin == "budget" else _("per month"))
        if origin == "budget":
            note = _("The monthly cost comes from your budget step (activities, paid "
                     "promotion and staff time): {cost}. Type a number to use another."
                     ).format(cost=format_money(cost, self.currency, self.locale))
        elif origin == "team":
            note = _("Count staff time as well as money: social media is not free.")
        else:
            note = _("Your budget step has no monthly total yet: enter the monthly cost here "
                     "(staff time, tools and paid reach).")
        self._cost_note.value = f'<div class="sp-card-note">{html.escape(note)}</div>'
        projection, missing = project(roi, self._budget, self._platforms_section)
        if projection is None:
            self._roi_summary.value = message_html(missing, "info")
            self._roi_chart.value = ""
        else:
            month = projection.break_even_month
            headline = (_("Break-even: month {month}").format(month=month) if month is not None
                        else _("No break-even within {period}").format(
                            period=months_text(roi.months, self.locale)))
            summary = roi_summary(projection, roi.months, self.currency, self.locale)
            self._roi_summary.value = (
                f'<div class="sp-kp-breakeven">{html.escape(headline)}</div>'
                f'<div class="sp-card-note">{html.escape(summary)}</div>')
            self._roi_chart.value = roi_chart_svg(projection, self.currency, self.locale)
        assumptions = roi_assumptions_text(roi, self._budget, self.locale)
        self._roi_assumptions.value = (f'<div class="sp-card-note">'
                                       f"{html.escape(assumptions)}</div>")
