"""What a person sees of an app, as text, to look for numbers not written the team's way.

``visible_text`` walks a widget tree as the page shows it: the text of every HTML and
label value (markup, attributes, scripts and styles left out; an SVG's tooltips kept),
what a field holds and its grey placeholder, each control's caption, a dropdown's options
and the tabs' titles. ``foreign_numbers`` (tests/foreign_numbers.py) finds the numbers in
it written another locale's way.
"""

from __future__ import annotations

from html.parser import HTMLParser

import ipywidgets as w

from tests.foreign_numbers import foreign_numbers

__all__ = ["foreign_numbers", "html_text", "visible_text"]


class _TextOf(HTMLParser):
    """The text of an HTML fragment: no markup, no attribute, no script or style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self._skipping += 1
        self.parts.append(" ")

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style") and self._skipping:
            self._skipping -= 1
        self.parts.append(" ")

    def handle_data(self, data) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """The text a browser shows of ``fragment`` (tags become spaces)."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def visible_text(widget: w.Widget) -> str:
    """Everything a person reads in ``widget`` and the widgets inside it, one line each."""
    lines: list[str] = []
    seen: set[int] = set()

    def walk(node) -> None:
        if not isinstance(node, w.Widget) or id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, (w.HTML, w.HTMLMath)):
            lines.append(html_text(node.value))
        elif isinstance(node, w.Label):
            lines.append(node.value)
        elif isinstance(node, (w.Text, w.Textarea)):
            lines.extend([node.value, node.placeholder])
        elif isinstance(node, (w.Dropdown, w.Select, w.ToggleButtons, w.RadioButtons)):
            lines.extend(str(label) for label in node._options_labels)
        for name in ("description", "tooltip"):
            text = getattr(node, name, None)
            if isinstance(text, str):
                lines.append(text)
        if isinstance(node, w.Tab):
            lines.extend(str(title) for title in node.titles)
        for child in getattr(node, "children", ()) or ():
            walk(child)

    walk(widget)
    return "\n".join(line for line in lines if line and line.strip())
