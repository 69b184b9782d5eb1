"""Numbers as people type them: "1,200", "1 200", "12.5", "" (nothing yet)."""

from __future__ import annotations

import math
import re

from socialplaybook.i18n import _

# Thousands may be grouped with commas, spaces (also the no-break kinds) or apostrophes.
_GROUPING = re.compile(r"(?<=\d)[,\s\u00a0\u202f'](?=\d{3}(?:\D|$))")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
MAX_TYPED_NUMBER = 1e12


def parse_number(text: str, *, minimum: float | None = 0, maximum: float = MAX_TYPED_NUMBER,
                 whole: bool = False) -> float | None:
    """The number in ``text``, or None when it is blank; ValueError says what is wrong.

    Accepts thousands separators (1,200 / 1 200) and a decimal point or comma (2.5 / 2,5).
    ``minimum`` and ``maximum`` bound the value; ``whole`` asks for a whole number.
    """
    stripped = text.strip()
    if not stripped:
        return None
    compact = _GROUPING.sub("", stripped)
    if compact.count(",") == 1 and "." not in compact:  # a decimal comma: 2,5
        compact = compact.replace(",", ".")
    if not _NUMBER.fullmatch(compact):
        raise ValueError(_("'{text}' is not a number.").format(text=stripped[:40]))
    value = float(compact)
    if not math.isfinite(value) or abs(value) > maximum:
        raise ValueError(_("{text} is too large (at most {max:,.0f}).").format(
            text=stripped[:40], max=maximum))
    if minimum is not None and value < minimum:
        raise ValueError(_("Must be {min:g} or more, not {text}.").format(
            min=minimum, text=stripped[:40]))
    if whole and value != int(value):
        raise ValueError(_("Must be a whole number, not {text}.").format(text=stripped[:40]))
    return float(int(value)) if whole else value
