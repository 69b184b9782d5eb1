"""Lists of item editors (goals, segments, milestones) keyed by item id, and closing widgets
with all their parts.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import ipywidgets as w

_SHARED = "_sp_shared"


def shared(model: w.Widget) -> w.Widget:
    """Mark ``model`` (a layout or style that many widgets use) to outlive ``dispose``.

    One model instead of one per widget makes a page with many plain widgets quicker to
    open; closing it with the first widget disposed would break the others.
    """
    setattr(model, _SHARED, True)
    return model


def dispose(widget: w.Widget) -> None:
    """Close a widget and every widget it holds (children, layout, style, its parts),
    except the models marked ``shared``.

    ``Widget.close()`` closes only the widget itself: an editor dropped without closing
    its parts keeps them alive in the kernel (and in the page) for good.
    """
    seen: set[int] = set()
    stack = [widget]
    while stack:
        current = stack.pop()
        if id(current) in seen or not isinstance(current, w.Widget):
            continue
        if current is not widget and getattr(current, _SHARED, False):
            continue
        seen.add(id(current))
        for name in current.keys:
            value = getattr(current, name, None)
            if isinstance(value, w.Widget):
                stack.append(value)
            elif isinstance(value, (list, tuple)):
                stack.extend(v for v in value if isinstance(v, w.Widget))
        for value in vars(current).values():  # private parts not in children (hidden rows)
            if isinstance(value, w.Widget):
                stack.append(value)
            elif isinstance(value, dict):
                stack.extend(v for v in value.values() if isinstance(v, w.Widget))
            elif isinstance(value, (list, tuple)):
                stack.extend(v for v in value if isinstance(v, w.Widget))
        current.close()


class ItemList(w.VBox):
    """Editors for a list of items (goals, segments, milestones), one per item id.

    ``show(items)`` keeps the editor of every item still there (updating it in place, so a
    field being typed in is not rebuilt), makes editors for new items and closes the
    editors of items that are gone. ``make_editor(item, number)`` builds one; an editor
    has ``show_item(item, number)``.
    """

    def __init__(self, make_editor: Callable[[Any, int], w.Widget],
                 key: Callable[[Any], Hashable] = lambda item: item.id, **kwargs) -> None:
        self._make_editor = make_editor
        self._key = key
        self.editors: dict[Hashable, w.Widget] = {}
        super().__init__(**kwargs)

    def show(self, items: Sequence[Any]) -> None:
        """Show exactly ``items``, reusing the editors of items already shown.

        Editors already on screen keep their places, and new items (a teammate's) are added
        after them: the browser rebuilds every view after the first one that moves, and a
        view rebuilt while someone types in it loses what they were typing. After a reload
        every laptop shows the stored order.
        """
        by_key = {self._key(item): item for item in items}
        order = [key for key in self.editors if key in by_key]
        order += [key for key in by_key if key not in self.editors]
        editors: dict[Hashable, w.Widget] = {}
        for number, key in enumerate(order, start=1):
            editor = self.editors.pop(key, None)
            if editor is None:
                editor = self._make_editor(by_key[key], number)
            else:
                editor.show_item(by_key[key], number)
            editors[key] = editor
        gone = list(self.editors.values())
        self.editors = editors
        if list(self.children) != list(editors.values()):
            self.children = list(editors.values())
        for editor in gone:
            dispose(editor)



def item_label(text: str) -> str:
    """Escaped text for an editor's heading."""
    return html.escape(text)
