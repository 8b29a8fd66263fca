"""The period and unit pickers drawn in Python (core/templatetags/pickers.py) draw exactly
what the template loops they replace drew: the same options, groups, labels in the page's
language and the one choice marked selected."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from theodoi.core.periods import Period, picker_periods

# The loops as they were (templates/core/_period_options.html, the indicator page's units).
OLD_PERIODS = Template(
    "{% load i18n %}{% for p in periods %}{% ifchanged p.year %}{% if not forloop.first %}"
    '</optgroup>{% endif %}<optgroup label="{% blocktranslate with y=p.year %}Năm {{ y }}'
    '{% endblocktranslate %}">{% endifchanged %}<option value="{{ p.id }}"{% if p.id == selected %}'
    " selected{% endif %}>{{ p.label }}</option>{% if forloop.last %}</optgroup>{% endif %}"
    "{% endfor %}"
)
OLD_UNITS = Template(
    '{% for u in units %}<option value="{{ u.code }}"{% if u.pk == selected %} selected{% endif %}>'
    "{{ u.label }}</option>{% endfor %}"
)
NEW_PERIODS = Template('{% include "core/_period_options.html" %}')
NEW_UNITS = Template("{% load pickers %}{% unit_options units selected %}")

PERIODS = picker_periods(Period.parse("2021Q2"), today_year=2026)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("selected", ["2021Q2", "2026", "202605", None, "", "2021Q2,202106"])
def test_the_period_options_are_those_of_the_template_loop(lang, selected):
    with translation.override(lang):
        # twice: the second is drawn from what the first kept
        for _ in range(2):
            ctx = {"periods": PERIODS, "selected": selected}
            new = NEW_PERIODS.render(Context(ctx))
            assert new == OLD_PERIODS.render(Context(ctx))
    assert new.count(" selected") == (1 if selected in {p.id for p in PERIODS} else 0)


def test_the_period_labels_follow_the_language():
    with translation.override("vi"):
        vi = NEW_PERIODS.render(Context({"periods": PERIODS, "selected": "2021Q2"}))
    with translation.override("en"):
        en = NEW_PERIODS.render(Context({"periods": PERIODS, "selected": "2021Q2"}))
    assert '<optgroup label="Năm 2021">' in vi and "Quý II/2021</option>" in vi
    assert '<optgroup label="Year 2021">' in en and "Năm 2021" not in en
    # The selection of one request is not kept for the next.
    again = NEW_PERIODS.render(Context({"periods": PERIODS, "selected": "2026"}))
    assert '<option value="2021Q2">' in again and '<option value="2026" selected>' in again


def test_the_unit_options_are_those_of_the_template_loop():
    units = [
        SimpleNamespace(pk=1, code="68", label="Tỉnh Lâm Đồng"),
        SimpleNamespace(pk=2, code="672", label="Thành phố Đà Lạt"),
        SimpleNamespace(pk=3, code="<x>", label='Xã "A" & B'),
    ]
    for selected in (1, 2, 3, None, 99):
        ctx = {"units": units, "selected": selected}
        assert NEW_UNITS.render(Context(ctx)) == OLD_UNITS.render(Context(ctx))
    assert "&lt;x&gt;" in NEW_UNITS.render(Context({"units": units, "selected": None}))
