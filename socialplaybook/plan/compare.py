"""Two plans side by side: what differs, section by section, and the figures a consultant
compares (the budget with staff time, the paid budget and its split, reach, ROI).

The figures are the apps' own: the budget step's view (:func:`socialplaybook.steps.budget.
view.budget_view`: costs, the split for the outcome, impressions) and the KPI step's ROI
projection (:func:`socialplaybook.steps.kpis.roi.project`), so a comparison never says
other numbers than the apps. The differences are every field that is not the same, the
items of a list matched by their key (a goal by its id, a platform by its id), an item in
one plan only said once.

Both tables are pandas DataFrames, the toolkit's table library for what is imported,
exported or compared: the figures mix money, counts, months and text with gaps (a plan
without a break-even), which a DataFrame keeps in typed columns with missing values, and
the comparison is one ``to_csv`` away from a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from socialplaybook.datasets import load_myths
from socialplaybook.plan.model import Plan
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_money, format_rounded
from socialplaybook.rules.section import item_keys
from socialplaybook.steps.audit.scores import area_scores, overall_score
from socialplaybook.steps.budget.outcomes import outcome_labels
from socialplaybook.steps.budget.view import budget_view
from socialplaybook.steps.kpis.roi import project
from socialplaybook.steps.planning.vocabulary import activity_labels, department_labels
from socialplaybook.steps.platforms.portfolio import active_choices
from socialplaybook.steps.registry import section_steps

# What a figure is, for how it is shown and whether two of them can be subtracted (a
# "month" is a number, or a text when the plan does not break even).
KINDS = ("money", "number", "count", "percent", "month", "text")
SETTINGS = "settings"  # the plan-level fields (currency, how numbers are written)
_NOT_COMPARED = frozenset({"schema_version", "team", "created_at", "updated_at"})
_ITEM_NAMES = ("name", "metric", "platform", "title", "handle")
_MISSING = object()  # a field or an item the plan does not have
_ITEM = object()  # an item that is in this plan only


@dataclass(frozen=True)
class PlanComparison:
    """Two plans compared: ``figures`` (one row a figure: ``group``, ``label``, ``kind``,
    ``left``, ``right``, ``difference`` right minus left where both are numbers of the
    same unit) and ``differences`` (one row a field that differs: ``section``, ``title``,
    ``field``, ``left``, ``right``, as text)."""

    left_label: str
    right_label: str
    left_currency: str
    right_currency: str
    figures: pd.DataFrame
    differences: pd.DataFrame

    @property
    def same_currency(self) -> bool:
        """Whether money in both plans is in one currency (else it is not subtracted)."""
        return self.left_currency == self.right_currency

    @property
    def identical(self) -> bool:
        """Whether no field differs (a team and its fresh copy)."""
        return self.differences.empty

    def changed_sections(self) -> list[tuple[str, str, int]]:
        """Every section (the team settings first) as (key, title, fields that differ)."""
        counts = self.differences["section"].value_counts()
        return [(key, title, int(counts.get(key, 0))) for key, title in section_titles()]

    def to_csv(self) -> str:
        """Both tables as one CSV: the figures, then the differences."""
        figures = self.figures[["group", "label", "left", "right", "difference"]]
        differences = self.differences[["title", "field", "left", "right"]].rename(
            columns={"title": "group", "field": "label"})
        table = pd.concat([figures, differences], ignore_index=True).rename(columns={
            "group": _("Section"), "label": _("What"), "left": self.left_label,
            "right": self.right_label, "difference": _("Difference")})
        return table.to_csv(index=False)


def section_titles() -> list[tuple[str, str]]:
    """The sections a comparison goes through: the team settings, then each step's."""
    return [(SETTINGS, _("Team settings"))] + [(s.key, s.title) for s in section_steps()]


# -- the figures ------------------------------------------------------------------------------


def plan_figures(plan: Plan) -> list[tuple[str, str, str, str, Any]]:
    """The plan's figures as (key, group, label, kind, value): money in its currency, None
    where the plan does not give one."""
    budget, reach, roi = _("Budget"), _("Reach"), _("ROI")
    view = budget_view(plan.budget, plan.platforms, plan.planning, plan.currency, plan.locale)
    costs, allocation = view.costs, view.allocation
    rows: list[tuple[str, str, str, str, Any]] = [
        ("total_cost", budget, _("Total cost a month, with staff time"), "money", costs.total),
        ("staff_cost", budget, _("Staff time a month"), "money", costs.staff),
        ("staff_hours", budget, _("Staff hours a week on the platforms"), "number",
         costs.staff_hours_per_week),
        ("cash", budget, _("Cash a month (tools, production, paid)"), "money", costs.cash),
        ("paid_budget", budget, _("Paid budget a month"), "money", costs.paid),
        ("outcome", budget, _("The paid budget is split for"), "text",
         outcome_labels()[view.terms.outcome]),
    ]
    spend = allocation.spend if allocation.feasible else {}
    for line in view.lines:
        rows.append((f"split:{line.id}", budget, _("Paid split: {platform}").format(
            platform=line.platform), "money", spend.get(line.id)))
    rows.append(("results", budget, _("What the paid budget brings a month"), "text",
                 view.terms.results_text(allocation.total_response, plan.locale)
                 if allocation.feasible else None))
    organic = [r.organic for r in view.reach.values() if r.organic is not None]
    paid = [r.paid_at_cpm for r in view.reach.values() if r.paid_at_cpm is not None]
    chosen = [c.platform for c in active_choices(plan.platforms.choices)]
    rows += [
        ("platforms", reach, _("Platforms run"), "text", ", ".join(chosen) or None),
        ("organic_impressions", reach, _("Organic impressions a month"), "count",
         sum(organic) if organic else None),
        ("paid_impressions", reach, _("Paid impressions a month (at the CPM)"), "count",
         sum(paid) if paid else None),
    ]
    projection, _missing = project(plan.kpis.roi, plan.budget, plan.platforms)
    last = projection.months[-1] if projection else None
    never = (_("not within {n} months").format(n=len(projection.months)) if projection
             else None)
    rows += [
        ("roi_cost", roi, _("Monthly cost the ROI counts"), "money",
         projection.monthly_cost if projection else None),
        ("roi_month_value", roi, _("What a month's conversions bring"), "money",
         projection.month_value if projection else None),
        ("break_even", roi, _("Break-even month"), "month",
         (projection.break_even_month or never) if projection else None),
        ("naive_break_even", roi, _("Break-even month, naive view"), "month",
         (projection.naive_break_even_month or never) if projection else None),
        ("roi_months", roi, _("Months projected"), "count",
         len(projection.months) if projection else None),
        ("final_roi", roi, _("Cumulative ROI at the end"), "percent",
         last.cumulative_roi * 100 if last else None),
    ]
    scores = area_scores(plan.audit.answers, load_myths())
    rows += [
        ("audit", _("Plan"), _("Myth audit health score (0-100)"), "number",
         overall_score(scores)),
        ("goals", _("Plan"), _("Goals"), "count", len(plan.planning.goals)),
        ("kpis", _("Plan"), _("KPIs"), "count", len(plan.kpis.kpis)),
    ]
    return rows


def _figures_table(left: Plan, right: Plan) -> pd.DataFrame:
    found: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for side, plan in (("left", left), ("right", right)):
        previous = None
        for key, group, label, kind, value in plan_figures(plan):
            if key not in found:  # a figure of the right plan only: after its predecessor
                found[key] = {"key": key, "group": group, "label": label, "kind": kind,
                              "left": None, "right": None}
                order.insert(order.index(previous) + 1 if previous else len(order), key)
            found[key][side] = value
            previous = key
    same_currency = left.currency == right.currency
    rows = []
    for row in (found[key] for key in order):
        difference = None
        subtracted = row["kind"] in ("number", "count", "percent", "month") or (
            row["kind"] == "money" and same_currency)
        if subtracted and all(isinstance(row[side], (int, float)) and not isinstance(
                row[side], bool) for side in ("left", "right")):
            difference = row["right"] - row["left"]
        rows.append({**row, "difference": difference})
    return pd.DataFrame(rows, columns=["key", "group", "label", "kind", "left", "right",
                                       "difference"], dtype=object).set_index("key")


# -- the differences --------------------------------------------------------------------------


def _item_key(item: dict) -> str | None:
    for key in item_keys(Plan):
        if isinstance(item.get(key), str) and item[key]:
            return item[key]
    return None


def _item_label(item: dict, key: str) -> str:
    return next((str(item[name]) for name in _ITEM_NAMES
                 if isinstance(item.get(name), str) and item[name].strip()), key)


def _keyed(items: Any) -> dict[str, dict] | None:
    """A list of items as {key: item}, or None when it is not a list of keyed items."""
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        return None
    keyed = {_item_key(item): item for item in items}
    return None if None in keyed or len(keyed) != len(items) else keyed


def _diff(left: Any, right: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...],
                                                                           Any, Any]]:
    if isinstance(left, dict) and isinstance(right, dict):
        for key in dict.fromkeys([*left, *right]):
            if key in _NOT_COMPARED and not path:
                continue
            yield from _diff(left.get(key, _MISSING), right.get(key, _MISSING), (*path, key))
        return
    mine, theirs = _keyed(left), _keyed(right)
    if (mine is not None or left == []) and (theirs is not None or right == []):
        mine, theirs = mine or {}, theirs or {}
        for key in dict.fromkeys([*mine, *theirs]):
            item = mine.get(key) or theirs[key]
            name = (*path, _item_label(item, key))
            if key not in theirs or key not in mine:
                yield name, _ITEM if key in mine else _MISSING, _ITEM if key in theirs \
                    else _MISSING
            else:
                yield from _diff(mine[key], theirs[key], name)
        return
    if left != right:
        yield path, left, right


def _label(part: str) -> str:
    labels = {**activity_labels(), **department_labels()}
    return labels.get(part, part.replace("_", " "))


def shown_value(value: Any, locale: str = "en") -> str:
    """A field's value as a comparison shows it."""
    if value is _MISSING or value is None:
        return "—"
    if value is _ITEM:
        return _("in this plan")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return format_rounded(value, locale=locale, max_decimals=2)
    if isinstance(value, list):
        return ", ".join(shown_value(v, locale) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{_label(k)}: {shown_value(v, locale)}" for k, v in value.items())
    return str(value)


def _differences_table(left: Plan, right: Plan, locale: str) -> pd.DataFrame:
    titles = dict(section_titles())
    left_data, right_data = left.model_dump(mode="json"), right.model_dump(mode="json")
    rows = []
    for path, mine, theirs in _diff(left_data, right_data, ()):
        section = path[0] if path[0] in titles else SETTINGS
        field = path[1:] if section != SETTINGS else path
        rows.append({"section": section, "title": titles[section],
                     "field": " › ".join(_label(part) for part in field) or titles[section],
                     "left": shown_value(mine, locale), "right": shown_value(theirs, locale)})
    return pd.DataFrame(rows, columns=["section", "title", "field", "left", "right"])


# -- the comparison ---------------------------------------------------------------------------


def compare_plans(left: Plan, right: Plan, left_label: str | None = None,
                  right_label: str | None = None, locale: str | None = None
                  ) -> PlanComparison:
    """``left`` and ``right`` side by side; the labels default to the teams' names, the
    values are written the way ``locale`` (default: the left plan's) writes numbers."""
    locale = locale or left.locale
    return PlanComparison(left_label or left.team, right_label or right.team, left.currency,
                          right.currency, _figures_table(left, right),
                          _differences_table(left, right, locale))


def figure_text(value: Any, kind: str, currency: str, locale: str = "en") -> str:
    """A figure of ``kind`` as a person reads it ("—" for none)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind == "money":
        return format_money(value, currency, locale)
    if kind == "percent":
        return _("{value} %").format(value=format_rounded(value, locale=locale,
                                                           max_decimals=1))
    if kind == "month":
        return _("month {n}").format(n=value)
    if kind == "number":
        return format_rounded(value, locale=locale, max_decimals=1)
    if kind == "count":
        return format_rounded(value, locale=locale, max_decimals=0)
    return str(value)
