"""The myth audit's section: how much each statement describes the team today."""

from __future__ import annotations

import re

from pydantic import (
    Field,
    StrictInt,
    field_validator,
)

from socialplaybook.rules.i18n import _
from socialplaybook.rules.section import Section

RATING_MIN, RATING_MAX = 0, 4
_STATEMENT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class AuditSection(Section):
    """The myth audit: how much each statement describes the team today.

    ``answers`` maps a statement id (from ``datasets/myths.csv``) to a rating from
    0 (not at all) to 4 (completely).
    """

    answers: dict[str, StrictInt] = Field(default_factory=dict)

    @field_validator("answers")
    @classmethod
    def _ratings_in_range(cls, answers: dict[str, int]) -> dict[str, int]:
        for statement_id, rating in answers.items():
            if not _STATEMENT_ID.fullmatch(statement_id):
                raise ValueError(_("'{id}' is not a statement id.").format(id=statement_id))
            if not RATING_MIN <= rating <= RATING_MAX:
                raise ValueError(
                    _("The rating of '{id}' must be from {lo} to {hi}, not {rating}.").format(
                        id=statement_id, lo=RATING_MIN, hi=RATING_MAX, rating=rating
                    )
                )
        return dict(sorted(answers.items()))
