"""One item's editor at a time, opened from a dropdown.
"""

from __future__ import annotations

import ipywidgets as w

from widgets.kit.items import dispose


class EditorSlot:
    """A StepApp's one open item editor (``editor_slot``, ``make_editor``, ``update_editor``)."""

    # -- one item's editor, opened from a dropdown -------------------------------------------

    def editor_slot(self, pick: w.Dropdown) -> w.VBox:
        """Let ``pick`` open one item's editor at a time; returns the box it is shown in.

        Choosing an item (its key) opens ``make_editor(key)`` there, closing the editor it
        replaces, parts and all; choosing "" closes it. After a redraw ``refresh_editor()``
        shows the item again in the open editor (``update_editor``), or closes the editor
        when the item is gone. The open editor is ``self._editor``.
        """
        self._editor_pick = pick
        self._editor_slot = w.VBox()
        pick.observe(self._on_editor_pick, names="value")
        return self._editor_slot

    def make_editor(self, key: str) -> w.Widget | None:
        """A new editor of the item ``key`` (None when there is no such item)."""
        raise NotImplementedError

    def update_editor(self, editor: w.Widget) -> bool:
        """Show ``editor``'s item as it is now; False when the item is gone."""
        return True

    def refresh_editor(self) -> None:
        """Update the open editor from the section, or close it if its item is gone."""
        if self._editor is not None and not self.update_editor(self._editor):
            self._close_editor()

    def _on_editor_pick(self, change) -> None:
        if self.busy():
            return
        if change["new"]:
            self._open_editor(change["new"])
        else:
            self._close_editor()

    def _open_editor(self, key: str) -> None:
        editor = self.make_editor(key)
        if editor is None:
            return
        self._close_editor(keep_pick=True)
        self._editor = editor
        self.update_editor(editor)
        self._editor_slot.children = [editor]
        if self._editor_pick.value != key:
            with self.quietly():
                self._editor_pick.value = key

    def _close_editor(self, keep_pick: bool = False) -> None:
        editor, self._editor = self._editor, None
        self._editor_slot.children = []
        if editor is not None:
            dispose(editor)
        if not keep_pick and self._editor_pick.value:
            with self.quietly():
                self._editor_pick.value = ""
