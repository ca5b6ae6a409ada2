"""Server-rendered SVG charts: labels are escaped, bars scale to the largest value."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from contingent.web.transparency.charts import Series, funnel, grouped_bars

SVG = "{http://www.w3.org/2000/svg}"


def test_labels_are_escaped_so_a_chart_cannot_carry_markup():
    svg = grouped_bars("t <b>", ["<script>alert(1)</script>"], [Series("s&s", "#123456", [3])])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)  # well-formed XML


def test_the_longest_bar_is_the_largest_value_and_missing_values_draw_nothing():
    svg = grouped_bars("t", ["a", "b", "c"], [Series("s", "#123456", [10, 5, None])])
    widths = [
        float(r.get("width"))
        for r in ET.fromstring(svg).iter(f"{SVG}rect")
        if r.get("fill") == "#123456" and r.get("height") != "10"
    ]
    assert widths == [420.0, 210.0, 0.0]


def test_an_empty_chart_says_so():
    assert "No published data" in grouped_bars("t", [], [])


def test_the_funnel_draws_one_bar_per_stage_with_its_count():
    svg = funnel("f", ["welcomed", "committed"], [9, 2], "#e07b00")
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "welcomed" in texts and "9" in texts and "2" in texts
