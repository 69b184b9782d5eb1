"""The ranking as a person reads it: scores, their breakdown, where each value came from.
"""

from __future__ import annotations

import html

from socialplaybook.rules.i18n import _
from socialplaybook.steps.platforms.inputs import (
    value_origin,
)
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
                 profiles: dict[str, PlatformProfile] | None = None) -> str:
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
        if not score.in_data:
            tags += f'<span class="sp-tag sp-tag-nodata">{html.escape(_("no data"))}</span>'
        if score.in_data and "reach" in score.left_out:
            tags += f'<span class="sp-tag">{html.escape(_("reach unknown"))}</span>'
        if score.tied:
            tags += f'<span class="sp-tag">{html.escape(_("tied"))}</span>'
        if score.id in chosen:
            tags += f'<span class="sp-tag">{html.escape(_("chosen"))}</span>'
        profile = profiles.get(score.id)
        if profile is not None and profile.edited:
            tags += f'<span class="sp-tag sp-tag-team">{html.escape(_("your values"))}</span>'
        value = "–" if score.score is None else f"{score.score:.0f}"
        bar = "".join(
            f'<span style="width:{c.contribution:.1f}%;background:{COLOURS[c.criterion]}" '
            f'title="{html.escape(labels[c.criterion])}: {c.contribution:.0f}"></span>'
            for c in score.criteria if c.contribution > 0)
        cells = []
        for c in score.criteria:
            origin = value_origin(profile, c.criterion) if profile else None
            if c.value is None and origin == "judgement":
                origin = None  # left out: the toolkit's value is not used here
            origin = origin_html(origin, origins)
            if c.value is None:
                cells.append(f'<td class="sp-crit sp-crit-out">{html.escape(c.note)}'
                             f"{origin}</td>")
            else:
                cells.append(f'<td class="sp-crit"><b>{c.value * 100:.0f}%</b> × {c.weight:g}'
                             f"<br>{html.escape(c.note)}{origin}</td>")
        rows.append(f'<tr data-platform="{html.escape(score.platform)}"><td>{number}</td>'
                    f'<td class="sp-rank-name">{html.escape(score.platform)}{tags}</td>'
                    f'<td class="sp-rank-score">{value}</td>'
                    f'<td><div class="sp-score-bar" role="img" aria-label="'
                    f'{html.escape(_("score {v}").format(v=value))}">{bar}</div></td>'
                    + "".join(cells) + "</tr>")
    note = html.escape(_("Score = weighted mean of the criteria that have a value (value × "
                         "weight). A criterion in grey italics is left out for that platform, "
                         "never counted as 0."))
    return (f'<div class="sp-card-note">{note}</div><div class="sp-card-note">{legend}</div>'
            f'<table class="sp-rank"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


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
