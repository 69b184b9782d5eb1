"""Step 7's app: the whole plan on one page, what is still open, every download, history."""
