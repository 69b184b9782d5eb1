"""The plan as an XLSX workbook, for the consultant who continues in a spreadsheet.

A first sheet names the plan (team, currency, last update) and lists the steps; then a
sheet per step, its blocks one under the other: headings, paragraphs, key figures and
tables. Tables are written by pandas (one DataFrame each) through openpyxl: numbers are
numbers, money carries the plan's currency in its number format, a fraction is a
percentage, a date a date. Every text is guarded against formulas
(:func:`~socialplaybook.rules.text.spreadsheet_text`). Charts are not in the workbook: the
tables hold their numbers, and the HTML and PDF draw them.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import date, datetime, timezone

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from socialplaybook.plan.document import (
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
from socialplaybook.rules.i18n import _
from socialplaybook.rules.text import spreadsheet_text

DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
_SHEET_NAME_UNSAFE = re.compile(r"[\[\]:*?/\\']")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="EEF2F7")


def money_format(currency: str) -> str:
    """The number format of a money cell: grouped, two decimals, the currency's code."""
    code = re.sub(r"[^A-Z]", "", currency.upper())
    return f'#,##0.00 "{code}"'


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\'), unique in ``taken``."""
    base = _SHEET_NAME_UNSAFE.sub(" ", title).strip()[:31] or "Sheet"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" {number}"
        name, number = base[:31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def table_frame(table: Table) -> pd.DataFrame:
    """A table as a DataFrame: numbers as floats (NaN when empty), dates as dates, texts
    guarded against formulas."""
    frame = pd.DataFrame({
        index: _series([row[index] if index < len(row) else None for row in table.rows],
                       column.kind) for index, column in enumerate(table.columns)})
    frame.columns = [spreadsheet_text(c.title) for c in table.columns]  # titles may repeat
    return frame


def _series(values: list[Cell], kind: CellKind) -> pd.Series:
    if kind in ("number", "money", "percent"):
        return pd.Series([float(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
                          and math.isfinite(v) else math.nan for v in values], dtype="float64")
    if kind == "date":
        return pd.Series([pd.Timestamp(v) if isinstance(v, date) else pd.NaT for v in values],
                         dtype="datetime64[ns]")
    return pd.Series(["" if v is None else spreadsheet_text(str(v)) for v in values],
                     dtype="object")


@in_plan_language
def plan_to_xlsx(plan: Plan) -> bytes:
    """The plan as XLSX bytes (see the module's doc)."""
    return document_to_xlsx(plan_document(plan))


def document_to_xlsx(document: Document) -> bytes:
    """The document as XLSX bytes: the same plan gives the same bytes (the workbook's
    dates and its parts' times are the plan's last update, not the moment of export)."""
    out = io.BytesIO()
    taken: set[str] = set()
    when = document.updated_at.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
    with pd.ExcelWriter(out, engine="openpyxl", date_format=DATE_FORMAT,
                        datetime_format=DATE_FORMAT) as writer:
        writer.book.properties.created = writer.book.properties.modified = when
        writer.book.properties.creator = "social-playbook"
        _cover(writer, document, sheet_name(_("Plan"), taken))
        for section in document.sections:
            _section_sheet(writer, document, section, sheet_name(section.title, taken))
    return _parts_dated(out.getvalue(), when)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _parts_dated(content: bytes, when: datetime) -> bytes:
    """The XLSX (a zip) with every part dated ``when`` instead of the time it was written,
    and the workbook's "modified" too (openpyxl sets it to the time of saving)."""
    stamp = max(when, datetime(1980, 1, 1)).timetuple()[:6]  # zip dates start in 1980
    modified = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(lambda m: m[1] + modified + m[2], data)
            part = zipfile.ZipInfo(info.filename, date_time=stamp)
            part.compress_type, part.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            target.writestr(part, data)
    return out.getvalue()


def _cover(writer: pd.ExcelWriter, document: Document, name: str) -> None:
    rows = [(_("Team"), document.team), (_("Currency"), document.currency),
            (_("Last updated (UTC)"), document.updated_at.strftime("%Y-%m-%d %H:%M"))]
    frame = pd.DataFrame({_("Plan"): [spreadsheet_text(k) for k, _v in rows],
                          "": [spreadsheet_text(v) for _k, v in rows]})
    frame.to_excel(writer, sheet_name=name, index=False, startrow=2)
    sheet = writer.sheets[name]
    sheet.cell(row=1, column=1, value=spreadsheet_text(f"{document.title}: {document.team}"))
    sheet.cell(row=1, column=1).font = _TITLE
    row = len(rows) + 5
    sheet.cell(row=row, column=1, value=_("Sheets")).font = _BOLD
    for offset, section in enumerate(document.sections, start=1):
        sheet.cell(row=row + offset, column=1, value=spreadsheet_text(section.title))
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 40


def _section_sheet(writer: pd.ExcelWriter, document: Document, section, name: str) -> None:
    pd.DataFrame().to_excel(writer, sheet_name=name, index=False)  # makes the sheet
    sheet = writer.sheets[name]
    sheet.cell(row=1, column=1, value=spreadsheet_text(section.title)).font = _TITLE
    row = 3
    widths: dict[int, int] = {}
    money = money_format(document.currency)
    for block in section.blocks:
        if isinstance(block, Heading):
            sheet.cell(row=row, column=1, value=spreadsheet_text(block.text)).font = _BOLD
            row += 1
        elif isinstance(block, Paragraph):
            cell = sheet.cell(row=row, column=1, value=spreadsheet_text(block.text))
            cell.alignment = Alignment(wrap_text=False, vertical="top")
            row += 2
        elif isinstance(block, Bullets):
            for lead, text in block.items:
                sheet.cell(row=row, column=1, value=spreadsheet_text(lead or text))
                if lead:
                    sheet.cell(row=row, column=2, value=spreadsheet_text(text))
                row += 1
            row += 1
        elif isinstance(block, KeyFigures):
            for figure in block.figures:
                sheet.cell(row=row, column=1, value=spreadsheet_text(figure.label))
                value = figure.value
                cell = sheet.cell(row=row, column=2, value=value if not isinstance(value, str)
                                  else spreadsheet_text(value))
                _format(cell, figure.kind, money)
                widths[1] = max(widths.get(1, 0), len(figure.label))
                row += 1
            row += 1
        elif isinstance(block, Table):
            row = _table(writer, sheet, name, block, row, money, widths) + 1
        elif isinstance(block, Chart):
            continue  # the HTML and the PDF draw it; its numbers are in the tables
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 10), 60)


def _table(writer, sheet, name: str, table: Table, row: int, money: str,
           widths: dict[int, int]) -> int:
    frame = table_frame(table)
    frame.to_excel(writer, sheet_name=name, index=False, startrow=row - 1)
    for column, spec in enumerate(table.columns, start=1):
        header = sheet.cell(row=row, column=column)
        header.font, header.fill = _BOLD, _HEADER_FILL
        widths[column] = max(widths.get(column, 0), len(spec.title),
                             *(len(str(v)) for v in frame.iloc[:, column - 1]
                               if spec.kind == "text"), 12 if spec.kind != "text" else 0)
        for offset in range(1, len(frame) + 1):
            cell = sheet.cell(row=row + offset, column=column)
            _format(cell, spec.kind, money)
            if table.total and offset == len(frame):
                cell.font = _BOLD
    return row + len(frame) + 1


def _format(cell, kind: CellKind, money: str) -> None:
    if cell.value == "" and kind != "text":
        cell.value = None  # pandas writes a missing number as "": an empty cell instead
    if cell.value is None:
        return
    if kind == "money":
        cell.number_format = money
    elif kind == "percent":
        cell.number_format = PERCENT_FORMAT
    elif kind == "date":
        cell.number_format = DATE_FORMAT
    elif kind == "number":
        cell.number_format = "#,##0" if float(cell.value) == int(cell.value) else "#,##0.00"
