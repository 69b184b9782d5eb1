"""Step 3, platforms: go where your audience is, with no more accounts than you can run.

The articles: treating every network the same is a mistake (each has its customs, tone,
audience and formats); social media is not only for the young; you need not be on
Facebook, only where your audience is, but reserve your handle everywhere; one person
runs 2-4 accounts well, so focus. This package holds the platforms section of the Plan
and the arithmetic the app shows: every number of a score can be read in its breakdown.
"""
