"""The two indicators of the seed's sentences most tests read, with the budget estimate."""

from decimal import Decimal

import pytest

from theodoi.core.periods import Period
from theodoi.targets.models import Indicator, TargetValue


@pytest.fixture
def indicators(agencies, people, province):
    thu = Indicator.objects.create(
        code="THU_NSNN",
        name="Thu ngân sách nhà nước",
        unit_of_measure="tỷ đồng",
        lead_agency=agencies["STC"],
        synonyms="thu NSNN",
    )
    khach = Indicator.objects.create(
        code="KHACH_LUU_TRU",
        name="Khách qua lưu trú",
        unit_of_measure="lượt khách",
        lead_agency=agencies["SVH"],
    )
    tv = TargetValue(
        indicator=thu,
        unit=province,
        kind="estimate",
        value=Decimal(9300),
        created_at="2021-01-01T00:00Z",
    )
    tv.set_period(Period.year_(2021))
    tv.save()
    return thu, khach
