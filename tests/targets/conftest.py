"""Targets fixtures: indicators led by STC (revenue) and SVH (tourism), communes."""

from datetime import date

import pytest

from theodoi.org.models import AdminUnit, UnitKind
from theodoi.targets.models import Indicator


@pytest.fixture
def communes(districts):
    dl, bl = districts
    return [
        AdminUnit.objects.create(
            code="24778", name="Phường 1", kind=UnitKind.WARD, parent=dl, valid_to=date(2025, 6, 30)
        ),
        AdminUnit.objects.create(
            code="24781", name="Phường 2", kind=UnitKind.WARD, parent=dl, valid_to=date(2025, 6, 30)
        ),
        AdminUnit.objects.create(
            code="24820",
            name="Phường Lộc Phát",
            kind=UnitKind.WARD,
            parent=bl,
            valid_to=date(2025, 6, 30),
        ),
    ]


@pytest.fixture
def revenue(agencies):
    return Indicator.objects.create(
        code="THU_NSNN",
        name="Thu ngân sách nhà nước",
        unit_of_measure="tỷ đồng",
        field="Tài chính",
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
        field="Du lịch",
        kind="flow",
        lead_agency=agencies["SVH"],
        finest_period="quarter",
    )


@pytest.fixture
def grdp(agencies):
    return Indicator.objects.create(
        code="GRDP",
        name="Tốc độ tăng trưởng GRDP (giá so sánh 2010)",
        unit_of_measure="%",
        kind="rate",
        unit_aggregation="none",
        allow_negative=True,
        decimals=1,
        lead_agency=agencies["STC"],
        finest_period="quarter",
    )


@pytest.fixture
def communes_ntm(agencies):
    return Indicator.objects.create(
        code="XA_NTM",
        name="Số xã đạt chuẩn nông thôn mới",
        unit_of_measure="xã",
        kind="stock",
        lead_agency=agencies["STC"],
        finest_period="quarter",
    )
