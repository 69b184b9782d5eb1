"""Budget: money and staff time for the real work of social media.

This module holds the budget section of the Plan and the arithmetic the budget app shows.
"""

from __future__ import annotations

from socialplaybook.sections import Section


class BudgetSection(Section):
    """The budget step of the Plan."""
