"""The project installed the way Binder and a hub install it, from ``binder/``'s files alone:
a fresh virtualenv outside the checkout gets ``binder/requirements.txt`` (the lock's exact
runtime pins), then ``binder/postBuild`` installs the project as a plain (non-editable)
package. In it, ``social-playbook serve`` started from an unrelated folder serves the
packaged notebooks and the audit app renders, and the notebook tests pass.

It takes one to two minutes on an idle machine (pip's cache makes the install quick); it
runs in ``make test``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from socialplaybook.serve.launch import cell_error_instruction
from tests.processes import command_line, descendants

pytestmark = pytest.mark.install

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements-lock.txt"
# what a built distribution is made from; nothing else of the checkout is copied
SOURCES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "socialplaybook", "widgets",
           "datasets", "notebooks", "binder")
SERVER_START_TIMEOUT_S = 90
PAGE_TIMEOUT_S = 90
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def pip(*args: str, timeout: float = 240) -> str:
    """The checkout's pip (and its cache) acting on another interpreter (``--python``)."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PIP_NO_CACHE_DIR", "PIP_REQUIRE_VIRTUALENV")}
    done = subprocess.run([sys.executable, "-m", "pip", *args], env=env, capture_output=True,
                          text=True, timeout=timeout)
    output = done.stdout[-3000:] + done.stderr[-3000:]
    assert done.returncode == 0, f"pip {' '.join(args)}:\n{output}"
    return done.stdout


def lock_pins() -> set[tuple[str, str]]:
    """(name, version) of every pin in the lock file."""
    pins = set()
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins.add((canonicalize_name(name), version.strip()))
    return pins


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8", errors="replace")


def stop(process: subprocess.Popen) -> None:
    """Stop the server's whole process group: Ctrl-C, then kill; bounded either way."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGINT)
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    try:  # kernels that outlived Voila
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv (no system site-packages) built as Binder builds it, from a copy of
    the sources: ``binder/requirements.txt``, then ``binder/postBuild``. Returns its folder."""
    tmp_path = tmp_path_factory.mktemp("binder")
    assert not tmp_path.resolve().is_relative_to(REPO)
    source = tmp_path / "source"
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name,
                            # the .mo files a checkout compiled: the build must make them
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.mo"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(REPO / name, source / name)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text()
    python = venv / "bin" / "python"
    # No byte-compiling of every module of every package (it halves the time): Python
    # compiles what it imports.
    pip("--python", str(python), "install", "--quiet", "--no-compile", "-r",
        str(source / "binder" / "requirements.txt"))
    env = {**_clean_env(), "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
           "PIP_NO_COMPILE": "1"}
    built = subprocess.run(["bash", str(source / "binder" / "postBuild")], cwd=source, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    installed = pip("--python", str(python), "list", "--format=freeze", "--exclude", "pip",
                    timeout=60)
    locked = lock_pins()
    for line in installed.splitlines():
        name, version = line.split("==")
        if canonicalize_name(name) not in ("social-playbook", "setuptools", "wheel"):
            assert (canonicalize_name(name), version) in locked, f"{line} is not in the lock"
    # postBuild's culling of kernels whose page was closed, as the server reads it
    culling = subprocess.run(
        [str(venv / "bin" / "jupyter"), "server", "--show-config-json", "--allow-root"],
        env=_clean_env(), capture_output=True, text=True, timeout=120)
    assert '"cull_idle_timeout": 600' in culling.stdout, culling.stdout + culling.stderr
    shutil.rmtree(source)  # nothing may come from the copied sources after the install
    return venv


def test_the_installed_package_has_compiled_translations(installed: Path):
    """``pip install .`` compiles each language's .po into the .mo gettext reads (setup.py's
    build; the .mo files are not committed and the .po files are not installed)."""
    script = (
        "import json, pathlib, socialplaybook\n"
        "from socialplaybook.rules.i18n import _, use_language\n"
        "locale = pathlib.Path(socialplaybook.__file__).parent / 'locale'\n"
        "print(json.dumps(sorted(str(p.relative_to(locale)) for p in locale.rglob('*.[mp]o'))))\n"
        "for code in ('de', 'zh_Hans'):\n"
        "    with use_language(code):\n"
        "        print(_('Your team'))\n")
    done = subprocess.run([str(installed / "bin" / "python"), "-c", script], cwd=installed,
                          env=_clean_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    files, german, chinese = done.stdout.splitlines()
    assert json.loads(files) == [f"{code}/LC_MESSAGES/{domain}.mo"
                                 for code in ("de", "ka", "nb", "zh_Hans")
                                 for domain in ("content", "socialplaybook")]
    assert (german, chinese) == ("Ihr Team", "你们的团队")


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "SOCIAL_PLAYBOOK_DATA", "JUPYTER_TOKEN", "VIRTUAL_ENV",
                           "SOCIAL_PLAYBOOK_DB")}


def test_installed_package_serves_the_audit_app(installed: Path, tmp_path: Path):
    venv = installed
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = _clean_env()
    env["SOCIAL_PLAYBOOK_DB"] = f"sqlite:///{tmp_path}/workspace.sqlite"
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"

    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import socialplaybook.datasets as d, widgets.audit as w;"
         "print(d.__file__, d.notebooks_dir(), d.datasets_dir(), w.__file__, sep='\\n')"],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=120)
    assert where.returncode == 0, where.stderr
    site = (venv / "lib").resolve()
    for path in where.stdout.split():
        assert Path(path).resolve().is_relative_to(site), f"{path} is not the installed copy"

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(venv / "bin" / "social-playbook"), "serve", "--port", str(port),
             "--pool-size", "0"],
            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            assert process.poll() is None, f"serve exited:\n{log_path.read_text()[-3000:]}"
            try:
                if get(url + "/", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (
                f"serve did not answer in {SERVER_START_TIMEOUT_S} s:\n"
                f"{log_path.read_text()[-3000:]}")
            time.sleep(0.5)

        status, html = get(url + "/voila/render/01-myth-audit.ipynb", timeout=PAGE_TIMEOUT_S)
        assert status == 200
        failure = f"\n{html[-3000:]}\n--- server log ---\n{log_path.read_text()[-3000:]}"
        assert WIDGET_VIEW_MIME in html, "the audit app did not render" + failure
        for error in (cell_error_instruction(), "Traceback", "ModuleNotFoundError",
                      "FileNotFoundError", "ImportError"):
            assert error not in html, error + failure
        # serve's own page (its template and assets are package data too)
        assert 'id="sp-app-missing"' in html, "serve's page template is missing" + failure
        assert get(url + "/social-playbook/static/fontawesome/css/all.min.css",
                   timeout=30)[0] == 200
        # the page's preloaded scripts (the list is package data) and its no-MathJax typesetter
        assert 'rel="preload" as="script" href="/voila/static/voila.js"' in html, (
            "the page preloads no scripts" + failure)
        assert get(url + "/voila/templates/social-playbook/static/math-as-typed.js",
                   timeout=30)[0] == 200

        # the kernel that ran the app was forked from serve's kernel template (its
        # provisioner is an entry point of the installed package), both the venv's Python
        templates = [pid for pid in descendants(process.pid)
                     if command_line(pid)[1:3] == ["-m", "socialplaybook.serve.kernel_template"]]
        assert len(templates) == 1, templates
        assert Path(command_line(templates[0])[0]).parent == venv / "bin"
        kernels = [command_line(pid) for pid in descendants(templates[0])
                   if "ipykernel_launcher" in command_line(pid)]
        assert kernels and all(Path(k[0]).parent == venv / "bin" for k in kernels), kernels
        assert "started the usual way" not in log_path.read_text(), failure
    finally:
        stop(process)


def test_binder_environment_runs_the_notebook_tests(installed: Path, tmp_path: Path):
    """What a learner on Binder opens: every notebook runs in the environment built above."""
    venv = installed
    python = venv / "bin" / "python"
    pins = {name: version for name, version in lock_pins() if name in ("pytest", "nbval")}
    pip("--python", str(python), "install", "--quiet", "--no-compile",
        *(f"{name}=={version}" for name, version in sorted(pins.items())))
    notebooks = tmp_path / "notebooks"  # the repository's notebooks, away from its conftest
    shutil.copytree(REPO / "notebooks", notebooks,
                    ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    env = _clean_env()
    env["SOCIAL_PLAYBOOK_DB"] = f"sqlite:///{tmp_path}/workspace.sqlite"
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        [str(python), "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
         str(notebooks)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    report = done.stdout[-4000:] + done.stderr[-2000:]
    assert done.returncode == 0, report
    ran = len(list(notebooks.glob("*.ipynb")))
    assert f"{ran} passed" in report, report
