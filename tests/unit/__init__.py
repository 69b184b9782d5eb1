"""Unit tests of the domain core.

A package, so that its module names (test_audit, ...) do not clash with tests/widgets.
"""
