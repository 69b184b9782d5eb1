"""Description labels wide enough for their text in every language: a label cut to "Ihr…"
or "თქვენი…" is a control nobody can name. Widths are estimated from the text at the apps'
13 px font (Chinese characters are square, Georgian letters wider than Latin ones)."""

from __future__ import annotations

import unicodedata

import ipywidgets as w

LABEL_PADDING_PX = 12  # the label's right margin and a little air


def text_width_px(text: str) -> int:
    """About how many pixels ``text`` takes at 13 px."""
    width = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            width += 13.5
        elif "\u10a0" <= char <= "\u10ff" or "\u1c90" <= char <= "\u1cbf":  # Georgian
            width += 9.8
        elif char.isupper() or char in "mwMW":
            width += 9.7
        elif char in "iljtf.,:;' |":
            width += 4.3
        else:
            width += 7.8
    return round(width)


def label_width_px(*labels: str, minimum_px: int = 0) -> int:
    """The description width that shows the widest of ``labels`` whole."""
    return max([minimum_px, *(text_width_px(label) + LABEL_PADDING_PX for label in labels)])


def fit_label(control: w.DOMWidget, minimum_px: int, control_px: int | None = None) -> None:
    """Make ``control``'s description as wide as its text needs (at least ``minimum_px``);
    with ``control_px``, the whole control is the label plus that much for the input."""
    label = label_width_px(control.description, minimum_px=minimum_px)
    control.style.description_width = f"{label}px"
    if control_px is not None:
        control.layout.width = f"{label + control_px}px"


def fit_labels(controls: list[w.DOMWidget], minimum_px: int,
               control_px: int | None = None) -> None:
    """One label width for ``controls`` stacked in a column (their inputs line up)."""
    label = label_width_px(*(c.description for c in controls), minimum_px=minimum_px)
    for control in controls:
        control.style.description_width = f"{label}px"
        if control_px is not None:
            control.layout.width = f"{label + control_px}px"
