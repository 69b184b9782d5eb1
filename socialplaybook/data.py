"""Where the datasets and the workshop notebooks live, and typed loaders for the datasets.

Both folders sit at the top of the repository (``datasets/``, ``notebooks/``) and are
installed inside this package as ``socialplaybook.datasets`` and
``socialplaybook.notebooks`` (see ``[tool.setuptools.package-dir]`` in pyproject.toml), so
they are found the same way from a checkout, an editable install and a plain
``pip install`` (Binder, a hub): through :mod:`importlib.resources`, never relative to a
working directory or to this file.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, fields
from importlib.resources import files
from pathlib import Path

DATA_ENV_VAR = "SOCIAL_PLAYBOOK_DATA"
AREAS = ("planning", "budget", "platforms", "kpis", "engagement", "policy")


def _package_folder(package: str) -> Path:
    """The folder on disk holding ``package``'s files."""
    folder = files(package)
    if not isinstance(folder, Path) or not folder.is_dir():
        # only a zipped install gets here; the apps need real files (Voila serves a folder)
        raise RuntimeError(f"{package} is not installed as a folder on disk ({folder})")
    return folder.resolve()


def datasets_dir() -> Path:
    """The datasets folder: ``$SOCIAL_PLAYBOOK_DATA`` when set, else the packaged ``datasets/``."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override).resolve()
    return _package_folder("socialplaybook.datasets")


def notebooks_dir() -> Path:
    """The folder of the workshop notebooks (the apps ``social-playbook serve`` serves)."""
    return _package_folder("socialplaybook.notebooks")


DATA_DIR = datasets_dir()


@dataclass(frozen=True)
class Myth:
    """One belief or mistake from the source articles, as a statement a team can rate."""

    id: str
    area: str
    belief: str
    instead: str
    seed: str
    module: str


MYTH_COLUMNS = tuple(field.name for field in fields(Myth))


@functools.lru_cache(maxsize=1)
def load_myths(path: Path | None = None) -> tuple[Myth, ...]:
    """The myth-audit statements from ``datasets/myths.csv``, in file order."""
    import pandas  # a second or so of import: only when the table is read

    path = path or DATA_DIR / "myths.csv"
    # every cell as text, an empty cell as "" (not NaN)
    table = pandas.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if tuple(table.columns) != MYTH_COLUMNS:
        raise ValueError(
            f"{path}: the columns are {', '.join(table.columns)}; "
            f"expected {', '.join(MYTH_COLUMNS)}")
    myths = tuple(Myth(**row) for row in table.to_dict("records"))
    for myth in myths:
        if myth.area not in AREAS or myth.module not in AREAS:
            raise ValueError(f"{path}: statement {myth.id!r} has an unknown area or module")
    return myths
