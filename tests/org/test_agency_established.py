"""An agency exists from its date of establishment (when recorded) until it is dissolved:
the home page's list as of a date, the pickers (Agency.objects.active_on) and successions."""

from datetime import date

import pytest

from theodoi.core.errors import DomainError
from theodoi.org.models import Agency, AgencyKind
from theodoi.org.services import record_agency_succession

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(agencies):
    return agencies["STC"].unit


def _agency(unit, code, **kw):
    return Agency.objects.create(
        code=code, name=f"Sở {code}", kind=AgencyKind.DEPARTMENT, unit=unit, **kw
    )


def test_an_agency_is_active_between_its_establishment_and_its_dissolution(unit):
    new = _agency(unit, "MOI", established_on=date(2025, 3, 1))
    old = _agency(unit, "CU", dissolved_on=date(2025, 3, 1))
    always = _agency(unit, "LUON")
    on = lambda d: set(Agency.objects.active_on(d).values_list("code", flat=True))  # noqa: E731
    assert {"CU", "LUON"} <= on(date(2025, 2, 28)) and "MOI" not in on(date(2025, 2, 28))
    assert {"MOI", "LUON"} <= on(date(2025, 3, 1)) and "CU" not in on(date(2025, 3, 1))
    assert [a.is_active_on(date(2025, 2, 28)) for a in (new, old, always)] == [False, True, True]
    assert [a.is_active_on(date(2025, 3, 1)) for a in (new, old, always)] == [True, False, True]


def test_a_successor_established_after_the_merge_day_is_refused(unit, people):
    _agency(unit, "CU")
    _agency(unit, "MOI", established_on=date(2025, 3, 1))
    with pytest.raises(DomainError, match="thành lập từ 01/03/2025, sau ngày 01/02/2025"):
        record_agency_succession(
            people["admin"],
            predecessor_code="CU",
            successor_code="MOI",
            kind="merge",
            effective=date(2025, 2, 1),
        )
    assert not Agency.objects.get(code="CU").dissolved_on
