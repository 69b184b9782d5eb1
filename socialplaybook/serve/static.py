"""The static files the apps' pages load from the server (plotly.js, served once)."""

from __future__ import annotations

from pathlib import Path

# Where ``serve`` serves plotly.js under its base URL (widgets/kit/charts.py loads it there).
PLOTLY_JS_PATH = "social-playbook/static/plotly.min.js"


def plotly_js_file() -> Path:
    """The plotly.js bundle that ships with the plotly package."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
