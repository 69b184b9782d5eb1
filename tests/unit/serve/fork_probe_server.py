"""A stand-in server for the kernel template's tests: it forks one sleeping probe, then waits.

``python -m tests.unit.serve.fork_probe_server REPORT [PROBE_OPTION...]``: the probe writes
what it sees to REPORT.
"""

import asyncio
import os
import sys
import time

from socialplaybook.serve.kernel_forks import KernelTemplate

if __name__ == "__main__":
    template = KernelTemplate([], module="tests.unit.serve.fork_probe")
    argv = [sys.executable, "-m", "tests.unit.serve.fork_probe", sys.argv[1], "sleep",
            *sys.argv[2:]]
    forked = asyncio.run(template.fork(argv, dict(os.environ), os.getcwd()))
    if forked is None:
        sys.exit("no fork")
    time.sleep(60)
