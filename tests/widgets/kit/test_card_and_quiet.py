"""The kit's cards, rows and tags, and setting controls quietly."""

from __future__ import annotations

import ipywidgets as w

from widgets.kit.card import card, row, stacked, tag_html
from widgets.kit.quiet import Quiet, set_if_changed


def test_a_card_escapes_its_title_and_note_and_holds_its_children():
    child = w.Label("x")
    box = card("<b>Goals</b>", "a & b", [child])
    assert "sp-card" in box._dom_classes
    assert box.children[1] is child
    assert box.children[0].value == ('<div class="sp-card-h">&lt;b&gt;Goals&lt;/b&gt;</div>'
                                     '<div class="sp-card-note">a &amp; b</div>')
    assert "sp-card-note" not in card("Title", "", []).children[0].value


def test_rows_align_on_the_bottom_edge_or_the_top():
    assert "sp-row" in row([])._dom_classes
    assert "sp-row-top" in row([], top=True)._dom_classes


def test_a_stacked_control_shows_its_label_above_it():
    dropdown = stacked(w.Dropdown(description="Source"))
    assert "sp-stack" in dropdown._dom_classes
    assert dropdown.style.description_width == "initial"


def test_a_tag_is_escaped_and_coloured_by_its_kind():
    assert tag_html("<i>x</i>", "vanity") == ('<span class="sp-tag sp-tag-vanity">'
                                              "&lt;i&gt;x&lt;/i&gt;</span>")


class Editor(Quiet):
    def __init__(self) -> None:
        self.box = w.Text()
        self.edits: list[str] = []
        self.box.observe(self._on_edit, names="value")

    def _on_edit(self, change) -> None:
        if not self.quiet:
            self.edits.append(change["new"])


def test_values_set_quietly_are_not_edits_even_when_nested():
    editor = Editor()
    with editor.quietly():
        with editor.quietly():
            editor.box.value = "stored"
        editor.box.value = "still stored"  # the outer block is still quiet
    assert editor.edits == [] and not editor.quiet
    editor.box.value = "typed"
    assert editor.edits == ["typed"]


def test_set_if_changed_leaves_an_equal_value_alone():
    editor = Editor()
    set_if_changed(editor.box, "")
    assert editor.edits == []
    set_if_changed(editor.box, "new")
    assert editor.edits == ["new"]
