"""The planning app's readiness line and hint follow the rule for age bands: a B2C segment
needs them where its region's data has them, a B2B one or a region without bands never."""

from datetime import date

import pytest

from widgets.planning.app import PlanningApp

TODAY = date(2026, 11, 21)
AUDIENCE_DONE = "✓ <b>Audience</b> · complete"


@pytest.fixture
def app(workspace):
    workspace.create_team("Acme")
    app = PlanningApp(workspace, today=lambda: TODAY, autosave_delay=60)
    app.picker.dropdown.value = "Acme"
    app.open_tab("audience")
    return app


def filled_segment(app, kind: str, region_code: str):
    app._add_segment.click()
    editor = app._segment_list.children[-1]
    editor._name.value = "Neighbours"
    editor._kind.value = kind
    editor._region_code.value = region_code
    editor._needs.value = "Somewhere quiet to work in the afternoon"
    editor._where.value = ["Instagram"]
    return editor


def test_a_norwegian_b2c_segment_completes_the_audience(app):
    filled_segment(app, "B2C", "NO")
    assert app.section.audience[0].age_bands == []
    assert AUDIENCE_DONE in app._readiness.value


def test_a_us_b2c_segment_needs_its_bands_and_a_b2b_one_does_not(app):
    editor = filled_segment(app, "B2C", "US")
    assert AUDIENCE_DONE not in app._readiness.value
    editor._bands["30-49"].value = True
    assert AUDIENCE_DONE in app._readiness.value
    filled_segment(app, "B2B", "US")
    assert AUDIENCE_DONE in app._readiness.value


def test_the_hint_says_the_rule(app):
    tab = app._tabs.children[app.TABS.index("audience")]
    text = " ".join(getattr(child, "value", "") for child in tab.children)
    assert "a B2C segment needs them where its region&#x27;s data has them" in text \
        or "a B2C segment needs them where its region's data has them" in text
    assert "a B2B segment (a role, not an age)" in text
