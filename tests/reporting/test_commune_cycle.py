"""A commune's People's Committee in a reporting cycle (issue 11): the cycle expects it, its
report's template holds the figures collected at its own unit, and the figures it types there
go through targets.record_values in its name."""

import pytest
import time_machine

from tests.reporting.conftest import at
from theodoi.core.errors import DomainError
from theodoi.reporting import services
from theodoi.reporting.queries import template_rows_for
from theodoi.targets.models import DataValue

pytestmark = pytest.mark.django_db


def test_a_commune_reports_its_own_figures_in_its_cycle(
    regime, people, tourism, revenue, commune_agencies, commune_people
):
    tourism.levels = [1, 3]
    tourism.save()
    revenue.levels = [1]
    revenue.save()
    xh, clerk = commune_agencies["24781"], commune_people["xuanhuong"]
    regime.agencies.set([xh, commune_agencies["24778"]])
    with time_machine.travel(at(2026, 6, 15), tick=False):
        cycle = services.open_cycle(people["steering"], regime, "2026S1")
    assert set(cycle.agencies.all()) == {xh, commune_agencies["24778"]}
    with time_machine.travel(at(2026, 6, 30), tick=False):
        sub = services.start_submission(clerk, cycle, xh)
        assert [t.indicator.code for t in template_rows_for(sub)] == ["KHACH_LUU_TRU"]
        services.save_submission(
            clerk,
            sub,
            sections={"ket-qua": "Đạt."},
            values=[{"indicator": "KHACH_LUU_TRU", "value": "1.650.000"}],
        )
        # Revenue is the province's (Sở Tài chính's), not in the commune's template.
        with pytest.raises(DomainError, match="không có trong biểu mẫu"):
            services.save_submission(clerk, sub, values=[{"indicator": "THU_NSNN", "value": "10"}])
        # Nor may it start another commune's report.
        with pytest.raises(DomainError):
            services.start_submission(clerk, cycle, commune_agencies["24778"])
    dv = DataValue.objects.get()
    assert (dv.unit.code, dv.agency, dv.author) == ("24781", xh, clerk)
    assert dv.value == 1650000 and dv.source == "báo cáo định kỳ"
