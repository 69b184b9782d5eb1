"""The building blocks of an app's page: a card with a title and a note, rows of controls,
a control with its label above it, and a small tag (classes in widgets/kit/style.py)."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w


def card(title: str, note: str, children: list[w.Widget],
         make_html: Callable[[str], w.HTML] = w.HTML) -> w.VBox:
    """A card: ``title`` as its heading, ``note`` (if any) under it, then ``children``.

    ``make_html`` makes the heading's widget (an app that shares one layout and style among
    its plain HTML passes its own maker).
    """
    head = make_html(f'<div class="sp-card-h">{html.escape(title)}</div>'
                     + (f'<div class="sp-card-note">{html.escape(note)}</div>' if note else ""))
    box = w.VBox([head, *children])
    box.add_class("sp-card")
    return box


def row(children: list[w.Widget], top: bool = False) -> w.HBox:
    """Controls side by side, wrapping on a narrow screen; aligned on their bottom edge (their
    boxes line up under labels of different heights), or on their top with ``top``."""
    box = w.HBox(children)
    box.add_class("sp-row-top" if top else "sp-row")
    return box


def stacked(control: w.Widget) -> w.Widget:
    """``control`` with its description shown above it (and named to screen readers)."""
    control.add_class("sp-stack")
    if hasattr(control, "style") and hasattr(control.style, "description_width"):
        control.style.description_width = "initial"
    return control


def tag_html(text: str, kind: str = "") -> str:
    """A small tag after a name ("default", "vanity"...), as escaped HTML; ``kind`` colours it
    (team, nodata, vanity, outcome)."""
    extra = f" sp-tag-{kind}" if kind else ""
    return f'<span class="sp-tag{extra}">{html.escape(text)}</span>'
