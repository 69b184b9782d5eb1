"""The playbook's "Compare with" card and its "Copy this team as a variant" button: the
team's plan side by side with another team's or a client scenario's (the core's
:func:`socialplaybook.plan.compare.compare_plans`), and a copy of the team to try a what-if
on. Every text from a plan is escaped here.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable

import ipywidgets as w

from socialplaybook.plan.compare import PlanComparison, compare_plans, figure_text
from socialplaybook.plan.model import Plan, PlanError
from socialplaybook.plan.scenarios import load_scenario, scenario_catalog, variant_names
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.steps.registry import built_steps
from socialplaybook.workspace.errors import WorkspaceError
from socialplaybook.workspace.store import Workspace
from widgets.kit.card import card, row
from widgets.kit.labels import fit_label
from widgets.kit.messages import error_message, message_html
from widgets.start import app_link

NONE = ""
MAX_FIELDS_SHOWN = 60  # per section; the CSV holds them all

COMPARE_CSS = """<style>
.sp-cmp-figures td.sp-cmp-group { font-weight: 650; background: #f4f6fa; }
.sp-cmp-sections details { border-bottom: 1px solid #eef0f4; padding: 5px 0; }
.sp-cmp-sections summary { cursor: pointer; color: #1d4f73; font-weight: 600; }
.sp-cmp-same { color: #4b5563; font-weight: 400; }
.sp-cmp-links a { color: #1d4f73; font-weight: 600; margin-right: 10px; }
</style>"""


def other_options(teams: list[str], team: str) -> list[tuple[str, str]]:
    """What the team can be compared with: every other team, then every scenario."""
    options = [(_("Choose a plan to compare with…"), NONE)]
    options += [(_("Team: {name}").format(name=name), f"team:{name}") for name in teams
                if name != team]
    options += [(_("Scenario: {name}").format(name=info.team), f"scenario:{info.id}")
                for info in scenario_catalog()]
    return options


def figures_html(comparison: PlanComparison, locale: str) -> str:
    """The figures side by side, group by group, with the difference where it has one."""
    c = comparison
    head = "".join(f"<th{cls}>{html.escape(text)}</th>" for cls, text in (
        ("", _("Figure")), (' class="sp-num"', c.left_label), (' class="sp-num"', c.right_label),
        (' class="sp-num"', _("Difference"))))
    rows, group = [], None
    for figure in c.figures.itertuples():
        if figure.group != group:
            group = figure.group
            rows.append(f'<tr><td class="sp-cmp-group" colspan="4">{html.escape(group)}</td>'
                        "</tr>")
        left = figure_text(figure.left, figure.kind, c.left_currency, locale)
        right = figure_text(figure.right, figure.kind, c.right_currency, locale)
        difference = ("" if figure.difference is None else
                      _signed(figure_text(figure.difference, "count" if figure.kind
                                          == "month" else figure.kind, c.left_currency,
                                          locale), figure.difference))
        rows.append(f"<tr><td>{html.escape(figure.label)}</td>"
                    f'<td class="sp-num">{html.escape(left)}</td>'
                    f'<td class="sp-num">{html.escape(right)}</td>'
                    f'<td class="sp-num">{html.escape(difference)}</td></tr>')
    note = ""
    if not c.same_currency:
        note = message_html(_("The plans are in different currencies ({left} and {right}): "
                              "money is shown in each plan's own currency and not "
                              "subtracted.").format(left=c.left_currency,
                                                    right=c.right_currency), "info")
    return (f'{note}<table class="sp-table sp-cmp-figures"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _signed(text: str, value: float) -> str:
    return f"+{text}" if value > 0 else text


def sections_html(comparison: PlanComparison) -> str:
    """Each section with how many of its fields differ, opened to the fields themselves."""
    c = comparison
    if c.identical:
        return message_html(_("The two plans are the same in every section."), "info")
    parts = []
    for key, title, count in c.changed_sections():
        if not count:
            parts.append(f'<details><summary>{html.escape(title)} · <span class="sp-cmp-same">'
                         f'{html.escape(_("the same"))}</span></summary></details>')
            continue
        fields = c.differences[c.differences["section"] == key]
        rows = "".join(
            f"<tr><td>{html.escape(r.field)}</td><td>{html.escape(r.left)}</td>"
            f"<td>{html.escape(r.right)}</td></tr>"
            for r in fields.head(MAX_FIELDS_SHOWN).itertuples())
        more = ""
        if count > MAX_FIELDS_SHOWN:
            text = _("and {n} more: download the comparison to see them all.").format(
                n=count - MAX_FIELDS_SHOWN)
            more = f'<p class="sp-muted">{html.escape(text)}</p>'
        summary = ngettext("{section}: {n} field differs", "{section}: {n} fields differ",
                           count).format(section=title, n=count)
        head = "".join(f"<th>{html.escape(t)}</th>" for t in (
            _("Field"), c.left_label, c.right_label))
        parts.append(f'<details data-section="{html.escape(key, quote=True)}"><summary>'
                     f"{html.escape(summary)}</summary><table class=\"sp-table\"><thead><tr>"
                     f"{head}</tr></thead><tbody>{rows}</tbody></table>{more}</details>")
    return f'<div class="sp-cmp-sections">{"".join(parts)}</div>'


def csv_link_html(comparison: PlanComparison) -> str:
    """A link that downloads the comparison as CSV (a data URL: Voila serves no files)."""
    payload = base64.b64encode(comparison.to_csv().encode("utf-8")).decode("ascii")
    return (f'<a class="sp-download-link" download="comparison.csv" '
            f'href="data:text/csv;base64,{payload}">'
            f'{html.escape(_("Download the comparison (CSV)"))}</a>')


def team_links_html(team: str) -> str:
    """Links that open each app on ``team`` (a new tab)."""
    links = "".join(f'<a href="{html.escape(app_link(step.notebook, team), quote=True)}" '
                    f'target="_blank" rel="noopener">{html.escape(step.title)}</a>'
                    for step in built_steps())
    return f'<div class="sp-cmp-links">{links}</div>'


class ComparePanel(w.VBox):
    """The team's plan beside another plan, and the copy of the team as a variant.

    ``show(team, plan)`` is called with every plan the app shows; ``presenting`` says
    whether the page is shown to the room (then nothing is copied).
    """

    def __init__(self, workspace: Workspace, presenting: Callable[[], bool]) -> None:
        self.workspace = workspace
        self._presenting = presenting
        self.team = ""
        self.plan: Plan | None = None
        self.other = w.Dropdown(options=[(_("Choose a plan to compare with…"), NONE)],
                                value=NONE, description=_("Compare with"),
                                layout=w.Layout(width="460px"),
                                style={"description_width": "110px"})
        fit_label(self.other, minimum_px=110, control_px=350)
        self.compare_button = w.Button(description=_("Compare again"), icon="refresh",
                                       tooltip=_("Read the other plan again"),
                                       layout=w.Layout(width="auto"))
        self._result = w.HTML()
        self.copy_button = w.Button(description=_("Copy this team as a variant"), icon="copy",
                                    layout=w.Layout(width="auto"))
        self._copy_message = w.HTML()
        self.other.observe(self._on_other, names="value")
        self.compare_button.on_click(lambda _b: self.refresh())
        self.copy_button.on_click(self._on_copy)
        compare = card(_("Compare with another plan"), _(
            "Another team, a client scenario or a copy of this team: the budget with staff "
            "time, the paid split, reach and ROI side by side, then what differs in each "
            "section."), [row([self.other, self.compare_button]), self._result])
        variant = card(_("Try a what-if"), _(
            "Copy this team as a variant, change the copy in the apps, and compare the two "
            "here. This team's plan stays as it is."),
            [row([self.copy_button]), self._copy_message])
        super().__init__([w.HTML(COMPARE_CSS), compare, variant])

    @property
    def result(self) -> str:
        """The HTML of the comparison shown ("" when none)."""
        return self._result.value

    @property
    def copy_message(self) -> str:
        """The HTML of the message under the copy button ("" when none)."""
        return self._copy_message.value

    def show(self, team: str, plan: Plan) -> None:
        """Compare ``plan`` (the team's, as the app shows it) with the plan chosen."""
        if team != self.team:
            self._copy_message.value = ""
        self.team, self.plan = team, plan
        self.refresh()

    def refresh(self) -> None:
        """Read the list of plans and the chosen one again, and compare."""
        chosen = self.other.value
        try:
            options = other_options(self.workspace.team_names(), self.team)
        except Exception as exc:  # a busy database: what is shown stays
            self._result.value = message_html(_describe(exc))
            return
        self.other.unobserve(self._on_other, names="value")
        try:
            self.other.options = options
            self.other.value = chosen if chosen in {v for _l, v in options} else NONE
        finally:
            self.other.observe(self._on_other, names="value")
        self._show_comparison()

    def _on_other(self, _change) -> None:
        self._show_comparison()

    def _show_comparison(self) -> None:
        choice = self.other.value
        if not choice or self.plan is None:
            self._result.value = ""
            return
        kind, _sep, name = choice.partition(":")
        try:
            other = load_scenario(name) if kind == "scenario" else self.workspace.load(name)
        except (PlanError, WorkspaceError) as exc:
            self._result.value = message_html(error_message(exc))
            return
        except Exception as exc:
            self._result.value = message_html(_describe(exc))
            return
        label = (_("Scenario: {name}").format(name=other.team) if kind == "scenario"
                 else other.team)
        comparison = compare_plans(self.plan, other, self.team, label)
        self._result.value = (figures_html(comparison, self.plan.locale)
                              + sections_html(comparison) + csv_link_html(comparison))

    def _on_copy(self, _button=None) -> None:
        if self._presenting() or self.plan is None or not self.team:
            return
        try:
            copy, revision = self.workspace.add_team(self.plan, variant_names(self.team))
        except (WorkspaceError, ValueError) as exc:
            self._copy_message.value = message_html(
                _("Nothing was copied: {reason}").format(reason=error_message(exc)))
            return
        except Exception as exc:
            self._copy_message.value = message_html(
                _("Nothing was copied: {reason}").format(reason=_describe(exc)))
            return
        text = _("Team {team} made with this plan (revision {n}). Change it in its apps, "
                 "then compare it with this team here.").format(team=copy.team,
                                                                 n=revision.number)
        self._copy_message.value = message_html(text, "info") + team_links_html(copy.team)
        self.refresh()
        self.other.value = f"team:{copy.team}"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, (WorkspaceError, ValueError)):
        return error_message(exc)
    return _("the workspace could not be reached ({error}).").format(
        error=type(exc).__name__)
