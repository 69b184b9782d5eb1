"""The one SVG chart helper: round ticks, axes in the team's number format, escaped text."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from widgets.kit.svg import SvgChart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("low", "high", "expected"), [
    (0, 12_500, [0, 5000, 10_000, 15_000]),
    (-100, 60, [-100, -50, 0, 50, 100]),
    (0, 0.9, [0, 0.5, 1.0]),
    (0, 10, [0, 5, 10]),
])
def test_ticks_are_round_and_cover_the_range(low, high, expected):
    ticks = nice_ticks(low, high)
    assert ticks == pytest.approx(expected)
    assert ticks[0] <= low and ticks[-1] >= high


def test_an_empty_range_has_one_tick():
    assert nice_ticks(5, 5) == [5]


def _texts(svg: str) -> list[str]:
    return [t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_the_value_axis_is_written_the_teams_way():
    chart = SvgChart(300, 150, (0, 1), (0, 12_500), locale="de")
    chart.y_axis([0, 12_500], suffix=" %")
    assert _texts(chart.svg("c", "label")) == ["0 %", "12.500 %"]
    chart = SvgChart(300, 150, (0, 1), (0, 2_500_000), locale="en")
    chart.y_axis([2_500_000])
    assert _texts(chart.svg("c", "label")) == ["2.5M"]


def test_text_from_people_or_data_is_escaped():
    chart = SvgChart(300, 150, (0, 1), (0, 1))
    chart.text(10, 10, "<img src=x onerror=alert(1)>")
    chart.dot(0.5, 0.5, "#000", title='"><script>')
    svg = chart.svg("c", "<b>Platform</b>", {"platform": "A&B <x>"})
    root = ElementTree.fromstring(svg)  # well-formed: nothing a name holds breaks out
    assert root.get("aria-label") == "<b>Platform</b>"
    assert root.get("data-platform") == "A&B <x>"
    assert "<img" not in svg and "<script>" not in svg


def test_data_is_mapped_into_the_plot_area():
    chart = SvgChart(200, 100, (0, 10), (0, 50), margins=(40, 10, 10, 20))
    assert (chart.x(0), chart.x(10)) == (40, 190)
    assert (chart.y(0), chart.y(50)) == (80, 10)  # up is more
    chart.bars([10, 50], "#000")
    heights = [float(r.get("height")) for r in
               ElementTree.fromstring(chart.svg("c", "l")).iter(f"{SVG}rect")]
    assert heights == pytest.approx([14, 70])


def test_the_labels_at_the_ends_of_the_horizontal_axis_stay_inside_the_chart():
    """A budget curve's last label ("10.208 EUR" at the right edge) was centred on the edge
    and cut in half; the first one sat on the value axis's labels."""
    chart = SvgChart(250, 176, (0, 10_208), (0, 39), locale="de", margins=(44, 8, 20, 44))
    chart.x_axis([(0, "0"), (5_000, "k"), (10_208, "10.208 EUR")])
    anchors = {t.text: t.get("text-anchor")
               for t in ElementTree.fromstring(chart.svg("c", "label")).iter(f"{SVG}text")}
    assert anchors == {"0": "start", "k": "middle", "10.208 EUR": "end"}
