"""The plan as one self-contained HTML file: opens offline, prints on A4 and Letter.

No script, no web font, no link to anything: the styles are inline and the charts are SVG
drawn by the core, so the file shows the same from a USB stick as from the app. Every text
a team typed is escaped (it is shown as typed, never read as HTML). For print, each step
starts on a new page, headings stay with what follows, a table row is never cut and a
table's header repeats on every page it spans; the paper is the printer's (``paper``
fixes it, as the PDF does).
"""

from __future__ import annotations

import math
import re
from datetime import date
from html import escape

from socialplaybook.plan.document import (
    Block,
    Bullets,
    Cell,
    CellKind,
    Chart,
    Document,
    Heading,
    KeyFigures,
    Paragraph,
    Table,
    plan_document,
)
from socialplaybook.plan.model import Plan, in_plan_language
from socialplaybook.rules.fonts import DOCUMENT_FONTS
from socialplaybook.rules.i18n import _, current_language, language_tag
from socialplaybook.rules.numbers import format_number, format_rounded

PAPERS = {"a4": "A4", "letter": "letter"}
_LONG_WORD = re.compile(r"(\S{25,})")
EMPTY_CELL = "–"

# Scoped to .sp-doc, so the app can show the same article inside its page.
DOCUMENT_CSS = """
.sp-doc { font-family: FONTS;
  color: #1f2a44; font-size: 10.5pt; line-height: 1.45; max-width: 190mm; }
.sp-doc h1 { font-size: 20pt; margin: 0 0 4pt; }
.sp-doc h2 { font-size: 15pt; margin: 0 0 8pt; padding-bottom: 3pt;
  border-bottom: 2px solid #2a6f97; }
.sp-doc h3 { font-size: 12pt; margin: 14pt 0 6pt; }
.sp-doc h2, .sp-doc h3 { break-after: avoid; page-break-after: avoid; }
.sp-doc p { margin: 0 0 7pt; overflow-wrap: break-word; }
.sp-doc svg.sp-radar { max-width: 120mm; }
.sp-doc .sp-doc-meta, .sp-doc .sp-doc-muted { color: #4b5563; }
.sp-doc .sp-doc-muted { font-size: 9.5pt; }
.sp-doc nav ol { margin: 6pt 0 0; padding-left: 18pt; }
.sp-doc a { color: #1d4f73; }
.sp-doc section { margin: 18pt 0 0; }
.sp-doc table { border-collapse: collapse; width: 100%; margin: 0 0 10pt; font-size: 9.5pt; }
.sp-doc th, .sp-doc td { border: 1px solid #d1d5db; padding: 3pt 5pt; text-align: left;
  vertical-align: top; }
.sp-doc th { background: #eef2f7; }
.sp-doc td.sp-num { text-align: right; white-space: nowrap; }
.sp-doc tr.sp-total td { font-weight: bold; background: #f6f8fa; }
.sp-doc thead { display: table-header-group; }
.sp-doc tr, .sp-doc figure, .sp-doc .sp-doc-figures, .sp-doc li {
  break-inside: avoid; page-break-inside: avoid; }
.sp-doc figure { margin: 4pt 0 12pt; }
.sp-doc figure svg { max-width: 100%; height: auto; }
.sp-doc figcaption { font-size: 9.5pt; color: #4b5563; }
.sp-doc .sp-doc-figures { display: flex; flex-wrap: wrap; gap: 6pt; margin: 0 0 10pt;
  padding: 0; list-style: none; }
.sp-doc .sp-doc-figures li { border: 1px solid #d1d5db; border-radius: 4pt;
  padding: 4pt 8pt; min-width: 32mm; }
.sp-doc .sp-doc-figures b { display: block; font-size: 12.5pt; }
.sp-doc ul.sp-doc-list { margin: 0 0 8pt; padding-left: 16pt; }
"""

DOCUMENT_CSS = DOCUMENT_CSS.replace("FONTS", DOCUMENT_FONTS)

_PAGE_CSS = """
@page { margin: 16mm 14mm 18mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8.5pt;
    color: #4b5563; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; padding: 12mm; background: #fff; }
@media print { body { padding: 0; } .sp-doc { max-width: none; }
  .sp-doc section.sp-doc-section { break-before: page; page-break-before: always;
    margin-top: 0; } }
"""


def cell_text(value: Cell, kind: CellKind, currency: str, locale: str,
              empty: str = EMPTY_CELL) -> str:
    """A cell's value as a person reads it: numbers the team's way, money with the plan's
    currency, a fraction as a percentage, a date as YYYY-MM-DD, nothing as ``empty``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return empty
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return empty
    if kind == "money":
        whole = value == round(value) or abs(value) >= 1000
        return f"{format_number(value, locale=locale, decimals=0 if whole else 2)} {currency}"
    if kind == "percent":
        return f"{format_rounded(value * 100, locale=locale, max_decimals=1)} %"
    if isinstance(value, int):
        return format_number(value, locale=locale)
    return format_rounded(value, locale=locale)


def text_html(text: str) -> str:
    """Plain text as HTML: escaped, and a word too long for a table column (a link, a
    pasted code) given places to break, so a printed table never runs off its page."""
    parts = _LONG_WORD.split(text)  # every other part is a long word
    return "".join("<wbr>".join(escape(part[i:i + 16]) for i in range(0, len(part), 16))
                   if index % 2 else escape(part) for index, part in enumerate(parts))


def document_html(document: Document) -> str:
    """The document as an ``<article class="sp-doc">`` (styled by :data:`DOCUMENT_CSS`)."""
    title = f"{document.title}: {document.team}"
    meta = _("Currency: {currency} · last updated {when} UTC").format(
        currency=document.currency, when=document.updated_at.strftime("%Y-%m-%d %H:%M"))
    toc = "".join(f'<li><a href="#sp-section-{escape(s.key, quote=True)}">'
                  f"{escape(s.title)}</a></li>" for s in document.sections)
    parts = [f'<article class="sp-doc"><header><h1>{text_html(title)}</h1>'
             f'<p class="sp-doc-meta">{escape(meta)}</p>'
             f'<nav aria-label="{escape(_("Contents"), quote=True)}"><ol>{toc}</ol></nav>'
             "</header>"]
    for section in document.sections:
        key = escape(section.key, quote=True)
        parts.append(f'<section class="sp-doc-section" id="sp-section-{key}" '
                     f'data-section="{key}"><h2>{escape(section.title)}</h2>')
        parts += [_block_html(block, document) for block in section.blocks]
        parts.append("</section>")
    parts.append("</article>")
    return "".join(parts)


def page_html(document: Document, paper: str | None = None) -> str:
    """The document as a whole HTML file; ``paper`` ("a4" or "letter") fixes the page
    size, None leaves it to the printer."""
    size = ""
    if paper is not None:
        if paper.lower() not in PAPERS:
            raise ValueError(_("Paper must be one of: {papers}.").format(
                papers=", ".join(PAPERS)))
        size = f"@page {{ size: {PAPERS[paper.lower()]}; }}"
    title = escape(f"{document.title}: {document.team}")
    lang = escape(language_tag(current_language()), quote=True)
    return ("<!DOCTYPE html>\n"
            f'<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="color-scheme" content="light">'
            f'<meta name="generator" content="social-playbook"><title>{title}</title>'
            f"<style>{DOCUMENT_CSS}{_PAGE_CSS}{size}</style></head>"
            f"<body>{document_html(document)}</body></html>\n")


@in_plan_language
def plan_to_html(plan: Plan, paper: str | None = None) -> str:
    """The plan as one self-contained HTML file (see the module's doc)."""
    return page_html(plan_document(plan), paper)


def _block_html(block: Block, document: Document) -> str:
    if isinstance(block, Heading):
        return f"<h3>{escape(block.text)}</h3>"
    if isinstance(block, Paragraph):
        muted = ' class="sp-doc-muted"' if block.muted else ""
        return f"<p{muted}>{text_html(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li><b>{text_html(lead)}</b>{': ' if lead and text else ''}"
                        f"{text_html(text)}</li>" if lead else f"<li>{text_html(text)}</li>"
                        for lead, text in block.items)
        return f'<ul class="sp-doc-list">{items}</ul>'
    if isinstance(block, KeyFigures):
        items = "".join(
            f"<li><span>{escape(f.label)}</span><b>"
            f"{escape(cell_text(f.value, f.kind, document.currency, document.locale))}</b></li>"
            for f in block.figures)
        return f'<ul class="sp-doc-figures">{items}</ul>'
    if isinstance(block, Chart):
        return (f'<figure class="sp-doc-chart" data-chart="{escape(block.key, quote=True)}">'
                f"{block.svg}<figcaption>{escape(block.title)}</figcaption></figure>")
    if isinstance(block, Table):
        return _table_html(block, document)
    raise TypeError(f"no HTML for {type(block).__name__}")


def _table_html(table: Table, document: Document) -> str:
    numeric = {"number", "money", "percent"}
    head = "".join(f'<th scope="col">{escape(c.title)}</th>' for c in table.columns)
    rows = []
    for index, row in enumerate(table.rows):
        total = table.total and index == len(table.rows) - 1
        cells = "".join(
            ('<td class="sp-num">' if column.kind in numeric else "<td>")
            + text_html(cell_text(value, column.kind, document.currency, document.locale,
                                  column.empty)) + "</td>"
            for value, column in zip(row, table.columns, strict=False))
        rows.append(f'<tr class="sp-total">{cells}</tr>' if total else f"<tr>{cells}</tr>")
    label = f' aria-label="{escape(table.name, quote=True)}"' if table.name else ""
    return (f"<table{label}><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
