"""The test tiers (packages, so that test modules of the same name in two folders do not clash)."""
