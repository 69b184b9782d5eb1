"""What the facilitator's view shows, as HTML: the teams' table, the overlaid audit radars
and the room's notice. Everything a team typed is escaped; links open a team's app on a
new tab, without telling it the view's address (which holds the facilitator's key).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, timezone

from socialplaybook.plan.room import RoomRow, StepReadiness
from socialplaybook.rules.i18n import _, list_text, ngettext
from socialplaybook.rules.numbers import format_money
from socialplaybook.steps.audit.radar import audit_radars_svg, team_colour
from socialplaybook.steps.registry import section_steps, step_of
from socialplaybook.workspace.room import RoomNotice
from widgets.start import app_link

START_NOTEBOOK = "00-start-here.ipynb"


def _link(href: str, text: str, title: str = "", css: str = "", named: bool = False) -> str:
    """A link to another app of the workshop, on a new tab, sending no referrer; ``named``:
    ``title`` is also its name for screen readers (a link whose text is a mark)."""
    attributes = f' class="{css}"' if css else ""
    if title:
        attributes += f' title="{html.escape(title, quote=True)}"'
    if title and named:
        attributes += f' aria-label="{html.escape(title, quote=True)}"'
    return (f'<a href="{html.escape(href, quote=True)}" target="_blank" '
            f'rel="noopener noreferrer"{attributes}>{html.escape(text)}</a>')


def team_app_link(row: RoomRow, present: bool = False) -> str:
    """The relative URL of the app the team is on (the start page when on none)."""
    notebook = step_of(row.step_key).notebook if row.step_key else START_NOTEBOOK
    return app_link(notebook, row.team, present)


def last_activity_text(saved_at: datetime, now: datetime) -> str:
    """When a team last saved, as a person reads it: "12:03 · 4 min ago"."""
    minutes = max(0, int((now - saved_at).total_seconds() // 60))
    clock = saved_at.astimezone(timezone.utc).astimezone().strftime("%H:%M")
    if minutes < 1:
        ago = _("just now")
    elif minutes < 60:
        ago = ngettext("{n} min ago", "{n} min ago", minutes).format(n=minutes)
    else:
        ago = ngettext("{h} h {m} min ago", "{h} h {m} min ago", minutes // 60).format(
            h=minutes // 60, m=minutes % 60)
    return _("{clock} · {ago}").format(clock=clock, ago=ago)


def _readiness_cell(row: RoomRow, step: StepReadiness) -> str:
    if not step.filled:
        state, mark = _("not started"), "○"
        css = "sp-fa-step"
    elif step.open_checks:
        state = ngettext("{n} open check", "{n} open checks", step.open_checks).format(
            n=step.open_checks)
        mark, css = str(step.open_checks), "sp-fa-step sp-fa-step-open"
    else:
        state, mark, css = _("filled, no open check"), "✓", "sp-fa-step sp-fa-step-done"
    title = _("{step}: {state}. Open it on the team's link.").format(step=step.title,
                                                                    state=state)
    return _link(app_link(step.notebook, row.team), mark, title, css, named=True)


def _platforms_text(row: RoomRow) -> str:
    if not row.platforms:
        return _("none yet")
    return list_text(row.platforms)  # in the facilitator's language


def _cost_html(row: RoomRow) -> str:
    if not row.cost.monthly_total and not row.cost.staff_hours_per_week:
        return f'<span class="sp-muted">{html.escape(_("not costed yet"))}</span>'
    total = html.escape(format_money(row.cost.monthly_total, row.currency, row.locale))
    if row.cost.staff_priced:
        note = _("staff time included")
    else:
        note = _("staff time not priced yet")
    css = "sp-fa-note" if row.cost.staff_priced else "sp-fa-note sp-fa-warn"
    return f'{total}<span class="{css}">{html.escape(note)}</span>'


def _kpis_html(row: RoomRow) -> str:
    count = html.escape(ngettext("{n} KPI", "{n} KPIs", row.kpis).format(n=row.kpis))
    parts = [count]
    if row.vanity_kpis:
        parts.append('<span class="sp-tag sp-tag-vanity">' + html.escape(ngettext(
            "{n} vanity", "{n} vanity", row.vanity_kpis).format(n=row.vanity_kpis)) + "</span>")
    if row.vanity_goals:
        goals = ", ".join(row.vanity_goals)
        parts.append('<span class="sp-fa-note sp-fa-warn">' + html.escape(ngettext(
            "Measured only by vanity metrics: {goals}",
            "Measured only by vanity metrics: {goals}", len(row.vanity_goals)).format(
                goals=goals)) + "</span>")
    return " ".join(parts)


def _audit_html(row: RoomRow) -> str:
    if row.audit_overall is None:
        return f'<span class="sp-muted">{html.escape(_("not rated yet"))}</span>'
    return html.escape(_("{score:.0f} / 100").format(score=row.audit_overall))


def teams_table_html(rows: Sequence[RoomRow], now: datetime) -> str:
    """Every team in ``rows`` as one line of a table (see ``plan.room.RoomRow``)."""
    if not rows:
        return f'<p class="sp-muted">{html.escape(_("No team matches."))}</p>'
    steps = section_steps()
    step_heads = "".join(
        f'<th scope="col" class="sp-fa-steps-h" title="{html.escape(s.title, quote=True)}">'
        f"{n}</th>" for n, s in enumerate(steps, start=1))
    head = (f'<tr><th scope="col">{html.escape(_("Team"))}</th>'
            f'<th scope="col">{html.escape(_("On step"))}</th>'
            f'<th scope="col">{html.escape(_("Last activity"))}</th>'
            f'<th scope="col">{html.escape(_("Audit"))}</th>{step_heads}'
            f'<th scope="col">{html.escape(_("Platforms"))}</th>'
            f'<th scope="col" class="sp-num">{html.escape(_("Cost a month"))}</th>'
            f'<th scope="col">{html.escape(_("KPIs"))}</th></tr>')
    lines = []
    for row in rows:
        team = _link(team_app_link(row), row.team,
                     _("Open the app team {team} is on").format(team=row.team), "sp-fa-team")
        present = _link(team_app_link(row, present=True), _("present"),
                        _("Open it for the projector (presenter mode)"), "sp-fa-present")
        cells = "".join(f'<td class="sp-fa-steps">{_readiness_cell(row, s)}</td>'
                        for s in row.readiness)
        lines.append(
            f'<tr data-team="{html.escape(row.team, quote=True)}">'
            f'<th scope="row">{team} {present}</th>'
            f"<td>{html.escape(row.step_label)}</td>"
            f'<td class="sp-fa-when">{html.escape(last_activity_text(row.saved_at, now))}</td>'
            f"<td>{_audit_html(row)}</td>{cells}"
            f"<td>{html.escape(_platforms_text(row))}</td>"
            f'<td class="sp-num">{_cost_html(row)}</td>'
            f"<td>{_kpis_html(row)}</td></tr>")
    legend = " · ".join(f"{n} {html.escape(s.title)}" for n, s in enumerate(steps, start=1))
    return (f'<div class="sp-bu-scroll"><table class="sp-table sp-fa-table">'
            f'<thead>{head}</thead><tbody>{"".join(lines)}</tbody></table></div>'
            f'<p class="sp-legend">{html.escape(_("Steps:"))} {legend}. {_marks_legend()}</p>')


def _marks_legend() -> str:
    return html.escape(_("✓ filled with no open check, a number: its open checks, ○ not "
                         "started."))


def radars_html(rows: Sequence[RoomRow], colour_index: dict[str, int]) -> str:
    """The audit radars of the teams in ``rows`` that rated anything, overlaid, with a
    legend; ``colour_index`` keeps each team's colour whatever is filtered."""
    rated = [row for row in rows if row.audit_overall is not None]
    if not rated:
        return f'<p class="sp-muted">{html.escape(_("No team has rated the audit yet."))}</p>'
    svg = audit_radars_svg([(row.team, row.audit) for row in rated])
    items = []
    for row in rated:
        colour, dash = team_colour(colour_index.get(row.team, 0))
        style = f"border-color: {colour}; border-style: {'dashed' if dash else 'solid'}"
        items.append(f'<li><span class="sp-fa-swatch" style="{style}"></span>'
                     f"{html.escape(row.team)} "
                     f'<span class="sp-muted">{html.escape(_audit_html_text(row))}</span></li>')
    unrated = len(rows) - len(rated)
    note = ""
    if unrated:
        note = ngettext("{n} team has not rated the audit yet.",
                        "{n} teams have not rated the audit yet.", unrated).format(n=unrated)
        note = f'<p class="sp-legend">{html.escape(note)}</p>'
    return (f'<div class="sp-fa-radar"><div class="sp-fa-radar-svg">{svg}</div>'
            f'<ul class="sp-fa-legend">{"".join(items)}</ul></div>{note}')


def _audit_html_text(row: RoomRow) -> str:
    return _("{score:.0f} / 100").format(score=row.audit_overall)


def notice_status_html(notice: RoomNotice | None, now: datetime) -> str:
    """What the facilitator reads about the notice the room sees now."""
    if notice is None:
        return f'<p class="sp-muted">{html.escape(_("No notice is shown now."))}</p>'
    left = notice.seconds_left(now)
    if left is None:
        text = _("Shown on every open page now: \u201c{text}\u201d.").format(text=notice.text)
    else:
        minutes = max(1, round(left / 60))
        text = ngettext("Shown on every open page now: \u201c{text}\u201d, about {n} minute "
                        "left.", "Shown on every open page now: \u201c{text}\u201d, about {n} "
                        "minutes left.", minutes).format(text=notice.text, n=minutes)
    return f'<p class="sp-fa-notice-now">{html.escape(text)}</p>'
