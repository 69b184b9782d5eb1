"""What pyproject.toml cannot say on its own: the code's packages are found, not listed
(a new step's package needs no edit here), the two folders at the top of the repository
that are installed inside the package are added to them, and the translations' ``.po``
files are compiled into the ``.mo`` files gettext reads (the ``.mo`` files are built, not
committed: a plain ``pip install .``, an editable install and ``make install`` all make
them)."""

import importlib.util
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _language_module():
    """socialplaybook/language.py, loaded on its own (the build has none of the package's
    dependencies but Babel, which compiling needs)."""
    spec = importlib.util.spec_from_file_location("_social_playbook_language",
                                                  HERE / "socialplaybook" / "language.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithCatalogues(build_py):
    """build_py, then every ``socialplaybook/locale/<lang>/LC_MESSAGES/<domain>.po``
    compiled to its ``.mo`` in the build (beside the ``.po`` for an editable install)."""

    def run(self):
        super().run()
        language = _language_module()
        source = HERE / "socialplaybook" / "locale"
        target = source if self.editable_mode else Path(self.build_lib) / "socialplaybook" / "locale"
        for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
            mo_path = target / po_path.relative_to(source).with_suffix(".mo")
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            mo_path.write_bytes(language.compile_catalogue(po_path))


setup(packages=[*find_packages(include=["socialplaybook", "socialplaybook.*", "widgets",
                                        "widgets.*"]),
                "socialplaybook._datasets", "socialplaybook._notebooks"],
      cmdclass={"build_py": BuildWithCatalogues})
