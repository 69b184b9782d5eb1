"""Print the README's Binder badges for the repository's public GitHub address.

    python binder/badges.py owner/name [--branch main]

The repository has no fixed public address (every workshop's fork has its own), so the
badges are made for the one given: one opens the start app in Voila, one JupyterLab with
the notebooks. Paste them at the top of the README.
"""

from __future__ import annotations

import argparse
import re
import sys
from urllib.parse import quote

BADGE = "https://mybinder.org/badge_logo.svg"
START_APP = "voila/render/notebooks/00-start-here.ipynb"
LAB = "lab/tree/notebooks"
_REPO = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")


def binder_url(repo: str, branch: str, urlpath: str) -> str:
    """The mybinder.org link that builds ``repo`` at ``branch`` and opens ``urlpath``."""
    return (f"https://mybinder.org/v2/gh/{repo}/{quote(branch, safe='')}"
            f"?urlpath={quote(urlpath, safe='')}")


def badges(repo: str, branch: str = "main") -> str:
    """Two Markdown badges: the workshop's start app, and JupyterLab with the notebooks."""
    if not _REPO.match(repo):
        raise ValueError(f"{repo!r} is not a GitHub owner/name")
    if not branch.strip():
        raise ValueError("the branch cannot be empty")
    return (f"[![Start the workshop on Binder]({BADGE})]"
            f"({binder_url(repo, branch, START_APP)}) "
            f"[![The notebooks in JupyterLab on Binder]({BADGE})]"
            f"({binder_url(repo, branch, LAB)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", help="the GitHub repository, owner/name")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    try:
        print(badges(args.repo, args.branch))
    except ValueError as exc:
        print(f"badges.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
