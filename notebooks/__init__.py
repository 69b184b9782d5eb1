"""The workshop notebooks, installed as ``socialplaybook._notebooks`` (see socialplaybook/datasets.py)."""
