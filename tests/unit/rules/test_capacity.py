"""The one capacity rule: 2-4 accounts per full-time equivalent of the team's working week."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.rules.capacity import (
    ACCOUNTS_PER_PERSON_MAX,
    ACCOUNTS_PER_PERSON_MIN,
    DEFAULT_WORK_WEEK_HOURS,
    accounts_check,
    accounts_fit,
    full_time_equivalents,
    max_accounts,
    working_week_check,
)


def test_the_rule_is_seed_000s_two_to_four_accounts_on_a_forty_hour_week():
    assert (ACCOUNTS_PER_PERSON_MIN, ACCOUNTS_PER_PERSON_MAX) == (2, 4)
    assert DEFAULT_WORK_WEEK_HOURS == 40


def test_exactly_four_accounts_for_one_full_time_equivalent_pass_and_five_warn():
    four = accounts_check(4, 40)
    assert (four.level, four.key) == ("ok", "accounts")
    assert four.message == ("4 accounts for 40 h a week (1 FTE of a 40-hour week): within "
                            "2-4 per full-time equivalent (at most 4 accounts run well).")
    five = accounts_check(5, 40)
    assert five.level == "warning"
    assert five.message == ("5 accounts for 40 h a week (1 FTE of a 40-hour week) is more "
                            "than 4 per full-time equivalent: at most 4 accounts run well.")


def test_below_two_per_full_time_equivalent_there_is_room_for_more():
    """The rule's lower end is used: 1 account on a full week is room for more."""
    assert accounts_fit(1, 40).verdict == "room"
    assert accounts_check(1, 40).message == (
        "1 account for 40 h a week (1 FTE of a 40-hour week): room for more (at most 4 "
        "accounts run well).")
    assert accounts_fit(2, 40).verdict == "fits"  # exactly 2 per FTE: no longer room
    assert accounts_fit(3, 80).verdict == "room"  # 1.5 per FTE


def test_the_working_week_is_the_teams():
    """A team with a 37.5-hour week: 37.5 h is one FTE, so 4 accounts fit; on 40 h it
    would be 0.94 FTE and 3 accounts."""
    assert full_time_equivalents(37.5, 37.5) == 1
    assert max_accounts(37.5, 37.5) == 4 and max_accounts(37.5, 40) == 3
    assert accounts_check(4, 37.5, 37.5).level == "ok"
    assert accounts_check(4, 37.5, 40).level == "warning"
    assert "(1 FTE of a 37.5-hour week)" in accounts_check(4, 37.5, 37.5).message


def test_headcount_does_not_count_only_hours_do():
    """Issue 19, finding 6: one marketer and three service staff who give an hour a week
    each (4 h) used to be allowed 16 accounts; 4 h is 0.1 FTE: one account."""
    assert max_accounts(4, 40) == 1
    assert accounts_check(2, 4).level == "warning"


def test_one_account_is_never_too_many():
    """A café giving 5 h a week to one Facebook account: 8 per FTE on paper, but one
    account cannot be spread thinner; whether its hours fit is the hours check's."""
    assert accounts_fit(1, 5).verdict == "single"
    check = accounts_check(1, 5)
    assert check.level == "ok" and "whether its hours fit is checked on its own" in check.message
    assert accounts_check(2, 5).level == "warning"


def test_no_hours_is_a_todo_and_zero_hours_a_warning():
    assert accounts_check(3, None).level == "todo"
    assert accounts_check(0, None).level == "todo"
    assert max_accounts(0, 40) == 0 and accounts_check(1, 0).level == "warning"
    assert accounts_fit(1, 0).verdict == "too_many"
    assert accounts_check(0, 20).message == (
        "No account chosen yet: with 20 h a week (0.5 FTE of a 40-hour week), at most 2 "
        "accounts run well.")


def test_numbers_are_in_the_teams_locale():
    check = accounts_check(5, 30, 37.5, locale="de")
    assert "30 h a week (0,8 FTE of a 37,5-hour week)" in check.message


def test_a_person_gives_at_most_the_working_week():
    """168 h is only the physical bound of input; a person gives at most the week."""
    assert working_week_check(1, 40, 40) is None
    check = working_week_check(1, 60, 40)
    assert check.level == "warning" and check.message == (
        "1 person gives at most 40 h a week in a 40-hour working week, not 60: add people "
        "or count fewer hours.")
    assert working_week_check(3, 150, 40, locale="de").message.startswith(
        "3 people give at most 120 h a week between them in a 40-hour working week, not 150")
    assert working_week_check(None, 60, 40) is None and working_week_check(2, None) is None


@given(accounts=st.integers(0, 200), hours=st.floats(0, 5000, allow_nan=False),
       week=st.floats(1, 168, allow_nan=False))
def test_the_verdict_follows_accounts_per_full_time_equivalent(accounts, hours, week):
    fit = accounts_fit(accounts, hours, week)
    fte = hours / week
    limit = max_accounts(hours, week)
    assert fit.fte == pytest.approx(fte)
    if accounts == 0:
        assert fit.verdict == "none"
    elif fit.verdict == "too_many":
        assert accounts > limit
    else:
        assert accounts <= limit
    if fte > 0 and accounts >= 1:
        # the limit is the largest count that does not warn
        assert accounts_fit(limit, hours, week).verdict != "too_many"
        assert accounts_fit(limit + 1, hours, week).verdict == "too_many" or limit + 1 == 1
