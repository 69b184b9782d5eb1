"""A step's tabs, each built the first time it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w


class LazyTabs:
    """Tabs built on first view, for a StepApp (``TABS``, ``make_tabs``, ``_build_<key>``)."""

    # -- lazy tabs -----------------------------------------------------------------------

    def make_tabs(self, titles: Sequence[str] = (), *, build_first: bool = False) -> w.Tab:
        """The step's tabs, one per ``TABS`` key, each built the first time it is shown.

        Fewer widgets for the browser to create makes the page interactive sooner. A tab's
        content is ``tab_content(key)``; once built, ``show_tab(key)`` shows the section in
        it. A built tab stays: on a team switch ``show_section`` shows the new team's
        section in the tabs built so far (``key in self._built``) and builds the one on
        screen (``build_shown_tab``). ``build_first`` builds the first tab now, with the
        work area, so its widgets reach the page with the app's first state (widgets made
        after the page connected arrive one message each).
        """
        self._built: set[str] = set()
        self._tabs = w.Tab(children=[w.VBox() for _tab in self.TABS],
                           layout=w.Layout(width="auto"))  # 100% + margin ran past
        if titles:
            self._tabs.titles = tuple(titles)
        self._tabs.observe(self._on_tab, names="selected_index")
        if build_first:
            self._fill_tab(self.TABS[0])
        return self._tabs

    def tab_content(self, key: str) -> list[w.Widget]:
        """A tab's widgets, made the first time it is shown: ``self._build_<key>()``."""
        content = getattr(self, f"_build_{key}")()
        return list(content) if isinstance(content, (list, tuple)) else [content]

    def show_tab(self, key: str) -> None:
        """Show the section in a tab just built (by default: ``redraw``)."""
        self.redraw(self.section)

    def build_tab(self, key: str) -> bool:
        """Build tab ``key`` unless it is built (or needs a team and none is open).

        Returns whether it was built now.
        """
        if key in self._built or (self.tabs_need_a_team and self.section is None):
            return False
        self._fill_tab(key)
        return True

    def _fill_tab(self, key: str) -> None:
        self._built.add(key)
        self._tabs.children[self.TABS.index(key)].children = self.tab_content(key)
        if self.section is not None:
            self.show_tab(key)

    def build_shown_tab(self) -> bool:
        """Build the tab on screen if it is not yet (after a team was opened)."""
        return self.build_tab(self.TABS[self._tabs.selected_index or 0])

    def open_tab(self, key: str) -> None:
        """Show tab ``key``, building it the first time."""
        self._tabs.selected_index = self.TABS.index(key)

    def _on_tab(self, change) -> None:
        if change["new"] is not None:
            self.build_tab(self.TABS[change["new"]])
