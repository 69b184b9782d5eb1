# The Littlest JupyterHub: each participant's server is the workshop's apps and nothing
# else (deploy/single_user.py: Voila behind jupyter-server-proxy's standalone proxy; no
# JupyterLab, no terminals, no contents API, no kernel to send code to), and its kernels
# store the plans in the shared PostgreSQL workspace as the apps' role (read and append).
# Copy to /opt/tljh/config/jupyterhub_config.d/ and run `sudo tljh-config reload hub`
# (deploy/README.md has the whole set-up).
import os

USER_PYTHON = "/opt/tljh/user/bin/python"  # TLJH's user environment, social-playbook in it
SINGLE_USER = "/opt/social-playbook/single_user.py"  # deploy/single_user.py, installed there
START_APP = "voila/render/00-start-here.ipynb"

c.Spawner.cmd = [USER_PYTHON, SINGLE_USER]  # noqa: F821 (c is JupyterHub's config object)
c.Spawner.args = []  # noqa: F821
# The apps' role's URL, from the hub's own environment (a systemd drop-in, see the README),
# so no password sits in this file: the only database URL a participant's server holds.
# The owner's URL is never in the hub's environment: only the thinning timer reads it.
c.Spawner.environment = {  # noqa: F821
    "SOCIAL_PLAYBOOK_DB": os.environ["SOCIAL_PLAYBOOK_APP_DB"],
}
# After logging in, a participant lands on the start app (their server is started first).
c.JupyterHub.default_url = f"/hub/user-redirect/{START_APP}"  # noqa: F821
c.JupyterHub.implicit_spawn_seconds = 1  # noqa: F821 (start it without a "Launch" click)
# A participant's server costs about 120 MB plus 90-140 MB per open app.
c.Spawner.mem_limit = "1G"  # noqa: F821
c.Spawner.cpu_limit = 1  # noqa: F821
