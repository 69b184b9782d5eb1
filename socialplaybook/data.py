"""Where the datasets live, and typed loaders for them."""

from __future__ import annotations

import csv
import functools
import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(
    os.environ.get("SOCIAL_PLAYBOOK_DATA", Path(__file__).resolve().parents[1] / "datasets"))
AREAS = ("planning", "budget", "platforms", "kpis", "engagement", "policy")


@dataclass(frozen=True)
class Myth:
    """One belief or mistake from the source articles, as a statement a team can rate."""

    id: str
    area: str
    belief: str
    instead: str
    seed: str
    module: str


@functools.lru_cache(maxsize=1)
def load_myths(path: Path | None = None) -> tuple[Myth, ...]:
    """The myth-audit statements from ``datasets/myths.csv``, in file order."""
    path = path or DATA_DIR / "myths.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        myths = tuple(Myth(**row) for row in csv.DictReader(handle))
    for myth in myths:
        if myth.area not in AREAS or myth.module not in AREAS:
            raise ValueError(f"{path}: statement {myth.id!r} has an unknown area or module")
    return myths
