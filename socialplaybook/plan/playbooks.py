"""A team's playbook as files, and every team's at once as one zip.

:data:`PLAYBOOK_FORMATS` lists the formats a playbook is written in; :func:`playbook_files`
writes a plan in each of them, and the zip of the room (the facilitator's "export every
team") holds a folder per team with those files. A new export format (HTML, XLSX, PDF)
joins every download by adding its entry here.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from socialplaybook.plan.export import plan_to_markdown
from socialplaybook.plan.files import plan_to_json
from socialplaybook.plan.model import Plan

_UNSAFE_IN_FILE_NAME = re.compile(r"[^\w.-]+")
FILE_STEM_MAX_CHARS = 60


@dataclass(frozen=True)
class PlaybookFormat:
    """One format of a playbook: its file name's ending and how a plan is written in it."""

    suffix: str  # "-plan.json": the file is "<team>-plan.json"
    media_type: str
    write: Callable[[Plan], bytes]


PLAYBOOK_FORMATS: tuple[PlaybookFormat, ...] = (
    PlaybookFormat("-plan.json", "application/json",
                   lambda plan: plan_to_json(plan).encode("utf-8")),
    PlaybookFormat("-playbook.md", "text/markdown",
                   lambda plan: plan_to_markdown(plan).encode("utf-8")),
)


def file_stem(team: str) -> str:
    """The start of a team's file names, safe on every system.

    Letters and digits of any script are kept; anything else (spaces, slashes, quotes,
    angle brackets, dots that would hide or climb folders) becomes "-".
    """
    stem = _UNSAFE_IN_FILE_NAME.sub("-", unicodedata.normalize("NFC", team)).strip("-._")
    return stem[:FILE_STEM_MAX_CHARS] or "team"


def playbook_files(plan: Plan) -> dict[str, bytes]:
    """The team's playbook in every format: file name -> content."""
    stem = file_stem(plan.team)
    return {f"{stem}{fmt.suffix}": fmt.write(plan) for fmt in PLAYBOOK_FORMATS}


def playbooks_zip(plans: Iterable[Plan]) -> bytes:
    """A zip with a folder per team holding its :func:`playbook_files`.

    Two teams whose names make the same folder name get "-2", "-3"... Each file is dated
    when its plan was last updated, so the same plans give the same zip.
    """
    buffer = io.BytesIO()
    taken: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for plan in plans:
            folder = _free_name(file_stem(plan.team), taken)
            updated = plan.updated_at
            stamp = (max(updated.year, 1980), updated.month, updated.day, updated.hour,
                     updated.minute, updated.second)
            for name, content in playbook_files(plan).items():
                info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, content)
    return buffer.getvalue()


def _free_name(stem: str, taken: set[str]) -> str:
    name, number = stem, 2
    while name.casefold() in taken:
        name = f"{stem}-{number}"
        number += 1
    taken.add(name.casefold())
    return name
