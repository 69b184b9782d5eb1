"""``make test``'s smoke run of the load test: five participants open the audit app at once.

The full-size runs (20 at once, 40 connected, 200 open/close cycles) are ``make bench``'s
(``tests/bench/run.py``). This one asserts what must hold at any size and prints the
timings without asserting them: no participant gets a page without the app, every click
is stored in the workspace, and once everyone has left no kernel is alive beyond the
pools (the page's close beacon shuts each participant's kernel down).
"""

from __future__ import annotations

import pytest

from tests.bench.load import APP, Room, start_server

pytestmark = pytest.mark.load

PARTICIPANTS = 5


def test_five_participants_opening_the_audit_at_once_get_the_app_and_every_click_is_stored(
        tmp_path):
    # Only the audit app, with one preheated kernel: the rush takes it, the others wait for
    # kernels that start meanwhile (the pool refilling among them).
    server = start_server(tmp_path / "server", pool_size=1, apps=[APP], log=print,
                          fill_timeout_s=120, quiet_timeout_s=20)
    try:
        room = Room(server, log=print, ready_timeout_s=90, click_timeout_s=30)
        report = room.rush(PARTICIPANTS, clicks=1, after_s=60, until_settled=True)
        log = server.log_text()
    finally:
        server.stop()
    print(report.text())
    summary = report.summary()
    assert summary["pages_broken"] == 0, (summary["broken_reasons"], log[-4000:])
    assert summary["clicks"] == PARTICIPANTS
    assert summary["clicks_not_stored"] == 0, [r.as_json() for r in report.results]
    assert summary["revisions_lost"] == 0
    after = report.kernels_after
    assert after["participant_kernels_alive"] == 0, (after, log[-4000:])
    assert after["beyond_pools"] == 0, (after, log[-4000:])
