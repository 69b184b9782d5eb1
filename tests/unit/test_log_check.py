"""The browser tests' server-log check: real errors are reported, shutdown noise is not."""

from __future__ import annotations

from tests.browser.conftest import logged_errors

STOPPING = """[WorkshopVoila] Kernel shutdown: 2035349b
Exception ignored in: <coroutine object Kernel.dispatch_control at 0x7fbdb83c8400>
Traceback (most recent call last):
  File "/usr/lib/python3.11/warnings.py", line 537, in _warn_unawaited_coroutine
    warn(msg, category=RuntimeWarning, stacklevel=2, source=coro)
  File "/usr/lib/python3.11/asyncio/base_events.py", line 519, in _check_closed
    raise RuntimeError('Event loop is closed')
RuntimeError: Event loop is closed
[WorkshopVoila] Connecting to kernel e33e6cbe.
"""


def test_a_kernel_stopping_while_it_dispatched_a_control_message_is_not_an_error():
    assert logged_errors(STOPPING) == []


def test_the_same_error_anywhere_else_is_reported():
    without_ipykernel = STOPPING.replace(
        "Exception ignored in: <coroutine object Kernel.dispatch_control at 0x7fbdb83c8400>",
        "[social-playbook kernel] Traceback (an app callback failed)")
    assert len(logged_errors(without_ipykernel)) == 1
    another = STOPPING.replace("RuntimeError: Event loop is closed", "ValueError: boom")
    assert len(logged_errors(another)) == 1
