"""Processes on this machine as the tests see them: a server's children, a command line."""

from __future__ import annotations

from pathlib import Path


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Voila and its kernels below the CLI), from /proc."""
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
                frontier.append(int(entry.name))
    return found


def command_line(pid: int) -> list[str]:
    """The arguments ``pid`` was started with ([] once it is gone).

    A process that set its title (a kernel forked from serve's template, setproctitle)
    has one text with spaces instead: it is split on them, as psutil does.
    """
    try:
        data = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return []
    arguments = data.rstrip("\0").split("\0") if data else []
    if len(arguments) == 1 and " " in arguments[0]:
        return arguments[0].split(" ")
    return arguments
