"""Pool kernels start through the throttle (ProvenPools), the first ones included.

Voila's preheating kernel manager fills its pools from its own constructor, before
``WorkshopVoila`` can wrap it: those fills are held back and asked again once it is.
"""

from __future__ import annotations

import logging

from socialplaybook.serve.voila_app import ProvenPools, _with_fills_held_back


class FakePreheatingManager:
    """What Voila's preheating kernel manager does when it is made: fill every pool."""

    fills: list = []

    def __init__(self, **config):
        self._pools = {}
        for notebook in ("01-myth-audit.ipynb", "02-planning.ipynb"):
            self.fill_if_needed(delay=0, notebook_name=notebook, path="")

    def fill_if_needed(self, delay=None, notebook_name=None, **options):
        # the method that will start the kernel, as Voila binds it when it fills
        type(self).fills.append((notebook_name, options, self._initialize))

    async def _initialize(self, notebook_path, kernel_id=None, **kwargs):
        raise AssertionError("not started in this test")

    def get_pool_size(self, notebook_name):
        return 0


class FakeManager:
    """Voila's manager without preheating: nothing to hold back."""


def test_fills_asked_while_the_manager_is_made_start_through_the_throttle():
    FakePreheatingManager.fills = []
    manager_class = _with_fills_held_back(lambda *args, **kwargs: FakePreheatingManager)()
    manager = manager_class(parent=None)
    assert FakePreheatingManager.fills == []  # nothing started from the constructor
    assert [notebook for _delay, notebook, _options in manager.held_back_fills] == [
        "01-myth-audit.ipynb", "02-planning.ipynb"]
    ProvenPools(manager, logging.getLogger("test"), running_at_once=2)
    manager.release_held_back_fills()
    assert [(notebook, options) for notebook, options, _start in FakePreheatingManager.fills] \
        == [("01-myth-audit.ipynb", {"path": ""}), ("02-planning.ipynb", {"path": ""})]
    for _notebook, _options, start in FakePreheatingManager.fills:
        assert start.__func__ is ProvenPools._initialize_in_turn
    manager.fill_if_needed(delay=1, notebook_name="01-myth-audit.ipynb")  # a later refill
    assert len(FakePreheatingManager.fills) == 3 and manager.held_back_fills is None


def test_a_manager_without_preheating_is_left_as_it_is():
    assert _with_fills_held_back(lambda *args, **kwargs: FakeManager)() is FakeManager


class FakePool:
    """A preheating manager's pools, as ProvenPools sees them."""

    def __init__(self, entries):
        self._pools = {"01-myth-audit.ipynb": entries}

    def get_pool_size(self, notebook_name):
        return len(self._pools.get(notebook_name, []))

    async def _initialize(self, notebook_path, kernel_id=None, **kwargs):
        raise AssertionError("not started in this test")


def test_a_page_does_not_wait_for_a_refill_whose_kernel_has_not_started():
    import asyncio

    loop = asyncio.new_event_loop()
    try:
        waiting, started = loop.create_future(), loop.create_future()
        render = loop.create_future()  # the kernel runs the notebook: not judged yet
        started.set_result({"task": render, "kernel_id": "k1"})
        pools = FakePool([waiting, started])
        proven = ProvenPools(pools, logging.getLogger("test"), running_at_once=2)
        assert pools.get_pool_size("01-myth-audit.ipynb") == 0  # a fresh kernel instead
        pools._pools["01-myth-audit.ipynb"] = [started, waiting]
        assert pools.get_pool_size("01-myth-audit.ipynb") == 2  # it takes the started one
        assert proven.failures == {}
        waiting.cancel()
        render.cancel()
    finally:
        loop.close()
