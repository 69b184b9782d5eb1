"""The audit's area scores as an SVG radar (the app and the exports draw the same one)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

from socialplaybook.datasets import AREAS
from socialplaybook.rules.fonts import APP_FONTS
from socialplaybook.rules.i18n import _
from socialplaybook.steps.audit.scores import AreaScore, area_labels

INK = "#1f2a44"
ACCENT = "#2a6f97"
GRID = "#d9dee7"


def audit_radar_svg(scores: Mapping[str, AreaScore], size: int = 400) -> str:
    """The area scores as a radar chart in inline SVG (0 at the centre, 100 at the rim).

    The audit app draws this rather than a plotly figure, so its page loads no charting
    script. Each point
    carries ``data-area`` and ``data-score`` and a hover title; unanswered areas are drawn
    at 0 as hollow points.
    """
    labels = area_labels()
    areas = list(scores)
    width, height = size * 1.1, size * 0.92
    centre_x, centre_y = width / 2, size * 0.46
    radius = size * 0.3

    def point(index: float, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / len(areas)  # clockwise from the top
        r = radius * value / 100
        return centre_x + r * math.cos(angle), centre_y + r * math.sin(angle)

    def polygon(values: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in
                        (point(i, v) for i, v in enumerate(values)))

    parts = [f'<svg class="sp-radar" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
             f'role="img" aria-label="{escape(_("Score per area, 0 to 100"))}" '
             f'xmlns="http://www.w3.org/2000/svg" font-family="{APP_FONTS}">']
    for ring in (25, 50, 75, 100):
        parts.append(f'<polygon points="{polygon([ring] * len(areas))}" fill="none" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        # between the first two axes, where no point can sit on it
        x, y = point(0.5, ring * math.cos(math.pi / len(areas)))
        parts.append(f'<text x="{x + 2:.1f}" y="{y - 2:.1f}" font-size="10.5" '
                     f'fill="#4b5563">{ring}</text>')
    for index, area in enumerate(areas):
        x, y = point(index, 100)
        parts.append(f'<line x1="{centre_x}" y1="{centre_y}" x2="{x:.1f}" y2="{y:.1f}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        lx, ly = point(index, 118)
        anchor = "middle" if abs(lx - centre_x) < 1 else ("start" if lx > centre_x else "end")
        colour = INK if scores[area].score is not None else "#5b6472"  # grey, 6:1: no answers
        parts.append(f'<text x="{lx:.1f}" y="{ly + 5:.1f}" text-anchor="{anchor}" '
                     f'font-size="14" fill="{colour}">{escape(labels[area])}</text>')
    values = [s.score if s.score is not None else 0.0 for s in scores.values()]
    parts.append(f'<polygon class="sp-radar-shape" points="{polygon(values)}" '
                 f'fill="rgba(42, 111, 151, 0.25)" stroke="{ACCENT}" stroke-width="2"/>')
    for index, s in enumerate(scores.values()):
        x, y = point(index, values[index])
        if s.score is None:
            title = _("{area}: no answers yet").format(area=labels[s.area])
            fill, shown = "white", ""
        else:
            title = _("{area}: {score:.0f} / 100 ({answered} of {total} answered)").format(
                area=labels[s.area], score=s.score, answered=s.answered, total=s.statements)
            fill, shown = ACCENT, f"{s.score:.0f}"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{fill}" '
                     f'stroke="{ACCENT}" stroke-width="2" data-area="{s.area}" '
                     f'data-score="{shown}"><title>{escape(title)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


# Teams' outlines on one radar: colours that keep 3:1 against white (WCAG's contrast for
# graphics), then the same colours dashed.
TEAM_COLOURS = ("#1d5f86", "#b54708", "#1f7a4d", "#8e3b8e", "#111827", "#a61b4b",
                "#4b5d16", "#5b4fc4")
TEAM_DASHES = ("", "6 4", "2 3")


def team_colour(index: int) -> tuple[str, str]:
    """The colour and dash pattern ("" for a solid line) of the ``index``-th team's outline."""
    colour = TEAM_COLOURS[index % len(TEAM_COLOURS)]
    dash = TEAM_DASHES[(index // len(TEAM_COLOURS)) % len(TEAM_DASHES)]
    return colour, dash


def audit_radars_svg(teams: Sequence[tuple[str, Mapping[str, AreaScore]]],
                     size: int = 400) -> str:
    """Several teams' area scores overlaid on one radar (each an outline, in
    :func:`team_colour`'s order); areas a team has not answered are drawn at 0.

    Each outline carries ``data-team`` and the team's name and scores as its title.
    """
    labels = area_labels()
    areas = list(AREAS)
    width, height = size * 1.1, size * 0.92
    centre_x, centre_y = width / 2, size * 0.46
    radius = size * 0.3

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / len(areas)  # clockwise from the top
        r = radius * value / 100
        return centre_x + r * math.cos(angle), centre_y + r * math.sin(angle)

    def polygon(values: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in
                        (point(i, v) for i, v in enumerate(values)))

    name = escape(_("Each team's score per area, 0 to 100"))
    parts = [f'<svg class="sp-radar sp-radars" viewBox="0 0 {width:.0f} {height:.0f}" '
             f'width="100%" role="img" aria-label="{name}" '
             f'xmlns="http://www.w3.org/2000/svg" font-family="{APP_FONTS}">']
    for ring in (25, 50, 75, 100):
        parts.append(f'<polygon points="{polygon([ring] * len(areas))}" fill="none" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        x, y = point(0, ring)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" font-size="10.5" '
                     f'fill="#4b5563">{ring}</text>')
    for index, area in enumerate(areas):
        x, y = point(index, 100)
        parts.append(f'<line x1="{centre_x}" y1="{centre_y}" x2="{x:.1f}" y2="{y:.1f}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        lx, ly = point(index, 118)
        anchor = "middle" if abs(lx - centre_x) < 1 else ("start" if lx > centre_x else "end")
        parts.append(f'<text x="{lx:.1f}" y="{ly + 5:.1f}" text-anchor="{anchor}" '
                     f'font-size="14" fill="{INK}">{escape(labels[area])}</text>')
    for index, (team, scores) in enumerate(teams):
        colour, dash = team_colour(index)
        values = [scores[a].score if a in scores and scores[a].score is not None else 0.0
                  for a in areas]
        shown = ", ".join(f"{labels[a]} {scores[a].score:.0f}" for a in areas
                          if a in scores and scores[a].score is not None)
        title = f"{team}: {shown}" if shown else team
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polygon class="sp-radar-team" data-team="{escape(team, quote=True)}" '
                     f'points="{polygon(values)}" fill="{colour}" fill-opacity="0.06" '
                     f'stroke="{colour}" stroke-width="2.5"{dashes}>'
                     f'<title>{escape(title)}</title></polygon>')
    parts.append("</svg>")
    return "".join(parts)
