"""Every format a plan is exported in, one function per format, for the command line and
the playbook app alike (so both give the same files).

Each format is a module of ``socialplaybook.plan`` that reads the plan (through the
document model, :mod:`socialplaybook.plan.document`, for HTML, PDF and XLSX):

* ``html``: one self-contained file that opens offline and prints (``plan.html``);
* ``pdf``: the same HTML rendered by WeasyPrint on A4 or Letter (``plan.pdf``);
* ``xlsx``: a sheet per step, numbers as numbers, money and dates formatted (``plan.xlsx``);
* ``md``: Markdown (``plan.markdown``); ``json``: the plan file, which imports back
  byte-identical (``plan.files``).

A format's module is imported when it is first used: the PDF's renderer loads only when a
PDF is asked for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from socialplaybook.plan.markdown import plan_to_markdown
from socialplaybook.plan.model import Plan
from socialplaybook.rules.i18n import _
from socialplaybook.steps.registry import load_attribute

__all__ = ["EXPORT_FORMATS", "ExportFormat", "export_file_name", "export_plan",
           "plan_to_markdown"]

PAPERS = ("a4", "letter")
_UNSAFE_IN_FILE_NAME = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its key (``--format``), what a person calls it, the file's
    extension and media type, and the function that writes it (``"module:name"``)."""

    key: str
    label: str
    extension: str
    media_type: str
    writer: str
    paper: bool = False  # the writer takes the paper size

    @property
    def binary(self) -> bool:
        """Whether the file is bytes rather than UTF-8 text."""
        return self.key in ("pdf", "xlsx")


def export_formats() -> list[ExportFormat]:
    """Every format, in the order the app offers them."""
    return [
        ExportFormat("html", _("HTML (opens offline, prints)"), "html", "text/html",
                     "socialplaybook.plan.html:plan_to_html"),
        ExportFormat("pdf", _("PDF"), "pdf", "application/pdf",
                     "socialplaybook.plan.pdf:plan_to_pdf", paper=True),
        ExportFormat("xlsx", _("Excel workbook (XLSX)"), "xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "socialplaybook.plan.xlsx:plan_to_xlsx"),
        ExportFormat("md", _("Markdown"), "md", "text/markdown",
                     "socialplaybook.plan.markdown:plan_to_markdown"),
        ExportFormat("json", _("Plan file (JSON, to upload again)"), "json", "application/json",
                     "socialplaybook.plan.files:plan_to_json"),
    ]


EXPORT_FORMATS: tuple[str, ...] = ("html", "pdf", "xlsx", "md", "json")


def export_format(key: str) -> ExportFormat:
    """The format called ``key``; ValueError naming the formats there are."""
    for found in export_formats():
        if found.key == key:
            return found
    raise ValueError(_("'{key}' is not an export format (one of: {formats}).").format(
        key=key, formats=", ".join(EXPORT_FORMATS)))


def export_plan(plan: Plan, key: str, paper: str = "a4", language: str | None = None) -> bytes:
    """The plan as a file in format ``key`` (bytes; text formats in UTF-8); ``paper`` ("a4"
    or "letter") for the PDF. Written in the plan's language, or in ``language`` (a page
    opened with ``?lang=``); the plan file (JSON) is the plan as stored either way."""
    found = export_format(key)
    if paper not in PAPERS:
        raise ValueError(_("Paper must be one of: {papers}.").format(papers=", ".join(PAPERS)))
    writer = load_attribute(found.writer)
    if found.key == "json":
        content = writer(plan)
    else:
        content = (writer(plan, paper, language=language) if found.paper
                   else writer(plan, language=language))
    return content if isinstance(content, bytes) else content.encode("utf-8")


def export_file_name(team: str, key: str) -> str:
    """A file name for the team's export that is safe on every system:
    ``<team>-playbook.<ext>`` (``<team>-plan.json`` for the plan file). Letters and digits
    of any script are kept; anything else (spaces, slashes, quotes, brackets) becomes "-"."""
    stem = _UNSAFE_IN_FILE_NAME.sub("-", unicodedata.normalize("NFC", team)).strip("-._")
    kind = "plan" if key == "json" else "playbook"
    return f"{stem[:60] or 'team'}-{kind}.{export_format(key).extension}"
