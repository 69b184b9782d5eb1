"""The browser tests' workshop server, plus what the bench needs: its log and its kernels."""

from __future__ import annotations

import os
import re
import signal
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server
from tests.processes import command_line

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "BenchServer", "KernelProcess"]

POOL_FILLED = "Kernel pool of {notebook} is filled with"
_KERNEL_ID = re.compile(r"kernel-([0-9a-f-]{36})\.json")
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class KernelProcess:
    """One ipykernel process under the server, as /proc shows it now."""

    pid: int
    kernel_id: str | None
    rss_mb: float
    peak_rss_mb: float
    cpu_s: float
    start_ticks: int
    pss_mb: float = 0.0  # its share of the pages it shares (forked kernels share many)

    def as_json(self) -> dict:
        return asdict(self)


class BenchServer(Server):
    """``social-playbook serve`` on a throwaway workspace; stopping it also reaps its kernels."""

    def __init__(self, tmp: Path, pool_size: int) -> None:
        self.log_path = tmp / "server.log"
        self.pool_size = pool_size
        self._known_kernels: dict[int, int] = {}  # pid -> start time, to kill only those
        try:
            super().__init__(tmp, pool_size=pool_size)
        except BaseException:
            if getattr(self, "process", None) is not None:
                self.stop()
            raise

    # -- the log -----------------------------------------------------------------------

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def pool_fills(self, notebook: str) -> int:
        """How often the server has said the pool of ``notebook`` is filled."""
        return self.log_text().count(POOL_FILLED.format(notebook=notebook))

    def wait_pool_fills(self, notebook: str, more_than: int, timeout_s: float) -> bool:
        """Wait (bounded) until the pool of ``notebook`` was filled over ``more_than`` times."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.pool_fills(notebook) > more_than:
                return True
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_text()[-2000:]}")
            time.sleep(0.1)
        return False

    # -- kernels -----------------------------------------------------------------------

    def kernels(self) -> list[KernelProcess]:
        """Every ipykernel process descending from the server process."""
        found = []
        for pid in _descendants(self.process.pid):
            cmdline = command_line(pid)
            if "ipykernel_launcher" not in cmdline:
                continue
            kernel = _kernel_process(pid, " ".join(cmdline))
            if kernel is not None:
                found.append(kernel)
                self._known_kernels[kernel.pid] = kernel.start_ticks
        return found

    def stop(self) -> None:
        try:
            self.kernels()  # remember the kernels alive now, to reap any that outlive Voila
        except Exception:
            pass
        try:
            super().stop()
        finally:
            # Kernels run in their own sessions, so the server's process group does not
            # reach them; Voila shuts them down on SIGINT, and this catches the rest.
            deadline = time.monotonic() + 5
            while self._alive_kernels() and time.monotonic() < deadline:
                time.sleep(0.2)
            for pid in self._alive_kernels():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def _alive_kernels(self) -> list[int]:
        alive = []
        for pid, start in self._known_kernels.items():
            stat = _stat(pid)
            if stat is not None and stat["start_ticks"] == start and stat["state"] != "Z":
                alive.append(pid)
        return alive


def _read(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _stat(pid: int) -> dict | None:
    text = _read(f"/proc/{pid}/stat")
    if not text:
        return None
    # The command name is in parentheses and may itself hold spaces or parentheses.
    fields = text[text.rindex(")") + 2:].split()
    return {
        "state": fields[0],
        "ppid": int(fields[1]),
        "cpu_s": (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS,
        "start_ticks": int(fields[19]),
    }


def _descendants(root: int) -> list[int]:
    """The pids whose parent chain leads to ``root``."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None:
                parents[int(entry)] = stat["ppid"]
    found = []
    for pid in parents:
        seen = set()
        ancestor = parents.get(pid)
        while ancestor and ancestor not in seen:
            if ancestor == root:
                found.append(pid)
                break
            seen.add(ancestor)
            ancestor = parents.get(ancestor)
    return sorted(found)


def _kernel_process(pid: int, cmdline: str) -> KernelProcess | None:
    stat = _stat(pid)
    status = _read(f"/proc/{pid}/status")
    if stat is None or not status:
        return None
    memory = {}
    for line in status.splitlines():
        key, _sep, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            memory[key] = int(value.split()[0]) / 1024  # kB -> MB (MiB)
    match = _KERNEL_ID.search(cmdline)
    return KernelProcess(pid=pid, kernel_id=match.group(1) if match else None,
                         rss_mb=round(memory.get("VmRSS", 0.0), 1),
                         peak_rss_mb=round(memory.get("VmHWM", 0.0), 1),
                         cpu_s=round(stat["cpu_s"], 2), start_ticks=stat["start_ticks"],
                         pss_mb=round(pss_mb(pid), 1))


def pss_mb(pid: int) -> float:
    """A process's proportional set size (MiB): each page it shares with n processes counts
    1/n, so the PSS of all processes adds up to the memory they take together."""
    for line in _read(f"/proc/{pid}/smaps_rollup").splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0
