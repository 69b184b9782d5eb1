"""The benchmark harness: ``make bench`` (``python -m tests.bench.run`` from the repo root).

Not a test tier: it measures load times in Chromium, kernel memory and autosave latency,
prints one table and writes it to ``bench-results/latest.json``. Targets are reported,
never enforced.
"""
