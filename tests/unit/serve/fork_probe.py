"""Run by the kernel template's tests in place of ipykernel_launcher: reports what it is.

``python -m tests.unit.serve.fork_probe REPORT [sleep] [trap]`` writes what a forked process
sees to the file REPORT, then sleeps (when asked) until it is signalled; with ``trap`` a
SIGTERM is noted in REPORT.term before the probe ends.
"""

import gc
import json
import os
import sys
import threading
import time

if __name__ == "__main__":
    if "trap" in sys.argv[2:]:  # SIGTERM noted in REPORT.term, then the probe ends
        import signal

        def noted(_signum, _frame):
            with open(sys.argv[1] + ".term", "w") as file:
                file.write("SIGTERM")
            sys.exit(0)

        signal.signal(signal.SIGTERM, noted)
    report = {
        "pid": os.getpid(), "ppid": os.getppid(), "pgid": os.getpgid(0), "sid": os.getsid(0),
        "cwd": os.getcwd(), "argv": sys.argv, "env": dict(os.environ), "path0": sys.path[0],
        "stdin": os.readlink("/proc/self/fd/0"),
        "threads": sorted(thread.name for thread in threading.enumerate()),
        "preloaded": "tests.unit.serve.fork_probe_preload" in sys.modules,
        "frozen_objects": gc.get_freeze_count(), "gc_enabled": gc.isenabled(),
    }
    with open(sys.argv[1], "w") as file:
        json.dump(report, file)
    if "burn" in sys.argv[2:]:  # half a CPU-second, then exit
        start = time.process_time()
        while time.process_time() - start < 0.5:
            pass
    if "sleep" in sys.argv[2:]:
        time.sleep(60)
    sys.exit(3 if "exit3" in sys.argv[2:] else 0)
