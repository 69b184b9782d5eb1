"""Step 3's app: the ranking of platforms, their breakdown, the portfolio and the chosen
platforms."""
