"""The datasets the core reads: myths.csv and its links to the seeds and the workshop steps."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from socialplaybook import data
from socialplaybook.data import AREAS, DATA_DIR, Myth, datasets_dir, load_myths, notebooks_dir
from socialplaybook.plan import AuditSection
from socialplaybook.steps import step_for_area, workshop_steps


def find_seeds_dir() -> Path | None:
    """The seed articles: ``$SOCIAL_PLAYBOOK_SEEDS``, else ``shared/seeds`` beside the clone
    (how CI and the workshop machines lay it out: ``<clone>/../shared/seeds``), found from
    this file whether or not the clone's path goes through a symlink."""
    if os.environ.get("SOCIAL_PLAYBOOK_SEEDS"):
        return Path(os.environ["SOCIAL_PLAYBOOK_SEEDS"])
    here = Path(__file__)
    for clone in (here.resolve().parents[2], Path(os.path.abspath(here)).parents[2]):
        for candidate in (clone.parent / "shared" / "seeds", clone / "shared" / "seeds"):
            if candidate.is_dir():
                return candidate
    return None


SEEDS_DIR = find_seeds_dir()


def seeds_dir() -> Path:
    """The seeds folder; skip only when it is really not there (and never in CI)."""
    if SEEDS_DIR is None or not SEEDS_DIR.is_dir():
        message = ("no seed articles: looked for $SOCIAL_PLAYBOOK_SEEDS and shared/seeds "
                   f"beside {Path(__file__).resolve().parents[2]}")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return SEEDS_DIR


def test_data_dir_holds_myths():
    assert DATA_DIR.is_absolute()
    assert (DATA_DIR / "myths.csv").is_file()
    assert datasets_dir() == DATA_DIR


def test_folders_come_from_the_installed_package(monkeypatch):
    """Found through importlib.resources (the package), not the working directory."""
    monkeypatch.delenv(data.DATA_ENV_VAR, raising=False)
    monkeypatch.chdir("/")
    import socialplaybook.datasets
    import socialplaybook.notebooks

    assert datasets_dir() == Path(socialplaybook.datasets.__file__).resolve().parent
    assert notebooks_dir() == Path(socialplaybook.notebooks.__file__).resolve().parent
    assert (datasets_dir() / "myths.csv").is_file()
    assert {"00-start-here.ipynb", "01-myth-audit.ipynb"} <= {
        p.name for p in notebooks_dir().glob("*.ipynb")}


def test_data_env_var_overrides_the_datasets_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(data.DATA_ENV_VAR, str(tmp_path))
    assert datasets_dir() == tmp_path.resolve()


def test_myths_load():
    myths = load_myths()
    assert isinstance(myths, tuple)
    assert len(myths) >= 20
    for m in myths:
        assert m.id and m.belief.strip() and m.instead.strip() and m.seed.strip()


def test_myth_ids_are_unique():
    counts = Counter(m.id for m in load_myths())
    assert [statement_id for statement_id, n in counts.items() if n > 1] == []


def test_myth_ids_are_valid_statement_ids():
    # a team must be able to answer every statement
    answers = {m.id: 0 for m in load_myths()}
    assert AuditSection(answers=answers).answers == dict(sorted(answers.items()))


def test_every_area_has_statements():
    areas = Counter(m.area for m in load_myths())
    assert set(areas) == set(AREAS)
    assert all(areas[area] >= 1 for area in AREAS)


def test_every_module_is_a_workshop_step_or_policy():
    allowed = {step.key for step in workshop_steps()} | {"policy"}
    assert {m.module for m in load_myths()} <= allowed
    for m in load_myths():
        assert step_for_area(m.module).key in {s.key for s in workshop_steps()}


def test_every_seed_file_exists():
    seeds = seeds_dir()
    assert sorted(seeds.glob("*.txt")), f"{seeds} holds no seed articles"
    missing = sorted({m.seed for m in load_myths() if not (seeds / m.seed).is_file()})
    assert missing == []


def test_every_seed_is_used():
    seeds = {p.name for p in seeds_dir().glob("*.txt")}
    assert seeds <= {m.seed for m in load_myths()}


def test_step_for_area():
    assert step_for_area("policy").key == "engagement"
    assert step_for_area("engagement").key == "engagement"
    for area in AREAS:
        step = step_for_area(area)
        assert step.app_path == f"voila/render/{step.notebook}"


def test_load_myths_refuses_unknown_area(tmp_path):
    path = tmp_path / "myths.csv"
    path.write_text(
        "id,area,belief,instead,seed,module\n"
        "x-1,astrology,b,i,s.txt,planning\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x-1"):
        load_myths(path)


def test_load_myths_refuses_unknown_module(tmp_path):
    path = tmp_path / "myths.csv"
    path.write_text(
        "id,area,belief,instead,seed,module\n"
        "x-2,planning,b,i,s.txt,playbook\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x-2"):
        load_myths(path)


def test_load_myths_keeps_text_as_written(tmp_path):
    """Every cell is text: an empty cell stays "", "NA" and "007" are not numbers or NaN."""
    path = tmp_path / "myths.csv"
    path.write_text(
        "id,area,belief,instead,seed,module\n"
        '007,kpis,NA,"two, lines\nhere",,kpis\n', encoding="utf-8")
    assert load_myths(path) == (
        Myth(id="007", area="kpis", belief="NA", instead="two, lines\nhere", seed="",
             module="kpis"),)


def test_load_myths_refuses_other_columns(tmp_path):
    path = tmp_path / "myths.csv"
    path.write_text("id,area,belief\nx-3,planning,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        load_myths(path)
