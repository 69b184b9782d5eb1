"""The engagement and policy app (step 6)."""
