"""The cited datasets, installed as ``socialplaybook._datasets`` (see socialplaybook/datasets.py)."""
