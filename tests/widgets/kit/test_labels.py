"""Description labels as wide as their text needs, in every script."""

import ipywidgets as w
import pytest

from widgets.kit.labels import fit_label, fit_labels, label_width_px, text_width_px


@pytest.mark.parametrize("short, long", [
    ("Team", "Ihr Team"), ("Ihr Team", "თქვენი გუნდი"), ("团队", "你们的团队"),
    ("iiii", "WWWW")])
def test_a_longer_or_wider_text_needs_more_room(short, long):
    assert text_width_px(short) < text_width_px(long)


def test_chinese_characters_are_square_and_georgian_letters_wider_than_latin():
    assert text_width_px("你们的团队") == pytest.approx(5 * 13.5, abs=1)
    assert text_width_px("გუნდი") > text_width_px("teams")


def test_a_label_is_never_narrower_than_its_minimum():
    assert label_width_px("OK", minimum_px=80) == 80
    assert label_width_px("Geschäftsergebnis, dem es dient", minimum_px=80) > 200


def test_fit_label_widens_the_label_and_keeps_the_room_for_the_input():
    dropdown = w.Dropdown(description="რიცხვების ფორმატი", layout=w.Layout(width="300px"))
    fit_label(dropdown, minimum_px=110, control_px=190)
    label = int(dropdown.style.description_width.removesuffix("px"))
    assert label > 150
    assert dropdown.layout.width == f"{label + 190}px"


def test_stacked_controls_share_the_widest_label():
    controls = [w.Dropdown(description=text) for text in ("Sprache", "Zahlenformat")]
    fit_labels(controls, minimum_px=60)
    assert {c.style.description_width for c in controls} == {
        f"{label_width_px('Zahlenformat')}px"}
