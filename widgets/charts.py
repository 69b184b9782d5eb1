"""Showing plotly figures in apps without FigureWidget (which ships ~5 MB of JS per page)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import ipywidgets as w

if TYPE_CHECKING:
    import plotly.graph_objects as go

PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
# Not "responsive": that sizes the chart to its box, and an Output's box has no height.
PLOTLY_CONFIG = {"displayModeBar": False}


def figure_output(figure: go.Figure) -> dict:
    """The figure as one notebook output, rendered by plotly's JupyterLab extension."""
    spec = json.loads(figure.to_json())
    return {
        "output_type": "display_data",
        "data": {
            PLOTLY_MIMETYPE: {**spec, "config": PLOTLY_CONFIG},
            "text/plain": "<plotly figure>",
        },
        "metadata": {},
    }


class FigureView(w.Output):
    """An Output that shows one plotly figure; ``show()`` replaces it in one message."""

    def show(self, figure: go.Figure) -> None:
        """Replace the shown figure."""
        self.figure = figure
        # The plotly renderer sizes itself to its box, and an Output's box is as tall as
        # its content says: without a height the chart collapses to nothing.
        height = f"{figure.layout.height or 450}px"
        if self.layout.min_height != height:
            self.layout.min_height = height
        self.outputs = (figure_output(figure),)
