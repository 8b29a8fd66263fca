"""The acceptance scenario: the seed's sentences computed from stored values."""

from decimal import Decimal as D

import pytest

from theodoi.demo import org as demo_org
from theodoi.demo import targets as demo_targets
from theodoi.org.models import AdminUnit
from theodoi.targets import analytics, metrics
from theodoi.targets.models import DataValue, Indicator, TargetValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    ctx = {}
    demo_org.load(ctx)
    demo_targets.load(ctx)
    return ctx


def test_revenue_reads_as_the_seed_report(demo):
    m = analytics.metric_for(Indicator.objects.get(code="THU_NSNN"), demo["province"], "2021S1")
    assert (m.value, m.status, m.source) == (D("6265"), "estimate", metrics.SOURCE_REPORTED)
    assert (m.plan, m.plan_kind, m.plan_period.id, m.plan_pct) == (
        D("9300"),
        "estimate",
        "2021",
        D("67.4"),
    )
    assert (m.previous, m.previous_period.id, m.yoy_pct) == (D("4488"), "2020S1", D("39.6"))
    assert m.sentence == (
        "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán, "
        "tăng 39,6% so với cùng kỳ năm 2020."
    )
    assert m.pace == metrics.AHEAD


def test_tourism_reads_as_the_seed_report_and_is_judged_against_last_years_season(demo):
    m = analytics.metric_for(
        Indicator.objects.get(code="KHACH_LUU_TRU"), demo["province"], "2021S1"
    )
    assert (m.plan_pct, m.yoy_pct) == (D("47.0"), D("13.0"))
    assert m.sentence == (
        "Khách qua lưu trú 6 tháng đầu năm 2021 ước đạt 1,9 triệu lượt khách, bằng 47% kế hoạch, "
        "tăng 13% so với cùng kỳ năm 2020."
    )
    # 2020: 1.681.400 of 3.620.000 came in the first half (46,4%): 47% is on track.
    assert m.expected_pct.quantize(D("0.1")) == D("46.4") and m.pace == metrics.ON_TRACK


def test_the_adjusted_plan_wins_and_a_rate_is_not_summed(demo):
    m = analytics.metric_for(Indicator.objects.get(code="KHACH_LUU_TRU"), demo["province"], "2020")
    assert (m.plan, m.plan_kind) == (D("4000000"), "adjusted")
    g = analytics.metric_for(Indicator.objects.get(code="GRDP"), demo["province"], "2021Q1")
    assert g.value is None  # no quarter reported, and a rate is never derived


def test_values_come_from_subperiods_and_from_child_units(demo):
    tourism = Indicator.objects.get(code="KHACH_LUU_TRU")
    dalat = AdminUnit.objects.get(code="672")
    DataValue.objects.filter(indicator=tourism, unit=demo["province"], period_id="2021S1").delete()
    m = analytics.metric_for(tourism, demo["province"], "2021S1")
    assert (m.value, m.source, m.status) == (D("1900000"), metrics.SOURCE_SUBPERIODS, "estimate")
    DataValue.objects.filter(
        indicator=tourism, unit=demo["province"], period_id__startswith="2021"
    ).delete()
    m = analytics.metric_for(tourism, demo["province"], "2021S1")
    assert (m.value, m.source) == (D("1900000"), metrics.SOURCE_CHILDREN)
    # The district's own sentence names it.
    assert analytics.metric_for(tourism, dalat, "2021S1").sentence.startswith(
        "Khách qua lưu trú 6 tháng đầu năm 2021 của Thành phố Đà Lạt ước đạt 1,33 triệu lượt khách"
    )


def test_the_overview_has_every_indicator_and_the_demo_loads_twice_without_change(demo):
    rows = {m.indicator.name: m for m in analytics.overview("2021S1", demo["province"])}
    assert len(rows) == 7
    assert rows["Chi ngân sách địa phương"].sentence.startswith(
        "Chi ngân sách địa phương 6 tháng đầu năm 2021 ước đạt 7.663 tỷ đồng"
    )
    assert "13 xã" in rows["Số xã được công nhận đạt chuẩn nông thôn mới nâng cao"].sentence
    assert "5 xã" in rows["Số xã được công nhận đạt chuẩn nông thôn mới kiểu mẫu"].sentence
    counts = DataValue.objects.count(), TargetValue.objects.count()
    demo_targets.load(demo)
    assert (DataValue.objects.count(), TargetValue.objects.count()) == counts
