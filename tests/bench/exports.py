"""The playbook's exports of a full plan (``tests/plans.full_plan``), timed: the HTML and
the PDF in a fresh Python (what ``social-playbook export`` costs, imports included: most
of the HTML's is scipy, which the budget's split needs) and again warm (what the playbook
app's kernel pays: the kernel template has imported the apps' modules), and the XLSX warm.

``measure(results, log)`` fills the measures named in ``KEYS`` (``tests/bench/run.py``
lists them; ``--only exports`` runs them alone). The playbook app's page-ready check is here
too, for the page-scripts list (``tests/bench/page_scripts.py``).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from tests.bench import apps

PLAYBOOK = "07-playbook.ipynb"
# Interactive with the plan drawn: the team picker and the document's title are visible.
PLAYBOOK_READY_JS = ("() => {" + apps._VISIBLE_JS + """
  return visible(document.querySelector('.sp-team-picker select'))
      && visible(document.querySelector('.sp-doc h1'));
}""")
KEYS = ["export_html_fresh", "export_pdf_fresh", "export_html_warm", "export_pdf_warm",
        "export_xlsx_warm"]
FRESH_RUNS = 3
WARM_RUNS = 10

Log = Callable[[str], None]

# One export in a new Python, timed from before the first import to the bytes in hand.
_FRESH = """
import json, sys, time
started = time.perf_counter()
from socialplaybook.plan.export import export_plan
from tests.plans import full_plan
plan = full_plan()
built = time.perf_counter()
content = export_plan(plan, sys.argv[1])
done = time.perf_counter()
print(json.dumps({"total_s": done - started, "export_s": done - built, "bytes": len(content)}))
"""


def fresh(key: str) -> dict:
    """The median of ``FRESH_RUNS`` exports of format ``key``, each in a new process."""
    runs = []
    for _ in range(FRESH_RUNS):
        done = subprocess.run([sys.executable, "-c", _FRESH, key], capture_output=True,
                              text=True, timeout=300, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    totals = [run["total_s"] for run in runs]
    return {"median_s": statistics.median(totals), "min_s": min(totals),
            "max_s": max(totals), "runs": runs,
            "how": "a new Python: import, build the plan, export it (imports included)"}


def warm(key: str, runs: int = WARM_RUNS) -> dict:
    """The median of ``runs`` exports in this process, after one uncounted."""
    from socialplaybook.plan.export import export_plan
    from tests.plans import full_plan

    plan = full_plan()
    export_plan(plan, key)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        export_plan(plan, key)
        timings.append(time.perf_counter() - started)
    return {"median_s": statistics.median(timings), "min_s": min(timings),
            "max_s": max(timings), "timings_s": timings,
            "how": "in one process, after one uncounted export (modules imported)"}


def measure(results: dict, log: Log) -> None:
    for key, fmt in (("export_html_fresh", "html"), ("export_pdf_fresh", "pdf")):
        data = fresh(fmt)
        log(f"exports: {fmt} in a fresh process, median {data['median_s']:.2f} s")
        results[key].set(data["median_s"], f"{data['median_s']:.2f} s (min "
                         f"{data['min_s']:.2f}, max {data['max_s']:.2f})", **data)
    for key, fmt in (("export_html_warm", "html"), ("export_pdf_warm", "pdf"),
                     ("export_xlsx_warm", "xlsx")):
        data = warm(fmt)
        median, low, high = (data[k] * 1000 for k in ("median_s", "min_s", "max_s"))
        log(f"exports: {fmt} warm, median {median:.0f} ms")
        results[key].set(median, f"{median:.0f} ms (min {low:.0f}, max {high:.0f})", **data)
