"""Every test run works in a throwaway workspace, never the user's own; tests assert what
the code does, not how fast a shared machine does it.

``SOCIAL_PLAYBOOK_DB`` is replaced even when the shell running the tests has set it (say to
a workshop's real database): a test that saves, restores or imports would otherwise write
into it. The PostgreSQL tests name their own database in
``SOCIAL_PLAYBOOK_TEST_POSTGRES_URL``.

Hypothesis tests have no deadline (hypothesis' default fails an example slower than
200 ms, which a machine shared by several people makes a coin toss); timings are measured
by ``make bench`` (tests/bench/).

The browser tests run last: their Playwright session (one Chromium for the whole run)
keeps an asyncio loop running in the main thread until the run ends, and a test after it
that runs its own loop (tornado's test cases, ``asyncio.run``) would fail for that alone.
"""

import os
import shutil
import tempfile

from hypothesis import settings

settings.register_profile("social-playbook", deadline=None)
settings.load_profile("social-playbook")

_THROWAWAY: list[str] = []


def pytest_configure(config):
    folder = tempfile.mkdtemp(prefix="social-playbook-tests-")
    _THROWAWAY.append(folder)
    os.environ["SOCIAL_PLAYBOOK_DB"] = f"sqlite:///{folder}/workspace.sqlite"


def pytest_collection_modifyitems(session, config, items):
    browser = os.path.join("tests", "browser") + os.sep
    items.sort(key=lambda item: browser in str(item.path))  # stable: others keep their order


def pytest_unconfigure(config):
    while _THROWAWAY:
        shutil.rmtree(_THROWAWAY.pop(), ignore_errors=True)
