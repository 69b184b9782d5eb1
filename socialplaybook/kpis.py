"""KPI design: measure business impact, not vanity.

This module holds the kpis section of the Plan and the arithmetic the KPI app shows.
"""

from __future__ import annotations

from socialplaybook.sections import Section


class KpisSection(Section):
    """The KPI step of the Plan."""
