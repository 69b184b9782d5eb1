"""Every test tier runs against a throwaway workspace, never the user's own."""

import os
import tempfile


def pytest_configure(config):
    if not os.environ.get("SOCIAL_PLAYBOOK_DB"):
        folder = tempfile.mkdtemp(prefix="social-playbook-tests-")
        os.environ["SOCIAL_PLAYBOOK_DB"] = f"sqlite:///{folder}/workspace.sqlite"
