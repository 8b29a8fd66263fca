"""The lineage rules on plain values, and the national dataset's loader."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError
from theodoi.org import dataset as ds
from theodoi.org import loading
from theodoi.org.lineage import (
    Link,
    UnitSpan,
    check_code_free,
    check_successions,
    find_cycle,
    outside_message,
)
from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession
from theodoi.org.queries import unit_at, unit_for_span

END, START = date(2025, 6, 30), date(2025, 7, 1)


def units(*spans):
    return {s.key: s for s in spans}


A = UnitSpan("a", "Xã A", None, END)
B = UnitSpan("b", "Xã B", None, END)
N = UnitSpan("n", "Xã N", START, None)
M = UnitSpan("m", "Xã M", START, None)


def test_whole_merges_and_complete_splits_stand():
    links = [
        Link("a", "n", START),
        Link("b", "n", START, Decimal("0.4")),
        Link("b", "m", START, Decimal("0.6")),
    ]
    assert check_successions(units(A, B, N, M), links) == []


def test_shares_not_adding_up_to_100_percent_are_refused():
    links = [Link("b", "n", START, Decimal("0.4")), Link("b", "m", START, Decimal("0.5"))]
    (msg,) = check_successions(units(B, N, M), links)
    assert msg == "Tỷ lệ chia của Xã B cộng lại 90,00%, không phải 100%."


def test_a_split_missing_a_share_is_refused():
    links = [Link("b", "n", START), Link("b", "m", START, Decimal("0.5"))]
    assert "thiếu tỷ lệ" in check_successions(units(B, N, M), links)[0]


def test_a_predecessor_valid_after_its_successor_starts_is_refused():
    still = UnitSpan("a", "Xã A", None, date(2025, 12, 31))
    (msg,) = check_successions(units(still, N), [Link("a", "n", START)])
    assert msg == "Xã A còn hiệu lực đến 31/12/2025, sau khi Xã N bắt đầu từ 01/07/2025."


def test_a_cycle_is_refused():
    x = UnitSpan("x", "Xã X", None, date(2020, 1, 1))
    y = UnitSpan("y", "Xã Y", None, date(2020, 1, 1))
    errors = check_successions(
        units(x, y), [Link("x", "y", date(2021, 1, 1)), Link("y", "x", date(2021, 1, 1))]
    )
    assert any("vòng lặp" in e and "Xã X → Xã Y → Xã X" in e for e in errors)
    assert find_cycle([(1, 2), (2, 3)]) == []


def test_one_code_may_name_two_units_at_different_dates_only():
    held = [("Phường Hàm Tiến", None, END)]
    assert check_code_free("22918", START, None, held) == ""
    assert "Phường Hàm Tiến" in check_code_free("22918", date(2025, 6, 1), None, held)


def test_outside_message_names_the_day_the_unit_ended():
    assert outside_message(A, date(2026, 1, 1)) == "Xã A không còn tồn tại từ 01/07/2025."
    assert outside_message(N, date(2024, 1, 1)) == "Xã N chỉ tồn tại từ 01/07/2025."


def test_area_shares_add_up_to_exactly_one():
    shares = ds.area_shares([Decimal("10"), Decimal("20"), Decimal("3.3")])
    assert sum(shares) == Decimal(1) and shares[0] == Decimal("0.300300")
    assert ds.area_shares([Decimal("5"), Decimal("0")]) == [Decimal("0.5"), Decimal("0.5")]


@pytest.mark.django_db
def test_the_database_refuses_a_code_held_twice_on_one_day():
    AdminUnit.objects.create(code="99", name="Tỉnh Cũ", kind=UnitKind.PROVINCE, valid_to=END)
    AdminUnit.objects.create(code="99", name="Tỉnh Mới", kind=UnitKind.PROVINCE, valid_from=START)
    with pytest.raises(ValidationError, match="Mã 99 đang là mã của Tỉnh (Cũ|Mới)"):
        AdminUnit.objects.create(
            code="99", name="Tỉnh Khác", kind=UnitKind.PROVINCE, valid_from=date(2025, 1, 1)
        )


@pytest.fixture(scope="module")
def lam_dong():
    return ds.read({"68"})


@pytest.mark.django_db
def test_lam_dong_loads_with_its_history_and_a_second_load_changes_nothing(lam_dong):
    first = loading.load(lam_dong)
    assert first.units_created == len(lam_dong.units)
    new = unit_at("68", START)
    assert new.children.count() == 124
    assert unit_at("68", date(2021, 6, 30)) != new
    # A code names one unit at one date.
    assert unit_at("22918", END).name == "Phường Hàm Tiến"
    assert unit_at("22918", START).name == "Phường Mũi Né"
    assert unit_at("682", date(2021, 6, 30)).name == "Huyện Đạ Tẻh"
    assert unit_at("682", date(2025, 3, 1)).name == "Huyện Đạ Huoai"
    # Lâm Đồng's 2021 district-level units: 12; after the Đạ Huoai merger: 10.
    old = unit_at("68", END)
    assert old.children.valid_on(date(2021, 6, 30)).count() == 12
    assert old.children.valid_on(date(2025, 6, 1)).count() == 10
    # Every split predecessor's shares add up to 1, and are flagged as estimates.
    split = UnitSuccession.objects.filter(kind="split")
    assert split.exists() and all(s.share_is_estimate for s in split)
    totals = {}
    for s in split:
        totals[s.predecessor_id] = totals.get(s.predecessor_id, 0) + s.share
    assert set(totals.values()) == {Decimal(1)}
    assert AuditEntry.objects.filter(action="org.units.loaded").count() == 1
    again = loading.load(lam_dong)
    assert (again.units_created, again.units_updated, again.successions_created) == (0, 0, 0)
    assert AuditEntry.objects.filter(action="org.units.loaded").count() == 1


@pytest.mark.django_db
def test_a_code_resolves_with_the_period_it_speaks_of(lam_dong):
    loading.load(lam_dong)
    unit, why = unit_for_span("22918", date(2026, 1, 1), date(2026, 6, 30))
    assert unit.name == "Phường Mũi Né" and why == ""
    unit, why = unit_for_span("22915", date(2026, 1, 1), date(2026, 6, 30))
    gone = AdminUnit.objects.get(code="22915")
    assert unit is None and why == f"{gone.name} không còn tồn tại từ 01/07/2025."


@pytest.mark.django_db
def test_a_load_that_would_give_one_code_to_two_units_writes_nothing(lam_dong):
    AdminUnit.objects.create(
        code="22918", name="Phường Giả", kind=UnitKind.WARD, valid_from=date(2020, 1, 1)
    )
    with pytest.raises(DomainError, match="Phường Giả"):
        loading.load(lam_dong)
    assert AdminUnit.objects.count() == 1 and not UnitSuccession.objects.exists()


@pytest.mark.django_db
def test_a_communes_page_shows_its_lineage(lam_dong, client, people):
    loading.load(lam_dong)
    mui_ne = unit_at("22918", START)
    client.force_login(people["viewer"])
    html = client.get(f"/don-vi/{mui_ne.pk}/").content.decode()
    assert "Phường Mũi Né" in html and "Hình thành từ" in html
    assert "Phường Hàm Tiến" in html and "01/07/2025" in html
    assert ds.COMMUNE_BASIS in html  # which resolution
    old = unit_at("22918", END)
    html = client.get(f"/don-vi/{old.pk}/").content.decode()
    assert "Sáp nhập, chia tách vào" in html and "Phường Mũi Né" in html
    client.force_login(people["nobody"])
    assert client.get(f"/don-vi/{old.pk}/").status_code == 403


@pytest.mark.django_db
def test_a_load_with_a_bad_succession_writes_nothing_and_says_why():
    old = ds.UnitRecord(("old", "1"), "1", "Xã A", "xa", None, None, END)
    n = ds.UnitRecord(("new", "1"), "1", "Xã N", "xa", None, START, None)
    m = ds.UnitRecord(("new", "2"), "2", "Xã M", "xa", None, START, None)
    split = [
        ds.SuccessionRecord(("old", "1"), ("new", "1"), "split", START, Decimal("0.5"), True, ""),
        ds.SuccessionRecord(("old", "1"), ("new", "2"), "split", START, Decimal("0.3"), True, ""),
    ]
    with pytest.raises(DomainError, match="Tỷ lệ chia của Xã A cộng lại 80,00%"):
        loading.load(ds.Dataset([old, n, m], split))
    late = ds.UnitRecord(("old", "1"), "1", "Xã A", "xa", None, None, date(2025, 12, 31))
    with pytest.raises(DomainError, match="Xã A còn hiệu lực đến 31/12/2025"):
        loading.load(
            ds.Dataset(
                [late, m],
                [ds.SuccessionRecord(("old", "1"), ("new", "2"), "merge", START, None, False, "")],
            )
        )
    assert not AdminUnit.objects.exists() and not UnitSuccession.objects.exists()
    assert not AuditEntry.objects.filter(action="org.units.loaded").exists()
