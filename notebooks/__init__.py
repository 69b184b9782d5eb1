"""The workshop notebooks, installed as ``socialplaybook.notebooks`` (see data.py)."""
