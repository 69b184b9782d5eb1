"""What the playbook app shows, as HTML: the checklist, the download links and the history.

Every text from the plan or the workspace is escaped here; the plan's document is the core's
(:func:`socialplaybook.plan.html.document_html`, which escapes what the team typed).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from datetime import timezone

from socialplaybook.plan.completeness import StepStatus
from socialplaybook.plan.export import ExportFormat, export_file_name
from socialplaybook.rules.i18n import _
from socialplaybook.steps.registry import step_of, workshop_steps
from socialplaybook.workspace.history import revision_change
from socialplaybook.workspace.store import Revision
from widgets.start import app_link

# Chromium refuses URLs longer than 2 MB: a bigger file cannot be a data-URL download.
MAX_DATA_URL_CHARS = 2 * 1024 * 1024 - 1024
MAX_GAPS_SHOWN = 5

PLAYBOOK_CSS = """<style>
.sp-pb-top { display: flex; gap: 14px; flex-wrap: wrap; align-items: flex-start; }
.sp-pb-top > .sp-card { flex: 1 1 420px; }
.sp-pb-checklist { list-style: none; padding: 0; margin: 4px 0; }
.sp-pb-checklist > li { padding: 7px 0; border-bottom: 1px solid #eef0f4; }
.sp-pb-checklist a { color: #1d4f73; font-weight: 600; }
.sp-pb-state { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 10px;
  margin-left: 6px; }
.sp-pb-done { background: #dcfce7; color: #14532d; }
.sp-pb-open { background: #fef3c7; color: #7a4b00; }
.sp-pb-empty { background: #eef0f4; color: #374151; }
.sp-pb-links { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0; }
.sp-pb-document { border: 1px solid #e3e7ee; border-radius: 10px; padding: 18px 22px;
  background: #fff; margin: 14px 0; overflow-x: auto; }
.sp-pb-history td, .sp-pb-history th { font-size: 13.5px; }
</style>"""


def checklist_html(statuses: Sequence[StepStatus], team: str) -> str:
    """Each step with its state; an open or empty one links to its app on ``team``, with
    the checks still open under it."""
    numbers = {step.key: n for n, step in enumerate(workshop_steps(), start=1)}
    states = {"done": _("Done"), "open": _("Open"), "empty": _("Not started")}
    items = []
    for status in statuses:
        step = status.step
        name = f"{numbers.get(step.key, '')}. {step.title}"
        link = (f'<a href="{html.escape(app_link(step.notebook, team), quote=True)}" '
                f'target="_blank" rel="noopener">{html.escape(name)}</a>' if step.available
                else html.escape(name))
        badge = (f'<span class="sp-pb-state sp-pb-{status.state}">'
                 f"{html.escape(states[status.state])}</span>")
        detail = ""
        if status.state == "empty":
            detail = f'<div class="sp-muted">{html.escape(_("Nothing entered yet."))}</div>'
        elif status.gaps:
            shown = status.gaps[:MAX_GAPS_SHOWN]
            lines = "".join(f'<li class="sp-check-{c.level}">{html.escape(c.message)}</li>'
                            for c in shown)
            more = len(status.gaps) - len(shown)
            if more:
                text = _("and {n} more: open the app to see them all.").format(n=more)
                lines += f'<li class="sp-muted">{html.escape(text)}</li>'
            detail = f'<div class="sp-checks"><ul>{lines}</ul></div>'
        items.append(f'<li data-step="{html.escape(step.key, quote=True)}" '
                     f'data-state="{status.state}">{link}{badge}{detail}</li>')
    return f'<ul class="sp-pb-checklist">{"".join(items)}</ul>'


def download_link_html(content: bytes, export: ExportFormat, team: str) -> str:
    """A link that downloads ``content`` as a file (a data URL: Voila serves no files),
    or a message when the file is too big for one."""
    payload = base64.b64encode(content).decode("ascii")
    name = export_file_name(team, export.key)
    url = f"data:{export.media_type};base64,{payload}"
    if len(url) > MAX_DATA_URL_CHARS:
        text = _("{label}: the file is too big to download from the page ({mb:.1f} MB); "
                 "use social-playbook export.").format(label=export.label,
                                                       mb=len(content) / 1e6)
        return f'<span class="sp-muted">{html.escape(text)}</span>'
    return (f'<a class="sp-download-link" data-format="{export.key}" '
            f'download="{html.escape(name, quote=True)}" href="{url}">'
            f"{html.escape(export.label)}</a>")


def revision_time(revision: Revision) -> str:
    """When a revision was saved, in the server's local time ("2027-03-01 14:05")."""
    return revision.saved_at.astimezone(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")


def change_text(label: str) -> str:
    """What a revision changed, as a person reads it ("Planning", "Planning restored from
    revision 12", "Currency")."""
    change = revision_change(label)
    if change.section is None:
        if change.restored_from is not None:
            return _("The whole plan restored from revision {n}").format(
                n=change.restored_from)
        return {"created": _("Team created"), "import": _("Plan imported")}.get(label, label)
    try:
        name = step_of(change.section).title
    except KeyError:
        name = {"currency": _("Currency"), "locale": _("How numbers are written")}.get(
            change.section, change.section)
    if change.restored_from is not None:
        return _("{section} restored from revision {n}").format(section=name,
                                                                n=change.restored_from)
    return name


def revision_option(revision: Revision) -> str:
    """A revision as the history list shows it: number, time, what changed."""
    return f"{revision.number} · {revision_time(revision)} · {change_text(revision.section)}"


def last_changes_html(changes: dict[str, Revision]) -> str:
    """A table: each section, the revision that last changed it, and when."""
    rows = []
    for step in workshop_steps():
        revision = changes.get(step.key)
        if not step.section or revision is None:
            continue
        rows.append(f"<tr><td>{html.escape(step.title)}</td><td class='sp-num'>"
                    f"{revision.number}</td><td>{html.escape(revision_time(revision))}</td>"
                    f"<td>{html.escape(change_text(revision.section))}</td></tr>")
    head = "".join(f"<th>{html.escape(t)}</th>" for t in (
        _("Section"), _("Revision"), _("Saved"), _("What that save changed")))
    return (f'<table class="sp-table sp-pb-history"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")
