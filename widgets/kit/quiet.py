"""Showing a stored value in a control without it counting as the person's edit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as w


def set_if_changed(control: w.Widget, value: Any) -> None:
    """Set a control's value only when it differs (a field being typed in stays as it is)."""
    if control.value != value:
        control.value = value


class Quiet:
    """For an editor that shows stored values in its controls: ``with self.quietly():`` sets
    them, and its change handlers return early ``if self.quiet`` (such a change is not an
    edit, so it is not saved back)."""

    _quiet_depth = 0

    @property
    def quiet(self) -> bool:
        """Whether the editor is setting its own controls now."""
        return self._quiet_depth > 0

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Set controls from stored values without their changes counting as edits."""
        self._quiet_depth += 1
        try:
            yield
        finally:
            self._quiet_depth -= 1
