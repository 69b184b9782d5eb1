"""The plan as a PDF: the HTML export rendered by WeasyPrint, charts included.

The same document as :mod:`socialplaybook.plan.html`, with the page size fixed (A4 or
Letter). WeasyPrint makes the PDF's outline from the headings, so a reader's sidebar lists
the steps. It needs Pango from the system (Debian: ``libpango-1.0-0 libpangoft2-1.0-0``);
without it the export says so in one line instead of failing on import.
"""

from __future__ import annotations

from socialplaybook.plan.document import plan_document
from socialplaybook.plan.html import page_html
from socialplaybook.plan.model import Plan, PlanError, in_plan_language
from socialplaybook.rules.i18n import _

DEFAULT_PAPER = "a4"


def html_to_pdf(html: str) -> bytes:
    """``html`` (a whole, self-contained page) as PDF bytes."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango or its fonts are missing
        raise PlanError(_("The PDF cannot be made here: WeasyPrint or the Pango library it "
                          "needs is missing ({error}). Export HTML and print it to PDF "
                          "instead.").format(error=str(exc).splitlines()[0][:120])) from None
    return HTML(string=html, base_url=None).write_pdf()


@in_plan_language
def plan_to_pdf(plan: Plan, paper: str = DEFAULT_PAPER) -> bytes:
    """The plan as a PDF on ``paper`` ("a4" or "letter")."""
    return html_to_pdf(page_html(plan_document(plan), paper))
