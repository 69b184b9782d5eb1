"""Imported by the kernel template in a test: an import that starts a thread."""

import threading
import time

threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
