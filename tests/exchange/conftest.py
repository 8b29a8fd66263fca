from datetime import date

import pytest
import time_machine

from theodoi.directives.models import Directive, DirectiveKind
from theodoi.targets.models import Indicator
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values, set_targets


@pytest.fixture
def directive(agencies):
    return Directive.objects.create(
        kind=DirectiveKind.PLAN,
        number="112/KH-UBND",
        title="Kế hoạch thực hiện Nghị quyết",
        issuer=agencies["UBND"],
        issued_on=date(2021, 3, 1),
        term="2020-2025",
    )


@pytest.fixture
def june_2021():
    """Time stands at 09:00 on 15/06/2021 (Hà Nội)."""
    with time_machine.travel("2021-06-15 09:00 +0700", tick=False):
        yield date(2021, 6, 15)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def revenue(agencies):
    return Indicator.objects.create(
        code="THU_NSNN",
        name="Thu ngân sách nhà nước",
        unit_of_measure="tỷ đồng",
        decimals=1,
        field="Tài chính",
        kind="flow",
        unit_aggregation="sum",
        lead_agency=agencies["STC"],
        finest_period="month",
        order=1,
    )


@pytest.fixture
def spending(agencies):
    return Indicator.objects.create(
        code="CHI_NSDP",
        name="Chi ngân sách địa phương",
        unit_of_measure="tỷ đồng",
        decimals=3,
        kind="flow",
        lead_agency=agencies["STC"],
        finest_period="quarter",
        order=2,
    )


@pytest.fixture
def tourism(agencies):
    return Indicator.objects.create(
        code="KHACH_LUU_TRU",
        name="Khách qua lưu trú",
        unit_of_measure="lượt khách",
        kind="flow",
        lead_agency=agencies["SVH"],
        finest_period="quarter",
    )


@pytest.fixture
def stc_figures(people, province, revenue, spending, june_2021):
    """STC's plan for 2021, last year's Q2 and a first estimate of this Q2 revenue."""
    set_targets(
        people["steering"],
        [{"indicator": "THU_NSNN", "unit": "68", "period": "2021", "value": "9300"}],
    )
    record_values(
        people["steering"],
        [
            ValueRow(
                indicator="THU_NSNN", unit="68", period="2020Q2", value="2000", status="official"
            ),
            ValueRow(
                indicator="THU_NSNN", unit="68", period="2021Q2", value="2100,5", status="estimate"
            ),
        ],
        source="nhập tay",
    )
