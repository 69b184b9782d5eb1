"""Shared layouts and styles for the many plain widgets of an app (fewer models for the page)."""

from __future__ import annotations

import html

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from widgets.kit.card import card
from widgets.kit.items import shared


class PlainParts:
    """One layout and one style for all the checkboxes, and for all the plain HTML, of an
    app or an editor, instead of one of each per widget.

    The platforms app shows some 30 checkboxes and 30 texts: with a layout and a style
    each, they were 120 of the page's 335 widget models, each one sent, built and laid out
    by the browser before the app was usable. ``outlive_dispose``: the parts stay open when
    a widget using them is disposed (the app's own, whose checkboxes come and go).
    """

    def __init__(self, outlive_dispose: bool = False) -> None:
        keep = shared if outlive_dispose else (lambda model: model)
        self._checkbox_layout = keep(w.Layout(width="auto", margin="0 14px 0 0"))
        self._checkbox_style = keep(CheckboxStyle())
        self._html_layout = keep(w.Layout())
        self._html_style = keep(HTMLStyle())

    def checkbox(self, label: str) -> w.Checkbox:
        return w.Checkbox(value=False, description=label, indent=False,
                          layout=self._checkbox_layout, style=self._checkbox_style)

    def html(self, value: str = "") -> w.HTML:
        """HTML whose layout and style are never changed (its classes may be)."""
        return w.HTML(value, layout=self._html_layout, style=self._html_style)

    def label(self, text: str) -> w.HTML:
        return self.html(f'<div class="sp-label">{html.escape(text)}</div>')

    def box(self, title: str, note: str, children: list[w.Widget]) -> w.VBox:
        """A card whose heading is plain HTML of these parts."""
        return card(title, note, children, make_html=self.html)
