"""KPI trees: for each goal, outcome KPIs -> driver KPIs -> activity KPIs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from socialplaybook.datasets import KpiDefinition
from socialplaybook.rules.i18n import _
from socialplaybook.rules.text import plotly_text
from socialplaybook.steps.kpis.catalog import catalog_by_id, kpi_vanity
from socialplaybook.steps.kpis.section import Kpi
from socialplaybook.steps.kpis.vocabulary import LEVELS, level_labels

if TYPE_CHECKING:  # plotly loads in ~0.5 s: only when a treemap is drawn
    import plotly.graph_objects as go

@dataclass(frozen=True)
class TreeNode:
    """One box of a KPI tree: a goal or a KPI, its parent's id ("" for a goal), its depth."""

    id: str
    parent: str
    label: str
    level: str  # "goal", or a KPI level
    depth: int
    vanity: bool = False


def kpi_tree(goals: Sequence[tuple[str, str]], kpis: Sequence[Kpi],
             catalog: dict[str, KpiDefinition] | None = None) -> list[TreeNode]:
    """The KPI tree of every goal: goal -> outcome KPIs -> driver KPIs -> activity KPIs.

    ``goals`` are (id, label) pairs. A level hangs under the last KPI of the nearest level
    above it (or the goal): drivers under the goal's last outcome, activities under its last
    driver. KPIs of no listed goal form a group "Not tied to a goal". Nodes in depth-first
    order, ready for an indented list or a treemap (id, parent).
    """
    catalog = catalog_by_id() if catalog is None else catalog
    known = {gid for gid, _label in goals}
    groups = list(goals)
    if any(k.goal_id not in known for k in kpis):
        groups.append(("", _("Not tied to a goal")))
    nodes: list[TreeNode] = []
    for gid, label in groups:
        goal_node = f"goal:{gid}"
        nodes.append(TreeNode(goal_node, "", label, "goal", 0))
        mine = [k for k in kpis if (k.goal_id == gid if gid else k.goal_id not in known)]
        parent, depth = goal_node, 1
        for level in LEVELS:
            at_level = [k for k in mine if k.level == level]
            for kpi in at_level:
                nodes.append(TreeNode(kpi.id, parent, kpi.name, level, depth,
                                      kpi_vanity(kpi, catalog).is_vanity))
            if at_level:
                parent, depth = at_level[-1].id, depth + 1
    return nodes


TREE_COLOURS = {"goal": "#d6e6f5", "outcome": "#dcfce7", "driver": "#eef0f4",
                "activity": "#ffffff", "vanity": "#fef3c7"}


def kpi_treemap(nodes: Sequence[TreeNode]) -> go.Figure:
    """The KPI trees (``kpi_tree``'s nodes) as a plotly treemap; vanity KPIs in amber.

    Labels are the team's text: escaped, since plotly reads HTML in them.
    """
    import plotly.graph_objects as go

    levels = level_labels()
    labels = [plotly_text(node.label if node.level == "goal"
                          else f"{levels[node.level]}: {node.label}") for node in nodes]
    colours = [TREE_COLOURS["vanity" if node.vanity else node.level] for node in nodes]
    figure = go.Figure(go.Treemap(
        ids=[node.id for node in nodes], parents=[node.parent for node in nodes],
        labels=labels, marker={"colors": colours, "line": {"color": "#9ca3af", "width": 1}},
        textinfo="label", hoverinfo="label", branchvalues="remainder",
        textfont={"color": "#1f2a44"}))
    figure.update_layout(height=320, margin={"t": 8, "l": 8, "r": 8, "b": 8})
    return figure
