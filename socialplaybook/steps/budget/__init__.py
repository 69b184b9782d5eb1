"""Step 4, budget: money and staff time for the real work of social media.

The articles: social media is not free (discovering, curating, publishing, responding
and promoting cost time and money; organic reach falls as the platforms monetise, seeds
001/002); its return grows over months, not with each post (001/002); too many accounts
spread a team thin (000: one person runs 2-4 well); more followers and more spend bring
diminishing returns (003). This package holds the budget section of the Plan and every
formula the budget app shows, a file each: time, money, reach, response curves,
the optimiser, curve fitting, carry-over and scenarios.
"""
