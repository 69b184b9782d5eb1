"""Imported by the kernel template in its tests: a forked process finds it loaded."""

import os
import time

DELAY_S = float(os.environ.get("FORK_PROBE_IMPORT_DELAY_S", "0"))
time.sleep(DELAY_S)  # a slow import, for the template-not-ready test
