"""Preheated kernels are handed out only if they could have run their app.

A real `social-playbook serve` with a pool of one kernel per notebook, over a folder with
the audit and a notebook whose app never appears (its cell fails): its pool kernels are
replaced rather than handed out, three times at most, and the audit's pool is untouched.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request

import pytest

from socialplaybook.datasets import notebooks_dir
from socialplaybook.serve.voila_app import MAX_FAILED_POOL_KERNELS
from tests.browser.conftest import Server
from tests.browser.test_offline_page import failing_notebook

pytestmark = pytest.mark.browser

REPLACED = "A preheated kernel of broken.ipynb did not show the app"
GIVEN_UP = "The app broken.ipynb did not appear in"
FILLED = "Kernel pool of {notebook} is filled with"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notebooks")
    shutil.copy(notebooks_dir() / "01-myth-audit.ipynb", folder)
    (folder / "broken.ipynb").write_text(json.dumps(failing_notebook()), encoding="utf-8")
    server = Server(tmp_path_factory.mktemp("pools"), pool_size=1,
                    extra_args=("--notebooks", str(folder)))
    yield server
    server.stop()


def wait_for(condition, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def fetch(server, notebook: str) -> str:
    with urllib.request.urlopen(server.app_url(notebook), timeout=90) as response:
        return response.read().decode("utf-8", errors="replace")


def test_a_pool_kernel_without_its_app_is_replaced_and_a_broken_app_stops_the_churn(server):
    for notebook in ("broken.ipynb", "01-myth-audit.ipynb"):
        wait_for(lambda notebook=notebook: FILLED.format(notebook=notebook)
                 in server.log_text())
    for attempt in range(1, MAX_FAILED_POOL_KERNELS + 1):
        # the pool's kernel has run the notebook (and shown no app) before each request
        wait_for(lambda attempt=attempt: server.log_text().count(
            FILLED.format(notebook="broken.ipynb")) >= attempt)
        time.sleep(2)
        page = fetch(server, "broken.ipynb")
        assert "sp-app-missing" in page  # the page still says so after 10 s
    log = server.log_text()
    assert log.count(REPLACED) == MAX_FAILED_POOL_KERNELS - 1
    assert log.count(GIVEN_UP) == 1
    fills = log.count(FILLED.format(notebook="broken.ipynb"))
    fetch(server, "broken.ipynb")  # a fresh kernel, and no new pool kernel behind it
    time.sleep(5)
    assert server.log_text().count(FILLED.format(notebook="broken.ipynb")) == fills
    # The audit's pool is untouched: its page gets the kernel that ran it.
    fetch(server, "01-myth-audit.ipynb")
    assert "Using pre-heated kernel" in server.log_text().split(GIVEN_UP)[-1]
