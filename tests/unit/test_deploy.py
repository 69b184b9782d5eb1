"""The hub configurations in deploy/: structure, the chart keys used, what they point to,
and that a participant's server is the apps and nothing else, holding only the apps' role's
database URL.

The Zero to JupyterHub chart's schema is not available offline, so the values file is
checked against the keys of the chart (4.x) this configuration uses, each with the type
the chart expects; TLJH's config snippet runs against a JupyterHub-like config object.
What the single-user server serves is tested in tests/unit/deploy/.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

from socialplaybook.datasets import notebooks_dir

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
START_APP = "00-start-here.ipynb"
START_URL = f"/hub/user-redirect/voila/render/{START_APP}"
SINGLE_USER = "/opt/social-playbook/single_user.py"  # where both hubs install deploy/single_user.py

# The Zero to JupyterHub chart's keys this configuration may set, with their types.
Z2JH_KEYS = {
    ("singleuser", "image", "name"): str,
    ("singleuser", "image", "tag"): str,
    ("singleuser", "cmd"): list,
    ("singleuser", "extraEnv"): dict,
    ("singleuser", "networkPolicy", "egress"): list,
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


def _load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def z2jh() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def thin_job() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "thin-cronjob.yaml").read_text(encoding="utf-8"))


def test_z2jh_values_use_only_known_chart_keys_with_their_types(z2jh):
    for path, value in leaves(z2jh).items():
        assert path in Z2JH_KEYS, f"{'.'.join(path)} is not a key this configuration knows"
        assert isinstance(value, Z2JH_KEYS[path]), f"{'.'.join(path)}: {value!r}"
    assert re.fullmatch(r"\d+(\.\d+)?[MG]", z2jh["singleuser"]["memory"]["limit"])


def test_z2jh_runs_the_apps_and_nothing_else_from_the_image(z2jh):
    assert z2jh["singleuser"]["cmd"] == ["python", SINGLE_USER]
    dockerfile = (DEPLOY / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    assert f"COPY deploy/single_user.py {SINGLE_USER}" in dockerfile
    # The proxy comes within the lock's pins, so it cannot move what the apps were tested with.
    assert re.search(r"-c /tmp/social-playbook/binder/requirements.txt\s*\\\s*"
                     r"'jupyter-server-proxy\[standalone\]==[\d.]+'", dockerfile)
    assert "defaultUrl" not in z2jh["singleuser"]  # the proxy ignores it: see default_url


def test_z2jh_lands_participants_on_the_start_app(z2jh):
    hub = z2jh["hub"]["config"]["JupyterHub"]
    assert hub["default_url"] == START_URL
    assert hub["implicit_spawn_seconds"] > 0
    assert (notebooks_dir() / START_APP).is_file()


def test_z2jh_pods_hold_only_the_apps_roles_url_and_reach_postgresql(z2jh):
    environment = z2jh["singleuser"]["extraEnv"]
    assert set(environment) == {"SOCIAL_PLAYBOOK_DB"}
    assert environment["SOCIAL_PLAYBOOK_DB"] == {
        "valueFrom": {"secretKeyRef": {"name": "social-playbook-app", "key": "url"}}}
    values = (DEPLOY / "z2jh" / "config.yaml").read_text(encoding="utf-8")
    assert "postgresql" not in values and "social-playbook-owner" not in values
    ports = [port for rule in z2jh["singleuser"]["networkPolicy"]["egress"]
             for port in rule["ports"]]
    assert {"port": 5432, "protocol": "TCP"} in ports


def test_z2jh_thins_and_upgrades_as_the_owner_in_a_job_of_its_own(z2jh, thin_job):
    assert thin_job["kind"] == "CronJob"
    assert thin_job["spec"]["concurrencyPolicy"] == "Forbid"
    pod = thin_job["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["command"] == ["social-playbook", "thin"]
    image = z2jh["singleuser"]["image"]
    assert container["image"] == f"{image['name']}:{image['tag']}"
    assert container["env"] == [{"name": "SOCIAL_PLAYBOOK_DB", "valueFrom": {
        "secretKeyRef": {"name": "social-playbook-owner", "key": "url"}}}]


def _tljh_config(monkeypatch) -> Config:
    """The TLJH snippet run as the hub runs it, with both URLs in the hub's environment."""
    monkeypatch.setenv("SOCIAL_PLAYBOOK_APP_DB", "postgresql+psycopg://app@db/playbook")
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", "postgresql+psycopg://owner@db/playbook")
    source = (DEPLOY / "tljh" / "social-playbook.py").read_text(encoding="utf-8")
    config = Config()
    exec(compile(source, "social-playbook.py", "exec"), {"c": config})  # noqa: S102
    return config


def test_tljh_runs_the_apps_and_nothing_else(monkeypatch):
    spawner = _tljh_config(monkeypatch).Spawner
    assert spawner.cmd == ["/opt/tljh/user/bin/python", SINGLE_USER]
    assert spawner.args == []
    # SystemdSpawner formats each part of the command with the user's name and id.
    assert [part.format(USERNAME="alice", USERID=1001) for part in spawner.cmd] == spawner.cmd
    assert spawner.mem_limit == "1G"


def test_tljh_gives_participants_only_the_apps_roles_url(monkeypatch):
    config = _tljh_config(monkeypatch)
    assert config.Spawner.environment == {
        "SOCIAL_PLAYBOOK_DB": "postgresql+psycopg://app@db/playbook"}
    source = (DEPLOY / "tljh" / "social-playbook.py").read_text(encoding="utf-8")
    assert "postgresql" not in source  # the URL never sits in a file
    assert config.JupyterHub.default_url == START_URL
    assert config.JupyterHub.implicit_spawn_seconds > 0


def test_tljh_thins_and_upgrades_as_the_owner_from_a_root_only_file():
    service = (DEPLOY / "tljh" / "social-playbook-thin.service").read_text(encoding="utf-8")
    timer = (DEPLOY / "tljh" / "social-playbook-thin.timer").read_text(encoding="utf-8")
    lines = {line.split("=", 1)[0]: line.split("=", 1)[1]
             for line in service.splitlines() if "=" in line and not line.startswith("#")}
    assert lines["EnvironmentFile"] == "/etc/social-playbook/owner.env"
    assert lines["ExecStart"] == "/opt/tljh/user/bin/social-playbook thin"
    assert lines["DynamicUser"] == "yes"
    assert "OnCalendar=*:0/10" in timer.splitlines()


# -- the participant's server command (deploy/single_user.py) -------------------------------


@pytest.fixture
def single_user(monkeypatch):
    module = _load_module("single_user", DEPLOY / "single_user.py")
    bin_dir, real_which = Path(sys.executable).parent, shutil.which

    def which(name, path=None):  # the proxy as the image and TLJH install it, beside Python
        return str(bin_dir / name) if name == "jupyter-standaloneproxy" else real_which(
            name, path=path)

    monkeypatch.setattr(module.shutil, "which", which)
    return module


def test_the_server_is_the_hubs_proxy_in_front_of_voila_and_nothing_else(single_user):
    command = single_user.server_command()
    proxy, voila = command[:command.index("--")], command[command.index("--") + 1:]
    assert Path(proxy[0]).name == "jupyter-standaloneproxy"
    assert "--absolute-url" in proxy  # Voila sees the hub's prefix, set as its base URL
    assert "--no-authentication" not in proxy
    # The kernels do not inherit the server's JupyterHub token.
    assert Path(voila[0]).name == "env"
    assert voila[1:5] == ["-u", "JUPYTERHUB_API_TOKEN", "-u", "JPY_API_TOKEN"]
    assert voila[5:8] == [sys.executable, "-m", "socialplaybook.serve.voila_app"]


def test_every_part_of_the_command_survives_the_proxys_templating(single_user):
    rendered = [part.format(port=4321, base_url="/user/alice", unix_socket="")
                for part in single_user.server_command()]
    assert "--port=4321" in rendered
    assert "--Voila.base_url=/user/alice/" in rendered
    assert "--Voila.ip=127.0.0.1" in rendered


def test_voila_runs_as_serve_runs_it_except_port_pools_and_the_host_check(single_user):
    import argparse

    from socialplaybook.serve.launch import voila_command

    served = voila_command(argparse.Namespace(port=8866, public=False, cull_idle_minutes=10,
                                              notebooks=None, pool_size=0))
    hub = [part.format(port=8866, base_url="/user/alice", unix_socket="")
           for part in single_user.voila_arguments()]
    # Behind the hub's proxy requests carry the hub's name as Host: the loopback Host check
    # is off, Voila still listens on 127.0.0.1 only and checks Origin.
    expected = [part.replace("--WorkshopVoila.public=False", "--WorkshopVoila.public=True")
                for part in served]
    assert "--WorkshopVoila.public=False" in served and "--Voila.ip=127.0.0.1" in hub
    assert hub == [*expected, "--Voila.base_url=/user/alice/"]


def test_without_the_proxy_installed_the_server_says_what_to_install(single_user, monkeypatch):
    monkeypatch.setattr(single_user.shutil, "which", lambda name, path=None: None)
    with pytest.raises(single_user.RefusedWorkspace, match=r"jupyter-server-proxy\[standalone\]"):
        single_user.server_command()


@pytest.mark.parametrize(("url", "says"), [
    ("", "is not set"),
    ("sqlite:////tmp/ws.sqlite", "not a PostgreSQL URL"),
])
def test_the_server_refuses_a_workspace_a_hub_cannot_share(single_user, monkeypatch, capsys,
                                                         url, says):
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", url)
    monkeypatch.setattr(single_user.os, "execv", lambda *args: pytest.fail("started"))
    assert single_user.main() == 1
    error = capsys.readouterr().err
    assert says in error and error.count("\n") == 1


def test_a_database_that_cannot_be_reached_now_does_not_stop_the_server(single_user,
                                                                        monkeypatch, capsys):
    started = []
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", "postgresql+psycopg://app@127.0.0.1:1/playbook")
    monkeypatch.setattr(single_user.os, "execv", lambda path, argv: started.append(argv))
    single_user.main()
    assert started and Path(started[0][0]).name == "jupyter-standaloneproxy"
    assert "cannot be checked now" in capsys.readouterr().err


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
