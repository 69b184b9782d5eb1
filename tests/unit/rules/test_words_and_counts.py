"""Sentences the rules share: counts with the right plural, numbers in the team's format,
and messages of validators that cannot know that format naming no typed number."""

import pytest
from pydantic import ValidationError

from socialplaybook.plan.files import MAX_PLAN_FILE_BYTES, read_plan_bytes
from socialplaybook.plan.model import PlanError
from socialplaybook.rules.carryover import monthly_carry_over
from socialplaybook.rules.dates import months_text
from socialplaybook.rules.messages import describe_validation_error
from socialplaybook.steps.planning.section import Goal, GoalAssumptions


@pytest.mark.parametrize("months, locale, text", [
    (1, "en", "1 month"), (0, "en", "0 months"), (12, "de", "12 months"),
    (1200, "de", "1.200 months"), (1200, "nb", "1\u00a0200 months"), (1200, "en", "1,200 months")])
def test_months_are_counted_in_words_and_in_the_teams_format(months, locale, text):
    assert months_text(months, locale) == text


def test_one_more_problem_is_one_problem():
    with pytest.raises(ValidationError) as two:
        Goal(baseline=-1, target=-1)
    assert describe_validation_error(two.value).endswith(" (and 1 more problem)")
    with pytest.raises(ValidationError) as three:
        Goal(baseline=-1, target=-1, metric="x" * 200)
    assert describe_validation_error(three.value).endswith(" (and 2 more problems)")


def test_a_deadline_window_backwards_names_no_number():
    """The two fields show them; a validator cannot write them the team's way (and said
    "furthest (1 months)")."""
    with pytest.raises(ValidationError) as backwards:
        GoalAssumptions(deadline_min_months=12, deadline_max_months=1)
    message = describe_validation_error(backwards.value)
    assert "nearest deadline cannot be further than the furthest" in message
    assert not any(digit in message for digit in "0123456789")


def test_a_carry_over_out_of_range_is_said_in_whole_percent():
    with pytest.raises(ValueError, match=r"from 0 to 90 % a week\.$"):
        monthly_carry_over(0.95)


@pytest.mark.parametrize("locale, size", [("de", "5,5"), ("nb", "5,5"), ("en", "5.5")])
def test_a_plan_file_too_large_is_measured_in_the_teams_format(locale, size):
    assert MAX_PLAN_FILE_BYTES < 5_500_000
    with pytest.raises(PlanError, match=f"^big.json is {size} MB; a plan file is at most 5 MB"):
        read_plan_bytes(b" " * 5_500_000, "big.json", locale)
