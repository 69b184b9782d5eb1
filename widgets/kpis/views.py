"""The KPI app's suggestions, trees and measurement plan as HTML.
"""

from __future__ import annotations

import html

from socialplaybook.datasets import KpiDefinition
from socialplaybook.rules.i18n import _
from socialplaybook.steps.kpis.vocabulary import (
    level_labels,
    stage_labels,
)
from widgets.kit.card import tag_html

# A copy button that reads the link from the box before it (no user text in the script).
COPY_BUTTON = ('<button class="sp-kp-copy" type="button" onclick="const i=this.previousElement'
               'Sibling;i.select();(navigator.clipboard?navigator.clipboard.writeText(i.value)'
               ':Promise.reject()).catch(()=>document.execCommand(\'copy\'))">{label}</button>')


def suggestions_html(suggestions: list[KpiDefinition]) -> str:
    """The catalog's suggestions for a goal: name, level, stage, vanity mark, why (escaped)."""
    if not suggestions:
        return ""
    levels, stages = level_labels(), stage_labels()
    items = "".join(
        f"<li><b>{html.escape(d.name)}</b>{tag_html(levels[d.level], d.level)}"
        f"{tag_html(stages[d.stage])}"
        + (tag_html(_("vanity"), "vanity") if d.kind == "vanity" else "")
        + f'<br><span class="sp-card-note">{html.escape(d.why)}</span></li>'
        for d in suggestions)
    return (f'<div class="sp-label">{html.escape(_("Suggested for this goal"))}</div>'
            f'<ul class="sp-kp-sugg">{items}</ul>')


def tree_html(nodes) -> str:
    """The KPI trees (``kpi_tree``'s nodes) as nested lists, every label escaped."""
    if not nodes:
        return ""
    levels = level_labels()
    children: dict[str, list] = {}
    for node in nodes:
        children.setdefault(node.parent, []).append(node)

    def branch(parent: str) -> str:
        items = []
        for node in children.get(parent, []):
            if node.level == "goal":
                box = f'<span class="sp-kp-node sp-kp-goal">{html.escape(node.label)}</span>'
            else:
                vanity = " sp-kp-vanity" if node.vanity else ""
                mark = tag_html(_("vanity"), "vanity") if node.vanity else ""
                box = (f'<span class="sp-kp-node sp-kp-{node.level}{vanity}">'
                       f"{html.escape(levels[node.level])}: {html.escape(node.label)}"
                       f"{mark}</span>")
            items.append(f"<li>{box}{branch(node.id)}</li>")
        return f"<ul>{''.join(items)}</ul>" if items else ""

    return f'<div class="sp-kp-tree">{branch("")}</div>'


def plan_table_html(rows) -> str:
    """The measurement plan as an HTML table (every cell escaped)."""
    if not rows:
        return f'<div class="sp-card-note">{html.escape(_("No KPIs yet."))}</div>'
    numbers = (3, 4)  # baseline and target, right-aligned as numbers are
    head = "".join(f"<th{' class=sp-num' if i in numbers else ''}>{html.escape(t)}</th>"
                   for i, t in enumerate((_("Goal"), _("KPI"), _("Level"), _("Baseline"),
                                          _("Target"), _("Horizon"), _("Source"), _("Owner"),
                                          _("Review"))))
    body = "".join("<tr>" + "".join(
        f"<td{' class=sp-num' if i in numbers else ''}>{html.escape(cell)}</td>"
        for i, cell in enumerate((r.goal, r.kpi, r.level, r.baseline, r.target, r.horizon,
                                  r.source, r.owner, r.cadence)))
        + "</tr>" for r in rows)
    return f'<table class="sp-table sp-kp-plan"><tr>{head}</tr>{body}</table>'
