"""The budget app's boxes, rows and number fields.
"""

from __future__ import annotations

import scipy.optimize  # noqa: F401 - the solver loads while the kernel is preheated

from socialplaybook.rules.numbers import format_number
from socialplaybook.steps.budget.limits import (
    MAX_MONEY_PER_MONTH,
)
from widgets.kit.fields import NumberField

TODAY_COLOUR, RECOMMENDED_COLOUR, CURVE_COLOUR = "#6b7280", "#2a6f97", "#1f2a44"




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
