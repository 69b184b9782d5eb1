"""Plotly figure builders, shared by the widgets and the reports."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from socialplaybook.audit import AreaScore, area_labels
from socialplaybook.i18n import _

INK = "#1f2a44"
ACCENT = "#2a6f97"
GRID = "#d9dee7"


def audit_radar(scores: Mapping[str, AreaScore]) -> go.Figure:
    """A radar chart of the area scores (0-100, outer ring = healthiest).

    Unanswered areas are drawn at 0 with a hollow marker and "no answers yet" on hover.
    """
    labels = area_labels()
    names = [labels[area] for area in scores]
    values = [s.score if s.score is not None else 0 for s in scores.values()]
    hover = [
        _("{area}: {score:.0f} / 100 ({answered} of {total} answered)").format(
            area=labels[s.area], score=s.score, answered=s.answered, total=s.statements)
        if s.score is not None
        else _("{area}: no answers yet").format(area=labels[s.area])
        for s in scores.values()
    ]
    symbols = ["circle" if s.score is not None else "circle-open" for s in scores.values()]
    figure = go.Figure(
        go.Scatterpolar(
            r=values + values[:1],
            theta=names + names[:1],
            fill="toself",
            fillcolor="rgba(42, 111, 151, 0.25)",
            line={"color": ACCENT, "width": 2},
            marker={"size": 9, "symbol": symbols + symbols[:1], "color": ACCENT},
            hovertext=hover + hover[:1],
            hoverinfo="text",
            name=_("Score"),
        )
    )
    figure.update_layout(
        polar={
            "radialaxis": {"range": [0, 100], "tickvals": [25, 50, 75, 100],
                           "gridcolor": GRID, "tickfont": {"size": 11, "color": "#6b7280"}},
            "angularaxis": {"gridcolor": GRID, "tickfont": {"size": 14, "color": INK}},
            "bgcolor": "white",
        },
        showlegend=False,
        margin={"l": 70, "r": 70, "t": 30, "b": 30},
        height=360,
        paper_bgcolor="white",
        font={"family": "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"},
    )
    return figure
