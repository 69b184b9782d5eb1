# The Littlest JupyterHub: each user's server opens the workshop's start app, and every
# kernel stores the plans in the shared PostgreSQL workspace.
# Copy to /opt/tljh/config/jupyterhub_config.d/ and run `sudo tljh-config reload hub`
# (deploy/tljh/README.md has the whole set-up).
import os
import subprocess

# The notebooks installed with the package, in TLJH's user environment: each user's server
# serves them (read-only; the apps write only to the workspace).
NOTEBOOKS = subprocess.run(
    ["/opt/tljh/user/bin/python", "-c",
     "import socialplaybook.datasets as d; print(d.notebooks_dir())"],
    capture_output=True, text=True, check=True).stdout.strip()

c.Spawner.notebook_dir = NOTEBOOKS  # noqa: F821 (c is JupyterHub's config object)
c.Spawner.default_url = "/voila/render/00-start-here.ipynb"  # noqa: F821
# The workspace: set SOCIAL_PLAYBOOK_DB in the hub's environment (systemd drop-in, see the
# README) so the password is not in this file.
c.Spawner.environment = {  # noqa: F821
    "SOCIAL_PLAYBOOK_DB": os.environ["SOCIAL_PLAYBOOK_DB"],
}
# A participant's server costs about 120 MB plus 100-140 MB per open app.
c.Spawner.mem_limit = "1G"  # noqa: F821
c.Spawner.cpu_limit = 1  # noqa: F821
