"""The playbook's checklist says planning's numbers as the team writes them."""

import re
from datetime import date

from socialplaybook.steps.planning.readiness import planning_gaps
from tests.plans import full_plan


def test_a_goal_beyond_the_assumption_says_its_limit_in_the_teams_format():
    plan = full_plan("Fjord AS").model_copy(update={"locale": "nb"})
    goal = plan.planning.goals[0].model_copy(update={"baseline": 20.0, "target": 35.0})
    planning = plan.planning.model_copy(update={"goals": [goal]})
    gaps = planning_gaps(planning, plan, today=date(2026, 12, 5))
    beyond = [c.message for c in gaps if "beyond what your assumption allows" in c.message]
    assert beyond, [c.message for c in gaps]
    assert re.search(r"at most \d+,\d+", beyond[0]), beyond[0]  # "33,64", not "33.64"
    assert not re.search(r"\d\.\d", beyond[0]), beyond[0]
