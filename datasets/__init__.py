"""The cited datasets, installed as ``socialplaybook.datasets`` (see data.py)."""
