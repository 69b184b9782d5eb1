"""The XLSX export read back with pandas and openpyxl: a sheet per step, numbers as numbers,
money in the plan's currency format, dates as dates, and no typed text as a formula."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from socialplaybook.plan.model import Plan
from socialplaybook.plan.xlsx import money_format, plan_to_xlsx, sheet_name
from socialplaybook.steps.registry import built_steps
from tests.plans import FORMULA, SCRIPT, full_plan


def workbook(plan: Plan) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(plan_to_xlsx(plan)))


def table_under(frame: pd.DataFrame, title: str) -> pd.DataFrame:
    """The table whose header row starts with ``title`` in a sheet read without headers."""
    start = frame.index[frame[0] == title][0]
    end = start + 1
    while end < len(frame) and frame.iloc[end].notna().any():
        end += 1
    body = frame.iloc[start + 1:end].dropna(axis=1, how="all")
    body.columns = list(frame.iloc[start].dropna())
    return body.reset_index(drop=True)


def test_a_sheet_per_step_after_the_plans_own():
    sheets = pd.read_excel(io.BytesIO(plan_to_xlsx(full_plan())), sheet_name=None, header=None)
    assert list(sheets) == ["Plan"] + [s.title for s in built_steps() if s.section]
    assert sheets["Plan"].iloc[0, 0] == "Social media playbook: Harbour Café"


def test_numbers_are_numbers_and_dates_are_dates():
    planning = pd.read_excel(io.BytesIO(plan_to_xlsx(full_plan())), sheet_name="Planning",
                             header=None)
    goals = table_under(planning, "Business result")
    assert goals["Target"].astype(float).tolist() == [35.0, 52000.5]
    assert pd.api.types.is_numeric_dtype(pd.to_numeric(goals["Baseline"]))
    assert [pd.Timestamp(d).date().isoformat() for d in goals["Deadline"]] == [
        "2027-09-30", "2027-12-31"]
    sheet = workbook(full_plan())["Planning"]
    deadline = next(c for row in sheet.iter_rows() for c in row if c.is_date)
    assert deadline.number_format == "yyyy-mm-dd"
    target = next(c for row in sheet.iter_rows() for c in row if c.value == 52000.5)
    assert target.data_type == "n"


def test_money_cells_carry_the_plans_currency():
    sheet = workbook(full_plan())["Budget"]
    money = [c for row in sheet.iter_rows() for c in row
             if isinstance(c.value, (int, float)) and "NOK" in c.number_format]
    values = {c.value for c in money}
    assert {6000, 95.25, 120} <= values
    assert all(c.number_format == money_format("NOK") for c in money)
    assert money_format("eur") == '#,##0.00 "EUR"'


def test_a_percentage_is_a_fraction_shown_as_percent():
    sheet = workbook(full_plan())["KPIs"]
    percents = [c for row in sheet.iter_rows() for c in row if c.number_format == "0.0%"]
    assert percents and all(-1 <= c.value <= 10 for c in percents)


@pytest.mark.parametrize("text", [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1", SCRIPT])
def test_typed_text_never_becomes_a_formula(text):
    book = workbook(full_plan(text=text))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    typed = [c.value for c in cells if isinstance(c.value, str) and text.strip() in c.value]
    assert typed
    if text[0] in "=+-@\t":
        assert all(not v.startswith(("=", "+", "-", "@", "\t")) for v in typed)
        assert "'" + text in typed  # shown as typed, after the quote that keeps it text


def test_an_empty_plan_exports_too():
    sheets = pd.read_excel(io.BytesIO(plan_to_xlsx(Plan(team="Empty"))), sheet_name=None,
                           header=None)
    assert "No goals yet." in sheets["Planning"][0].tolist()


def test_sheet_names_are_what_excel_accepts():
    taken: set[str] = set()
    assert sheet_name("a/b: [c]?", taken) == "a b   c"
    assert sheet_name("A/B: [C]?", taken) == "A B   C 2"  # names are unique ignoring case
    assert len(sheet_name("x" * 40, taken)) == 31


def test_the_same_plan_gives_the_same_bytes_whenever_it_is_exported(monkeypatch):
    import datetime as real_datetime
    import time
    import types

    import openpyxl.writer.excel as excel_writer

    plan = full_plan()
    first = plan_to_xlsx(plan)
    later = real_datetime.datetime.now(real_datetime.timezone.utc) + real_datetime.timedelta(
        days=1)

    class Tomorrow(real_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return later if tz else later.replace(tzinfo=None)

    monkeypatch.setattr(excel_writer, "datetime",
                        types.SimpleNamespace(datetime=Tomorrow, timezone=real_datetime.timezone))
    monkeypatch.setattr(time, "time", lambda: later.timestamp())
    assert plan_to_xlsx(plan) == first  # what the app offers is what the command writes
    modified = openpyxl.load_workbook(io.BytesIO(first)).properties.modified
    assert modified == plan.updated_at.replace(tzinfo=None, microsecond=0)
