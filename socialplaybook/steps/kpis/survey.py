"""The "how did you hear about us?" question."""

from __future__ import annotations

from dataclasses import dataclass

from socialplaybook.rules.i18n import _


@dataclass(frozen=True)
class SurveyQuestion:
    """The question for the contact form, the answer field recommended and why."""

    question: str
    field: str
    why: str


def hear_about_us() -> SurveyQuestion:
    """The "how did you hear about us?" question for the team's contact form."""
    return SurveyQuestion(
        _("How did you hear about us?"),
        _("An open text field, optional, asked once (on the contact or order form)."),
        _("Links lose track when someone sees a post on the phone and buys later on a laptop, "
          "or tells a colleague; customers remember. Open text, because a list of options "
          "puts words in their mouth and leaves out the podcast, the friend or the post you "
          "did not think of; sort the answers into platforms once a month."))
