"""Step 1, the myth audit: how much each common mistake describes the team today, and where
to start.
"""
