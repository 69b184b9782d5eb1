"""Charts for documents, drawn by the core as inline SVG: bars, a timeline, lines over months.

The exports (HTML, and the PDF made from it) and any page show the same charts without a
charting script, offline and in print. Every text that reaches a chart (a platform's name,
a milestone a team typed) is escaped here; numbers are written the team's way
(:mod:`socialplaybook.rules.numbers`). Each chart is an ``<svg class="sp-chart">`` with
``data-chart`` naming it, ``role="img"`` and an ``aria-label``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from socialplaybook.rules.dates import add_months
from socialplaybook.rules.fonts import DOCUMENT_FONTS

INK, MUTED, GRID = "#1f2a44", "#4b5563", "#d1d5db"
COLOURS = ("#2a6f97", "#c2410c", "#15803d", "#7c3aed", "#b45309", "#0f766e")
FLAGGED = "#b91c1c"
FONT = DOCUMENT_FONTS
WIDTH = 640


def _open(key: str, label: str, width: float, height: float) -> str:
    text = escape(label, quote=True)
    return (f'<svg class="sp-chart" data-chart="{escape(key, quote=True)}" role="img" '
            f'aria-label="{text}" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
            f'height="{height:.0f}" xmlns="http://www.w3.org/2000/svg" '
            f'font-family="{FONT}" font-size="12"><title>{escape(label)}</title>')


def _shorten(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars - 1] + "…"


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About ``count`` round values (1, 2 or 5 times a power of ten) covering low to high."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ticks = [math.floor(low / step) * step]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def bar_chart_svg(key: str, label: str, bars: Sequence[tuple[str, float]],
                  value_text: Callable[[float], str]) -> str:
    """Horizontal bars, one per ``(name, value)`` (values of 0 or more), each with its value
    written by ``value_text`` at its end."""
    row, left, right = 26, 230, 110
    height = 16 + row * max(len(bars), 1)
    top = max((value for _name, value in bars), default=0.0) or 1.0
    parts = [_open(key, label, WIDTH, height)]
    for index, (name, value) in enumerate(bars):
        y = 8 + index * row
        length = (WIDTH - left - right) * max(value, 0.0) / top
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" fill="{INK}">'
            f'{escape(_shorten(name, 30))}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{COLOURS[0]}" data-value="{value:g}"><title>{escape(name)}: '
            f'{escape(value_text(value))}</title></rect>'
            f'<text x="{left + length + 6:.1f}" y="{y + 15}" fill="{MUTED}">'
            f'{escape(value_text(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class TimelineBar:
    """One bar of a timeline: a name, its first and last day, and whether it is flagged
    (drawn red: its end is before its start)."""

    name: str
    start: date
    end: date
    flagged: bool = False


def timeline_svg(key: str, label: str, bars: Sequence[TimelineBar]) -> str:
    """Bars on a calendar (a Gantt chart), a tick at the start of each month or quarter."""
    row, left, right, axis = 24, 230, 16, 22
    height = axis + 10 + row * max(len(bars), 1)
    first = min((min(b.start, b.end) for b in bars), default=date.today()).replace(day=1)
    last = max((max(b.start, b.end) for b in bars), default=first)
    span = max((last - first).days + 1, 1)

    def x(day: date) -> float:
        return left + (WIDTH - left - right) * (day - first).days / span

    parts = [_open(key, label, WIDTH, height)]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    every = 1 if months <= 12 else 3 if months <= 36 else 12
    tick = date(first.year, first.month, 1)
    while tick <= last:
        parts.append(f'<line x1="{x(tick):.1f}" y1="{axis - 4}" x2="{x(tick):.1f}" '
                     f'y2="{height - 4}" stroke="{GRID}"/><text x="{x(tick) + 2:.1f}" '
                     f'y="{axis - 8}" fill="{MUTED}" font-size="10.5">'
                     f'{tick.strftime("%Y-%m")}</text>')
        tick = add_months(tick, every)
    for index, bar in enumerate(bars):
        y = axis + 4 + index * row
        start, end = (bar.start, bar.end) if bar.start <= bar.end else (bar.end, bar.start)
        begin = x(start)
        width = max(x(end) + (WIDTH - left - right) / span - begin, 2.0)
        colour = FLAGGED if bar.flagged else COLOURS[0]
        parts.append(
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end" fill="{INK}">'
            f'{escape(_shorten(bar.name, 30))}</text>'
            f'<rect x="{begin:.1f}" y="{y + 2}" width="{width:.1f}" height="{row - 8}" '
            f'rx="3" fill="{colour}"><title>{escape(bar.name)}: {bar.start.isoformat()} – '
            f'{bar.end.isoformat()}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Line:
    """One line of a line chart: its name (the legend), a value per step, and its colour."""

    name: str
    values: Sequence[float]
    colour: str = COLOURS[0]
    dashed: bool = False


def line_chart_svg(key: str, label: str, lines: Sequence[Line], x_label: str,
                   value_text: Callable[[float], str]) -> str:
    """Lines over steps 1..n (months), with a value axis (each tick written by
    ``value_text``), a zero line and a legend."""
    left, right, top, bottom = 64, 16, 28, 40
    height = 260
    count = max((len(line.values) for line in lines), default=0)
    values = [v for line in lines for v in line.values if math.isfinite(v)] or [0.0]
    ticks = nice_ticks(min(min(values), 0.0), max(max(values), 0.0))
    low, high = ticks[0], max(ticks[-1], ticks[0] + 1e-9)

    def x(step: int) -> float:
        return left + (WIDTH - left - right) * (step - 1) / max(count - 1, 1)

    def y(value: float) -> float:
        return height - bottom - (height - top - bottom) * (value - low) / (high - low)

    parts = [_open(key, label, WIDTH, height)]
    for tick in ticks:
        parts.append(f'<line x1="{left}" y1="{y(tick):.1f}" x2="{WIDTH - right}" '
                     f'y2="{y(tick):.1f}" stroke="{INK if tick == 0 else GRID}"/>'
                     f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
                     f'fill="{MUTED}" font-size="10.5">'
                     f'{escape(value_text(tick))}</text>')
    for step in range(1, count + 1, max(1, math.ceil(count / 12))):
        parts.append(f'<text x="{x(step):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                     f'fill="{MUTED}" font-size="10.5">{step}</text>')
    parts.append(f'<text x="{(left + WIDTH - right) / 2:.0f}" y="{height - 6}" '
                 f'text-anchor="middle" fill="{MUTED}">{escape(x_label)}</text>')
    for index, line in enumerate(lines):
        points = " ".join(f"{x(step):.1f},{y(value):.1f}"
                          for step, value in enumerate(line.values, start=1)
                          if math.isfinite(value))
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{line.colour}" '
                     f'stroke-width="2"{dash} data-line="{index}"><title>'
                     f'{escape(line.name)}</title></polyline>')
        legend_x = left + index * 270
        parts.append(f'<line x1="{legend_x}" y1="12" x2="{legend_x + 22}" y2="12" '
                     f'stroke="{line.colour}" stroke-width="2"{dash}/>'
                     f'<text x="{legend_x + 28}" y="16" fill="{INK}">'
                     f'{escape(_shorten(line.name, 34))}</text>')
    parts.append("</svg>")
    return "".join(parts)
