"""Step 2's app: goals, audience segments, who answers, the action plan and its people."""
