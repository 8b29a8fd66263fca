"""Who may enter an indicator's figure for a unit (issue 11):
permissions.targets.can_enter_for_unit. Since 01/07/2025 a commune's People's Committee
enters its own figures; the lead agency and the steering office still enter for any unit."""

import pytest

from theodoi.core.periods import Period
from theodoi.org.models import AgencyKind
from theodoi.permissions import targets as perms
from theodoi.targets.models import Indicator

XUAN_HUONG, LAM_VIEN, PROVINCE = "24781", "24778", "68"
H1_2026, H1_2025 = Period.parse("2026S1"), Period.parse("2025S1")


@pytest.fixture
def tourism(agencies):
    """Followed at province and commune level, led by Sở VHTTDL (whose specialist is the
    conftest's "outsider" of STC's work: here the lead agency's specialist)."""
    return Indicator.objects.create(
        code="KHACH_LUU_TRU",
        name="Khách qua lưu trú",
        unit_of_measure="lượt khách",
        lead_agency=agencies["SVH"],
        finest_period="quarter",
        levels=[1, 3],
    )


@pytest.fixture
def revenue(agencies):
    """Followed at province level only, led by Sở Tài chính."""
    return Indicator.objects.create(
        code="THU_NSNN",
        name="Thu ngân sách nhà nước",
        unit_of_measure="tỷ đồng",
        lead_agency=agencies["STC"],
        finest_period="month",
        levels=[1],
    )


@pytest.fixture
def person(people, commune_people):
    return {**people, **commune_people}


@pytest.fixture
def unit(province, new_communes):
    return {PROVINCE: province, **new_communes}


# (persona, unit, expected) for the tourism indicator in H1 2026.
TOURISM_2026 = [
    ("admin", XUAN_HUONG, True),
    ("steering", XUAN_HUONG, True),
    ("steering", PROVINCE, True),
    ("outsider", XUAN_HUONG, True),  # Sở VHTTDL's specialist: the lead agency, any unit
    ("outsider", PROVINCE, True),
    ("xuanhuong", XUAN_HUONG, True),  # the commune's own People's Committee
    ("xuanhuong", LAM_VIEN, False),  # another commune
    ("xuanhuong", PROVINCE, False),  # the province's figure is the department's
    ("lamvien", LAM_VIEN, True),
    ("lamvien", XUAN_HUONG, False),
    ("specialist", XUAN_HUONG, False),  # Sở Tài chính does not lead tourism
    ("leader", XUAN_HUONG, False),
    ("viewer", XUAN_HUONG, False),
    ("viewer", PROVINCE, False),
    ("nobody", XUAN_HUONG, False),
]


@pytest.mark.parametrize(("persona", "where", "expected"), TOURISM_2026)
def test_every_role_for_every_unit(persona, where, expected, person, unit, tourism):
    assert perms.can_enter_for_unit(person[persona], tourism, unit[where], H1_2026) is expected


def test_a_commune_only_while_its_unit_exists(person, unit, tourism):
    """Phường Xuân Hương - Đà Lạt exists from 01/07/2025: not for the first half of 2025;
    the lead agency is not bound by it here (record_values refuses a unit out of its time
    for everyone, with its own message)."""
    xh = unit[XUAN_HUONG]
    assert perms.can_enter_for_unit(person["xuanhuong"], tourism, xh, Period.parse("2025S2"))
    assert not perms.can_enter_for_unit(person["xuanhuong"], tourism, xh, H1_2025)
    assert not perms.collected_at(tourism, xh, H1_2025)


def test_a_commune_only_for_figures_collected_at_its_level(person, unit, tourism, revenue):
    xh = unit[XUAN_HUONG]
    assert not perms.can_enter_for_unit(person["xuanhuong"], revenue, xh, H1_2026)
    assert perms.can_enter_for_unit(person["specialist"], revenue, xh, H1_2026)  # lead agency
    # Not a period finer than the indicator's finest one, nor a term.
    assert not perms.can_enter_for_unit(person["xuanhuong"], tourism, xh, Period.parse("202601"))
    assert not perms.can_enter_for_unit(person["xuanhuong"], tourism, xh, Period.parse("2025-2030"))
    # The commune still enters no indicator "for its agency" elsewhere: it leads none.
    assert not perms.can_write_for_indicator(person["xuanhuong"], tourism)


def test_the_agency_a_figure_is_entered_in_the_name_of(
    person, unit, tourism, agencies, commune_agencies
):
    xh = unit[XUAN_HUONG]
    assert perms.entering_agency_id(person["xuanhuong"], tourism, xh) == (
        commune_agencies[XUAN_HUONG].pk
    )
    assert perms.entering_agency_id(person["outsider"], tourism, xh) == agencies["SVH"].pk
    assert perms.entering_agency_id(person["steering"], tourism, xh) == agencies["SVH"].pk
    assert perms.entering_agency_id(person["viewer"], tourism, xh) is None


def test_only_a_peoples_committee_below_the_province_answers_for_its_unit(
    person, unit, agencies, commune_agencies, people
):
    """The province's own People's Committee and the departments (whose địa bàn is the
    province) are no commune: their unit's figures are the lead agencies'."""
    assert perms.home_units(person["xuanhuong"]) == {
        unit[XUAN_HUONG].pk: commune_agencies[XUAN_HUONG].pk
    }
    for persona in ("steering", "leader", "specialist", "viewer", "outsider", "nobody"):
        assert perms.home_units(people[persona]) == {}, persona
    assert perms.is_home_agency(commune_agencies[XUAN_HUONG], unit[XUAN_HUONG])
    assert not perms.is_home_agency(commune_agencies[XUAN_HUONG], unit[LAM_VIEN])
    assert not perms.is_home_agency(agencies["UBND"], unit[PROVINCE])
    assert not perms.is_home_agency(agencies["STC"], unit[PROVINCE])
    # The data-entry page is open to the commune's specialist.
    assert perms.can_enter_data(person["xuanhuong"])
    # permissions names the kind without importing org: the same value.
    assert perms.HOME_AGENCY_KIND == AgencyKind.PEOPLES_COMMITTEE
