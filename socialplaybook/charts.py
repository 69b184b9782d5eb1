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


def milestone_timeline(milestones, horizon: tuple | None = None) -> go.Figure:
    """The action plan as horizontal bars from start to end, first milestone on top.

    ``milestones`` are planning.Milestone; ``horizon`` is an optional (start, end) pair of
    dates drawn as a shaded band. A milestone that ends before it starts is drawn red.
    """
    from datetime import timedelta

    rows = list(milestones)
    labels = [f"{m.id} · {m.title or _('(untitled)')}" for m in rows]
    starts = [m.start for m in rows]
    # A bar covers whole days: from the start day to the end of the end day.
    lengths_ms = [max((m.end - m.start).days + 1, 0) * 86_400_000 for m in rows]
    colours = [ACCENT if m.end >= m.start else "#d64545" for m in rows]
    hover = [
        f"{label}<br>{m.start.isoformat()} → {m.end.isoformat()}"
        + (f"<br>{_('owner')}: {m.owner}" if m.owner else "")
        + (f"<br>{_('after')}: {', '.join(m.depends_on)}" if m.depends_on else "")
        for label, m in zip(labels, rows, strict=True)
    ]
    figure = go.Figure(go.Bar(
        base=[s.isoformat() for s in starts], x=lengths_ms, y=labels, orientation="h",
        marker={"color": colours}, hovertext=hover, hoverinfo="text"))
    if horizon is not None:
        figure.add_vrect(x0=horizon[0].isoformat(),
                         x1=(horizon[1] + timedelta(days=1)).isoformat(),
                         fillcolor="rgba(42, 111, 151, 0.07)", line_width=0, layer="below")
    figure.update_layout(
        xaxis={"type": "date", "gridcolor": GRID},
        yaxis={"autorange": "reversed", "tickfont": {"size": 13, "color": INK}},
        height=max(160, 60 + 34 * len(rows)),
        margin={"l": 10, "r": 20, "t": 10, "b": 30},
        showlegend=False, plot_bgcolor="white", paper_bgcolor="white",
        font={"family": "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"},
    )
    return figure
