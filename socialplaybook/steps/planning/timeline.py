"""The action plan's milestones on a timeline (a plotly figure)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from socialplaybook.rules.fonts import APP_FONTS
from socialplaybook.rules.i18n import _
from socialplaybook.rules.text import plotly_text

if TYPE_CHECKING:  # plotly loads in ~0.5 s; the audit app never needs it
    import plotly.graph_objects as go

INK = "#1f2a44"
ACCENT = "#2a6f97"
GRID = "#d9dee7"


def milestone_timeline(milestones, horizon: tuple | None = None) -> go.Figure:
    """The action plan as horizontal bars from start to end, first milestone on top.

    ``milestones`` are planning.Milestone; ``horizon`` is an optional (start, end) pair of
    dates drawn as a shaded band. A milestone that ends before it starts is drawn red.
    """
    from datetime import timedelta

    import plotly.graph_objects as go

    rows = list(milestones)
    # Every text the user typed goes through plotly_text: plotly reads HTML in labels and
    # hover text, and a title "<b>x</b>" must be shown as typed, not in bold.
    labels = [f"{plotly_text(m.id)} · {plotly_text(m.title) if m.title else _('(untitled)')}"
              for m in rows]
    starts = [m.start for m in rows]
    # A bar covers whole days: from the start day to the end of the end day.
    lengths_ms = [max((m.end - m.start).days + 1, 0) * 86_400_000 for m in rows]
    colours = [ACCENT if m.end >= m.start else "#d64545" for m in rows]
    hover = [
        f"{label}<br>{m.start.isoformat()} → {m.end.isoformat()}"
        + (f"<br>{_('owner')}: {plotly_text(m.owner)}" if m.owner else "")
        + (f"<br>{_('after')}: {plotly_text(', '.join(m.depends_on))}" if m.depends_on else "")
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
        font={"family": APP_FONTS},
    )
    return figure
