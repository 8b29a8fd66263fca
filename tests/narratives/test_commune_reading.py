"""A commune's People's Committee reads its own report (issue 11): a figure of its own unit is
proposed for it to write, another commune's is not (permissions.targets.can_enter_for_unit)."""

from datetime import date

import pytest

from tests.conftest import _person
from theodoi.narratives import services
from theodoi.org.models import AdminUnit, Agency, AgencyKind, UnitKind
from theodoi.permissions.roles import Role
from theodoi.targets.models import DataValue

pytestmark = pytest.mark.django_db

TEXT = (
    "Khách qua lưu trú 6 tháng đầu năm 2026 trên địa bàn phường Mũi Né ước đạt 1,42 triệu "
    "lượt. Khách qua lưu trú 6 tháng đầu năm 2026 trên địa bàn phường Bắc Gia Nghĩa ước đạt "
    "85.000 lượt."
)


def test_a_commune_may_write_its_own_units_figure_only(indicators, agencies, province):
    _thu, khach = indicators
    khach.levels = [1, 3]
    khach.save()
    after = date(2025, 7, 1)
    mui_ne, bac_gia_nghia = (
        AdminUnit.objects.create(code=code, name=name, kind=kind, parent=province, valid_from=after)
        for code, name, kind in (
            ("22918", "Phường Mũi Né", UnitKind.WARD),
            ("24611", "Phường Bắc Gia Nghĩa", UnitKind.WARD),
        )
    )
    ubnd = Agency.objects.create(
        code="UBND-22918",
        name="Ủy ban nhân dân phường Mũi Né",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        unit=mui_ne,
        established_on=after,
    )
    clerk = _person("chuyenvien.muine", ubnd, Role.SPECIALIST)
    got = services.preview(clerk, text=TEXT)
    by_unit = {s["unit"]: s for s in got["statements"] if s["indicator"] == "KHACH_LUU_TRU"}
    assert by_unit["22918"]["committable"] is True, by_unit["22918"]["flags"]
    assert by_unit[bac_gia_nghia.code]["committable"] is False
    assert "Bạn không có quyền nhập số liệu chỉ tiêu này." in by_unit["24611"]["flags"]
    assert not DataValue.objects.exists()
