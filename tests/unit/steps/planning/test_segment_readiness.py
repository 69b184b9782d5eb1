"""A segment is complete without age bands where bands cannot be used: its region's
platform data has none (Norway, Georgia, China, or no region with data), or it is B2B (a
buyer persona has a role, not an age band). A B2C segment of a region with bands needs
them: the platforms step reads them for reach."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.datasets import region_age_bands
from socialplaybook.steps.planning.readiness import readiness, segment_is_complete
from socialplaybook.steps.planning.section import AudienceSegment, PlanningSection, data_regions

TODAY = date(2026, 5, 1)


def segment(kind: str, region_code: str | None, bands: list[str] | None = None):
    return AudienceSegment(name="Segment", kind=kind, region_code=region_code,
                           age_bands=bands or [], needs="Answers", where_they_are=["Facebook"])


@pytest.mark.parametrize("region_code", ["NO", "GE", "CN", None])
def test_a_b2c_segment_of_a_region_without_bands_is_complete(region_code):
    assert region_code is None or region_age_bands(region_code) == ()
    assert segment_is_complete(segment("B2C", region_code))


@pytest.mark.parametrize("region_code", ["US", "DE", "NO", None])
def test_a_b2b_segment_needs_no_age_bands(region_code):
    assert segment_is_complete(segment("B2B", region_code))


@pytest.mark.parametrize("region_code, band", [("US", "30-49"), ("DE", "14-29")])
def test_a_b2c_segment_of_a_region_with_bands_needs_them(region_code, band):
    assert not segment_is_complete(segment("B2C", region_code))
    assert segment_is_complete(segment("B2C", region_code, [band]))


def test_the_other_fields_are_still_needed():
    assert not segment_is_complete(segment("B2B", "NO").model_copy(update={"needs": " "}))
    assert not segment_is_complete(segment("B2C", "NO").model_copy(update={"kind": None}))
    assert not segment_is_complete(segment("B2B", None).model_copy(
        update={"where_they_are": []}))


@given(kind=st.sampled_from(["B2B", "B2C"]),
       region_code=st.sampled_from([None, *data_regions()]), with_bands=st.booleans())
def test_bands_are_needed_exactly_for_b2c_where_the_data_has_them(kind, region_code,
                                                                  with_bands):
    bands = list(region_age_bands(region_code)[:1]) if region_code and with_bands else []
    needed = kind == "B2C" and bool(region_code and region_age_bands(region_code))
    assert segment_is_complete(segment(kind, region_code, bands)) is (not needed or
                                                                     bool(bands))


def test_the_audience_part_follows():
    section = PlanningSection(audience=[segment("B2C", "NO"), segment("B2B", "US")])
    assert {p.part: p.complete for p in readiness(section, TODAY)}["audience"]
    section = PlanningSection(audience=[segment("B2C", "NO"), segment("B2C", "US")])
    assert not {p.part: p.complete for p in readiness(section, TODAY)}["audience"]
