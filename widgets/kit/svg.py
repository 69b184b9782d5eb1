"""Small charts as inline SVG: one plot area with a scale on each axis, and every value on an
axis or in a tooltip written the team's way (socialplaybook.rules.numbers).

Inline SVG, not plotly: it is drawn with the page, costs no script, and prints. Text that
came from a person or the data (a platform's name) is escaped here.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from socialplaybook.rules.fonts import APP_FONTS
from socialplaybook.rules.numbers import format_compact

INK, MUTED, GRID = "#1f2a44", "#4b5563", "#d1d5db"
FONT = APP_FONTS


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About ``count`` round values (steps of 1, 2 or 5 times a power of ten) from ``low`` to
    ``high``, both included in the range they cover."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


@dataclass
class SvgChart:
    """A plot area of ``width`` x ``height`` pixels inside margins, mapping data ranges
    ``x_range`` and ``y_range`` onto it; parts are added, then ``svg()`` writes the chart."""

    width: int
    height: int
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    locale: str = "en"
    margins: tuple[int, int, int, int] = (44, 10, 20, 26)  # left, right, top, bottom
    parts: list[str] = field(default_factory=list)

    @property
    def left(self) -> float:
        return self.margins[0]

    @property
    def right(self) -> float:
        return self.width - self.margins[1]

    @property
    def top(self) -> float:
        return self.margins[2]

    @property
    def bottom(self) -> float:
        return self.height - self.margins[3]

    def x(self, value: float) -> float:
        """The horizontal pixel of a data value."""
        low, high = self.x_range
        return self.left + (self.right - self.left) * (value - low) / ((high - low) or 1)

    def y(self, value: float) -> float:
        """The vertical pixel of a data value (up is more)."""
        low, high = self.y_range
        return self.bottom - (self.bottom - self.top) * (value - low) / ((high - low) or 1)

    def number(self, value: float) -> str:
        """A value as an axis shows it: short, in the team's number format."""
        return format_compact(value, locale=self.locale)

    # -- parts -----------------------------------------------------------------------------

    def text(self, x: float, y: float, content: str, *, anchor: str = "start", size: int = 10,
             colour: str = MUTED, bold: bool = False) -> None:
        weight = ' font-weight="600"' if bold else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" '
                          f'text-anchor="{anchor}" fill="{colour}"{weight}>'
                          f"{html.escape(content)}</text>")

    def line(self, x1: float, y1: float, x2: float, y2: float, *, colour: str = GRID,
             dash: str = "") -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                          f'stroke="{colour}"{extra}/>')

    def y_axis(self, ticks: Iterable[float], suffix: str = "", gridlines: bool = False) -> None:
        """The value axis: a line at the left and a label at each tick (``suffix`` after each,
        e.g. " %")."""
        self.line(self.left, self.top, self.left, self.bottom)
        for tick in ticks:
            y = self.y(tick)
            if gridlines:
                self.line(self.left, y, self.right, y, colour="#eef0f4")
            self.text(self.left - 4, y + 3.5, self.number(tick) + suffix, anchor="end")

    def x_axis(self, ticks: Iterable[tuple[float, str]]) -> None:
        """The horizontal axis: a line at the bottom and each ``(value, label)`` under it; a
        label at an end of the axis starts or ends there, so neither the chart's edge nor
        the value axis's labels overlap it."""
        self.line(self.left, self.bottom, self.right, self.bottom)
        for value, label in ticks:
            x = self.x(value)
            anchor = ("end" if x >= self.right - 0.5 else "start" if x <= self.left + 0.5
                      else "middle")
            self.text(x, self.bottom + 13, label, anchor=anchor)

    def polyline(self, points: Sequence[tuple[float, float]], *, colour: str = INK,
                 width: float = 2, dash: str = "") -> None:
        path = " ".join(f"{self.x(x):.1f},{self.y(y):.1f}" for x, y in points)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                          f'stroke-width="{width}"{extra}/>')

    def dot(self, x: float, y: float, colour: str, title: str = "", radius: float = 5) -> None:
        tip = f"<title>{html.escape(title)}</title>" if title else ""
        self.parts.append(f'<circle cx="{self.x(x):.1f}" cy="{self.y(y):.1f}" r="{radius}" '
                          f'fill="{colour}">{tip}</circle>')

    def bars(self, values: Sequence[float], colour: str,
             title: Callable[[int, float], str] = lambda index, value: "") -> None:
        """One bar per value, at x = 0, 1, ... (the x range should be -0.5 to n - 0.5)."""
        width = (self.x(1) - self.x(0)) * 0.8
        for index, value in enumerate(values):
            top, base = self.y(max(value, 0)), self.y(min(value, 0))
            tip = title(index, value)
            tip = f"<title>{html.escape(tip)}</title>" if tip else ""
            self.parts.append(f'<rect x="{self.x(index) - width / 2:.1f}" y="{top:.1f}" '
                              f'width="{width:.1f}" height="{max(base - top, 0):.1f}" '
                              f'fill="{colour}">{tip}</rect>')

    def svg(self, css_class: str, label: str, data: dict[str, str] | None = None) -> str:
        """The chart as an ``<svg>`` element, named ``label`` for screen readers."""
        attributes = "".join(f' data-{key}="{html.escape(value)}"'
                             for key, value in (data or {}).items())
        return (f'<svg class="{css_class}"{attributes} viewBox="0 0 {self.width} {self.height}" '
                f'width="{self.width}" height="{self.height}" role="img" '
                f'aria-label="{html.escape(label)}" xmlns="http://www.w3.org/2000/svg" '
                f'font-family="{FONT}">' + "".join(self.parts) + "</svg>")
