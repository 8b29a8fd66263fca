"""Issue 14, item 9: the chart's lines are graphics a person must tell from the background
(WCAG 1.4.11, 3:1). "Cùng kỳ năm trước" was drawn at 1,66:1. Every stroke colour of the
indicator chart, against the panel's white and the page's grey."""

import re
from pathlib import Path

from django.conf import settings

CHART = Path(settings.BASE_DIR) / "theodoi" / "static" / "theodoi" / "targets.js"


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#c7c9cc", "#ffffff"), 2) < 3  # a light grey line is too faint


def test_every_chart_line_stands_out_at_three_to_one():
    strokes = re.findall(r'stroke:\s*"(#[0-9a-fA-F]{6})"', CHART.read_text(encoding="utf-8"))
    assert len(strokes) >= 3  # this year, last year, the plan
    for colour in strokes:
        for background in ("#ffffff", "#f5f6f8"):
            assert contrast(colour, background) >= 3, (colour, background)
