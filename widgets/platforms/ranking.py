"""The ranking as a person reads it: scores, their breakdown, where each value came from.
"""

from __future__ import annotations

import html

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_percent, format_rounded
from socialplaybook.steps.platforms.inputs import (
    value_origin,
)
from socialplaybook.steps.platforms.myths import region_has_platform_data
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.scoring import Ranking
from socialplaybook.steps.platforms.vocabulary import (
    CRITERIA,
    STRENGTH_MAX,
    criterion_labels,
)

COLOURS = {"reach": "#2563eb", "formats": "#0f766e", "goals": "#b45309", "hours": "#7c3aed"}


def origin_texts() -> dict[str, str]:
    """What each origin of a value is called (see ``value_origin``)."""
    return {"team": _("your team's value"), "partly_team": _("partly your team's value"),
            "judgement": _("toolkit's judgement")}


def origin_html(origin: str | None, texts: dict[str, str] | None = None) -> str:
    """Whose value a part of the score rests on, as a small line ("" for measured data)."""
    if origin is None:
        return ""
    text = (texts or origin_texts())[origin]
    extra = " sp-origin-team" if origin != "judgement" else ""
    return f'<span class="sp-origin{extra}">{html.escape(text)}</span>'


def ranking_html(ranking: Ranking, chosen: set[str],
                 profiles: dict[str, PlatformProfile] | None = None,
                 locale: str = "en") -> str:
    """The score of every platform with its breakdown and a stacked bar, as HTML.

    With ``profiles`` (by id), each part says whether it rests on the team's own value or
    the toolkit's judgement.
    """
    profiles = profiles or {}
    labels = criterion_labels()
    origins = origin_texts()
    legend = "".join(f'<span class="sp-legend-dot" style="background:{COLOURS[c]}"></span>'
                     f"{html.escape(labels[c])}" for c in CRITERIA)
    head = "".join(f"<th>{html.escape(text)}</th>" for text in (
        "#", _("Platform"), _("Score"), _("Breakdown"),
        *(labels[c] for c in CRITERIA)))
    rows = []
    for number, score in enumerate(ranking.scores, start=1):
        tags = ""
        if score.blocked is not None:
            tags += f'<span class="sp-tag sp-tag-nodata">{html.escape(_("blocked"))}</span>'
        if not score.in_data:
            tags += f'<span class="sp-tag sp-tag-nodata">{html.escape(_("no data"))}</span>'
        if score.in_data and "reach" in score.left_out:
            tags += f'<span class="sp-tag">{html.escape(_("reach unknown"))}</span>'
        if score.criterion("reach").estimate_source:
            tags += (f'<span class="sp-tag sp-tag-team">'
                     f'{html.escape(_("your reach estimate"))}</span>')
        if score.partial_data:
            tags += (f'<span class="sp-tag sp-tag-nodata">{html.escape(_("partial data"))}'
                     "</span>")
        if score.tied:
            tags += f'<span class="sp-tag">{html.escape(_("tied"))}</span>'
        if score.id in chosen:
            tags += f'<span class="sp-tag">{html.escape(_("chosen"))}</span>'
        profile = profiles.get(score.id)
        if profile is not None and profile.edited:
            tags += f'<span class="sp-tag sp-tag-team">{html.escape(_("your values"))}</span>'
        blocked = ""
        if score.blocked is not None:
            blocked = (f'<div class="sp-rank-blocked" style="white-space:normal;font-weight:400;'
                       f'font-size:12px;max-width:280px">{html.escape(score.blocked.text())}'
                       "</div>")
        # a platform the team cannot use is shown greyed (its name and why stay readable)
        grey = ' class="sp-greyed"' if score.blocked is not None else ""
        value = "–" if score.score is None else format_rounded(round(score.score),
                                                              locale=locale)
        bar = "".join(
            f'<span style="width:{c.contribution:.1f}%;background:{COLOURS[c.criterion]}" '
            f'title="{html.escape(labels[c.criterion])}: {round(c.contribution)}"></span>'
            for c in score.criteria if c.contribution > 0)
        cells = []
        for c in score.criteria:
            origin = value_origin(profile, c.criterion) if profile else None
            if c.value is None and origin == "judgement":
                origin = None  # left out: the toolkit's value is not used here
            origin = origin_html(origin, origins)
            css = "sp-crit" + (" sp-greyed" if score.blocked is not None else "")
            if c.value is None:
                cells.append(f'<td class="{css} sp-crit-out">{html.escape(c.note)}'
                             f"{origin}</td>")
            else:
                shown = format_percent(c.value * 100, locale=locale, max_decimals=0)
                weight = format_rounded(c.weight, locale=locale)
                cells.append(f'<td class="{css}"><b>{html.escape(shown)}</b> × {weight}'
                             f"<br>{html.escape(c.note)}{origin}</td>")
        marked = ' data-blocked="1"' if score.blocked is not None else ""
        rows.append(f'<tr data-platform="{html.escape(score.platform)}"{marked}>'
                    f"<td{grey}>{number}</td>"
                    f'<td class="sp-rank-name">{html.escape(score.platform)}{tags}{blocked}</td>'
                    f'<td class="sp-rank-score{" sp-greyed" if grey else ""}">{value}</td>'
                    f'<td{grey}><div class="sp-score-bar" role="img" aria-label="'
                    f'{html.escape(_("score {v}").format(v=value))}">{bar}</div></td>'
                    + "".join(cells) + "</tr>")
    note = html.escape(_("Score = weighted mean of the criteria that have a value (value × "
                         "weight). A criterion in grey italics is left out for that platform, "
                         "never counted as 0. \"Partial data\": a band without its own figure "
                         "counts with the platform's overall one. A blocked platform is shown "
                         "greyed, last, and never recommended."))
    basis = (f'<div class="sp-card-note sp-rank-basis">{html.escape(ranking.basis_note)}'
             "</div>" if ranking.basis_note else "")
    return (f'<div class="sp-card-note">{note}</div>{basis}'
            f'<div class="sp-card-note">{legend}</div>'
            f'<table class="sp-rank"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def recommendation_html(lines) -> str:
    """The recommended portfolio: each platform in or out, with its one-line reason."""
    items = "".join(
        f'<li class="{"sp-in" if line.included else "sp-out"}">'
        f"<b>{html.escape(line.platform)}</b>: {html.escape(line.reason)}</li>"
        for line in lines)
    return (f'<div class="sp-label">{html.escape(_("Recommended"))}</div>'
            f'<ul class="sp-pf" style="list-style:none;padding:0;margin:0">{items}</ul>')


def myths_html(facts) -> str:
    """The myth panel: each belief, the data's answer, its figures and a note."""
    return "".join(
        f'<div class="sp-myth"><b>“{html.escape(f.belief)}”</b>{html.escape(f.answer)}'
        + ("<ul>" + "".join(f"<li>{html.escape(point)}</li>" for point in f.points)
           + "</ul>" if f.points else "")
        + (f'<p class="sp-myth-note">{html.escape(f.note)}</p>' if f.note else "")
        + "</div>" for f in facts)


def audience_notes(section, inputs, planning, profiles) -> tuple[str, bool]:
    """Where the audience comes from ("From planning" / "Your value here") and what its
    region's data can say, as notes; and whether planning has an audience to follow again."""
    notes = []
    planning_audience = planning is not None and bool(planning.audience)
    here = inputs.origin("audience", section) == "here"
    if "audience" in inputs.from_planning:
        notes.append(_("From planning: your planning step's audience segments."))
    elif here and planning_audience:
        notes.append(_("Your value here: this step's audience, not planning's segments."))
    elif here:
        notes.append(_("Your value here: your planning step has no audience segments yet."))
    elif not planning_audience:
        notes.append(_("Your planning step has no audience yet: enter it here."))
    if inputs.region_code is None:
        notes.append(_("Without a region with data, reach is left out of every score."))
    elif not region_has_platform_data(inputs.region_code, profiles):
        notes.append(_("The {region} data has no per-platform figures: reach is left out "
                       "of every score rather than borrowed from another region.").format(
                           region=inputs.region_code))
    shown = "".join(f'<div class="sp-card-note">{html.escape(n)}</div>' for n in notes)
    return shown, planning_audience and here


def sources_html(section, inputs, planning) -> tuple[str, bool]:
    """Where the business results, people and hours the app shows come from ("from
    planning", "your value here", "not given yet"), and whether planning could give one
    the team set here (then the app offers to follow planning again)."""
    words = {"planning": _("from planning"), "here": _("your value here"),
             "": _("not given yet")}
    names = {"business_results": _("Business results"), "people": _("People"),
             "hours_per_week": _("Hours per week")}
    text = " · ".join(_("{name}: {origin}").format(
        name=name, origin=words[inputs.origin(field, section)]) for field, name in names.items())
    can_follow = planning is not None and any(
        getattr(section, field) is not None and bool(
            planning.resources if field != "business_results"
            else any(g.business_result for g in planning.goals))
        for field in names)
    return f'<div class="sp-card-note sp-sources">{html.escape(text)}</div>', can_follow


NOT_KNOWN = -1  # a strength nobody gave (a Dropdown cannot hold None as an option's value)


def strength_options(known: bool) -> list[tuple[str, int]]:
    """The choices of a B2B/B2C strength, 0-3; "not known" first when nobody gave one."""
    words = {0: _("not for it"), 1: _("weak"), 2: _("good"), 3: _("strong")}
    options = [(f"{n} · {words.get(n, '')}", n) for n in range(STRENGTH_MAX + 1)]
    return options if known else [(_("not known"), NOT_KNOWN), *options]


def _field_origin(profile: PlatformProfile, field: str) -> str:
    if field in profile.edited:
        return origin_html("team")
    if field in profile.judgement:
        return origin_html("judgement")
    if getattr(profile, field) is None:
        text = _("no data: not known") if not profile.in_data else _("not known")
        return f'<span class="sp-origin">{html.escape(text)}</span>'
    return ""
