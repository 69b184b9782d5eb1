"""The hub configurations in deploy/: structure, the chart keys used, and what they point to.

The Zero to JupyterHub chart's schema is not available offline, so the values file is
checked against the keys of the chart (4.x) this configuration uses, each with the type
the chart expects; TLJH's config snippet runs against a JupyterHub-like config object.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

from socialplaybook.datasets import notebooks_dir

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
START_APP = "00-start-here.ipynb"

# The Zero to JupyterHub chart's keys this configuration may set, with their types.
Z2JH_KEYS = {
    ("singleuser", "image", "name"): str,
    ("singleuser", "image", "tag"): str,
    ("singleuser", "defaultUrl"): str,
    ("singleuser", "extraEnv"): dict,
    ("singleuser", "memory", "guarantee"): str,
    ("singleuser", "memory", "limit"): str,
    ("singleuser", "cpu", "guarantee"): (int, float),
    ("singleuser", "cpu", "limit"): (int, float),
    ("singleuser", "storage", "type"): str,
    ("cull", "enabled"): bool,
    ("cull", "timeout"): int,
    ("cull", "every"): int,
    ("hub", "config"): dict,
}


def leaves(values: dict, prefix: tuple = ()) -> dict[tuple, object]:
    """Every key path of the values down to the known keys (free-form dicts stay whole)."""
    found = {}
    for key, value in values.items():
        path = (*prefix, key)
        if path in Z2JH_KEYS or not isinstance(value, dict):
            found[path] = value
        else:
            found.update(leaves(value, path))
    return found


@pytest.fixture(scope="module")
def z2jh() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text(encoding="utf-8"))


def test_z2jh_values_use_only_known_chart_keys_with_their_types(z2jh):
    for path, value in leaves(z2jh).items():
        assert path in Z2JH_KEYS, f"{'.'.join(path)} is not a key this configuration knows"
        assert isinstance(value, Z2JH_KEYS[path]), f"{'.'.join(path)}: {value!r}"
    assert re.fullmatch(r"\d+(\.\d+)?[MG]", z2jh["singleuser"]["memory"]["limit"])


def test_z2jh_opens_the_start_app_from_the_installed_notebooks(z2jh):
    url = z2jh["singleuser"]["defaultUrl"]
    assert url == f"/voila/render/{START_APP}"
    assert (notebooks_dir() / START_APP).is_file()
    folder = z2jh["hub"]["config"]["KubeSpawner"]["notebook_dir"]
    assert folder in (DEPLOY / "z2jh" / "Dockerfile").read_text(encoding="utf-8")


def test_z2jh_takes_the_workspace_url_from_a_secret(z2jh):
    workspace = z2jh["singleuser"]["extraEnv"]["SOCIAL_PLAYBOOK_DB"]
    assert set(workspace) == {"valueFrom"}
    assert set(workspace["valueFrom"]["secretKeyRef"]) == {"name", "key"}
    assert "postgresql" not in (DEPLOY / "z2jh" / "config.yaml").read_text(encoding="utf-8")


def test_the_image_installs_the_lock_and_culls_closed_pages_kernels():
    dockerfile = (DEPLOY / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    assert "-r /tmp/social-playbook/binder/requirements.txt" in dockerfile
    assert "--no-deps /tmp/social-playbook" in dockerfile
    server_config = json.loads((DEPLOY / "tljh" / "jupyter_server_config.json").read_text())
    assert server_config["MappingKernelManager"]["cull_idle_timeout"] == 600
    assert server_config["MappingKernelManager"]["cull_connected"] is False


def test_tljh_snippet_opens_the_start_app_with_the_workspace_from_the_environment(
        monkeypatch):
    source = (DEPLOY / "tljh" / "social-playbook.py").read_text(encoding="utf-8")
    assert "postgresql" not in source  # the URL never sits in a file
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", "postgresql+psycopg://u@db/playbook")

    def run(command, **kwargs):  # TLJH's user environment is this one here
        assert command[0] == "/opt/tljh/user/bin/python"
        return subprocess.CompletedProcess(command, 0, stdout=f"{notebooks_dir()}\n")

    monkeypatch.setattr(subprocess, "run", run)
    config = Config()
    exec(compile(source, "social-playbook.py", "exec"), {"c": config})  # noqa: S102
    spawner = config.Spawner
    assert spawner.default_url == f"/voila/render/{START_APP}"
    assert Path(spawner.notebook_dir, START_APP).is_file()
    assert spawner.environment == {"SOCIAL_PLAYBOOK_DB": "postgresql+psycopg://u@db/playbook"}
    assert spawner.mem_limit == "1G"


# -- Binder badges ---------------------------------------------------------------------------


def _badges_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("binder_badges",
                                                  REPO / "binder" / "badges.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_binder_badges_open_the_start_app_in_voila_and_the_notebooks_in_lab():
    badges = _badges_module()
    text = badges.badges("acme/social-playbook", "workshop-2027")
    links = re.findall(r"\]\((https://mybinder\.org/v2/gh/[^)]+)\)", text)
    assert links == [
        "https://mybinder.org/v2/gh/acme/social-playbook/workshop-2027"
        "?urlpath=voila%2Frender%2Fnotebooks%2F00-start-here.ipynb",
        "https://mybinder.org/v2/gh/acme/social-playbook/workshop-2027"
        "?urlpath=lab%2Ftree%2Fnotebooks",
    ]
    assert (REPO / "notebooks" / "00-start-here.ipynb").is_file()  # what the first opens


@pytest.mark.parametrize("repo", ["", "acme", "acme/x/y", "<img src=x>/y", "a b/c"])
def test_binder_badges_refuse_what_is_not_a_github_repository(repo, capsys):
    badges = _badges_module()
    assert badges.main([repo]) == 2
    assert capsys.readouterr().err.startswith("badges.py: ")
