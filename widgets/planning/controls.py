"""The planning app's small parts: labels, text boxes, captions, buttons.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
from pydantic import ValidationError

from socialplaybook.rules.i18n import _
from widgets.kit.messages import error_message, field_error_html

PLATFORM_SUGGESTIONS = (
    "YouTube", "Facebook", "Instagram", "Pinterest", "TikTok", "LinkedIn", "WhatsApp",
    "Snapchat", "X", "Reddit", "Threads", "Bluesky", "WeChat", "Blogs", "Forums",
    "Email newsletter", "Events")


def field_labels() -> dict[str, str]:
    """The planning fields as the forms name them, for messages shown at a field."""
    return {
        "business_result": _("Business result"), "metric": _("Metric"),
        "baseline": _("Baseline"), "target": _("Target"), "deadline": _("Deadline"),
        "owner": _("Owner"), "name": _("Name"), "kind": _("B2B or B2C"),
        "age_bands": _("Age bands"), "region": _("Region"), "needs": _("What they need"),
        "where_they_are": _("Where they spend time"), "title": _("Milestone"),
        "start": _("Start"), "end": _("End"), "depends_on": _("After"),
        "people": _("People"), "hours_per_week": _("Hours per week"),
        "work_week_hours": _("Your working week (hours)"),
        "unit": _("Unit"), "region_code": _("Age bands from"),
        "growth_per_year": _("Growth per 12 months (x)"),
        "small_baseline": _("Small baseline below"),
        "points_per_year": _("Percentage points per 12 months"),
        "deadline_min_months": _("Nearest deadline (months)"),
        "deadline_max_months": _("Furthest deadline (months)"),
    }


def unit_labels() -> dict[str, str]:
    """A goal's unit as the goal form offers it."""
    return {"": _("From the metric (% = a share)"),
            "number": _("A number or an amount"), "percent": _("A percentage (0-100)")}



def planning_error_html(exc: ValidationError, locale: str = "en") -> str:
    """A validation error shown under the planning fields it is about, naming the field
    (its limits in the team's number ``locale``)."""
    return field_error_html(error_message(exc, field_labels(), locale), wide=True)


def _text(placeholder: str, value: str, width: str = "260px", description: str = "") -> w.Text:
    return w.Text(value=value, placeholder=placeholder, description=description,
                  layout=w.Layout(width=width), style={"description_width": "initial"})


def _intro(text: str) -> w.HTML:
    return w.HTML(f'<div class="sp-part-intro">{html.escape(text)}</div>')


def _add_button(label: str, on_click: Callable) -> w.Button:
    button = w.Button(description=label, icon="plus", button_style="primary",
                      layout=w.Layout(width="auto", align_self="flex-start"))
    button.on_click(on_click)
    return button


def _field(label: str, control: w.Widget) -> w.VBox:
    caption = w.HTML(f'<span class="sp-muted" style="font-size:12.5px">{html.escape(label)}'
                     "</span>")
    return w.VBox([caption, control], layout=w.Layout(margin="0 12px 6px 0"))
