"""Reporting fixtures: a half-year socio-economic regime that STC and SVH report to the
steering office, with a data template of revenue (STC) and tourism (SVH)."""

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from theodoi.core.periods import Period
from theodoi.reporting import services
from theodoi.reporting.models import ReportingRegime, TemplateItem
from theodoi.targets.models import DataValue, Indicator, TargetValue

OUTLINE = [
    {"key": "ket-qua", "heading": "1. Kết quả thực hiện nhiệm vụ", "required": True},
    {"key": "kho-khan", "heading": "2. Khó khăn, vướng mắc", "required": True},
    {"key": "kien-nghi", "heading": "3. Đề xuất, kiến nghị", "required": False},
]


def at(y, m, d, h=9):
    return timezone.make_aware(datetime(y, m, d, h))


@pytest.fixture
def revenue(agencies):
    return Indicator.objects.create(
        code="THU_NSNN",
        name="Thu ngân sách nhà nước",
        unit_of_measure="tỷ đồng",
        field="ngân sách",
        kind="flow",
        unit_aggregation="sum",
        lead_agency=agencies["STC"],
        finest_period="month",
    )


@pytest.fixture
def tourism(agencies):
    return Indicator.objects.create(
        code="KHACH_LUU_TRU",
        name="Khách qua lưu trú",
        unit_of_measure="lượt khách",
        field="du lịch",
        kind="flow",
        lead_agency=agencies["SVH"],
        finest_period="quarter",
    )


@pytest.fixture
def regime(agencies, revenue, tourism):
    r = ReportingRegime.objects.create(
        code="ktxh",
        name="Báo cáo tình hình kinh tế - xã hội",
        content="Tình hình thực hiện nhiệm vụ kinh tế - xã hội.",
        recipient=agencies["VP"],
        frequency="half",
        deadline_kind="working_days",
        deadline_day=3,
        outline=OUTLINE,
        issuer=agencies["UBND"],
        signer_name="Trần Văn Hiệp",
        recipients="Văn phòng Chính phủ\nTT Tỉnh ủy, TT HĐND tỉnh\nLưu: VT, TH",
    )
    r.agencies.set([agencies["STC"], agencies["SVH"]])
    TemplateItem.objects.create(regime=r, indicator=revenue, order=1)
    TemplateItem.objects.create(regime=r, indicator=tourism, order=2)
    return r


@pytest.fixture
def cycle(regime, people):
    with time_machine.travel(at(2021, 6, 1), tick=False):
        return services.open_cycle(people["steering"], regime, "2021S1")


@pytest.fixture
def figures(province, revenue, tourism, people):
    """Plan and last year's figures, so that the sentences carry the seed's percentages."""
    now = timezone.now()
    for ind, plan, kind in [(revenue, "9295", "estimate"), (tourism, "4042553", "plan")]:
        tv = TargetValue(
            indicator=ind, unit=province, kind=kind, value=Decimal(plan), created_at=now
        )
        tv.set_period(Period.parse("2021"))
        tv.save()
    for ind, value in [(revenue, "4487.8"), (tourism, "1681416")]:
        dv = DataValue(
            indicator=ind,
            unit=province,
            value=Decimal(value),
            status="official",
            created_at=now,
            agency=ind.lead_agency,
        )
        dv.set_period(Period.parse("2020S1"))
        dv.save()


def fill(user, sub, value="6265", **sections):
    texts = {"ket-qua": "Thu ngân sách đạt khá.", "kho-khan": "Dịch Covid-19 ảnh hưởng."}
    texts.update(sections)
    code = (
        sub.cycle.regime.template.filter(indicator__lead_agency=sub.agency).first().indicator.code
    )
    return services.save_submission(
        user, sub, sections=texts, values=[{"indicator": code, "value": value}]
    )


@pytest.fixture
def submitted(cycle, people, agencies):
    """STC's report drafted by the specialist, signed off and sent by the leader on 15/06/2021."""
    with time_machine.travel(at(2021, 6, 10), tick=False):
        sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
        fill(people["specialist"], sub)
        services.sign_off(people["leader"], sub)
    with time_machine.travel(at(2021, 6, 15), tick=False):
        services.submit(people["leader"], sub)
    sub.refresh_from_db()
    return sub
