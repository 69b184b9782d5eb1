"""The lock file (requirements-lock.txt) pins every dependency the project declares, and
binder/requirements.txt holds exactly the lock's runtime pins. ``make lock`` writes both."""

from __future__ import annotations

from collections import defaultdict
from importlib.metadata import requires
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements-lock.txt"
BINDER = REPO / "binder" / "requirements.txt"
EXTRAS = ("test", "postgres")


def pins(path: Path) -> dict[str, list[Requirement]]:
    """Each package's pinned lines (one per Python version range when they differ)."""
    found: dict[str, list[Requirement]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            [spec] = requirement.specifier
            assert spec.operator == "==", f"{path.name}: {line} is not an exact pin"
            found[canonicalize_name(requirement.name)].append(requirement)
    return found


def declared(extra: str | None) -> list[Requirement]:
    """The project's requirements for ``extra`` (None: the runtime ones), from its metadata."""
    result = []
    for text in requires("social-playbook") or []:
        requirement = Requirement(text)
        marker = requirement.marker
        in_extra = marker is not None and "extra" in str(marker)
        if extra is None and not in_extra:
            result.append(requirement)
        elif extra is not None and in_extra and marker.evaluate({"extra": extra}):
            result.append(requirement)
    return result


def assert_pinned(requirement: Requirement, locked: dict[str, list[Requirement]], where: str):
    name = canonicalize_name(requirement.name)
    assert name in locked, f"{requirement.name} is declared but not pinned in {where}"
    for pin in locked[name]:
        [spec] = pin.specifier
        assert requirement.specifier.contains(spec.version, prereleases=True), (
            f"{where} pins {pin} outside the declared {requirement}")


def test_the_lock_pins_every_declared_dependency():
    locked = pins(LOCK)
    for extra in (None, *EXTRAS):
        for requirement in declared(extra):
            assert_pinned(requirement, locked, LOCK.name)


def test_binder_has_the_lock_s_runtime_pins_and_no_test_tools():
    def versions(locked):  # (name, version) pairs; markers may be narrower for binder
        return {(name, str(spec.version)) for name, requirements in locked.items()
                for requirement in requirements for spec in requirement.specifier}

    binder = pins(BINDER)
    for requirement in declared(None):
        assert_pinned(requirement, binder, "binder/requirements.txt")
    assert versions(binder) <= versions(pins(LOCK)), "binder pins versions the lock does not"
    for tool in ("pytest", "playwright", "hypothesis", "nbval", "ruff", "psycopg"):
        assert tool not in binder
